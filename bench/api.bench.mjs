#!/usr/bin/env node
/**
 * API throughput and latency on MariaDB: the filler's package query (the client's Package query,
 * PackageDetailFields) and the autosave mutation (savePackage, each connection saving its own
 * package with a fresh saveId), at 1, 10 and 50 keep-alive connections, against a bare NestJS +
 * Apollo query returning a constant (bench/lib/bare-nest.mjs) measured in the same run. Both
 * servers run as child processes (the built server/dist/main.js), so the load generator has its
 * own core. Aim: the real queries at ≥ 0.5× the bare query's throughput.
 *
 *   node bench/api.bench.mjs [--seconds 5] [--connections 1,10,50] [--units 200]
 *
 * Creates a throwaway database (generate.mjs, --units units) and drops it at the end.
 */
import { generate } from './generate.mjs';
import { REDIS_URL, closedLoop, flags, gqlError, keepAliveAgent, machineLine, ms, num, postJson, scratchDatabase, startApiChild, startChild, BENCH_DIR } from './lib/kit.mjs';
import { PACKAGE_QUERY, SAVE_MUTATION } from './lib/operations.mjs';
import { join } from 'node:path';

const opt = flags({ seconds: 5, connections: '1,10,50', units: 200 });
const levels = String(opt.connections).split(',').map(Number);
const maxLanes = Math.max(...levels);

console.log(machineLine());
const db = await scratchDatabase('zipin_bench_api');
const children = [];
try {
  const world = await generate({ target: { kind: 'mysql', url: db.url }, units: opt.units, sessions: maxLanes, log: () => {} });
  const fillers = world.tokens.fillers;
  if (fillers.length < maxLanes) throw new Error(`only ${fillers.length} editable packages with a session; raise --units`);
  console.log(`database ${db.name}: ${num(world.units)} units, ${fillers.length} fillers with editable packages; ${opt.seconds} s per measurement after 1 s warm-up`);

  const bare = await startChild(join(BENCH_DIR, 'lib', 'bare-nest.mjs'));
  children.push(bare);
  const api = await startApiChild({ DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: `zipin-bench-${db.name}`, RUN_JOBS: 'false' });
  children.push(api);

  // Each lane's current document and version, so its saves never conflict with another lane's.
  const agent0 = keepAliveAgent(1);
  const state = [];
  for (const f of fillers.slice(0, maxLanes)) {
    const res = await postJson(agent0, api.port, '/graphql', { query: PACKAGE_QUERY, variables: { id: f.packageId } }, { authorization: `Bearer ${f.token}` });
    if (gqlError(res)) throw new Error(`package query failed: ${JSON.stringify(res.body?.errors ?? res.text)}`);
    state.push({ token: f.token, id: f.packageId, version: res.body.data.package.version, document: res.body.data.package.document });
  }
  agent0.destroy();

  let saveSeq = 0;
  const ops = {
    'bare Nest+Apollo { ping }': { port: bare.port, request: (agent) => () => postJson(agent, bare.port, '/graphql', { query: '{ ping }' }).then((r) => ({ ok: !gqlError(r) && r.body?.data?.ping === 'pong', error: gqlError(r) ?? 'bad answer' })) },
    'package(id) PackageDetailFields': {
      request: (agent) => (lane) => {
        const s = state[lane];
        return postJson(agent, api.port, '/graphql', { query: PACKAGE_QUERY, variables: { id: s.id } }, { authorization: `Bearer ${s.token}` }).then((r) => ({ ok: !gqlError(r), error: gqlError(r) }));
      },
    },
    'savePackage (autosave)': {
      request: (agent) => async (lane) => {
        const s = state[lane];
        const n = ++saveSeq;
        const document = { ...s.document, selfEvaluation: { ...s.document.selfEvaluation, goal: { ...s.document.selfEvaluation.goal, actual: `完成情况好（第${n}次保存）` } } };
        const r = await postJson(agent, api.port, '/graphql', { query: SAVE_MUTATION, variables: { input: { packageId: s.id, baseVersion: s.version, document, saveId: `bench-${process.pid}-${n}` } } }, { authorization: `Bearer ${s.token}` });
        const error = gqlError(r);
        if (!error) s.version = r.body.data.savePackage.package.version;
        return { ok: !error, error };
      },
    },
  };

  const results = {};
  const perRequest = {};
  for (const [name, op] of Object.entries(ops)) {
    results[name] = {};
    if (name !== 'bare Nest+Apollo { ping }') {
      // SQL statements per request, from 10 requests one after another.
      const agent = keepAliveAgent(1);
      const send = op.request(agent);
      const q0 = await api.queries();
      for (let i = 0; i < 10; i++) await send(0);
      perRequest[name] = ((await api.queries()) - q0) / 10;
      agent.destroy();
    }
    for (const connections of levels) {
      const agent = keepAliveAgent(connections);
      const send = op.request(agent);
      results[name][connections] = await closedLoop({ connections, seconds: opt.seconds, request: (lane) => send(lane) });
      agent.destroy();
    }
  }

  const base = results['bare Nest+Apollo { ping }'];
  console.log('');
  console.log(`${'operation'.padEnd(34)} ${'conns'.padStart(5)} ${'req/s'.padStart(9)} ${'p50'.padStart(10)} ${'p99'.padStart(10)} ${'errors'.padStart(7)} ${'× bare'.padStart(7)}`);
  for (const [name, byLevel] of Object.entries(results)) {
    for (const c of levels) {
      const r = byLevel[c];
      console.log(`${name.padEnd(34)} ${String(c).padStart(5)} ${num(r.perSecond, 0).padStart(9)} ${ms(r.p50).padStart(10)} ${ms(r.p99).padStart(10)} ${String(r.errorCount).padStart(7)} ${(r.perSecond / base[c].perSecond).toFixed(2).padStart(7)}`);
      if (r.errorCount) console.log(`   errors: ${JSON.stringify(r.errors)}`);
    }
  }
  for (const name of Object.keys(results).slice(1)) {
    console.log(`${name}: ${perRequest[name].toFixed(1)} SQL statements per request`);
    const worst = Math.min(...levels.map((c) => results[name][c].perSecond / base[c].perSecond));
    console.log(`${name}: worst ratio to the bare query ${worst.toFixed(2)}× (aim ≥ 0.50×) → ${worst >= 0.5 ? 'met' : 'NOT met'}`);
  }
} finally {
  for (const c of children.reverse()) await c.stop();
  await db.drop();
}
