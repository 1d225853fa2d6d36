import { PackageViewEntity } from '../../src/modules/package/package-view.entity.js';
import { PackageRevisionEntity } from '../../src/modules/package/package-revision.entity.js';
import { TestApp } from '../support/test-app.js';
import { newId } from '../../src/database/columns.js';
import { buildPublicationWorld, hashOf, pkgRow, publishableSeed, type PubWorld } from '../support/factories-publication.js';

const RECORD = 'mutation($p: ID!) { recordPackageView(packageId: $p) { previous { revisionId packageVersion viewedAt } current { revisionId packageVersion viewedAt } } }';
type View = { revisionId: string | null; packageVersion: number; viewedAt: string };
type Recorded = { recordPackageView: { previous: View | null; current: View } };

describe('recording who last looked at a package', () => {
  let app: TestApp;
  let world: PubWorld;

  beforeAll(async () => {
    app = await TestApp.start();
    world = await buildPublicationWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  it('returns no previous view the first time, then the one before, per person', async () => {
    const id = world.packageIds[0]!;
    const first = (await app.ok<Recorded>(RECORD, { p: id }, world.head.token)).recordPackageView;
    expect(first.previous).toBeNull();
    expect(first.current).toMatchObject({ revisionId: null, packageVersion: (await pkgRow(app, id)).version });

    // A workflow step freezes a revision: the head's next look remembers it.
    const revision = app.dataSource.getRepository(PackageRevisionEntity).create({
      id: newId(), packageId: id, seq: 1, packageVersion: first.current.packageVersion, kind: 'SUBMIT',
      document: publishableSeed(), documentHash: hashOf(publishableSeed()), createdById: world.filler.id, createdAt: new Date(),
    });
    await app.dataSource.getRepository(PackageRevisionEntity).insert(revision);

    const second = (await app.ok<Recorded>(RECORD, { p: id }, world.head.token)).recordPackageView;
    expect(second.previous).toEqual(first.current);
    expect(second.current.revisionId).toBe(revision.id);
    expect(new Date(second.current.viewedAt).getTime()).toBeGreaterThanOrEqual(new Date(first.current.viewedAt).getTime());

    // The reviewer's looks are their own.
    const reviewer = (await app.ok<Recorded>(RECORD, { p: id }, world.reviewer.token)).recordPackageView;
    expect(reviewer.previous).toBeNull();
  });

  it('keeps one row per person and package when two tabs record at once', async () => {
    const id = world.packageIds[0]!;
    await Promise.all(Array.from({ length: 8 }, () => app.ok<Recorded>(RECORD, { p: id }, world.filler.token)));
    expect(await app.dataSource.getRepository(PackageViewEntity).countBy({ packageId: id, userId: world.filler.id })).toBe(1);
  });

  it('is refused outside the package’s unit and bureau, and without a session', async () => {
    const id = world.packageIds[0]!;
    const outsider = await app.gql(RECORD, { p: id }, world.outsider.token);
    expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_IN_SCOPE');
    const anonymous = await app.gql(RECORD, { p: id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await app.dataSource.getRepository(PackageViewEntity).countBy({ packageId: id, userId: world.outsider.id })).toBe(0);
  });
});
