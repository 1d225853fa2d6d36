import { TransactionService } from '../../src/database/transaction.service.js';
import { canSeeLiveEvent } from '../../src/modules/live/live-bus.js';
import { OrgService } from '../../src/modules/org/org.service.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, errorCode, packageRow } from '../support/factories.js';
import { buildSupervisedWorld, fillSubmittable, type SupervisedWorld } from './support.js';

const SUBMIT = `mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const SIGN = `mutation($id: ID!, $v: Int!, $pw: String!) { signPackage(packageId: $id, expectedVersion: $v, password: $pw) { id state version } }`;
const CLAIM = `mutation($id: ID!, $v: Int!) { claimPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const RETURN = `mutation($id: ID!, $v: Int!) { returnPackage(packageId: $id, expectedVersion: $v, reason: "请修改") { id state version } }`;
const APPROVE = `mutation($id: ID!, $v: Int!, $o: String) { approvePackage(packageId: $id, expectedVersion: $v, opinion: $o) { id state version } }`;
const CONCUR = `mutation($id: ID!, $v: Int!, $o: String) { concurPackage(packageId: $id, expectedVersion: $v, opinion: $o) { id state version concurredBy { id } } }`;
const REASSIGN = `mutation($id: ID!, $v: Int!, $to: ID!) { reassignPackage(packageId: $id, expectedVersion: $v, toUserId: $to, reason: "审核人休假") { id state version claimedBy { id } assignee { id } } }`;
const OPINIONS = `query($id: ID!) { package(id: $id) { opinions { kind opinion signerName } auditTrail { action reason toUser { id } } } }`;

describe('assignment that sticks, 改派, 会签 and the common opinion phrases', () => {
  let app: TestApp;
  let w: SupervisedWorld;
  const as = (key: string) => w.users[key]!.token;
  const user = (key: string) => w.users[key]!;
  const inbox = async (key: string, packageId: string) =>
    (await app.ok<{ inbox: { kind: string; packageId: string }[] }>('{ inbox { kind packageId } }', {}, as(key))).inbox.filter((n) => n.packageId === packageId).map((n) => n.kind);

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildSupervisedWorld(app);
  }, 120_000);
  afterAll(() => app?.close());

  /** a1 (no 主管部门) from its draft to SUBMITTED. */
  async function handIn(version: number): Promise<number> {
    const id = w.packages.a1;
    let r = (await app.ok<any>(SUBMIT, { id, v: version }, as('a1.filler'))).submitPackage;
    r = (await app.ok<any>(SIGN, { id, v: r.version, pw: TEST_PASSWORD }, as('a1.head'))).signPackage;
    expect(r.state).toBe('SUBMITTED');
    return r.version;
  }

  it('gives a returned and resubmitted package back to the reviewer who claimed it, and lets the admin reassign it', async () => {
    const id = w.packages.a1;
    const filled = await fillSubmittable(app, id, as('a1.filler'), 1);
    let v = await handIn(filled.version);
    // Nobody assigned: every reviewer is told, and the first claim sticks.
    expect(await inbox('a.reviewer2', id)).toEqual(['SIGN']);
    v = (await app.ok<any>(CLAIM, { id, v }, as('a.reviewer'))).claimPackage.version;
    expect((await packageRow(app, id)).assigneeId).toBe(user('a.reviewer').id);
    v = (await app.ok<any>(RETURN, { id, v }, as('a.reviewer'))).returnPackage.version;
    expect((await packageRow(app, id)).assigneeId).toBe(user('a.reviewer').id);
    v = await handIn(v);
    // Back to the same reviewer, who alone is told; the colleague may not take it.
    expect(await inbox('a.reviewer', id)).toEqual(['SIGN', 'SIGN']);
    expect(await inbox('a.reviewer2', id)).toEqual(['SIGN']);
    expect(errorCode(await app.gql(CLAIM, { id, v }, as('a.reviewer2')))).toBe('NOT_ASSIGNEE');
    v = (await app.ok<any>(CLAIM, { id, v }, as('a.reviewer'))).claimPackage.version;

    // 改派: only the admin, to a reviewer of the bureau (not a 主管部门's, not another bureau's).
    expect(errorCode(await app.gql(REASSIGN, { id, v, to: user('a.reviewer2').id }, as('a.reviewer')))).toBe('ROLE_NOT_ALLOWED');
    expect(errorCode(await app.gql(REASSIGN, { id, v, to: user('a2.supervisor').id }, as('a.admin')))).toBe('VALIDATION_FAILED');
    expect(errorCode(await app.gql(REASSIGN, { id, v, to: user('b.reviewer').id }, as('a.admin')))).toBe('VALIDATION_FAILED');
    const r = (await app.ok<any>(REASSIGN, { id, v, to: user('a.reviewer2').id }, as('a.admin'))).reassignPackage;
    expect(r).toMatchObject({ state: 'IN_REVIEW', claimedBy: { id: user('a.reviewer2').id }, assignee: { id: user('a.reviewer2').id } });
    expect(await inbox('a.reviewer2', id)).toEqual(['REASSIGN', 'SIGN']);
    expect(await inbox('a.reviewer', id)).toEqual(['REASSIGN', 'SIGN', 'SIGN']);
    const trail = (await app.ok<{ package: any }>(OPINIONS, { id }, as('a.admin'))).package.auditTrail;
    expect(trail.at(-1)).toEqual({ action: 'REASSIGN', reason: '审核人休假', toUser: { id: user('a.reviewer2').id } });
    expect(errorCode(await app.gql(APPROVE, { id, v: r.version }, as('a.reviewer')))).toBe('NOT_CLAIMANT');
    // Bureau A's campaign asks for no 会签: the colleague is offered none and cannot give one.
    expect((await app.ok<{ package: { availableActions: string[] } }>('query($id: ID!) { package(id: $id) { availableActions } }', { id }, as('a.reviewer'))).package.availableActions).toEqual([]);
    expect(errorCode(await app.gql(CONCUR, { id, v: r.version, o: '同意' }, as('a.reviewer')))).toBe('TRANSITION_NOT_ALLOWED');
    expect((await app.ok<any>(APPROVE, { id, v: r.version, o: '同意' }, as('a.reviewer2'))).approvePackage.state).toBe('APPROVED');
  });

  it('asks for a second reviewer\'s 会签 when the campaign requires it, and records it', async () => {
    const id = w.packages.b1;
    await app.ok('mutation($id: ID!) { updateCampaign(id: $id, input: { requiresConcurrence: true }) { id requiresConcurrence } }', { id: w.campaigns.b }, as('b.admin'));
    // Bureau B has one reviewer: a second joins (set up through the service, as the seed does).
    const username = `b.reviewer2.${Date.now().toString(36)}`;
    const second = await app.get(TransactionService).run((tx) =>
      app.get(OrgService).createUser(tx, { username, displayName: 'b.reviewer2（测试）', password: TEST_PASSWORD, role: 'REVIEWER', bureauId: w.bureaus.b, unitId: null }),
    );
    const token = await app.login(username, TEST_PASSWORD);
    const filled = await fillSubmittable(app, id, as('b1.filler'), 1);
    let r = (await app.ok<any>(SUBMIT, { id, v: filled.version }, as('b1.filler'))).submitPackage;
    r = (await app.ok<any>(SIGN, { id, v: r.version, pw: TEST_PASSWORD }, as('b1.head'))).signPackage;
    // Before the claim nobody is offered a 会签; once claimed, the colleague is.
    const offered = async (token: string) => (await app.ok<{ package: { availableActions: string[] } }>('query($id: ID!) { package(id: $id) { availableActions } }', { id }, token)).package.availableActions;
    r = (await app.ok<any>(CLAIM, { id, v: r.version }, as('b.reviewer'))).claimPackage;
    expect(await offered(token)).toEqual(['CONCUR']);
    expect(await offered(as('b.reviewer'))).not.toContain('CONCUR');
    const refused = await app.gql(APPROVE, { id, v: r.version, o: '同意' }, as('b.reviewer'));
    expect(errorCode(refused)).toBe('CONCURRENCE_REQUIRED');
    expect(refused.errors![0]!.message).toContain('会签');
    expect(errorCode(await app.gql(CONCUR, { id, v: r.version, o: '同意' }, as('b.reviewer')))).toBe('ROLE_NOT_ALLOWED');
    r = (await app.ok<any>(CONCUR, { id, v: r.version, o: '经会签，同意' }, token)).concurPackage;
    expect(r).toMatchObject({ state: 'IN_REVIEW', concurredBy: { id: second.id } });
    expect(await inbox('b.reviewer', id)).toContain('CONCUR');
    r = (await app.ok<any>(APPROVE, { id, v: r.version, o: '审核通过' }, as('b.reviewer'))).approvePackage;
    expect(r.state).toBe('APPROVED');
    const opinions = (await app.ok<{ package: any }>(OPINIONS, { id }, as('b.admin'))).package.opinions;
    expect(opinions.map((o: any) => [o.kind, o.opinion])).toEqual([['UNIT_HEAD', null], ['CONCURRENCE', '经会签，同意'], ['FINANCE_BUREAU', '审核通过']]);
  });

  it('offers the bureau\'s common opinion phrases, which its admin edits', async () => {
    const get = async (key: string) => (await app.ok<{ opinionPhrases: string[] }>('{ opinionPhrases }', {}, as(key))).opinionPhrases;
    expect(await get('a2.supervisor')).toEqual(['同意', '已审核', '同意报送']);
    const SET = 'mutation($p: [String!]!) { setOpinionPhrases(phrases: $p) }';
    expect(errorCode(await app.gql(SET, { p: [] }, as('a.admin')))).toBe('VALIDATION_FAILED');
    expect(errorCode(await app.gql(SET, { p: ['同意', ' 同意 '] }, as('a.admin')))).toBe('VALIDATION_FAILED');
    expect(errorCode(await app.gql(SET, { p: ['同意', '  '] }, as('a.admin')))).toBe('VALIDATION_FAILED');
    expect(errorCode(await app.gql(SET, { p: ['同意'] }, as('a.reviewer')))).toBe('FORBIDDEN');
    expect((await app.ok<any>(SET, { p: ['同意', '经审核，同意报送', '情况属实'] }, as('a.admin'))).setOpinionPhrases).toEqual(['同意', '经审核，同意报送', '情况属实']);
    expect(await get('a1.head')).toEqual(['同意', '经审核，同意报送', '情况属实']);
    // Another bureau keeps its own.
    expect(await get('b.reviewer')).toEqual(['同意', '已审核', '同意报送']);
  });

  it("shows a package's live updates to its 主管部门's reviewers and to no other 主管部门", () => {
    const event = { kind: 'PACKAGE' as const, packageId: 'p', bureauId: w.bureaus.a, unitId: w.school.unitId, supervisorUnitId: w.units.a2, campaignId: 'c', state: 'SUBMITTED_TO_SUPERVISOR' as const, action: 'SIGN', actorRole: 'UNIT_HEAD' as const, version: 3, at: new Date().toISOString() };
    expect(canSeeLiveEvent(user('a2.supervisor'), event)).toBe(true);
    expect(canSeeLiveEvent(user('b1.supervisor'), event)).toBe(false);
    expect(canSeeLiveEvent(user('a2.filler'), event)).toBe(false);
    expect(canSeeLiveEvent(user('a2.supervisor'), { ...event, supervisorUnitId: null, unitId: w.units.a1 })).toBe(false);
  });
});
