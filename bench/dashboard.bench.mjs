#!/usr/bin/env node
/**
 * The bureau's views over a province-sized campaign on MariaDB: the dashboard
 * (campaignProgress) and the reviewer queue (packages(filter, first: 50) with the client's
 * PackageListFields) through the real API, against raw SQL computing the same figures in the
 * same run (GROUP BY over package, the same page with LIMIT 50 and its COUNT(*)). Also prints
 * the SQL statements per request (compare runs at --units 3000 and 30000: the same count means
 * no N+1) and the EXPLAIN of the raw queries. Aim: API within 2× of the raw SQL.
 *
 *   node bench/dashboard.bench.mjs [--units 30000] [--iterations 20] [--budget 8] [--database NAME] [--keep]
 *
 * Each measurement takes up to --iterations sequential samples after one warm-up, stopping
 * early after --budget seconds (at least 3 samples).
 *
 * Without --database it generates a fresh campaign (generate.mjs) and drops it afterwards
 * (unless --keep); with --database it reuses one made by generate.mjs (bench/.data/NAME.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from './generate.mjs';
import { BENCH_DIR, MYSQL_URL, REDIS_URL, flags, gqlError, keepAliveAgent, latencyStats, machineLine, ms, num, postJson, scratchDatabase, serverRequire, shared, startApiChild } from './lib/kit.mjs';
import { CAMPAIGN_PROGRESS_QUERY, PACKAGES_QUERY } from './lib/operations.mjs';

const opt = flags({ units: 30000, iterations: 20, budget: 8, database: '', keep: false });
console.log(machineLine());

let db;
let world;
if (opt.database) {
  world = JSON.parse(readFileSync(join(BENCH_DIR, '.data', `${opt.database}.json`), 'utf8'));
  db = { name: opt.database, url: `${MYSQL_URL}/${opt.database}`, drop: async () => {} };
  console.log(`reusing ${opt.database}: ${num(world.units)} units`);
} else {
  db = await scratchDatabase('zipin_bench_dash');
  const t = performance.now();
  world = await generate({ target: { kind: 'mysql', url: db.url }, units: opt.units, sessions: 10, log: () => {} });
  console.log(`generated ${num(world.units)} units (${num(world.total)} rows) into ${db.name} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const mysql = serverRequire('mysql2/promise');
const { BUREAU_WARNING_CODES } = await shared();
const pool = mysql.createPool({ uri: db.url, connectionLimit: 6 });
let api;
try {
  api = await startApiChild({ DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: `zipin-bench-${db.name}`, RUN_JOBS: 'false' });
  const reviewer = world.tokens.reviewers[0].token;
  const agent = keepAliveAgent(1);
  const gql = async (query, variables) => {
    const r = await postJson(agent, api.port, '/graphql', { query, variables }, { authorization: `Bearer ${reviewer}` });
    const e = gqlError(r);
    if (e) throw new Error(`${e}: ${JSON.stringify(r.body?.errors ?? r.text).slice(0, 500)}`);
    return r.body.data;
  };
  const campaignId = world.campaignId;
  const bureauId = world.bureauId;

  // Raw SQL: the same figures the dashboard shows, the way a DBA would write them.
  const warningLike = BUREAU_WARNING_CODES.map(() => 'p.flags LIKE ?').join(' OR ');
  const warningArgs = BUREAU_WARNING_CODES.map((c) => `%${c}%`);
  const RAW_DASHBOARD = [
    ['by state', 'SELECT p.state, COUNT(*) n FROM package p WHERE p.campaignId = ? GROUP BY p.state', [campaignId]],
    ['by grade', 'SELECT p.grade, COUNT(*) n FROM package p WHERE p.campaignId = ? AND p.grade IS NOT NULL GROUP BY p.grade', [campaignId]],
    ['histogram', 'SELECT LEAST(FLOOR(p.declaredTotal / 10), 9) b, COUNT(*) n FROM package p WHERE p.campaignId = ? AND p.declaredTotal IS NOT NULL GROUP BY b', [campaignId]],
    ['warnings', `SELECT p.id, p.flags, p.state, u.name FROM package p JOIN unit u ON u.id = p.unitId WHERE p.campaignId = ? AND (${warningLike}) ORDER BY u.code, p.id`, [campaignId, ...warningArgs]],
  ];
  const rawDashboard = () => Promise.all(RAW_DASHBOARD.map(([, sql, args]) => pool.query(sql, args)));
  const LIST_COLS = 'p.id, p.state, p.version, p.fiscalYear, p.unitId, p.campaignId, p.claimedById, p.errorCount, p.warningCount, p.unexplainedWarningCount, p.executionRate, p.declaredTotal, p.suggestedTotal, p.grade, p.flags, p.lastEditedAt, p.submittedAt, p.approvedAt, p.publishAt, p.publishedAt, u.code, u.name';
  const queue = (where, args) => [
    `SELECT ${LIST_COLS} FROM package p JOIN unit u ON u.id = p.unitId JOIN campaign c ON c.id = p.campaignId WHERE p.bureauId = ? AND p.campaignId = ? AND ${where} ORDER BY c.fiscalYear DESC, u.code ASC, p.id ASC LIMIT 50`,
    `SELECT COUNT(*) n FROM package p JOIN unit u ON u.id = p.unitId WHERE p.bureauId = ? AND p.campaignId = ? AND ${where}`,
    [bureauId, campaignId, ...args],
  ];
  const QUEUES = [
    ['queue: states [SUBMITTED]', { campaignId, states: ['SUBMITTED'] }, queue('p.state IN (?)', ['SUBMITTED'])],
    ['queue: hasWarnings', { campaignId, hasWarnings: true }, queue('p.warningCount > 0', [])],
    ['queue: search 教育', { campaignId, search: '教育' }, queue("(u.name LIKE ? OR u.code LIKE ?)", ['%教育%', '%教育%'])],
    ['queue: all, page 3', { campaignId }, queue('1 = 1', [])],
  ];

  const cases = [
    ['dashboard campaignProgress', () => gql(CAMPAIGN_PROGRESS_QUERY, { campaignId }), rawDashboard],
    ...QUEUES.map(([name, filter, [pageSql, countSql, args]]) => [
      name,
      () => gql(PACKAGES_QUERY, { filter, first: 50, offset: name.includes('page 3') ? 100 : 0 }),
      () => Promise.all([pool.query(pageSql.replace('LIMIT 50', name.includes('page 3') ? 'LIMIT 50 OFFSET 100' : 'LIMIT 50'), args), pool.query(countSql, args)]),
    ]),
  ];

  // The figures must agree before their speed means anything.
  const progress = (await gql(CAMPAIGN_PROGRESS_QUERY, { campaignId })).campaignProgress;
  const [[byState]] = await rawDashboard();
  const apiStates = Object.fromEntries(progress.byState.filter((s) => s.count).map((s) => [s.state, s.count]));
  const rawStates = Object.fromEntries(byState.map((r) => [r.state, Number(r.n)]));
  if (JSON.stringify(Object.entries(apiStates).sort()) !== JSON.stringify(Object.entries(rawStates).sort())) throw new Error(`dashboard and raw SQL disagree: ${JSON.stringify(apiStates)} vs ${JSON.stringify(rawStates)}`);
  console.log(`packages by state: ${Object.entries(apiStates).map(([s, n]) => `${s} ${num(n)}`).join(', ')}; ${num(progress.warnings.length)} warning rows`);

  // Up to --iterations samples, but no more than --budget seconds per measurement (at least 3).
  const measure = async (fn) => {
    await fn();
    const samples = [];
    const until = performance.now() + opt.budget * 1000;
    for (let i = 0; i < opt.iterations && (i < 3 || performance.now() < until); i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    return latencyStats(samples);
  };
  const rows = [];
  for (const [name, viaApi, raw] of cases) {
    // The API's own background work (the job relay polls every 2 s) is measured over the same
    // time with no request and taken off, leaving the statements of the request itself.
    const q0 = await api.queries();
    const t0 = performance.now();
    await viaApi();
    const took = performance.now() - t0;
    const q1 = await api.queries();
    await new Promise((r) => setTimeout(r, took));
    const statements = q1 - q0 - ((await api.queries()) - q1);
    const a = await measure(viaApi);
    const r = await measure(raw);
    rows.push({ name, a, r, statements });
    console.log(`  measured ${name}: API ${a.n} samples, raw ${r.n}`);
  }
  agent.destroy();

  console.log(`\nsequential requests after 1 warm-up (up to ${opt.iterations} or ${opt.budget} s each); reviewer's session; ${num(world.units)} packages`);
  console.log(`${'view'.padEnd(28)} ${'API p50'.padStart(10)} ${'API p99'.padStart(10)} ${'raw p50'.padStart(10)} ${'raw p99'.padStart(10)} ${'API/raw'.padStart(8)} ${'SQL/req'.padStart(8)}`);
  for (const { name, a, r, statements } of rows) {
    console.log(`${name.padEnd(28)} ${ms(a.p50).padStart(10)} ${ms(a.p99).padStart(10)} ${ms(r.p50).padStart(10)} ${ms(r.p99).padStart(10)} ${(a.p50 / r.p50).toFixed(2).padStart(7)}× ${String(statements).padStart(8)}`);
  }
  const worst = Math.max(...rows.map(({ a, r }) => a.p50 / r.p50));
  console.log(`worst API/raw ratio ${worst.toFixed(2)}× (aim ≤ 2×) → ${worst <= 2 ? 'met' : 'NOT met'}`);

  console.log('\nEXPLAIN (table: key, rows examined):');
  const explain = async (name, sql, args) => {
    const [plan] = await pool.query(`EXPLAIN ${sql}`, args);
    console.log(`  ${name.padEnd(28)} ${plan.map((p) => `${p.table}: ${p.key ?? 'FULL SCAN'} (${num(p.rows)})${p.Extra?.includes('filesort') ? ' filesort' : ''}`).join('; ')}`);
  };
  for (const [name, sql, args] of RAW_DASHBOARD) await explain(`dashboard ${name}`, sql, args);
  for (const [name, , [pageSql, , args]] of QUEUES) await explain(name, pageSql, args);
} finally {
  await api?.stop();
  await pool.end();
  if (!opt.keep) await db.drop();
  else console.log(`kept database ${db.name}`);
}
