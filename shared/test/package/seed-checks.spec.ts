import {
  LUKOU_2024_TEMPLATE,
  SEED_2024_LUKOU_GSL,
  SEED_CONTEXT,
  runChecks,
  summarizeChecks,
} from '../../src/package/index.js';
import type { CheckResult } from '../../src/package/index.js';
import { cleanSeed, seedWith } from './helpers.js';

const results = runChecks(SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE, SEED_CONTEXT);
const find = (code: string, path: string): CheckResult | undefined => results.find((r) => r.code === code && r.paths[0] === path);
const ind = (id: string, field: string) => `selfEvaluation.indicators[${id}].${field}`;

describe('checks on the seed package', () => {
  it.each([
    ['SCORE_ABOVE_SUGGESTION_NO_REASON', ind('ind-9', 'score'), 'error', '人员保障 overran 101.01 → 106.88 yet scored 10'],
    ['SCORE_ABOVE_SUGGESTION_NO_REASON', ind('ind-10', 'score'), 'error', '办公经费 overran 30.8 → 43.43 yet scored 10'],
    ['INDICATOR_DEVIATION', ind('ind-9', 'actual.value'), 'warning', '人员保障 overrun has no reason'],
    ['INDICATOR_DEVIATION', ind('ind-10', 'actual.value'), 'warning', '办公经费 overrun has no reason'],
    ['ACTUAL_NOT_A_POINT_VALUE', ind('ind-7', 'actual.value'), 'error', '可持续 actual written as "≧85%"'],
    ['TOTAL_DIFFERS_FROM_SUGGESTION', 'selfEvaluation.indicators', 'warning', 'declared 97 vs suggested 95.14'],
    ['STAFFING_OVER_QUOTA', 'basicData.staffing.actual', 'warning', '7 staff for 5 posts, 140 %'],
    ['PUBLIC_FUNDS_OVER_BUDGET', 'basicData.publicFunds.total.currentFinal', 'warning', '公用经费 43.43 against 30.798, 141 %'],
    ['INDICATOR_LABEL_MISMATCH', ind('ind-10', 'name'), 'warning', '"办公经费" carries the 公用经费 figures'],
    ['GOAL_ACTUAL_VAGUE', 'selfEvaluation.goal.actual', 'warning', '"完成情况好"'],
    ['REPORT_SECTION_EMPTY', 'report.chapters.other.text', 'error', '十 其他需要说明的情况 has no text'],
  ])('flags %s at %s (%s): %s', (code, path, severity) => {
    const r = find(code, path);
    expect(r).toBeDefined();
    expect(r!.severity).toBe(severity);
    expect(r!.key).toBe(`${code}@${path}`);
    expect(r!.messageZh).toMatch(/[\u4e00-\u9fa5]/);
    if (severity === 'warning') expect(r!.explained).toBe(false);
  });

  it('points the label mismatch at the data table’s 办公经费 too', () => {
    const r = find('INDICATOR_LABEL_MISMATCH', ind('ind-10', 'name'))!;
    expect(r.paths).toEqual([ind('ind-10', 'name'), 'basicData.publicFunds.office.currentFinal']);
    expect(r.messageZh).toContain('公用经费');
  });

  it('states both totals in the total warning', () => {
    expect(find('TOTAL_DIFFERS_FROM_SUGGESTION', 'selfEvaluation.indicators')!.messageZh).toBe('自评总分97分，按评分规则计算为95.14分');
  });

  it.each(['ind-6', 'ind-7', 'ind-8'])('accepts the below-suggestion override of %s: it has a written reason', (id) => {
    const forRow = results.filter((r) => r.paths.some((p) => p.startsWith(`selfEvaluation.indicators[${id}]`)));
    const below = forRow.find((r) => r.code === 'SCORE_BELOW_SUGGESTION');
    expect(below).toMatchObject({ severity: 'warning', explained: true });
    expect(forRow.filter((r) => r.code.startsWith('SCORE') && r.severity === 'error')).toEqual([]);
    expect(forRow.find((r) => r.code === 'INDICATOR_DEVIATION')).toMatchObject({ explained: true });
  });

  it('reports exactly the seed’s problems and nothing else', () => {
    expect(results.map((r) => r.key).sort()).toEqual(
      [
        'STAFFING_OVER_QUOTA@basicData.staffing.actual',
        'PUBLIC_FUNDS_OVER_BUDGET@basicData.publicFunds.total.currentFinal',
        `SCORE_BELOW_SUGGESTION@${ind('ind-6', 'score')}`,
        `INDICATOR_DEVIATION@${ind('ind-6', 'actual.value')}`,
        `ACTUAL_NOT_A_POINT_VALUE@${ind('ind-7', 'actual.value')}`,
        `SCORE_BELOW_SUGGESTION@${ind('ind-7', 'score')}`,
        `INDICATOR_DEVIATION@${ind('ind-7', 'actual.value')}`,
        `SCORE_BELOW_SUGGESTION@${ind('ind-8', 'score')}`,
        `INDICATOR_DEVIATION@${ind('ind-8', 'actual.value')}`,
        `SCORE_ABOVE_SUGGESTION_NO_REASON@${ind('ind-9', 'score')}`,
        `INDICATOR_DEVIATION@${ind('ind-9', 'actual.value')}`,
        `SCORE_ABOVE_SUGGESTION_NO_REASON@${ind('ind-10', 'score')}`,
        `INDICATOR_DEVIATION@${ind('ind-10', 'actual.value')}`,
        `INDICATOR_LABEL_MISMATCH@${ind('ind-10', 'name')}`,
        'TOTAL_DIFFERS_FROM_SUGGESTION@selfEvaluation.indicators',
        'GOAL_ACTUAL_VAGUE@selfEvaluation.goal.actual',
        'REPORT_SECTION_EMPTY@report.chapters.other.text',
        // 全年 150.31 against 年初 131.81: the 18.5 万元 added during the year is explained nowhere.
        'BUDGET_ADJUSTED_MIDYEAR@selfEvaluation.budget.annualBudget',
        // Notes only: "≧" read as "≥" (known problem 3).
        `OPERATOR_SPELLING_NORMALIZED@${ind('ind-6', 'target.operator')}`,
        `OPERATOR_SPELLING_NORMALIZED@${ind('ind-7', 'target.operator')}`,
        `OPERATOR_SPELLING_NORMALIZED@${ind('ind-7', 'actual.value')}`,
      ].sort(),
    );
  });

  it('blocks submission of the seed as published', () => {
    expect(summarizeChecks(results)).toEqual({ errors: 4, warnings: 14, unexplainedWarnings: 8, canSubmit: false });
  });

  it('lets the unit keep 97 when every override has a written reason', () => {
    const doc = cleanSeed();
    doc.selfEvaluation.indicators.find((r) => r.id === 'ind-9')!.score = '10';
    doc.selfEvaluation.indicators.find((r) => r.id === 'ind-10')!.score = '10';
    const r = runChecks(doc, LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    expect(r.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.find((x) => x.code === 'SCORE_ABOVE_SUGGESTION')).toMatchObject({ explained: true });
    expect(r.find((x) => x.code === 'TOTAL_DIFFERS_FROM_SUGGESTION')).toMatchObject({ explained: true });
    expect(summarizeChecks(r).canSubmit).toBe(true);
  });

  it('passes the seed once its problems are fixed and explained', () => {
    const r = runChecks(cleanSeed(), LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    // Notes (how "≧" was read) need no explanation.
    expect(r.filter((x) => x.severity === 'error' || (x.severity === 'warning' && !x.explained))).toEqual([]);
    expect(summarizeChecks(r).canSubmit).toBe(true);
  });
});

describe('explanations', () => {
  it('marks a warning explained when its key has a non-blank explanation', () => {
    const key = 'STAFFING_OVER_QUOTA@basicData.staffing.actual';
    const doc = seedWith((d) => {
      d.explanations[key] = '2024年调入2人，编制调整在办理中。';
    });
    const r = runChecks(doc, LUKOU_2024_TEMPLATE, SEED_CONTEXT).find((x) => x.key === key);
    expect(r).toMatchObject({ severity: 'warning', explained: true });
  });

  it('does not count a blank explanation', () => {
    const key = 'GOAL_ACTUAL_VAGUE@selfEvaluation.goal.actual';
    const doc = seedWith((d) => {
      d.explanations[key] = '   ';
    });
    expect(runChecks(doc, LUKOU_2024_TEMPLATE).find((x) => x.key === key)?.explained).toBe(false);
  });

  it('cannot explain an error away', () => {
    const key = `ACTUAL_NOT_A_POINT_VALUE@${ind('ind-7', 'actual.value')}`;
    const doc = seedWith((d) => {
      d.explanations[key] = '原表如此';
    });
    const r = runChecks(doc, LUKOU_2024_TEMPLATE).find((x) => x.key === key)!;
    expect(r.severity).toBe('error');
    expect(r.explained).toBeUndefined();
  });
});
