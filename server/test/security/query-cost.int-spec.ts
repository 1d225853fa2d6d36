/**
 * The query cost limit counts page sizes however they are given (literal, variable, variable
 * default, schema default), every alias and every fragment use, and refuses before any
 * resolver runs, over HTTP and over the WebSocket (subscriptions and operations sent there).
 */
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SESSION_COOKIE } from '../../src/common/access.guard.js';
import { LiveBus } from '../../src/modules/live/live-bus.js';
import { MAX_QUERY_COST } from '../../src/common/graphql.config.js';
import { PackageQueueService } from '../../src/modules/package/package-queue.service.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, errorCode, type World } from '../support/factories.js';

const NODES = 'totalCount nodes { id state version document }';
const aliases = (n: number, field: string) => Array.from({ length: n }, (_, i) => `p${i}: ${field}`).join('\n');

describe('query cost', () => {
  let app: TestApp;
  let w: World;
  let token: string;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
    token = w.users['a.reviewer']!.token;
  }, 60_000);
  afterAll(() => app?.close());
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['a variable', `query($n: Int) { ${aliases(100, `packages(first: $n) { ${NODES} }`)} }`, { n: 200 }],
    ['a variable default', `query($n: Int = 200) { ${aliases(100, `packages(first: $n) { ${NODES} }`)} }`, {}],
    ['the schema default (first omitted)', `{ ${aliases(100, `packages { ${NODES} }`)} }`, {}],
    ['a literal', `{ ${aliases(100, `packages(first: 200) { ${NODES} }`)} }`, {}],
    ['a fragment used by every alias', `query($n: Int) { ${aliases(100, 'packages(first: $n) { ...page }')} } fragment page on PackagePage { ${NODES} }`, { n: 200 }],
  ])('refuses 100 aliases of a page sized by %s, before any resolver runs', async (_how, query, variables) => {
    const list = jest.spyOn(app.get(PackageQueueService), 'list');
    const res = await app.gql(query, variables, token);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0]!.message).toMatch(/查询过于复杂（成本 \d+，上限 20000）/);
    expect(res.data ?? null).toBeNull();
    expect(list).not.toHaveBeenCalled();
  });

  it('allows one large page, and many small ones', async () => {
    const one = await app.gql(`query($n: Int) { packages(first: $n) { ${NODES} } }`, { n: 200 }, token);
    expect(one.errors).toBeUndefined();
    const small = await app.gql(`query($n: Int) { ${aliases(20, `packages(first: $n) { ${NODES} }`)} }`, { n: 5 }, token);
    expect(small.errors).toBeUndefined();
    expect(MAX_QUERY_COST).toBe(20_000);
  });

  it('judges a repeated query text by the variables of each request: the same text allowed small and refused large, in any order', async () => {
    const query = `query($n: Int, $withDocs: Boolean!) { ${aliases(100, `packages(first: $n) { totalCount nodes { id document @include(if: $withDocs) } }`)} }`;
    for (let round = 0; round < 2; round++) {
      expect((await app.gql(query, { n: 5, withDocs: true }, token)).errors).toBeUndefined();
      expect(errorCode(await app.gql(query, { n: 200, withDocs: true }, token))).toBe('QUERY_TOO_COMPLEX');
      // The same page size without the documents costs less; @include's variable is part of the judgement.
      expect((await app.gql(query, { n: 60, withDocs: false }, token)).errors).toBeUndefined();
      expect(errorCode(await app.gql(query, { n: 60, withDocs: true }, token))).toBe('QUERY_TOO_COMPLEX');
    }
  });

  /** One operation over graphql-ws as a signed-in browser sends it; what came back (data or errors). */
  async function overSocket(query: string, variables: Record<string, unknown> = {}, waitMs = 1000): Promise<{ data: unknown[]; errors: unknown[] }> {
    const { port } = app.app.getHttpServer().address() as AddressInfo;
    const headers = { cookie: `${SESSION_COOKIE}=${token}` };
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      retryAttempts: 0,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      },
    });
    const seen = { data: [] as unknown[], errors: [] as unknown[] };
    await new Promise<void>((resolve) => {
      const stop = client.subscribe<unknown>({ query, variables }, {
        next: (r) => {
          if (r.errors) seen.errors.push(...r.errors);
          if (r.data) seen.data.push(r.data);
          // A subscription let through stays open: one answer (or none within a second) is enough to judge.
          stop();
          resolve();
        },
        error: (e) => {
          seen.errors.push(...(Array.isArray(e) ? e : [e]));
          resolve();
        },
        complete: () => resolve(),
      });
      setTimeout(() => {
        stop();
        resolve();
      }, waitMs);
    });
    await client.dispose();
    return seen;
  }

  describe('over the WebSocket', () => {
    beforeAll(() => app.app.listen(0, '127.0.0.1'));

    it('refuses a subscription over the limits, before it is set up', async () => {
      const events = jest.spyOn(app.get(LiveBus), 'events');
      // The event type has no lists: only many fields make a subscription costly.
      const fields = Array.from({ length: 10_001 }, (_, i) => `k${i}: kind`).join(' ');
      const res = await overSocket(`subscription { liveEvents { ${fields} } }`, {}, 20_000);
      expect(res.data).toEqual([]);
      expect(res.errors).toEqual([expect.objectContaining({ message: '查询过于复杂（字段超过 10000 个）', extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) })]);
      expect(events).not.toHaveBeenCalled();
    });

    it('refuses a query sent over the socket the same way, sized by a variable, before any resolver runs', async () => {
      const list = jest.spyOn(app.get(PackageQueueService), 'list');
      const res = await overSocket(`query($n: Int) { ${aliases(100, `packages(first: $n) { ${NODES} }`)} }`, { n: 200 });
      expect(res.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }) })]);
      expect(list).not.toHaveBeenCalled();
    });

    it('lets a subscription within the limit through, and a small query answers', async () => {
      const events = jest.spyOn(app.get(LiveBus), 'events');
      const sub = await overSocket('subscription { liveEvents { kind packageId at } }');
      expect(sub.errors).toEqual([]);
      expect(events).toHaveBeenCalledTimes(1);
      const small = await overSocket(`query($n: Int) { packages(first: $n) { totalCount } }`, { n: 5 });
      expect(small.errors).toEqual([]);
      expect(small.data).toEqual([{ packages: { totalCount: expect.any(Number) } }]);
    });
  });

  it('refuses an operation of too many fields with the same code over HTTP, not as an internal error', async () => {
    const res = await app.gql(`{ me { ${Array.from({ length: 10_001 }, (_, i) => `k${i}: id`).join(' ')} } }`, {}, token);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0]!.message).toBe('查询过于复杂（字段超过 10000 个）');
  });

  it('still refuses queries nested too deep', async () => {
    const nest = (n: number): string => (n === 0 ? 'id' : `id replies { ${nest(n - 1)} }`);
    const deep = `query($id: ID!) { package(id: $id) { comments { ${nest(12)} } } }`;
    const res = await app.gql(deep, { id: w.packages.a1 }, token);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0]!.message).toMatch(/深度 \d+，上限 12/);
  });
});
