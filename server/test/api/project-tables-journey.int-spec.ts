import { createHash } from 'node:crypto';
import { SEED_2024_LUKOU_GSL, addTwoProjects, canonicalJson, type PackageDocument } from '@zipin/shared';
import { repairSeed } from '../../src/demo/demo-documents.js';
import { PackageRevisionEntity } from '../../src/modules/package/package-revision.entity.js';
import { PublicationEntity } from '../../src/modules/publication/publication.entity.js';
import { TestApp } from '../support/test-app.js';
import { PACKAGE_FIELDS, TEST_PASSWORD, buildWorld, errorCode, packageRow, type World } from '../support/factories.js';
import { waitFor } from '../support/wait.js';
import { ArtifactStorage } from '../../src/storage/artifact-storage.js';
import { pdfPagesText, popplerAvailable } from '../render/pdf-tools.js';

const PKG = `query($id: ID!) { package(id: $id) { ${PACKAGE_FIELDS} figures
  comments { id path pathLabelZh body resolvedAt }
} }`;
const SAVE = `mutation($input: SavePackageInput!) { savePackage(input: $input) { package { ${PACKAGE_FIELDS} figures } } }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const SIGN = `mutation($id: ID!, $v: Int!, $pw: String!) { signPackage(packageId: $id, expectedVersion: $v, password: $pw) { id state version signature { id documentHash } } }`;
const CLAIM = `mutation($id: ID!, $v: Int!) { claimPackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const RETURN = `mutation($id: ID!, $v: Int!, $reason: String!, $comments: [CommentInput!]) {
  returnPackage(packageId: $id, expectedVersion: $v, reason: $reason, comments: $comments) { id state version returnedRevisionId } }`;
const APPROVE = `mutation($id: ID!, $v: Int!) { approvePackage(packageId: $id, expectedVersion: $v) { id state version } }`;
const SCHEDULE = `mutation($p: ID!, $v: Int!, $at: DateTime) { schedulePublication(packageId: $p, expectedVersion: $v, publishAt: $at) { id state version } }`;
const DIFF = 'query($p: ID!, $r: ID!) { revisionDiff(packageId: $p, fromRevisionId: $r) { path before after kind labelZh } }';

const sha256 = (doc: unknown) => createHash('sha256').update(canonicalJson(doc)).digest('hex');
const INDICATOR = 'projectEvaluations[pe-1].indicators[ind-3].actual.value';
const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';

describe('a package with two 专项 and their 项目支出绩效自评表, through the whole workflow', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ chromiumPath });
    w = await buildWorld(app);
  }, 90_000);
  afterAll(() => app?.close());

  const load = async (key: string) => (await app.ok<{ package: any }>(PKG, { id: w.packages.a1 }, as(key))).package;
  const save = async (doc: PackageDocument, baseVersion: number) =>
    (await app.ok<{ savePackage: { package: any } }>(SAVE, { input: { packageId: w.packages.a1, baseVersion, document: doc } }, as('a1.filler'))).savePackage.package;
  const explainAll = (doc: PackageDocument, checks: { severity: string; key: string; explained: boolean | null }[]): PackageDocument => {
    const explanations = { ...doc.explanations };
    for (const c of checks) if (c.severity === 'warning' && !c.explained) explanations[c.key] = '已核实：原因见自评报告，下一年度改进。';
    return { ...doc, explanations };
  };

  it('scores and checks both tables, signs them, takes a comment on a project indicator, diffs the fix and publishes', async () => {
    const id = w.packages.a1;
    // 1. Two tables, one whose 全年执行数 disagrees with its 专项 row: an error that blocks submission.
    const doc = addTwoProjects(repairSeed(SEED_2024_LUKOU_GSL));
    const wrong = structuredClone(doc);
    wrong.projectEvaluations![0]!.funds.fiscal.execution = '11';
    let pkg = await save(wrong, 1);
    const mismatch = pkg.checks.find((c: any) => c.code === 'PROJECT_EXECUTION_MISMATCH');
    expect(mismatch).toMatchObject({ severity: 'error', paths: ['projectEvaluations[pe-1].funds', 'basicData.projects.specialFunds[sf-1].currentFinal'] });
    expect(mismatch.messageZh).toContain('全年执行数11万元，与基础数据表专项「招商引资专项」本年决算数11.5万元不一致');
    expect(pkg.summary.canSubmit).toBe(false);
    expect(errorCode(await app.gql(SUBMIT, { id, v: pkg.version }, as('a1.filler')))).toBe('CHECKS_BLOCK_SUBMISSION');

    // 2. Fixed, warnings explained: both tables are scored by the server with the shared rules.
    pkg = await save(doc, pkg.version);
    pkg = await save(explainAll(pkg.document, pkg.checks), pkg.version);
    expect(pkg.summary).toMatchObject({ errorCount: 0, unexplainedWarningCount: 0, canSubmit: true });
    const tables = pkg.figures.projectEvaluations.tables;
    expect(tables.map((t: any) => [t.id, t.executionRate, t.executionPoints, t.declaredTotal, t.grade])).toEqual([
      ['pe-1', '95.83', '9.58', '92.91', 'EXCELLENT'],
      ['pe-2', '100.00', '10.00', '100', 'EXCELLENT'],
    ]);
    expect(pkg.document.projectEvaluations).toHaveLength(2);

    // 3. Submitted and signed: the signature covers the project tables.
    pkg = (await app.ok<{ submitPackage: any }>(SUBMIT, { id, v: pkg.version }, as('a1.filler'))).submitPackage;
    const signed = (await app.ok<{ signPackage: any }>(SIGN, { id, v: pkg.version, pw: TEST_PASSWORD }, as('a1.head'))).signPackage;
    expect(signed.state).toBe('SUBMITTED');
    pkg = await load('a1.head');
    expect(signed.signature.documentHash).toBe(sha256(pkg.document));
    const withoutTables = { ...pkg.document, projectEvaluations: undefined };
    expect(sha256(withoutTables)).not.toBe(signed.signature.documentHash);

    // 4. The reviewer returns it with a comment on a project indicator's field; a malformed path is refused.
    pkg = (await app.ok<{ claimPackage: any }>(CLAIM, { id, v: pkg.version }, as('a.reviewer'))).claimPackage;
    const bad = await app.gql(RETURN, { id, v: pkg.version, reason: '请核实', comments: [{ path: 'projectEvaluations[pe 1].name', body: 'x' }] }, as('a.reviewer'));
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    const r = await app.ok<{ returnPackage: any }>(RETURN, {
      id, v: pkg.version, reason: '项目指标需核实',
      comments: [{ path: INDICATOR, body: '引进项目数与招商台账不一致，请核对' }],
    }, as('a.reviewer'));
    expect(r.returnPackage.state).toBe('RETURNED');
    const returnedRevisionId = r.returnPackage.returnedRevisionId;

    // 5. The filler sees the comment on the field, fixes it and resubmits; the head signs again.
    pkg = await load('a1.filler');
    expect(pkg.comments).toEqual([
      expect.objectContaining({ path: INDICATOR, pathLabelZh: '项目支出绩效自评表 › 项目「招商引资专项」 › 指标「引进项目数」 › 实际完成值', resolvedAt: null }),
    ]);
    await app.ok('mutation($c: ID!) { resolveComment(commentId: $c) { id } }', { c: pkg.comments[0].id }, as('a1.filler'));
    const fixed = structuredClone(pkg.document) as PackageDocument;
    const row = fixed.projectEvaluations![0]!.indicators.find((x) => x.id === 'ind-3')!;
    row.actual = { ...row.actual, value: '3' };
    row.score = '20';
    row.deviationReason = '';
    pkg = await save(fixed, pkg.version);
    pkg = await save(explainAll(pkg.document, pkg.checks), pkg.version);
    expect(pkg.summary.canSubmit).toBe(true);
    expect(pkg.figures.projectEvaluations.tables[0].declaredTotal).toBe('99.58');
    pkg = (await app.ok<{ submitPackage: any }>(SUBMIT, { id, v: pkg.version }, as('a1.filler'))).submitPackage;
    pkg = (await app.ok<{ signPackage: any }>(SIGN, { id, v: pkg.version, pw: TEST_PASSWORD }, as('a1.head'))).signPackage;

    // 6. The reviewer sees exactly the project fields that changed since the return, and approves.
    pkg = (await app.ok<{ claimPackage: any }>(CLAIM, { id, v: pkg.version }, as('a.reviewer'))).claimPackage;
    const diff = (await app.ok<{ revisionDiff: any[] }>(DIFF, { p: id, r: returnedRevisionId }, as('a.reviewer'))).revisionDiff;
    const projectChanges = diff.filter((d) => d.path.startsWith('projectEvaluations'));
    expect(projectChanges.map((d) => [d.path, d.before, d.after])).toEqual([
      ['projectEvaluations[pe-1].indicators[ind-3].actual.value', '2', '3'],
      ['projectEvaluations[pe-1].indicators[ind-3].deviationReason', expect.stringContaining('原因'), ''],
      ['projectEvaluations[pe-1].indicators[ind-3].score', '13.33', '20'],
    ]);
    expect(projectChanges[0].labelZh).toBe('项目支出绩效自评表 › 项目「招商引资专项」 › 指标「引进项目数」 › 实际完成值');
    pkg = (await app.ok<{ approvePackage: any }>(APPROVE, { id, v: pkg.version }, as('a.reviewer'))).approvePackage;
    expect(pkg.state).toBe('APPROVED');

    // 7. Published: the public copy is the signed revision, project tables included.
    const at = new Date(Date.now() + 1_000);
    expect((await app.gql(SCHEDULE, { p: id, v: pkg.version, at: at.toISOString() }, as('a.admin'))).errors).toBeUndefined();
    await waitFor(async () => Date.now() > at.getTime(), 5_000);
    await app.drainJobs(90_000);
    const publication = await waitFor(() => app.dataSource.getRepository(PublicationEntity).findOneBy({ packageId: id }), 90_000, 'the publication');
    expect((await packageRow(app, id)).state).toBe('PUBLISHED');
    const revision = await app.dataSource.getRepository(PackageRevisionEntity).findOneByOrFail({ id: publication.revisionId! });
    expect(revision.document.projectEvaluations?.map((t: { id: string }) => t.id)).toEqual(['pe-1', 'pe-2']);
    expect(revision.documentHash).toBe(sha256(revision.document));

    // The public PDF: the 封面, the 基础数据表, the 自评表, each project table on a page of its own, the report, numbered.
    const pdf = (await app.get(ArtifactStorage).get(publication.pdfKey))!;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(publication.pdfSha256);
    if (!popplerAvailable()) return;
    const pages = pdfPagesText(pdf).map((p) => p.replace(/\s+/g, ''));
    pages.forEach((p, i) => expect(p).toContain(`第${i + 1}页共${pages.length}页`));
    expect(pages[0]).toContain('2024年度部门（单位）整体支出绩效自评材料单位名称甲区工商业联合会预算编码001评价年度2024年度评价方式单位自评');
    expect(pages[0]).toContain('单位负责人意见同意报送签字：a1.head（测试）');
    expect(pages[1]).toContain('整体支出绩效评价基础数据表');
    expect(pages[2]).toContain('整体支出绩效自评表');
    // (The page number is drawn in the margin box first, so it leads the page's text.)
    const body = (page: string) => page.replace(/第\d+页共\d+页/, '');
    expect(body(pages[3]!)).toMatch(/^2024年度项目支出绩效自评表项目名称招商引资专项/);
    expect(pages[3]).toMatch(/引进项目数≥3个3个2020/);
    expect(body(pages[4]!)).toMatch(/^2024年度项目支出绩效自评表项目名称基层商会建设专项/);
    expect(pages.slice(5).join('')).toContain('一、部门基本情况');
  }, 180_000);
});
