import {
  DEFAULT_TEMPLATE,
  LUKOU_2024_TEMPLATE,
  NATIONAL_MODULE_TEMPLATE,
  SEED_2024_LUKOU_GSL,
  TANGHU_2020_TEMPLATE,
  TEMPLATE_PRESETS,
  computeFigures,
  describeRule,
  emptyIndicator,
  monthsLate,
  parseDeadlineText,
  suggestIndicatorScore,
  validateTemplate,
} from '../../src/package/index.js';
import type { EvaluationTemplate, IndicatorRow, Operator, QualitativeBand, TemplateRules } from '../../src/package/index.js';

function row(operator: Operator, target: string | null, actual: string | null, weight = '10', unit = '%'): IndicatorRow {
  const r = emptyIndicator('r-1', 'OUTPUT', 'QUANTITY', weight);
  r.target = { operator, value: target, unit };
  r.actual = { value: actual, unit };
  return r;
}
const linear: Partial<TemplateRules> = { reverseRule: 'LINEAR_DEDUCTION' };
const withRules = (rules: Partial<TemplateRules>): EvaluationTemplate => ({ ...LUKOU_2024_TEMPLATE, rules: { ...LUKOU_2024_TEMPLATE.rules, ...rules } });

describe('the reverse (≤, cost) rule', () => {
  it.each<[string, string, string, string, string]>([
    // target, actual, RATIO, LINEAR_DEDUCTION, what
    ['100', '80', '10.00', '10.00', 'under the ceiling'],
    ['100', '100', '10.00', '10.00', 'exactly the target'],
    ['100', '100.01', '10.00', '10.00', 'a hair over: both round to full'],
    ['100', '110', '9.09', '9.00', '10 % over'],
    ['100', '150', '6.67', '5.00', 'half-way to twice the target'],
    ['100', '199.99', '5.00', '0.00', 'just under twice the target'],
    ['100', '200', '5.00', '0.00', 'exactly twice the target'],
    ['100', '350', '2.86', '0.00', 'beyond twice the target'],
    ['0', '0', '10.00', '10.00', 'a zero ceiling kept'],
    ['0', '5', '0.00', '0.00', 'any spending against a zero ceiling'],
    ['101.01', '106.88', '9.45', '9.42', 'the seed’s 人员保障'],
    ['30.8', '43.43', '7.09', '5.90', 'the seed’s 办公经费'],
  ])('≤%s, actual %s → ratio %s, linear %s (%s)', (t, a, ratio, lin) => {
    expect(suggestIndicatorScore(row('LE', t, a, '10', '万元')).suggested).toBe(ratio);
    expect(suggestIndicatorScore(row('LE', t, a, '10', '万元'), linear).suggested).toBe(lin);
    expect(suggestIndicatorScore(row('LE', t, a, '10', '万元'), { reverseRule: 'RATIO' }).suggested).toBe(ratio);
  });

  it('pins the seed at 95.14 by ratio and 93.92 by linear deduction', () => {
    expect(computeFigures(SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE).scores.suggestedTotal).toBe('95.14');
    const f = computeFigures(SEED_2024_LUKOU_GSL, withRules(linear));
    expect(f.scores.suggestedTotal).toBe('93.92');
    expect(f.indicators.find((x) => x.id === 'ind-9')!.suggested).toBe('9.42');
    expect(f.indicators.find((x) => x.id === 'ind-10')!.suggested).toBe('5.90');
    expect(f.scores.declaredTotal).toBe('97');
  });
});

describe('the "=" rule', () => {
  it.each<[string, string, Partial<TemplateRules>, string, string]>([
    ['0', '0', {}, '10.00', 'target 0 met'],
    ['0', '-1', {}, '10.00', 'target 0: below 0 is met'],
    ['0', '0.01', {}, '0.00', 'target 0: anything above is 0'],
    ['0', '3', { equalRule: 'AS_GE' }, '0.00', 'target 0 ignores AS_GE'],
    ['100', '100', {}, '10.00', 'exactly the target'],
    ['100', '90', {}, '9.00', 'deviation below'],
    ['100', '110', {}, '9.00', 'deviation above'],
    ['100', '200', {}, '0.00', 'deviation of 100 %'],
    ['100', '90', { equalRule: 'AS_GE' }, '9.00', 'like ≥: below'],
    ['100', '110', { equalRule: 'AS_GE' }, '10.00', 'like ≥: above is met'],
    ['100', '100', { equalRule: 'AS_GE' }, '10.00', 'like ≥: exactly'],
  ])('=%s, actual %s %j → %s (%s)', (t, a, rules, expected) => {
    expect(suggestIndicatorScore(row('EQ', t, a), rules).suggested).toBe(expected);
  });
});

describe('qualitative bands', () => {
  const q = (band: QualitativeBand | null, text?: string) => {
    const r = row('QUALITATIVE', null, null);
    r.target.text = '有效改善';
    r.actual = { value: null, unit: '', band, ...(text ? { text } : {}) };
    return r;
  };
  it.each<[QualitativeBand, number, number, string, string, string]>([
    ['ACHIEVED', 80, 60, '10.00', '8.00', '10.00'],
    ['PARTIAL', 80, 60, '7.00', '6.00', '8.00'],
    ['NOT_ACHIEVED', 80, 60, '3.00', '0.00', '6.00'],
    ['ACHIEVED', 80, 50, '10.00', '8.00', '10.00'],
    ['PARTIAL', 80, 50, '6.50', '5.00', '8.00'],
    ['NOT_ACHIEVED', 80, 50, '2.50', '0.00', '5.00'],
  ])('%s with bands %i/%i: suggested %s, band %s–%s', (band, achievedMin, partialMin, suggested, lo, hi) => {
    const s = suggestIndicatorScore(q(band), { qualitativeBands: { achievedMin, partialMin } });
    expect(s).toMatchObject({ suggested, acceptedMin: lo, acceptedMax: hi });
    expect(s.rule!.zh).toContain(`定性·${achievedMin}/${partialMin}·`);
  });

  it.each<[string, QualitativeBand]>([
    ['达成年度指标', 'ACHIEVED'],
    ['部分达成年度指标并具有一定效果', 'PARTIAL'],
    ['未达成年度指标且效果较差', 'NOT_ACHIEVED'],
  ])('reads the fixed phrase "%s" as %s when no band is chosen', (text, band) => {
    expect(suggestIndicatorScore(q(null, text)).band?.band).toBe(band);
  });

  it('does not score a free text that is none of the three phrases', () => {
    expect(suggestIndicatorScore(q(null, '效果很好')).notScorable).toBe('NO_BAND');
  });
});

describe('deadline (时限) targets', () => {
  const by = (target: { value?: string | null; text?: string; unit?: string }, actual: { value?: string | null; text?: string; unit?: string }) => {
    const r = row('BY', null, null, '5', '月');
    r.target = { operator: 'BY', value: target.value ?? null, unit: target.unit ?? '月', ...(target.text ? { text: target.text } : {}) };
    r.actual = { value: actual.value ?? null, unit: actual.unit ?? '月', ...(actual.text ? { text: actual.text } : {}) };
    return r;
  };
  it.each<[string, { value?: string; text?: string }, { value?: string; text?: string }, number | null, string, string]>([
    ['7月 for 9月前', { value: '9' }, { value: '7' }, null, '5.00', 'MET'],
    ['9月 for 9月前 (exactly)', { value: '9' }, { value: '9' }, null, '5.00', 'MET'],
    ['10月 for 9月前', { value: '9' }, { value: '10' }, null, '0.00', 'MISSED'],
    ['10月 for 9月前, 1 point a month', { value: '9' }, { value: '10' }, 1, '4.00', 'MISSED'],
    ['12月 for 9月前, 2 points a month', { value: '9' }, { value: '12' }, 2, '0.00', 'MISSED'],
    ['12月 for 年底前', { text: '年底前' }, { value: '12' }, null, '5.00', 'MET'],
    ['a date before its deadline date', { text: '2023年9月30日前' }, { text: '2023-09-30' }, null, '5.00', 'MET'],
    ['a day late', { text: '2023-09-30' }, { text: '2023年10月1日' }, 1, '4.00', 'MISSED'],
    ['a year late', { text: '2023-09-30' }, { text: '2024-09-15' }, 0.25, '2.00', 'MISSED'],
  ])('%s', (_what, t, a, perMonth, suggested, status) => {
    const s = suggestIndicatorScore(by(t, a), { deadlineLatePointsPerMonth: perMonth });
    expect(s).toMatchObject({ suggested, status });
    expect(s.rule!.code).toBe(perMonth === null ? 'DEADLINE_ZERO' : 'DEADLINE_PER_MONTH');
  });

  it.each<[string, ReturnType<typeof parseDeadlineText>]>([
    ['9月前', { month: 9 }],
    ['11月底前', { month: 11 }],
    ['年底前', { month: 12 }],
    ['七月', { month: 7 }],
    ['12月31日前', { month: 12, day: 31 }],
    ['2023年9月30日前', { year: 2023, month: 9, day: 30 }],
    ['2023-09', { year: 2023, month: 9 }],
    ['13月前', null],
    ['尽快', null],
  ])('reads "%s"', (text, expected) => {
    expect(parseDeadlineText(text)).toEqual(expected);
  });

  it('counts months late', () => {
    expect(monthsLate({ month: 9 }, { month: 9, day: 30 })).toBe(0);
    expect(monthsLate({ month: 9, day: 15 }, { month: 9, day: 16 })).toBe(1);
    expect(monthsLate({ year: 2023, month: 11 }, { year: 2024, month: 1 })).toBe(2);
  });

  it('does not score a deadline it cannot read', () => {
    expect(suggestIndicatorScore(by({ text: '尽快' }, { value: '7' })).notScorable).toBe('NO_TARGET');
    expect(suggestIndicatorScore(by({ value: '9' }, { text: '已完成' })).notScorable).toBe('NO_ACTUAL');
  });
});

describe('overshoot', () => {
  it.each<[string, number | null, number | null, string, string | null]>([
    ['2600', 30, 2, '8.00', '30.00'], // exactly 30 % over: deducted
    ['2599.8', 30, 2, '10.00', '29.99'], // just under
    ['3061', 30, 2, '8.00', '53.05'], // 户厕 3061 against 2000
    ['3061', 30, null, '10.00', '53.05'], // warning only (today)
    ['3061', null, 2, '10.00', '53.05'], // no threshold: nothing
  ])('≥2000, actual %s, threshold %s %%, deduction %s → %s', (actual, flag, deduction, suggested, pct) => {
    const s = suggestIndicatorScore(row('GE', '2000', actual, '10', '户'), { overshootFlagPercent: flag, overshootDeductionPoints: deduction });
    expect(s.suggested).toBe(suggested);
    expect(s.overshootPercent).toBe(pct);
  });
});

describe('the execution-rate cap on the suggested total', () => {
  it('caps the suggested total as well as the declared one', () => {
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    doc.selfEvaluation.budget.execution = '112.73'; // 75 %
    const f = computeFigures(doc, withRules({ capTotalByExecutionRate: true }));
    expect(f.scores.cap).toBe('89');
    expect(f.scores.suggestedTotal).toBe('92.64');
    expect(f.scores.suggestedEffectiveTotal).toBe('89');
    expect(f.scores.effectiveTotal).toBe('89');
    const off = computeFigures(doc, LUKOU_2024_TEMPLATE);
    expect(off.scores.suggestedEffectiveTotal).toBe(off.scores.suggestedTotal);
  });
});

describe('rule descriptions', () => {
  it.each<[Operator, string | null, Partial<TemplateRules>, string, string]>([
    ['LE', '100', {}, '反向指标·按比例', 'reverse · proportional'],
    ['LE', '100', linear, '反向指标·线性扣分', 'reverse · linear deduction'],
    ['GE', '100', {}, '正向指标·按比例', 'positive · proportional'],
    ['GE', '100', { overshootFlagPercent: 30, overshootDeductionPoints: 2 }, '正向指标·按比例·超30%扣2分', 'positive · proportional · −2 at 30 % over'],
    ['EQ', '0', {}, '等于0·超出即0分', 'equal to 0 · 0 if above'],
    ['EQ', '5', {}, '等于·按偏差扣分', 'equal · by the deviation'],
    ['EQ', '5', { equalRule: 'AS_GE' }, '等于·按正向计分', 'equal · scored like ≥'],
    ['BY', '9', { deadlineLatePointsPerMonth: 1 }, '时限指标·逾期每月扣1分', 'deadline · −1 per month late'],
    ['BY', '9', {}, '时限指标·逾期0分', 'deadline · 0 if late'],
  ])('words %s %s under %j', (op, t, rules, zh, en) => {
    expect(describeRule(row(op, t, null), rules)).toMatchObject({ zh, en });
  });

  it('shows the rule in the figures of each row', () => {
    const f = computeFigures(SEED_2024_LUKOU_GSL, withRules(linear));
    expect(f.indicators.find((x) => x.id === 'ind-9')!.rule!.zh).toBe('反向指标·线性扣分');
    expect(f.indicators.find((x) => x.id === 'ind-1')!.rule!.code).toBe('POSITIVE_RATIO');
  });
});

describe('presets and their parameters', () => {
  it.each(Object.values(TEMPLATE_PRESETS))('accepts the preset $id, which names its source', (t) => {
    expect(validateTemplate(t)).toEqual([]);
    expect(t.sourceZh).toBeTruthy();
  });

  it('keeps the stored presets at today’s rules and weights', () => {
    expect(LUKOU_2024_TEMPLATE.weights).toEqual({ executionRate: '10', output: '40', effect: '20', satisfaction: '10', cost: '20' });
    expect(DEFAULT_TEMPLATE.weights).toEqual({ executionRate: '10', output: '50', effect: '30', satisfaction: '10', cost: '0' });
    expect(LUKOU_2024_TEMPLATE.rules.reverseRule).toBeUndefined();
    expect(NATIONAL_MODULE_TEMPLATE.rules.reverseRule).toBe('LINEAR_DEDUCTION');
    expect(TANGHU_2020_TEMPLATE.rules.qualitativeBands).toEqual({ achievedMin: 80, partialMin: 50 });
  });

  it.each<[Partial<TemplateRules>, string]>([
    [{ reverseRule: 'LINEAR' as never }, 'rules.reverseRule'],
    [{ equalRule: 'X' as never }, 'rules.equalRule'],
    [{ splitBasis: 'BOTH' as never }, 'rules.splitBasis'],
    [{ qualitativeBands: { achievedMin: 60, partialMin: 80 } }, 'rules.qualitativeBands'],
    [{ qualitativeBands: { achievedMin: 80, partialMin: 0 } }, 'rules.qualitativeBands'],
    [{ deadlineLatePointsPerMonth: -1 }, 'rules.deadlineLatePointsPerMonth'],
    [{ overshootDeductionPoints: 101 }, 'rules.overshootDeductionPoints'],
  ])('refuses the parameter %j', (rules, path) => {
    const issues = validateTemplate(withRules(rules));
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0]!.messageZh).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses weights that do not sum to 100, naming the sum', () => {
    const t: EvaluationTemplate = { ...NATIONAL_MODULE_TEMPLATE, weights: { ...NATIONAL_MODULE_TEMPLATE.weights, output: '60' } };
    expect(validateTemplate(t)[0]!.messageZh).toBe('各项权重之和为110，必须为100');
  });
});
