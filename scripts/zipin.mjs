#!/usr/bin/env node
// The two commands of the quick start, for a machine with only Node 20 and npm:
//   npm start   install, build, and run Zipin embedded (SQLite, in-process jobs) with demo data
//   npm test    install, build, and run every test suite; suites whose services are missing
//               are skipped with a note, except in CI (CI=true), where a skip is a failure.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const CI = process.env.CI === 'true' || process.env.CI === '1';
const command = process.argv[2];

function say(message) {
  console.log(`\x1b[36m[zipin]\x1b[0m ${message}`);
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Zipin needs Node.js 20.19 or newer (this is ${process.version}).`);
    process.exit(1);
  }
}

/** pnpm at the pinned version: the one on PATH if it matches, else through npx (npm ships npx). */
function pnpmCommand() {
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (onPath.status === 0 && onPath.stdout.trim() === PNPM_VERSION) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  // Native addons (better-sqlite3) build against the local Node headers when they are installed,
  // so no header download is needed.
  if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: childEnv(options.env), shell: process.platform === 'win32' });
  if (res.status !== 0 && !options.allowFailure) {
    console.error(`\n${[cmd, ...args].join(' ')} failed (exit ${res.status}).`);
    process.exit(res.status ?? 1);
  }
  return res.status ?? 1;
}

const pnpm = pnpmCommand();
const runPnpm = (args, options) => run(pnpm[0], [...pnpm.slice(1), ...args], options);

function install() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs > statSync(lock).mtimeMs && !process.env.ZIPIN_FORCE_INSTALL) return;
  say('installing dependencies (first run builds the SQLite driver; a few minutes)…');
  const started = Date.now();
  runPnpm(['install', '--frozen-lockfile']);
  say(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds a workspace package when its sources are newer than its last build. */
function build(pkg, inputs) {
  const stamp = join(root, pkg, 'dist', '.built');
  const newest = Math.max(...inputs.map((i) => newestMtime(join(root, i))));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= newest && !process.env.ZIPIN_FORCE_BUILD) return;
  say(`building ${pkg}…`);
  runPnpm(['--filter', `@zipin/${pkg}`, 'run', 'build']);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
}

function buildAll() {
  build('shared', ['shared/src']);
  build('server', ['server/src', 'server/scripts', 'shared/src']);
  build('client', ['client/src', 'client/index.html', 'shared/src']);
}

async function start() {
  checkNode();
  install();
  buildAll();
  const env = childEnv({ DATA_DIR: process.env.DATA_DIR ?? join(root, 'data'), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const child = spawn(process.execPath, [join(root, 'server', 'dist', 'bundle', 'api.mjs')], { cwd: root, stdio: 'inherit', env });
  const stop = (signal) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

// ---------------------------------------------------------------------------------------------
// Tests

function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c) => c && existsSync(c)) ?? null;
}

const results = [];

/**
 * Runs a command with each output line tagged `[tag] `, so suites running side by side stay
 * readable; resolves with the exit status.
 */
function runTagged(tag, cmd, args, env) {
  return new Promise((resolvePromise) => {
    const color = process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {};
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv({ ...color, ...env }), shell: process.platform === 'win32' });
    const label = `\x1b[36m[${tag}]\x1b[0m `;
    const relay = (stream, out) => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        if (lines.length) out.write(lines.map((l) => label + l).join('\n') + '\n');
      });
      stream.on('end', () => rest && out.write(label + rest + '\n'));
    };
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('error', (err) => {
      console.error(`${label}${cmd} could not start: ${err.message}`);
      resolvePromise(1);
    });
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

/** The summary lists suites in this order, whichever lane finishes first. */
const SUITE_ORDER = ['shared', 'server-typecheck', 'server (SQLite + in-process jobs)', 'server (MariaDB + BullMQ)', 'client', 'browser'];

/** Runs one suite; Jest and Vitest write JSON reports we count from. */
async function suite(name, tag, cmd, args, options = {}) {
  say(`suite: ${name}`);
  const started = Date.now();
  const report = join(root, 'data', 'test-reports', `${name.replace(/[^a-z0-9]+/gi, '-')}.json`);
  mkdirSync(dirname(report), { recursive: true });
  rmSync(report, { force: true });
  const status = await runTagged(tag, cmd, options.reportArgs ? [...args, ...options.reportArgs(report)] : args, { ...options.env, ZIPIN_TEST_REPORT: report });
  let passed = 0;
  let failed = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests ?? 0;
    failed = json.numFailedTests ?? 0;
    if (status !== 0 && failed === 0) failed = 1; // e.g. a suite that failed to load
  } else {
    passed = status === 0 ? 1 : 0;
    failed = status === 0 ? 0 : 1;
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ name, status: status === 0 ? 'passed' : 'failed', passed, failed, seconds });
  say(`suite ${name} ${status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
}

function skip(name, why) {
  if (CI) {
    results.push({ name, status: 'failed', passed: 0, failed: 1, note: `not run in CI: ${why}` });
    console.error(`\n[zipin] suite ${name} cannot run in CI: ${why}`);
  } else {
    results.push({ name, status: 'skipped', passed: 0, failed: 0, note: why });
    say(`skipping ${name}: ${why}`);
  }
}

const jest = (pkg, ...extra) => [
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings', join(root, pkg, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', join(root, pkg, 'jest.config.js'), ...extra],
];
const jestReport = (file) => ['--json', `--outputFile=${file}`];

/**
 * The suites run one after another. ZIPIN_TEST_LANES=1 runs the MariaDB suite and the browser
 * journeys side by side after the others (both mostly wait: measured alone, the MariaDB suite
 * kept 1.2 cores busy and the journeys 0.4), for a machine with cores to spare: on two cores the
 * pair drove the load average to 12, and a render within a shutdown's grace period, the jobs
 * after a Redis outage and a live update's latency gave way.
 */
const SERIAL = process.env.ZIPIN_TEST_LANES !== '1';
const sideBySide = async (...steps) => {
  if (SERIAL) for (const step of steps) await step();
  else await Promise.all(steps.map((step) => step()));
};

async function test() {
  checkNode();
  install();
  buildAll();
  const started = Date.now();

  const mysqlUrl = process.env.ZIPIN_TEST_MYSQL_URL ?? 'mysql://zipin:zipin@127.0.0.1:3306';
  const redisUrl = process.env.ZIPIN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const mysql = new URL(mysqlUrl);
  const redis = new URL(redisUrl);
  const haveMysql = await reachable(mysql.hostname, Number(mysql.port || 3306));
  const haveRedis = await reachable(redis.hostname, Number(redis.port || 6379));

  // The short suites first: a failure there shows early.
  await suite('shared', 'shared', ...jest('shared'), { reportArgs: jestReport });
  await suite('server-typecheck', 'typecheck', pnpm[0], [...pnpm.slice(1), '--filter', '@zipin/server', 'run', 'typecheck']);
  if (existsSync(join(root, 'client', 'vite.config.ts'))) {
    await suite('client', 'client', pnpm[0], [...pnpm.slice(1), '--filter', '@zipin/client', 'exec', 'vitest', 'run'], {
      reportArgs: (file) => ['--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
    });
  }
  await suite('server (SQLite + in-process jobs)', 'sqlite', ...jest('server'), { reportArgs: jestReport, env: { ZIPIN_TEST_BACKEND: 'embedded' } });
  await sideBySide(
    async () => {
      if (haveMysql && haveRedis) {
        // Three files at a time: these mostly wait on MariaDB, Redis and worker processes
        // (measured: 3 workers 226 s against 2 workers' ~300 s on two cores, none flaky).
        await suite('server (MariaDB + BullMQ)', 'mariadb', ...jest('server', '--testPathPatterns', 'int-spec', '--maxWorkers=3'), {
          reportArgs: jestReport,
          env: { ZIPIN_TEST_BACKEND: 'scaled', ZIPIN_TEST_MYSQL_URL: mysqlUrl, ZIPIN_TEST_REDIS_URL: redisUrl },
        });
      } else {
        skip('server (MariaDB + BullMQ)', `${haveMysql ? '' : `no MySQL/MariaDB at ${mysql.host}`}${!haveMysql && !haveRedis ? ', ' : ''}${haveRedis ? '' : `no Redis at ${redis.host}`} (set ZIPIN_TEST_MYSQL_URL / ZIPIN_TEST_REDIS_URL)`);
      }
    },
    async () => {
      const chromium = findChromium();
      if (chromium) await suite('browser', 'browser', process.execPath, [join(root, 'test', 'e2e', 'run.mjs')], { env: { CHROMIUM_PATH: chromium } });
      else skip('browser', 'no Chromium found (install Debian\'s chromium or set CHROMIUM_PATH)');
    },
  );

  results.sort((a, b) => SUITE_ORDER.indexOf(a.name) - SUITE_ORDER.indexOf(b.name));
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log('\nZipin test summary');
  for (const r of results) {
    console.log(`  ${r.status.padEnd(8)} ${r.name}: ${r.passed} passed, ${r.failed} failed${r.seconds !== undefined ? `, ${r.seconds} s` : ''}${r.note ? ` (${r.note})` : ''}`);
  }
  console.log(`  time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

/** backup <file> | restore <file> [--force] | verify: the server's backup tool, same environment. */
function backupTool() {
  const cli = join(root, 'server', 'dist', 'backup-cli.js');
  if (!existsSync(cli)) {
    console.error('Build first (npm start or pnpm build): server/dist/backup-cli.js is missing.');
    process.exit(1);
  }
  const res = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: process.env });
  process.exit(res.status ?? 1);
}

if (command === 'start') await start();
else if (command === 'test') await test();
else if (command === 'backup' || command === 'restore' || command === 'verify') backupTool();
else {
  console.error('usage: node scripts/zipin.mjs start|test|backup <file>|restore <file> [--force]|verify');
  process.exit(2);
}
