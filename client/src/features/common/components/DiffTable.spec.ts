import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { SEED_2024_LUKOU_GSL } from '@zipin/shared';
import { createI18n } from 'vue-i18n';
import zh from '@/i18n/zh-CN.js';
import DiffTable from './DiffTable.vue';

describe('DiffTable', () => {
  it('names explanations, kept typos and reordered rows in words, never by code, path or id', async () => {
    const doc = JSON.parse(JSON.stringify(SEED_2024_LUKOU_GSL));
    doc.selfEvaluation.indicators[1].name = '';
    const wrapper = mount(DiffTable, {
      global: { plugins: [ElementPlus, createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zh } })] },
      props: {
        doc,
        entries: [
          { path: 'explanations.PUBLIC_FUNDS_OVER_BUDGET@basicData.publicFunds.total.currentFinal', before: undefined, after: '年中追加经费', kind: 'added' },
          { path: 'invalidInputs', before: undefined, after: { 'basicData.publicFunds.total.currentFinal': '1O5.2' }, kind: 'added' },
          { path: 'selfEvaluation.indicators', before: ['ind-1', 'ind-2'], after: ['ind-2', 'ind-1'], kind: 'reordered' },
        ],
      },
    });
    await new Promise((r) => setTimeout(r, 0));
    const text = wrapper.text();
    expect(text).toContain('公用经费决算数超过预算数');
    expect(text).toContain('1O5.2');
    expect(text).toContain('第2行');
    expect(text).not.toMatch(/[A-Z]{3,}_[A-Z_]+|[a-z]+\.[a-z]+\.[a-zA-Z.]+|\bind-\d+\b/);
    wrapper.unmount();
  });
});
