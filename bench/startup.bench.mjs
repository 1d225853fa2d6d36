#!/usr/bin/env node
/**
 * API start-up on an existing data dir (embedded SQLite, demo data present: what a second
 * `npm start` does) against the bare NestJS + Apollo app (bench/lib/bare-nest.mjs), both from
 * spawning node to the first answered request, alternating, in the same run. Also says whether
 * start-up loaded ExcelJS or Playwright (neither is needed before the first export or PDF).
 * Aim: ≤ 1.5× the bare app. The API starts as `npm start` starts it (the bundle,
 * server/dist/bundle/api.mjs); the same API from tsc's modules (server/dist/main.js) is printed
 * beside it.
 *
 *   node bench/startup.bench.mjs [--runs 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, flags, machineLine, ms, startChild } from './lib/kit.mjs';

const opt = flags({ runs: 5 });
const dataDir = mkdtempSync(join(tmpdir(), 'zipin-bench-startup-'));
const apiEnv = { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', NODE_ENV: 'development', DEMO_DATA: 'true' };

async function timeStart(script, env) {
  const t0 = performance.now();
  const child = await startChild(join(BENCH_DIR, 'lib', script), { env });
  // Ready means answering: one request through the whole stack.
  const res = await fetch(`http://127.0.0.1:${child.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  await res.text();
  const elapsed = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 200));
  const loaded = /loaded: (.*)/.exec(child.log())?.[1] ?? '';
  await child.stop();
  return { elapsed, loaded };
}

console.log(machineLine());
try {
  // The first start creates the database, runs the migrations and seeds the demo data.
  const first = await timeStart('startup-child.mjs', apiEnv);
  console.log(`first start (empty data dir: migrations, demo data): ${ms(first.elapsed)}`);
  const api = [];
  const unbundled = [];
  const bare = [];
  let loaded = '';
  for (let i = 0; i < opt.runs; i++) {
    bare.push((await timeStart('bare-nest.mjs', {})).elapsed);
    const r = await timeStart('startup-child.mjs', apiEnv);
    api.push(r.elapsed);
    loaded = r.loaded;
    unbundled.push((await timeStart('startup-child.mjs', { ...apiEnv, STARTUP_ENTRY: 'dist' })).elapsed);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`bare Nest+Apollo      median ${ms(median(bare))}  (${bare.map((x) => x.toFixed(0)).join(', ')} ms)`);
  console.log(`API, existing data    median ${ms(median(api))}  (${api.map((x) => x.toFixed(0)).join(', ')} ms)`);
  console.log(`API, tsc's modules    median ${ms(median(unbundled))}  (${unbundled.map((x) => x.toFixed(0)).join(', ')} ms; ${(median(unbundled) / median(bare)).toFixed(2)}×)`);
  console.log(`start-up loaded: ${loaded}`);
  const ratio = median(api) / median(bare);
  console.log(`ratio API ÷ bare: ${ratio.toFixed(2)}× (aim ≤ 1.50×) → ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
