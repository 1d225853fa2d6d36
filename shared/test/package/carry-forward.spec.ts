import {
  DEFAULT_TEMPLATE,
  LUKOU_2024_TEMPLATE,
  NA,
  SEED_2024_LUKOU_GSL,
  carriedLockViolations,
  carriedPriorYearPaths,
  carryForwardDocument,
  compareTargets,
  canonicalJson,
  emptyPackageDocument,
  keepCarriedFrom,
  keepsCarriedAsSent,
  parsePackageDocument,
  resetCarriedPart,
  runChecks,
  targetBelowLastYear,
} from '../../src/package/index.js';
import type { CampaignContext, CarryForwardSource, PackageDocument } from '../../src/package/index.js';
import { indicator, seedWith } from './helpers.js';

const CONTEXT_2025: CampaignContext = { fiscalYear: 2025, unitName: '株洲市渌口区工商业联合会', governmentLevel: '区级' };
const source = (document: PackageDocument = structuredClone(SEED_2024_LUKOU_GSL)): CarryForwardSource => ({
  packageId: 'pkg-2024',
  fiscalYear: 2024,
  state: 'PUBLISHED',
  document,
});
const carried = () => carryForwardDocument(source(), LUKOU_2024_TEMPLATE, CONTEXT_2025);

describe('carryForwardDocument', () => {
  it('puts last year’s 本年决算数 into this year’s 上年决算数 and leaves this year’s columns blank', () => {
    const d = carried();
    expect(d.basicData.publicFunds.total).toEqual({ previousFinal: '43.43', currentBudget: null, currentFinal: null });
    expect(d.basicData.publicFunds.office.previousFinal).toBe('22');
    expect(d.basicData.publicFunds.utilitiesTravel.previousFinal).toBe('1.47');
    expect(d.basicData.publicFunds.meetingsTraining.previousFinal).toBe('0.85');
    expect(d.basicData.threePublic.reception).toEqual({ previousFinal: '0.314', currentBudget: null, currentFinal: null });
    // Empty stays empty: "none" is not 0.
    expect(d.basicData.threePublic.overseas.previousFinal).toBeNull();
  });

  it('keeps 上年 as “——” where the form has none (政府采购金额, 预算调整)', () => {
    const d = carried();
    expect(d.basicData.procurement.previousFinal).toBe(NA);
    expect(d.basicData.budgetAdjustment.previousFinal).toBe(NA);
  });

  it('records where the carried parts came from, and which column is locked', () => {
    expect(carried().carriedFrom).toEqual({
      packageId: 'pkg-2024',
      fiscalYear: 2024,
      sourceState: 'PUBLISHED',
      parts: ['PRIOR_YEAR_COLUMN', 'INDICATORS', 'BASIC_INFO_CHAPTER'],
      columns: ['previousFinal'],
    });
  });

  it('copies indicators and targets as a start, clearing actuals, scores and reasons but keeping last year’s actual', () => {
    const d = carried();
    const rows = d.selfEvaluation.indicators;
    expect(rows.map((r) => r.name)).toEqual(SEED_2024_LUKOU_GSL.selfEvaluation.indicators.map((r) => r.name));
    const r6 = indicator(d, 'ind-6');
    expect(r6.target).toEqual({ operator: 'GE', value: '95', unit: '%' });
    expect(r6.actual).toEqual({ value: null, unit: '%' });
    expect(r6.score).toBeNull();
    expect(r6.deviationReason).toBe('');
    expect(r6.weight).toBe('10');
    expect(r6.lastYearActual).toEqual({ value: '90', unit: '%' });
    expect(indicator(d, 'ind-9').lastYearActual).toEqual({ value: '106.88', unit: '万元' });
  });

  it('copies chapter 一 of the report and drafts the rest from the template', () => {
    const d = carried();
    const blank = emptyPackageDocument(LUKOU_2024_TEMPLATE, CONTEXT_2025);
    expect(d.report.chapters.basicInfo.text).toBe(SEED_2024_LUKOU_GSL.report.chapters.basicInfo.text);
    expect(d.report.chapters.problems.text).toBe(blank.report.chapters.problems.text);
    expect(d.report.chapters.generalBudgetBasic.text).toBe(blank.report.chapters.generalBudgetBasic.text);
  });

  it('does not carry staffing, this year’s figures, the goal, buildings or explanations', () => {
    const d = carried();
    expect(d.basicData.staffing).toEqual({ authorized: null, actual: null });
    expect(d.selfEvaluation.budget.execution).toBeNull();
    expect(d.selfEvaluation.goal).toEqual({ expected: '', actual: '' });
    expect(d.explanations).toEqual({});
  });

  it('brings last year’s 专项 back as rows with their 决算 as 上年', () => {
    const prev = seedWith((x) => x.basicData.projects.specialFunds.push({ id: 'sf-1', name: '招商引资专项', previousFinal: null, currentBudget: '5', currentFinal: '4.5' }));
    const d = carryForwardDocument(source(prev), LUKOU_2024_TEMPLATE, CONTEXT_2025);
    expect(d.basicData.projects.specialFunds).toEqual([{ id: 'sf-1', name: '招商引资专项', previousFinal: '4.5', currentBudget: null, currentFinal: null }]);
    expect(carriedPriorYearPaths(d)).toContain('basicData.projects.specialFunds[sf-1].previousFinal');
  });

  it('starts from the template when there is no earlier package', () => {
    const d = carryForwardDocument(null, DEFAULT_TEMPLATE, CONTEXT_2025);
    expect(d).toEqual(emptyPackageDocument(DEFAULT_TEMPLATE, CONTEXT_2025));
    expect(d.carriedFrom).toBeUndefined();
  });

  it('lists only the parts that had something to carry', () => {
    const prev = seedWith((x) => {
      x.selfEvaluation.indicators = [];
      x.report.chapters.basicInfo.text = '  ';
    });
    const d = carryForwardDocument(source(prev), LUKOU_2024_TEMPLATE, CONTEXT_2025);
    expect(d.carriedFrom!.parts).toEqual(['PRIOR_YEAR_COLUMN']);
    expect(d.selfEvaluation.indicators).toEqual(emptyPackageDocument(LUKOU_2024_TEMPLATE, CONTEXT_2025).selfEvaluation.indicators);
  });

  it('produces a document the schema accepts, with no new finding but the blanks', () => {
    const d = carried();
    const parsed = parsePackageDocument(JSON.parse(JSON.stringify(d)));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value).toEqual(d);
    expect(runChecks(d, LUKOU_2024_TEMPLATE, CONTEXT_2025).filter((c) => c.code === 'TARGET_BELOW_LAST_YEAR_ACTUAL')).toEqual([]);
  });
});

describe('the schema and carried documents', () => {
  it('still accepts a document without carriedFrom or lastYearActual', () => {
    expect(parsePackageDocument(structuredClone(SEED_2024_LUKOU_GSL)).ok).toBe(true);
  });

  it('refuses an unknown carried part or column', () => {
    const d = carried() as unknown as { carriedFrom: { parts: string[]; columns: string[] } };
    d.carriedFrom.parts.push('EVERYTHING');
    expect(parsePackageDocument(d).ok).toBe(false);
    const e = carried() as unknown as { carriedFrom: { columns: string[] } };
    e.carriedFrom.columns = ['total'];
    expect(parsePackageDocument(e).ok).toBe(false);
  });

  it('refuses a last-year actual that is not a number', () => {
    const d = carried();
    indicator(d, 'ind-1').lastYearActual = { value: '≥30', unit: '次' };
    const r = parsePackageDocument(d);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('selfEvaluation.indicators[ind-1].lastYearActual.value');
  });
});

describe('resetCarriedPart', () => {
  it('empties the 上年决算数 column and unlocks it', () => {
    const d = resetCarriedPart(carried(), 'PRIOR_YEAR_COLUMN', LUKOU_2024_TEMPLATE, CONTEXT_2025);
    expect(d.basicData.publicFunds.total.previousFinal).toBeNull();
    expect(d.basicData.threePublic.reception.previousFinal).toBeNull();
    expect(d.carriedFrom!.columns).toEqual([]);
    expect(d.carriedFrom!.parts).toEqual(['INDICATORS', 'BASIC_INFO_CHAPTER']);
    expect(carriedLockViolations(d, { ...d, basicData: { ...d.basicData, publicFunds: { ...d.basicData.publicFunds, total: { ...d.basicData.publicFunds.total, previousFinal: '40' } } } })).toEqual([]);
  });

  it('puts the template’s default indicators back and drops explanations of the carried rows', () => {
    const start = carried();
    start.explanations['TARGET_BELOW_LAST_YEAR_ACTUAL@selfEvaluation.indicators[ind-1].target.value'] = '压减会议';
    start.explanations['STAFFING_OVER_QUOTA@basicData.staffing.actual'] = '调入';
    const d = resetCarriedPart(start, 'INDICATORS', LUKOU_2024_TEMPLATE, CONTEXT_2025);
    expect(d.selfEvaluation.indicators).toEqual(emptyPackageDocument(LUKOU_2024_TEMPLATE, CONTEXT_2025).selfEvaluation.indicators);
    expect(Object.keys(d.explanations)).toEqual(['STAFFING_OVER_QUOTA@basicData.staffing.actual']);
    expect(d.carriedFrom!.parts).toEqual(['PRIOR_YEAR_COLUMN', 'BASIC_INFO_CHAPTER']);
  });

  it('empties chapter 一, and drops carriedFrom once nothing carried is left', () => {
    let d = resetCarriedPart(carried(), 'BASIC_INFO_CHAPTER', LUKOU_2024_TEMPLATE, CONTEXT_2025);
    expect(d.report.chapters.basicInfo.text).toBe('');
    d = resetCarriedPart(d, 'INDICATORS', LUKOU_2024_TEMPLATE, CONTEXT_2025);
    d = resetCarriedPart(d, 'PRIOR_YEAR_COLUMN', LUKOU_2024_TEMPLATE, CONTEXT_2025);
    expect(d.carriedFrom).toBeUndefined();
  });

  it('leaves a document alone when the part is not carried, and never changes its input', () => {
    const start = carried();
    const copy = structuredClone(start);
    const once = resetCarriedPart(start, 'BASIC_INFO_CHAPTER', LUKOU_2024_TEMPLATE, CONTEXT_2025);
    expect(start).toEqual(copy);
    expect(resetCarriedPart(once, 'BASIC_INFO_CHAPTER', LUKOU_2024_TEMPLATE, CONTEXT_2025)).toEqual(once);
    const plain = emptyPackageDocument(LUKOU_2024_TEMPLATE, CONTEXT_2025);
    expect(resetCarriedPart(plain, 'INDICATORS', LUKOU_2024_TEMPLATE, CONTEXT_2025)).toEqual(plain);
  });
});

describe('carriedLockViolations', () => {
  it('names a locked 上年 cell the filler changed', () => {
    const before = carried();
    const after = structuredClone(before);
    after.basicData.publicFunds.office.previousFinal = '9';
    after.basicData.publicFunds.office.currentBudget = '13';
    expect(carriedLockViolations(before, after)).toEqual(['basicData.publicFunds.office.previousFinal']);
  });

  it('refuses a carriedFrom made up or altered by the client, but lets an older client drop it', () => {
    const plain = emptyPackageDocument(LUKOU_2024_TEMPLATE, CONTEXT_2025);
    const forged = { ...plain, carriedFrom: carried().carriedFrom! };
    expect(carriedLockViolations(plain, forged)).toEqual(['carriedFrom']);
    const before = carried();
    const altered = structuredClone(before);
    altered.carriedFrom!.columns = [];
    expect(carriedLockViolations(before, altered)).toEqual(['carriedFrom']);
    const dropped = structuredClone(before);
    delete dropped.carriedFrom;
    expect(carriedLockViolations(before, dropped)).toEqual([]);
  });

  it('accepts edits everywhere else', () => {
    const before = carried();
    const after = structuredClone(before);
    after.basicData.publicFunds.total.currentFinal = '40';
    indicator(after, 'ind-1').target.value = '35';
    after.report.chapters.basicInfo.text += '补充。';
    expect(carriedLockViolations(before, after)).toEqual([]);
  });
});

describe('keepsCarriedAsSent', () => {
  it('says whether keepCarriedFrom stores the sent document unchanged, in every combination', () => {
    const plain = emptyPackageDocument(LUKOU_2024_TEMPLATE, CONTEXT_2025);
    const withCarried = carried();
    const dropped = structuredClone(withCarried);
    delete dropped.carriedFrom;
    const altered = structuredClone(withCarried);
    altered.carriedFrom!.columns = [];
    const edited = structuredClone(withCarried);
    edited.report.chapters.basicInfo.text += '补充。';
    const forged = { ...plain, carriedFrom: withCarried.carriedFrom! };
    const cases: [PackageDocument, PackageDocument][] = [
      [plain, plain],
      [plain, forged],
      [withCarried, edited],
      [withCarried, dropped],
      [withCarried, altered],
    ];
    for (const [before, sent] of cases) {
      expect(keepsCarriedAsSent(before, sent)).toBe(canonicalJson(keepCarriedFrom(before, sent)) === canonicalJson(sent));
    }
    expect(cases.map(([b, s]) => keepsCarriedAsSent(b, s))).toEqual([true, false, true, false, false]);
  });
});

describe('targets against last year’s actuals', () => {
  const row = (operator: 'GE' | 'LE' | 'EQ' | 'QUALITATIVE', value: string | null, unit = '次') => ({ target: { operator, value, unit } });

  it.each([
    ['GE below', row('GE', '25'), { value: '30', unit: '次' }, true],
    ['GE equal', row('GE', '30'), { value: '30', unit: '次' }, false],
    ['GE above', row('GE', '35'), { value: '30', unit: '次' }, false],
    ['LE above (a cost allowed to grow)', row('LE', '110', '万元'), { value: '106.88', unit: '万元' }, true],
    ['LE below', row('LE', '100', '万元'), { value: '106.88', unit: '万元' }, false],
    ['EQ', row('EQ', '1'), { value: '2', unit: '次' }, false],
    ['qualitative', row('QUALITATIVE', null, ''), { value: null, unit: '', text: '好' }, false],
    ['different units', row('GE', '25', '%'), { value: '30', unit: '次' }, false],
    ['no last year', row('GE', '25'), undefined, false],
    ['no target yet', row('GE', null), { value: '30', unit: '次' }, false],
  ] as const)('%s → %s', (_name, r, last, expected) => {
    expect(targetBelowLastYear(r, last)).toBe(expected);
  });

  it('warns live when a carried GE target is lowered below last year’s actual, explainable', () => {
    const d = carried();
    indicator(d, 'ind-1').target.value = '25';
    const hit = runChecks(d, LUKOU_2024_TEMPLATE, CONTEXT_2025).filter((c) => c.code === 'TARGET_BELOW_LAST_YEAR_ACTUAL');
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({ severity: 'warning', explained: false, paths: ['selfEvaluation.indicators[ind-1].target.value', 'selfEvaluation.indicators[ind-1].lastYearActual.value'] });
    expect(hit[0]!.messageZh).toContain('低于上年实际完成值30次');
    d.explanations[hit[0]!.key] = '2025年会议压减，按上级精简会议要求调整。';
    expect(runChecks(d, LUKOU_2024_TEMPLATE, CONTEXT_2025).find((c) => c.code === 'TARGET_BELOW_LAST_YEAR_ACTUAL')!.explained).toBe(true);
  });

  it('compares by name and 二级指标 with last year’s document, flagging targets set too low', () => {
    const d = carried();
    indicator(d, 'ind-1').target.value = '25';
    indicator(d, 'ind-10').target.value = '50';
    indicator(d, 'ind-2').name = '新增的会员发展指标';
    const rows = compareTargets(d, SEED_2024_LUKOU_GSL);
    const by = (id: string) => rows.find((r) => r.indicatorId === id)!;
    expect(by('ind-1')).toMatchObject({ name: '召开招商会议、走访企业和基层商会', target: '25', lastYearActual: '30', lastYearUnit: '次', flagged: true });
    expect(by('ind-10')).toMatchObject({ operator: 'LE', target: '50', lastYearActual: '43.43', flagged: true });
    expect(by('ind-2')).toMatchObject({ lastYearActual: null, lastYearUnit: null, flagged: false });
    expect(by('ind-6')).toMatchObject({ target: '95', lastYearActual: '90', flagged: false });
    expect(rows.filter((r) => r.flagged).map((r) => r.indicatorId)).toEqual(['ind-1', 'ind-10']);
  });

  it('falls back to the carried last-year actuals when last year’s document is not given', () => {
    const d = carried();
    indicator(d, 'ind-1').target.value = '25';
    expect(compareTargets(d, null).filter((r) => r.flagged).map((r) => r.indicatorId)).toEqual(['ind-1']);
  });
});
