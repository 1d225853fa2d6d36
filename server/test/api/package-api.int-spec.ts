import { ERROR_MESSAGES, LUKOU_2024_TEMPLATE, STATE_LABELS } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, buildWorld, errorCode, packageRow, type World } from '../support/factories.js';

const PASSING = explainWarnings(repairSeed(), LUKOU_2024_TEMPLATE, { fiscalYear: 2024 });

describe('campaigns, packages and signatures', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  async function toAwaitingSignoff(id: string, unit: 'a1' | 'a2') {
    const v = (await packageRow(app, id)).version;
    const saved = await app.ok<{ savePackage: { package: { version: number } } }>('mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }', { i: { packageId: id, baseVersion: v, document: PASSING } }, as(`${unit}.filler`));
    return (await app.ok<{ submitPackage: { version: number } }>('mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { version } }', { id, v: saved.savePackage.package.version }, as(`${unit}.filler`))).submitPackage.version;
  }

  it('opens a campaign once per unit: opening again only adds packages for new units', async () => {
    const count = async () => (await app.ok<{ campaign: { packageCount: number } }>('query($id: ID!) { campaign(id: $id) { packageCount openedAt } }', { id: w.campaigns.a }, as('a.admin'))).campaign.packageCount;
    expect(await count()).toBe(2);
    await app.ok('mutation($id: ID!) { openCampaign(id: $id) { id } }', { id: w.campaigns.a }, as('a.admin'));
    expect(await count()).toBe(2);
    await app.ok('mutation { createUnit(input: { code: "003", name: "甲区统计局", category: "行政单位" }) { id } }', {}, as('a.admin'));
    await app.ok('mutation($id: ID!) { openCampaign(id: $id) { id } }', { id: w.campaigns.a }, as('a.admin'));
    expect(await count()).toBe(3);
  });

  it('answers an autosave leanly: checks only when they changed, the document only when it is not stored as sent', async () => {
    const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { version document checks { code } summary { errorCount } } }';
    const id = w.packages.a2;
    const start = (await packageRow(app, id)).version;
    const first = (await app.ok<any>(SAVE, { i: { packageId: id, baseVersion: start, document: PASSING } }, as('a2.filler'))).savePackage;
    expect(first.checks).not.toBeNull();
    expect(first.document).toBeNull();
    const retold = structuredClone(PASSING);
    retold.selfEvaluation.goal.actual = `${PASSING.selfEvaluation.goal.actual}（补充说明）`;
    const second = (await app.ok<any>(SAVE, { i: { packageId: id, baseVersion: first.version, document: retold } }, as('a2.filler'))).savePackage;
    expect(second).toMatchObject({ version: first.version + 1, checks: null, document: null });
    const blanked = structuredClone(retold);
    blanked.basicData.publicFunds.total.currentFinal = null;
    const third = (await app.ok<any>(SAVE, { i: { packageId: id, baseVersion: second.version, document: blanked } }, as('a2.filler'))).savePackage;
    expect(third.checks).not.toBeNull();
    expect(third.checks).not.toEqual(first.checks);
  });

  it('refuses a campaign whose template weights do not add up to 100', async () => {
    const template = { ...LUKOU_2024_TEMPLATE, weights: { ...LUKOU_2024_TEMPLATE.weights, cost: '25' } };
    const res = await app.gql('mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }', {
      i: { fiscalYear: 2025, title: '通知', documentNumber: '1号', template, submissionDeadline: '2026-05-31T10:00:00Z', publicationDeadline: '2026-06-30T01:00:00Z' },
    }, as('a.admin'));
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.message).toContain('100');
  });

  it('explains a refusal with the workflow table’s Chinese reason', async () => {
    const res = await app.gql('mutation($id: ID!) { approvePackage(packageId: $id, expectedVersion: 1) { id } }', { id: w.packages.a2 }, as('a.reviewer'));
    expect(errorCode(res)).toBe('TRANSITION_NOT_ALLOWED');
    expect(res.errors![0]!.message).toContain(STATE_LABELS.DRAFT.zh);
  });

  it('sends each refusal in English too: the workflow’s own reason, else the code’s message', async () => {
    const refused = await app.gql('mutation($id: ID!) { approvePackage(packageId: $id, expectedVersion: 1) { id } }', { id: w.packages.a2 }, as('a.reviewer'));
    const en = refused.errors![0]!.extensions!.messageEn!;
    expect(en.toLowerCase()).toContain(STATE_LABELS.DRAFT.en.toLowerCase());
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    const missing = await app.gql('query($id: ID!) { package(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }, as('a.reviewer'));
    expect(errorCode(missing)).toBe('NOT_FOUND');
    expect(missing.errors![0]!.extensions!.messageEn).toBe('The package does not exist');
    // A refusal that carries only its code speaks the code's own English.
    const anonymous = await app.gql('query($id: ID!) { package(id: $id) { id } }', { id: w.packages.a2 });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.errors![0]!.extensions!.messageEn).toBe(ERROR_MESSAGES.UNAUTHENTICATED.en);
  });

  it('refuses a transition from a stale version with the current version', async () => {
    const v = await toAwaitingSignoff(w.packages.a2, 'a2');
    const res = await app.gql('mutation($id: ID!, $v: Int!) { withdrawPackage(packageId: $id, expectedVersion: $v) { id } }', { id: w.packages.a2, v: v - 1 }, as('a2.filler'));
    expect(errorCode(res)).toBe('VERSION_CONFLICT');
    expect(res.errors![0]!.extensions!.details).toEqual({ currentVersion: v });
  });

  it('voids the signature when a signed package is withdrawn, and verification then says so', async () => {
    const id = w.packages.a1;
    const v = await toAwaitingSignoff(id, 'a1');
    const signed = await app.ok<{ signPackage: { version: number; signature: { documentHash: string } } }>(
      'mutation($id: ID!, $v: Int!, $pw: String!) { signPackage(packageId: $id, expectedVersion: $v, password: $pw) { version signature { documentHash } } }',
      { id, v, pw: TEST_PASSWORD }, as('a1.head'));
    const hash = signed.signPackage.signature.documentHash;
    const verify = async () => (await app.ok<{ verifySignature: { valid: boolean; kind: string } }>('query($h: String!) { verifySignature(hash: $h) { valid kind } }', { h: hash })).verifySignature;
    expect(await verify()).toEqual({ valid: true, kind: 'DOCUMENT' });
    const withdrawn = await app.ok<{ withdrawPackage: { state: string; signature: unknown } }>(
      'mutation($id: ID!, $v: Int!) { withdrawPackage(packageId: $id, expectedVersion: $v) { state signature { id } } }', { id, v: signed.signPackage.version }, as('a1.head'));
    expect(withdrawn.withdrawPackage).toEqual({ state: 'DRAFT', signature: null });
    expect(await verify()).toEqual({ valid: false, kind: 'DOCUMENT' });
    expect((await packageRow(app, id)).signatureId).toBeNull();
  });

  it('filters the bureau list by state, warnings, grade and unit name', async () => {
    const list = async (filter: Record<string, unknown>) =>
      (await app.ok<{ packages: { totalCount: number; nodes: { unit: { name: string } }[] } }>('query($f: PackageFilterInput) { packages(filter: $f) { totalCount nodes { unit { name } } } }', { f: filter }, as('a.reviewer'))).packages;
    expect((await list({ states: ['AWAITING_SIGNOFF'] })).nodes.map((n) => n.unit.name)).toEqual(['甲区教育局']);
    expect((await list({ search: '工商' })).nodes.map((n) => n.unit.name)).toEqual(['甲区工商业联合会']);
    expect((await list({ search: '%' })).totalCount).toBe(0);
    expect((await list({ hasWarnings: true })).totalCount).toBe(2);
    expect((await list({ grade: 'EXCELLENT' })).totalCount).toBe(2);
    expect((await list({ overdue: true })).totalCount).toBe(0);
    expect(errorCode(await app.gql('{ packages(filter: { grade: "A+" }) { totalCount } }', {}, as('a.reviewer')))).toBe('VALIDATION_FAILED');
  });

  it('summarises the campaign for the bureau dashboard', async () => {
    const p = (await app.ok<{ campaignProgress: any }>(
      'query($id: ID!) { campaignProgress(campaignId: $id) { byState { state count } overdueUnits { id } gradeDistribution { grade count } scoreHistogram { bucket count } warnings { packageId unitName level errorCount warningCount flags } } }',
      { id: w.campaigns.a }, as('a.reviewer'),
    )).campaignProgress;
    const count = (state: string) => p.byState.find((s: any) => s.state === state).count;
    expect([count('DRAFT'), count('AWAITING_SIGNOFF')]).toEqual([2, 1]);
    expect(p.overdueUnits).toEqual([]);
    // Nothing is handed in yet: a draft's grade is not the unit's word, so no grade or score is counted.
    expect(p.gradeDistribution.every((g: any) => g.count === 0)).toBe(true);
    expect(p.scoreHistogram.every((b: any) => b.count === 0)).toBe(true);
    // Both packages are over their staffing quota but explain it: that flag is not raised; what
    // is listed has open errors or unexplained warnings.
    expect(p.warnings.flatMap((x: any) => x.flags)).not.toContain('STAFFING_OVER_QUOTA');
    for (const x of p.warnings) expect(x.errorCount + x.warningCount).toBeGreaterThan(0);
  });
});
