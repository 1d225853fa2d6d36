/** 附件2 部门（单位）整体支出绩效自评表: nine grid columns, merged level cells like the official form. */
import { columns, head, heads } from './cells.js';
import type { CellSpec, FormLayout, Label, RowSpec } from './types.js';
import { L } from './words.js';
const BUDGET = L('年度预算申请', 'annual budget');

/** "其中：一般公共预算：150.31": a labelled money value over `cols` columns. */
const split = (prefix: Label, field: string, cols: number, name: Label): CellSpec => ({
  role: 'input',
  cols,
  prefix,
  field,
  format: 'money4',
  align: 'left',
  name,
});

/**
 * The indicator rows (一级/二级 merged, one row per 三级指标) and the 总分 row: the same on the
 * 自评表 and on each 项目支出绩效自评表, which differ only in the list and the figures they read.
 */
export function indicatorRowsWithTotal(list: string, figures: string): RowSpec[] {
  return [
      {
        kind: 'indicators',
        id: 'indicators',
        list,
        idPrefix: 'ind',
        itemLabel: L('指标「{name}」', 'indicator "{name}"'),
        level1: { role: 'input', field: '$.level1', format: 'text' },
        level2: { role: 'input', field: '$.level2', format: 'text' },
        level1Text: L('{level1}\n（{weight}分）', '{level1} ({weight} points)'),
        matchBy: ['level1', 'level2', 'name'],
        maxItems: 60,
        addLabel: L('添加指标', 'add an indicator'),
        cells: [
          { role: 'input', field: '$.name', format: 'text', align: 'left' },
          { role: 'input', field: '$.target', format: 'target' },
          { role: 'input', field: '$.actual', format: 'actual' },
          { role: 'input', field: '$.weight', format: 'points' },
          { role: 'input', field: '$.score', format: 'points' },
          { role: 'input', field: '$.deviationReason', format: 'longText', align: 'left', small: true },
        ],
        empty: [{ role: 'label', text: L('无', 'none'), align: 'left' }, ...Array.from({ length: 5 }, (): CellSpec => ({ role: 'blank' }))],
        helpers: [
          { header: L('比较方式（≥/≤/=/定性）', 'operator (≥/≤/=/qualitative)'), field: '$.target.operator', format: 'operator' },
          { header: L('行编号', 'row id') },
        ],
      },
      {
        kind: 'row',
        id: 'total',
        className: 'total',
        name: L('总分', 'total'),
        cells: [
          head(L('总分', 'Total'), 6),
          { role: 'computed', computed: `${figures}.weightTotal`, format: 'points' },
          { role: 'computed', computed: `${figures}.effectiveTotal`, format: 'points' },
          { role: 'blank' },
        ],
      },
  ];
}

export const SELF_EVALUATION_LAYOUT: FormLayout = {
  id: 'selfEvaluation',
  name: L('绩效自评表', 'Self-evaluation table'),
  title: L('{year}年度部门（单位）整体支出绩效自评表', 'Self-evaluation of the unit’s overall spending, {yearEn}'),
  printed: true,
  sheetWidth: 113,
  fontSize: 8.5,
  className: 'self-evaluation',
  columns: columns({ a: 5, b: 9, c: 9, d: 18.5, e: 11, f: 11, g: 5.5, h: 7, i: 24 }),
  rows: [
    {
      kind: 'row',
      id: 'unit',
      cells: [
        head(L('{level}预算部门（单位）名称', 'Budget unit'), 3, { key: 'unitNameHeader' }),
        { role: 'label', cols: 6, text: L('{unitName}', '{unitName}'), align: 'left' },
      ],
    },
    {
      kind: 'row',
      id: 'budgetHead',
      cells: [
        head(L('年度预算申请（万元）', 'Annual budget (10k yuan)'), 1, { rows: 7, vertical: true, name: BUDGET }),
        { role: 'blank', cols: 2 },
        ...heads(['年初预算数', 'initial budget'], ['全年预算数', 'full-year budget'], ['全年执行数', 'full-year execution']),
        ...heads(['分值', 'weight'], ['执行率', 'execution rate'], ['得分', 'score']),
      ],
    },
    {
      kind: 'row',
      id: 'budgetTotal',
      cells: [
        { role: 'label', cols: 2, text: L('年度资金总额', 'annual total') },
        { role: 'input', field: 'selfEvaluation.budget.initialBudget', format: 'money4' },
        { role: 'input', field: 'selfEvaluation.budget.annualBudget', format: 'money4' },
        { role: 'input', field: 'selfEvaluation.budget.execution', format: 'money4' },
        { role: 'computed', computed: 'budget.executionWeight', format: 'points' },
        { role: 'computed', computed: 'budget.executionRate', format: 'percent2' },
        { role: 'computed', computed: 'budget.executionPoints', format: 'points' },
      ],
    },
    {
      kind: 'row',
      id: 'budgetSplitHead',
      cells: [
        { role: 'label', cols: 4, text: L('按收入性质分：', 'by source:'), align: 'left' },
        { role: 'label', cols: 4, text: L('按支出性质分：', 'by kind of spending:'), align: 'left' },
      ],
    },
    {
      kind: 'row',
      cells: [
        split(L('其中：一般公共预算', 'of which general public budget'), 'selfEvaluation.budget.byIncome.generalPublic', 4, L('按收入性质分 › 一般公共预算', 'by source › general public budget')),
        split(L('其中：基本支出', 'of which basic spending'), 'selfEvaluation.budget.byExpenditure.basic', 4, L('按支出性质分 › 基本支出', 'by kind › basic spending')),
      ],
    },
    {
      kind: 'row',
      cells: [
        split(L('政府性基金拨款', 'government funds'), 'selfEvaluation.budget.byIncome.governmentFund', 4, L('按收入性质分 › 政府性基金拨款', 'by source › government funds')),
        split(L('项目支出', 'project spending'), 'selfEvaluation.budget.byExpenditure.project', 4, L('按支出性质分 › 项目支出', 'by kind › project spending')),
      ],
    },
    {
      kind: 'row',
      cells: [
        split(
          L('纳入专户管理的非税收入拨款', 'non-tax revenue in special accounts'),
          'selfEvaluation.budget.byIncome.specialAccountNonTax',
          4,
          L('按收入性质分 › 纳入专户管理的非税收入拨款', 'by source › non-tax revenue in special accounts'),
        ),
        { role: 'blank', cols: 4 },
      ],
    },
    {
      kind: 'row',
      cells: [
        split(L('其他资金', 'other funds'), 'selfEvaluation.budget.byIncome.other', 4, L('按收入性质分 › 其他资金', 'by source › other funds')),
        { role: 'blank', cols: 4 },
      ],
    },
    {
      kind: 'row',
      id: 'goalHead',
      cells: [
        head(L('年度总体目标', 'Annual goal'), 1, { rows: 2, vertical: true }),
        head(L('预期目标', 'expected goal'), 4),
        head(L('实际完成情况', 'actual result'), 4),
      ],
    },
    {
      kind: 'row',
      id: 'goal',
      className: 'goal',
      minHeight: 30,
      cells: [
        { role: 'input', cols: 4, field: 'selfEvaluation.goal.expected', format: 'longText', align: 'left' },
        { role: 'input', cols: 4, field: 'selfEvaluation.goal.actual', format: 'longText', align: 'left' },
      ],
    },
    {
      kind: 'row',
      id: 'indicatorHead',
      repeatOnEachPage: true,
      cells: [
        head(L('绩效指标', 'Indicators'), 1, { rows: { through: 'indicators' }, vertical: true }),
        ...heads(['一级指标', 'level 1'], ['二级指标', 'level 2'], ['三级指标', 'level 3'], ['年度指标值', 'target'], ['实际完成值', 'actual value']),
        ...heads(['分值', 'weight'], ['得分', 'score'], ['偏差原因分析及改进措施', 'deviation reason and remedy']),
      ],
    },
    ...indicatorRowsWithTotal('selfEvaluation.indicators', 'scores'),
  ],
  footer: [
    { key: 'fillerName', label: L('填表人', 'filled in by'), field: 'basicData.contact.fillerName', cols: 3 },
    { key: 'fillDate', label: L('填报日期', 'date'), cols: 2 },
    { key: 'phone', label: L('联系电话', 'phone'), field: 'basicData.contact.phone', cols: 2 },
    { key: 'signer', label: L('单位负责人签字', 'signed by the unit head'), cols: 2 },
  ],
};

/**
 * 附：预算明细: figures the report cites that the official forms have no cell for (年初预算按
 * 功能分类, 全年执行数按经济分类). Not an official form: a workbook carries it on a hidden
 * sheet so it reads back; it is never printed.
 */
export const BUDGET_DETAIL_LAYOUT: FormLayout = {
  id: 'budgetDetail',
  name: L('预算明细', 'Budget detail'),
  title: L('附：预算明细（供自评报告引用，不打印）', 'Budget detail for the report (not printed)'),
  printed: false,
  sheetWidth: 60,
  fontSize: 10.5,
  className: 'budget-detail',
  columns: columns({ block: 35, code: 15, name: 30, amount: 20 }),
  rows: [
    {
      kind: 'row',
      id: 'functionHead',
      cells: heads(['年初预算（按功能分类）', 'initial budget by function'], ['科目编码', 'code'], ['科目名称', 'name'], ['金额（万元）', 'amount']),
    },
    {
      kind: 'list',
      id: 'initialByFunction',
      list: 'selfEvaluation.budget.initialByFunction',
      idPrefix: 'fn',
      itemLabel: L('年初预算（按功能分类）「{name}」', 'function "{name}"'),
      matchBy: ['name'],
      cells: [
        { role: 'blank' },
        { role: 'input', field: '$.id', format: 'code' },
        { role: 'input', field: '$.name', format: 'text', align: 'left', name: L('科目名称', 'name') },
        { role: 'input', field: '$.amount', format: 'money4', name: L('金额', 'amount') },
      ],
      empty: [{ role: 'blank' }, { role: 'blank' }, { role: 'blank' }, { role: 'blank' }],
    },
    {
      kind: 'row',
      id: 'economicHead',
      cells: [head(L('全年执行数（按经济分类）', 'execution by economic class')), head(L('经济分类', 'economic class'), 2), head(L('金额（万元）', 'amount'))],
    },
    ...(
      [
        ['wages', L('工资福利支出', 'wages and benefits')],
        ['goodsAndServices', L('商品和服务支出', 'goods and services')],
        ['householdSubsidies', L('对个人和家庭的补助', 'subsidies to households')],
        ['capital', L('资本性支出', 'capital spending')],
      ] as const
    ).map(([k, text]) => ({
      kind: 'row' as const,
      parent: L('支出（按经济分类）', 'spending by economic class'),
      cells: [{ role: 'blank' as const }, { role: 'label' as const, cols: 2, text, align: 'left' as const }, { role: 'input' as const, field: `selfEvaluation.budget.executionByEconomicClass.${k}`, format: 'money4' as const }],
    })),
  ],
};
