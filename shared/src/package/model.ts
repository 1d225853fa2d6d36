/**
 * The package (自评材料): three documents stored as ONE JSON document.
 *
 * Cell conventions (everywhere):
 * - money is a decimal string in 万元 (≤ 4 decimals): "150.31";
 * - `null` means empty: "none" (无);
 * - `NA` (the string "NA") means "——": not applicable (不适用);
 * - "0" is zero. All three are different and sums treat them differently (see sumCells).
 *
 * Computed values (控制率, 执行率, totals, shares, grade, 总分) are never stored: they are
 * derived by computeFigures, so a document cannot contradict itself on them.
 * Labels that depend on the campaign (year, 市级/区级) are not stored either (see formLabels).
 */
import type { Decimal, MoneyCell } from './money.js';

export type { Decimal, MoneyCell, NotApplicable } from './money.js';

/** An integer count (people), or null when empty. */
export type CountCell = number | null;

/** A stable id for a list item, used in field paths: letters, digits, "-" and "_". */
export type ItemId = string;

/** One 经费控制 row: 上年决算数, 本年预算数, 本年决算数. */
export interface MoneyRow {
  previousFinal: MoneyCell; // 上年决算数
  currentBudget: MoneyCell; // 本年预算数
  currentFinal: MoneyCell; // 本年决算数
}

export const MONEY_COLUMNS = ['previousFinal', 'currentBudget', 'currentFinal'] as const;
export type MoneyColumn = (typeof MONEY_COLUMNS)[number];

export interface SpecialFundRow extends MoneyRow {
  id: ItemId;
  name: string; // 专项名称
}

/** 楼堂馆所: one row per project completed in the fiscal year. */
export interface BuildingRow {
  id: ItemId;
  name: string; // 项目名称
  approvedArea: Decimal | null; // 批复规模（㎡）
  actualArea: Decimal | null; // 实际规模（㎡）
  budgetInvestment: MoneyCell; // 预算投资（万元）
  actualInvestment: MoneyCell; // 实际投资（万元）
}

/** A. 基础数据表 (basic data table). */
export interface BasicDataTable {
  /** 财政供养人员情况（人）; 控制率 is computed. */
  staffing: {
    authorized: CountCell; // 编制数
    actual: CountCell; // 实际在职人数
  };
  /** 三公经费: the total and 公务用车购置和维护经费 are computed from these four rows. */
  threePublic: {
    vehiclePurchase: MoneyRow; // 公车购置
    vehicleOperation: MoneyRow; // 公车运行维护
    overseas: MoneyRow; // 出国经费
    reception: MoneyRow; // 公务接待
  };
  /** 项目支出 (every project outside 基本支出); the total is computed. */
  projects: {
    businessWork: MoneyRow; // 业务工作经费
    operationMaintenance: MoneyRow; // 运行维护经费
    specialFunds: SpecialFundRow[]; // 本级专项资金, one row per 专项
  };
  /** 公用经费: the total is typed; 其中 rows are a subset of it, not a partition. */
  publicFunds: {
    total: MoneyRow; // 公用经费
    office: MoneyRow; // 其中：办公经费
    utilitiesTravel: MoneyRow; // 水费、电费、差旅费
    meetingsTraining: MoneyRow; // 会议费、培训费
  };
  procurement: MoneyRow; // 政府采购金额
  budgetAdjustment: MoneyRow; // 部门基本支出预算调整 (may be negative)
  buildings: BuildingRow[]; // 楼堂馆所控制情况
  austerityMeasures: string; // 厉行节约保障措施
  /** Who to call about this package. Date and signature come from the workflow, not from here. */
  contact: {
    fillerName: string | null; // 填表人
    phone: string | null; // 联系电话
  };
}

/** 一级指标. */
export const LEVEL1 = ['OUTPUT', 'EFFECT', 'SATISFACTION', 'COST'] as const;
export type Level1 = (typeof LEVEL1)[number];

/** 二级指标. */
export const LEVEL2 = [
  'QUANTITY', // 数量指标
  'QUALITY', // 质量指标
  'TIMELINESS', // 时效指标
  'ECONOMIC_BENEFIT', // 经济效益指标
  'SOCIAL_BENEFIT', // 社会效益指标
  'ECOLOGICAL_BENEFIT', // 生态效益指标
  'SUSTAINABILITY', // 可持续影响指标
  'SERVICE_SATISFACTION', // 服务对象满意度指标
  'ECONOMIC_COST', // 经济成本指标
  'SOCIAL_COST', // 社会成本指标
  'ECOLOGICAL_COST', // 生态环境成本指标
] as const;
export type Level2 = (typeof LEVEL2)[number];

/** The fixed level structure. A level 2 with no indicator has no rows; the form prints "无". */
export const LEVEL2_BY_LEVEL1: Record<Level1, readonly Level2[]> = {
  OUTPUT: ['QUANTITY', 'QUALITY', 'TIMELINESS'],
  EFFECT: ['ECONOMIC_BENEFIT', 'SOCIAL_BENEFIT', 'ECOLOGICAL_BENEFIT', 'SUSTAINABILITY'],
  SATISFACTION: ['SERVICE_SATISFACTION'],
  COST: ['ECONOMIC_COST', 'SOCIAL_COST', 'ECOLOGICAL_COST'],
};

export const LEVEL1_LABELS: Record<Level1, { zh: string; en: string }> = {
  OUTPUT: { zh: '产出指标', en: 'Output' },
  EFFECT: { zh: '效益指标', en: 'Effect' },
  SATISFACTION: { zh: '满意度指标', en: 'Satisfaction' },
  COST: { zh: '成本指标', en: 'Cost' },
};

export const LEVEL2_LABELS: Record<Level2, { zh: string; en: string }> = {
  QUANTITY: { zh: '数量指标', en: 'Quantity' },
  QUALITY: { zh: '质量指标', en: 'Quality' },
  TIMELINESS: { zh: '时效指标', en: 'Timeliness' },
  ECONOMIC_BENEFIT: { zh: '经济效益指标', en: 'Economic benefit' },
  SOCIAL_BENEFIT: { zh: '社会效益指标', en: 'Social benefit' },
  ECOLOGICAL_BENEFIT: { zh: '生态效益指标', en: 'Ecological benefit' },
  SUSTAINABILITY: { zh: '可持续影响指标', en: 'Sustainable impact' },
  SERVICE_SATISFACTION: { zh: '服务对象满意度指标', en: 'Service-user satisfaction' },
  ECONOMIC_COST: { zh: '经济成本指标', en: 'Economic cost' },
  SOCIAL_COST: { zh: '社会成本指标', en: 'Social cost' },
  ECOLOGICAL_COST: { zh: '生态环境成本指标', en: 'Ecological cost' },
};

/**
 * GE ≥ (more is better), LE ≤ (cost: less is better), EQ =, QUALITATIVE (定性, scored by band),
 * BY (时限: done by a month or date, "9月前"; the value is the month, or the text a date).
 */
export const OPERATORS = ['GE', 'LE', 'EQ', 'QUALITATIVE', 'BY'] as const;
export type Operator = (typeof OPERATORS)[number];
/** Printed before the number; BY prints its deadline instead ("9月前", see formatDeadline). */
export const OPERATOR_SYMBOLS: Record<Operator, string> = { GE: '≥', LE: '≤', EQ: '=', QUALITATIVE: '', BY: '' };
/** How an operator is named in a select or a legend. */
export const OPERATOR_LABELS: Record<Operator, { zh: string; en: string }> = {
  GE: { zh: '≥', en: '≥' },
  LE: { zh: '≤', en: '≤' },
  EQ: { zh: '=', en: '=' },
  QUALITATIVE: { zh: '定性', en: 'qualitative' },
  BY: { zh: '时限（前）', en: 'by (deadline)' },
};

/** Qualitative bands: 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % of the points. */
export const BANDS = ['ACHIEVED', 'PARTIAL', 'NOT_ACHIEVED'] as const;
export type QualitativeBand = (typeof BANDS)[number];
export const BAND_LABELS: Record<QualitativeBand, { zh: string; en: string }> = {
  ACHIEVED: { zh: '达成', en: 'achieved' },
  PARTIAL: { zh: '部分达成', en: 'partly achieved' },
  NOT_ACHIEVED: { zh: '未达成', en: 'not achieved' },
};

/** 年度指标值: structured, never a free string. */
export interface IndicatorTarget {
  operator: Operator;
  value: Decimal | null; // null for QUALITATIVE
  unit: string; // 次, 人, 件, 个, %, 万元 …
  text?: string; // the wording of a qualitative target
  /** As printed on an imported form ("30次", "≧95%"): display only; the structured fields are the truth. */
  raw?: string;
}

/** 实际完成值: a point value. */
export interface IndicatorActual {
  value: Decimal | null;
  unit: string;
  text?: string; // description of a qualitative result
  /** What the user typed ("≧85%"), kept so an operator or a range can be flagged. */
  raw?: string;
  band?: QualitativeBand | null; // QUALITATIVE rows only
}

/** One 三级指标 row of the 绩效自评表. */
export interface IndicatorRow {
  id: ItemId;
  level1: Level1;
  level2: Level2;
  name: string; // 三级指标
  target: IndicatorTarget;
  actual: IndicatorActual;
  weight: Decimal; // 分值
  score: Decimal | null; // 得分 as declared by the unit
  /** 偏差原因分析及改进措施: also the written reason for a score that differs from the suggestion. */
  deviationReason: string;
  /**
   * 上年实际完成值: last year's actual of the same indicator, kept when the row was carried
   * forward (read-only for the filler), so a target set below it is flagged live.
   */
  lastYearActual?: LastYearActual;
}

/** Last year's actual of a carried indicator row. */
export interface LastYearActual {
  value: Decimal | null;
  unit: string;
  text?: string; // a qualitative result
}

export interface FunctionBudgetRow {
  id: ItemId;
  name: string; // 功能分类科目, e.g. 一般公共服务支出
  amount: MoneyCell;
}

/** B. 绩效自评表 (self-evaluation scoring table). */
export interface SelfEvaluationTable {
  /** 年度预算申请（万元）. 分值 comes from the template; 执行率 and 得分 are computed. */
  budget: {
    initialBudget: MoneyCell; // 年初预算数
    annualBudget: MoneyCell; // 全年预算数
    execution: MoneyCell; // 全年执行数
    byIncome: {
      // 按收入性质分
      generalPublic: MoneyCell; // 一般公共预算
      governmentFund: MoneyCell; // 政府性基金拨款
      specialAccountNonTax: MoneyCell; // 纳入专户管理的非税收入拨款
      other: MoneyCell; // 其他资金
    };
    byExpenditure: {
      // 按支出性质分
      basic: MoneyCell; // 基本支出
      project: MoneyCell; // 项目支出
    };
    /** 年初预算 by function (功能分类), for the report; empty list = not given. */
    initialByFunction: FunctionBudgetRow[];
    /** 全年执行数 by economic class (经济分类), for the report and the shares. */
    executionByEconomicClass: {
      wages: MoneyCell; // 工资福利支出
      goodsAndServices: MoneyCell; // 商品和服务支出
      householdSubsidies: MoneyCell; // 对个人和家庭的补助
      capital: MoneyCell; // 资本性支出
    };
  };
  /** 年度总体目标. */
  goal: {
    expected: string; // 预期目标
    actual: string; // 实际完成情况
  };
  indicators: IndicatorRow[];
}

/**
 * C. 自评报告: sections keyed by a fixed key; order, level, numbering and titles come from
 * REPORT_OUTLINE (the system numbers chapters itself, numbers are never stored).
 * A section's text may contain bound-figure tokens such as {{totalSpending}}, rendered from
 * the tables (see report.ts), so the prose cannot contradict them.
 */
export const REPORT_SECTION_KEYS = [
  'basicInfo', // 一 部门基本情况
  'generalBudget', // 二 一般公共预算支出情况
  'generalBudgetBasic', // （一）基本支出情况
  'generalBudgetProject', // （二）项目支出情况
  'governmentFund', // 三 政府性基金预算支出情况
  'stateCapital', // 四 国有资本经营预算支出情况
  'socialInsurance', // 五 社会保险基金预算支出情况
  'performance', // 六 资金使用及绩效情况
  'performanceOverall', // （一）整体支出绩效情况
  'performanceGoals', // 1.绩效目标的实现情况
  'performanceEconomic', // 2.经济效益
  'performanceSocial', // 3.社会效益
  'performanceEfficiency', // 4.行政效能
  'performanceProject', // （二）项目支出绩效情况
  'problems', // 七 存在的问题及原因分析
  'improvements', // 八 下一步改进措施
  'application', // 九 部门整体支出绩效自评结果拟应用和公开情况
  'other', // 十 其他需要说明的情况
] as const;
export type ReportSectionKey = (typeof REPORT_SECTION_KEYS)[number];

export interface ReportSection {
  text: string;
}

export interface SelfEvaluationReport {
  chapters: Record<ReportSectionKey, ReportSection>;
}

/**
 * Parts of a new year's package carried forward from the unit's package of the year before
 * (结转): the 上年决算数 column (locked), the indicator rows with their targets (a starting
 * point), and chapter 一 部门基本情况 of the report (a starting point).
 */
export const CARRIED_PARTS = ['PRIOR_YEAR_COLUMN', 'INDICATORS', 'BASIC_INFO_CHAPTER'] as const;
export type CarriedPart = (typeof CARRIED_PARTS)[number];
export const CARRIED_PART_LABELS: Record<CarriedPart, { zh: string; en: string }> = {
  PRIOR_YEAR_COLUMN: { zh: '基础数据表“上年决算数”栏', en: 'previous-year final column' },
  INDICATORS: { zh: '绩效指标及年度指标值', en: 'indicators and targets' },
  BASIC_INFO_CHAPTER: { zh: '自评报告“一、部门基本情况”', en: 'report chapter 1 (basic information)' },
};

/** Where carried parts came from; the parts still as carried are listed (a reset removes its part). */
export interface CarriedFrom {
  packageId: string;
  fiscalYear: number;
  /** The source package's state when it was carried (APPROVED, PUBLISHED … or a draft). */
  sourceState?: string;
  parts: CarriedPart[];
  /** Money columns filled from the source and locked (read-only): ['previousFinal'] while carried. */
  columns: MoneyColumn[];
}

/** The whole package, stored as one JSON document. */
export interface PackageDocument {
  version: 1;
  basicData: BasicDataTable;
  selfEvaluation: SelfEvaluationTable;
  report: SelfEvaluationReport;
  /** Explanations of warnings, keyed by CheckResult.key ("CODE@path"). */
  explanations: Record<string, string>;
  /** Present when parts were carried forward from last year's package (optional: older documents have none). */
  carriedFrom?: CarriedFrom;
  /**
   * Typed into a numeric field but not a number (「1O5.2」), kept exactly as typed, by field path.
   * The field itself is null meanwhile (分值, which cannot be empty, keeps its last accepted value),
   * so no calculation sees the text; a check reports each entry as an error (see input.ts).
   */
  invalidInputs?: Record<string, string>;
  /** D. 项目支出绩效自评表, one per project (optional: absent in older documents means none; see projectEvaluationsOf). */
  projectEvaluations?: ProjectEvaluationTable[];
}

/** Campaign facts that labels and some checks depend on; never typed by the unit. */
export interface CampaignContext {
  fiscalYear: number; // 2024 for the 2024 package (evaluated in 2025)
  unitName?: string; // 株洲市渌口区工商业联合会
  /** Government level printed in the 自评表 header: "市级", "区级", "县级"… */
  governmentLevel?: string;
}

/** 优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60. */
export const GRADES = ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, { zh: string; en: string }> = {
  EXCELLENT: { zh: '优', en: 'excellent' },
  GOOD: { zh: '良', en: 'good' },
  FAIR: { zh: '中', en: 'fair' },
  POOR: { zh: '差', en: 'poor' },
};

// ─── D. 项目支出绩效自评表 (project expenditure self-evaluation tables) ─────────────────────

/** One line of a project's 项目资金（万元）: 年初预算数, 全年预算数, 全年执行数. */
export interface ProjectFundsRow {
  initialBudget: MoneyCell; // 年初预算数
  annualBudget: MoneyCell; // 全年预算数
  execution: MoneyCell; // 全年执行数
}

export const PROJECT_FUNDS_COLUMNS = ['initialBudget', 'annualBudget', 'execution'] as const;
export type ProjectFundsColumn = (typeof PROJECT_FUNDS_COLUMNS)[number];

/** Where a project's money came from; 年度资金总额 is their sum (computed, never typed). */
export const PROJECT_FUND_SOURCES = ['fiscal', 'carriedOver', 'other'] as const;
export type ProjectFundSource = (typeof PROJECT_FUND_SOURCES)[number];
export const PROJECT_FUND_SOURCE_LABELS: Record<ProjectFundSource, { zh: string; en: string }> = {
  fiscal: { zh: '当年财政拨款', en: 'this year’s appropriation' },
  carriedOver: { zh: '上年结转资金', en: 'carried over from last year' },
  other: { zh: '其他资金', en: 'other funds' },
};

/**
 * One 项目支出绩效自评表. A 专项 of the 基础数据表 is linked by `specialFundId` (its
 * 全年执行数 must equal the row's 本年决算数); other 项目支出 lines the unit lists, and
 * 结转 projects begun in earlier years, have no link.
 */
export interface ProjectEvaluationTable {
  id: ItemId; // "pe-1"
  /** The basicData.projects.specialFunds row this table evaluates, or null. */
  specialFundId: ItemId | null;
  /** 结转项目: begun in an earlier year, financed (partly) by money carried over. */
  carriedOver: boolean;
  name: string; // 项目名称
  department: string; // 主管部门
  implementer: string; // 实施单位
  funds: Record<ProjectFundSource, ProjectFundsRow>;
  /** 年度总体目标. */
  goal: { expected: string; actual: string };
  /** 绩效指标, scored by the same rules as the 自评表's. */
  indicators: IndicatorRow[];
}

/** The project tables of a document (an older document without them has none). */
export function projectEvaluationsOf(doc: Pick<PackageDocument, 'projectEvaluations'>): ProjectEvaluationTable[] {
  return Array.isArray(doc.projectEvaluations) ? doc.projectEvaluations : [];
}
