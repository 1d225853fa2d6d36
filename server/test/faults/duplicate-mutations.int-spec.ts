/**
 * The same mutation sent twice at once (a double click, a retry racing the original): whatever
 * the interleaving on either backend, it is applied once.
 */
import { LUKOU_2024_TEMPLATE, type PackageDocument } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { PackageSaveEntity } from '../../src/modules/package/package-save.entity.js';
import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, errorCode, forceState, packageRow, type World } from '../support/factories.js';

const SAVE = `mutation($input: SavePackageInput!) { savePackage(input: $input) { package { id version document } } }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const CLAIM = `mutation($id: ID!, $v: Int!) { claimPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const APPROVE = `mutation($id: ID!, $v: Int!) { approvePackage(packageId: $id, expectedVersion: $v) { id state version } }`;

describe('the same mutation twice at once', () => {
  let app: TestApp;
  let w: World;
  let submittable: PackageDocument;
  const token = (key: string) => w.users[key]!.token;
  const events = (packageId: string, action: string) => app.dataSource.getRepository(AuditEventEntity).countBy({ packageId, action });

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
    submittable = explainWarnings(repairSeed(), LUKOU_2024_TEMPLATE, { fiscalYear: 2024, unitName: '甲区工商业联合会' });
  });
  afterAll(() => app?.close());

  it('applies two autosaves with the same saveId once, and answers both with the same version', async () => {
    const id = w.packages.a1;
    const before = await packageRow(app, id);
    const input = { packageId: id, baseVersion: before.version, document: { ...submittable, explanations: { ...submittable.explanations, note: '同一次保存' } }, saveId: 'double-click-0001' };
    const answers = await Promise.all([app.gql<any>(SAVE, { input }, token('a1.filler')), app.gql<any>(SAVE, { input }, token('a1.filler'))]);
    for (const a of answers) expect(a.errors).toBeUndefined();
    expect(answers.map((a) => a.data.savePackage.package.version)).toEqual([before.version + 1, before.version + 1]);
    expect((await packageRow(app, id)).version).toBe(before.version + 1);
    expect(await app.dataSource.getRepository(PackageSaveEntity).countBy({ id: 'double-click-0001' })).toBe(1);
  });

  it('submits once when submitPackage is sent twice with the same expected version', async () => {
    const id = w.packages.a2;
    const start = await forceState(app, id, 'DRAFT', { document: submittable });
    const answers = await Promise.all([
      app.gql<any>(SUBMIT, { id, v: start.version }, token('a2.filler')),
      app.gql<any>(SUBMIT, { id, v: start.version }, token('a2.filler')),
    ]);
    // The second is either recognised as the same request (answered with the result) or refused as stale; never applied again.
    for (const a of answers) {
      if (a.errors) expect(errorCode(a)).toBe('VERSION_CONFLICT');
      else expect(a.data.submitPackage).toMatchObject({ state: 'AWAITING_SIGNOFF', version: start.version + 1 });
    }
    expect(answers.some((a) => !a.errors)).toBe(true);
    expect((await packageRow(app, id)).version).toBe(start.version + 1);
    expect(await events(id, 'SUBMIT')).toBe(1);
  });

  it('claims and approves once when a reviewer double-clicks each', async () => {
    const id = w.packages.a1;
    const submitted = await forceState(app, id, 'SUBMITTED', { document: submittable });
    const claims = await Promise.all([
      app.gql<any>(CLAIM, { id, v: submitted.version }, token('a.reviewer')),
      app.gql<any>(CLAIM, { id, v: submitted.version }, token('a.reviewer')),
    ]);
    expect(claims.filter((a) => !a.errors).length).toBeGreaterThanOrEqual(1);
    const claimed = await packageRow(app, id);
    expect(claimed).toMatchObject({ state: 'IN_REVIEW', version: submitted.version + 1 });

    const approvals = await Promise.all([
      app.gql<any>(APPROVE, { id, v: claimed.version }, token('a.reviewer')),
      app.gql<any>(APPROVE, { id, v: claimed.version }, token('a.reviewer')),
      app.gql<any>(APPROVE, { id, v: claimed.version }, token('a.reviewer')),
    ]);
    for (const a of approvals) if (a.errors) expect(errorCode(a)).toBe('VERSION_CONFLICT');
    expect((await packageRow(app, id))).toMatchObject({ state: 'APPROVED', version: claimed.version + 1 });
    expect(await events(id, 'CLAIM')).toBe(1);
    expect(await events(id, 'APPROVE')).toBe(1);
  });

  it('lets only one of two reviewers claim the same package', async () => {
    const id = w.packages.a2;
    const submitted = await forceState(app, id, 'SUBMITTED', { document: submittable });
    const answers = await Promise.all([
      app.gql<any>(CLAIM, { id, v: submitted.version }, token('a.reviewer')),
      app.gql<any>(CLAIM, { id, v: submitted.version }, token('a.reviewer2')),
    ]);
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    const loser = answers.find((a) => a.errors)!;
    expect(['VERSION_CONFLICT', 'TRANSITION_NOT_ALLOWED', 'ALREADY_CLAIMED']).toContain(errorCode(loser));
    expect(await events(id, 'CLAIM')).toBe(1);
  });
});
