/** 附件1 部门（单位）整体支出绩效评价基础数据表: a label column and six value columns. */
import { columns, head, heads } from './cells.js';
import type { CellSpec, FormLayout, Label, StaticRow } from './types.js';
import { L } from './words.js';

const MONEY_FIELDS = ['previousFinal', 'currentBudget', 'currentFinal'] as const;

/** A 经费控制 row: its label and three money columns of two grid columns each, typed or computed. */
function moneyRow(
  text: Label,
  indent: 0 | 1 | 2 | 3,
  source: { field: string; signed?: boolean } | { computed: string } | null,
  extra: Partial<StaticRow> = {},
): StaticRow {
  const value = (k: (typeof MONEY_FIELDS)[number]): CellSpec =>
    source === null
      ? { role: 'blank', cols: 2 }
      : 'field' in source
        ? { role: 'input', cols: 2, field: `${source.field}.${k}`, format: source.signed ? 'signedMoney4' : 'money4' }
        : { role: 'computed', cols: 2, computed: `${source.computed}.${k}`, format: 'money4' };
  return { kind: 'row', cells: [{ role: 'label', text, indent, align: 'left' }, ...MONEY_FIELDS.map(value)], ...extra };
}

const THREE_PUBLIC = L('三公经费', '"three public" expenses');
const PROJECTS = L('项目支出', 'project spending');
const PUBLIC_FUNDS = L('公用经费', 'public funds');

export const BASIC_DATA_LAYOUT: FormLayout = {
  id: 'basicData',
  name: L('基础数据表', 'Basic data table'),
  title: L('{year}年度部门（单位）整体支出绩效评价基础数据表', 'Basic data table of the unit’s overall spending, {yearEn}'),
  printed: true,
  sheetWidth: 100,
  fontSize: 9.5,
  className: 'basic-data',
  sheetSubtitle: L('单位名称：{unitName}', 'Unit: {unitName}'),
  columns: columns({ label: 31, b: 11.5, c: 11.5, d: 11.5, e: 11.5, f: 11.5, g: 11.5 }),
  rows: [
    {
      kind: 'row',
      id: 'staffingHead',
      cells: [
        head(L('财政供养人员情况（人）', 'Staffing (people)'), 1, { rows: 2, name: L('财政供养人员情况', 'staffing') }),
        head(L('编制数', 'authorized posts'), 2),
        head(L('{year}年实际在职人数', 'staff in post {yearEn}'), 2),
        head(L('控制率', 'control rate'), 2),
      ],
    },
    {
      kind: 'row',
      id: 'staffing',
      cells: [
        { role: 'input', cols: 2, field: 'basicData.staffing.authorized', format: 'count' },
        { role: 'input', cols: 2, field: 'basicData.staffing.actual', format: 'count' },
        { role: 'computed', cols: 2, computed: 'staffing.controlRate', format: 'percent2' },
      ],
    },
    {
      kind: 'row',
      id: 'moneyHead',
      className: 'head',
      cells: [
        head(L('经费控制情况（万元）', 'Spending control (10k yuan)')),
        head(L('{prevYear}年决算数', 'final accounts {prevYearEn}'), 2),
        head(L('{year}年预算数', 'budget {yearEn}'), 2),
        head(L('{year}年决算数', 'final accounts {yearEn}'), 2),
      ],
    },
    moneyRow(THREE_PUBLIC, 0, { computed: 'threePublic.total' }),
    moneyRow(L('1、公务用车购置和维护经费', 'vehicle purchase and operation'), 1, { computed: 'threePublic.vehicle' }, { parent: THREE_PUBLIC }),
    moneyRow(L('其中：公车购置', 'vehicle purchase'), 2, { field: 'basicData.threePublic.vehiclePurchase' }, { parent: THREE_PUBLIC }),
    moneyRow(L('公车运行维护', 'vehicle operation'), 3, { field: 'basicData.threePublic.vehicleOperation' }, { parent: THREE_PUBLIC }),
    moneyRow(L('2、出国经费', 'travel abroad'), 1, { field: 'basicData.threePublic.overseas' }, { parent: THREE_PUBLIC }),
    moneyRow(L('3、公务接待', 'official reception'), 1, { field: 'basicData.threePublic.reception' }, { parent: THREE_PUBLIC }),
    moneyRow(L('项目支出：', 'project spending'), 0, { computed: 'projects.total' }),
    moneyRow(L('1、业务工作经费', 'business work funds'), 1, { field: 'basicData.projects.businessWork' }, { parent: PROJECTS }),
    moneyRow(L('2、运行维护经费', 'operation and maintenance funds'), 1, { field: 'basicData.projects.operationMaintenance' }, { parent: PROJECTS }),
    moneyRow(L('……', '…'), 1, null),
    moneyRow(L('3、{fundsLevel}专项资金（一个专项一行）', 'special funds ({fundsLevelEn}), one row each'), 1, { computed: 'projects.specialFundsTotal' }, {
      id: 'specialFundsHead',
      parent: PROJECTS,
      name: L('{fundsLevel}专项资金合计', 'special funds total'),
    }),
    {
      kind: 'list',
      id: 'specialFunds',
      list: 'basicData.projects.specialFunds',
      idPrefix: 'sf',
      itemLabel: L('{fundsLevel}专项资金「{name}」', 'special fund "{name}"'),
      parent: PROJECTS,
      matchBy: ['name'],
      placeholder: /^[.…。·、\-—]*$/,
      maxItems: 50,
      addLabel: L('添加{fundsLevel}专项资金', 'add a special fund'),
      cells: [
        { role: 'input', field: '$.name', format: 'text', indent: 2, align: 'left', name: L('专项名称', 'name') },
        ...MONEY_FIELDS.map((k): CellSpec => ({ role: 'input', cols: 2, field: `$.${k}`, format: 'money4' })),
      ],
      empty: [{ role: 'label', text: L('……', '…'), indent: 1, align: 'left' }, { role: 'blank', cols: 2 }, { role: 'blank', cols: 2 }, { role: 'blank', cols: 2 }],
      helpers: [{ header: L('行编号', 'row id') }],
    },
    moneyRow(PUBLIC_FUNDS, 0, { field: 'basicData.publicFunds.total' }, { parent: PUBLIC_FUNDS, name: L('合计', 'total') }),
    moneyRow(L('其中：办公经费', 'office expenses'), 1, { field: 'basicData.publicFunds.office' }, { parent: PUBLIC_FUNDS }),
    moneyRow(L('水费、电费、差旅费', 'water, power, travel'), 2, { field: 'basicData.publicFunds.utilitiesTravel' }, { parent: PUBLIC_FUNDS }),
    moneyRow(L('会议费、培训费', 'meetings, training'), 2, { field: 'basicData.publicFunds.meetingsTraining' }, { parent: PUBLIC_FUNDS }),
    moneyRow(L('政府采购金额', 'government procurement'), 0, { field: 'basicData.procurement' }),
    moneyRow(L('部门基本支出预算调整', 'basic budget adjustment'), 0, { field: 'basicData.budgetAdjustment', signed: true }),
    {
      kind: 'row',
      id: 'buildingsHead',
      className: 'building-head',
      minHeight: 30,
      cells: [
        head(L('楼堂馆所控制情况\n（{year}年完工项目）', 'Buildings (completed in {yearEn})'), 1, { name: L('楼堂馆所控制情况', 'buildings') }),
        ...heads(['批复规模\n（㎡）', 'approved area (m²)'], ['实际规模\n（㎡）', 'actual area (m²)'], ['规模控制率', 'area control rate']),
        ...heads(['预算投资\n（万元）', 'budgeted investment'], ['实际投资\n（万元）', 'actual investment'], ['投资概算控制率', 'investment control rate']),
      ],
    },
    {
      kind: 'list',
      id: 'buildings',
      list: 'basicData.buildings',
      idPrefix: 'bld',
      itemLabel: L('楼堂馆所「{name}」', 'building "{name}"'),
      matchBy: ['name'],
      maxItems: 20,
      addLabel: L('添加楼堂馆所项目', 'add a building'),
      className: 'building',
      cells: [
        { role: 'input', field: '$.name', format: 'text', align: 'left', name: L('项目名称', 'project name') },
        { role: 'input', field: '$.approvedArea', format: 'area' },
        { role: 'input', field: '$.actualArea', format: 'area' },
        { role: 'computed', computed: 'buildings[$].areaControlRate', format: 'percent2' },
        { role: 'input', field: '$.budgetInvestment', format: 'money4' },
        { role: 'input', field: '$.actualInvestment', format: 'money4' },
        { role: 'computed', computed: 'buildings[$].investmentControlRate', format: 'percent2' },
      ],
      empty: Array.from({ length: 7 }, (): CellSpec => ({ role: 'blank' })),
      helpers: [{ header: L('行编号', 'row id') }],
    },
    {
      kind: 'row',
      id: 'austerity',
      cells: [
        head(L('厉行节约保障措施', 'austerity measures')),
        { role: 'input', cols: 6, field: 'basicData.austerityMeasures', format: 'longText', align: 'left' },
      ],
    },
  ],
  notes: [
    L(
      '说明：“项目支出”需要填报基本支出以外的所有项目支出情况，项目支出数与决算数据保持一致。“公用经费”填报基本支出中的一般商品和服务支出。',
      'Note: "project spending" covers every project outside basic spending, as in the final accounts; "public funds" is the goods and services part of basic spending.',
    ),
  ],
  footer: [
    { key: 'fillerName', label: L('填表人', 'filled in by'), field: 'basicData.contact.fillerName', cols: 1 },
    { key: 'fillDate', label: L('填报日期', 'date'), cols: 2 },
    { key: 'phone', label: L('联系电话', 'phone'), field: 'basicData.contact.phone', cols: 2 },
    { key: 'signer', label: L('单位负责人签字', 'signed by the unit head'), cols: 2 },
  ],
};
