import { PublicationEntity } from '../../src/modules/publication/publication.entity.js';
import { TestApp } from '../support/test-app.js';
import { approvePackages, buildPublicationWorld, pkgRow, type PubWorld } from '../support/factories-publication.js';
import { waitFor } from '../support/wait.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';
const BATCH = `mutation($items: [PackageVersionInput!]!, $at: DateTime) { schedulePublications(items: $items, publishAt: $at) { packageId ok code message } }`;
const NOW = `mutation($p: ID!, $v: Int!) { publishNow(packageId: $p, expectedVersion: $v) { id state publishAt } }`;

describe('the publication desk: many at once, and publish now', () => {
  let app: TestApp;
  let world: PubWorld;

  beforeAll(async () => {
    app = await TestApp.start({ chromiumPath });
    world = await buildPublicationWorld(app, { units: 4 });
    await approvePackages(app, world, world.packageIds.slice(0, 3));
  }, 120_000);
  afterAll(() => app?.close());

  it('schedules several approved packages for one time, and names each one it could not schedule', async () => {
    const [a, b, , draft] = world.packageIds;
    const at = new Date(Date.now() + 3 * 86_400_000);
    const items = await Promise.all([a!, b!, draft!].map(async (id) => ({ packageId: id, expectedVersion: (await pkgRow(app, id)).version })));
    const res = (await app.ok<{ schedulePublications: { packageId: string; ok: boolean; code: string | null; message: string | null }[] }>(BATCH, { items, at: at.toISOString() }, world.admin.token)).schedulePublications;
    expect(res.map((r) => [r.packageId, r.ok])).toEqual([
      [a, true],
      [b, true],
      [draft, false],
    ]);
    expect(res[2]!.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(res[2]!.message).toBeTruthy();
    for (const id of [a!, b!]) {
      const row = await pkgRow(app, id);
      expect(row.state).toBe('SCHEDULED');
      expect(row.publishAt!.getTime()).toBe(at.getTime());
    }
    expect((await pkgRow(app, draft!)).state).toBe('DRAFT');
  });

  it('publishes an approved package now, once, and refuses the same to a reviewer', async () => {
    const id = world.packageIds[2]!;
    const version = (await pkgRow(app, id)).version;
    const refused = await app.gql(NOW, { p: id, v: version }, world.reviewer.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = (await app.ok<{ publishNow: { state: string; publishAt: string } }>(NOW, { p: id, v: version }, world.admin.token)).publishNow;
    expect(res.state).toBe('SCHEDULED');
    expect(new Date(res.publishAt).getTime()).toBeLessThan(Date.now() + 5_000);
    await waitFor(async () => (await pkgRow(app, id)).state === 'PUBLISHED', 90_000, 'the publication');
    expect(await app.dataSource.getRepository(PublicationEntity).countBy({ packageId: id })).toBe(1);
  }, 120_000);

  it('moves an already scheduled package forward to now', async () => {
    const id = world.packageIds[0]!;
    const row = await pkgRow(app, id);
    expect(row.state).toBe('SCHEDULED');
    await app.ok(NOW, { p: id, v: row.version }, world.admin.token);
    await waitFor(async () => (await pkgRow(app, id)).state === 'PUBLISHED', 90_000, 'the publication');
    expect(await app.dataSource.getRepository(PublicationEntity).countBy({ packageId: id })).toBe(1);
  }, 120_000);
});
