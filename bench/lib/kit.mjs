/**
 * What every benchmark here shares: flags, percentiles, the built server and its dependencies,
 * throwaway MariaDB databases, child server processes and a keep-alive HTTP load driver.
 * Benchmarks import the BUILT server (server/dist): build it first with
 *   cd shared && npx tsc -p tsconfig.build.json && cd ../server && npx tsc -p tsconfig.build.json
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(BENCH_DIR, '..');
export const SERVER_DIR = join(ROOT, 'server');
/** Resolves the server's own dependencies (mysql2, ioredis, @nestjs/*), not the bench's. */
export const serverRequire = createRequire(join(SERVER_DIR, 'package.json'));

/** Imports an ESM dependency of the server (NestJS 12 is ESM-only, so require() will not do). */
export function serverImport(specifier) {
  return import(pathToFileURL(serverRequire.resolve(specifier)).href);
}

export const MYSQL_URL = (process.env.ZIPIN_BENCH_MYSQL_URL ?? process.env.ZIPIN_TEST_MYSQL_URL ?? 'mysql://zipin:zipin@127.0.0.1:3306').replace(/\/+$/, '');
/** The SESSION_SECRET of the API children, under which generate.mjs stores its sessions. */
export const BENCH_SESSION_SECRET = 'b'.repeat(40);
export const REDIS_URL = process.env.ZIPIN_BENCH_REDIS_URL ?? process.env.ZIPIN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** `--name value` flags (a bare `--name` is "true"). */
export function flags(defaults) {
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const key = argv[i].slice(2);
    const next = argv[i + 1];
    const value = next === undefined || next.startsWith('--') ? 'true' : (i++, next);
    out[key] = typeof defaults[key] === 'number' ? Number(value) : typeof defaults[key] === 'boolean' ? value !== 'false' : value;
  }
  return out;
}

/** Imports a module of the built server, e.g. server('modules/package/package-evaluation.js'). */
export async function server(rel) {
  const file = join(SERVER_DIR, 'dist', rel);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the server first (see bench/README.md)`);
  return import(pathToFileURL(file).href);
}

export async function shared() {
  return import(pathToFileURL(join(ROOT, 'shared', 'dist', 'index.js')).href);
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function latencyStats(samples) {
  const s = Float64Array.from(samples).sort();
  return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

export const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : '—');
export const num = (x, d = 0) => Number(x).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export function machineLine() {
  return `node ${process.version}, ${availableParallelism()} cores (shared), ${new Date().toISOString()}`;
}

/** A fresh MariaDB database for one run; drop() removes it. */
export async function scratchDatabase(prefix = 'zipin_bench') {
  const mysql = serverRequire('mysql2/promise');
  const name = `${prefix}_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection(MYSQL_URL);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    name,
    url: `${MYSQL_URL}/${name}`,
    async drop() {
      const c = await mysql.createConnection(MYSQL_URL);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/**
 * Starts a Node script as a child process and resolves once it prints `readyPattern`
 * (the server prints "is running at http://…:PORT"). Returns the child and the port it said.
 */
export function startChild(script, { env = {}, args = [], readyPattern = /running at \S*:(\d+)|listening on (\d+)/, timeoutMs = 120_000 } = {}) {
  const child = spawn(process.execPath, ['--no-warnings', script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const stop = () =>
    new Promise((r) => {
      if (child.exitCode !== null || child.signalCode !== null) return r();
      child.once('exit', () => r());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready after ${timeoutMs} ms:\n${out.slice(-2000)}`)), timeoutMs);
    const onData = (d) => {
      out += d.toString();
      const m = readyPattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveReady({ child, port: Number(m[1] ?? m[2]), stop, log: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${out.slice(-3000)}`));
    });
  });
}

/**
 * The built API (startApi of server/dist/main.js) as a child process on a free port, counting
 * its SQL statements: `await api.queries()` is the running total.
 */
export async function startApiChild(env) {
  const child = await startChild(join(BENCH_DIR, 'lib', 'api-child.mjs'), {
    env: { NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', DEMO_DATA: 'false', SESSION_SECRET: BENCH_SESSION_SECRET, PUBLIC_URL: 'http://localhost:3000', ...env },
    readyPattern: /running at \S*:(\d+) counter (\d+)/,
  });
  const counterPort = Number(/counter (\d+)/.exec(child.log())[1]);
  const queries = () =>
    new Promise((resolveCount, reject) => {
      http.get({ host: '127.0.0.1', port: counterPort, path: '/', agent: false }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolveCount(JSON.parse(text).queries));
      }).on('error', reject);
    });
  return { ...child, queries };
}

/** POSTs one GraphQL operation over a keep-alive agent; resolves { status, body }. */
export function postJson(agent, port, path, payload, headers = {}) {
  const body = Buffer.from(JSON.stringify(payload));
  return new Promise((resolveRes, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length, ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            /* a non-JSON answer is reported as an error below */
          }
          resolveRes({ status: res.statusCode, body: json, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Closed-loop load: `connections` lanes, each sending its next request as soon as the last
 * answered, for `seconds` (after `warmupSeconds` not counted). `request(lane, i)` returns a
 * promise of { ok, error? }. Returns throughput, latency percentiles and the errors; with
 * `cpuPid`, also the CPU time that process spent per counted request (user + system, from
 * /proc), which other work on the machine sways far less than throughput.
 */
export async function closedLoop({ connections, seconds, warmupSeconds = 1, request, cpuPid }) {
  const latencies = [];
  const errors = new Map();
  let done = 0;
  const warmEnd = performance.now() + warmupSeconds * 1000;
  const end = warmEnd + seconds * 1000;
  const cpu = {};
  const cpuTimers = cpuPid
    ? [setTimeout(() => (cpu.start = cpuMs(cpuPid)), warmupSeconds * 1000), setTimeout(() => (cpu.end = cpuMs(cpuPid)), (warmupSeconds + seconds) * 1000)]
    : [];
  await Promise.all(
    Array.from({ length: connections }, async (_, lane) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        let r;
        try {
          r = await request(lane, i);
        } catch (err) {
          r = { ok: false, error: err.code ?? err.message };
        }
        const t1 = performance.now();
        if (t0 < warmEnd) continue;
        if (t1 > end) break;
        done++;
        latencies.push(t1 - t0);
        if (!r.ok) errors.set(r.error, (errors.get(r.error) ?? 0) + 1);
      }
    }),
  );
  for (const t of cpuTimers) clearTimeout(t);
  const cpuPerRequest = cpu.start != null && cpu.end != null && done ? (cpu.end - cpu.start) / done : null;
  return { requests: done, perSecond: done / seconds, ...latencyStats(latencies), errors: Object.fromEntries(errors), errorCount: [...errors.values()].reduce((a, b) => a + b, 0), cpuPerRequest };
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc, clock ticks of 10 ms). */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function keepAliveAgent(connections) {
  return new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
}

/** The GraphQL error code of an answer, or null when it succeeded. */
export function gqlError(res) {
  if (res.status !== 200 && !res.body) return `HTTP ${res.status}`;
  const e = res.body?.errors?.[0];
  return e ? (e.extensions?.code ?? e.message) : null;
}
