/**
 * /api/health says the process lives; /api/ready names each dependency and answers 503 when
 * one is down, on the API and (through HEALTH_PORT) on a worker, whose browser it also checks.
 */
import { DEFAULT_JOB_LOCK_MS } from '../../src/config/app-config.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { startWorker } from '../../src/worker.js';
import { WorkerProbes } from '../../src/modules/system/worker-probes.js';
import { ReadinessService } from '../../src/modules/system/readiness.service.js';
import { TEST_BACKEND, createTestEnvironment, type TestEnvironment } from '../support/backend.js';
import { TestApp } from '../support/test-app.js';
import { PrivateRedis, freePort, hasBinary } from '../faults/support/processes.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('health and readiness', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });
  const start = async (...args: Parameters<typeof TestApp.start>) => {
    const app = await TestApp.start(...args);
    apps.push(app);
    return app;
  };

  it('reports the API live and ready, with each dependency it uses', async () => {
    const app = await start({ runJobs: false });
    const health = await app.http().get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', role: 'api' });
    const ready = await app.http().get('/api/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', role: 'api', shuttingDown: false, checks: { database: { status: 'up' }, storage: { status: 'up' } } });
    if (TEST_BACKEND === 'scaled') expect(ready.body.checks.redis).toMatchObject({ status: 'up' });
    else expect(ready.body.checks.redis).toBeUndefined();
    expect(ready.body.checks.browser).toBeUndefined();
  });

  it('answers 503 naming the storage when the artifact folder cannot be written', async () => {
    const app = await start({ runJobs: false });
    const blocker = join(app.config.dataDir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    (app.config as { storage: unknown }).storage = { kind: 'local', dir: join(blocker, 'artifacts') };
    const ready = await app.http().get('/api/ready').expect(503);
    expect(ready.body).toMatchObject({ status: 'not ready', checks: { storage: { status: 'down' }, database: { status: 'up' } } });
    expect(ready.body.checks.storage.detail).toMatch(/ENOTDIR|EEXIST|not a directory/i);
  });

  it('answers 503 naming the database once it is gone, while /api/health still answers', async () => {
    const app = await start({ runJobs: false });
    await app.dataSource.destroy();
    const ready = await app.http().get('/api/ready').expect(503);
    expect(ready.body.checks.database).toMatchObject({ status: 'down' });
    await app.http().get('/api/health').expect(200);
    await app.dataSource.initialize();
  });

  it('stops being ready once shutdown has begun', async () => {
    const app = await start({ runJobs: false });
    app.get(ReadinessService).markShuttingDown();
    const ready = await app.http().get('/api/ready').expect(503);
    expect(ready.body).toMatchObject({ status: 'not ready', shuttingDown: true });
  });

  (TEST_BACKEND === 'scaled' && hasBinary('redis-server') ? it : it.skip)('answers 503 naming Redis while it is down', async () => {
    const redis = await PrivateRedis.start();
    let app: TestApp | null = null;
    try {
      app = await TestApp.start({ runJobs: false, redis: { url: redis.url, prefix: 'zipin-ready', lockMs: DEFAULT_JOB_LOCK_MS } });
      expect((await app.http().get('/api/ready').expect(200)).body.checks.redis.status).toBe('up');
      await redis.down();
      const ready = await app.http().get('/api/ready').expect(503);
      expect(ready.body.checks.redis).toMatchObject({ status: 'down' });
      await redis.up();
      expect((await app.http().get('/api/ready').expect(200)).body.checks.redis.status).toBe('up');
    } finally {
      await app?.close();
      await redis.down();
    }
  }, 60_000);

  describe('on a worker', () => {
    let env: TestEnvironment;
    let worker: INestApplicationContext | null = null;
    /** Workers leave the schema to the API; migrate as the API would have. */
    async function migratedEnvironment(): Promise<TestEnvironment> {
      const e = await createTestEnvironment();
      const ds = await new DataSource(dataSourceOptions(e.config)).initialize();
      await ds.destroy();
      return e;
    }
    afterEach(async () => {
      await worker?.close();
      worker = null;
      await env?.cleanup();
    });

    it('answers on HEALTH_PORT and checks the browser it renders with', async () => {
      env = await migratedEnvironment();
      const port = await freePort();
      worker = await startWorker({ ...env.config, healthPort: port, chromiumPath });
      expect(worker.get(WorkerProbes).port).toBe(port);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', role: 'worker' });
      const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
      const body = (await ready.json()) as any;
      expect(ready.status).toBe(200);
      expect(body).toMatchObject({ status: 'ready', role: 'worker', checks: { database: { status: 'up' }, storage: { status: 'up' }, browser: { status: 'up' } } });
    });

    it('is not ready when no browser can be started', async () => {
      env = await migratedEnvironment();
      const port = await freePort();
      worker = await startWorker({ ...env.config, healthPort: port, chromiumPath: join(env.config.dataDir, 'no-such-chromium') });
      const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as any).checks.browser).toMatchObject({ status: 'down' });
    });
  });
});
