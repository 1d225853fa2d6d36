import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { JOB_NAMES, type JobName, type JobPayloads } from '@zipin/shared';
import { ConfigModule } from '../../src/config/config.module.js';
import { DatabaseModule } from '../../src/database/database.module.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { JobsModule } from '../../src/jobs/jobs.module.js';
import { JobQueue } from '../../src/jobs/job-queue.service.js';
import { JobBackend } from '../../src/jobs/job-backend.js';
import { InProcessJobBackend } from '../../src/jobs/in-process-backend.js';
import { HandlesJob, PermanentJobError, type JobHandler } from '../../src/jobs/job-handler.js';
import { JobEntity } from '../../src/jobs/job.entity.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { createTestEnvironment, TEST_BACKEND, type TestEnvironment } from '../support/backend.js';
import { DataSource } from 'typeorm';

/** What the recording handlers saw, shared across app restarts within one test. */
const seen: { name: JobName; payload: unknown; attempt: number; at: number }[] = [];
let failuresBeforeSuccess = 0;
/** Renders whose id starts with "hold" wait for this: they keep the work lane's slots busy. */
let releaseHeld: () => void = () => {};
let held = new Promise<void>((r) => (releaseHeld = r));

function recorder(name: JobName) {
  @Injectable()
  @HandlesJob(name)
  class Recorder implements JobHandler<JobName> {
    async handle(payload: JobPayloads[JobName], ctx: { attempt: number }) {
      if (name === 'package.render-pdf' && (payload as { renderId: string }).renderId === 'permanent') throw new PermanentJobError('gone');
      if (name === 'package.render-pdf' && ctx.attempt <= failuresBeforeSuccess) throw new Error(`flaky ${ctx.attempt}`);
      if (name === 'package.render-pdf' && (payload as { renderId: string }).renderId.startsWith('hold')) {
        seen.push({ name, payload, attempt: ctx.attempt, at: Date.now() });
        await held;
        return;
      }
      seen.push({ name, payload, attempt: ctx.attempt, at: Date.now() });
    }
  }
  return Recorder;
}

async function startContext(config: AppConfig): Promise<INestApplicationContext> {
  // One recorder per job of the catalogue (the sweep is the jobs module's own).
  @Module({ providers: JOB_NAMES.filter((n) => n !== 'system.sweep').map(recorder) })
  class RecordersModule {}
  @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config), JobsModule.forRoot(config), RecordersModule] })
  class JobsTestModule {}
  const app = await NestFactory.createApplicationContext(JobsTestModule, { logger: ['error'], abortOnError: false });
  await app.init();
  return app;
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`job queue (${TEST_BACKEND})`, () => {
  let env: TestEnvironment;
  let app: INestApplicationContext;

  beforeEach(async () => {
    seen.length = 0;
    failuresBeforeSuccess = 0;
    env = await createTestEnvironment();
    app = await startContext(env.config);
  });

  afterEach(async () => {
    await app?.close();
    await env.cleanup();
  });

  const enqueue = <N extends JobName>(name: N, payload: JobPayloads[N], options: { jobId?: string; delayMs?: number; attempts?: number } = {}) =>
    app.get(TransactionService).run((tx) => app.get(JobQueue).enqueue(tx, name, payload, options));

  it('runs an enqueued job after its transaction commits', async () => {
    await enqueue('package.prepare-pdf', { packageId: 'p1' });
    await waitFor(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ name: 'package.prepare-pdf', payload: { packageId: 'p1' }, attempt: 1 });
  });

  it('writes no job when the transaction that enqueued it rolls back', async () => {
    await expect(
      app.get(TransactionService).run(async (tx) => {
        await app.get(JobQueue).enqueue(tx, 'package.prepare-pdf', { packageId: 'rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await new Promise((r) => setTimeout(r, 800));
    expect(seen).toEqual([]);
    expect(await app.get(DataSource).getRepository(JobEntity).countBy({ name: 'package.prepare-pdf' })).toBe(0);
  });

  it('treats a second enqueue with the same fixed id as a no-op', async () => {
    await enqueue('package.prepare-pdf', { packageId: 'p2' }, { jobId: 'publish.p2' });
    await enqueue('package.prepare-pdf', { packageId: 'p2' }, { jobId: 'publish.p2' });
    await waitFor(() => seen.length >= 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(seen.filter((s) => s.name === 'package.prepare-pdf')).toHaveLength(1);
  });

  it('keeps one job when two transactions enqueue the same fixed id at once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => enqueue('package.prepare-pdf', { packageId: 'p6' }, { jobId: 'publish.p6', delayMs: 60_000 })));
    expect(results.filter((id) => id !== null).length).toBeGreaterThanOrEqual(1);
    expect(await app.get(DataSource).getRepository(JobEntity).countBy({ jobKey: 'publish.p6' })).toBe(1);
  });

  it('runs a due publication while renders fill every work slot: the two wait in separate queues', async () => {
    held = new Promise<void>((r) => (releaseHeld = r));
    try {
      for (let i = 0; i < 4; i++) await enqueue('package.render-pdf', { renderId: `hold${i}` });
      await waitFor(() => seen.filter((s) => s.name === 'package.render-pdf').length >= 2);
      await enqueue('package.publish', { dueAtMs: Date.now() });
      await waitFor(() => seen.some((s) => s.name === 'package.publish'), 10_000);
      // The renders are all still stuck (at most the work lane's slots started), the publication went through.
      expect(seen.filter((s) => s.name === 'package.render-pdf').length).toBeLessThan(4);
    } finally {
      releaseHeld();
    }
  });

  it('waits for the delay before running', async () => {
    const started = Date.now();
    await enqueue('package.prepare-pdf', { packageId: 'p3' }, { delayMs: 1500 });
    await waitFor(() => seen.length === 1);
    expect(seen[0].at - started).toBeGreaterThanOrEqual(1400);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    failuresBeforeSuccess = 2;
    await enqueue('package.render-pdf', { renderId: 'r1' }, { attempts: 4 });
    await waitFor(() => seen.length === 1, 30_000);
    expect(seen[0].attempt).toBe(3);
  });

  it('stops retrying a job that fails permanently and records why', async () => {
    await enqueue('package.render-pdf', { renderId: 'permanent' }, { attempts: 5 });
    const repo = app.get(DataSource).getRepository(JobEntity);
    await waitFor(async () => (await repo.findOneBy({ name: 'package.render-pdf' }))?.status === 'FAILED', 20_000);
    const row = await repo.findOneByOrFail({ name: 'package.render-pdf' });
    expect(row.lastError).toContain('gone');
    expect(seen).toEqual([]);
  });

  it('keeps a delayed job across a restart and runs it once', async () => {
    await enqueue('package.prepare-pdf', { packageId: 'p4' }, { delayMs: 2000, jobId: 'publish.p4' });
    await app.close();
    app = await startContext(env.config);
    await waitFor(() => seen.length === 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(seen).toHaveLength(1);
    expect(seen[0].payload).toEqual({ packageId: 'p4' });
  });

  it('refuses to start when a job in the catalogue has no handler', async () => {
    // The check is the same on both backends; embedded keeps a failed start from leaving a Redis client open.
    const config = { ...env.config, redis: null, database: { kind: 'sqlite' as const, file: ':memory:' } };
    @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config), JobsModule.forRoot(config)] })
    class NoHandlersModule {}
    await expect(NestFactory.createApplicationContext(NoHandlersModule, { logger: false, abortOnError: false })).rejects.toThrow(/No handler for job/);
  });

  if (TEST_BACKEND === 'embedded') {
    it('drains due jobs on demand', async () => {
      await enqueue('package.prepare-pdf', { packageId: 'p5' });
      await (app.get(JobBackend) as InProcessJobBackend).drain();
      expect(seen).toHaveLength(1);
    });
  }
});
