#!/usr/bin/env node
/**
 * API throughput and latency on MariaDB: the filler's package query (the client's Package query,
 * PackageDetailFields) and the autosave mutation (the client's SavePackage, each connection saving
 * its own package with a fresh saveId), at 1, 10 and 50 keep-alive connections, each against its
 * floor on a bare NestJS + Apollo app measured in the same run (bench/lib/bare-nest.mjs): the
 * package row read by primary key through mysql2 for the query, the guarded UPDATE + save INSERT
 * in one transaction for the autosave; `{ ping }` is printed for reference. Both servers run as
 * child processes (the built server/dist/main.js), so the load generator has its own core.
 * Aim: each at ≥ 0.5× its floor, and ≤ 3 / ≤ 4 SQL statements per request.
 *
 *   node bench/api.bench.mjs [--seconds 5] [--connections 1,10,50] [--units 200] [--rounds 1]
 *
 * Creates a throwaway database (generate.mjs, --units units) and drops it at the end.
 */
import { generate } from './generate.mjs';
import { REDIS_URL, closedLoop, flags, gqlError, keepAliveAgent, machineLine, ms, num, postJson, scratchDatabase, startApiChild, startChild, BENCH_DIR } from './lib/kit.mjs';
import { PACKAGE_QUERY, SAVE_MUTATION } from './lib/operations.mjs';
import { join } from 'node:path';

const opt = flags({ seconds: 5, connections: '1,10,50', units: 200, rounds: 1 });
const levels = String(opt.connections).split(',').map(Number);
const maxLanes = Math.max(...levels);
const edited = (document, n) => ({ ...document, selfEvaluation: { ...document.selfEvaluation, goal: { ...document.selfEvaluation.goal, actual: `完成情况好（第${n}次保存）` } } });
const READ_FLOOR = 'floor: package row by id (mysql2)';
const SAVE_FLOOR = 'floor: UPDATE + INSERT in one tx';
/** Each measured operation and the floor it is compared with. */
const FLOOR_OF = { 'package(id) PackageDetailFields': READ_FLOOR, 'savePackage (autosave)': SAVE_FLOOR };

console.log(machineLine());
const db = await scratchDatabase('zipin_bench_api');
const children = [];
try {
  const world = await generate({ target: { kind: 'mysql', url: db.url }, units: opt.units, sessions: 2 * maxLanes, log: () => {} });
  const fillers = world.tokens.fillers;
  if (fillers.length < maxLanes) throw new Error(`only ${fillers.length} editable packages with a session; raise --units`);
  console.log(`database ${db.name}: ${num(world.units)} units, ${fillers.length} fillers with editable packages; ${opt.seconds} s per measurement after 1 s warm-up`);

  const bare = await startChild(join(BENCH_DIR, 'lib', 'bare-nest.mjs'), { env: { BARE_DATABASE_URL: db.url } });
  children.push(bare);
  const api = await startApiChild({ DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: `zipin-bench-${db.name}`, RUN_JOBS: 'false' });
  children.push(api);

  // Each lane's current document and version, so its saves never conflict with another lane's.
  const agent0 = keepAliveAgent(1);
  const state = [];
  for (const f of fillers.slice(0, maxLanes)) {
    const res = await postJson(agent0, api.port, '/graphql', { query: PACKAGE_QUERY, variables: { id: f.packageId } }, { authorization: `Bearer ${f.token}` });
    if (gqlError(res)) throw new Error(`package query failed: ${JSON.stringify(res.body?.errors ?? res.text)}`);
    state.push({ token: f.token, userId: f.id, id: f.packageId, version: res.body.data.package.version, document: res.body.data.package.document });
  }
  // The save floor writes other packages than the API's saves (the next lanes' editable ones).
  const floorState = world.tokens.fillers.slice(maxLanes, 2 * maxLanes);
  if (floorState.length < maxLanes) throw new Error(`only ${fillers.length} editable packages with a session; raise --units`);
  for (const [i, f] of floorState.entries()) Object.assign(f, { document: state[i].document });
  const bareStatements = async () => (await fetch(`http://127.0.0.1:${bare.port}/statements`).then((r) => r.json())).queries;
  agent0.destroy();

  let saveSeq = 0;
  const ops = {
    'bare Nest+Apollo { ping }': { pid: bare.child.pid, request: (agent) => () => postJson(agent, bare.port, '/graphql', { query: '{ ping }' }).then((r) => ({ ok: !gqlError(r) && r.body?.data?.ping === 'pong', error: gqlError(r) ?? 'bad answer' })) },
    [READ_FLOOR]: {
      pid: bare.child.pid,
      statements: bareStatements,
      request: (agent) => (lane) => {
        const s = state[lane];
        return postJson(agent, bare.port, '/graphql', { query: 'query($id: String!) { packageFloor(id: $id) }', variables: { id: s.id } }).then((r) => ({ ok: !gqlError(r) && !!r.body?.data?.packageFloor, error: gqlError(r) ?? 'no document' }));
      },
    },
    [SAVE_FLOOR]: {
      pid: bare.child.pid,
      statements: bareStatements,
      request: (agent) => async (lane) => {
        const s = floorState[lane];
        const n = ++saveSeq;
        const r = await postJson(agent, bare.port, '/graphql', {
          query: 'mutation($id: String!, $v: Int!, $d: JSON!, $s: String!, $u: String!) { saveFloor(id: $id, baseVersion: $v, document: $d, saveId: $s, userId: $u) }',
          variables: { id: s.packageId, v: s.version, d: edited(s.document, n), s: `floor-${process.pid}-${n}`, u: s.id },
        });
        const error = gqlError(r);
        if (!error) s.version = r.body.data.saveFloor;
        return { ok: !error, error };
      },
    },
    'package(id) PackageDetailFields': {
      pid: api.child.pid,
      request: (agent) => (lane) => {
        const s = state[lane];
        return postJson(agent, api.port, '/graphql', { query: PACKAGE_QUERY, variables: { id: s.id } }, { authorization: `Bearer ${s.token}` }).then((r) => ({ ok: !gqlError(r), error: gqlError(r) }));
      },
    },
    'savePackage (autosave)': {
      pid: api.child.pid,
      request: (agent) => async (lane) => {
        const s = state[lane];
        const n = ++saveSeq;
        const document = edited(s.document, n);
        const r = await postJson(agent, api.port, '/graphql', { query: SAVE_MUTATION, variables: { input: { packageId: s.id, baseVersion: s.version, document, saveId: `bench-${process.pid}-${n}` } } }, { authorization: `Bearer ${s.token}` });
        const error = gqlError(r);
        if (!error) s.version = r.body.data.savePackage.version;
        return { ok: !error, error };
      },
    },
  };

  // SQL statements per request in steady state: one request first (the caches of a session idle
  // since the set-up may have expired), then 10 one after another.
  const perRequest = {};
  for (const [name, op] of Object.entries(ops)) {
    if (name === 'bare Nest+Apollo { ping }') continue;
    const agent = keepAliveAgent(1);
    const send = op.request(agent);
    await send(0);
    const count = op.statements ?? api.queries;
    const q0 = await count();
    for (let i = 0; i < 10; i++) await send(0);
    perRequest[name] = ((await count()) - q0) / 10;
    agent.destroy();
  }
  // Every operation at every level, --rounds times over: on a shared machine one round's ratio
  // moves by a fifth between runs; the median of the rounds' ratios moves far less. Within a
  // round each operation is measured right after its floor at the same level, so a burst of
  // load from elsewhere on the machine tends to fall on both of a pair rather than on one.
  const order = ['bare Nest+Apollo { ping }', READ_FLOOR, 'package(id) PackageDetailFields', SAVE_FLOOR, 'savePackage (autosave)'];
  const rounds = [];
  for (let round = 0; round < opt.rounds; round++) {
    const measured = Object.fromEntries(order.map((name) => [name, {}]));
    for (const connections of levels) {
      for (const name of order) {
        const op = ops[name];
        const agent = keepAliveAgent(connections);
        const send = op.request(agent);
        measured[name][connections] = await closedLoop({ connections, seconds: opt.seconds, request: (lane) => send(lane), cpuPid: op.pid });
        agent.destroy();
      }
    }
    rounds.push(measured);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  // The table shows, per operation and level, the round with the median throughput.
  const results = {};
  for (const name of Object.keys(ops)) {
    results[name] = {};
    for (const c of levels) {
      const byRate = rounds.map((r) => r[name][c]).sort((a, b) => a.perSecond - b.perSecond);
      results[name][c] = byRate[Math.floor((byRate.length - 1) / 2)];
    }
  }
  /** An operation's throughput over its floor's, round by round (each round measures both). */
  const roundRatios = (name, c) => rounds.map((r) => r[name][c].perSecond / r[FLOOR_OF[name]][c].perSecond);

  const ping = results['bare Nest+Apollo { ping }'];
  const floorOf = (name) => results[FLOOR_OF[name] ?? 'bare Nest+Apollo { ping }'];
  console.log('');
  console.log(`${'operation'.padEnd(36)} ${'conns'.padStart(5)} ${'req/s'.padStart(9)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'errors'.padStart(7)} ${'× ping'.padStart(7)} ${'× floor'.padStart(8)} ${'CPU/req'.padStart(9)} ${'× floor CPU'.padStart(12)}`);
  for (const [name, byLevel] of Object.entries(results)) {
    for (const c of levels) {
      const r = byLevel[c];
      const floor = FLOOR_OF[name] ? median(roundRatios(name, c)).toFixed(2) : '';
      // The server's own CPU per request, floor's ÷ this one's: what the ratio would be with a core to spare.
      const floorCpu = FLOOR_OF[name] && r.cpuPerRequest && floorOf(name)[c].cpuPerRequest ? (floorOf(name)[c].cpuPerRequest / r.cpuPerRequest).toFixed(2) : '';
      console.log(`${name.padEnd(36)} ${String(c).padStart(5)} ${num(r.perSecond, 0).padStart(9)} ${ms(r.p50).padStart(10)} ${ms(r.p99).padStart(10)} ${String(r.errorCount).padStart(7)} ${(r.perSecond / ping[c].perSecond).toFixed(2).padStart(7)} ${floor.padStart(8)} ${ms(r.cpuPerRequest ?? NaN).padStart(9)} ${floorCpu.padStart(12)}`);
      if (r.errorCount) console.log(`   errors: ${JSON.stringify(r.errors)}`);
    }
  }
  const statementAim = { 'package(id) PackageDetailFields': 3, 'savePackage (autosave)': 4 };
  for (const name of Object.keys(perRequest)) console.log(`${name}: ${perRequest[name].toFixed(1)} SQL statements per request${statementAim[name] ? ` (aim ≤ ${statementAim[name]}) → ${perRequest[name] <= statementAim[name] ? 'met' : 'NOT met'}` : ''}`);
  for (const name of Object.keys(FLOOR_OF)) {
    const at10 = levels.includes(10) ? median(roundRatios(name, 10)) : null;
    const worst = Math.min(...levels.map((c) => median(roundRatios(name, c))));
    const each = levels.includes(10) && rounds.length > 1 ? ` (rounds: ${roundRatios(name, 10).map((x) => x.toFixed(2)).join(', ')})` : '';
    console.log(`${name}: ${at10 == null ? '' : `${at10.toFixed(2)}× its floor at 10 connections${rounds.length > 1 ? `, median of ${rounds.length} rounds` : ''}${each} (aim ≥ 0.50×) → ${at10 >= 0.5 ? 'met' : 'NOT met'}; `}worst ${worst.toFixed(2)}×`);
  }
} finally {
  for (const c of children.reverse()) await c.stop();
  await db.drop();
}
