import type { INestApplicationContext } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionService } from '../../src/database/transaction.service.js';
import { JobEntity } from '../../src/jobs/job.entity.js';
import { PublicationEntity } from '../../src/modules/publication/publication.entity.js';
import { PublicationService } from '../../src/modules/publication/publication.service.js';
import { Renderer } from '../../src/modules/render/renderer.js';
import { RenderEntity } from '../../src/modules/render/render.entity.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { ArtifactStorage } from '../../src/storage/artifact-storage.js';
import { startWorker } from '../../src/worker.js';
import { TEST_BACKEND } from '../support/backend.js';
import { TestApp } from '../support/test-app.js';
import { approvePackages, buildPublicationWorld } from '../support/factories-publication.js';
import { waitFor } from '../support/wait.js';

const PACKAGES = Number(process.env.ZIPIN_PUBLISH_PACKAGES ?? 200);
const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';
const scaled = TEST_BACKEND === 'scaled';
if (!scaled) console.warn('multi-worker publication needs Redis: run with ZIPIN_TEST_BACKEND=scaled (skipped on the embedded backend)');

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

(scaled ? describe : describe.skip)(`${PACKAGES} packages scheduled for the same moment, two workers`, () => {
  let api: TestApp;
  const workers: INestApplicationContext[] = [];

  afterAll(async () => {
    for (const w of workers) await w.close();
    await api?.close();
  }, 60_000);

  it('renders each PDF ahead, then publishes every one exactly once at its time, and reports the lateness', async () => {
    // The API process only relays jobs; the two workers run them (each its own Chromium).
    api = await TestApp.start({ chromiumPath, runJobs: false });
    const world = await buildPublicationWorld(api, { units: PACKAGES, login: false });
    await approvePackages(api, world, world.packageIds);
    const admin = { userId: world.admin.id, role: 'ADMIN' as const, unitId: null, bureauId: world.bureauId };
    workers.push(await startWorker({ ...api.config, runJobs: true }), await startWorker({ ...api.config, runJobs: true }));
    // Scheduled well ahead: the copies to be published are rendered meanwhile, as after approval.
    const pkgs = api.dataSource.getRepository(PackageEntity);
    await api.get(TransactionService).run(async (tx) => {
      for (const id of world.packageIds) await api.get(PublicationService).scheduleIn(tx, admin, 'SCHEDULE', id, new Date(Date.now() + 3_600_000), 5);
    });
    const renders = api.dataSource.getRepository(RenderEntity);
    await waitFor(async () => (await renders.countBy({ packageId: In(world.packageIds), purpose: 'PUBLISHED', status: 'DONE' })) === PACKAGES, 300_000, 'every PDF rendered ahead');
    const printed = workers.map((w) => w.get(Renderer).printed);
    expect(printed.every((n) => n > 0)).toBe(true); // both workers took part

    // Then all of them are moved to the same moment, far enough away for the move itself to commit first.
    const publishAt = new Date(Date.now() + 5_000 + PACKAGES * 60);
    const moveStarted = Date.now();
    await api.get(TransactionService).run(async (tx) => {
      for (const id of world.packageIds) await api.get(PublicationService).scheduleIn(tx, admin, 'RESCHEDULE', id, publishAt);
    });
    const moveMs = Date.now() - moveStarted;
    expect(Date.now()).toBeLessThan(publishAt.getTime());
    await waitFor(async () => (await pkgs.countBy({ id: In(world.packageIds), state: 'PUBLISHED' })) === PACKAGES, 120_000, 'every package to be published');
    const finishedAt = Date.now();

    const publications = await api.dataSource.getRepository(PublicationEntity).findBy({ packageId: In(world.packageIds) });
    expect(publications).toHaveLength(PACKAGES);
    expect(new Set(publications.map((p) => p.packageId)).size).toBe(PACKAGES);
    expect(await api.dataSource.getRepository(AuditEventEntity).countBy({ packageId: In(world.packageIds), action: 'PUBLISH' })).toBe(PACKAGES);
    const storage = api.get(ArtifactStorage);
    for (const p of publications) expect(await storage.exists(p.pdfKey)).toBe(true);
    for (const p of publications) expect(p.publishedAt.getTime()).toBeGreaterThanOrEqual(publishAt.getTime());
    // Nothing was rendered at publication time: the copies made ahead went out.
    expect(workers.map((w) => w.get(Renderer).printed)).toEqual(printed);
    const jobs = await api.dataSource.getRepository(JobEntity).findBy({ name: 'package.publish' });
    const runs = jobs.filter((j) => j.payload.dueAtMs === publishAt.getTime());
    expect(runs).toHaveLength(1); // one due-time job for the instant, however many packages share it

    const lateness = publications.map((p) => p.publishedAt.getTime() - publishAt.getTime()).sort((a, b) => a - b);
    const line = [
      `${PACKAGES} packages, 2 workers (BullMQ + MariaDB, Chromium ${chromiumPath === 'npm' ? '@sparticuz/chromium' : chromiumPath})`,
      `lateness p50 ${percentile(lateness, 50)} ms, p90 ${percentile(lateness, 90)} ms, p99 ${percentile(lateness, 99)} ms, max ${lateness[lateness.length - 1]} ms`,
      `all published ${finishedAt - publishAt.getTime()} ms after the scheduled time (seen by polling); PDFs printed ahead per worker: ${printed.join(' / ')}; rescheduling them took ${moveMs} ms`,
    ].join('\n  ');
    console.log(`scheduled publication\n  ${line}`);
  }, 480_000);
});
