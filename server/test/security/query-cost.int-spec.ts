/**
 * The query cost limit counts page sizes however they are given (literal, variable, variable
 * default, schema default), every alias and every fragment use, and refuses before any
 * resolver runs.
 */
import { jest } from '@jest/globals';
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

  it('still refuses queries nested too deep', async () => {
    const nest = (n: number): string => (n === 0 ? 'id' : `id replies { ${nest(n - 1)} }`);
    const deep = `query($id: ID!) { package(id: $id) { comments { ${nest(12)} } } }`;
    const res = await app.gql(deep, { id: w.packages.a1 }, token);
    expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors![0]!.message).toMatch(/深度 \d+，上限 12/);
  });
});
