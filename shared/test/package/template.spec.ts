import {
  DEFAULT_TEMPLATE,
  LUKOU_2024_TEMPLATE,
  computeFigures,
  emptyPackageDocument,
  parsePackageDocument,
  runChecks,
  validateTemplate,
  SEED_CONTEXT,
} from '../../src/package/index.js';
import type { EvaluationTemplate } from '../../src/package/index.js';

describe('templates', () => {
  it.each([DEFAULT_TEMPLATE, LUKOU_2024_TEMPLATE])('accepts the preset $id', (t) => {
    expect(validateTemplate(t)).toEqual([]);
  });

  it('refuses weights that do not sum to 100', () => {
    const t: EvaluationTemplate = { ...LUKOU_2024_TEMPLATE, weights: { ...LUKOU_2024_TEMPLATE.weights, cost: '25' } };
    expect(validateTemplate(t)).toEqual([{ path: 'weights', messageZh: '各项权重之和为105，必须为100', messageEn: 'weights sum to 105, must be 100' }]);
  });

  it('refuses a negative weight and an out-of-range rule', () => {
    const t: EvaluationTemplate = {
      ...LUKOU_2024_TEMPLATE,
      weights: { ...LUKOU_2024_TEMPLATE.weights, output: '-40' },
      rules: { ...LUKOU_2024_TEMPLATE.rules, overshootFlagPercent: 300 },
    };
    expect(validateTemplate(t).map((i) => i.path)).toEqual(['weights.output', 'rules.overshootFlagPercent']);
  });

  it('refuses a catalogue entry whose level 2 belongs to another level 1', () => {
    const t: EvaluationTemplate = {
      ...LUKOU_2024_TEMPLATE,
      indicatorCatalogue: [{ level1: 'OUTPUT', level2: 'ECONOMIC_COST', name: 'x', operator: 'LE', unit: '万元' }],
    };
    expect(validateTemplate(t).map((i) => i.path)).toEqual(['indicatorCatalogue[#0]']);
  });
});

describe('emptyPackageDocument', () => {
  it.each([LUKOU_2024_TEMPLATE, DEFAULT_TEMPLATE])('is a valid document whose weights follow the template $id', (t) => {
    const doc = emptyPackageDocument(t);
    expect(parsePackageDocument(doc).ok).toBe(true);
    const f = computeFigures(doc, t);
    expect(f.scores.weightTotal).toBe('100');
    const codes = new Set(runChecks(doc, t).map((r) => r.code));
    expect(codes.has('WEIGHTS_NOT_100')).toBe(false);
    expect(codes.has('LEVEL_WEIGHT_MISMATCH')).toBe(false);
    expect(codes.has('REQUIRED_VALUE_MISSING')).toBe(true);
  });

  it('has one row per weighted level 1: four for 渌口, three for the national default', () => {
    expect(emptyPackageDocument(LUKOU_2024_TEMPLATE).selfEvaluation.indicators.map((r) => [r.level1, r.weight])).toEqual([
      ['OUTPUT', '40'],
      ['EFFECT', '20'],
      ['SATISFACTION', '10'],
      ['COST', '20'],
    ]);
    expect(emptyPackageDocument(DEFAULT_TEMPLATE).selfEvaluation.indicators.map((r) => r.level1)).toEqual(['OUTPUT', 'EFFECT', 'SATISFACTION']);
  });

  it('keeps empty apart from 0 in every cell', () => {
    const doc = emptyPackageDocument(LUKOU_2024_TEMPLATE);
    expect(doc.basicData.publicFunds.total).toEqual({ previousFinal: null, currentBudget: null, currentFinal: null });
    expect(computeFigures(doc, LUKOU_2024_TEMPLATE).threePublic.total.currentFinal).toBeNull();
  });

  it('pre-fills the bound sentences when the campaign is known', () => {
    const doc = emptyPackageDocument(LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    expect(doc.report.chapters.performanceGoals.text).toBe('2024年度总支出{{totalSpending}}万元');
    expect(parsePackageDocument(doc).ok).toBe(true);
  });
});
