import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { h } from 'vue';
import { BASIC_DATA_LAYOUT, DEFAULT_TEMPLATE, SELF_EVALUATION_LAYOUT, SEED_2024_LUKOU_GSL, type CellSpec, type FormLayout, type StaticRow } from '@zipin/shared';
import { mountDocForm, type HarnessOptions } from './form-harness.js';
import { tabOfPathIn } from './layout-form.js';
import LayoutForm from './LayoutForm.vue';
import { findFieldElement } from '@/composables/useFocusPath.js';

function mountLayout(layout: FormLayout, options: HarnessOptions = {}) {
  return mountDocForm(() => h(LayoutForm, { layout, footer: { date: '2025-05-19', signer: '张三' } }), options);
}

const clone = <T>(v: T): T => structuredClone(v);

/** A two-column fixture form: everything a layout needs besides what the test is about. */
const fixtureLayout = (id: string, title: string, extra: Partial<FormLayout> & Pick<FormLayout, 'rows'>): FormLayout => ({
  id,
  name: { zh: title, en: id },
  title: { zh: title, en: id },
  printed: true,
  sheetWidth: 40,
  fontSize: 10,
  className: id,
  columns: [
    { key: 'a', width: 50 },
    { key: 'b', width: 50 },
  ],
  ...extra,
});

describe('a form drawn from its layout', () => {
  it('shows a row added to the layout and a relabelled column, with no other change', () => {
    const layout = clone(BASIC_DATA_LAYOUT);
    // Relabel the 预算数 column and add a computed row under 公用经费.
    const head = layout.rows.find((r): r is StaticRow => r.kind === 'row' && r.id === 'moneyHead')!;
    head.cells[2]!.text = { zh: '{year}年预算批复数', en: 'approved budget {yearEn}' };
    const at = layout.rows.findIndex((r) => r.kind === 'row' && r.cells[0]?.text?.zh === '政府采购金额');
    const added: StaticRow = {
      kind: 'row',
      id: 'publicFundsRate',
      cells: [
        { role: 'label', text: { zh: '公用经费决算与预算之比', en: 'public funds, final to budget' }, align: 'left' },
        { role: 'notApplicable', cols: 2 },
        { role: 'notApplicable', cols: 2 },
        { role: 'computed', cols: 2, computed: 'publicFunds.finalToBudgetRate', format: 'percent2' },
      ],
    };
    layout.rows.splice(at, 0, added);

    const before = mountLayout(BASIC_DATA_LAYOUT);
    const { wrapper } = mountLayout(layout);
    expect(wrapper.findAll('tr').length).toBe(before.wrapper.findAll('tr').length + 1);
    const row = wrapper.get('tr[data-row="publicFundsRate"]');
    expect(row.get('th').text()).toBe('公用经费决算与预算之比');
    expect(row.findAll('td.na').map((c) => c.text())).toEqual(['——', '——']);
    // 43.43 ÷ 30.798, as computeFigures gives it.
    expect(wrapper.get('[data-testid="computed-publicFunds.finalToBudgetRate"]').text()).toBe('141.02%');
    expect(row.element.previousElementSibling?.querySelector('th')?.textContent).toContain('会议费、培训费');

    expect(wrapper.text()).toContain('2024年预算批复数');
    expect(before.wrapper.text()).not.toContain('预算批复数');
    // The inputs under the column are named by the new header.
    expect(wrapper.get('[data-path="basicData.publicFunds.office.currentBudget"]').attributes('aria-label')).toBe('基础数据表 › 公用经费 › 办公经费 › 2024年预算批复数');
    wrapper.unmount();
    before.wrapper.unmount();
  });

  it('lays the 基础数据表 out in English when English is chosen, the typed text as typed', () => {
    const { wrapper } = mountLayout(BASIC_DATA_LAYOUT, { locale: 'en' });
    expect(wrapper.get('h2').text()).toBe('Basic data table of the unit’s overall spending, 2024');
    const labels = wrapper.findAll('th').map((c) => c.text());
    expect(labels).toContain('authorized posts');
    expect(labels).toContain('"three public" expenses');
    expect(labels.filter((l) => /[\u4e00-\u9fff]/.test(l))).toEqual([]);
    expect(wrapper.get('.form-footer').text()).toContain('filled in by:');
    expect(wrapper.get('[data-path="basicData.threePublic.reception.currentFinal"]').attributes('aria-label')).toMatch(/^Basic data table › /);
    // What the unit wrote stays in Chinese.
    expect((wrapper.get('[data-path="basicData.austerityMeasures"]').element as HTMLTextAreaElement).value).toBe(SEED_2024_LUKOU_GSL.basicData.austerityMeasures);
    wrapper.unmount();
  });

  it('lays the 基础数据表 out as the official grid: merged headers, indents, notes and footer', () => {
    const { wrapper } = mountLayout(BASIC_DATA_LAYOUT);
    expect(wrapper.get('h2').text()).toBe('2024年度部门（单位）整体支出绩效评价基础数据表');
    const staffing = wrapper.get('tr[data-row="staffingHead"] th');
    expect(staffing.attributes('rowspan')).toBe('2');
    expect(staffing.text()).toBe('财政供养人员情况（人）');
    expect(wrapper.findAll('tr[data-row="staffingHead"] th').slice(1).map((c) => c.attributes('colspan'))).toEqual(['2', '2', '2']);
    const vehicleOperation = wrapper.findAll('th.label').find((c) => c.text() === '公车运行维护')!;
    expect(vehicleOperation.classes()).toContain('indent-3');
    expect(wrapper.get('.form-note').text()).toMatch(/^说明：/);
    expect(wrapper.get('[data-testid="footer-fillDate"]').text()).toBe('2025-05-19');
    expect(wrapper.get('[data-testid="footer-signer"]').text()).toBe('张三');
    expect(wrapper.get('.form-footer [data-path="basicData.contact.fillerName"]').attributes('aria-label')).toBe('基础数据表 › 填表人');
    wrapper.unmount();
  });

  it('adds and removes a 专项 row with the buttons of its group', async () => {
    const { wrapper, doc } = mountLayout(BASIC_DATA_LAYOUT);
    const before = doc.basicData.projects.specialFunds.length;
    expect(wrapper.get('[data-testid="add-specialFunds"]').attributes('aria-label')).toBe('添加本级专项资金');
    await wrapper.get('[data-testid="add-specialFunds"]').trigger('click');
    const added = doc.basicData.projects.specialFunds[before]!;
    expect(added).toEqual({ id: `sf-${before + 1}`, name: '', previousFinal: null, currentBudget: null, currentFinal: null });
    const name = wrapper.get(`[data-path="basicData.projects.specialFunds[${added.id}].name"]`);
    await name.setValue('乡村振兴专项');
    expect(added.name).toBe('乡村振兴专项');
    await wrapper.get(`[data-path="basicData.projects.specialFunds[${added.id}].currentFinal"]`).setValue('12.5');
    expect(wrapper.get('[data-testid="computed-projects.specialFundsTotal.currentFinal"]').text()).toBe('12.5');
    const remove = wrapper.get(`tr[data-item="${added.id}"] button.danger`);
    expect(remove.attributes('aria-label')).toBe('删除本级专项资金「乡村振兴专项」');
    await remove.trigger('click');
    expect(doc.basicData.projects.specialFunds.length).toBe(before);
    expect(wrapper.find(`tr[data-item="${added.id}"]`).exists()).toBe(false);
    wrapper.unmount();
  });

  it('adds an indicator under its 二级指标 and switches it to a 定性 target with a band', async () => {
    const { wrapper, doc } = mountLayout(SELF_EVALUATION_LAYOUT);
    const n = doc.selfEvaluation.indicators.length;
    await wrapper.get('[data-testid="add-indicators-TIMELINESS"]').trigger('click');
    expect(doc.selfEvaluation.indicators.length).toBe(n + 1);
    const added = doc.selfEvaluation.indicators.find((r) => r.level2 === 'TIMELINESS' && r.name === '')!;
    expect(added.level1).toBe('OUTPUT');
    // Placed after the 产出 rows, before the 效益 rows, as the form reads.
    const i = doc.selfEvaluation.indicators.indexOf(added);
    expect(doc.selfEvaluation.indicators[i + 1]?.level1).not.toBe('OUTPUT');
    const row = wrapper.get(`tr[data-item="${added.id}"]`);
    expect(row.attributes('data-level2')).toBe('TIMELINESS');

    const op = row.get('select.op-select');
    // An unnamed indicator is named by its row in the list.
    expect(op.attributes('aria-label')).toBe(`绩效自评表 › 指标 第${i + 1}行 › 年度指标值 › 比较方式`);
    await op.setValue('QUALITATIVE');
    expect(added.target.operator).toBe('QUALITATIVE');
    const band = wrapper.get(`tr[data-item="${added.id}"] select.band-select`);
    await band.setValue('ACHIEVED');
    expect(added.actual.band).toBe('ACHIEVED');
    await wrapper.get(`tr[data-item="${added.id}"] button.danger`).trigger('click');
    expect(doc.selfEvaluation.indicators.length).toBe(n);
    wrapper.unmount();
  });

  it('speaks the words of the campaign\'s form set (省级专项资金, 部门（单位）名称)', async () => {
    const basic = mountLayout(BASIC_DATA_LAYOUT, { formSetId: 'hunan-provincial' });
    expect(basic.wrapper.text()).toContain('3、省级专项资金（一个专项一行）');
    expect(basic.wrapper.get('[data-testid="add-specialFunds"]').attributes('aria-label')).toBe('添加省级专项资金');
    basic.wrapper.unmount();
    const se = mountLayout(SELF_EVALUATION_LAYOUT, { formSetId: 'hunan-provincial' });
    expect(se.wrapper.get('tr[data-row="unit"] th').text()).toBe('部门（单位）名称');
    se.wrapper.unmount();
  });

  it('draws a per-item form for the item it is given, its "$" fields bound to that item', async () => {
    const layout = fixtureLayout('perIndicator', '单项指标表', {
      perItem: { list: 'selfEvaluation.indicators', idPrefix: 'ind', itemLabel: { zh: '指标「{name}」', en: '{name}' } },
      rows: [
        { kind: 'row', id: 'name', cells: [{ role: 'header', text: { zh: '指标名称', en: 'name' } }, { role: 'input', field: '$.name', format: 'text', align: 'left' }] },
        { kind: 'row', id: 'weight', cells: [{ role: 'header', text: { zh: '分值', en: 'weight' } }, { role: 'input', field: '$.weight', format: 'points' }] },
      ],
    });
    const id = SEED_2024_LUKOU_GSL.selfEvaluation.indicators[1]!.id;
    const { wrapper, doc } = mountDocForm(() => h(LayoutForm, { layout, item: { id } }));
    const row = doc.selfEvaluation.indicators[1]!;
    const name = wrapper.get(`[data-path="selfEvaluation.indicators[${row.id}].name"]`);
    expect((name.element as HTMLInputElement).value).toBe(row.name);
    await wrapper.get(`[data-path="selfEvaluation.indicators[${row.id}].weight"]`).setValue('6');
    expect(row.weight).toBe('6');
    expect(wrapper.get('h2').attributes('id')).toBe(`form-title-perIndicator-${row.id}`);
    wrapper.unmount();
  });

  it('shows what the workflow fills in, never as an input', () => {
    const layout = fixtureLayout('fixtureCover', '封面样表', {
      columns: [
        { key: 'a', width: 30 },
        { key: 'b', width: 70 },
      ],
      rows: [{ kind: 'row', id: 'date', cells: [{ role: 'header', text: { zh: '报告日期', en: 'date' } }, { role: 'filled', fill: 'reportDate', align: 'left' }] }],
    });
    const { wrapper } = mountDocForm(() => h(LayoutForm, { layout, filled: { reportDate: '2025年5月19日' } }));
    const cell = wrapper.get('[data-testid="filled-reportDate"]');
    expect(cell.text()).toBe('2025年5月19日');
    expect(cell.attributes('aria-label')).toBe('封面样表 › 报告日期：2025年5月19日');
    expect(wrapper.find('input').exists()).toBe(false);
    wrapper.unmount();
  });

  it('lands a check about the whole indicator list (分值合计) on the 总分 row', () => {
    const { wrapper } = mountLayout(SELF_EVALUATION_LAYOUT);
    const el = findFieldElement(['selfEvaluation.indicators'], wrapper.element);
    expect(el?.tagName).toBe('TD');
    expect(el?.closest('tr')?.getAttribute('data-row')).toBe('total');
    expect(el?.querySelector('[data-testid="computed-scores.weightTotal"]')?.textContent).toBe('100');
    wrapper.unmount();
  });

  const level1Cell = (w: ReturnType<typeof mount>, text: string) => w.findAll('th.level1').find((c) => c.text().startsWith(text));

  it('prints cost rows under 成本指标 with its weight when the template weighs 成本 (the seed)', () => {
    const { wrapper, doc } = mountLayout(SELF_EVALUATION_LAYOUT);
    const cost = doc.selfEvaluation.indicators.filter((r) => r.level1 === 'COST');
    expect(cost.length).toBeGreaterThan(0);
    expect(level1Cell(wrapper, '成本指标')!.text().replace(/\s/g, '')).toBe('成本指标（20分）');
    expect(level1Cell(wrapper, '产出指标')!.text().replace(/\s/g, '')).toBe('产出指标（40分）');
    for (const r of cost) expect(wrapper.get(`tr[data-item="${r.id}"]`).attributes('data-level1')).toBe('COST');
    wrapper.unmount();
  });

  it('prints cost rows under 产出指标 with the 产出 weight under the national 10/50/30/10 template', () => {
    const { wrapper, doc } = mountLayout(SELF_EVALUATION_LAYOUT, { template: DEFAULT_TEMPLATE });
    const cost = doc.selfEvaluation.indicators.filter((r) => r.level1 === 'COST');
    expect(level1Cell(wrapper, '成本指标')).toBeUndefined();
    const output = level1Cell(wrapper, '产出指标')!;
    expect(output.text().replace(/\s/g, '')).toBe('产出指标（50分）');
    const outputRows = doc.selfEvaluation.indicators.filter((r) => r.level1 === 'OUTPUT').length;
    // The merged 产出 cell covers its own rows and the cost rows (an empty 二级指标 keeps one row).
    expect(Number(output.attributes('rowspan'))).toBeGreaterThanOrEqual(outputRows + cost.length);
    for (const r of cost) expect(wrapper.get(`tr[data-item="${r.id}"]`).attributes('data-level1')).toBe('OUTPUT');
    expect(wrapper.findAll('th.level2 .cell-label').map((c) => c.text())).toContain('经济成本指标');
    wrapper.unmount();
  });

  it('draws a layout it has never seen: any columns, a list without add buttons, a read-only footer', () => {
    const cells: CellSpec[] = [
      { role: 'input', field: '$.name', format: 'text', align: 'left' },
      { role: 'input', field: '$.amount', format: 'money4' },
    ];
    const layout = fixtureLayout('fixtureForm', '{year}年测试表', {
      columns: [
        { key: 'a', width: 60 },
        { key: 'b', width: 40 },
      ],
      rows: [
        { kind: 'row', id: 'head', cells: [{ role: 'header', text: { zh: '科目名称', en: 'name' } }, { role: 'header', text: { zh: '金额', en: 'amount' } }] },
        { kind: 'list', id: 'fn', list: 'selfEvaluation.budget.initialByFunction', idPrefix: 'fn', itemLabel: { zh: '科目「{name}」', en: '{name}' }, matchBy: ['name'], cells, empty: [{ role: 'blank' }, { role: 'blank' }] },
      ],
      footer: [{ key: 'fillerName', label: { zh: '填表人', en: 'by' }, field: 'basicData.contact.fillerName', cols: 1 }],
    });
    const { wrapper, doc } = mountLayout(layout);
    expect(wrapper.get('h2').text()).toBe('2024年测试表');
    expect(wrapper.findAll('col').map((c) => c.attributes('style'))).toEqual(['width: 60%;', 'width: 40%;']);
    const items = doc.selfEvaluation.budget.initialByFunction;
    expect(wrapper.findAll('tr[data-item]').length).toBe(items.length);
    expect(wrapper.find('button.row-btn').exists()).toBe(false);
    // 填表人 belongs to the 基础数据表: printed here, typed there.
    expect(wrapper.find('.form-footer input').exists()).toBe(false);
    expect(wrapper.get('[data-testid="footer-fillerName"]').text()).toBe(doc.basicData.contact.fillerName ?? '');
    wrapper.unmount();
  });
});

describe('the tab of a path', () => {
  it('is the tab of the form that binds its document part, for a form the client has never seen', () => {
    const perProject = fixtureLayout('perProject', '项目表', {
      perItem: { list: 'projectEvaluations', idPrefix: 'pe', itemLabel: { zh: '项目「{name}」', en: '{name}' } },
      rows: [{ kind: 'row', cells: [{ role: 'input', field: '$.name', format: 'text' }, { role: 'blank' }] }],
    });
    const tabs = [
      { id: 'basicData', forms: [{ layout: BASIC_DATA_LAYOUT }] },
      { id: 'selfEvaluation', forms: [{ layout: SELF_EVALUATION_LAYOUT }] },
      { id: 'perProject', forms: [{ layout: perProject }] },
    ];
    expect(tabOfPathIn(tabs, 'projectEvaluations[pe-1].funds.fiscal.execution')).toBe('perProject');
    expect(tabOfPathIn(tabs, 'explanations.PROJECT_EXECUTION_DIFFERS@projectEvaluations[pe-1].name')).toBe('perProject');
    expect(tabOfPathIn(tabs, 'basicData.buildings[bld-1].name')).toBe('basicData');
    expect(tabOfPathIn(tabs, 'selfEvaluation.indicators[ind-1].score')).toBe('selfEvaluation');
    expect(tabOfPathIn(tabs, 'nowhere.at.all')).toBeNull();
  });
});

describe('the client writes no form row or field label of its own', () => {
  /** Words that only a row list or a hand-written field label would contain. */
  const OLD_LABELS = [
    '公车运行维护',
    '公务用车购置和维护经费',
    '纳入专户管理的非税收入拨款',
    '政府性基金拨款',
    '厉行节约保障措施',
    '楼堂馆所',
    '财政供养人员情况',
    '部门基本支出预算调整',
    '政府采购金额',
    '业务工作经费',
    '运行维护经费',
    '会议费、培训费',
    '年度资金总额',
    '按收入性质分',
    '按支出性质分',
    '年初预算数',
    '全年预算数',
    '全年执行数',
    '年度指标值',
    '实际完成值',
    '三级指标',
    '实际在职人数',
  ];
  /** The document components (forms, tabs, checks, comments, diffs) and their modules, as text (spec files aside). */
  const sources = import.meta.glob<string>(['/src/features/common/components/**/*.vue', '/src/features/common/components/**/*.ts', '!/src/features/common/components/**/*.spec.ts'], {
    query: '?raw',
    import: 'default',
    eager: true,
  });

  it('finds none of the old row lists in the document components', () => {
    const all = Object.entries(sources);
    expect(all.length).toBeGreaterThan(15);
    expect(all.some(([f, text]) => f.endsWith('/LayoutForm.vue') && text.includes('expandForm'))).toBe(true);
    const hits = all.flatMap(([f, text]) => OLD_LABELS.filter((w) => text.includes(w)).map((w) => `${f}: ${w}`));
    expect(hits).toEqual([]);
  });
});
