import {
  DEFAULT_TEMPLATE,
  JINZHAI_2023_CONTEXT,
  JINZHAI_2023_PACKAGE,
  JINZHAI_2023_TEMPLATE,
  TANGHU_2020_CONTEXT,
  TANGHU_2020_PACKAGE,
  TANGHU_2020_TEMPLATE,
  computeFigures,
  parsePackageDocument,
  runChecks,
} from '../../src/package/index.js';
import type { CheckResult, EvaluationTemplate, PackageDocument } from '../../src/package/index.js';

const ind = (id: string, field: string) => `selfEvaluation.indicators[${id}].${field}`;
const at = (results: CheckResult[], code: string, path: string) => results.find((r) => r.code === code && r.paths[0] === path);

describe('P2 金寨县茶谷和美丽乡村建设服务中心 FY2023', () => {
  const doc = JINZHAI_2023_PACKAGE;
  const f = computeFigures(doc, JINZHAI_2023_TEMPLATE);
  const checks = runChecks(doc, JINZHAI_2023_TEMPLATE, JINZHAI_2023_CONTEXT);

  it('parses as a package document', () => {
    expect(parsePackageDocument(doc)).toEqual({ ok: true, value: doc });
  });

  it('computes the execution rate 102.59 % and gives the blank 得分 cell its 10 points', () => {
    expect(f.budget.executionRate).toBe('102.59');
    expect(f.budget.executionPoints).toBe('10.00');
  });

  it('flags the over-execution 338.31 against 329.77 as a warning needing an explanation', () => {
    const r = at(checks, 'EXECUTION_ABOVE_BUDGET', 'selfEvaluation.budget.execution')!;
    expect(r).toMatchObject({ severity: 'warning', explained: false });
    expect(r.messageZh).toContain('全年执行数338.31万元超过全年预算数329.77万元8.54万元（执行率102.59%');
  });

  it('asks whether ≤ was intended on the output count 精品示范村 ≤4', () => {
    expect(at(checks, 'OUTPUT_QUANTITY_LE', ind('jz-1', 'target.operator'))).toMatchObject({ severity: 'warning' });
    expect(checks.filter((r) => r.code === 'OUTPUT_QUANTITY_LE')).toHaveLength(1);
  });

  it('flags 户厕 3061 against ≥2000 (+53 %) as an overshoot, and not 村庄 202 against 200 (+1 %)', () => {
    expect(f.indicators.find((x) => x.id === 'jz-3')!.overshootPercent).toBe('53.05');
    expect(f.indicators.find((x) => x.id === 'jz-2')!.overshootPercent).toBe('1.00');
    const flagged = checks.filter((r) => r.code === 'INDICATOR_OVERSHOOT').map((r) => r.paths[0]);
    expect(flagged).toEqual([ind('jz-3', 'target.value')]);
  });

  it('scores the deadline rows "9月前"/"7月" and "11月前"/"10月" as met', () => {
    for (const id of ['jz-7', 'jz-8']) {
      expect(f.indicators.find((x) => x.id === id)).toMatchObject({ status: 'MET', suggested: '5.00', monthsLate: 0 });
      expect(f.indicators.find((x) => x.id === id)!.rule!.code).toBe('DEADLINE_ZERO');
    }
  });

  it('suggests the declared 60 points for the rows shown', () => {
    expect(f.levels.OUTPUT.rowWeightSum).toBe('60');
    expect(f.levels.OUTPUT.suggestedSum).toBe('60');
    expect(f.levels.OUTPUT.declaredSum).toBe('60');
  });

  it('shows that its weights are not 10/50/30/10: 60 points of 产出 before 成本', () => {
    const r = checks.find((x) => x.code === 'LEVEL_WEIGHT_MISMATCH' && x.messageZh.startsWith('产出指标'))!;
    expect(r.messageZh).toBe('产出指标各行分值之和60，模板规定50分');
    const output60: EvaluationTemplate = { ...JINZHAI_2023_TEMPLATE, weights: { executionRate: '10', output: '60', effect: '20', satisfaction: '10', cost: '0' } };
    expect(runChecks(doc, output60).filter((x) => x.code === 'LEVEL_WEIGHT_MISMATCH' && x.messageZh.startsWith('产出指标'))).toEqual([]);
    expect(DEFAULT_TEMPLATE.weights.output).toBe('50');
  });

  it('raises no mid-year adjustment: 年初 and 全年 are both 329.77', () => {
    expect(checks.filter((x) => x.code === 'BUDGET_ADJUSTED_MIDYEAR')).toEqual([]);
  });
});

describe('P3 塘湖镇人民政府 FY2020', () => {
  const doc = TANGHU_2020_PACKAGE;
  const f = computeFigures(doc, TANGHU_2020_TEMPLATE);
  const checks = runChecks(doc, TANGHU_2020_TEMPLATE, TANGHU_2020_CONTEXT);

  it('parses as a package document', () => {
    expect(parsePackageDocument(doc)).toEqual({ ok: true, value: doc });
  });

  it('sums its weights 20 + (10 + 20 + 10 + 10 + 10 + 20) to 100 and its declared total to 100', () => {
    expect(f.scores.weightTotal).toBe('100');
    expect(f.budget.executionRate).toBe('100.00');
    expect(f.budget.executionPoints).toBe('20.00');
    expect(f.scores.declaredTotal).toBe('100');
    expect(checks.filter((x) => x.code === 'WEIGHTS_NOT_100' || x.code === 'LEVEL_WEIGHT_MISMATCH')).toEqual([]);
  });

  it('reads "≧90%" as ≥ 90 %, as a note', () => {
    const r = at(checks, 'OPERATOR_SPELLING_NORMALIZED', ind('th-6', 'target.operator'))!;
    expect(r.severity).toBe('note');
    expect(r.messageZh).toContain('“≧”按“≥”理解');
    expect(f.indicators.find((x) => x.id === 'th-6')).toMatchObject({ status: 'MET', suggested: '20.00' });
  });

  it('refuses "有效改善" as a qualitative actual: it must be one of the three fixed phrases', () => {
    expect(at(checks, 'QUALITATIVE_BAND_MISSING', ind('th-4', 'actual.band'))).toMatchObject({ severity: 'error' });
    expect(at(checks, 'QUALITATIVE_BAND_MISSING', ind('th-5', 'actual.band'))).toMatchObject({ severity: 'error' });
  });

  it('flags "2天以内" as an actual that is a bound, not a value', () => {
    expect(at(checks, 'ACTUAL_NOT_A_POINT_VALUE', ind('th-3', 'actual.value'))).toMatchObject({ severity: 'error' });
  });

  it('warns about full marks with "无" as both the analysis and the improvements (formalism)', () => {
    expect(at(checks, 'FULL_MARKS_NO_ANALYSIS', 'report.chapters.problems.text')).toMatchObject({ severity: 'warning', explained: false });
  });

  describe('its printed bands 80/50 against the 80/60 of the MOF pmkpi code', () => {
    const partial = (score: string): PackageDocument => {
      const d = structuredClone(doc);
      const r = d.selfEvaluation.indicators.find((x) => x.id === 'th-4')!;
      r.actual = { value: null, unit: '', text: '部分达成年度指标并具有一定效果' };
      r.score = score;
      return d;
    };
    const outside = (d: PackageDocument, t: EvaluationTemplate) => runChecks(d, t).filter((x) => x.code === 'QUALITATIVE_SCORE_OUTSIDE_BAND');
    const pmkpi: EvaluationTemplate = { ...TANGHU_2020_TEMPLATE, rules: { ...TANGHU_2020_TEMPLATE.rules, qualitativeBands: { achievedMin: 80, partialMin: 60 } } };

    it('accepts 5 of 10 for 部分达成 under 80/50 (50 inclusive) and refuses it under 80/60', () => {
      expect(outside(partial('5'), TANGHU_2020_TEMPLATE)).toEqual([]);
      expect(outside(partial('5'), pmkpi)[0]!.messageZh).toContain('（60%–80%，即6–8分，不含8分）');
    });

    it('suggests 6.5 under 80/50 and 7 under 80/60', () => {
      expect(computeFigures(partial('5'), TANGHU_2020_TEMPLATE).indicators.find((x) => x.id === 'th-4')!.suggested).toBe('6.50');
      expect(computeFigures(partial('5'), pmkpi).indicators.find((x) => x.id === 'th-4')!.suggested).toBe('7.00');
    });
  });

  it('scores a reverse row by its printed rule: weight × A/B', () => {
    const d = structuredClone(doc);
    d.selfEvaluation.indicators.find((x) => x.id === 'th-3')!.actual = { value: '3', unit: '天' };
    expect(computeFigures(d, TANGHU_2020_TEMPLATE).indicators.find((x) => x.id === 'th-3')!.suggested).toBe('6.67');
  });
});
