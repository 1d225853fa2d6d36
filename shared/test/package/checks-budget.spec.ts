import { CHECK_CATALOGUE, LUKOU_2024_TEMPLATE, SEED_CONTEXT, runChecks, summarizeChecks } from '../../src/package/index.js';
import type { CheckCode, EvaluationTemplate, PackageDocument, TemplateRules } from '../../src/package/index.js';
import { cleanSeed, indicator } from './helpers.js';

const ind = (id: string, field: string) => `selfEvaluation.indicators[${id}].${field}`;
const withRules = (rules: Partial<TemplateRules>): EvaluationTemplate => ({ ...LUKOU_2024_TEMPLATE, rules: { ...LUKOU_2024_TEMPLATE.rules, ...rules } });
function edited(edit: (d: PackageDocument) => void): PackageDocument {
  const d = cleanSeed();
  edit(d);
  return d;
}
const hits = (d: PackageDocument, code: CheckCode, t: EvaluationTemplate = LUKOU_2024_TEMPLATE) => runChecks(d, t, SEED_CONTEXT).filter((r) => r.code === code);

/** [what, edit, template, code, fires, path of the first hit, text the zh message names]. */
type Case = [string, (d: PackageDocument) => void, EvaluationTemplate | null, CheckCode, boolean, string?, string?];

const cases: Case[] = [
  // 执行数 > 全年预算数 (over-execution): boundaries at 0.01 万元.
  ['execution equal to the budget', (d) => (d.selfEvaluation.budget.execution = '150.31'), null, 'EXECUTION_ABOVE_BUDGET', false],
  ['execution over by 0.01 万元', (d) => (d.selfEvaluation.budget.execution = '150.32'), null, 'EXECUTION_ABOVE_BUDGET', true, 'selfEvaluation.budget.execution', '超过全年预算数150.31万元0.01万元'],
  ['execution under by 0.01 万元', (d) => (d.selfEvaluation.budget.execution = '150.30'), null, 'EXECUTION_ABOVE_BUDGET', false],
  // 全年预算数 ≠ 年初预算数 (mid-year adjustment).
  ['no adjustment', (d) => (d.selfEvaluation.budget.initialBudget = '150.31'), null, 'BUDGET_ADJUSTED_MIDYEAR', false],
  ['an adjustment of 0.01 万元', (d) => (d.selfEvaluation.budget.initialBudget = '150.30'), null, 'BUDGET_ADJUSTED_MIDYEAR', true, 'selfEvaluation.budget.annualBudget', '年中追加0.01万元'],
  ['a cut during the year', (d) => (d.selfEvaluation.budget.initialBudget = '160'), null, 'BUDGET_ADJUSTED_MIDYEAR', true, 'selfEvaluation.budget.annualBudget', '年中调减9.69万元'],
  ['the adjustment row agrees within 0.01 (the seed’s 18.504)', () => {}, null, 'BUDGET_ADJUSTMENT_ROW_MISMATCH', false],
  ['the adjustment row off by more than 0.01', (d) => (d.basicData.budgetAdjustment.currentFinal = '18.52'), null, 'BUDGET_ADJUSTMENT_ROW_MISMATCH', true, 'basicData.budgetAdjustment.currentFinal', '相差0.02万元'],
  ['the adjustment row blank', (d) => (d.basicData.budgetAdjustment = { previousFinal: null, currentBudget: null, currentFinal: null }), null, 'BUDGET_ADJUSTMENT_ROW_MISMATCH', false],
  // The splits against the basis the template names.
  ['income split equal to the budget, basis either', () => {}, null, 'INCOME_SPLIT_MISMATCH', false],
  [
    'income split equal to the execution only, basis budget',
    (d) => {
      d.selfEvaluation.budget.execution = '140';
      d.selfEvaluation.budget.byIncome.generalPublic = '140';
    },
    withRules({ splitBasis: 'ANNUAL_BUDGET' }),
    'INCOME_SPLIT_MISMATCH',
    true,
    'selfEvaluation.budget.byIncome',
    '不等于全年预算数150.31万元，相差10.31万元',
  ],
  [
    'income split equal to the execution, basis execution',
    (d) => {
      d.selfEvaluation.budget.execution = '140';
      d.selfEvaluation.budget.byIncome.generalPublic = '140';
    },
    withRules({ splitBasis: 'EXECUTION' }),
    'INCOME_SPLIT_MISMATCH',
    false,
  ],
  ['expenditure split equal to the budget, basis execution', (d) => (d.selfEvaluation.budget.execution = '150'), withRules({ splitBasis: 'EXECUTION' }), 'EXPENDITURE_SPLIT_MISMATCH', true, 'selfEvaluation.budget.byExpenditure', '不等于全年执行数150万元，相差0.31万元'],
  ['expenditure split off both, basis either', (d) => (d.selfEvaluation.budget.byExpenditure.basic = '150'), null, 'EXPENDITURE_SPLIT_MISMATCH', true, 'selfEvaluation.budget.byExpenditure', '相差0.31万元'],
  // A block total over blank sub-rows.
  ['项目支出 with every row blank', (d) => (d.selfEvaluation.budget.byExpenditure.project = '12'), null, 'PROJECT_TOTAL_WITHOUT_ROWS', true, 'basicData.projects', '项目支出12万元'],
  [
    '项目支出 with a 业务工作经费 row',
    (d) => {
      d.selfEvaluation.budget.byExpenditure.project = '12';
      d.basicData.projects.businessWork.currentFinal = '12';
    },
    null,
    'PROJECT_TOTAL_WITHOUT_ROWS',
    false,
  ],
  ['项目支出 of 0', (d) => (d.selfEvaluation.budget.byExpenditure.project = '0'), null, 'PROJECT_TOTAL_WITHOUT_ROWS', false],
  // ≤ on an output count.
  ['≤ on an output quantity', (d) => (indicator(d, 'ind-1').target.operator = 'LE'), null, 'OUTPUT_QUANTITY_LE', true, ind('ind-1', 'target.operator'), '是否应为“≥”'],
  ['≤ on an output quality row', (d) => (indicator(d, 'ind-3').target.operator = 'LE'), null, 'OUTPUT_QUANTITY_LE', false],
  ['≤ on a cost row', () => {}, null, 'OUTPUT_QUANTITY_LE', false],
  // Spellings are notes.
  ['"≧" in a target', () => {}, null, 'OPERATOR_SPELLING_NORMALIZED', true, ind('ind-6', 'target.operator'), '“≧”按“≥”理解'],
  ['"百分比" as a unit', (d) => (indicator(d, 'ind-6').actual.unit = '百分比'), null, 'OPERATOR_SPELLING_NORMALIZED', true, ind('ind-6', 'actual.value'), '“百分比”按“%”理解'],
  ['"＜" in a target', (d) => (indicator(d, 'ind-9').target.raw = '＜101.01万元'), null, 'OPERATOR_SPELLING_NORMALIZED', true, ind('ind-9', 'target.operator'), '“＜”按“<”理解（比较方式：≤）'],
  ['"≦" in an actual', (d) => (indicator(d, 'ind-9').actual.raw = '≦106.88万元'), null, 'OPERATOR_SPELLING_NORMALIZED', true, ind('ind-9', 'actual.value'), '“≦”按“≤”理解'],
  // Full marks with nothing to improve.
  [
    'full marks and "无" twice',
    (d) => {
      for (const r of d.selfEvaluation.indicators) r.score = r.weight;
      d.report.chapters.problems.text = '无';
      d.report.chapters.improvements.text = '无';
    },
    null,
    'FULL_MARKS_NO_ANALYSIS',
    true,
    'report.chapters.problems.text',
    '满分',
  ],
  [
    'full marks with real improvements',
    (d) => {
      for (const r of d.selfEvaluation.indicators) r.score = r.weight;
      d.report.chapters.problems.text = '无';
    },
    null,
    'FULL_MARKS_NO_ANALYSIS',
    false,
  ],
];

describe('checks for real packages', () => {
  // A rest parameter: jest would take a 7th declared parameter for a done callback.
  it.each(cases)('%s: %s', (...c: Case) => {
    const [, edit, template, code, fires, path, text] = c;
    const found = hits(edited(edit), code, template ?? LUKOU_2024_TEMPLATE);
    if (!fires) {
      expect(found).toEqual([]);
      return;
    }
    expect(found.length).toBeGreaterThan(0);
    const hit = path ? found.find((x) => x.paths[0] === path) : found[0];
    expect(hit).toBeDefined();
    expect(hit!.severity).toBe(CHECK_CATALOGUE[code][0]);
    if (text) expect(hit!.messageZh).toContain(text);
    expect(hit!.messageEn).toMatch(/[a-z]/);
  });

  it('does not let a note block or count as a warning', () => {
    const r = runChecks(cleanSeed(), LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    const notes = r.filter((x) => x.severity === 'note');
    // "≧95%" and "≧90%" in the targets of ind-6 and ind-7.
    expect(notes.map((n) => n.paths[0])).toEqual([ind('ind-6', 'target.operator'), ind('ind-7', 'target.operator')]);
    expect(notes.every((n) => n.explained === undefined)).toBe(true);
    expect(summarizeChecks(r)).toMatchObject({ errors: 0, unexplainedWarnings: 0, canSubmit: true });
  });
});

describe('qualitative scores and their band', () => {
  const qualitativeSeed = (score: string, band: 'ACHIEVED' | 'PARTIAL' | 'NOT_ACHIEVED') =>
    edited((d) => {
      const r = indicator(d, 'ind-6');
      r.target = { operator: 'QUALITATIVE', value: null, unit: '', text: '有效促进' };
      r.actual = { value: null, unit: '', band };
      r.score = score;
    });
  it.each<[string, 'ACHIEVED' | 'PARTIAL' | 'NOT_ACHIEVED', number, boolean]>([
    ['8', 'ACHIEVED', 60, false], // lower edge of 达成, inclusive
    ['7.99', 'ACHIEVED', 60, true],
    ['10', 'ACHIEVED', 60, false],
    ['8', 'PARTIAL', 60, true], // 80 % belongs to 达成
    ['7.99', 'PARTIAL', 60, false],
    ['6', 'PARTIAL', 60, false], // lower edge inclusive
    ['5.99', 'PARTIAL', 60, true],
    ['5', 'PARTIAL', 50, false], // 80/50: 50 % inclusive
    ['4.99', 'PARTIAL', 50, true],
    ['6', 'NOT_ACHIEVED', 60, true],
    ['5.99', 'NOT_ACHIEVED', 60, false],
    ['5', 'NOT_ACHIEVED', 50, true],
    ['0', 'NOT_ACHIEVED', 50, false],
  ])('score %s in band %s (bounds 80/%i): error %s', (score, band, partialMin, error) => {
    const t = withRules({ qualitativeBands: { achievedMin: 80, partialMin } });
    const found = hits(qualitativeSeed(score, band), 'QUALITATIVE_SCORE_OUTSIDE_BAND', t);
    expect(found.length).toBe(error ? 1 : 0);
    if (error) {
      expect(found[0]!.severity).toBe('error');
      expect(found[0]!.paths[0]).toBe(ind('ind-6', 'score'));
      expect(found[0]!.messageZh).toMatch(/档（\d+%–\d+%，即/);
    }
  });

  it('names the band in the message', () => {
    const t = withRules({ qualitativeBands: { achievedMin: 80, partialMin: 50 } });
    expect(hits(qualitativeSeed('9', 'PARTIAL'), 'QUALITATIVE_SCORE_OUTSIDE_BAND', t)[0]!.messageZh).toBe(
      '指标「促进“两个健康”发展；」 › 得分9：完成档次为「部分达成年度指标并具有一定效果」档（50%–80%，即5–8分，不含8分），得分须在该区间内',
    );
  });
});

describe('deadline rows', () => {
  const deadlineSeed = (target: { value?: string | null; text?: string }, actual: { value?: string | null; text?: string }) =>
    edited((d) => {
      const r = indicator(d, 'ind-5');
      r.target = { operator: 'BY', value: target.value ?? null, unit: '月', ...(target.text ? { text: target.text } : {}) };
      r.actual = { value: actual.value ?? null, unit: '月', ...(actual.text ? { text: actual.text } : {}) };
    });
  it('accepts 7月 for 9月前 without any finding', () => {
    const r = runChecks(deadlineSeed({ value: '9' }, { value: '7' }), LUKOU_2024_TEMPLATE, SEED_CONTEXT).filter((x) => x.paths.some((p) => p.startsWith(ind('ind-5', ''))));
    expect(r).toEqual([]);
  });
  it('asks for a reason when late and says by how much', () => {
    const d = deadlineSeed({ value: '9' }, { value: '11' });
    const dev = hits(d, 'INDICATOR_DEVIATION').find((x) => x.paths[0] === ind('ind-5', 'actual.value'))!;
    expect(dev.messageZh).toContain('晚于期限9月前（逾期2个月）');
    expect(hits(d, 'SCORE_ABOVE_SUGGESTION_NO_REASON').map((x) => x.paths[0])).toContain(ind('ind-5', 'score'));
  });
  it.each<[string, { value?: string | null; text?: string }, { value?: string | null; text?: string }, string]>([
    ['an unreadable deadline', { text: '尽快' }, { value: '7' }, ind('ind-5', 'target.value')],
    ['an unreadable completion', { value: '9' }, { text: '已完成' }, ind('ind-5', 'actual.value')],
  ])('flags %s', (_what, t, a, path) => {
    const found = hits(deadlineSeed(t, a), 'DEADLINE_UNREADABLE');
    expect(found.map((x) => x.paths[0])).toEqual([path]);
    expect(found[0]!.severity).toBe('error');
  });
  it('asks for the deadline when nothing is typed', () => {
    expect(hits(deadlineSeed({}, { value: '7' }), 'TARGET_VALUE_MISSING').map((x) => x.paths[0])).toEqual([ind('ind-5', 'target.value')]);
  });
});

describe('overshoot: a warning, or a deduction instead', () => {
  const overshot = () =>
    edited((x) => {
      indicator(x, 'ind-1').actual = { value: '40', unit: '次', raw: '40次' }; // +33.33 % over ≥30
    });
  it('warns under the warning rule', () => {
    const w = hits(overshot(), 'INDICATOR_OVERSHOOT', withRules({ overshootFlagPercent: 30 }))[0]!;
    expect(w.messageZh).toContain('超过指标值33.33%（达到30%）');
  });
  it('deducts instead under the deduction rule, and a full score then needs its reason', () => {
    const t = withRules({ overshootFlagPercent: 30, overshootDeductionPoints: 1 });
    const d = overshot();
    expect(hits(d, 'INDICATOR_OVERSHOOT', t)).toEqual([]);
    const e = hits(d, 'SCORE_ABOVE_SUGGESTION_NO_REASON', t).find((x) => x.paths[0] === ind('ind-1', 'score'))!;
    expect(e.messageZh).toContain('得分5高于系统建议分4（超过指标值33.33%，按模板规则扣1分）');
  });
});
