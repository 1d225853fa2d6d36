import { createHash } from 'node:crypto';
import { SEED_2024_LUKOU_GSL, canonicalJson, type PackageDocument } from '@zipin/shared';
import { repairSeed } from '../../src/demo/demo-documents.js';
import { TestApp } from '../support/test-app.js';
import { PACKAGE_FIELDS, TEST_PASSWORD, buildWorld, errorCode, type World } from '../support/factories.js';


const PKG = `query($id: ID!) { package(id: $id) { ${PACKAGE_FIELDS}
  comments { id path pathLabelZh body author { displayName role } resolvedAt resolvedBy { displayName } replies { id body author { role } } }
  auditTrail { id action fromState toState reason at actor { displayName role } actorRole }
  revisions { id seq kind packageVersion documentHash createdBy { role } }
} }`;
const SAVE = `mutation($input: SavePackageInput!) { savePackage(input: $input) { package { ${PACKAGE_FIELDS} } } }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const SIGN = `mutation($id: ID!, $v: Int!, $pw: String!) { signPackage(packageId: $id, expectedVersion: $v, password: $pw) { id state version signature { id documentHash signerName } } }`;
const RETURN = `mutation($id: ID!, $v: Int!, $reason: String!, $comments: [CommentInput!]) {
  returnPackage(packageId: $id, expectedVersion: $v, reason: $reason, comments: $comments) { id state version returnedRevisionId signature { id } } }`;
const CLAIM = `mutation($id: ID!, $v: Int!) { claimPackage(packageId: $id, expectedVersion: $v) { id state version claimedBy { displayName } } }`;
const APPROVE = `mutation($id: ID!, $v: Int!) { approvePackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const VERIFY = `query($hash: String!) { verifySignature(hash: $hash) { valid kind unitName fiscalYear signerName signedAt } }`;

const sha256 = (doc: unknown) => createHash('sha256').update(canonicalJson(doc)).digest('hex');

describe('the whole workflow through GraphQL', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  async function load(key: string) {
    return (await app.ok<{ package: any }>(PKG, { id: w.packages.a1 }, as(key))).package;
  }
  async function save(doc: PackageDocument, baseVersion: number) {
    return (await app.ok<{ savePackage: { package: any } }>(SAVE, { input: { packageId: w.packages.a1, baseVersion, document: doc } }, as('a1.filler'))).savePackage.package;
  }
  /** The filler answers every unexplained warning the server reports, by its key. */
  function explainAll(doc: PackageDocument, checks: { severity: string; key: string; explained: boolean | null }[]): PackageDocument {
    const explanations = { ...doc.explanations };
    for (const c of checks) if (c.severity === 'warning' && !c.explained) explanations[c.key] = '已核实：原因见自评报告第七部分，下一年度改进。';
    return { ...doc, explanations };
  }

  it('takes the seed package from draft to approved, with two returns, and records every step', async () => {
    const id = w.packages.a1;
    // 1. The seed as published cannot be submitted: the server finds its errors.
    let pkg = await save(SEED_2024_LUKOU_GSL, 1);
    expect(pkg.version).toBe(2);
    expect(pkg.summary.canSubmit).toBe(false);
    const codes = pkg.checks.filter((c: any) => c.severity === 'error').map((c: any) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['ACTUAL_NOT_A_POINT_VALUE', 'SCORE_ABOVE_SUGGESTION_NO_REASON', 'REPORT_SECTION_EMPTY']));
    expect(pkg.summary.declaredTotal).toBe('97.00');
    expect(pkg.summary.suggestedTotal).toBe('95.14');
    expect(errorCode(await app.gql(SUBMIT, { id, v: pkg.version }, as('a1.filler')))).toBe('CHECKS_BLOCK_SUBMISSION');

    // 2. Errors fixed, then every remaining warning explained: submittable.
    pkg = await save(repairSeed(SEED_2024_LUKOU_GSL), pkg.version);
    expect(pkg.summary.errorCount).toBe(0);
    expect(pkg.summary.unexplainedWarningCount).toBeGreaterThan(0);
    pkg = await save(explainAll(pkg.document, pkg.checks), pkg.version);
    expect(pkg.summary).toMatchObject({ errorCount: 0, unexplainedWarningCount: 0, canSubmit: true });

    // 3. Submit; a double click with the same expectedVersion applies once.
    const v = pkg.version;
    const [s1, s2] = await Promise.all([app.gql(SUBMIT, { id, v }, as('a1.filler')), app.gql(SUBMIT, { id, v }, as('a1.filler'))]);
    expect(s1.errors).toBeUndefined();
    expect(s2.errors).toBeUndefined();
    expect(s1.data!.submitPackage).toEqual(s2.data!.submitPackage);
    expect(s1.data!.submitPackage).toMatchObject({ state: 'AWAITING_SIGNOFF', version: v + 1 });
    expect((await load('a1.filler')).auditTrail.filter((e: any) => e.action === 'SUBMIT')).toHaveLength(1);
    // The unit head is told.
    const headInbox = await app.ok<{ inbox: any[] }>('{ inbox { kind packageId readAt } }', {}, as('a1.head'));
    expect(headInbox.inbox).toEqual([expect.objectContaining({ kind: 'SUBMIT', packageId: id, readAt: null })]);

    // 4. The unit head returns it with a comment on a field.
    pkg = await load('a1.head');
    let r = await app.ok<{ returnPackage: any }>(RETURN, {
      id, v: pkg.version, reason: '请补充完成情况',
      comments: [{ path: 'selfEvaluation.goal.actual', body: '请写明走访企业的具体家数' }],
    }, as('a1.head'));
    expect(r.returnPackage).toMatchObject({ state: 'DRAFT' });
    expect(r.returnPackage.returnedRevisionId).toBeTruthy();

    // 5. The filler answers, resolves, fixes and resubmits.
    pkg = await load('a1.filler');
    expect(pkg.comments).toHaveLength(1);
    const c1 = pkg.comments[0];
    expect(c1).toMatchObject({ path: 'selfEvaluation.goal.actual', author: { role: 'UNIT_HEAD' }, resolvedAt: null });
    expect(c1.pathLabelZh).toContain('实际完成情况');
    await app.ok('mutation($c: ID!) { replyComment(commentId: $c, body: "已补充走访家数") { id } }', { c: c1.id }, as('a1.filler'));
    await app.ok('mutation($c: ID!) { resolveComment(commentId: $c) { id resolvedAt } }', { c: c1.id }, as('a1.filler'));
    const fixed1 = structuredClone(pkg.document) as PackageDocument;
    fixed1.selfEvaluation.goal.actual += '其中走访企业26家、基层商会4个。';
    pkg = await save(fixed1, pkg.version);
    expect(pkg.summary.canSubmit).toBe(true);
    pkg = (await app.ok<{ submitPackage: any }>(SUBMIT, { id, v: pkg.version }, as('a1.filler'))).submitPackage;

    // 6. Sign-off: a wrong password is refused and changes nothing; the right one signs.
    const wrong = await app.gql(SIGN, { id, v: pkg.version, pw: 'not-the-password1' }, as('a1.head'));
    expect(errorCode(wrong)).toBe('INVALID_CREDENTIALS');
    expect((await load('a1.head')).state).toBe('AWAITING_SIGNOFF');
    const signed = (await app.ok<{ signPackage: any }>(SIGN, { id, v: pkg.version, pw: TEST_PASSWORD }, as('a1.head'))).signPackage;
    expect(signed.state).toBe('SUBMITTED');
    pkg = await load('a1.head');
    const firstHash = signed.signature.documentHash;
    expect(firstHash).toBe(sha256(pkg.document));
    expect(pkg.revisions.find((x: any) => x.kind === 'SIGN').documentHash).toBe(firstHash);
    const verified = (await app.ok<{ verifySignature: any }>(VERIFY, { hash: firstHash })).verifySignature;
    expect(verified).toMatchObject({ valid: true, kind: 'DOCUMENT', unitName: '甲区工商业联合会', fiscalYear: 2024, signerName: 'a1.head（测试）' });

    // 7. A reviewer claims and returns it with comments on two fields; the signature is void.
    pkg = (await app.ok<{ claimPackage: any }>(CLAIM, { id, v: pkg.version }, as('a.reviewer'))).claimPackage;
    expect(pkg.state).toBe('IN_REVIEW');
    r = await app.ok<{ returnPackage: any }>(RETURN, {
      id, v: pkg.version, reason: '两处需要修改',
      comments: [
        { path: 'selfEvaluation.indicators[ind-1].actual.value', body: '实际完成次数与报告不一致，请核对' },
        { path: 'report.chapters.problems.text', body: '请结合人员经费超支说明问题' },
      ],
    }, as('a.reviewer'));
    expect(r.returnPackage).toMatchObject({ state: 'RETURNED', signature: null });
    const returnedRevisionId = r.returnPackage.returnedRevisionId;
    expect((await app.ok<{ verifySignature: any }>(VERIFY, { hash: firstHash })).verifySignature.valid).toBe(false);

    // 8. The filler resolves both, fixes both fields, resubmits; the head signs again.
    pkg = await load('a1.filler');
    const open = pkg.comments.filter((c: any) => !c.resolvedAt);
    expect(open.map((c: any) => c.path).sort()).toEqual(['report.chapters.problems.text', 'selfEvaluation.indicators[ind-1].actual.value']);
    for (const c of open) await app.ok('mutation($c: ID!) { resolveComment(commentId: $c) { id } }', { c: c.id }, as('a1.filler'));
    const fixed2 = structuredClone(pkg.document) as PackageDocument;
    const ind1 = fixed2.selfEvaluation.indicators.find((x) => x.id === 'ind-1')!;
    ind1.actual = { ...ind1.actual, value: '32', raw: '32次' };
    fixed2.report.chapters.problems.text += '人员经费因年中调资超出年初指标。';
    pkg = await save(fixed2, pkg.version);
    pkg = await save(explainAll(pkg.document, pkg.checks), pkg.version);
    expect(pkg.summary.canSubmit).toBe(true);
    pkg = (await app.ok<{ submitPackage: any }>(SUBMIT, { id, v: pkg.version }, as('a1.filler'))).submitPackage;
    pkg = (await app.ok<{ signPackage: any }>(SIGN, { id, v: pkg.version, pw: TEST_PASSWORD }, as('a1.head'))).signPackage;
    expect(pkg.signature.documentHash).not.toBe(firstHash);

    // 9. The reviewer sees what changed since the return, then approves.
    pkg = (await app.ok<{ claimPackage: any }>(CLAIM, { id, v: pkg.version }, as('a.reviewer'))).claimPackage;
    const diff = (await app.ok<{ revisionDiff: any[] }>(
      'query($p: ID!, $r: ID!) { revisionDiff(packageId: $p, fromRevisionId: $r) { path before after labelZh } }',
      { p: id, r: returnedRevisionId }, as('a.reviewer'),
    )).revisionDiff;
    const paths = diff.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['selfEvaluation.indicators[ind-1].actual.value', 'report.chapters.problems.text']));
    expect(diff.find((d) => d.path === 'selfEvaluation.indicators[ind-1].actual.value')).toMatchObject({ before: '30', after: '32' });
    expect(diff.every((d) => d.labelZh.length > 0)).toBe(true);
    pkg = (await app.ok<{ approvePackage: any }>(APPROVE, { id, v: pkg.version }, as('a.reviewer'))).approvePackage;
    expect(pkg.state).toBe('APPROVED');

    // 10. The audit trail lists every step, in order, with who did it.
    const trail = (await load('a.admin')).auditTrail;
    expect(trail.map((e: any) => [e.action, e.fromState, e.toState, e.actorRole])).toEqual([
      ['SUBMIT', 'DRAFT', 'AWAITING_SIGNOFF', 'FILLER'],
      ['RETURN', 'AWAITING_SIGNOFF', 'DRAFT', 'UNIT_HEAD'],
      ['SUBMIT', 'DRAFT', 'AWAITING_SIGNOFF', 'FILLER'],
      ['SIGN', 'AWAITING_SIGNOFF', 'SUBMITTED', 'UNIT_HEAD'],
      ['CLAIM', 'SUBMITTED', 'IN_REVIEW', 'REVIEWER'],
      ['RETURN', 'IN_REVIEW', 'RETURNED', 'REVIEWER'],
      ['SUBMIT', 'RETURNED', 'AWAITING_SIGNOFF', 'FILLER'],
      ['SIGN', 'AWAITING_SIGNOFF', 'SUBMITTED', 'UNIT_HEAD'],
      ['CLAIM', 'SUBMITTED', 'IN_REVIEW', 'REVIEWER'],
      ['APPROVE', 'IN_REVIEW', 'APPROVED', 'REVIEWER'],
    ]);
    expect(trail[1].reason).toBe('请补充完成情况');
    expect(trail[5]).toMatchObject({ reason: '两处需要修改', actor: { displayName: 'a.reviewer（测试）' } });

    // The next actors were told at each step.
    const kinds = async (key: string) => (await app.ok<{ inbox: any[] }>('{ inbox(first: 50) { kind } }', {}, as(key))).inbox.map((n) => n.kind).sort();
    expect(await kinds('a.reviewer')).toEqual(['SIGN', 'SIGN']);
    expect(await kinds('a1.filler')).toEqual(['APPROVE', 'RETURN', 'RETURN']);
    expect(await kinds('a2.filler')).toEqual([]);
    const unread = (await app.ok<{ unreadCount: number }>('{ unreadCount }', {}, as('a1.filler'))).unreadCount;
    expect(unread).toBe(3);
    expect((await app.ok<{ markNotificationsRead: number }>('mutation { markNotificationsRead }', {}, as('a1.filler'))).markNotificationsRead).toBe(3);
    expect((await app.ok<{ unreadCount: number }>('{ unreadCount }', {}, as('a1.filler'))).unreadCount).toBe(0);
  });
});
