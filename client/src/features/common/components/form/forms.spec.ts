import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { h } from 'vue';
import { BASIC_DATA_LAYOUT, SELF_EVALUATION_LAYOUT, SEED_CONTEXT, describePath, summarizeChecks, type FormLayout } from '@zipin/shared';
import { mountDocForm } from './form-harness.js';
import LayoutForm from './LayoutForm.vue';
import ChecksPanel from '../ChecksPanel.vue';

/** A filler's form wired like the workspace, with its checks panel. */
function harness(layout: FormLayout, editable = true) {
  return mountDocForm(
    ({ doc, checks }) =>
      h('div', [
        h(LayoutForm, { layout }),
        h(ChecksPanel, { checks, summary: summarizeChecks(checks), explanations: doc.explanations, editable }),
      ]),
    { editable },
  );
}

const cell = (w: ReturnType<typeof mount>, path: string) => w.get(`[data-path="${path}"]`);
const computedText = (w: ReturnType<typeof mount>, id: string) => w.get(`[data-testid="${id}"]`).text();

describe('basic data form', () => {
  it('recomputes the control rate and clears the staffing warning when 实际在职 is edited', async () => {
    const { wrapper, doc } = harness(BASIC_DATA_LAYOUT);
    expect(computedText(wrapper, 'computed-staffing.controlRate')).toBe('140%');
    expect(wrapper.find('[data-testid="check-STAFFING_OVER_QUOTA"]').exists()).toBe(true);
    expect(cell(wrapper, 'basicData.staffing.actual').element.closest('.doc-cell')!.classList.contains('flag-warning')).toBe(true);

    await cell(wrapper, 'basicData.staffing.actual').setValue('5');
    expect(doc.basicData.staffing.actual).toBe(5);
    expect(computedText(wrapper, 'computed-staffing.controlRate')).toBe('100%');
    expect(wrapper.find('[data-testid="check-STAFFING_OVER_QUOTA"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('adds the 三公 total from its parts as exact decimals', async () => {
    const { wrapper, doc } = harness(BASIC_DATA_LAYOUT);
    expect(computedText(wrapper, 'computed-threePublic.total.currentFinal')).toBe('0.314');
    await cell(wrapper, 'basicData.threePublic.vehicleOperation.currentFinal').setValue('0.1');
    await cell(wrapper, 'basicData.threePublic.overseas.currentFinal').setValue('0.2');
    // 0.1 + 0.2 + 0.314 with floats would print 0.6140000000000001.
    expect(computedText(wrapper, 'computed-threePublic.total.currentFinal')).toBe('0.614');
    expect(computedText(wrapper, 'computed-threePublic.vehicle.currentFinal')).toBe('0.1');
    expect(doc.basicData.threePublic.overseas.currentFinal).toBe('0.2');
    wrapper.unmount();
  });

  it('keeps an invalid number as typed, out of every calculation, and says why', async () => {
    // The field used to keep its earlier number while the cell showed the typo: a figure nobody typed.
    const { wrapper, doc } = harness(BASIC_DATA_LAYOUT);
    const P = 'basicData.publicFunds.total.currentFinal';
    await cell(wrapper, P).setValue('43.43210');
    expect(doc.basicData.publicFunds.total.currentFinal).toBeNull();
    expect(doc.invalidInputs).toEqual({ [P]: '43.43210' });
    const box = cell(wrapper, P).element.closest('.doc-cell')!;
    expect(box.classList.contains('flag-error')).toBe(true);
    expect(box.getAttribute('title')).toContain('4位小数');
    expect(wrapper.find('[data-testid="check-INPUT_NOT_A_NUMBER"]').exists()).toBe(true);
    await cell(wrapper, P).setValue('——');
    expect(doc.basicData.publicFunds.total.currentFinal).toBe('NA');
    expect(doc.invalidInputs).toBeUndefined();
    wrapper.unmount();
  });

  it('flags a 其中 item larger than the 公用经费 total in red on that cell', async () => {
    const { wrapper } = harness(BASIC_DATA_LAYOUT);
    await cell(wrapper, 'basicData.publicFunds.office.currentFinal').setValue('50');
    expect(wrapper.find('[data-testid="check-PUBLIC_FUNDS_ITEM_EXCEEDS_TOTAL"]').exists()).toBe(true);
    expect(cell(wrapper, 'basicData.publicFunds.office.currentFinal').element.closest('.doc-cell')!.classList.contains('flag-error')).toBe(true);
    wrapper.unmount();
  });

  it('names every input by its row and column for screen readers', () => {
    const { wrapper, doc } = harness(BASIC_DATA_LAYOUT);
    const inputs = wrapper.findAll('input[data-path]');
    expect(inputs.length).toBeGreaterThan(30);
    for (const i of inputs) expect(i.attributes('aria-label')).toMatch(/\S/);
    // The one label of the field: the one checks, comments and diffs use for it.
    expect(cell(wrapper, 'basicData.threePublic.reception.currentFinal').attributes('aria-label')).toBe('基础数据表 › 三公经费 › 公务接待 › 2024年决算数');
    expect(describePath('basicData.threePublic.reception.currentFinal', doc, { context: SEED_CONTEXT }).zh).toBe('基础数据表 › 三公经费 › 公务接待 › 2024年决算数');
    wrapper.unmount();
  });

  it('moves to the cell below on Enter', async () => {
    const { wrapper } = harness(BASIC_DATA_LAYOUT);
    const from = cell(wrapper, 'basicData.threePublic.vehiclePurchase.currentBudget');
    (from.element as HTMLInputElement).focus();
    await from.trigger('keydown', { key: 'Enter' });
    expect(document.activeElement?.getAttribute('data-path')).toBe('basicData.threePublic.vehicleOperation.previousFinal');
    wrapper.unmount();
  });
});

describe('self-evaluation form', () => {
  it('recomputes the execution rate and its points when 全年执行数 is edited', async () => {
    const { wrapper } = harness(SELF_EVALUATION_LAYOUT);
    expect(computedText(wrapper, 'computed-budget.executionRate')).toBe('100%');
    await cell(wrapper, 'selfEvaluation.budget.execution').setValue('120.248');
    expect(computedText(wrapper, 'computed-budget.executionRate')).toBe('80%');
    expect(computedText(wrapper, 'computed-budget.executionPoints')).toBe('8');
    expect(wrapper.find('[data-testid="check-EXECUTION_RATE_LOW"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('suggests scores by the rules and lets the filler adopt the suggestion', async () => {
    const { wrapper, doc } = harness(SELF_EVALUATION_LAYOUT);
    expect(computedText(wrapper, 'computed-suggested-total')).toBe('95.14');
    expect(computedText(wrapper, 'computed-scores.effectiveTotal')).toBe('97');
    const costRow = doc.selfEvaluation.indicators.find((r) => r.name === '人员保障')!;
    expect(wrapper.get(`[data-testid="suggestion-${costRow.id}"]`).text()).toContain('9.45');
    expect(wrapper.find('[data-testid="check-SCORE_ABOVE_SUGGESTION_NO_REASON"]').exists()).toBe(true);

    await wrapper.get(`[data-testid="use-suggestion-${costRow.id}"]`).trigger('click');
    expect(costRow.score).toBe('9.45');
    expect(computedText(wrapper, 'computed-scores.effectiveTotal')).toBe('96.45');
    wrapper.unmount();
  });

  it('flags an actual value written as a range', async () => {
    const { wrapper, doc } = harness(SELF_EVALUATION_LAYOUT);
    const row = doc.selfEvaluation.indicators.find((r) => r.actual.raw === '≧85%')!;
    expect(wrapper.find('[data-testid="check-ACTUAL_NOT_A_POINT_VALUE"]').exists()).toBe(true);
    await cell(wrapper, `selfEvaluation.indicators[${row.id}].actual.value`).setValue('85');
    expect(row.actual.value).toBe('85');
    expect(row.actual.raw).toBeUndefined();
    expect(wrapper.find('[data-testid="check-ACTUAL_NOT_A_POINT_VALUE"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the document read-only without inputs for the unit head and the reviewer', () => {
    const { wrapper } = harness(SELF_EVALUATION_LAYOUT, false);
    expect(wrapper.findAll('input').length).toBe(0);
    expect(cell(wrapper, 'selfEvaluation.budget.annualBudget').text()).toBe('150.31');
    wrapper.unmount();
  });
});
