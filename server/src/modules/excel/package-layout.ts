import type { ComputedFigures, MoneyRow, PackageDocument } from '@zipin/shared';

/**
 * The official layout of the two forms, shared by the export and the import so that a file we
 * write is a file we read. Labels are matched after normalizeLabel (see sheet-reader.ts).
 */
export const SHEET_BASIC = '基础数据表';
export const SHEET_SELF = '绩效自评表';

/** 基础数据表: label column A, three money columns of two merged cells each (B:C, D:E, F:G). */
export const BASIC_COLS = 7;
/** Helper column outside the print area: the ids of list rows, so comments stay anchored. */
export const BASIC_ID_COL = 9;
export const MONEY_COL_STARTS = [2, 4, 6] as const;

type Key = 'threePublic' | 'projects' | 'publicFunds';

export interface MoneyRowSpec {
  /** As printed (indentation included). */
  label: string;
  /** Normalized label the import looks for. */
  match: string;
  /** The input row, or undefined for a computed row. */
  input?: { group: Key | null; field: string; signed?: boolean };
  computed?: (f: ComputedFigures) => Record<'previousFinal' | 'currentBudget' | 'currentFinal', string | null>;
  /** After this row come the list rows of 本级专项资金. */
  listAfter?: boolean;
}

export const MONEY_ROWS: MoneyRowSpec[] = [
  { label: '三公经费', match: '三公经费', computed: (f) => f.threePublic.total },
  { label: '   1、公务用车购置和维护经费', match: '公务用车购置和维护经费', computed: (f) => f.threePublic.vehicle },
  { label: '       其中：公车购置', match: '公车购置', input: { group: 'threePublic', field: 'vehiclePurchase' } },
  { label: '             公车运行维护', match: '公车运行维护', input: { group: 'threePublic', field: 'vehicleOperation' } },
  { label: '   2、出国经费', match: '出国经费', input: { group: 'threePublic', field: 'overseas' } },
  { label: '   3、公务接待', match: '公务接待', input: { group: 'threePublic', field: 'reception' } },
  { label: '项目支出：', match: '项目支出', computed: (f) => f.projects.total },
  { label: '    1、业务工作经费', match: '业务工作经费', input: { group: 'projects', field: 'businessWork' } },
  { label: '    2、运行维护经费', match: '运行维护经费', input: { group: 'projects', field: 'operationMaintenance' } },
  { label: '    3、本级专项资金（一个专项一行）', match: '本级专项资金', computed: (f) => f.projects.specialFundsTotal, listAfter: true },
  { label: '公用经费', match: '公用经费', input: { group: 'publicFunds', field: 'total' } },
  { label: '    其中：办公经费', match: '办公经费', input: { group: 'publicFunds', field: 'office' } },
  { label: '          水费、电费、差旅费', match: '水费、电费、差旅费', input: { group: 'publicFunds', field: 'utilitiesTravel' } },
  { label: '          会议费、培训费', match: '会议费、培训费', input: { group: 'publicFunds', field: 'meetingsTraining' } },
  { label: '政府采购金额', match: '政府采购金额', input: { group: null, field: 'procurement' } },
  { label: '部门基本支出预算调整', match: '部门基本支出预算调整', input: { group: null, field: 'budgetAdjustment', signed: true } },
];

export function moneyRowOf(doc: PackageDocument, spec: MoneyRowSpec): MoneyRow {
  const i = spec.input!;
  const bd = doc.basicData as unknown as Record<string, Record<string, MoneyRow>>;
  return (i.group ? bd[i.group]![i.field] : (doc.basicData as unknown as Record<string, MoneyRow>)[i.field])!;
}

export function moneyPath(spec: MoneyRowSpec): string {
  const i = spec.input!;
  return i.group ? `basicData.${i.group}.${i.field}` : `basicData.${i.field}`;
}

export const MONEY_COLUMN_KEYS = ['previousFinal', 'currentBudget', 'currentFinal'] as const;

/** 绩效自评表: A 绩效指标, B 一级, C 二级, D 三级, E 指标值, F 实际值, G 分值, H 得分, I 偏差原因. */
export const SELF_COLS = 9;
/** Helper columns outside the print area (see the export's note row). */
export const SELF_OPERATOR_COL = 11;
export const SELF_ID_COL = 12;

export const INDICATOR_HEADERS = {
  level1: '一级指标',
  level2: '二级指标',
  name: '三级指标',
  target: '年度指标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  reason: '偏差原因分析及改进措施',
  operator: '比较方式',
  id: '行编号',
} as const;

export const OPERATOR_WORDS = { GE: '≥', LE: '≤', EQ: '=', QUALITATIVE: '定性', BY: '时限' } as const;

export const INCOME_LABELS = [
  ['generalPublic', '一般公共预算'],
  ['governmentFund', '政府性基金拨款'],
  ['specialAccountNonTax', '纳入专户管理的非税收入拨款'],
  ['other', '其他资金'],
] as const;

export const EXPENDITURE_LABELS = [
  ['basic', '基本支出'],
  ['project', '项目支出'],
] as const;

export const ECONOMIC_LABELS = [
  ['wages', '工资福利支出'],
  ['goodsAndServices', '商品和服务支出'],
  ['householdSubsidies', '对个人和家庭的补助'],
  ['capital', '资本性支出'],
] as const;

export const SUPPLEMENT_TITLE = '附：预算明细（供自评报告引用，不打印）';
export const FUNCTION_BLOCK = '年初预算（按功能分类）';
export const ECONOMIC_BLOCK = '全年执行数（按经济分类）';

export const NOTE_TEXT =
  '说明：“项目支出”需要填报基本支出以外的所有项目支出情况，项目支出数与决算数据保持一致。“公用经费”填报基本支出中的一般商品和服务支出。';
