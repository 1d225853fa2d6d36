import { SEED_2024_LUKOU_GSL, type PackageDocument } from '@zipin/shared';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildPublicationWorld, pkgRow, type PubWorld } from '../support/factories-publication.js';
import { waitFor } from '../support/wait.js';
import { pdfPagesText, popplerAvailable } from './pdf-tools.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';
const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }';
/** Names a plain object answers from Object.prototype: the class of the {{constructor}} defect. */
const BUILT_INS = ['constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];

describe('report tokens on the server', () => {
  let app: TestApp;
  let world: PubWorld;

  beforeAll(async () => {
    app = await TestApp.start({ chromiumPath });
    world = await buildPublicationWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  const seed = (): PackageDocument => structuredClone(SEED_2024_LUKOU_GSL);

  it.each(BUILT_INS)('refuses to save a chapter with {{%s}}, naming it, and keeps what was stored', async (name) => {
    const id = world.packageIds[0]!;
    const before = await pkgRow(app, id);
    const document = seed();
    document.report.chapters.problems.text = `问题：{{${name}}}`;
    const res = await app.gql(SAVE, { i: { packageId: id, baseVersion: before.version, document } }, world.filler.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toContain(`{{${name}}}`);
    const issues = (res.errors?.[0]?.extensions?.details as { issues: { path: string }[] }).issues;
    expect(issues.map((i) => i.path)).toEqual(['report.chapters.problems.text']);
    const after = await pkgRow(app, id);
    expect(after.version).toBe(before.version);
    expect(JSON.stringify(after.document)).toBe(JSON.stringify(before.document));
  });

  it('checks and renders a stored document holding built-in names: flagged, printed as typed, never a crash', async () => {
    // A document stored before tokens were validated (or written by any other path) must still render.
    const id = world.packageIds[0]!;
    const document = seed();
    document.report.chapters.problems.text = `问题：${BUILT_INS.map((n) => `{{${n}}}`).join('')}。总支出{{totalSpending}}万元。`;
    await app.dataSource.getRepository(PackageEntity).update({ id }, { document });

    const pkg = await app.ok<{ package: { checks: { code: string; messageZh: string }[] } }>('query($id: ID!) { package(id: $id) { checks { code messageZh } } }', { id }, world.reviewer.token);
    const unknown = pkg.package.checks.filter((c) => c.code === 'REPORT_UNKNOWN_TOKEN');
    expect(unknown).toHaveLength(1);
    for (const n of BUILT_INS) expect(unknown[0]!.messageZh).toContain(`{{${n}}}`);

    const { requestPreview } = await app.ok<{ requestPreview: { id: string } }>('mutation($p: ID!) { requestPreview(packageId: $p) { id } }', { p: id }, world.head.token);
    await app.drainJobs(60_000);
    const done = await waitFor(async () => {
      const r = (await app.ok<{ render: { status: string; error: string | null; downloadUrl: string | null } }>('query($id: ID!) { render(id: $id) { status error downloadUrl } }', { id: requestPreview.id }, world.head.token)).render;
      return r.status === 'DONE' || r.status === 'FAILED' ? r : null;
    }, 60_000, 'the preview to finish');
    expect(done).toMatchObject({ status: 'DONE', error: null });
    if (popplerAvailable()) {
      const res = await app.http().get(done.downloadUrl!).set('authorization', `Bearer ${world.head.token}`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      const text = pdfPagesText(res.body as Buffer).join('\n').replace(/\s+/g, '');
      expect(text).toContain('{{constructor}}');
      expect(text).toContain('总支出150.31万元');
    }
  }, 120_000);
});
