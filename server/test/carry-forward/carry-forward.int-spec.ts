import { LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, emptyPackageDocument, type PackageDocument } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { TestApp } from '../support/test-app.js';
import { PACKAGE_FIELDS, TEST_PASSWORD, buildWorld, errorCode, packageRow, type World } from '../support/factories.js';

const DAY = 86_400_000;
const SAVE = `mutation($input: SavePackageInput!) { savePackage(input: $input) { package { ${PACKAGE_FIELDS} } } }`;
const PKG = `query($id: ID!) { package(id: $id) { ${PACKAGE_FIELDS} } }`;
const LIST = `query($c: ID!) { packages(filter: { campaignId: $c }) { nodes { id unit { id name } document version } } }`;
const RESET = `mutation($id: ID!, $v: Int!, $part: CarriedPart!) { resetCarriedPart(packageId: $id, expectedVersion: $v, part: $part) { ${PACKAGE_FIELDS} } }`;
const COMPARE = `query($c: ID!) { targetComparison(campaignId: $c) {
  unit { id name } packageId state previousPackageId previousFiscalYear flaggedCount
  rows { indicatorId name level1 level2 operator target unit lastYearActual lastYearUnit flagged }
} }`;
const act = (name: string, extra = '') =>
  `mutation($id: ID!, $v: Int!${extra ? `, ${extra}` : ''}) { ${name}(packageId: $id, expectedVersion: $v${extra ? ', password: $pw' : ''}) { id state version } }`;

describe('carry-forward from last year’s package', () => {
  let app: TestApp;
  let w: World;
  let pkg2024: string;
  let campaign2025: string;
  let newUnit: string;
  const as = (key: string) => w.users[key]!.token;

  /** The 2024 seed taken through the real workflow to APPROVED by the bureau. */
  async function approveSeed2024(): Promise<PackageDocument> {
    const id = w.packages.a1;
    const context = { fiscalYear: 2024, unitName: '甲区工商业联合会' };
    const doc = explainWarnings(repairSeed(SEED_2024_LUKOU_GSL), LUKOU_2024_TEMPLATE, context);
    let p = (await app.ok<{ savePackage: { package: any } }>(SAVE, { input: { packageId: id, baseVersion: 1, document: doc } }, as('a1.filler'))).savePackage.package;
    expect(p.summary.canSubmit).toBe(true);
    p = (await app.ok<any>(act('submitPackage'), { id, v: p.version }, as('a1.filler'))).submitPackage;
    p = (await app.ok<any>(act('signPackage', '$pw: String!'), { id, v: p.version, pw: TEST_PASSWORD }, as('a1.head'))).signPackage;
    p = (await app.ok<any>(act('claimPackage'), { id, v: p.version }, as('a.reviewer'))).claimPackage;
    p = (await app.ok<any>(act('approvePackage'), { id, v: p.version }, as('a.reviewer'))).approvePackage;
    expect(p.state).toBe('APPROVED');
    return doc;
  }

  async function package2025(unitId: string, token = as('a.reviewer')) {
    const nodes = (await app.ok<{ packages: { nodes: any[] } }>(LIST, { c: campaign2025 }, token)).packages.nodes;
    const p = nodes.find((n) => n.unit.id === unitId);
    expect(p).toBeDefined();
    return p;
  }

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
    pkg2024 = w.packages.a1;
    await approveSeed2024();
    // A unit that joins the bureau in 2025 has no earlier package.
    newUnit = (await app.ok<any>(`mutation { createUnit(input: { code: "050", name: "甲区新设单位", category: "事业单位" }) { id } }`, {}, as('a.admin'))).createUnit.id;
    const created = await app.ok<any>(
      `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id fiscalYear } }`,
      {
        input: {
          fiscalYear: 2025,
          title: '关于开展2025年度绩效自评工作的通知',
          documentNumber: '测财通（2026）1号',
          template: 'lukou-2024',
          submissionDeadline: new Date(Date.now() + 10 * DAY).toISOString(),
          publicationDeadline: new Date(Date.now() + 30 * DAY).toISOString(),
          timezone: 'Asia/Shanghai',
        },
      },
      as('a.admin'),
    );
    campaign2025 = created.createCampaign.id;
    await app.ok(`mutation($id: ID!) { openCampaign(id: $id) { id openedAt } }`, { id: campaign2025 }, as('a.admin'));
  }, 60_000);
  afterAll(() => app?.close());

  it('opens the 2025 draft with the 2024 决算 figures in its 上年 column, marked carried', async () => {
    const p = await package2025(w.units.a1, as('a1.filler'));
    const bd = p.document.basicData;
    expect(bd.publicFunds.total).toEqual({ previousFinal: '43.43', currentBudget: null, currentFinal: null });
    expect(bd.publicFunds.office.previousFinal).toBe('22');
    expect(bd.threePublic.reception.previousFinal).toBe('0.314');
    expect(bd.procurement.previousFinal).toBe('NA');
    expect(p.document.carriedFrom).toEqual({
      packageId: pkg2024,
      fiscalYear: 2024,
      sourceState: 'APPROVED',
      parts: ['PRIOR_YEAR_COLUMN', 'INDICATORS', 'BASIC_INFO_CHAPTER'],
      columns: ['previousFinal'],
    });
    expect(p.version).toBe(1);
  });

  it('starts from the 2024 indicators and targets, with actuals, scores and reasons cleared', async () => {
    const p = await package2025(w.units.a1, as('a1.filler'));
    const rows = p.document.selfEvaluation.indicators;
    const approved = (await packageRow(app, pkg2024)).document.selfEvaluation.indicators;
    expect(rows.map((r: any) => [r.id, r.name, r.target.operator, r.target.value, r.weight])).toEqual(
      approved.map((r) => [r.id, r.name, r.target.operator, r.target.value, r.weight]),
    );
    for (const r of rows) {
      expect(r.actual.value).toBeNull();
      expect(r.score).toBeNull();
      expect(r.deviationReason).toBe('');
    }
    expect(rows.find((r: any) => r.id === 'ind-1').lastYearActual).toEqual({ value: '30', unit: '次' });
    expect(p.document.report.chapters.basicInfo.text).toBe(SEED_2024_LUKOU_GSL.report.chapters.basicInfo.text);
    // The 2024 package itself is untouched.
    expect((await packageRow(app, pkg2024)).state).toBe('APPROVED');
  });

  it('starts a unit with no earlier package from the campaign’s template', async () => {
    const p = await package2025(newUnit);
    expect(p.document.carriedFrom).toBeUndefined();
    expect(p.document).toEqual(JSON.parse(JSON.stringify(emptyPackageDocument(LUKOU_2024_TEMPLATE, { fiscalYear: 2025, unitName: '甲区新设单位' }))));
  });

  it('keeps carried 上年决算数 locked however the saved document is shaped; only the reset unlocks them', async () => {
    const p = await package2025(w.units.a1, as('a1.filler'));
    const stored = p.document as PackageDocument;
    const carried = stored.basicData.threePublic.reception.previousFinal;
    expect(carried).not.toBeNull();
    const attempts: [string, (d: PackageDocument) => void][] = [
      ['carriedFrom removed and a carried cell rewritten', (d) => {
        delete d.carriedFrom;
        d.basicData.threePublic.reception.previousFinal = '999.00';
      }],
      ['carriedFrom emptied', (d) => {
        d.carriedFrom = { ...d.carriedFrom!, parts: [], columns: [] };
        d.basicData.threePublic.reception.previousFinal = '999.00';
      }],
      ['a special fund added with a 上年决算数', (d) => {
        delete d.carriedFrom;
        d.basicData.projects.specialFunds.push({ id: 'sf-new', name: '新增专项', previousFinal: '88.00', currentBudget: '10.00', currentFinal: '9.00' });
      }],
    ];
    for (const [what, change] of attempts) {
      const doc = structuredClone(stored);
      change(doc);
      const res = await app.gql(SAVE, { input: { packageId: p.id, baseVersion: p.version, document: doc } }, as('a1.filler'));
      expect([what, errorCode(res)]).toEqual([what, 'VALIDATION_FAILED']);
      expect(res.errors![0]!.message).toContain('上年结转数据不能修改');
    }
    const row = await packageRow(app, p.id);
    expect(row.version).toBe(p.version);
    expect(row.document.basicData.threePublic.reception.previousFinal).toBe(carried);
    // An older client that leaves carriedFrom out but changes nothing carried: saved, and the record is kept.
    const older = structuredClone(stored);
    delete older.carriedFrom;
    older.report.chapters.basicInfo.text = '本单位2025年度基本情况（修订）';
    const answer = (await app.ok<any>(`mutation($input: SavePackageInput!) { savePackage(input: $input) { document package { ${PACKAGE_FIELDS} } } }`, { input: { packageId: p.id, baseVersion: p.version, document: older } }, as('a1.filler'))).savePackage;
    const saved = answer.package;
    expect(saved.document.carriedFrom).toEqual(stored.carriedFrom);
    // The lean answer hands the kept document back, since it is not what the client sent.
    expect(answer.document.carriedFrom).toEqual(stored.carriedFrom);
    expect((await packageRow(app, p.id)).document.carriedFrom).toEqual(stored.carriedFrom);
  });

  it('leaves other bureaus alone: their units have no 2025 package from this campaign', async () => {
    const res = await app.gql(LIST, { c: campaign2025 }, as('b.reviewer'));
    expect(res.data?.packages?.nodes ?? []).toEqual([]);
  });

  it('warns the filler live when a target is set below last year’s actual, and the bureau’s comparison flags it', async () => {
    const p = await package2025(w.units.a1, as('a1.filler'));
    const doc = structuredClone(p.document) as PackageDocument;
    doc.selfEvaluation.indicators.find((r) => r.id === 'ind-1')!.target.value = '25';
    const saved = (await app.ok<any>(SAVE, { input: { packageId: p.id, baseVersion: p.version, document: doc } }, as('a1.filler'))).savePackage.package;
    const warning = saved.checks.find((c: any) => c.code === 'TARGET_BELOW_LAST_YEAR_ACTUAL');
    expect(warning).toMatchObject({ severity: 'warning', explained: false, paths: ['selfEvaluation.indicators[ind-1].target.value', 'selfEvaluation.indicators[ind-1].lastYearActual.value'] });
    expect(warning.messageZh).toContain('低于上年实际完成值30次');
    expect(saved.document.carriedFrom.packageId).toBe(pkg2024);

    const units = (await app.ok<{ targetComparison: any[] }>(COMPARE, { c: campaign2025 }, as('a.reviewer'))).targetComparison;
    const mine = units.find((u) => u.unit.id === w.units.a1);
    expect(mine).toMatchObject({ packageId: p.id, previousPackageId: pkg2024, previousFiscalYear: 2024, flaggedCount: 1 });
    expect(mine.rows.find((r: any) => r.indicatorId === 'ind-1')).toEqual({
      indicatorId: 'ind-1',
      name: '召开招商会议、走访企业和基层商会',
      level1: 'OUTPUT',
      level2: 'QUANTITY',
      operator: 'GE',
      target: '25',
      unit: '次',
      lastYearActual: '30',
      lastYearUnit: '次',
      flagged: true,
    });
    expect(mine.rows.find((r: any) => r.indicatorId === 'ind-6')).toMatchObject({ target: '95', lastYearActual: '90', flagged: false });
    const fresh = units.find((u) => u.unit.id === newUnit);
    expect(fresh).toMatchObject({ previousPackageId: null, flaggedCount: 0 });
  });

  it('shows the comparison to the bureau only', async () => {
    expect(errorCode(await app.gql(COMPARE, { c: campaign2025 }, as('a1.filler')))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(COMPARE, { c: campaign2025 }, as('b.reviewer')))).toBe('NOT_FOUND');
    expect((await app.ok<any>(COMPARE, { c: campaign2025 }, as('a.admin'))).targetComparison.length).toBeGreaterThan(0);
  });

  it('lets the filler reset each carried part, and only the filler of the unit', async () => {
    let p = await package2025(w.units.a1, as('a1.filler'));
    expect(errorCode(await app.gql(RESET, { id: p.id, v: p.version, part: 'PRIOR_YEAR_COLUMN' }, as('a.reviewer')))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(RESET, { id: p.id, v: p.version, part: 'PRIOR_YEAR_COLUMN' }, as('a2.filler')))).toBe('NOT_IN_SCOPE');
    expect(errorCode(await app.gql(RESET, { id: p.id, v: p.version - 1, part: 'PRIOR_YEAR_COLUMN' }, as('a1.filler')))).toBe('VERSION_CONFLICT');

    let r = (await app.ok<any>(RESET, { id: p.id, v: p.version, part: 'PRIOR_YEAR_COLUMN' }, as('a1.filler'))).resetCarriedPart;
    expect(r.version).toBe(p.version + 1);
    expect(r.document.basicData.publicFunds.total.previousFinal).toBeNull();
    expect(r.document.carriedFrom).toMatchObject({ parts: ['INDICATORS', 'BASIC_INFO_CHAPTER'], columns: [] });
    expect(errorCode(await app.gql(RESET, { id: p.id, v: r.version, part: 'PRIOR_YEAR_COLUMN' }, as('a1.filler')))).toBe('VALIDATION_FAILED');

    r = (await app.ok<any>(RESET, { id: p.id, v: r.version, part: 'INDICATORS' }, as('a1.filler'))).resetCarriedPart;
    expect(r.document.selfEvaluation.indicators).toEqual(emptyPackageDocument(LUKOU_2024_TEMPLATE).selfEvaluation.indicators);
    expect(r.checks.some((c: any) => c.code === 'TARGET_BELOW_LAST_YEAR_ACTUAL')).toBe(false);

    r = (await app.ok<any>(RESET, { id: p.id, v: r.version, part: 'BASIC_INFO_CHAPTER' }, as('a1.filler'))).resetCarriedPart;
    expect(r.document.report.chapters.basicInfo.text).toBe('');
    expect(r.document.carriedFrom).toBeUndefined();
    p = (await app.ok<any>(PKG, { id: p.id }, as('a1.filler'))).package;
    expect(p.version).toBe(r.version);
    expect(p.lastEditedBy.id).toBe(w.users['a1.filler']!.id);
  });

  it('carries nothing again when the campaign is opened a second time', async () => {
    const before = await package2025(w.units.a1);
    await app.ok(`mutation($id: ID!) { openCampaign(id: $id) { id } }`, { id: campaign2025 }, as('a.admin'));
    const after = await package2025(w.units.a1);
    expect(after.version).toBe(before.version);
    expect(after.document).toEqual(before.document);
  });
});
