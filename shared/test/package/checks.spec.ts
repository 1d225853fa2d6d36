import { DEFAULT_TEMPLATE, LUKOU_2024_TEMPLATE, SEED_CONTEXT, computeFigures, runChecks, CHECK_CATALOGUE, PROJECT_CHECK_CATALOGUE } from '../../src/package/index.js';
import type { CheckCode, EvaluationTemplate, PackageDocument } from '../../src/package/index.js';
import { cleanSeed, indicator } from './helpers.js';

const ind = (id: string, field: string) => `selfEvaluation.indicators[${id}].${field}`;

function withRules(rules: Partial<EvaluationTemplate['rules']>): EvaluationTemplate {
  return { ...LUKOU_2024_TEMPLATE, rules: { ...LUKOU_2024_TEMPLATE.rules, ...rules } };
}

function edited(edit: (d: PackageDocument) => void): PackageDocument {
  const d = cleanSeed();
  edit(d);
  return d;
}

type Case = [CheckCode, string, (d: PackageDocument) => void, EvaluationTemplate?];

const cases: Case[] = [
  ['REQUIRED_VALUE_MISSING', 'basicData.staffing.authorized', (d) => (d.basicData.staffing.authorized = null)],
  ['REQUIRED_VALUE_MISSING', 'selfEvaluation.budget.annualBudget', (d) => (d.selfEvaluation.budget.annualBudget = null)],
  ['REQUIRED_TEXT_MISSING', 'basicData.austerityMeasures', (d) => (d.basicData.austerityMeasures = ' ')],
  ['REQUIRED_TEXT_MISSING', 'selfEvaluation.goal.expected', (d) => (d.selfEvaluation.goal.expected = '')],
  ['REQUIRED_TEXT_MISSING', ind('ind-1', 'name'), (d) => (indicator(d, 'ind-1').name = '')],
  ['THREE_PUBLIC_OVER_BUDGET', 'basicData.threePublic', (d) => (d.basicData.threePublic.reception.currentFinal = '0.4')],
  ['PUBLIC_FUNDS_ITEM_EXCEEDS_TOTAL', 'basicData.publicFunds.office.currentFinal', (d) => (d.basicData.publicFunds.office.currentFinal = '50')],
  [
    'PUBLIC_FUNDS_ITEMS_EXCEED_TOTAL',
    'basicData.publicFunds.total.previousFinal',
    (d) => {
      d.basicData.publicFunds.office.previousFinal = '20';
      d.basicData.publicFunds.utilitiesTravel.previousFinal = '10';
    },
  ],
  ['PROJECT_SPENDING_MISMATCH', 'basicData.projects', (d) => (d.basicData.projects.businessWork.currentFinal = '12')],
  [
    'BUILDING_AREA_OVER_APPROVED',
    'basicData.buildings[b-1].actualArea',
    (d) => d.basicData.buildings.push({ id: 'b-1', name: '办公楼维修', approvedArea: '100', actualArea: '120', budgetInvestment: '50', actualInvestment: '50' }),
  ],
  [
    'BUILDING_INVESTMENT_OVER_BUDGET',
    'basicData.buildings[b-1].actualInvestment',
    (d) => d.basicData.buildings.push({ id: 'b-1', name: '办公楼维修', approvedArea: '100', actualArea: '100', budgetInvestment: '50', actualInvestment: '60' }),
  ],
  ['EXECUTION_RATE_LOW', 'selfEvaluation.budget.execution', (d) => (d.selfEvaluation.budget.execution = '120')],
  ['EXECUTION_ABOVE_BUDGET', 'selfEvaluation.budget.execution', (d) => (d.selfEvaluation.budget.annualBudget = '140')],
  ['UNSPENT_SHARE_HIGH', 'selfEvaluation.budget.execution', (d) => (d.selfEvaluation.budget.execution = '100')],
  ['INCOME_SPLIT_MISMATCH', 'selfEvaluation.budget.byIncome', (d) => (d.selfEvaluation.budget.byIncome.governmentFund = '10')],
  ['EXPENDITURE_SPLIT_MISMATCH', 'selfEvaluation.budget.byExpenditure', (d) => (d.selfEvaluation.budget.byExpenditure.project = '5')],
  ['INITIAL_BUDGET_FUNCTION_MISMATCH', 'selfEvaluation.budget.initialByFunction', (d) => (d.selfEvaluation.budget.initialByFunction[0]!.amount = '100')],
  ['ECONOMIC_CLASS_MISMATCH', 'selfEvaluation.budget.executionByEconomicClass', (d) => (d.selfEvaluation.budget.executionByEconomicClass.capital = '1')],
  [
    'PUBLIC_FUNDS_NOT_GOODS_AND_SERVICES',
    'basicData.publicFunds.total.currentFinal',
    (d) => (d.basicData.publicFunds.total.currentFinal = '40'),
  ],
  ['WEIGHTS_NOT_100', 'selfEvaluation.indicators', (d) => (indicator(d, 'ind-1').weight = '6')],
  [
    'LEVEL_WEIGHT_MISMATCH',
    ind('ind-1', 'weight'),
    (d) => {
      indicator(d, 'ind-1').weight = '6';
      indicator(d, 'ind-6').weight = '9';
    },
  ],
  ['TARGET_VALUE_MISSING', ind('ind-1', 'target.value'), (d) => (indicator(d, 'ind-1').target.value = null)],
  ['ACTUAL_VALUE_MISSING', ind('ind-1', 'actual.value'), (d) => (indicator(d, 'ind-1').actual.value = null)],
  [
    'QUALITATIVE_BAND_MISSING',
    ind('ind-6', 'actual.band'),
    (d) => {
      const r = indicator(d, 'ind-6');
      r.target = { operator: 'QUALITATIVE', value: null, unit: '', text: '促进“两个健康”发展' };
      r.actual = { value: null, unit: '', text: '部分政策未落地' };
    },
  ],
  ['UNIT_MISMATCH', ind('ind-1', 'actual.unit'), (d) => (indicator(d, 'ind-1').actual.unit = '个')],
  ['RAW_VALUE_MISMATCH', ind('ind-1', 'actual.value'), (d) => (indicator(d, 'ind-1').actual.raw = '31次')],
  ['ACTUAL_NOT_A_POINT_VALUE', ind('ind-8', 'actual.value'), (d) => (indicator(d, 'ind-8').actual.raw = '95%以上')],
  ['ACTUAL_NOT_A_POINT_VALUE', ind('ind-8', 'actual.value'), (d) => (indicator(d, 'ind-8').actual.raw = '93-95%')],
  [
    'PERCENT_OVER_100',
    ind('ind-8', 'actual.value'),
    (d) => {
      indicator(d, 'ind-8').actual = { value: '150', unit: '%', raw: '150%' };
    },
  ],
  ['SCORE_MISSING', ind('ind-1', 'score'), (d) => (indicator(d, 'ind-1').score = null)],
  ['SCORE_OUT_OF_RANGE', ind('ind-1', 'score'), (d) => (indicator(d, 'ind-1').score = '6')],
  ['SCORE_BELOW_SUGGESTION', ind('ind-1', 'score'), (d) => (indicator(d, 'ind-1').score = '4')],
  ['INDICATOR_DEVIATION', ind('ind-1', 'actual.value'), (d) => (indicator(d, 'ind-1').actual = { value: '28', unit: '次', raw: '28次' })],
  [
    'INDICATOR_OVERSHOOT',
    ind('ind-1', 'target.value'),
    (d) => (indicator(d, 'ind-1').actual = { value: '39', unit: '次', raw: '39次' }),
    withRules({ overshootFlagPercent: 30 }),
  ],
  [
    'TOTAL_CAPPED_BY_EXECUTION_RATE',
    'selfEvaluation.budget.execution',
    (d) => (d.selfEvaluation.budget.execution = '110'),
    withRules({ capTotalByExecutionRate: true }),
  ],
  ['HIGH_SCORE_LOW_EXECUTION', 'selfEvaluation.budget.execution', (d) => (d.selfEvaluation.budget.execution = '120')],
  ['TARGET_BELOW_LAST_YEAR_ACTUAL', ind('ind-1', 'target.value'), (d) => (indicator(d, 'ind-1').lastYearActual = { value: '32', unit: '次' })],
  ['GOAL_ACTUAL_VAGUE', 'selfEvaluation.goal.actual', (d) => (d.selfEvaluation.goal.actual = '较好地完成了全年任务')],
  ['REPORT_SECTION_EMPTY', 'report.chapters.problems.text', (d) => (d.report.chapters.problems.text = '\n ')],
  ['REPORT_UNKNOWN_TOKEN', 'report.chapters.performanceGoals.text', (d) => (d.report.chapters.performanceGoals.text += '{{totalSpend}}')],
  [
    'REPORT_FIGURE_NOT_IN_TABLES',
    'report.chapters.performanceGoals.text',
    (d) => (d.report.chapters.performanceGoals.text = '2024年度总支出150.30万元，占预算的99%。'),
  ],
  [
    'STALE_YEAR_LABEL',
    'basicData.buildings[b-1].name',
    (d) => d.basicData.buildings.push({ id: 'b-1', name: '2023年完工项目', approvedArea: null, actualArea: null, budgetInvestment: null, actualInvestment: null }),
  ],
  ['STALE_YEAR_LABEL', 'report.chapters.problems.text', (d) => (d.report.chapters.problems.text = '2019年以来营商环境持续改善。')],
  ['REPORT_FIGURE_CONTRADICTS_TABLES', 'report.chapters.performanceProject.text', (d) => (d.report.chapters.performanceProject.text = '2024年项目支出76.5万元。')],
  ['REPORT_CLAIM_CONTRADICTS_TABLES', 'report.chapters.performanceProject.text', (d) => (d.selfEvaluation.budget.byExpenditure.project = '76.5')],
];

describe('runChecks', () => {
  it.each(cases)('flags %s at %s', (code, path, edit, ...rest) => {
    const template = rest[0];
    const r = runChecks(edited(edit), template ?? LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    const hit = r.find((x) => x.code === code && x.paths[0] === path);
    expect(hit).toBeDefined();
    expect(hit!.severity).toBe(CHECK_CATALOGUE[code][0]);
    expect(hit!.messageZh.length).toBeGreaterThan(4);
    expect(hit!.messageEn.length).toBeGreaterThan(4);
  });

  it('covers every code of the catalogue in these tests or the seed tests', () => {
    const covered = new Set<string>([
      ...cases.map((c) => c[0]),
      'SCORE_ABOVE_SUGGESTION_NO_REASON',
      'SCORE_ABOVE_SUGGESTION',
      'TOTAL_DIFFERS_FROM_SUGGESTION',
      'STAFFING_OVER_QUOTA',
      'PUBLIC_FUNDS_OVER_BUDGET',
      'INDICATOR_LABEL_MISMATCH',
      // Table-driven in checks-budget.spec.ts:
      'QUALITATIVE_SCORE_OUTSIDE_BAND',
      'DEADLINE_UNREADABLE',
      'BUDGET_ADJUSTED_MIDYEAR',
      'BUDGET_ADJUSTMENT_ROW_MISMATCH',
      'PROJECT_TOTAL_WITHOUT_ROWS',
      'OUTPUT_QUANTITY_LE',
      'FULL_MARKS_NO_ANALYSIS',
      'OPERATOR_SPELLING_NORMALIZED',
      // input.spec.ts:
      'INPUT_NOT_A_NUMBER',
      'CONTACT_PHONE_FORMAT',
    ]);
    // The 项目支出绩效自评表's own codes are covered in projects.spec.ts.
    expect(Object.keys(CHECK_CATALOGUE).filter((c) => !covered.has(c) && !(c in PROJECT_CHECK_CATALOGUE))).toEqual([]);
  });

  it('does not flag a literal report figure that equals the tables', () => {
    const d = edited((x) => (x.report.chapters.performanceGoals.text = '2024年度总支出150.31万元，工资福利支出占67.38%。'));
    expect(runChecks(d, LUKOU_2024_TEMPLATE).filter((x) => x.code === 'REPORT_FIGURE_NOT_IN_TABLES')).toEqual([]);
  });

  it('does not flag the notice’s year (fiscal year + 1) in the report', () => {
    const r = runChecks(cleanSeed(), LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    expect(r.filter((x) => x.code === 'STALE_YEAR_LABEL')).toEqual([]);
  });

  it('caps the total by the execution rate when the template rule is on', () => {
    const d = edited((x) => (x.selfEvaluation.budget.execution = '110'));
    const f = computeFigures(d, withRules({ capTotalByExecutionRate: true }));
    expect(f.budget.executionRate).toBe('73.18');
    expect(f.scores.cap).toBe('89');
    expect(Number(f.scores.effectiveTotal)).toBeLessThanOrEqual(89);
    expect(f.scores.grade).toBe('GOOD');
  });

  it('accepts a qualitative score anywhere inside its band', () => {
    const d = edited((x) => {
      const r = indicator(x, 'ind-6');
      r.target = { operator: 'QUALITATIVE', value: null, unit: '', text: '促进“两个健康”发展' };
      r.actual = { value: null, unit: '', text: '部分政策未落地', band: 'PARTIAL' };
      r.score = '7.5';
      r.deviationReason = '';
    });
    const r = runChecks(d, LUKOU_2024_TEMPLATE).filter((x) => x.paths[0]?.startsWith('selfEvaluation.indicators[ind-6]'));
    expect(r.map((x) => x.code)).toEqual(['INDICATOR_DEVIATION']);
  });

  it('folds cost rows into 产出 under the national template, whose weights the seed does not follow', () => {
    const r = runChecks(cleanSeed(), DEFAULT_TEMPLATE);
    const levels = r.filter((x) => x.code === 'LEVEL_WEIGHT_MISMATCH').map((x) => x.messageZh);
    expect(levels).toEqual(['产出指标各行分值之和60，模板规定50分', '效益指标各行分值之和20，模板规定30分']);
  });

  it('gives every result a unique key', () => {
    const d = edited((x) => {
      x.basicData.publicFunds.office.currentFinal = '50';
      x.basicData.publicFunds.office.currentBudget = '50';
    });
    const keys = runChecks(d, LUKOU_2024_TEMPLATE).map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('flags a high score with low execution when 总分/100 runs more than 5 points ahead of 执行率', () => {
    const flagged = (execution: string) => {
      const d = edited((x) => (x.selfEvaluation.budget.execution = execution));
      const f = computeFigures(d, LUKOU_2024_TEMPLATE);
      const gap = Number(f.scores.declaredTotal) - Number(f.budget.executionRateExact);
      const hit = runChecks(d, LUKOU_2024_TEMPLATE).some((x) => x.code === 'HIGH_SCORE_LOW_EXECUTION');
      return { gap, hit };
    };
    // cleanSeed declares 83.54 on the indicators: 总分 = 83.54 + 执行率/10, so the gap passes 5 below 87.27 %.
    expect(flagged('150.31')).toMatchObject({ hit: false });
    expect(flagged('140')).toMatchObject({ hit: false });
    const near = flagged('131.2');
    expect(near.gap).toBeLessThan(5);
    expect(near.hit).toBe(false);
    const over = flagged('131.1');
    expect(over.gap).toBeGreaterThan(5);
    expect(over.hit).toBe(true);
    expect(flagged('120').hit).toBe(true);
    const off = runChecks(edited((x) => (x.selfEvaluation.budget.execution = '120')), withRules({ highScoreLowExecutionPercent: null }));
    expect(off.some((x) => x.code === 'HIGH_SCORE_LOW_EXECUTION')).toBe(false);
  });

  it('flags an unspent share only when it is over the template’s 20 %', () => {
    const unspent = (execution: string) =>
      runChecks(edited((x) => (x.selfEvaluation.budget.execution = execution)), LUKOU_2024_TEMPLATE).some((x) => x.code === 'UNSPENT_SHARE_HIGH');
    expect(unspent('120.248')).toBe(false); // exactly 80 % spent: 20 % unspent is not over 20 %
    expect(unspent('120.24')).toBe(true);
    expect(unspent('150.31')).toBe(false);
  });
});
