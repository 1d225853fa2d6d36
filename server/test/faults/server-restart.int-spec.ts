/**
 * The server stops with packages scheduled for publication and starts again on the same
 * database (and Redis): the publish jobs, due while it was down, still run, once each.
 */
import { In } from 'typeorm';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { PublicationEntity } from '../../src/modules/publication/publication.entity.js';
import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { TestApp } from '../support/test-app.js';
import { approvePackages, buildPublicationWorld } from '../support/factories-publication.js';
import { waitFor } from '../support/wait.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';
const SCHEDULE = `mutation($id: ID!, $v: Int!, $at: DateTime) { schedulePublication(packageId: $id, expectedVersion: $v, publishAt: $at) { id state version publishAt } }`;

describe('a server restarted with scheduled packages', () => {
  let first: TestApp | null = null;
  let second: TestApp | null = null;

  afterAll(async () => {
    await second?.close();
    // The first app's Nest context is already closed; only its database and files remain.
    await first?.env.cleanup();
  }, 60_000);

  it('publishes each package once after the restart, though they fell due while it was down', async () => {
    first = await TestApp.start({ chromiumPath, runJobs: true });
    const world = await buildPublicationWorld(first, { units: 3 });
    await approvePackages(first, world, world.packageIds);
    // Far enough ahead that three schedulings finish first on a loaded machine (4 s was not, once).
    const publishAt = new Date(Date.now() + 10_000);
    for (const id of world.packageIds) {
      const r = await first.ok<any>(SCHEDULE, { id, v: 5, at: publishAt.toISOString() }, world.admin.token);
      expect(r.schedulePublication.state).toBe('SCHEDULED');
    }
    await first.app.close();
    // The case under test: nothing fell due before the first server stopped.
    expect(Date.now()).toBeLessThan(publishAt.getTime());
    await new Promise((r) => setTimeout(r, Math.max(0, publishAt.getTime() + 1_500 - Date.now())));

    const c = first.config;
    second = await TestApp.start({ database: c.database, redis: c.redis, dataDir: c.dataDir, storage: c.storage, chromiumPath, runJobs: true });
    const pkgs = second.dataSource.getRepository(PackageEntity);
    await waitFor(async () => (await pkgs.countBy({ id: In(world.packageIds), state: 'PUBLISHED' })) === 3, 120_000, 'every package published after the restart');
    // Give a duplicate every chance to show up (a retry, a relayed copy, the sweep) before counting.
    await new Promise((r) => setTimeout(r, 3_000));
    await second.drainJobs(60_000);
    const publications = await second.dataSource.getRepository(PublicationEntity).findBy({ packageId: In(world.packageIds) });
    expect(publications).toHaveLength(3);
    expect(new Set(publications.map((p) => p.packageId)).size).toBe(3);
    for (const p of publications) expect(p.publishedAt.getTime()).toBeGreaterThanOrEqual(publishAt.getTime());
    expect(await second.dataSource.getRepository(AuditEventEntity).countBy({ packageId: In(world.packageIds), action: 'PUBLISH' })).toBe(3);
  }, 240_000);
});
