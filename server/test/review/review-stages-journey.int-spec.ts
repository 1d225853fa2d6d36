import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackageDocument } from '@zipin/shared';
import { BrowserPool } from '../../src/modules/render/browser/browser-pool.js';
import { packageHtml } from '../../src/modules/render/templates/package-document.js';
import { pdfPagesText, pdfToPngs, popplerAvailable } from '../render/pdf-tools.js';
import { RenderInputService } from '../../src/modules/render/render-input.service.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, errorCode, packageRow } from '../support/factories.js';
import { buildSupervisedWorld, fillSubmittable, saveDocument, type SupervisedWorld } from './support.js';

const PKG = `query($id: ID!) { package(id: $id) { id state version stage supervised availableActions document
  supervisorUnit { id name } assignee { id displayName } supervisorAssignee { id displayName } claimedBy { id displayName }
  signature { id signerName }
  comments { id path body author { role } resolvedAt }
  opinions(includeVoided: true) { kind opinion signerName signerUnitName signedAt voidedAt signer { id role } }
  auditTrail { action fromState toState reason opinion at actorRole actor { displayName } toUser { id displayName } }
} }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const SIGN = `mutation($id: ID!, $v: Int!, $pw: String!, $o: String) { signPackage(packageId: $id, expectedVersion: $v, password: $pw, opinion: $o) { id state version } }`;
const CLAIM = `mutation($id: ID!, $v: Int!) { claimPackage(packageId: $id, expectedVersion: $v) { id state version claimedBy { id } } }`;
const RETURN = `mutation($id: ID!, $v: Int!, $reason: String!, $comments: [CommentInput!]) {
  returnPackage(packageId: $id, expectedVersion: $v, reason: $reason, comments: $comments) { id state version signature { id } } }`;
const RESOLVE = `mutation($c: ID!) { resolveComment(commentId: $c) { id resolvedAt } }`;
const APPROVE = `mutation($id: ID!, $v: Int!, $o: String) { approvePackage(packageId: $id, expectedVersion: $v, opinion: $o) { id state version } }`;
const TRANSFER = `mutation($id: ID!, $v: Int!, $to: ID!, $reason: String!) { transferPackage(packageId: $id, expectedVersion: $v, toUserId: $to, reason: $reason) { id state version } }`;
const WITHDRAW = `mutation($id: ID!, $v: Int!) { withdrawPackage(packageId: $id, expectedVersion: $v) { id state version signature { id } } }`;
const INBOX = '{ inbox { kind packageId title } }';

describe('the 主管部门 stage, assignment and opinions on the record, through GraphQL', () => {
  let app: TestApp;
  let w: SupervisedWorld;
  const as = (key: string) => w.users[key]!.token;
  const user = (key: string) => w.users[key]!;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildSupervisedWorld(app);
  }, 120_000);
  afterAll(() => app?.close());

  const load = async (key: string, id = w.school.packageId) => (await app.ok<{ package: any }>(PKG, { id }, as(key))).package;
  const inbox = async (key: string) => (await app.ok<{ inbox: { kind: string; packageId: string }[] }>(INBOX, {}, as(key))).inbox;

  it('takes a school through its 主管部门 and an assigned, transferred bureau reviewer, with three opinions on the record and on the cover', async () => {
    const id = w.school.packageId;
    // The admin assigns 教育局's group to the bureau's first reviewer in advance.
    const assigned = await app.ok<{ assignReviewer: any }>(
      'mutation($i: AssignReviewerInput!) { assignReviewer(input: $i) { units packages skippedPackageIds } }',
      { i: { reviewerId: user('a.reviewer').id, supervisorUnitIds: [w.units.a2] } },
      as('a.admin'),
    );
    expect(assigned.assignReviewer).toEqual({ units: 2, packages: 2, skippedPackageIds: [] });

    let pkg = await load('s1.filler');
    expect(pkg).toMatchObject({ state: 'DRAFT', stage: null, supervised: true, supervisorUnit: { name: '甲区教育局' }, assignee: { id: user('a.reviewer').id } });

    // 1. The school submits and its head signs with an opinion: the package goes to 教育局, not the bureau.
    const filled = await fillSubmittable(app, id, as('s1.filler'), pkg.version);
    let r = (await app.ok<any>(SUBMIT, { id, v: filled.version }, as('s1.filler'))).submitPackage;
    r = (await app.ok<any>(SIGN, { id, v: r.version, pw: TEST_PASSWORD, o: '同意报送' }, as('s1.head'))).signPackage;
    expect(r.state).toBe('SUBMITTED_TO_SUPERVISOR');
    expect((await inbox('a2.supervisor')).map((n) => n.kind)).toEqual(['SIGN']);
    expect((await inbox('a.reviewer')).filter((n) => n.packageId === id && n.kind === 'SIGN')).toEqual([]);
    // The bureau cannot claim it yet; another bureau's 主管部门 cannot even see it.
    expect(errorCode(await app.gql(CLAIM, { id, v: r.version }, as('a.reviewer')))).toBe('ROLE_NOT_ALLOWED');
    expect(errorCode(await app.gql(PKG, { id }, as('b1.supervisor')))).toBe('NOT_IN_SCOPE');

    // 2. The supervisor claims and returns it with a field comment: the signature and the head's opinion are void.
    r = (await app.ok<any>(CLAIM, { id, v: r.version }, as('a2.supervisor'))).claimPackage;
    expect(r).toMatchObject({ state: 'SUPERVISOR_REVIEW', claimedBy: { id: user('a2.supervisor').id } });
    expect(errorCode(await app.gql(RETURN, { id, v: r.version - 1, reason: '旧版本' }, as('a2.supervisor')))).toBe('VERSION_CONFLICT');
    r = (await app.ok<any>(RETURN, {
      id, v: r.version, reason: '请补充完成情况',
      comments: [{ path: 'selfEvaluation.goal.actual', body: '请写明全年开展的教研活动次数' }],
    }, as('a2.supervisor'))).returnPackage;
    expect(r).toMatchObject({ state: 'RETURNED', signature: null });
    pkg = await load('s1.filler');
    expect(pkg.comments).toEqual([expect.objectContaining({ path: 'selfEvaluation.goal.actual', author: { role: 'SUPERVISOR' }, resolvedAt: null })]);
    expect(pkg.opinions).toEqual([expect.objectContaining({ kind: 'UNIT_HEAD', opinion: '同意报送', voidedAt: expect.any(String) })]);
    expect((await inbox('s1.filler')).map((n) => n.kind)).toContain('RETURN');

    // 3. The filler fixes and resubmits; the head signs again. The same supervisor gets it back, told so; a colleague may not claim it.
    const fixed = structuredClone(pkg.document) as PackageDocument;
    fixed.selfEvaluation.goal.actual += '全年开展教研活动24次。';
    const v = await saveDocument(app, id, as('s1.filler'), pkg.version, fixed);
    r = (await app.ok<any>(SUBMIT, { id, v }, as('s1.filler'))).submitPackage;
    r = (await app.ok<any>(SIGN, { id, v: r.version, pw: TEST_PASSWORD, o: '同意报送，请主管部门审核' }, as('s1.head'))).signPackage;
    expect(r.state).toBe('SUBMITTED_TO_SUPERVISOR');
    pkg = await load('a2.supervisor');
    expect(pkg.supervisorAssignee).toEqual({ id: user('a2.supervisor').id, displayName: 'a2.supervisor（测试）' });
    expect((await inbox('a2.supervisor')).map((n) => n.kind)).toEqual(['SIGN', 'SIGN']);
    expect(await inbox('a2.supervisor2')).toEqual([expect.objectContaining({ kind: 'SIGN' })]);
    expect(errorCode(await app.gql(CLAIM, { id, v: r.version }, as('a2.supervisor2')))).toBe('NOT_ASSIGNEE');
    expect((await load('a2.supervisor2')).availableActions).toEqual([]);

    // 4. The supervisor approves with an opinion: on to the bureau, where the reviewer assigned in advance is told.
    r = (await app.ok<any>(CLAIM, { id, v: r.version }, as('a2.supervisor'))).claimPackage;
    // Its own field comment is still open: approving is refused until the supervisor resolves it.
    const refused = await app.gql(APPROVE, { id, v: r.version, o: '同意' }, as('a2.supervisor'));
    expect(errorCode(refused)).toBe('OPEN_COMMENTS');
    expect(refused.errors?.[0]?.extensions?.messageEn).toMatch(/Field comments are still open/);
    for (const c of (await load('a2.supervisor')).comments) await app.ok(RESOLVE, { c: c.id }, as('a2.supervisor'));
    r = (await app.ok<any>(APPROVE, { id, v: r.version, o: '经审核，同意报送财政局' }, as('a2.supervisor'))).approvePackage;
    expect(r.state).toBe('SUBMITTED');
    expect((await inbox('a.reviewer')).filter((n) => n.packageId === id).map((n) => n.kind)).toEqual(['APPROVE']);
    expect((await inbox('a.reviewer2')).filter((n) => n.packageId === id)).toEqual([]);
    expect((await inbox('s1.head')).map((n) => n.kind)).toContain('APPROVE');

    // 5. reviewer2 may not take what is assigned to reviewer; reviewer transfers it to reviewer2 with a reason.
    expect(errorCode(await app.gql(CLAIM, { id, v: r.version }, as('a.reviewer2')))).toBe('NOT_ASSIGNEE');
    expect(errorCode(await app.gql(TRANSFER, { id, v: r.version, to: user('a.reviewer2').id, reason: ' ' }, as('a.reviewer')))).toBe('REASON_REQUIRED');
    expect(errorCode(await app.gql(TRANSFER, { id, v: r.version, to: user('a2.supervisor').id, reason: '出差' }, as('a.reviewer')))).toBe('VALIDATION_FAILED');
    r = (await app.ok<any>(CLAIM, { id, v: r.version }, as('a.reviewer'))).claimPackage;
    r = (await app.ok<any>(TRANSFER, { id, v: r.version, to: user('a.reviewer2').id, reason: '本人出差，转交同事审核' }, as('a.reviewer'))).transferPackage;
    expect(r.state).toBe('IN_REVIEW');
    pkg = await load('a.reviewer2');
    expect(pkg).toMatchObject({ claimedBy: { id: user('a.reviewer2').id }, assignee: { id: user('a.reviewer2').id } });
    expect((await inbox('a.reviewer2')).filter((n) => n.packageId === id).map((n) => n.kind)).toEqual(['TRANSFER']);
    expect(errorCode(await app.gql(APPROVE, { id, v: r.version, o: '同意' }, as('a.reviewer')))).toBe('NOT_CLAIMANT');

    // 6. The colleague approves with an opinion.
    r = (await app.ok<any>(APPROVE, { id, v: r.version, o: '审核通过，同意公开' }, as('a.reviewer2'))).approvePackage;
    expect(r.state).toBe('APPROVED');

    // The record: three opinions of this round with names and dates, the earlier one voided; the history says who, what and to whom.
    pkg = await load('a.admin');
    const live = pkg.opinions.filter((o: any) => !o.voidedAt);
    expect(live.map((o: any) => [o.kind, o.opinion, o.signerName, o.signerUnitName])).toEqual([
      ['UNIT_HEAD', '同意报送，请主管部门审核', 's1.head（测试）', '甲区第一中学'],
      ['SUPERVISOR', '经审核，同意报送财政局', 'a2.supervisor（测试）', '甲区教育局'],
      ['FINANCE_BUREAU', '审核通过，同意公开', 'a.reviewer2（测试）', '甲区财政局'],
    ]);
    const trail = pkg.auditTrail.map((e: any) => [e.action, e.fromState, e.toState, e.actorRole]);
    expect(trail).toEqual([
      // The assignment in advance is in the history too (no state change).
      ['ASSIGN', 'DRAFT', 'DRAFT', 'ADMIN'],
      ['SUBMIT', 'DRAFT', 'AWAITING_SIGNOFF', 'FILLER'],
      ['SIGN', 'AWAITING_SIGNOFF', 'SUBMITTED_TO_SUPERVISOR', 'UNIT_HEAD'],
      ['CLAIM', 'SUBMITTED_TO_SUPERVISOR', 'SUPERVISOR_REVIEW', 'SUPERVISOR'],
      ['RETURN', 'SUPERVISOR_REVIEW', 'RETURNED', 'SUPERVISOR'],
      ['SUBMIT', 'RETURNED', 'AWAITING_SIGNOFF', 'FILLER'],
      ['SIGN', 'AWAITING_SIGNOFF', 'SUBMITTED_TO_SUPERVISOR', 'UNIT_HEAD'],
      ['CLAIM', 'SUBMITTED_TO_SUPERVISOR', 'SUPERVISOR_REVIEW', 'SUPERVISOR'],
      ['APPROVE', 'SUPERVISOR_REVIEW', 'SUBMITTED', 'SUPERVISOR'],
      ['CLAIM', 'SUBMITTED', 'IN_REVIEW', 'REVIEWER'],
      ['TRANSFER', 'IN_REVIEW', 'IN_REVIEW', 'REVIEWER'],
      ['APPROVE', 'IN_REVIEW', 'APPROVED', 'REVIEWER'],
    ]);
    const transfer = pkg.auditTrail.find((e: any) => e.action === 'TRANSFER');
    expect(transfer).toMatchObject({ reason: '本人出差，转交同事审核', actor: { displayName: 'a.reviewer（测试）' }, toUser: { displayName: 'a.reviewer2（测试）' } });
    expect(pkg.auditTrail.filter((e: any) => e.opinion).map((e: any) => e.opinion)).toEqual([
      '同意报送', '同意报送，请主管部门审核', '经审核，同意报送财政局', '审核通过，同意公开',
    ]);
    // The cover prints the three boxes, each with its signer and date.
    const cover = (await app.get(RenderInputService).load({ packageId: id, revisionId: null, draft: false })).model;
    expect(cover.cover.opinions.map((o) => [o.titleZh, o.opinion, o.signerName])).toEqual([
      ['单位负责人意见', '同意报送，请主管部门审核', 's1.head（测试）'],
      ['主管部门审核意见', '经审核，同意报送财政局', 'a2.supervisor（测试）'],
      ['财政部门审核意见', '审核通过，同意公开', 'a.reviewer2（测试）'],
    ]);
    for (const o of cover.cover.opinions) expect(o.date).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(cover.filled?.['opinion.SUPERVISOR.signerName']).toBe('a2.supervisor（测试）');

    // The printed 封面 carries the three boxes with their opinions, signers and dates. Its page
    // images go to $ZIPIN_RENDER_OUT (default: a temp folder) for a person to look at.
    const pool = new BrowserPool({ chromiumPath: process.env.CHROMIUM_PATH ?? 'npm' });
    try {
      const pdf = await pool.pdf(packageHtml(cover));
      if (popplerAvailable()) {
        const out = process.env.ZIPIN_RENDER_OUT ?? join(tmpdir(), 'zipin-review-stages-render');
        mkdirSync(out, { recursive: true });
        pdfToPngs(pdf, out, 80);
        const first = pdfPagesText(pdf)[0]!.replace(/\s+/g, '');
        for (const text of ['单位负责人意见', '同意报送，请主管部门审核', 's1.head（测试）', '主管部门审核意见', '经审核，同意报送财政局', 'a2.supervisor（测试）', '财政部门审核意见', '审核通过，同意公开', 'a.reviewer2（测试）']) {
          expect([text, first.includes(text)]).toEqual([text, true]);
        }
        expect(first.match(/\d{4}年\d{1,2}月\d{1,2}日/g)?.length).toBeGreaterThanOrEqual(4);
      }
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('sends a unit without a 主管部门 straight to the bureau, with no 主管部门 box on its cover', async () => {
    const id = w.packages.a1;
    let pkg = await load('a1.filler', id);
    expect(pkg).toMatchObject({ supervised: false, supervisorUnit: null });
    const filled = await fillSubmittable(app, id, as('a1.filler'), pkg.version);
    let r = (await app.ok<any>(SUBMIT, { id, v: filled.version }, as('a1.filler'))).submitPackage;
    r = (await app.ok<any>(SIGN, { id, v: r.version, pw: TEST_PASSWORD }, as('a1.head'))).signPackage;
    expect(r.state).toBe('SUBMITTED');
    // 教育局's reviewers see nothing of a unit that is not theirs.
    expect(errorCode(await app.gql(PKG, { id }, as('a2.supervisor')))).toBe('NOT_IN_SCOPE');
    const list = await app.ok<{ packages: { nodes: { id: string }[]; totalCount: number } }>('{ packages { totalCount nodes { id } } }', {}, as('a2.supervisor'));
    expect(list.packages.nodes.map((n) => n.id)).toEqual([w.school.packageId]);
    pkg = await load('a1.head', id);
    expect(pkg.opinions).toEqual([expect.objectContaining({ kind: 'UNIT_HEAD', opinion: null, signerName: 'a1.head（测试）' })]);
    const cover = (await app.get(RenderInputService).load({ packageId: id, revisionId: null, draft: false })).model;
    expect(cover.cover.opinions.map((o) => o.titleZh)).toEqual(['单位负责人意见', '财政部门审核意见']);
    expect(cover.cover.opinions[0]!.opinion).toBe('同意报送');
  });

  it('lets the unit withdraw from the 主管部门 until it claims, voiding the signature and the opinion', async () => {
    const id = w.otherSchool.packageId;
    // Bureau B's school, under b1: placed while a draft, so the draft follows its 主管部门 at once.
    expect((await packageRow(app, id)).supervisorUnitId).toBe(w.units.b1);
    // b1's own filler is not the school's; the other bureau's 主管部门 sees nothing.
    expect(errorCode(await app.gql(PKG, { id }, as('b1.filler')))).toBe('NOT_IN_SCOPE');
    expect(errorCode(await app.gql(PKG, { id }, as('a2.supervisor')))).toBe('NOT_IN_SCOPE');
    const pkg = await load('bs.filler', id);
    const filled = await fillSubmittable(app, id, as('bs.filler'), pkg.version);
    let r = (await app.ok<any>(SUBMIT, { id, v: filled.version }, as('bs.filler'))).submitPackage;
    r = (await app.ok<any>(SIGN, { id, v: r.version, pw: TEST_PASSWORD, o: '同意' }, as('bs.head'))).signPackage;
    expect(r.state).toBe('SUBMITTED_TO_SUPERVISOR');
    r = (await app.ok<any>(WITHDRAW, { id, v: r.version }, as('bs.head'))).withdrawPackage;
    expect(r).toMatchObject({ state: 'DRAFT', signature: null });
    expect((await load('b1.supervisor', id)).opinions).toEqual([expect.objectContaining({ kind: 'UNIT_HEAD', opinion: '同意', voidedAt: expect.any(String) })]);
    // Once claimed, the unit can no longer take it back.
    r = (await app.ok<any>(SUBMIT, { id, v: r.version }, as('bs.filler'))).submitPackage;
    r = (await app.ok<any>(SIGN, { id, v: r.version, pw: TEST_PASSWORD }, as('bs.head'))).signPackage;
    r = (await app.ok<any>(CLAIM, { id, v: r.version }, as('b1.supervisor'))).claimPackage;
    expect(errorCode(await app.gql(WITHDRAW, { id, v: r.version }, as('bs.head')))).toBe('TRANSITION_NOT_ALLOWED');
  });
});
