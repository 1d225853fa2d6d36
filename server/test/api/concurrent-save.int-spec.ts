import type { PackageDocument } from '@zipin/shared';
import { OrgService } from '../../src/modules/org/org.service.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, buildWorld, errorCode, packageRow, type World } from '../support/factories.js';

const LOAD = 'query($id: ID!) { package(id: $id) { id version document } }';
const SAVE = `mutation($input: SavePackageInput!) { savePackage(input: $input) { package { id version document summary { errorCount } } } }`;

describe('saving the same package from two sessions', () => {
  let app: TestApp;
  let w: World;
  let secondFiller: string;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
    // A second filler of the same unit, in a session of their own.
    const username = `a1.filler2.${Date.now().toString(36)}`;
    await app.get(TransactionService).run((tx) =>
      app.get(OrgService).createUser(tx, { username, displayName: '第二填表人', password: TEST_PASSWORD, role: 'FILLER', bureauId: w.bureaus.a, unitId: w.units.a1 }),
    );
    secondFiller = await app.login(username, TEST_PASSWORD);
  });
  afterAll(() => app?.close());

  it('lets exactly one of two saves from the same version win; the other reloads and re-applies its edit', async () => {
    const id = w.packages.a1;
    const first = w.users['a1.filler']!.token;
    const start = (await app.ok<{ package: { version: number; document: PackageDocument } }>(LOAD, { id }, first)).package;
    const editA = (d: PackageDocument): PackageDocument => ({ ...d, basicData: { ...d.basicData, staffing: { authorized: 5, actual: 5 } } });
    const editB = (d: PackageDocument): PackageDocument => ({ ...d, selfEvaluation: { ...d.selfEvaluation, goal: { ...d.selfEvaluation.goal, expected: '保障机关正常运转' } } });

    const results = await Promise.all([
      app.gql<{ savePackage: any }>(SAVE, { input: { packageId: id, baseVersion: start.version, document: editA(start.document) } }, first),
      app.gql<{ savePackage: any }>(SAVE, { input: { packageId: id, baseVersion: start.version, document: editB(start.document) } }, secondFiller),
    ]);
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(errorCode(losers[0]!)).toBe('VERSION_CONFLICT');
    expect(losers[0]!.errors![0]!.extensions!.details).toEqual({ currentVersion: start.version + 1 });
    expect(winners[0]!.data!.savePackage.package.version).toBe(start.version + 1);

    // Nothing of the loser was written: the stored document is exactly the winner's.
    const afterRace = await packageRow(app, id);
    expect(afterRace.version).toBe(start.version + 1);
    expect(afterRace.document).toEqual(winners[0]!.data!.savePackage.package.document);

    // The loser reloads the current version and applies its own edit on top: both edits survive.
    const loserIsFirst = results[0]!.errors !== undefined;
    const loserToken = loserIsFirst ? first : secondFiller;
    const loserEdit = loserIsFirst ? editA : editB;
    const reloaded = (await app.ok<{ package: { version: number; document: PackageDocument } }>(LOAD, { id }, loserToken)).package;
    const retried = await app.ok<{ savePackage: any }>(SAVE, { input: { packageId: id, baseVersion: reloaded.version, document: loserEdit(reloaded.document) } }, loserToken);
    const final = retried.savePackage.package.document as PackageDocument;
    expect(final.basicData.staffing).toEqual({ authorized: 5, actual: 5 });
    expect(final.selfEvaluation.goal.expected).toBe('保障机关正常运转');
    expect(retried.savePackage.package.version).toBe(start.version + 2);
  });

  it('answers a retried autosave with the same saveId without a second version', async () => {
    const id = w.packages.a2;
    const token = w.users['a2.filler']!.token;
    const start = (await app.ok<{ package: { version: number; document: PackageDocument } }>(LOAD, { id }, token)).package;
    const input = { packageId: id, baseVersion: start.version, document: { ...start.document, explanations: { note: '自动保存' } }, saveId: 'autosave-0001' };
    const a = await app.ok<{ savePackage: any }>(SAVE, { input }, token);
    const b = await app.ok<{ savePackage: any }>(SAVE, { input }, token);
    expect(a.savePackage.package.version).toBe(start.version + 1);
    expect(b.savePackage.package).toEqual(a.savePackage.package);
    expect((await packageRow(app, id)).version).toBe(start.version + 1);
    // Without a saveId the same request is a stale save.
    const c = await app.gql(SAVE, { input: { ...input, saveId: null } }, token);
    expect(errorCode(c)).toBe('VERSION_CONFLICT');
  });

  it('refuses an invalid document field by field, in Chinese, and saves nothing', async () => {
    const id = w.packages.a2;
    const token = w.users['a2.filler']!.token;
    const before = await packageRow(app, id);
    const bad = structuredClone(before.document) as any;
    bad.basicData.staffing.actual = -3;
    bad.selfEvaluation.budget.execution = '12.345678';
    bad.basicData.threePublic.total = { previousFinal: '1', currentBudget: '1', currentFinal: '1' };
    const res = await app.gql(SAVE, { input: { packageId: id, baseVersion: before.version, document: bad } }, token);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    const issues = res.errors![0]!.extensions!.details.issues as { path: string; messageZh: string }[];
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['basicData.staffing.actual', 'selfEvaluation.budget.execution']));
    expect(issues.every((i) => /[\u4e00-\u9fa5]/.test(i.messageZh))).toBe(true);
    // Computed totals are not inputs: a client cannot send them.
    expect(issues.some((i) => i.path.startsWith('basicData.threePublic') && i.messageZh.includes('total'))).toBe(true);
    expect((await packageRow(app, id)).version).toBe(before.version);
  });
});
