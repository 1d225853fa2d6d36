#!/usr/bin/env node
/**
 * Live-update latency across API processes: two built API processes on one MariaDB database
 * and one Redis (scaled mode). A reviewer claims packages on the first; a colleague subscribed
 * to `liveEvents` over graphql-ws on the second is told. Measured per claim, from the first
 * process's answer (the claim is committed then) to the event's arrival on the second, against
 * the round trip of `{ me { id } }` on the second process in the same run (what any request
 * costs there). Aim: every claim seen within a second.
 *
 *   node bench/live.bench.mjs [--claims 40] [--units 400]
 *
 * Creates a throwaway database (generate.mjs) and drops it at the end.
 */
import { performance } from 'node:perf_hooks';
import { generate } from './generate.mjs';
import { MYSQL_URL, REDIS_URL, flags, gqlError, keepAliveAgent, machineLine, ms, percentile, postJson, scratchDatabase, serverRequire, startApiChild } from './lib/kit.mjs';

const opt = flags({ claims: 40, units: 400 });
const { createClient } = serverRequire('graphql-ws');
const WebSocket = serverRequire('ws');
const mysql = serverRequire('mysql2/promise');

const CLAIM = 'mutation($p: ID!, $v: Int!) { claimPackage(packageId: $p, expectedVersion: $v) { id version state } }';
const LIVE = 'subscription { liveEvents { kind packageId state action version } }';

console.log(machineLine());
const db = await scratchDatabase('zipin_bench_live');
const children = [];
let subscriber = null;
try {
  const world = await generate({ target: { kind: 'mysql', url: db.url }, units: opt.units, sessions: 4, log: () => {} });
  const conn = await mysql.createConnection(`${MYSQL_URL}/${db.name}`);
  const [rows] = await conn.query("SELECT id, version FROM package WHERE state = 'SUBMITTED' AND claimedById IS NULL AND assigneeId IS NULL ORDER BY id LIMIT ?", [opt.claims]);
  await conn.end();
  if (rows.length < opt.claims) throw new Error(`only ${rows.length} unclaimed submitted packages; raise --units`);
  const [claimer, colleague] = world.tokens.reviewers;

  const env = { DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: `zipin-bench-${db.name}`, RUN_JOBS: 'false' };
  const first = await startApiChild(env);
  children.push(first);
  const second = await startApiChild(env);
  children.push(second);
  console.log(`database ${db.name}: ${rows.length} submitted packages claimed on the first API process, watched on the second`);

  // The colleague's subscription on the second process, as the client opens it (graphql-ws).
  const seen = new Map();
  let onEvent = null;
  const headers = { authorization: `Bearer ${colleague.token}` };
  subscriber = createClient({
    url: `ws://127.0.0.1:${second.port}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(url, protocols) {
        super(url, protocols, { headers });
      }
    },
    retryAttempts: 0,
  });
  const subscribed = new Promise((resolve, reject) => {
    subscriber.on('connected', resolve);
    subscriber.on('error', reject);
  });
  subscriber.subscribe(
    { query: LIVE },
    {
      next: (r) => {
        const e = r.data?.liveEvents;
        if (e?.kind === 'PACKAGE' && e.state === 'IN_REVIEW' && !seen.has(e.packageId)) {
          seen.set(e.packageId, performance.now());
          onEvent?.(e.packageId);
        }
      },
      error: (err) => console.error('subscription error', err),
      complete: () => {},
    },
  );
  await subscribed;
  // The subscription is registered once the socket has said `subscribe`; a request through the
  // same process after it makes sure the server has taken it.
  const agent = keepAliveAgent(1);
  await postJson(agent, second.port, '/graphql', { query: '{ me { id } }' }, headers);
  await new Promise((r) => setTimeout(r, 300));

  // Baseline: a request's round trip on the second process.
  const baseline = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    const res = await postJson(agent, second.port, '/graphql', { query: '{ me { id } }' }, headers);
    if (gqlError(res) || !res.body?.data?.me) throw new Error(`{ me } failed: ${JSON.stringify(res.body)}`);
    baseline.push(performance.now() - t);
  }

  const latencies = [];
  const fromSend = [];
  const missed = [];
  for (const row of rows) {
    const arrived = new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), 5_000);
      onEvent = (id) => {
        if (id === row.id) {
          clearTimeout(timer);
          resolve(seen.get(id));
        }
      };
    });
    const sent = performance.now();
    const res = await postJson(agent, first.port, '/graphql', { query: CLAIM, variables: { p: row.id, v: row.version } }, { authorization: `Bearer ${claimer.token}` });
    const answered = performance.now();
    if (gqlError(res)) throw new Error(`claim failed: ${JSON.stringify(res.body?.errors)}`);
    const at = seen.get(row.id) ?? (await arrived);
    onEvent = null;
    if (at == null) missed.push(row.id);
    else {
      latencies.push(Math.max(0, at - answered));
      fromSend.push(at - sent);
    }
  }
  agent.destroy();

  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const b = sorted(baseline);
  const l = sorted(latencies);
  const s = sorted(fromSend);
  console.log('');
  console.log(`baseline { me { id } } on the second process   p50 ${ms(percentile(b, 50))}  p99 ${ms(percentile(b, 99))}`);
  console.log(`claim answered → event on the second process  p50 ${ms(percentile(l, 50))}  p99 ${ms(percentile(l, 99))}  max ${ms(l.at(-1))}  (× baseline p50: ${(percentile(l, 50) / percentile(b, 50)).toFixed(1)})`);
  console.log(`claim sent → event on the second process      p50 ${ms(percentile(s, 50))}  p99 ${ms(percentile(s, 99))}  max ${ms(s.at(-1))}`);
  console.log(`events seen: ${latencies.length} of ${rows.length}${missed.length ? ` (missed: ${missed.length})` : ''}`);
  const worst = s.at(-1) ?? Infinity;
  console.log(`every claim seen within a second of being sent: ${!missed.length && worst < 1000 ? 'met' : 'NOT met'} (slowest ${ms(worst)})`);
} finally {
  await subscriber?.dispose();
  for (const c of children.reverse()) await c.stop();
  await db.drop();
}
process.exit(0);
