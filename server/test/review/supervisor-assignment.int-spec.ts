import { TransactionService } from '../../src/database/transaction.service.js';
import { OrgService } from '../../src/modules/org/org.service.js';
import { UnitEntity } from '../../src/modules/org/unit.entity.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, errorCode, packageRow } from '../support/factories.js';
import { buildSupervisedWorld, fillSubmittable, type SupervisedWorld } from './support.js';

const ASSIGN = 'mutation($i: AssignReviewerInput!) { assignReviewer(input: $i) { units packages skippedPackageIds } }';
const REASSIGN_WORK = 'mutation($i: ReassignWorkInput!) { reassignReviewerWork(input: $i) { units packages skippedPackageIds } }';
const WORKLOAD = '{ reviewerWorkload { userId stage supervisorUnitId units packages inReview } }';
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const SIGN = `mutation($id: ID!, $v: Int!, $pw: String!, $o: String) { signPackage(packageId: $id, expectedVersion: $v, password: $pw, opinion: $o) { id state version } }`;
const CLAIM = `mutation($id: ID!, $v: Int!) { claimPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const HOLDERS = `query($id: ID!) { package(id: $id) { state supervisorAssignee { id } assignee { id } claimedBy { id } opinions { kind opinion } auditTrail { action reason toUser { id } } } }`;

describe('assigning a 主管部门\'s own reviewers in advance, and 改派 of an away reviewer\'s work', () => {
  let app: TestApp;
  let w: SupervisedWorld;
  /** A second 主管部门 of bureau A (甲区卫健局) with a clinic under it and its own reviewer. */
  let health: { unitId: string; clinicId: string; supervisorId: string };
  const as = (key: string) => w.users[key]!.token;
  const user = (key: string) => w.users[key]!;
  const unitRow = (id: string) => app.dataSource.getRepository(UnitEntity).findOneByOrFail({ id });
  const refusal = (res: { errors?: { message: string; extensions?: Record<string, any> }[] }) => ({ code: res.errors?.[0]?.extensions?.code, zh: res.errors?.[0]?.message, en: res.errors?.[0]?.extensions?.messageEn });

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildSupervisedWorld(app);
    const org = app.get(OrgService);
    health = await app.get(TransactionService).run(async (tx) => {
      const dept = await org.createUnit(tx, { bureauId: w.bureaus.a, code: '201', name: '甲区卫健局', category: '行政单位' });
      const clinic = await org.createUnit(tx, { bureauId: w.bureaus.a, code: '202', name: '甲区第一卫生院', category: '事业单位' });
      const sup = await org.createUser(tx, { username: `hc.supervisor.${Date.now().toString(36)}`, displayName: '卫健局审核（测试）', password: TEST_PASSWORD, role: 'SUPERVISOR', bureauId: w.bureaus.a, unitId: dept.id });
      return { unitId: dept.id, clinicId: clinic.id, supervisorId: sup.id };
    });
    await app.ok('mutation($u: ID!, $s: ID) { setUnitSupervisor(unitId: $u, supervisorUnitId: $s) { id } }', { u: health.clinicId, s: health.unitId }, as('a.admin'));
  }, 120_000);
  afterAll(() => app?.close());

  it('refuses a supervisor of another 主管部门, with the reason in both languages', async () => {
    const wrong = refusal(await app.gql(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: health.supervisorId, unitIds: [w.school.unitId] } }, as('a.admin')));
    expect(wrong).toEqual({
      code: 'VALIDATION_FAILED',
      zh: '「卫健局审核（测试）」是「甲区卫健局」的审核账号，只能分配该主管部门所属单位的材料，「甲区第一中学」不在其中',
      en: '卫健局审核（测试） reviews for 甲区卫健局 and can be assigned only the units under it; 甲区第一中学 is not one of them',
    });
    // The same for another 主管部门's group and for a package of it, and nothing changed.
    expect(refusal(await app.gql(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: health.supervisorId, supervisorUnitIds: [w.units.a2] } }, as('a.admin'))).code).toBe('VALIDATION_FAILED');
    expect(refusal(await app.gql(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: health.supervisorId, packageIds: [w.school.packageId] } }, as('a.admin'))).code).toBe('VALIDATION_FAILED');
    expect((await unitRow(w.school.unitId)).supervisorReviewerId).toBeNull();
    expect((await packageRow(app, w.school.packageId)).supervisorAssigneeId).toBeNull();
    // A unit without a 主管部门 has no such stage.
    const none = refusal(await app.gql(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: user('a2.supervisor').id, unitIds: [w.units.a1] } }, as('a.admin')));
    expect(none.code).toBe('VALIDATION_FAILED');
    expect(none.en).toContain('has no department in charge');
    // The stage decides the role: no bureau reviewer in the 主管部门 stage, no supervisor in the bureau's, none of another bureau.
    expect(refusal(await app.gql(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: user('a.reviewer').id, unitIds: [w.school.unitId] } }, as('a.admin'))).en).toBe(
      "Assign only to an active reviewer account of one of this bureau's departments in charge",
    );
    expect(errorCode(await app.gql(ASSIGN, { i: { reviewerId: user('a2.supervisor').id, unitIds: [w.school.unitId] } }, as('a.admin')))).toBe('VALIDATION_FAILED');
    expect(errorCode(await app.gql(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: user('b1.supervisor').id, unitIds: [w.school.unitId] } }, as('a.admin')))).toBe('VALIDATION_FAILED');
    // Only the bureau admin assigns: not the 主管部门's own reviewer, not a bureau reviewer, not another bureau's admin.
    for (const key of ['a2.supervisor', 'a.reviewer']) {
      expect(errorCode(await app.gql(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: user('a2.supervisor').id, unitIds: [w.school.unitId] } }, as(key)))).toBe('FORBIDDEN');
    }
    expect(errorCode(await app.gql(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: user('a2.supervisor').id, unitIds: [w.school.unitId] } }, as('b.admin')))).toBe('VALIDATION_FAILED');
  });

  it('gives the school\'s package to the 主管部门 reviewer assigned in advance, which sticks as a claim does', async () => {
    const id = w.school.packageId;
    // The group: the units under the 主管部门 (not the department itself, whose packages skip its own stage).
    const r = (await app.ok<any>(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: user('a2.supervisor2').id, supervisorUnitIds: [w.units.a2] } }, as('a.admin'))).assignReviewer;
    expect(r).toEqual({ units: 1, packages: 1, skippedPackageIds: [] });
    expect((await unitRow(w.school.unitId)).supervisorReviewerId).toBe(user('a2.supervisor2').id);
    expect((await unitRow(w.units.a2)).supervisorReviewerId).toBeNull();
    // The bureau's assignment is its own column: untouched.
    expect((await unitRow(w.school.unitId)).reviewerId).toBeNull();

    const filled = await fillSubmittable(app, id, as('s1.filler'), 1);
    let v = (await app.ok<any>(SUBMIT, { id, v: filled.version }, as('s1.filler'))).submitPackage.version;
    const signed = (await app.ok<any>(SIGN, { id, v, pw: TEST_PASSWORD, o: '同意报送' }, as('s1.head'))).signPackage;
    expect(signed.state).toBe('SUBMITTED_TO_SUPERVISOR');
    v = signed.version;
    const seen = (await app.ok<{ package: any }>(HOLDERS, { id }, as('a2.supervisor2'))).package;
    expect(seen.supervisorAssignee).toEqual({ id: user('a2.supervisor2').id });
    expect(seen.opinions).toEqual([{ kind: 'UNIT_HEAD', opinion: '同意报送' }]);
    // The queue shows it as the assignee's (分配给我); the colleague may not take it.
    const mine = await app.ok<{ packages: { nodes: { id: string }[] } }>('query($a: ID!) { packages(filter: { assigneeId: $a }) { nodes { id } } }', { a: user('a2.supervisor2').id }, as('a2.supervisor2'));
    expect(mine.packages.nodes.map((n) => n.id)).toContain(id);
    expect(errorCode(await app.gql(CLAIM, { id, v }, as('a2.supervisor')))).toBe('NOT_ASSIGNEE');
    const claimed = (await app.ok<any>(CLAIM, { id, v }, as('a2.supervisor2'))).claimPackage;
    expect(claimed.state).toBe('SUPERVISOR_REVIEW');
  });

  it('moves all of an away supervisor\'s work to a colleague of the same 主管部门, with the reason on the record', async () => {
    const id = w.school.packageId;
    expect(errorCode(await app.gql(REASSIGN_WORK, { i: { fromUserId: user('a2.supervisor2').id, toUserId: health.supervisorId } }, as('a.admin')))).toBe('VALIDATION_FAILED');
    expect(errorCode(await app.gql(REASSIGN_WORK, { i: { fromUserId: user('a2.supervisor2').id, toUserId: user('a.reviewer').id } }, as('a.admin')))).toBe('VALIDATION_FAILED');
    expect(errorCode(await app.gql(REASSIGN_WORK, { i: { fromUserId: user('a2.supervisor2').id, toUserId: user('a2.supervisor2').id } }, as('a.admin')))).toBe('VALIDATION_FAILED');
    expect(errorCode(await app.gql(REASSIGN_WORK, { i: { fromUserId: user('a2.supervisor2').id, toUserId: user('a2.supervisor').id } }, as('a2.supervisor')))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(REASSIGN_WORK, { i: { fromUserId: user('a2.supervisor2').id, toUserId: user('a2.supervisor').id } }, as('b.admin')))).toBe('VALIDATION_FAILED');

    const before = (await app.ok<any>(WORKLOAD, {}, as('a.admin'))).reviewerWorkload.find((r: any) => r.userId === user('a2.supervisor2').id);
    expect(before).toEqual({ userId: user('a2.supervisor2').id, stage: 'SUPERVISOR', supervisorUnitId: w.units.a2, units: 1, packages: 1, inReview: 1 });
    const r = (await app.ok<any>(REASSIGN_WORK, { i: { fromUserId: user('a2.supervisor2').id, toUserId: user('a2.supervisor').id, reason: '休假' } }, as('a.admin'))).reassignReviewerWork;
    expect(r).toEqual({ units: 1, packages: 1, skippedPackageIds: [] });
    const pkg = (await app.ok<{ package: any }>(HOLDERS, { id }, as('a.admin'))).package;
    expect(pkg).toMatchObject({ state: 'SUPERVISOR_REVIEW', supervisorAssignee: { id: user('a2.supervisor').id }, claimedBy: { id: user('a2.supervisor').id } });
    expect(pkg.auditTrail.at(-1)).toEqual({ action: 'REASSIGN', reason: '休假', toUser: { id: user('a2.supervisor').id } });
    expect((await unitRow(w.school.unitId)).supervisorReviewerId).toBe(user('a2.supervisor').id);
    const after = (await app.ok<any>(WORKLOAD, {}, as('a.admin'))).reviewerWorkload;
    expect(after.find((x: any) => x.userId === user('a2.supervisor2').id)).toMatchObject({ units: 0, packages: 0, inReview: 0 });
    expect(after.find((x: any) => x.userId === user('a2.supervisor').id)).toMatchObject({ units: 1, packages: 1, inReview: 1 });
    // Bureau B's admin sees none of bureau A's reviewers.
    const ofB = (await app.ok<any>(WORKLOAD, {}, as('b.admin'))).reviewerWorkload.map((x: any) => x.userId);
    expect(ofB).not.toContain(user('a2.supervisor').id);
  });

  it("moves a bureau reviewer's units and packages not yet with the bureau as a plain assignment", async () => {
    await app.ok(ASSIGN, { i: { reviewerId: user('a.reviewer').id, unitIds: [w.units.a1] } }, as('a.admin'));
    expect((await packageRow(app, w.packages.a1)).assigneeId).toBe(user('a.reviewer').id);
    const r = (await app.ok<any>(REASSIGN_WORK, { i: { fromUserId: user('a.reviewer').id, toUserId: user('a.reviewer2').id } }, as('a.admin'))).reassignReviewerWork;
    expect(r.units).toBe(1);
    expect(r.packages).toBeGreaterThanOrEqual(1);
    expect((await packageRow(app, w.packages.a1)).assigneeId).toBe(user('a.reviewer2').id);
    expect((await unitRow(w.units.a1)).reviewerId).toBe(user('a.reviewer2').id);
    const trail = (await app.ok<{ package: any }>(HOLDERS, { id: w.packages.a1 }, as('a.admin'))).package.auditTrail;
    expect(trail.at(-1)).toMatchObject({ action: 'ASSIGN', toUser: { id: user('a.reviewer2').id } });
  });

  it('forgets the 主管部门 reviewer assigned in advance when the unit moves to another 主管部门', async () => {
    expect((await app.ok<any>(ASSIGN, { i: { stage: 'SUPERVISOR', reviewerId: health.supervisorId, unitIds: [health.clinicId] } }, as('a.admin'))).assignReviewer.units).toBe(1);
    expect((await unitRow(health.clinicId)).supervisorReviewerId).toBe(health.supervisorId);
    const placed = await app.ok<any>('mutation($u: ID!, $s: ID) { setUnitSupervisor(unitId: $u, supervisorUnitId: $s) { id supervisorReviewerId } }', { u: health.clinicId, s: w.units.a2 }, as('a.admin'));
    expect(placed.setUnitSupervisor.supervisorReviewerId).toBeNull();
    expect((await unitRow(health.clinicId)).supervisorReviewerId).toBeNull();
  });
});
