#!/usr/bin/env node
/**
 * Load: simulated fillers, each in their own session and package, autosaving every few seconds
 * (the client's SavePackage mutation with a fresh saveId, interval jittered ±50%) for a while,
 * on embedded SQLite (one process, in-process jobs) and on MariaDB, each measured in the same
 * run. Prints saves, errors (must be 0) and save latency p50/p99; as a baseline, the same
 * server's `{ me { id } }` latency sampled alongside (what a request costs on the same loaded server).
 *
 *   node bench/autosave-load.bench.mjs [--fillers 200] [--seconds 60] [--interval 3] [--backend both|embedded|mysql]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './generate.mjs';
import { REDIS_URL, flags, gqlError, keepAliveAgent, latencyStats, machineLine, ms, num, postJson, scratchDatabase, startApiChild } from './lib/kit.mjs';
import { PACKAGE_QUERY, SAVE_MUTATION } from './lib/operations.mjs';

const opt = flags({ fillers: 200, seconds: 60, interval: 3, backend: 'both' });
console.log(machineLine());
console.log(`${opt.fillers} fillers autosaving every ${opt.interval} s ±50% for ${opt.seconds} s`);

async function run(kind) {
  const dir = mkdtempSync(join(tmpdir(), 'zipin-bench-load-'));
  const db = kind === 'mysql' ? await scratchDatabase('zipin_bench_load') : null;
  const target = kind === 'mysql' ? { kind: 'mysql', url: db.url } : { kind: 'sqlite', file: join(dir, 'zipin.sqlite') };
  let api;
  try {
    const world = await generate({ target, units: Math.ceil(opt.fillers * 3.2), sessions: opt.fillers, log: () => {} });
    const fillers = world.tokens.fillers.slice(0, opt.fillers);
    if (fillers.length < opt.fillers) throw new Error(`only ${fillers.length} fillers with editable packages`);
    api = await startApiChild(
      kind === 'mysql'
        ? { DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: `zipin-bench-${db.name}`, RUN_JOBS: 'false', DATA_DIR: dir }
        : { DATABASE_URL: `sqlite:${target.file}`, DATA_DIR: dir },
    );
    const agent = keepAliveAgent(opt.fillers + 5);
    const call = (token, query, variables) => postJson(agent, api.port, '/graphql', { query, variables }, { authorization: `Bearer ${token}` });
    const saves = [];
    const pings = [];
    const errors = {};
    const fail = (code) => (errors[code] = (errors[code] ?? 0) + 1);
    const sleep = (msec) => new Promise((r) => setTimeout(r, msec));
    const end = performance.now() + opt.seconds * 1000;
    let seq = 0;
    const filler = async (f, i) => {
      await sleep((i / fillers.length) * opt.interval * 1000); // people do not all start at once
      const loaded = await call(f.token, PACKAGE_QUERY, { id: f.packageId });
      if (gqlError(loaded)) return fail(`load: ${gqlError(loaded)}`);
      let { version, document } = loaded.body.data.package;
      while (performance.now() < end) {
        await sleep(opt.interval * 1000 * (0.5 + Math.random()));
        if (performance.now() >= end) break;
        const n = ++seq;
        document = { ...document, selfEvaluation: { ...document.selfEvaluation, goal: { ...document.selfEvaluation.goal, actual: `年度目标完成情况（自动保存${n}）` } } };
        const t = performance.now();
        let res;
        try {
          res = await call(f.token, SAVE_MUTATION, { input: { packageId: f.packageId, baseVersion: version, document, saveId: `load-${process.pid}-${n}` } });
        } catch (err) {
          fail(err.code ?? err.message);
          continue;
        }
        saves.push(performance.now() - t);
        const e = gqlError(res);
        if (e) fail(e);
        else version = res.body.data.savePackage.version;
      }
    };
    const prober = async () => {
      const token = fillers[0].token;
      while (performance.now() < end) {
        const t = performance.now();
        const r = await call(token, '{ me { id } }', {});
        if (!gqlError(r)) pings.push(performance.now() - t);
        await sleep(250);
      }
    };
    const started = performance.now();
    await Promise.all([...fillers.map(filler), prober()]);
    const elapsed = (performance.now() - started) / 1000;
    agent.destroy();
    const s = latencyStats(saves);
    const p = latencyStats(pings);
    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
    return { kind, saves: s.n, perSecond: s.n / elapsed, s, p, errors, errorCount };
  } finally {
    await api?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const kinds = opt.backend === 'both' ? ['embedded', 'mysql'] : [opt.backend];
const results = [];
for (const kind of kinds) results.push(await run(kind));
console.log(`\n${'backend'.padEnd(10)} ${'saves'.padStart(7)} ${'saves/s'.padStart(8)} ${'errors'.padStart(7)} ${'save p50'.padStart(10)} ${'save p99'.padStart(10)} ${'me p50'.padStart(9)} ${'me p99'.padStart(9)}`);
for (const r of results) {
  console.log(`${(r.kind === 'mysql' ? 'MariaDB' : 'SQLite').padEnd(10)} ${num(r.saves).padStart(7)} ${num(r.perSecond, 1).padStart(8)} ${String(r.errorCount).padStart(7)} ${ms(r.s.p50).padStart(10)} ${ms(r.s.p99).padStart(10)} ${ms(r.p.p50).padStart(9)} ${ms(r.p.p99).padStart(9)}`);
  if (r.errorCount) console.log(`   errors: ${JSON.stringify(r.errors)}`);
}
const bad = results.filter((r) => r.errorCount);
console.log(bad.length ? `errors on ${bad.map((r) => r.kind).join(', ')}: NOT met` : 'no errors on any backend: met');
if (bad.length) process.exitCode = 1;
