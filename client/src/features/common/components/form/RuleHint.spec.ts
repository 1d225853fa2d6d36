import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import { LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, computeFigures, type EvaluationTemplate } from '@zipin/shared';
import zh from '@/i18n/zh-CN.js';
import en from '@/i18n/en.js';
import RuleHint from './RuleHint.vue';

const i18n = (locale: 'zh-CN' | 'en') => createI18n({ legacy: false, locale, messages: { 'zh-CN': zh, en } });
const withRules = (rules: Partial<EvaluationTemplate['rules']>): EvaluationTemplate => ({ ...LUKOU_2024_TEMPLATE, rules: { ...LUKOU_2024_TEMPLATE.rules, ...rules } });

describe('RuleHint', () => {
  it('names the rule in force for a row, in the user’s language', () => {
    const f = computeFigures(SEED_2024_LUKOU_GSL, withRules({ reverseRule: 'LINEAR_DEDUCTION' }));
    const fig = f.indicators.find((x) => x.id === 'ind-9')!;
    expect(mount(RuleHint, { props: { fig }, global: { plugins: [i18n('zh-CN')] } }).text()).toBe('反向指标·线性扣分');
    expect(mount(RuleHint, { props: { fig }, global: { plugins: [i18n('en')] } }).text()).toBe('reverse · linear deduction');
  });

  it('shows the execution-rate cap on the suggested total only when it bites', () => {
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    doc.selfEvaluation.budget.execution = '112.73'; // 75 %: capped at 89
    const capped = computeFigures(doc, withRules({ capTotalByExecutionRate: true })).scores;
    expect(mount(RuleHint, { props: { scores: capped }, global: { plugins: [i18n('zh-CN')] } }).text()).toBe('按执行率封顶89分，计89分');
    const uncapped = computeFigures(SEED_2024_LUKOU_GSL, withRules({ capTotalByExecutionRate: true })).scores;
    expect(mount(RuleHint, { props: { scores: uncapped }, global: { plugins: [i18n('zh-CN')] } }).find('[data-testid="rule-hint"]').exists()).toBe(false);
  });
});
