import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { SESSION_COOKIE } from '../../src/common/access.guard.js';
import { TEST_BACKEND } from '../support/backend.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, forceState, packageRow, type World } from '../support/factories.js';

const LIVE = 'subscription { liveEvents { kind packageId campaignId state action actorRole version at } }';
const CLAIM = 'mutation($p: ID!, $v: Int!) { claimPackage(packageId: $p, expectedVersion: $v) { id state } }';
const REMIND = 'mutation($id: ID!) { remindUnit(packageId: $id) { recipients } }';

interface LiveEvent {
  kind: string;
  packageId: string | null;
  state: string | null;
  action: string | null;
  version: number | null;
}

async function listen(app: TestApp): Promise<string> {
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  return `ws://127.0.0.1:${port}/graphql`;
}

/** A subscriber as a signed-in browser is: its session cookie on the upgrade request. */
function subscriber(url: string, token: string | null, origin?: string) {
  const events: LiveEvent[] = [];
  let closedWith: number | null = null;
  const errors: unknown[] = [];
  const headers: Record<string, string> = {};
  if (token) headers.cookie = `${SESSION_COOKIE}=${token}`;
  if (origin) headers.origin = origin;
  const client: Client = createClient({
    url,
    lazy: false,
    retryAttempts: 0,
    // The connection itself failing (a refused origin) is what some tests expect: recorded, not logged.
    onNonLazyError: (e) => errors.push(e),
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    on: { closed: (e) => (closedWith = (e as { code?: number }).code ?? 0) },
  });
  const ready = new Promise<void>((resolve) => {
    client.on('connected', () => resolve());
    client.on('closed', () => resolve());
  });
  client.subscribe<{ liveEvents: LiveEvent }>({ query: LIVE }, { next: (r) => r.data && events.push(r.data.liveEvents), error: (e) => errors.push(e), complete: () => undefined });
  return { events, errors, ready, closedWith: () => closedWith, close: () => client.dispose() };
}

async function until(check: () => boolean, ms: number, what: string): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

describe('live updates over GraphQL subscriptions', () => {
  let app: TestApp;
  let w: World;
  let url: string;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start();
    w = await buildWorld(app);
    url = await listen(app);
  });
  afterAll(() => app?.close());

  it('tells the bureau and the unit that a package was claimed, within a second, and nobody else', async () => {
    await forceState(app, w.packages.a1, 'SUBMITTED');
    const colleague = subscriber(url, as('a.reviewer2'));
    const unitFiller = subscriber(url, as('a1.filler'));
    const otherUnit = subscriber(url, as('a2.filler'));
    const otherBureau = subscriber(url, as('b.reviewer'));
    const anonymous = subscriber(url, null);
    await Promise.all([colleague, unitFiller, otherUnit, otherBureau, anonymous].map((s) => s.ready));
    await new Promise((r) => setTimeout(r, 100)); // subscriptions registered
    const version = (await packageRow(app, w.packages.a1)).version;
    await app.ok(CLAIM, { p: w.packages.a1, v: version }, as('a.reviewer'));
    const took = await until(() => colleague.events.length > 0 && unitFiller.events.length > 0, 1000, 'the claim reaches the colleague and the unit');
    expect(took).toBeLessThan(1000);
    expect(colleague.events[0]).toMatchObject({ kind: 'PACKAGE', packageId: w.packages.a1, state: 'IN_REVIEW', action: 'CLAIM', version: version + 1 });
    expect(unitFiller.events[0]).toMatchObject({ packageId: w.packages.a1, action: 'CLAIM' });
    await new Promise((r) => setTimeout(r, 200));
    expect(otherUnit.events).toHaveLength(0);
    expect(otherBureau.events).toHaveLength(0);
    // Without a session the subscription is refused, like any other operation.
    expect(anonymous.events).toHaveLength(0);
    expect(JSON.stringify(anonymous.errors)).toContain('UNAUTHENTICATED');
    for (const s of [colleague, unitFiller, otherUnit, otherBureau, anonymous]) await s.close();
  });

  it('tells a person that their inbox has something new', async () => {
    const head = subscriber(url, as('a2.head'));
    const reviewer = subscriber(url, as('a.reviewer2'));
    await Promise.all([head.ready, reviewer.ready]);
    await new Promise((r) => setTimeout(r, 100));
    await app.ok(REMIND, { id: w.packages.a2 }, as('a.reviewer'));
    await until(() => head.events.some((e) => e.kind === 'INBOX'), 1000, 'the head hears of the reminder');
    await new Promise((r) => setTimeout(r, 200));
    expect(reviewer.events.filter((e) => e.kind === 'INBOX')).toHaveLength(0);
    await head.close();
    await reviewer.close();
  });

  it('refuses a WebSocket opened by another site’s page with the user’s cookie', async () => {
    const foreign = subscriber(url, as('a.reviewer'), 'http://evil.example');
    await foreign.ready;
    await until(() => foreign.closedWith() !== null, 2000, 'the foreign connection is closed');
    expect(foreign.closedWith()).toBe(4403);
    expect(foreign.events).toHaveLength(0);
    await foreign.close();
  });
});

// Two API processes share the database and Redis: an event made on one reaches subscribers of the other.
(TEST_BACKEND === 'scaled' ? describe : describe.skip)('live updates across API processes (Redis pub/sub)', () => {
  let first: TestApp;
  let second: TestApp;
  let w: World;

  beforeAll(async () => {
    first = await TestApp.start();
    second = await TestApp.start({ database: first.config.database, redis: first.config.redis });
    w = await buildWorld(first);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('delivers a claim handled by one process to a subscriber of the other within a second', async () => {
    const url = await listen(second);
    await forceState(first, w.packages.a1, 'SUBMITTED');
    const colleague = subscriber(url, w.users['a.reviewer2']!.token);
    await colleague.ready;
    await new Promise((r) => setTimeout(r, 200));
    const version = (await packageRow(first, w.packages.a1)).version;
    await first.ok(CLAIM, { p: w.packages.a1, v: version }, w.users['a.reviewer']!.token);
    const took = await until(() => colleague.events.length > 0, 1000, 'the claim crosses processes');
    expect(took).toBeLessThan(1000);
    expect(colleague.events[0]).toMatchObject({ packageId: w.packages.a1, action: 'CLAIM', state: 'IN_REVIEW' });
    await colleague.close();
  });
});
