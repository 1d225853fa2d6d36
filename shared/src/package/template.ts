/**
 * The evaluation template a notice (通知) sets: level weights, an indicator catalogue to
 * suggest from, and the optional province rules.
 */
import { DECIMAL_PATTERN, compareDecimal, sumDecimals } from './money.js';
import type { Decimal } from './money.js';
import type { CampaignContext, Level1, Level2, Operator } from './model.js';
import { LEVEL1, LEVEL2_BY_LEVEL1, OPERATORS } from './model.js';

/** Weights as decimal strings (or plain numbers, accepted for convenience); they must sum to 100. */
export interface TemplateWeights {
  executionRate: Decimal | number; // 预算执行率 分值
  output: Decimal | number; // 产出
  effect: Decimal | number; // 效益
  satisfaction: Decimal | number; // 满意度
  /** 成本. 0 folds cost indicators into 产出 (the national default). */
  cost: Decimal | number;
}

export interface CatalogueEntry {
  level1: Level1;
  level2: Level2;
  name: string;
  operator: Operator;
  unit: string;
}

export interface TemplateRules {
  /** Cap 总分 by the execution rate: 70–80 % → 89, 60–70 % → 79, 50–60 % → 69, < 50 % → 59. */
  capTotalByExecutionRate: boolean;
  /** Flag an actual that beats a target by ≥ N % (target set too low); null = off. */
  overshootFlagPercent: number | null;
  /**
   * Flag a high score with low execution: score completion (declared 总分 ÷ 100) more than N
   * percentage points ahead of the execution rate (总分/100 − 执行率 > N %); null = off.
   */
  highScoreLowExecutionPercent: number | null;
  /** Flag when the unspent share of the full-year budget (1 − 执行率) is over N %; null = off. */
  unspentSharePercent: number | null;
  // The scoring variants below are optional: a template stored before they existed scores
  // exactly as it did (see SCORING_RULE_DEFAULTS).
  /** ≤ (cost) rows that overran: RATIO target ÷ actual × 分值 (default), or the national module's linear deduction. */
  reverseRule?: ReverseRule;
  /** "=" rows with a target above 0 that missed: DEVIATION (default) or scored like ≥ (AS_GE). */
  equalRule?: EqualRule;
  /** Lower bounds of 达成 and 部分达成 in % of the points: 80/60 (default, MOF pmkpi) or 80/50. */
  qualitativeBands?: QualitativeBandBounds;
  /** A deadline (时限) missed: null = 0 points (default); N = N points off per month late. */
  deadlineLatePointsPerMonth?: number | null;
  /** An overshoot at or above overshootFlagPercent: null = a warning only (default); N = N points off the row. */
  overshootDeductionPoints?: number | null;
  /** What the 自评表 splits (按收入性质, 按支出性质) must sum to: either figure (default), or one of them. */
  splitBasis?: SplitBasis;
}

export const REVERSE_RULES = ['RATIO', 'LINEAR_DEDUCTION'] as const;
export type ReverseRule = (typeof REVERSE_RULES)[number];
export const EQUAL_RULES = ['DEVIATION', 'AS_GE'] as const;
export type EqualRule = (typeof EQUAL_RULES)[number];
export const SPLIT_BASES = ['EITHER', 'ANNUAL_BUDGET', 'EXECUTION'] as const;
export type SplitBasis = (typeof SPLIT_BASES)[number];

/** 达成 from achievedMin % to 100 %, 部分达成 from partialMin % (inclusive) to achievedMin % (exclusive), 未达成 below. */
export interface QualitativeBandBounds {
  achievedMin: number;
  partialMin: number;
}

/** Every scoring parameter with its value filled in. */
export type ScoringRules = Required<Pick<TemplateRules, 'reverseRule' | 'equalRule' | 'qualitativeBands' | 'deadlineLatePointsPerMonth' | 'overshootDeductionPoints' | 'splitBasis'>> &
  Pick<TemplateRules, 'overshootFlagPercent' | 'capTotalByExecutionRate'>;

/** The defaults keep the results the system gave before the variants existed. */
export const SCORING_RULE_DEFAULTS: ScoringRules = {
  reverseRule: 'RATIO',
  equalRule: 'DEVIATION',
  qualitativeBands: { achievedMin: 80, partialMin: 60 },
  deadlineLatePointsPerMonth: null,
  overshootDeductionPoints: null,
  splitBasis: 'EITHER',
  overshootFlagPercent: null,
  capTotalByExecutionRate: false,
};

/** A template's rules with every missing scoring parameter set to its default. */
export function scoringRules(rules: Partial<TemplateRules> | null | undefined): ScoringRules {
  const r = rules ?? {};
  const d = SCORING_RULE_DEFAULTS;
  return {
    reverseRule: r.reverseRule ?? d.reverseRule,
    equalRule: r.equalRule ?? d.equalRule,
    qualitativeBands: r.qualitativeBands ?? d.qualitativeBands,
    deadlineLatePointsPerMonth: r.deadlineLatePointsPerMonth ?? d.deadlineLatePointsPerMonth,
    overshootDeductionPoints: r.overshootDeductionPoints ?? d.overshootDeductionPoints,
    splitBasis: r.splitBasis ?? d.splitBasis,
    overshootFlagPercent: r.overshootFlagPercent ?? d.overshootFlagPercent,
    capTotalByExecutionRate: r.capTotalByExecutionRate ?? d.capTotalByExecutionRate,
  };
}

export interface EvaluationTemplate {
  id: string;
  nameZh: string;
  /** Where a preset's weights and rules come from (the notice or system it copies). */
  sourceZh?: string;
  weights: TemplateWeights;
  indicatorCatalogue: CatalogueEntry[];
  rules: TemplateRules;
}

const CATALOGUE: CatalogueEntry[] = [
  { level1: 'OUTPUT', level2: 'QUANTITY', name: '召开会议次数', operator: 'GE', unit: '次' },
  { level1: 'OUTPUT', level2: 'QUANTITY', name: '走访调研企业数', operator: 'GE', unit: '家' },
  { level1: 'OUTPUT', level2: 'QUALITY', name: '工作任务完成率', operator: 'GE', unit: '%' },
  { level1: 'OUTPUT', level2: 'QUALITY', name: '资金使用合规率', operator: 'EQ', unit: '%' },
  { level1: 'OUTPUT', level2: 'TIMELINESS', name: '任务按时完成率', operator: 'GE', unit: '%' },
  { level1: 'EFFECT', level2: 'ECONOMIC_BENEFIT', name: '带动相关产业发展', operator: 'QUALITATIVE', unit: '' },
  { level1: 'EFFECT', level2: 'SOCIAL_BENEFIT', name: '政策知晓率', operator: 'GE', unit: '%' },
  { level1: 'EFFECT', level2: 'ECOLOGICAL_BENEFIT', name: '节能降耗', operator: 'QUALITATIVE', unit: '' },
  { level1: 'EFFECT', level2: 'SUSTAINABILITY', name: '长效管理机制健全性', operator: 'QUALITATIVE', unit: '' },
  { level1: 'SATISFACTION', level2: 'SERVICE_SATISFACTION', name: '服务对象满意度', operator: 'GE', unit: '%' },
  { level1: 'COST', level2: 'ECONOMIC_COST', name: '人员经费', operator: 'LE', unit: '万元' },
  { level1: 'COST', level2: 'ECONOMIC_COST', name: '公用经费', operator: 'LE', unit: '万元' },
  { level1: 'COST', level2: 'ECONOMIC_COST', name: '三公经费', operator: 'LE', unit: '万元' },
];

const RULES_OFF: TemplateRules = {
  capTotalByExecutionRate: false,
  overshootFlagPercent: null,
  highScoreLowExecutionPercent: 5,
  unspentSharePercent: 20,
};

/** National default: 执行率 10 + 产出 50 + 效益 30 + 满意度 10, cost folded into output. */
export const DEFAULT_TEMPLATE: EvaluationTemplate = {
  id: 'national-default',
  nameZh: '部门整体支出绩效自评（通用）',
  sourceZh: '部门整体支出绩效评价共性框架：执行率10、产出50、效益30、满意度10',
  weights: { executionRate: '10', output: '50', effect: '30', satisfaction: '10', cost: '0' },
  indicatorCatalogue: CATALOGUE,
  rules: { ...RULES_OFF },
};

/** 渌财通（2025）4号: 执行率 10 + 产出 40 + 效益 20 + 满意度 10 + 成本 20. */
export const LUKOU_2024_TEMPLATE: EvaluationTemplate = {
  id: 'lukou-2024',
  nameZh: '渌口区2024年度部门整体支出绩效自评',
  sourceZh: '渌财通（2025）4号：执行率10、产出40、效益20、满意度10、成本20',
  weights: { executionRate: '10', output: '40', effect: '20', satisfaction: '10', cost: '20' },
  indicatorCatalogue: CATALOGUE,
  rules: { ...RULES_OFF },
};

/**
 * The national performance module (预算绩效管理信息系统): 10/50/30/10, ≤ rows by linear
 * deduction, qualitative bands 80/60.
 */
export const NATIONAL_MODULE_TEMPLATE: EvaluationTemplate = {
  id: 'national-module',
  nameZh: '部门整体支出绩效自评（全国预算绩效管理系统规则）',
  sourceZh: '全国预算绩效管理信息系统：执行率10、产出50、效益30、满意度10；反向指标线性扣分；定性80/60',
  weights: { executionRate: '10', output: '50', effect: '30', satisfaction: '10', cost: '0' },
  indicatorCatalogue: CATALOGUE,
  rules: { ...RULES_OFF, reverseRule: 'LINEAR_DEDUCTION', qualitativeBands: { achievedMin: 80, partialMin: 60 } },
};

/**
 * The older form 塘湖镇 printed with its FY2020 table: 预算执行 20 + 年度目标 80, ratio rules,
 * qualitative bands 80/50.
 */
export const TANGHU_2020_TEMPLATE: EvaluationTemplate = {
  id: 'tanghu-2020',
  nameZh: '部门整体支出绩效自评（预算执行20分、年度目标80分）',
  sourceZh: '塘湖镇人民政府2020年度自评表所附评分说明：执行率20、产出40、效益20、满意度20；定性80/50',
  weights: { executionRate: '20', output: '40', effect: '20', satisfaction: '20', cost: '0' },
  indicatorCatalogue: CATALOGUE,
  rules: { ...RULES_OFF, reverseRule: 'RATIO', qualitativeBands: { achievedMin: 80, partialMin: 50 } },
};

export const TEMPLATE_PRESETS: Record<string, EvaluationTemplate> = {
  [DEFAULT_TEMPLATE.id]: DEFAULT_TEMPLATE,
  [LUKOU_2024_TEMPLATE.id]: LUKOU_2024_TEMPLATE,
  [NATIONAL_MODULE_TEMPLATE.id]: NATIONAL_MODULE_TEMPLATE,
  [TANGHU_2020_TEMPLATE.id]: TANGHU_2020_TEMPLATE,
};

const LEVEL_WEIGHT_KEY: Record<Level1, keyof TemplateWeights> = {
  OUTPUT: 'output',
  EFFECT: 'effect',
  SATISFACTION: 'satisfaction',
  COST: 'cost',
};

function weightOf(t: EvaluationTemplate, key: keyof TemplateWeights): Decimal {
  const w = t.weights?.[key];
  return typeof w === 'string' && DECIMAL_PATTERN.test(w) ? w : typeof w === 'number' && Number.isFinite(w) ? String(w) : '0';
}

/** The level whose weight a row counts towards: 成本 folds into 产出 when the template gives cost 0. */
export function scoringLevel(template: EvaluationTemplate, level1: Level1): Level1 {
  if (level1 === 'COST' && compareDecimal(weightOf(template, 'cost'), '0') === 0) return 'OUTPUT';
  return level1;
}

/** The weight of a level 1 in this template ("40"). */
export function levelWeight(template: EvaluationTemplate, level1: Level1): Decimal {
  return weightOf(template, LEVEL_WEIGHT_KEY[level1]);
}

export function executionRateWeight(template: EvaluationTemplate): Decimal {
  return weightOf(template, 'executionRate');
}

export interface TemplateIssue {
  path: string;
  messageZh: string;
  messageEn: string;
}

/** Problems with a template (weights not summing to 100, bad rules, catalogue levels). Never throws. */
export function validateTemplate(t: EvaluationTemplate): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  if (!t || typeof t !== 'object') {
    return [{ path: '', messageZh: '模板必须是对象', messageEn: 'the template must be an object' }];
  }
  const keys: (keyof TemplateWeights)[] = ['executionRate', 'output', 'effect', 'satisfaction', 'cost'];
  const values: Decimal[] = [];
  for (const k of keys) {
    const w = t.weights?.[k] as unknown;
    const s = typeof w === 'number' ? String(w) : w;
    if (typeof s !== 'string' || !DECIMAL_PATTERN.test(s) || s.startsWith('-')) {
      issues.push({ path: `weights.${k}`, messageZh: `权重「${k}」必须是非负数`, messageEn: `weight ${k} must be a non-negative number` });
    } else values.push(s);
  }
  if (values.length === keys.length && compareDecimal(sumDecimals(values), '100') !== 0) {
    issues.push({
      path: 'weights',
      messageZh: `各项权重之和为${sumDecimals(values)}，必须为100`,
      messageEn: `weights sum to ${sumDecimals(values)}, must be 100`,
    });
  }
  const r = t.rules;
  const pct = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100);
  if (!r || typeof r.capTotalByExecutionRate !== 'boolean') {
    issues.push({ path: 'rules.capTotalByExecutionRate', messageZh: '规则「按执行率封顶」必须是布尔值', messageEn: 'capTotalByExecutionRate must be a boolean' });
  }
  for (const k of ['overshootFlagPercent', 'highScoreLowExecutionPercent', 'unspentSharePercent'] as const) {
    if (!r || !pct(r[k])) {
      issues.push({ path: `rules.${k}`, messageZh: `规则「${k}」必须是0到100之间的数或为空`, messageEn: `${k} must be a number within 0–100 or null` });
    }
  }
  if (r) issues.push(...validateScoringRules(r));
  (Array.isArray(t.indicatorCatalogue) ? t.indicatorCatalogue : []).forEach((e, i) => {
    if (!LEVEL1.includes(e.level1) || !LEVEL2_BY_LEVEL1[e.level1].includes(e.level2)) {
      issues.push({ path: `indicatorCatalogue[#${i}]`, messageZh: `指标库第${i + 1}项的二级指标不属于其一级指标`, messageEn: `catalogue entry ${i + 1}: level 2 does not belong to level 1` });
    }
    if (!OPERATORS.includes(e.operator)) {
      issues.push({ path: `indicatorCatalogue[#${i}].operator`, messageZh: `指标库第${i + 1}项的比较方式无效`, messageEn: `catalogue entry ${i + 1}: invalid operator` });
    }
  });
  return issues;
}

const RULE_LABELS_ZH: Record<string, string> = {
  reverseRule: '反向指标计分方式',
  equalRule: '等于类指标计分方式',
  qualitativeBands: '定性指标档次界限',
  deadlineLatePointsPerMonth: '时限指标逾期每月扣分',
  overshootDeductionPoints: '超额完成扣分',
  splitBasis: '收支分类核对口径',
};

/** The optional scoring parameters: absent is fine (the default applies), present must be valid. */
function validateScoringRules(r: Partial<TemplateRules>): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const bad = (k: keyof typeof RULE_LABELS_ZH, zh: string, en: string) =>
    issues.push({ path: `rules.${k}`, messageZh: `规则「${RULE_LABELS_ZH[k]}」${zh}`, messageEn: `${k} ${en}` });
  const enumOk = (v: unknown, values: readonly string[]) => v === undefined || (typeof v === 'string' && values.includes(v));
  if (!enumOk(r.reverseRule, REVERSE_RULES)) bad('reverseRule', `必须是${REVERSE_RULES.join('或')}`, `must be one of ${REVERSE_RULES.join(', ')}`);
  if (!enumOk(r.equalRule, EQUAL_RULES)) bad('equalRule', `必须是${EQUAL_RULES.join('或')}`, `must be one of ${EQUAL_RULES.join(', ')}`);
  if (!enumOk(r.splitBasis, SPLIT_BASES)) bad('splitBasis', `必须是${SPLIT_BASES.join('或')}`, `must be one of ${SPLIT_BASES.join(', ')}`);
  const points = (v: unknown) => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100);
  if (!points(r.deadlineLatePointsPerMonth)) bad('deadlineLatePointsPerMonth', '必须是0到100之间的数或为空', 'must be a number within 0–100 or null');
  if (!points(r.overshootDeductionPoints)) bad('overshootDeductionPoints', '必须是0到100之间的数或为空', 'must be a number within 0–100 or null');
  const b = r.qualitativeBands as unknown;
  if (b !== undefined) {
    const q = b as Partial<QualitativeBandBounds> | null;
    const ok =
      !!q &&
      typeof q.achievedMin === 'number' &&
      typeof q.partialMin === 'number' &&
      Number.isFinite(q.achievedMin) &&
      Number.isFinite(q.partialMin) &&
      q.partialMin > 0 &&
      q.partialMin < q.achievedMin &&
      q.achievedMin < 100;
    if (!ok) bad('qualitativeBands', '必须满足 0 < 部分达成下限 < 达成下限 < 100', 'must satisfy 0 < partialMin < achievedMin < 100');
  }
  return issues;
}

/**
 * Labels that come from the campaign, never typed by the unit (the seed's "2023年完工项目" in
 * a 2024 package and "市级预算部门" for a district unit were typed by hand).
 */
export function formLabels(context: CampaignContext): Record<string, string> {
  const y = context.fiscalYear;
  const level = context.governmentLevel ?? '';
  return {
    basicDataTitle: `${y}年度部门（单位）整体支出绩效评价基础数据表`,
    selfEvaluationTitle: `${y}年度部门（单位）整体支出绩效自评表`,
    reportTitle: `${y}年度${context.unitName ?? ''}整体支出绩效自评报告`,
    unitNameHeader: `${level}预算部门（单位）名称`,
    staffingActualHeader: `${y}年实际在职人数`,
    previousFinalHeader: `${y - 1}年决算数`,
    currentBudgetHeader: `${y}年预算数`,
    currentFinalHeader: `${y}年决算数`,
    buildingsHeader: `楼堂馆所控制情况（${y}年完工项目）`,
  };
}
