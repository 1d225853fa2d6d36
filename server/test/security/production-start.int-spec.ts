/**
 * The built API started as an operator would in production (NODE_ENV=production and a
 * SESSION_SECRET, nothing else): no demo accounts, Secure session cookies, no introspection, no
 * GraphiQL, no "Did you mean" suggestions, and a start-up line saying which mode it runs in.
 * Needs `pnpm build` first (it runs server/dist/bundle/api.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopProcess } from '../faults/support/processes.js';
import { waitFor } from '../support/wait.js';

const MAIN = fileURLToPath(new URL('../../dist/bundle/api.mjs', import.meta.url));
const SECRET = 'production-test-secret-0123456789abcdef';

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  dir: string;
}

async function startBuilt(env: Record<string, string>): Promise<Started> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run pnpm build first`);
  const dir = mkdtempSync(join(tmpdir(), 'zipin-prod-'));
  const port = await freePort();
  const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env };
  const child = spawn(process.execPath, [MAIN], { env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 90 s:\n${out}`)), 90_000);
    // Ready when it answers (the start-up line itself is a log line, which LOG_LEVEL may hide).
    const poll = setInterval(() => {
      fetch(`http://127.0.0.1:${port}/api/health`)
        .then((res) => {
          if (!res.ok) return;
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        })
        .catch(() => undefined);
    }, 100);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before it was ready:\n${out}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => out, dir };
}

/**
 * Expects the server to have printed `line`. Its health answer can reach the test before the
 * start-up lines have been read from its output pipe (one more I/O event), so wait a little.
 */
async function expectSaid(s: Started, line: RegExp | string): Promise<void> {
  const says = () => (typeof line === 'string' ? s.output().includes(line) : line.test(s.output()));
  await waitFor(async () => says(), 15_000, `the server to print ${String(line)}`).catch(() => undefined);
  if (typeof line === 'string') expect(s.output()).toContain(line);
  else expect(s.output()).toMatch(line);
}

async function gql(s: Started, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] }, setCookie: res.headers.get('set-cookie') };
}

const LOGIN = 'mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }';
const DEMO = { u: 'admin', p: 'Zipin@2024' };

describe('a production start of the built server', () => {
  const started: Started[] = [];
  afterAll(async () => {
    for (const s of started) {
      await stopProcess(s.child);
      rmSync(s.dir, { recursive: true, force: true });
    }
  });

  it('creates no demo accounts, says so, and opens no schema details', async () => {
    const s = await startBuilt({ NODE_ENV: 'production', SESSION_SECRET: SECRET });
    started.push(s);
    await expectSaid(s, /mode: embedded, production, no demo data/);
    await expectSaid(s, 'No accounts yet: create the first admin with `node server/dist/cli.js create-admin');
    const login = await gql(s, LOGIN, DEMO);
    expect(login.body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const introspection = await gql(s, '{ __schema { queryType { name } } }');
    expect(introspection.body.data?.__schema).toBeUndefined();
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = await gql(s, '{ mee { id } }');
    expect(typo.body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
    const graphiql = await fetch(`${s.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).not.toMatch(/graphiql/i);
    // The app shell may not be framed by another site.
    const shell = await fetch(`${s.url}/`);
    expect(shell.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(shell.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  }, 120_000);

  it('marks the session cookie Secure, with demo data only when asked for by name', async () => {
    const s = await startBuilt({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DEMO_DATA: 'true', RUN_JOBS: 'false' });
    started.push(s);
    await expectSaid(s, /mode: embedded, production, demo data present/);
    await expectSaid(s, /WARNING: production with the demo accounts present/);
    const login = await gql(s, LOGIN, DEMO);
    expect(login.body.errors).toBeUndefined();
    expect(login.setCookie).toMatch(/zipin_session=.*;\s*Secure/i);
    expect(login.setCookie).toMatch(/HttpOnly/i);
  }, 180_000);

  it('leaves the cookie plain only for an explicit plain-http opt-out, and keeps introspection off when NODE_ENV is unset', async () => {
    const s = await startBuilt({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DEMO_DATA: 'true', RUN_JOBS: 'false', COOKIE_SECURE: 'false' });
    started.push(s);
    const login = await gql(s, LOGIN, DEMO);
    expect(login.setCookie).toMatch(/zipin_session=/);
    expect(login.setCookie).not.toMatch(/Secure/i);
    await stopProcess(s.child);

    const unset = await startBuilt({ DEMO_DATA: 'false' });
    started.push(unset);
    await expectSaid(unset, /mode: embedded, development, no demo data/);
    const introspection = await gql(unset, '{ __schema { queryType { name } } }');
    expect(introspection.body.data?.__schema).toBeUndefined();
    expect(JSON.stringify((await gql(unset, '{ mee { id } }')).body)).not.toMatch(/Did you mean/);
  }, 180_000);
});
