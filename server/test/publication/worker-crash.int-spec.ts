import type { ChildProcess } from 'node:child_process';
import { In } from 'typeorm';
import { TransactionService } from '../../src/database/transaction.service.js';
import { PublicationEntity } from '../../src/modules/publication/publication.entity.js';
import { PublicationService } from '../../src/modules/publication/publication.service.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { RenderEntity } from '../../src/modules/render/render.entity.js';
import { RenderService } from '../../src/modules/render/render.service.js';
import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { ArtifactStorage } from '../../src/storage/artifact-storage.js';
import { TEST_BACKEND } from '../support/backend.js';
import { TestApp } from '../support/test-app.js';
import { approvePackages, buildPublicationWorld } from '../support/factories-publication.js';
import { waitFor } from '../support/wait.js';
import { spawnWorker } from './support/spawn-worker.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';
const scaled = TEST_BACKEND === 'scaled';
if (!scaled) console.warn('the worker crash test needs separate worker processes on Redis: run with ZIPIN_TEST_BACKEND=scaled (skipped on the embedded backend)');


(scaled ? describe : describe.skip)('a worker killed in the middle of rendering', () => {
  let api: TestApp;
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await api?.close();
  }, 60_000);

  it('loses nothing and publishes nothing twice once a worker is back', async () => {
    api = await TestApp.start({ chromiumPath, runJobs: false });
    const world = await buildPublicationWorld(api, { units: 30, login: false });
    await approvePackages(api, world, world.packageIds);
    const admin = { userId: world.admin.id, role: 'ADMIN' as const, unitId: null, bureauId: world.bureauId };
    const soon = new Date(Date.now() + 6_000);
    const later = new Date(Date.now() + 25_000); // still scheduled when the worker dies
    await api.get(TransactionService).run(async (tx) => {
      for (const [i, id] of world.packageIds.entries()) await api.get(PublicationService).scheduleIn(tx, admin, 'SCHEDULE', id, i < 20 ? soon : later, 5);
    });

    // A 5 s lock: the dead worker's render goes to the next worker 5 s after the kill, not 30.
    const config = { ...api.config, runJobs: true, redis: { ...api.config.redis!, lockMs: 5_000 } };
    const first = await spawnWorker(config);
    children.push(first);

    // Kill it (SIGKILL: no shutdown hooks) while it is printing a PDF, after it published some.
    // The PDFs rendered at approval may all be done by then (a quiet machine prints one in
    // ~50 ms), so once some are published a preview of each package is queued: the worker is
    // then printing for a second or more, and the poll below sees it mid-render.
    const renders = api.dataSource.getRepository(RenderEntity);
    const publications = api.dataSource.getRepository(PublicationEntity);
    await waitFor(async () => (await publications.countBy({ packageId: In(world.packageIds) })) >= 2, 90_000, 'the first publications');
    await api.get(TransactionService).run(async (tx) => {
      for (const id of world.packageIds) await api.get(RenderService).request(tx, { packageId: id, revisionId: null, purpose: 'PREVIEW', requestedById: world.admin.id });
    });
    await waitFor(async () => (await renders.countBy({ packageId: In(world.packageIds), status: 'RUNNING' })) > 0, 60_000, 'the worker to be mid-render', 20);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const publishedAtKill = await publications.countBy({ packageId: In(world.packageIds) });
    const runningAtKill = await renders.countBy({ packageId: In(world.packageIds), status: 'RUNNING' });
    expect(runningAtKill).toBeGreaterThan(0);
    expect(publishedAtKill).toBeLessThan(30);

    children.push(await spawnWorker(config));
    const pkgs = api.dataSource.getRepository(PackageEntity);
    await waitFor(async () => (await pkgs.countBy({ id: In(world.packageIds), state: 'PUBLISHED' })) === 30, 150_000, 'every package to be published');

    const rows = await publications.findBy({ packageId: In(world.packageIds) });
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.packageId)).size).toBe(30);
    expect(await api.dataSource.getRepository(AuditEventEntity).countBy({ packageId: In(world.packageIds), action: 'PUBLISH' })).toBe(30);
    for (const r of rows) expect(await api.get(ArtifactStorage).exists(r.pdfKey)).toBe(true);
    // The renders the dead worker left RUNNING were taken over and finished.
    await waitFor(async () => (await renders.countBy({ packageId: In(world.packageIds), status: 'RUNNING' })) === 0, 30_000, 'no render left running');
    console.log(`worker crash: killed with ${publishedAtKill}/30 published and ${runningAtKill} render(s) running; after restart 30/30 published once each`);
  }, 300_000);
});
