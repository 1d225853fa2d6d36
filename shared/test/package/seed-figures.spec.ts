import {
  LUKOU_2024_TEMPLATE,
  SEED_2024_LUKOU_GSL,
  computeFigures,
  parsePackageDocument,
  suggestIndicatorScore,
} from '../../src/package/index.js';

const seed = SEED_2024_LUKOU_GSL;
const figures = computeFigures(seed, LUKOU_2024_TEMPLATE);

describe('the 2024 渌口区工商联 seed package', () => {
  it('parses as a package document', () => {
    const r = parsePackageDocument(seed);
    expect(r).toEqual({ ok: true, value: seed });
  });

  it('computes the staffing control rate 7 ÷ 5 as 140 %', () => {
    expect(figures.staffing.controlRate).toBe('140.00');
  });

  it('computes the 三公 totals 0.32 / 0.315 / 0.314 from the parts', () => {
    expect(figures.threePublic.total).toEqual({ previousFinal: '0.32', currentBudget: '0.315', currentFinal: '0.314' });
  });

  it('leaves the 公务用车 subtotal empty when both parts are empty', () => {
    expect(figures.threePublic.vehicle).toEqual({ previousFinal: null, currentBudget: null, currentFinal: null });
  });

  it('leaves the project total empty: the unit has no project spending', () => {
    expect(figures.projects.total.currentFinal).toBeNull();
  });

  it('computes 公用经费 决算 ÷ 预算 as 141 %', () => {
    expect(figures.publicFunds.finalToBudgetRate).toBe('141.02');
  });

  it('computes the shares by economic class 67.38 / 28.89 / 3.73 %', () => {
    expect(figures.budget.shares).toEqual({ wages: '67.38', goodsAndServices: '28.89', householdSubsidies: '3.73', capital: null });
  });

  it('computes the execution rate 100 % and its 10 points', () => {
    expect(figures.budget.executionRate).toBe('100.00');
    expect(figures.budget.executionPoints).toBe('10.00');
  });

  it('computes the declared total 97 and the suggested total 95.14', () => {
    expect(figures.scores.declaredTotal).toBe('97');
    expect(figures.scores.suggestedTotal).toBe('95.14');
    expect(figures.scores.weightTotal).toBe('100');
    expect(figures.scores.grade).toBe('EXCELLENT');
  });

  it('sums the split and the classes to the tables’ totals', () => {
    expect(figures.budget.initialByFunctionTotal).toBe('131.81');
    expect(figures.budget.economicClassTotal).toBe('150.31');
    expect(figures.budget.incomeSplitTotal).toBe('150.31');
    expect(figures.budget.expenditureSplitTotal).toBe('150.31');
  });

  it.each([
    ['ind-1', '召开招商会议、走访企业和基层商会', '5.00'],
    ['ind-2', '工商联会员管理', '5.00'],
    ['ind-3', '做好非公经济人士参政议政、建言献策', '10.00'],
    ['ind-4', '做好会员企业的服务工作', '10.00'],
    ['ind-5', '年内完成各项工作', '10.00'],
    ['ind-6', '社会效益 90 ÷ 95 × 10', '9.47'],
    ['ind-7', '可持续 85 ÷ 90 × 10', '9.44'],
    ['ind-8', '满意度 95 ÷ 98 × 10', '9.69'],
    ['ind-9', '人员保障 101.01 ÷ 106.88 × 10 (reverse rule)', '9.45'],
    ['ind-10', '办公经费 30.8 ÷ 43.43 × 10 (reverse rule)', '7.09'],
  ])('suggests %s (%s) = %s', (id, _label, expected) => {
    const row = seed.selfEvaluation.indicators.find((r) => r.id === id)!;
    expect(suggestIndicatorScore(row).suggested).toBe(expected);
    expect(figures.indicators.find((f) => f.id === id)!.suggested).toBe(expected);
  });

  it('sums each level: 产出 40, 效益 18.91, 满意度 9.69, 成本 16.54', () => {
    expect(figures.levels.OUTPUT.suggestedSum).toBe('40');
    expect(figures.levels.EFFECT.suggestedSum).toBe('18.91');
    expect(figures.levels.SATISFACTION.suggestedSum).toBe('9.69');
    expect(figures.levels.COST.suggestedSum).toBe('16.54');
  });
});
