// Browser journeys: starts the built server embedded (fresh data folder, demo data) on a free
// port, then runs every *.e2e.mjs here in Debian's Chromium through playwright-core.
// Each journey exports `name` and `run({ browser, baseUrl, shot, expect, signIn, startServer, freePort })`;
// a journey that needs the server configured otherwise (single sign-on, two API processes on
// MariaDB + Redis) starts its own with startServer(env, options), on its own port and data folder,
// stops it, and signs in there with signIn(username, { baseUrl }).
// `node test/e2e/run.mjs dashboard,org-users` runs the journeys whose file names contain either.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from './lib/api.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const shotsDir = join(here, 'screenshots');
// One name, or several separated by commas: the journeys whose file names contain any of them.
const only = process.argv[2]?.split(',').filter(Boolean);
/** With DOC_SHOTS=1 a shot given a doc name is also written (one viewport) as the README's docs/screenshots/<name>.png. */
const docsDir = process.env.DOC_SHOTS ? join(root, 'docs', 'screenshots') : null;

const freePort = () =>
  new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

/**
 * The built server on a free port with a data folder of its own, once `readyPath` answers. A
 * loaded machine can take well over a minute to start one.
 */
async function startServer(extraEnv = {}, { readyPath = '/api/health', timeoutMs = 180_000 } = {}) {
  const port = extraEnv.PORT ? Number(extraEnv.PORT) : await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'zipin-e2e-'));
  const child = spawn(process.execPath, [join(root, 'server', 'dist', 'bundle', 'api.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'true', LOG_LEVEL: 'warn', NODE_ENV: 'development', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}${readyPath}`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`server did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}


/**
 * A person signed in in their own browser context: the page after login, and every console or
 * page error it shows (a journey fails on any).
 */
async function signIn(browser, defaultBaseUrl, username, { baseUrl = defaultBaseUrl, viewport = { width: 1440, height: 900 }, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`${username}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return { context, page, errors };
}

function expect(condition, message) {
  if (!condition) throw new Error(`expectation failed: ${message}`);
}

const journeys = readdirSync(here).filter((f) => f.endsWith('.e2e.mjs') && (!only?.length || only.some((o) => f.includes(o)))).sort();
mkdirSync(shotsDir, { recursive: true });
/**
 * Journeys spend most of their time waiting (a publication time, a toast to pass, a live update:
 * a serial run kept the CPU a third busy), so they run in lanes side by side (ZIPIN_E2E_LANES,
 * default 3), each lane on a server of its own. A lane takes the next journey when it is done
 * with one, the long ones first (a journey's `expectedSeconds`, measured), so no lane is left
 * with two long ones while the others wait; a journey with `runsAfter` follows that one in its lane.
 */
const laneCount = Math.max(1, Math.min(Number(process.env.ZIPIN_E2E_LANES ?? 3) || 1, journeys.length));
const modules = new Map(await Promise.all(journeys.map(async (f) => [f, await import(join(here, f))])));
// A journey that must follow another on the same server (`runsAfter`, a file name) goes with it:
// each item is a journey that follows none, then whatever follows it, in order.
const after = (f) => (journeys.includes(modules.get(f).runsAfter) ? modules.get(f).runsAfter : null);
const items = journeys.filter((f) => !after(f)).map((head) => {
  const item = [head];
  for (let next; (next = journeys.find((f) => after(f) === item.at(-1))); ) item.push(next);
  return item;
});
const unplaced = journeys.filter((f) => !items.flat().includes(f));
if (unplaced.length) throw new Error(`runsAfter forms a cycle or a fork: ${unplaced.join(', ')}`);
const expected = (item) => item.reduce((n, f) => n + (modules.get(f).expectedSeconds ?? 0), 0);
const queue = items.sort((a, b) => expected(b) - expected(a) || a[0].localeCompare(b[0]));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let passed = 0;
let failed = 0;

async function runLane() {
  const server = await startServer();
  try {
    for (const file of (function* () {
      for (let item = queue.shift(); item; item = queue.shift()) yield* item;
    })()) {
      const journey = modules.get(file);
      const prefix = file.replace('.e2e.mjs', '');
      let step = 0;
      const shot = async (page, label, docName) => {
        step += 1;
        await page.screenshot({ path: join(shotsDir, `${prefix}-${String(step).padStart(2, '0')}-${label}.png`), fullPage: true });
        if (docsDir && docName) {
          mkdirSync(docsDir, { recursive: true });
          // The README's picture shows the screen, not a passing toast.
          await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
          await page.screenshot({ path: join(docsDir, `${docName}.png`) });
        }
      };
      const started = Date.now();
      try {
        await journey.run({ browser, baseUrl: server.baseUrl, shot, expect, signIn: (username, options) => signIn(browser, server.baseUrl, username, options), startServer, freePort });
        passed++;
        console.log(`  ✓ ${journey.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        console.log(`  ✗ ${journey.name}: ${err?.stack ?? err}`);
        console.log(server.output().split('\n').slice(-30).join('\n'));
      }
    }
  } finally {
    await server.stop();
  }
}

try {
  await Promise.all(Array.from({ length: laneCount }, runLane));
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
// The test command counts journeys from this report, like Jest's and Vitest's JSON reports.
if (process.env.ZIPIN_TEST_REPORT) writeFileSync(process.env.ZIPIN_TEST_REPORT, JSON.stringify({ numPassedTests: passed, numFailedTests: failed }));
process.exit(failed ? 1 : 0);
