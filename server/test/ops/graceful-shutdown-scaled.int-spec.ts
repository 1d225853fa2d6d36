/**
 * Scaled: SIGTERM to a worker (server/dist/bundle/worker.mjs, as the image runs it) while it renders a PDF from BullMQ. The
 * worker finishes the job (or, past SHUTDOWN_TIMEOUT_MS, exits and BullMQ hands the stalled job
 * to the next worker); after a new worker starts, the render is done once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { TEST_BACKEND, TEST_MYSQL_URL, TEST_REDIS_URL } from '../support/backend.js';
import { freePort } from '../faults/support/processes.js';
import { waitFor } from '../support/wait.js';

const DIST = fileURLToPath(new URL('../../dist/bundle/', import.meta.url));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function spawnProcess(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [join(DIST, script)], { env: { ...process.env, NODE_ENV: 'development', LOG_FORMAT: 'json', LOG_LEVEL: 'log', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<string | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return { child, exited, output: () => out };
}

(TEST_BACKEND === 'scaled' ? describe : describe.skip)('graceful shutdown of a worker (scaled)', () => {
  const children: ChildProcess[] = [];
  let dataDir = '';
  let dbName = '';
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const c = await createConnection(TEST_MYSQL_URL);
      await c.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await c.end();
    }
  });

  it('finishes the render it was running on SIGTERM, and nothing runs twice after a new worker starts', async () => {
    if (!existsSync(join(DIST, 'worker.mjs'))) throw new Error('build the server first (pnpm --filter @zipin/server build)');
    dataDir = mkdtempSync(join(tmpdir(), 'zipin-shutdown-scaled-'));
    dbName = `zipin_test_${randomBytes(4).toString('hex')}`;
    const admin = await createConnection(TEST_MYSQL_URL);
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = `${TEST_MYSQL_URL.replace(/\/+$/, '')}/${dbName}`;
    const env = {
      DATA_DIR: dataDir, DATABASE_URL: url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: `zipin-test-${dbName}`, DEMO_DATA: 'true',
      CHROMIUM_PATH: chromium, HOST: '127.0.0.1', SESSION_SECRET: 'x'.repeat(40),
    };
    const api = spawnProcess('api.mjs', { ...env, PORT: String(await freePort()) });
    children.push(api.child);
    const db = await createConnection(url);
    try {
      await waitFor(async () => /is running at/.test(api.output()), 120_000, 'the API up (migrated, demo data)');
      const worker = spawnProcess('worker.mjs', { ...env, PORT: String(await freePort()) });
      children.push(worker.child);
      const renderId = await waitFor(async () => {
        const [rows] = (await db.query("SELECT id FROM render WHERE status = 'RUNNING' LIMIT 1")) as unknown as [{ id: string }[]];
        return rows[0]?.id ?? null;
      }, 120_000, 'a render running on the worker');
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe('SIGTERM');
      expect(worker.output()).toMatch(/SIGTERM: no new requests/);
      const [[afterStop]] = (await db.query('SELECT status FROM render WHERE id = ?', [renderId])) as unknown as [{ status: string }[]];
      expect(afterStop!.status).toBe('DONE');

      const next = spawnProcess('worker.mjs', { ...env, PORT: String(await freePort()) });
      children.push(next.child);
      // Everything the demo scheduled for now gets done; the render stays done once.
      await waitFor(async () => {
        const [rows] = (await db.query("SELECT COUNT(*) AS n FROM render WHERE status IN ('QUEUED', 'RUNNING')")) as unknown as [{ n: number }[]];
        return Number(rows[0]!.n) === 0;
      }, 120_000, 'no render left queued or running');
      const [[render]] = (await db.query('SELECT packageId, purpose FROM render WHERE id = ?', [renderId])) as unknown as [{ packageId: string; purpose: string }[]];
      const [[done]] = (await db.query("SELECT COUNT(*) AS n FROM render WHERE packageId = ? AND purpose = ? AND status = 'DONE'", [render!.packageId, render!.purpose])) as unknown as [{ n: number }[]];
      expect(Number(done!.n)).toBe(1);
      const [[pubs]] = (await db.query('SELECT COUNT(*) AS n FROM publication WHERE packageId = ?', [render!.packageId])) as unknown as [{ n: number }[]];
      expect(Number(pubs!.n)).toBeLessThanOrEqual(1);
      next.child.kill('SIGTERM');
      api.child.kill('SIGTERM');
      expect(await next.exited).toBe('SIGTERM');
      expect(await api.exited).toBe('SIGTERM');
    } finally {
      await db.end();
    }
  }, 300_000);
});
