/**
 * 项目支出绩效自评表: one copy per project (projectEvaluations), on the 自评表's nine grid
 * columns. 年度资金总额 and 执行率 / 得分 are computed (computeProjectFigures); the three
 * sources are typed; indicator rows are grouped under 一级/二级指标 as in the 自评表.
 */
import { emptyProjectEvaluation } from '../package/empty.js';
import { DEFAULT_TEMPLATE } from '../package/template.js';
import type { CellSpec, FormLayout, Label } from './types.js';
import { L } from './words.js';
import { indicatorRowsWithTotal } from './self-evaluation.js';
import { head } from './cells.js';

const FIGURES = 'projectEvaluations.tables[$]';

/** A 项目资金 source row: its label, three typed amounts, and "——" under 分值 / 执行率 / 得分. */
const sourceRow = (text: Label, source: 'fiscal' | 'carriedOver' | 'other', name: Label) => ({
  kind: 'row' as const,
  name,
  cells: [
    { role: 'label' as const, cols: 2, text, align: 'left' as const },
    ...(['initialBudget', 'annualBudget', 'execution'] as const).map((k): CellSpec => ({ role: 'input', field: `$.funds.${source}.${k}`, format: 'money4' })),
    ...Array.from({ length: 3 }, (): CellSpec => ({ role: 'notApplicable' })),
  ],
});

export const PROJECT_SELF_EVALUATION_LAYOUT: FormLayout = {
  id: 'projectSelfEvaluation',
  name: L('项目支出绩效自评表', 'Project self-evaluation table'),
  title: L('{year}年度项目支出绩效自评表', 'Project spending self-evaluation, {yearEn}'),
  printed: true,
  perItem: { list: 'projectEvaluations', idPrefix: 'pe', itemLabel: L('项目「{name}」', 'project "{name}"'), newItem: (id) => emptyProjectEvaluation(id, DEFAULT_TEMPLATE) },
  sheetWidth: 113,
  fontSize: 8.5,
  className: 'project-self-evaluation',
  columns: [
    { key: 'a', width: 5 },
    { key: 'b', width: 9 },
    { key: 'c', width: 9 },
    { key: 'd', width: 18.5 },
    { key: 'e', width: 11 },
    { key: 'f', width: 11 },
    { key: 'g', width: 5.5 },
    { key: 'h', width: 7 },
    { key: 'i', width: 24 },
  ],
  rows: [
    {
      kind: 'row',
      id: 'projectName',
      cells: [head(L('项目名称', 'Project'), 3), { role: 'input', cols: 6, field: '$.name', format: 'text', align: 'left' }],
    },
    {
      kind: 'row',
      id: 'departments',
      cells: [
        head(L('主管部门', 'Department in charge'), 3),
        { role: 'input', cols: 2, field: '$.department', format: 'text', align: 'left', name: L('主管部门', 'department in charge') },
        head(L('实施单位', 'Implementing unit')),
        { role: 'input', cols: 3, field: '$.implementer', format: 'text', align: 'left', name: L('实施单位', 'implementing unit') },
      ],
    },
    {
      kind: 'row',
      id: 'fundsHead',
      cells: [
        head(L('项目资金（万元）', 'Project funds (10k yuan)'), 1, { rows: 5, vertical: true, name: L('项目资金', 'project funds') }),
        { role: 'blank', cols: 2 },
        head(L('年初预算数', 'initial budget')),
        head(L('全年预算数', 'full-year budget')),
        head(L('全年执行数', 'full-year execution')),
        head(L('分值', 'weight')),
        head(L('执行率', 'execution rate')),
        head(L('得分', 'score')),
      ],
    },
    {
      kind: 'row',
      id: 'fundsTotal',
      cells: [
        { role: 'label', cols: 2, text: L('年度资金总额', 'annual total') },
        { role: 'computed', computed: `${FIGURES}.fundsTotal.initialBudget`, format: 'money4' },
        { role: 'computed', computed: `${FIGURES}.fundsTotal.annualBudget`, format: 'money4' },
        { role: 'computed', computed: `${FIGURES}.fundsTotal.execution`, format: 'money4' },
        { role: 'computed', computed: `${FIGURES}.executionWeight`, format: 'points' },
        { role: 'computed', computed: `${FIGURES}.executionRate`, format: 'percent2' },
        { role: 'computed', computed: `${FIGURES}.executionPoints`, format: 'points' },
      ],
    },
    sourceRow(L('其中：当年财政拨款', 'of which this year’s appropriation'), 'fiscal', L('当年财政拨款', 'this year’s appropriation')),
    sourceRow(L('上年结转资金', 'carried over from last year'), 'carriedOver', L('上年结转资金', 'carried over from last year')),
    sourceRow(L('其他资金', 'other funds'), 'other', L('其他资金', 'other funds')),
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
        { role: 'input', cols: 4, field: '$.goal.expected', format: 'longText', align: 'left' },
        { role: 'input', cols: 4, field: '$.goal.actual', format: 'longText', align: 'left' },
      ],
    },
    {
      kind: 'row',
      id: 'indicatorHead',
      repeatOnEachPage: true,
      cells: [
        head(L('绩效指标', 'Indicators'), 1, { rows: { through: 'indicators' }, vertical: true }),
        head(L('一级指标', 'level 1')),
        head(L('二级指标', 'level 2')),
        head(L('三级指标', 'level 3')),
        head(L('年度指标值', 'target')),
        head(L('实际完成值', 'actual value')),
        head(L('分值', 'weight')),
        head(L('得分', 'score')),
        head(L('偏差原因分析及改进措施', 'deviation reason and remedy')),
      ],
    },
    ...indicatorRowsWithTotal('$.indicators', FIGURES),
  ],
  footer: [
    { key: 'fillerName', label: L('填表人', 'filled in by'), field: 'basicData.contact.fillerName', cols: 3 },
    { key: 'fillDate', label: L('填报日期', 'date'), cols: 2 },
    { key: 'phone', label: L('联系电话', 'phone'), field: 'basicData.contact.phone', cols: 2 },
    { key: 'signer', label: L('单位负责人签字', 'signed by the unit head'), cols: 2 },
  ],
};
