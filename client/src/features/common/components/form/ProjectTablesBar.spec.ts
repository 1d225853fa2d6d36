import { describe, expect, it } from 'vitest';
import { h, nextTick } from 'vue';
import { PROJECT_SELF_EVALUATION_LAYOUT } from '@zipin/shared';
import { mountDocForm } from './form-harness.js';
import ProjectTablesBar from './ProjectTablesBar.vue';
import LayoutForm from './LayoutForm.vue';

describe('the project tables bar', () => {
  it('offers the table of a 专项 without one, prefilled, adds another project, marks it 结转 and removes it', async () => {
    const { wrapper, doc } = mountDocForm(({ doc }) =>
      h('div', [h(ProjectTablesBar), ...(doc.projectEvaluations ?? []).map((p) => h(LayoutForm, { key: p.id, layout: PROJECT_SELF_EVALUATION_LAYOUT, item: { id: p.id } }))]),
    );
    expect(wrapper.text()).toContain('本单位尚无项目支出绩效自评表');
    doc.basicData.projects.specialFunds.push({ id: 'sf-1', name: '招商引资专项', previousFinal: null, currentBudget: '12', currentFinal: '11.5' });
    await nextTick();
    await wrapper.get('[data-testid="project-offer-sf-1"]').trigger('click');
    await nextTick();
    expect(doc.projectEvaluations).toHaveLength(1);
    expect(doc.projectEvaluations![0]).toMatchObject({ id: 'pe-1', specialFundId: 'sf-1', name: '招商引资专项', funds: { fiscal: { execution: '11.5' } } });
    // The offer is gone once the 专项 has its table, and the table is drawn from its layout.
    expect(wrapper.find('[data-testid="project-offer-sf-1"]').exists()).toBe(false);
    expect(wrapper.get('[data-form="projectSelfEvaluation"] h2').text()).toBe('2024年度项目支出绩效自评表');
    expect(wrapper.get('.cell-input[data-path="projectEvaluations[pe-1].name"]').element).toBeTruthy();

    await wrapper.get('[data-testid="project-add-other"]').trigger('click');
    await nextTick();
    expect(doc.projectEvaluations!.map((p) => [p.id, p.specialFundId])).toEqual([
      ['pe-1', 'sf-1'],
      ['pe-2', null],
    ]);
    expect(wrapper.get('[data-project="pe-2"]').text()).toContain('未对应基础数据表专项');
    await wrapper.get('[data-testid="project-carried-pe-2"] input').setValue(true);
    expect(doc.projectEvaluations![1]!.carriedOver).toBe(true);

    // Removal asks once more; cancelling keeps the table.
    await wrapper.get('[data-testid="project-remove-pe-2"]').trigger('click');
    await wrapper.get('[data-testid="project-remove-cancel-pe-2"]').trigger('click');
    expect(doc.projectEvaluations).toHaveLength(2);
    await wrapper.get('[data-testid="project-remove-pe-2"]').trigger('click');
    expect(wrapper.text()).toContain('删除项目「未命名项目」的自评表？');
    await wrapper.get('[data-testid="project-remove-confirm-pe-2"]').trigger('click');
    await nextTick();
    expect(doc.projectEvaluations!.map((p) => p.id)).toEqual(['pe-1']);
    wrapper.unmount();
  });

  it('shows the tables read-only without offers or removal when the package is not editable', () => {
    const { wrapper } = mountDocForm(() => h(ProjectTablesBar), { editable: false });
    expect(wrapper.find('[data-testid="project-add-other"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
