import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { computed, defineComponent, h, nextTick, reactive } from 'vue';
import {
  LUKOU_2024_TEMPLATE,
  SEED_2024_LUKOU_GSL,
  SEED_CONTEXT,
  computeFigures,
  runChecks,
  type PackageDocument,
} from '@zipin/shared';
import { createI18n } from 'vue-i18n';
import zh from '@/i18n/zh-CN.js';
import { setAt } from '@/stores/doc-path.js';
import { provideDocForm } from './doc-form.js';
import ReportChapters from './ReportChapters.vue';

/** The report tab wired like the workspace: shared figures and checks on a live document. */
function harness(editable = true) {
  const doc = reactive(JSON.parse(JSON.stringify(SEED_2024_LUKOU_GSL)) as PackageDocument);
  const edits: string[] = [];
  const Harness = defineComponent({
    setup() {
      const figures = computed(() => computeFigures(doc, LUKOU_2024_TEMPLATE));
      const checks = computed(() => runChecks(doc, LUKOU_2024_TEMPLATE, SEED_CONTEXT, figures.value));
      provideDocForm({
        doc: () => doc,
        figures: () => figures.value,
        context: () => SEED_CONTEXT,
        checks: () => checks.value,
        comments: () => [],
        editable: () => editable,
        edit: (p, v) => {
          edits.push(p);
          setAt(doc, p, v);
        },
        mutate: (fn) => fn(doc),
      });
      return () => h(ReportChapters);
    },
  });
  // Element Plus popups are not what is tested here (the browser journey clicks them); stubbed, the 18 chapters mount fast.
  const stubs = { ElSelect: true, ElOption: true, ElTooltip: defineComponent({ setup: (_p, { slots }) => () => h('span', slots.default?.()) }) };
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zh } });
  return { wrapper: mount(Harness, { attachTo: document.body, global: { stubs, plugins: [i18n] } }), doc, edits };
}

const editorOf = (w: ReturnType<typeof mount>, key: string) => w.get(`.report-text[data-path="report.chapters.${key}.text"]`).element as HTMLElement;
const stateOf = (w: ReturnType<typeof mount>, key: string) => w.get(`[data-testid="outline-${key}"]`).attributes('data-state');

describe('report editor', () => {
  it('shows bound figures as chips with their values and never the token syntax', () => {
    const { wrapper } = harness();
    const goals = editorOf(wrapper, 'performanceGoals');
    const chips = [...goals.querySelectorAll('.token-chip')].map((c) => c.textContent);
    expect(chips).toEqual(['150.31', '101.28', '67.38', '43.43', '28.89', '5.6', '3.73', '0']);
    expect(goals.getAttribute('contenteditable')).toBe('true');
    expect(wrapper.get('.report-chapters').text()).not.toContain('{{');
    wrapper.unmount();
  });

  it('stores chips back as the same tokens when the prose around them is edited', async () => {
    const { wrapper, doc } = harness();
    const before = doc.report.chapters.performanceGoals.text;
    const goals = editorOf(wrapper, 'performanceGoals');
    goals.appendChild(document.createTextNode('补充一句。'));
    goals.dispatchEvent(new Event('input'));
    await nextTick();
    expect(doc.report.chapters.performanceGoals.text).toBe(`${before}补充一句。`);
    wrapper.unmount();
  });

  it('follows the tables live', async () => {
    const { wrapper, doc } = harness();
    doc.selfEvaluation.budget.execution = '160';
    await nextTick();
    await nextTick();
    const first = editorOf(wrapper, 'performanceGoals').querySelector('.token-chip');
    expect(first?.textContent).toBe('160');
    wrapper.unmount();
  });

  it('holds back a text naming an unknown token, says which, and stores nothing', async () => {
    const { wrapper, doc } = harness();
    const before = doc.report.chapters.problems.text;
    const problems = editorOf(wrapper, 'problems');
    problems.appendChild(document.createTextNode('{{constructor}}'));
    problems.dispatchEvent(new Event('input'));
    await nextTick();
    expect(doc.report.chapters.problems.text).toBe(before);
    const alert = wrapper.get('[data-testid="report-token-problem"]');
    expect(alert.text()).toContain('{{constructor}}');
    expect(problems.textContent).toContain('{{constructor}}');
    expect(stateOf(wrapper, 'problems')).toBe('problem');
    problems.lastChild!.remove();
    problems.dispatchEvent(new Event('input'));
    await nextTick();
    expect(wrapper.find('[data-testid="report-token-problem"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('turns a listed token typed by hand into a chip', async () => {
    const { wrapper, doc } = harness();
    const other = editorOf(wrapper, 'other');
    other.appendChild(document.createTextNode('总支出{{ totalSpending }}万元'));
    other.dispatchEvent(new Event('input'));
    await nextTick();
    expect(doc.report.chapters.other.text).toBe('总支出{{totalSpending}}万元');
    expect(other.querySelector('.token-chip')?.textContent).toBe('150.31');
    wrapper.unmount();
  });

  it('shows each chapter once with its state in one outline', async () => {
    const { wrapper, doc } = harness();
    expect(wrapper.findAll('[data-testid^="outline-"]')).toHaveLength(18);
    expect(wrapper.findAll('.report-text')).toHaveLength(18);
    expect(stateOf(wrapper, 'other')).toBe('problem'); // empty leaf: REPORT_SECTION_EMPTY
    expect(stateOf(wrapper, 'generalBudget')).toBe('optional');
    expect(stateOf(wrapper, 'performanceProject')).toBe('drafted');
    expect(stateOf(wrapper, 'problems')).toBe('edited');
    doc.report.chapters.performanceProject.text = '本单位无项目支出，特此说明。';
    await nextTick();
    expect(stateOf(wrapper, 'performanceProject')).toBe('edited');
    wrapper.unmount();
  });

  it('插入正文 replaces the earlier drafted sentence, twice in a row still one', async () => {
    const { wrapper, doc } = harness();
    doc.selfEvaluation.budget.byExpenditure.project = '76.5';
    await nextTick();
    expect(stateOf(wrapper, 'performanceProject')).toBe('problem'); // 本单位无项目支出 against 76.5
    await wrapper.get('[data-testid="insert-bound-performanceProject"]').trigger('click');
    expect(doc.report.chapters.performanceProject.text).toBe('2024年项目支出{{projectSpending}}万元。');
    doc.selfEvaluation.budget.byExpenditure.project = '0';
    await nextTick();
    await wrapper.get('[data-testid="insert-bound-performanceProject"]').trigger('click');
    expect(doc.report.chapters.performanceProject.text).toBe('本单位无项目支出。');
    await nextTick();
    expect(editorOf(wrapper, 'performanceProject').textContent).toBe('本单位无项目支出。');
    wrapper.unmount();
  });

  it('shows a read view with chips and no editor for read-only roles', () => {
    const { wrapper } = harness(false);
    expect(wrapper.findAll('[contenteditable]')).toHaveLength(0);
    const goals = wrapper.get('.chapter-text[data-path="report.chapters.performanceGoals.text"]');
    expect(goals.findAll('.token-chip').map((c) => c.text())[0]).toBe('150.31');
    expect(wrapper.text()).not.toContain('{{');
    wrapper.unmount();
  });
});
