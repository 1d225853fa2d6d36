/**
 * The one shared rule set: the client runs it on every keystroke, the server enforces it on submit.
 *
 * A check fires whenever its condition holds. Errors block submission. A warning is satisfied
 * ("explained") when the unit has written why: in doc.explanations[key], or, for row-level
 * deviations and score overrides, in the row's 偏差原因分析及改进措施 column.
 *
 * Rules enforced by the model itself rather than by a check (no input exists to get wrong):
 * computed fields are never typed (控制率, 执行率, 执行率得分, 三公 total and 公务用车 subtotal,
 * 项目支出 total, 楼堂馆所 control rates, shares, 总分 = Σ得分, grade) and chapter numbering.
 */
import { DECIMAL_PATTERN, compareDecimal, decimalApproxEquals, formatMoney, hasAmount, roundDecimal, subDecimal, trimDecimal } from './money.js';
import type { MoneyCell } from './money.js';
import type { CampaignContext, IndicatorRow, MoneyRow, PackageDocument } from './model.js';
import { LEVEL1, LEVEL1_LABELS, MONEY_COLUMNS, REPORT_SECTION_KEYS } from './model.js';
import { computeFigures } from './calculations.js';
import type { ComputedFigures, IndicatorFigures } from './calculations.js';
import { PROJECT_CHECK_CATALOGUE, checkProjectEvaluations } from './checks-projects.js';
import { REPORT_OUTLINE, sectionHeading } from './outline.js';
import { indicatorPath, reportPath } from './paths.js';
import { TOKEN_PATTERN, unknownReportTokens, unknownTokenMessage } from './report.js';
import { REPORT_CONSISTENCY_CATALOGUE, checkReportConsistency } from './checks-report.js';
import { columnLabel } from '../forms/field-labels.js';
import { normalizeUnit } from './scoring.js';
import { targetBelowLastYear } from './carry-forward.js';
import type { EvaluationTemplate, SplitBasis } from './template.js';
import { INPUT_CHECK_CATALOGUE, withInputChecks } from './checks-input.js';
import { scoringRules } from './template.js';
import { BUDGET_CHECK_CATALOGUE, checkBudgetRows, checkFormalism, type EmitCheck } from './checks-budget.js';
import { bandOfActual, completionOfActual, deadlineOfTarget } from './target-text.js';
import { bandText, deadlineText, scoreWithinBand } from './scoring.js';

/** error blocks submission; warning needs an explanation; note only informs (how a spelling was read). */
export type Severity = 'error' | 'warning' | 'note';

export interface CheckResult {
  code: CheckCode;
  severity: Severity;
  /** Field paths it points at (see paths.ts); the first one anchors the key. */
  paths: string[];
  messageZh: string;
  messageEn: string;
  /** `${code}@${paths[0]}` (plus "#n" if the same pair fires again): where an explanation attaches. */
  key: string;
  /** Warnings only: the unit has written why. */
  explained?: boolean;
}

/** Every check code with its severity and meaning (for docs and the client's legend). */
export const CHECK_CATALOGUE = {
  REQUIRED_VALUE_MISSING: ['error', '必填数值未填写', 'a required number is empty'],
  REQUIRED_TEXT_MISSING: ['error', '必填文字未填写', 'a required text is empty'],
  STAFFING_OVER_QUOTA: ['warning', '实际在职人数超过编制数（控制率>100%）', 'staff in post exceed authorized posts'],
  THREE_PUBLIC_OVER_BUDGET: ['warning', '三公经费决算数超过预算数', '"three public" final above budget'],
  PUBLIC_FUNDS_OVER_BUDGET: ['warning', '公用经费决算数超过预算数', 'public funds final above budget'],
  PUBLIC_FUNDS_ITEM_EXCEEDS_TOTAL: ['error', '公用经费“其中”项大于合计', 'a public-funds item exceeds the total'],
  PUBLIC_FUNDS_ITEMS_EXCEED_TOTAL: ['error', '公用经费“其中”各项之和大于合计', 'public-funds items sum above the total'],
  PROJECT_SPENDING_MISMATCH: ['warning', '基础数据表项目支出与自评表项目支出不一致', 'project spending differs between the tables'],
  BUILDING_AREA_OVER_APPROVED: ['warning', '楼堂馆所实际规模超过批复规模', 'building area above approval'],
  BUILDING_INVESTMENT_OVER_BUDGET: ['warning', '楼堂馆所实际投资超过预算投资', 'building investment above budget'],
  EXECUTION_RATE_LOW: ['warning', '预算执行率低于90%', 'execution rate below 90 %'],
  EXECUTION_ABOVE_BUDGET: ['warning', '全年执行数超过全年预算数', 'execution above the full-year budget'],
  UNSPENT_SHARE_HIGH: ['warning', '结余比例过高（模板规则）', 'unspent share too high (template rule)'],
  INCOME_SPLIT_MISMATCH: ['error', '按收入性质分之和不等于全年预算数（或执行数）', 'split by source does not add up'],
  EXPENDITURE_SPLIT_MISMATCH: ['error', '按支出性质分之和不等于全年预算数（或执行数）', 'split by kind does not add up'],
  INITIAL_BUDGET_FUNCTION_MISMATCH: ['error', '年初预算按功能分类之和不等于年初预算数', 'initial budget by function does not add up'],
  ECONOMIC_CLASS_MISMATCH: ['error', '按经济分类支出之和不等于全年执行数', 'spending by economic class does not add up'],
  PUBLIC_FUNDS_NOT_GOODS_AND_SERVICES: ['error', '公用经费决算数与商品和服务支出不符', 'public funds final does not match goods and services'],
  WEIGHTS_NOT_100: ['error', '分值合计不等于100', 'weights do not sum to 100'],
  LEVEL_WEIGHT_MISMATCH: ['error', '一级指标下各行分值之和与模板分值不符', 'a level’s rows do not sum to its weight'],
  TARGET_VALUE_MISSING: ['error', '年度指标值未填写', 'target value missing'],
  ACTUAL_VALUE_MISSING: ['error', '实际完成值未填写', 'actual value missing'],
  QUALITATIVE_BAND_MISSING: ['error', '定性指标未选择完成档次', 'qualitative band missing'],
  UNIT_MISMATCH: ['error', '指标值与实际完成值单位不一致', 'target and actual units differ'],
  ACTUAL_NOT_A_POINT_VALUE: ['error', '实际完成值写成了范围或带比较符号', 'actual written as a range or with an operator'],
  RAW_VALUE_MISMATCH: ['error', '填写内容与数值不一致', 'typed text and stored value differ'],
  PERCENT_OVER_100: ['warning', '百分比实际完成值超过100%', 'a percentage actual above 100 %'],
  SCORE_MISSING: ['error', '得分未填写', 'score missing'],
  SCORE_OUT_OF_RANGE: ['error', '得分不在0到分值之间', 'score outside 0..weight'],
  SCORE_ABOVE_SUGGESTION_NO_REASON: ['error', '得分高于系统建议分且未说明原因', 'score above the suggestion with no reason'],
  SCORE_ABOVE_SUGGESTION: ['warning', '得分高于系统建议分（已说明原因）', 'score above the suggestion (reason given)'],
  SCORE_BELOW_SUGGESTION: ['warning', '得分低于系统建议分，需说明原因', 'score below the suggestion needs a reason'],
  INDICATOR_DEVIATION: ['warning', '实际完成值偏离指标值，需填写偏差原因', 'actual deviates from target, reason needed'],
  INDICATOR_OVERSHOOT: ['warning', '实际完成值大幅超过指标值（指标可能设置偏低）', 'actual far above target (target too low?)'],
  TARGET_BELOW_LAST_YEAR_ACTUAL: ['warning', '年度指标值低于上年实际完成值（成本指标为高于），指标可能设置偏低', 'target set below last year’s actual (above it for a cost)'],
  INDICATOR_LABEL_MISMATCH: ['warning', '指标名称与基础数据表的同名项目数值不符', 'indicator name and data-table row disagree'],
  TOTAL_DIFFERS_FROM_SUGGESTION: ['warning', '自评总分与系统建议总分不同', 'declared total differs from the suggested total'],
  TOTAL_CAPPED_BY_EXECUTION_RATE: ['warning', '总分按预算执行率封顶（模板规则）', 'total capped by the execution rate (template rule)'],
  HIGH_SCORE_LOW_EXECUTION: ['warning', '自评得分高而预算执行率偏低（模板规则）', 'high score with low execution (template rule)'],
  GOAL_ACTUAL_VAGUE: ['warning', '年度总体目标实际完成情况过于笼统', 'actual result of the annual goal too vague'],
  REPORT_SECTION_EMPTY: ['error', '自评报告章节为空', 'report section empty'],
  REPORT_UNKNOWN_TOKEN: ['error', '自评报告含无法识别的数据占位符', 'report contains an unknown figure token'],
  REPORT_FIGURE_NOT_IN_TABLES: ['warning', '自评报告中的数字在表格中找不到', 'report figure not found in the tables'],
  STALE_YEAR_LABEL: ['warning', '文字中的年份与评价年度不符', 'a year in the text differs from the fiscal year'],
  ...REPORT_CONSISTENCY_CATALOGUE,
  QUALITATIVE_SCORE_OUTSIDE_BAND: ['error', '定性指标得分不在所选完成档次的分数区间内', 'a qualitative score lies outside its band'],
  DEADLINE_UNREADABLE: ['error', '时限指标的期限或完成时间无法识别（应为月份或日期）', 'a deadline or completion time is not a month or date'],
  ...BUDGET_CHECK_CATALOGUE,
  ...INPUT_CHECK_CATALOGUE,
  ...PROJECT_CHECK_CATALOGUE,
} as const satisfies Record<string, readonly [Severity, string, string]>;

export type CheckCode = keyof typeof CHECK_CATALOGUE;

export interface CheckSummary {
  errors: number;
  warnings: number;
  unexplainedWarnings: number;
  /** No error and every warning explained. */
  canSubmit: boolean;
}

export function summarizeChecks(results: readonly CheckResult[]): CheckSummary {
  let errors = 0;
  let warnings = 0;
  let unexplainedWarnings = 0;
  for (const r of results) {
    if (r.severity === 'error') errors += 1;
    else if (r.severity === 'warning') {
      warnings += 1;
      if (!r.explained) unexplainedWarnings += 1;
    }
  }
  return { errors, warnings, unexplainedWarnings, canSubmit: errors === 0 && unexplainedWarnings === 0 };
}

const blank = (s: string | null | undefined) => (s ?? '').trim() === '';
const m = (cell: MoneyCell | undefined) => formatMoney(cell) || '空';
/** A money column as the form heads it (the layouts' label: 2024年决算数, or 本年决算数 without a campaign). */
const columnZh = (c: Ctx, col: string) => columnLabel(`basicData.publicFunds.total.${col}`, c.context ? { context: c.context } : {}).zh;

/** An actual typed with an operator or as a range: "≧85%", "85-90", "90%以上", "约90". */
const RANGE_OR_OPERATOR = /[≥≧≤≦><＞＜~～〜]|以上|以下|以内|不低于|不高于|不少于|不超过|至少|至多|约|左右|\d\s*[-－—–至到]\s*\d/;
const FIRST_NUMBER = /-?\d+(?:\.\d+)?/;
const FIGURE_IN_TEXT = /(\d+(?:\.\d+)?)\s*(万元|%|％)/g;
const YEAR_IN_TEXT = /(20\d{2})\s*年/g;

/** Fast canonical form of an unsigned decimal literal: "5.60" → "5.6", "100.00" → "100". */
function canon(s: string): string {
  let t = s.replace(/^0+(?=\d)/, '');
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  return t;
}

interface Ctx {
  doc: PackageDocument;
  figures: ComputedFigures;
  out: CheckResult[];
  seen: Map<string, number>;
  context?: CampaignContext;
  /** While set, every emit is also written here (see CheckReuse). */
  record?: EmitCall[];
}

/** One emit's arguments, kept to be replayed. */
type EmitCall = [code: CheckCode, paths: string[], messageZh: string, messageEn: string, explainedByRow: boolean];

/**
 * Checks of the figures' own parts (基础数据表, 预算执行, 绩效指标, 得分) from an earlier run on
 * the same package, replayed while figures, those parts, template and campaign are the same
 * objects and values. Only for documents never changed in place (the server's, which shares a
 * save's unchanged parts with the version before); the client, whose document is edited in
 * place, passes none. Replaying goes through emit, so keys, numbering and whether a warning is
 * explained come out as a fresh run would give them. The texts' checks always run.
 */
export interface CheckReuse {
  figureParts?: { inputs: readonly unknown[]; calls: EmitCall[] };
  budgetRows?: { inputs: readonly unknown[]; calls: EmitCall[] };
}

/** Replays the block's calls when its inputs are the same, else runs it (recording when there is a `reuse`). */
function replayOrRun(c: Ctx, reuse: CheckReuse | undefined, block: keyof CheckReuse, inputs: readonly unknown[], run: () => void): void {
  const kept = reuse?.[block];
  if (kept && kept.inputs.length === inputs.length && kept.inputs.every((part, i) => part === inputs[i])) {
    for (const call of kept.calls) emit(c, ...call);
    return;
  }
  if (!reuse) return run();
  c.record = [];
  run();
  reuse[block] = { inputs, calls: c.record };
  delete c.record;
}

function emit(c: Ctx, code: CheckCode, paths: string[], messageZh: string, messageEn: string, explainedByRow = false): void {
  c.record?.push([code, paths, messageZh, messageEn, explainedByRow]);
  const severity = CHECK_CATALOGUE[code][0];
  const base = `${code}@${paths[0] ?? ''}`;
  const n = (c.seen.get(base) ?? 0) + 1;
  c.seen.set(base, n);
  const key = n === 1 ? base : `${base}#${n}`;
  const r: CheckResult = { code, severity, paths, messageZh, messageEn, key };
  if (severity === 'warning') r.explained = explainedByRow || !blank(c.doc.explanations?.[key]);
  c.out.push(r);
}

/** For the checks of other tables (checks-projects.ts): the run's context and its one way to report. */
export type CheckRunContext = Ctx;
export { emit as emitCheck };

function checkBasicData(c: Ctx, template: EvaluationTemplate): void {
  const { doc, figures } = c;
  const bd = doc.basicData;
  const s = bd.staffing;
  if (s.authorized === null) emit(c, 'REQUIRED_VALUE_MISSING', ['basicData.staffing.authorized'], '基础数据表 › 编制数：未填写', 'authorized posts: empty');
  if (s.actual === null) emit(c, 'REQUIRED_VALUE_MISSING', ['basicData.staffing.actual'], '基础数据表 › 实际在职人数：未填写', 'staff in post: empty');
  if (s.authorized !== null && s.actual !== null && s.actual > s.authorized) {
    emit(
      c,
      'STAFFING_OVER_QUOTA',
      ['basicData.staffing.actual', 'basicData.staffing.authorized'],
      `实际在职${s.actual}人，编制${s.authorized}人，控制率${trimDecimal(figures.staffing.controlRate ?? '0')}%，超过100%：请说明原因`,
      `${s.actual} staff in post for ${s.authorized} posts (control rate ${trimDecimal(figures.staffing.controlRate ?? '0')} %): explain why`,
    );
  }
  const tp = figures.threePublic.total;
  if (hasAmount(tp.currentFinal) && hasAmount(tp.currentBudget) && compareDecimal(tp.currentFinal, tp.currentBudget) > 0) {
    emit(
      c,
      'THREE_PUBLIC_OVER_BUDGET',
      ['basicData.threePublic'],
      `三公经费决算${m(tp.currentFinal)}万元超过预算${m(tp.currentBudget)}万元：请说明原因`,
      `"three public" final ${m(tp.currentFinal)} above budget ${m(tp.currentBudget)}: explain why`,
    );
  }
  const pf = bd.publicFunds;
  if (hasAmount(pf.total.currentFinal) && hasAmount(pf.total.currentBudget) && compareDecimal(pf.total.currentFinal, pf.total.currentBudget) > 0) {
    const rate = trimDecimal(figures.publicFunds.finalToBudgetRate ?? '0');
    emit(
      c,
      'PUBLIC_FUNDS_OVER_BUDGET',
      ['basicData.publicFunds.total.currentFinal', 'basicData.publicFunds.total.currentBudget'],
      `公用经费决算${m(pf.total.currentFinal)}万元，预算${m(pf.total.currentBudget)}万元（${rate}%）：超出预算，请说明原因`,
      `public funds final ${m(pf.total.currentFinal)} against budget ${m(pf.total.currentBudget)} (${rate} %): explain the overrun`,
    );
  }
  const items = [
    ['office', '办公经费'],
    ['utilitiesTravel', '水费、电费、差旅费'],
    ['meetingsTraining', '会议费、培训费'],
  ] as const;
  for (const col of MONEY_COLUMNS) {
    const total = pf.total[col];
    const totalValue = hasAmount(total) ? total : '0';
    for (const [k, zh] of items) {
      const v = pf[k][col];
      if (hasAmount(v) && compareDecimal(v, totalValue) > 0) {
        emit(
          c,
          'PUBLIC_FUNDS_ITEM_EXCEEDS_TOTAL',
          [`basicData.publicFunds.${k}.${col}`, `basicData.publicFunds.total.${col}`],
          `公用经费 › ${zh} › ${columnZh(c, col)}${m(v)}万元大于公用经费合计${m(total)}万元`,
          `public funds ${k} ${col} ${m(v)} exceeds the total ${m(total)}`,
        );
      }
    }
    const itemsSum = figures.publicFunds.itemsSum[col];
    if (hasAmount(itemsSum) && compareDecimal(itemsSum, totalValue) > 0) {
      emit(
        c,
        'PUBLIC_FUNDS_ITEMS_EXCEED_TOTAL',
        [`basicData.publicFunds.total.${col}`],
        `公用经费 › ${columnZh(c, col)}：其中各项之和${m(itemsSum)}万元大于合计${m(total)}万元`,
        `public funds ${col}: items sum ${m(itemsSum)} exceeds the total ${m(total)}`,
      );
    }
  }
  const projectFinal = figures.projects.total.currentFinal;
  const projectSe = doc.selfEvaluation.budget.byExpenditure.project;
  const pA = hasAmount(projectFinal) ? projectFinal : '0';
  const pB = hasAmount(projectSe) ? projectSe : '0';
  if (compareDecimal(pA, pB) !== 0) {
    emit(
      c,
      'PROJECT_SPENDING_MISMATCH',
      ['basicData.projects', 'selfEvaluation.budget.byExpenditure.project'],
      `基础数据表项目支出决算合计${trimDecimal(pA)}万元，自评表项目支出${trimDecimal(pB)}万元，不一致`,
      `project spending ${trimDecimal(pA)} in the data table, ${trimDecimal(pB)} in the self-evaluation table`,
    );
  }
  for (const [i, r] of bd.buildings.entries()) {
    const f = figures.buildings[i];
    const base = `basicData.buildings[${r.id}]`;
    if (blank(r.name)) emit(c, 'REQUIRED_TEXT_MISSING', [`${base}.name`], '楼堂馆所 › 项目名称：未填写', 'building name empty');
    if (f?.areaControlRate && compareDecimal(f.areaControlRate, '100') > 0) {
      emit(c, 'BUILDING_AREA_OVER_APPROVED', [`${base}.actualArea`, `${base}.approvedArea`], `楼堂馆所「${r.name}」规模控制率${trimDecimal(f.areaControlRate)}%，超过批复规模：请说明原因`, `building "${r.name}" area control rate ${trimDecimal(f.areaControlRate)} %: explain why`);
    }
    if (f?.investmentControlRate && compareDecimal(f.investmentControlRate, '100') > 0) {
      emit(c, 'BUILDING_INVESTMENT_OVER_BUDGET', [`${base}.actualInvestment`, `${base}.budgetInvestment`], `楼堂馆所「${r.name}」投资概算控制率${trimDecimal(f.investmentControlRate)}%，超过预算投资：请说明原因`, `building "${r.name}" investment control rate ${trimDecimal(f.investmentControlRate)} %: explain why`);
    }
  }
  for (const r of bd.projects.specialFunds) {
    if (blank(r.name)) emit(c, 'REQUIRED_TEXT_MISSING', [`basicData.projects.specialFunds[${r.id}].name`], '本级专项资金 › 专项名称：未填写', 'special fund name empty');
  }
  if (blank(bd.austerityMeasures)) emit(c, 'REQUIRED_TEXT_MISSING', ['basicData.austerityMeasures'], '基础数据表 › 厉行节约保障措施：未填写', 'austerity measures: empty');
  void template;
}

function splitCheck(c: Ctx, code: CheckCode, total: MoneyCell, paths: string[], zh: string, en: string, annual: MoneyCell, execution: MoneyCell, basis: SplitBasis): void {
  if (!hasAmount(total)) return;
  const okAnnual = hasAmount(annual) && compareDecimal(total, annual) === 0;
  const okExec = hasAmount(execution) && compareDecimal(total, execution) === 0;
  const diff = (other: MoneyCell) => (hasAmount(other) ? `，相差${trimDecimal(subDecimal(total, other).replace(/^-/, ''))}万元` : '');
  const diffEn = (other: MoneyCell) => (hasAmount(other) ? ` (off by ${trimDecimal(subDecimal(total, other).replace(/^-/, ''))})` : '');
  if (basis === 'ANNUAL_BUDGET' && !okAnnual) {
    emit(c, code, [...paths, 'selfEvaluation.budget.annualBudget'], `${zh}之和${m(total)}万元，不等于全年预算数${m(annual)}万元${diff(annual)}`, `${en} sums to ${m(total)}, not the full-year budget ${m(annual)}${diffEn(annual)}`);
  } else if (basis === 'EXECUTION' && !okExec) {
    emit(c, code, [...paths, 'selfEvaluation.budget.execution'], `${zh}之和${m(total)}万元，不等于全年执行数${m(execution)}万元${diff(execution)}`, `${en} sums to ${m(total)}, not the execution ${m(execution)}${diffEn(execution)}`);
  } else if (basis === 'EITHER' && !okAnnual && !okExec) {
    emit(
      c,
      code,
      paths,
      `${zh}之和${m(total)}万元，不等于全年预算数${m(annual)}万元${diff(annual)}，也不等于全年执行数${m(execution)}万元${diff(execution)}`,
      `${en} sums to ${m(total)}, neither the full-year budget ${m(annual)}${diffEn(annual)} nor the execution ${m(execution)}${diffEn(execution)}`,
    );
  }
}

function checkBudget(c: Ctx, template: EvaluationTemplate): void {
  const { doc, figures } = c;
  const b = doc.selfEvaluation.budget;
  const P = 'selfEvaluation.budget';
  for (const [k, zh] of [
    ['initialBudget', '年初预算数'],
    ['annualBudget', '全年预算数'],
    ['execution', '全年执行数'],
  ] as const) {
    if (!hasAmount(b[k])) emit(c, 'REQUIRED_VALUE_MISSING', [`${P}.${k}`], `绩效自评表 › ${zh}：未填写`, `${k}: empty`);
  }
  const rate = figures.budget.executionRateExact;
  if (rate !== null) {
    const shown = trimDecimal(figures.budget.executionRate ?? '0');
    if (compareDecimal(rate, '90') < 0) {
      emit(c, 'EXECUTION_RATE_LOW', [`${P}.execution`], `预算执行率${shown}%，低于90%：请说明原因`, `execution rate ${shown} % is below 90 %: explain why`);
    }
    if (compareDecimal(rate, '100') > 0) {
      const over = trimDecimal(subDecimal(b.execution as string, b.annualBudget as string));
      emit(
        c,
        'EXECUTION_ABOVE_BUDGET',
        [`${P}.execution`, `${P}.annualBudget`],
        `全年执行数${m(b.execution)}万元超过全年预算数${m(b.annualBudget)}万元${over}万元（执行率${shown}%，执行率得分按满分封顶）：请说明超预算支出的原因和资金来源`,
        `execution ${m(b.execution)} exceeds the full-year budget ${m(b.annualBudget)} by ${over} (${shown} %, its points capped at full): explain the overspend and where the money came from`,
      );
    }
    const unspent = template.rules?.unspentSharePercent;
    if (typeof unspent === 'number' && compareDecimal(subDecimal('100', rate), String(unspent)) > 0) {
      emit(c, 'UNSPENT_SHARE_HIGH', [`${P}.execution`], `结余资金占全年预算的${trimDecimal(subDecimal('100', figures.budget.executionRate ?? '0'))}%，超过${unspent}%：请说明原因`, `unspent share above ${unspent} %: explain why`);
    }
  }
  const basis = scoringRules(template.rules).splitBasis;
  splitCheck(c, 'INCOME_SPLIT_MISMATCH', figures.budget.incomeSplitTotal, [`${P}.byIncome`], '按收入性质分', 'split by source', b.annualBudget, b.execution, basis);
  splitCheck(c, 'EXPENDITURE_SPLIT_MISMATCH', figures.budget.expenditureSplitTotal, [`${P}.byExpenditure`], '按支出性质分', 'split by kind', b.annualBudget, b.execution, basis);
  const fnTotal = figures.budget.initialByFunctionTotal;
  if (b.initialByFunction.length > 0 && hasAmount(fnTotal) && (!hasAmount(b.initialBudget) || compareDecimal(fnTotal, b.initialBudget) !== 0)) {
    emit(c, 'INITIAL_BUDGET_FUNCTION_MISMATCH', [`${P}.initialByFunction`, `${P}.initialBudget`], `年初预算按功能分类之和${m(fnTotal)}万元，不等于年初预算数${m(b.initialBudget)}万元`, `initial budget by function sums to ${m(fnTotal)}, not ${m(b.initialBudget)}`);
  }
  for (const r of b.initialByFunction) {
    if (blank(r.name)) emit(c, 'REQUIRED_TEXT_MISSING', [`${P}.initialByFunction[${r.id}].name`], '年初预算（按功能分类） › 科目名称：未填写', 'function name empty');
  }
  const ecTotal = figures.budget.economicClassTotal;
  if (hasAmount(ecTotal) && (!hasAmount(b.execution) || compareDecimal(ecTotal, b.execution) !== 0)) {
    emit(c, 'ECONOMIC_CLASS_MISMATCH', [`${P}.executionByEconomicClass`, `${P}.execution`], `按经济分类支出之和${m(ecTotal)}万元，不等于全年执行数${m(b.execution)}万元`, `spending by economic class sums to ${m(ecTotal)}, not ${m(b.execution)}`);
  }
  const pfFinal = doc.basicData.publicFunds.total.currentFinal;
  const gs = b.executionByEconomicClass.goodsAndServices;
  if (hasAmount(pfFinal) && hasAmount(gs)) {
    const projects = figures.projects.total.currentFinal;
    const hasProjects = (hasAmount(projects) && compareDecimal(projects, '0') > 0) || (hasAmount(b.byExpenditure.project) && compareDecimal(b.byExpenditure.project, '0') > 0);
    const bad = hasProjects ? compareDecimal(pfFinal, gs) > 0 : compareDecimal(pfFinal, gs) !== 0;
    if (bad) {
      emit(
        c,
        'PUBLIC_FUNDS_NOT_GOODS_AND_SERVICES',
        ['basicData.publicFunds.total.currentFinal', `${P}.executionByEconomicClass.goodsAndServices`],
        hasProjects
          ? `公用经费决算${m(pfFinal)}万元大于商品和服务支出${m(gs)}万元`
          : `公用经费决算${m(pfFinal)}万元应等于商品和服务支出${m(gs)}万元（无项目支出时）`,
        `public funds final ${m(pfFinal)} vs goods and services ${m(gs)}`,
      );
    }
  }
}

interface LabelRow {
  pattern: RegExp;
  zh: string;
  path: string;
  row: (doc: PackageDocument, f: ComputedFigures) => MoneyRow | Record<string, MoneyCell>;
}

const LABEL_ROWS: LabelRow[] = [
  { pattern: /办公经费/, zh: '办公经费', path: 'basicData.publicFunds.office', row: (d) => d.basicData.publicFunds.office },
  { pattern: /公用经费/, zh: '公用经费', path: 'basicData.publicFunds.total', row: (d) => d.basicData.publicFunds.total },
  { pattern: /三公经费/, zh: '三公经费', path: 'basicData.threePublic', row: (_d, f) => f.threePublic.total },
  { pattern: /公务接待/, zh: '公务接待', path: 'basicData.threePublic.reception', row: (d) => d.basicData.threePublic.reception },
  { pattern: /会议费|培训费/, zh: '会议费、培训费', path: 'basicData.publicFunds.meetingsTraining', row: (d) => d.basicData.publicFunds.meetingsTraining },
  { pattern: /水费|电费|差旅费/, zh: '水费、电费、差旅费', path: 'basicData.publicFunds.utilitiesTravel', row: (d) => d.basicData.publicFunds.utilitiesTravel },
  { pattern: /出国/, zh: '出国经费', path: 'basicData.threePublic.overseas', row: (d) => d.basicData.threePublic.overseas },
];

function checkLabel(c: Ctx, row: IndicatorRow): void {
  if (normalizeUnit(row.actual.unit || row.target.unit) !== '万元' || !DECIMAL_PATTERN.test(row.actual.value ?? '')) return;
  const label = LABEL_ROWS.find((l) => l.pattern.test(row.name));
  if (!label) return;
  const final = label.row(c.doc, c.figures).currentFinal;
  const actual = row.actual.value!;
  if (!hasAmount(final) || decimalApproxEquals(actual, final, '0.01')) return;
  const other = LABEL_ROWS.find((l) => l !== label && (() => {
    const v = l.row(c.doc, c.figures).currentFinal;
    return hasAmount(v) && decimalApproxEquals(actual, v, '0.01');
  })());
  const hint = other ? `，而与「${other.zh}」决算数一致，名称可能用错` : '';
  emit(
    c,
    'INDICATOR_LABEL_MISMATCH',
    [indicatorPath(row.id, 'name'), `${label.path}.currentFinal`],
    `指标「${row.name}」的实际完成值${trimDecimal(actual)}万元，与基础数据表「${label.zh}」决算数${m(final)}万元不符${hint}`,
    `indicator "${row.name}" actual ${trimDecimal(actual)} differs from the data table's ${label.zh} final ${m(final)}${other ? ` and matches ${other.zh}` : ''}`,
  );
}

function checkIndicators(c: Ctx, template: EvaluationTemplate): void {
  checkIndicatorRows(c, template, c.doc.selfEvaluation.indicators, c.figures.indicators, indicatorPath, true);
}

/**
 * The row checks of an indicator table: the 自评表's, or a 项目支出绩效自评表's (whose rows are
 * not compared with the 基础数据表's unit-wide rows by name).
 */
export function checkIndicatorRows(
  c: CheckRunContext,
  template: EvaluationTemplate,
  rows: readonly IndicatorRow[],
  rowFigures: readonly IndicatorFigures[],
  pathOf: (id: string, field: string) => string,
  compareWithDataTable: boolean,
): void {
  for (const [i, row] of rows.entries()) {
    const f = rowFigures[i]!;
    const p = (field: string) => pathOf(row.id, field);
    const label = blank(row.name) ? `第${i + 1}行` : row.name;
    // "指标「人员保障」", or "指标 第3行" for a row without a name (never its internal id).
    const named = blank(row.name) ? `指标 ${label}` : `指标「${label}」`;
    const reason = !blank(row.deviationReason);
    if (blank(row.name)) emit(c, 'REQUIRED_TEXT_MISSING', [p('name')], `绩效指标 第${i + 1}行 › 三级指标：未填写`, `indicator row ${i + 1}: name empty`);
    const qualitative = row.target.operator === 'QUALITATIVE';
    if (qualitative) {
      if (blank(row.target.text)) emit(c, 'REQUIRED_TEXT_MISSING', [p('target.text')], `${named} › 年度指标值：请填写定性目标`, `indicator "${label}": qualitative target text empty`);
      if (!bandOfActual(row.actual)) emit(c, 'QUALITATIVE_BAND_MISSING', [p('actual.band')], `${named} › 实际完成值：请选择完成档次（达成/部分达成/未达成）`, `indicator "${label}": choose a band`);
    } else if (row.target.operator === 'BY') {
      const typedTarget = row.target.value !== null || !blank(row.target.text) || !blank(row.target.raw);
      const typedActual = row.actual.value !== null || !blank(row.actual.text) || !blank(row.actual.raw);
      if (!typedTarget) emit(c, 'TARGET_VALUE_MISSING', [p('target.value')], `${named} › 年度指标值：请填写完成期限（月份或日期，如“9月前”）`, `indicator "${label}": deadline empty`);
      else if (!deadlineOfTarget(row.target)) emit(c, 'DEADLINE_UNREADABLE', [p('target.value')], `${named} › 年度指标值「${row.target.raw ?? row.target.text ?? row.target.value}」：无法识别为月份或日期（如“9月前”“年底前”“2023年9月30日前”）`, `indicator "${label}": the deadline is not a month or date`);
      if (!typedActual) emit(c, 'ACTUAL_VALUE_MISSING', [p('actual.value')], `${named} › 实际完成值：请填写完成时间（月份或日期）`, `indicator "${label}": completion time empty`);
      else if (!completionOfActual(row.actual)) emit(c, 'DEADLINE_UNREADABLE', [p('actual.value')], `${named} › 实际完成值「${row.actual.raw ?? row.actual.text ?? row.actual.value}」：无法识别为月份或日期（如“7月”“2023年7月15日”）`, `indicator "${label}": the completion time is not a month or date`);
    } else {
      if (row.target.value === null) emit(c, 'TARGET_VALUE_MISSING', [p('target.value')], `${named} › 年度指标值：未填写`, `indicator "${label}": target value empty`);
      if (row.actual.value === null) emit(c, 'ACTUAL_VALUE_MISSING', [p('actual.value')], `${named} › 实际完成值：未填写`, `indicator "${label}": actual value empty`);
      if (f.notScorable === 'UNIT_MISMATCH') {
        emit(c, 'UNIT_MISMATCH', [p('actual.unit'), p('target.unit')], `${named}：实际完成值单位「${row.actual.unit}」与指标值单位「${row.target.unit}」不一致`, `indicator "${label}": unit "${row.actual.unit}" differs from "${row.target.unit}"`);
      }
    }
    const raw = row.actual.raw;
    if (raw !== undefined && RANGE_OR_OPERATOR.test(raw)) {
      emit(c, 'ACTUAL_NOT_A_POINT_VALUE', [p('actual.value')], `${named} › 实际完成值「${raw}」：必须是一个确定的数值，不能带“≥”等符号或写成范围`, `indicator "${label}": actual "${raw}" must be a single value, not a range or bound`);
    }
    for (const side of ['target', 'actual'] as const) {
      const r = row[side].raw;
      const v = row[side].value;
      if (r === undefined || v === null || !DECIMAL_PATTERN.test(v)) continue;
      const n = FIRST_NUMBER.exec(r.replace(/[，,]/g, ''));
      if (n && compareDecimal(n[0], v) !== 0) {
        emit(c, 'RAW_VALUE_MISMATCH', [p(`${side}.value`)], `${named} › ${side === 'target' ? '年度指标值' : '实际完成值'}：填写内容「${r}」与数值${trimDecimal(v)}不一致`, `indicator "${label}": ${side} text "${r}" differs from value ${trimDecimal(v)}`);
      }
    }
    if (!qualitative && normalizeUnit(row.actual.unit || row.target.unit) === '%' && row.actual.value !== null && DECIMAL_PATTERN.test(row.actual.value) && compareDecimal(row.actual.value, '100') > 0) {
      emit(c, 'PERCENT_OVER_100', [p('actual.value')], `${named} › 实际完成值${trimDecimal(row.actual.value)}%超过100%：请核实`, `indicator "${label}": ${trimDecimal(row.actual.value)} % is above 100 %`);
    }
    // Scores.
    if (row.score === null) {
      emit(c, 'SCORE_MISSING', [p('score')], `${named} › 得分：未填写`, `indicator "${label}": score empty`);
    } else if (f.weight !== null && (compareDecimal(row.score, f.weight) > 0 || compareDecimal(row.score, '0') < 0)) {
      emit(c, 'SCORE_OUT_OF_RANGE', [p('score'), p('weight')], `${named} › 得分${trimDecimal(row.score)}：必须在0到分值${trimDecimal(f.weight)}之间`, `indicator "${label}": score ${trimDecimal(row.score)} must be within 0..${trimDecimal(f.weight)}`);
    } else if (qualitative && f.band && f.weight !== null) {
      // A qualitative score is judged by its band alone: inside it needs no reason, outside it is wrong.
      if (!scoreWithinBand(row.score, f.weight, f.band)) {
        const bt = bandText(f.band, f.weight);
        emit(c, 'QUALITATIVE_SCORE_OUTSIDE_BAND', [p('score'), p('actual.band')], `${named} › 得分${trimDecimal(row.score)}：完成档次为${bt.zh}，得分须在该区间内`, `indicator "${label}": score ${trimDecimal(row.score)} lies outside its ${bt.en}`);
      }
    } else if (f.suggested !== null && f.acceptedMax !== null && f.acceptedMin !== null) {
      const s = trimDecimal(f.suggested);
      if (compareDecimal(row.score, f.acceptedMax) > 0) {
        if (reason) {
          emit(c, 'SCORE_ABOVE_SUGGESTION', [p('score'), p('deviationReason')], `${named} › 得分${trimDecimal(row.score)}高于建议分${s}，已说明原因`, `indicator "${label}": score ${trimDecimal(row.score)} above the suggestion ${s}, reason given`, true);
        } else {
          const why = f.overshootDeduction ? `（超过指标值${trimDecimal(f.overshootPercent ?? '0')}%，按模板规则扣${trimDecimal(f.overshootDeduction)}分）` : '';
          const whyEn = f.overshootDeduction ? ` (${trimDecimal(f.overshootDeduction)} off for beating the target by ${trimDecimal(f.overshootPercent ?? '0')} %)` : '';
          emit(c, 'SCORE_ABOVE_SUGGESTION_NO_REASON', [p('score'), p('deviationReason')], `${named} › 得分${trimDecimal(row.score)}高于系统建议分${s}${why}：请按规则调整得分，或在“偏差原因分析及改进措施”中说明理由`, `indicator "${label}": score ${trimDecimal(row.score)} above the suggested ${s}${whyEn} with no reason: lower it or write the reason`);
        }
      } else if (compareDecimal(row.score, f.acceptedMin) < 0) {
        emit(c, 'SCORE_BELOW_SUGGESTION', [p('score'), p('deviationReason')], `${named} › 得分${trimDecimal(row.score)}低于建议分${s}：请说明原因`, `indicator "${label}": score ${trimDecimal(row.score)} below the suggested ${s}: give the reason`, reason);
      }
    }
    // Deviations.
    if (f.status === 'MISSED') {
      const t = row.target;
      const a = row.actual;
      const overrun = t.operator === 'LE';
      const zh = t.operator === 'BY'
        ? `${named}完成时间${a.raw ?? a.text ?? `${a.value}${a.unit}`}晚于期限${deadlineText(row)}（逾期${f.monthsLate ?? 0}个月）：请填写偏差原因分析及改进措施`
        : qualitative
        ? `${named}定性目标未完全达成：请填写偏差原因分析及改进措施`
        : overrun
          ? `${named}实际${trimDecimal(a.value!)}${a.unit || t.unit}超出指标值${trimDecimal(t.value!)}${t.unit}：请填写偏差原因分析及改进措施`
          : `${named}实际完成值${trimDecimal(a.value!)}${a.unit || t.unit}未达到指标值${trimDecimal(t.value!)}${t.unit}：请填写偏差原因分析及改进措施`;
      emit(c, 'INDICATOR_DEVIATION', [p('actual.value'), p('deviationReason')], zh, `indicator "${label}" missed its target: explain the deviation`, reason);
    }
    const overshoot = template.rules?.overshootFlagPercent;
    // Under the deduction rule the overshoot costs points in the suggestion instead of a warning
    // (a full score declared anyway needs its reason like any score above the suggestion).
    if (typeof overshoot === 'number' && !f.overshootDeduction && f.overshootPercent !== null && compareDecimal(f.overshootPercent, String(overshoot)) >= 0) {
      emit(c, 'INDICATOR_OVERSHOOT', [p('target.value'), p('actual.value')], `${named}实际完成值超过指标值${trimDecimal(f.overshootPercent)}%（达到${overshoot}%），指标值可能设置偏低：请说明`, `indicator "${label}" beats its target by ${trimDecimal(f.overshootPercent)} % (threshold ${overshoot} %): target too low?`);
    }
    if (targetBelowLastYear(row, row.lastYearActual)) {
      const last = row.lastYearActual!;
      const le = row.target.operator === 'LE';
      emit(
        c,
        'TARGET_BELOW_LAST_YEAR_ACTUAL',
        [p('target.value'), p('lastYearActual.value')],
        `${named}年度指标值${le ? '≤' : '≥'}${trimDecimal(row.target.value!)}${row.target.unit}，${le ? '高于' : '低于'}上年实际完成值${trimDecimal(last.value!)}${last.unit || row.target.unit}，指标值可能设置偏低：请调整或说明理由`,
        `indicator "${label}": target ${le ? '≤' : '≥'} ${trimDecimal(row.target.value!)} is ${le ? 'above' : 'below'} last year's actual ${trimDecimal(last.value!)}: target too low?`,
      );
    }
    if (compareWithDataTable) checkLabel(c, row);
  }
}

function checkScores(c: Ctx, template: EvaluationTemplate): void {
  const { doc, figures } = c;
  const rows = doc.selfEvaluation.indicators;
  const sc = figures.scores;
  if (compareDecimal(sc.weightTotal, '100') !== 0) {
    emit(c, 'WEIGHTS_NOT_100', ['selfEvaluation.indicators'], `分值合计${trimDecimal(sc.weightTotal)}（含预算执行率${trimDecimal(figures.budget.executionWeight)}分），必须为100`, `weights sum to ${trimDecimal(sc.weightTotal)}, must be 100`);
  }
  for (const l of LEVEL1) {
    const lf = figures.levels[l];
    if (compareDecimal(lf.weight, '0') === 0 && lf.rowCount === 0) continue;
    if (compareDecimal(lf.rowWeightSum, lf.weight) !== 0) {
      const ids = rows.filter((_r, i) => figures.indicators[i]!.scoringLevel === l).map((r) => indicatorPath(r.id, 'weight'));
      emit(
        c,
        'LEVEL_WEIGHT_MISMATCH',
        ids.length ? ids : ['selfEvaluation.indicators'],
        `${LEVEL1_LABELS[l].zh}各行分值之和${trimDecimal(lf.rowWeightSum)}，模板规定${trimDecimal(lf.weight)}分`,
        `${LEVEL1_LABELS[l].en} rows sum to ${trimDecimal(lf.rowWeightSum)}, the template says ${trimDecimal(lf.weight)}`,
      );
    }
  }
  if (compareDecimal(sc.declaredTotal, sc.suggestedTotal) !== 0) {
    const allReasoned = figures.indicators.every(
      (f) => f.declared === null || f.acceptedMin === null || f.acceptedMax === null || (compareDecimal(f.declared, f.acceptedMin) >= 0 && compareDecimal(f.declared, f.acceptedMax) <= 0) || f.reasonGiven,
    );
    emit(
      c,
      'TOTAL_DIFFERS_FROM_SUGGESTION',
      ['selfEvaluation.indicators'],
      `自评总分${trimDecimal(sc.declaredTotal)}分，按评分规则计算为${trimDecimal(sc.suggestedTotal)}分`,
      `declared total ${trimDecimal(sc.declaredTotal)}, the rules give ${trimDecimal(sc.suggestedTotal)}`,
      allReasoned,
    );
  }
  if (sc.cap !== null && compareDecimal(sc.declaredTotal, sc.cap) > 0) {
    emit(c, 'TOTAL_CAPPED_BY_EXECUTION_RATE', ['selfEvaluation.budget.execution'], `预算执行率${trimDecimal(figures.budget.executionRate ?? '0')}%，总分最高${sc.cap}分（自评${trimDecimal(sc.declaredTotal)}分）`, `execution rate caps the total at ${sc.cap} (declared ${trimDecimal(sc.declaredTotal)})`);
  }
  // Score completion (declared 总分 ÷ 100) running more than N points ahead of the execution rate:
  // the outputs claim more than the money that was spent can have bought.
  const hs = template.rules?.highScoreLowExecutionPercent;
  const rate = figures.budget.executionRateExact;
  const anyScore = doc.selfEvaluation.indicators.some((r) => r.score !== null);
  if (typeof hs === 'number' && rate !== null && anyScore && compareDecimal(subDecimal(sc.declaredTotal, rate), String(hs)) > 0) {
    const shownRate = trimDecimal(figures.budget.executionRate ?? '0');
    const gap = trimDecimal(roundDecimal(subDecimal(sc.declaredTotal, rate), 2));
    emit(
      c,
      'HIGH_SCORE_LOW_EXECUTION',
      ['selfEvaluation.budget.execution'],
      `自评总分${trimDecimal(sc.declaredTotal)}分（完成度${trimDecimal(sc.declaredTotal)}%），预算执行率仅${shownRate}%，高出${gap}个百分点（超过${hs}个百分点）：请说明资金结余与绩效完成情况`,
      `declared total ${trimDecimal(sc.declaredTotal)} runs ${gap} points ahead of the execution rate ${shownRate} % (more than ${hs}): explain`,
    );
  }
}

function knownFigures(doc: PackageDocument, f: ComputedFigures): Set<string> {
  const s = new Set<string>();
  const put = (v: unknown) => {
    if (typeof v === 'string' && v !== 'NA' && /^\d/.test(v)) s.add(canon(v));
    else if (typeof v === 'number') s.add(String(v));
  };
  const walk = (v: unknown) => {
    if (v === null || v === undefined) return;
    if (typeof v === 'string' || typeof v === 'number') return put(v);
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v === 'object') for (const x of Object.values(v as object)) walk(x);
  };
  walk(doc.basicData);
  walk(doc.selfEvaluation.budget);
  for (const r of doc.selfEvaluation.indicators) {
    put(r.target.value);
    put(r.actual.value);
  }
  walk(f.staffing);
  walk(f.threePublic);
  walk(f.projects);
  walk(f.publicFunds);
  walk(f.buildings);
  walk(f.budget);
  put(f.scores.declaredTotal);
  put(f.scores.suggestedTotal);
  s.add('0');
  return s;
}

function checkText(c: Ctx, context: Partial<CampaignContext> | undefined): void {
  const { doc, figures } = c;
  const g = doc.selfEvaluation.goal;
  if (blank(g.expected)) emit(c, 'REQUIRED_TEXT_MISSING', ['selfEvaluation.goal.expected'], '年度总体目标 › 预期目标：未填写', 'annual goal: expected goal empty');
  if (blank(g.actual)) emit(c, 'REQUIRED_TEXT_MISSING', ['selfEvaluation.goal.actual'], '年度总体目标 › 实际完成情况：未填写', 'annual goal: actual result empty');
  else if (g.actual.trim().length < 40 && !/[0-9０-９]/.test(g.actual)) {
    emit(c, 'GOAL_ACTUAL_VAGUE', ['selfEvaluation.goal.actual'], `年度总体目标 › 实际完成情况「${g.actual.trim()}」过于笼统：请写明具体完成了什么（数量、金额、比例）`, `annual goal: "${g.actual.trim()}" is too vague; state concrete results`);
  }
  let known: Set<string> | null = null;
  for (const e of REPORT_OUTLINE) {
    const text = doc.report.chapters[e.key]?.text ?? '';
    const path = reportPath(e.key);
    if (e.leaf && blank(text)) {
      emit(c, 'REPORT_SECTION_EMPTY', [path], `自评报告 › ${sectionHeading(e.key)}：内容为空（如无相关情况，请写明“无”或“本单位无…”）`, `report section "${e.titleEn}" is empty`);
      continue;
    }
    if (text.includes('{{')) {
      const unknown = unknownReportTokens(text);
      if (unknown.length) emit(c, 'REPORT_UNKNOWN_TOKEN', [path], `自评报告 › ${sectionHeading(e.key)}：${unknownTokenMessage(unknown).zh}`, `report section "${e.titleEn}": ${unknownTokenMessage(unknown).en}`);
    }
    const prose = text.includes('{{') ? text.replace(TOKEN_PATTERN, ' ') : text;
    if (/\d\s*(?:万元|%|％)/.test(prose)) {
      known ??= knownFigures(doc, figures);
      const bad: string[] = [];
      for (const x of prose.matchAll(FIGURE_IN_TEXT)) {
        if (!known.has(canon(x[1]!))) bad.push(`${x[1]}${x[2]}`);
      }
      if (bad.length) {
        emit(c, 'REPORT_FIGURE_NOT_IN_TABLES', [path], `自评报告 › ${sectionHeading(e.key)}：数字${bad.join('、')}在基础数据表和自评表中找不到，请核对或改用数据占位符`, `report section "${e.titleEn}": ${bad.join(', ')} not found in the tables`);
      }
    }
  }
  const fy = context?.fiscalYear;
  if (typeof fy === 'number') {
    const labels: [string, string][] = [
      ...doc.selfEvaluation.indicators.map((r) => [indicatorPath(r.id, 'name'), r.name] as [string, string]),
      ...doc.basicData.buildings.map((r) => [`basicData.buildings[${r.id}].name`, r.name] as [string, string]),
      ...doc.basicData.projects.specialFunds.map((r) => [`basicData.projects.specialFunds[${r.id}].name`, r.name] as [string, string]),
      ['selfEvaluation.goal.expected', g.expected],
      ['selfEvaluation.goal.actual', g.actual],
    ];
    const texts: [string, string][] = [
      ['basicData.austerityMeasures', doc.basicData.austerityMeasures],
      ...REPORT_SECTION_KEYS.map((k) => [reportPath(k), doc.report.chapters[k]?.text ?? ''] as [string, string]),
    ];
    const yearCheck = (path: string, text: string, ok: (y: number) => boolean) => {
      if (!text.includes('年')) return;
      const wrong = new Set<string>();
      for (const x of text.matchAll(YEAR_IN_TEXT)) if (!ok(Number(x[1]))) wrong.add(x[1]!);
      if (wrong.size) {
        emit(c, 'STALE_YEAR_LABEL', [path], `${[...wrong].join('、')}年与评价年度${fy}年不符：请核对（标题中的年度由系统生成）`, `year ${[...wrong].join(', ')} differs from the fiscal year ${fy}`);
      }
    };
    for (const [path, text] of labels) yearCheck(path, text, (y) => y === fy);
    for (const [path, text] of texts) yearCheck(path, text, (y) => y >= fy - 1 && y <= fy + 1);
  }
}

/**
 * Runs every check on a parsed document. Pure and fast (the client runs it on every keystroke).
 * Pass `figures` when already computed to save the work.
 */
export function runChecks(
  doc: PackageDocument,
  template: EvaluationTemplate,
  context?: Partial<CampaignContext>,
  figures: ComputedFigures = computeFigures(doc, template),
  reuse?: CheckReuse,
): CheckResult[] {
  const c: Ctx = { doc, figures, out: [], seen: new Map(), ...(context?.fiscalYear !== undefined ? { context: context as CampaignContext } : {}) };
  // What the replayed blocks read (figure-inputs.spec.ts in the server changes every field to keep this whole).
  const inputs = [figures, doc.basicData, doc.selfEvaluation.budget, doc.selfEvaluation.indicators, template, context?.fiscalYear, context?.unitName, context?.governmentLevel];
  replayOrRun(c, reuse, 'figureParts', inputs, () => {
    checkBasicData(c, template);
    checkBudget(c, template);
    checkIndicators(c, template);
    checkScores(c, template);
  });
  checkText(c, context);
  for (const f of checkReportConsistency(doc, figures)) emit(c, f.code, f.paths, f.messageZh, f.messageEn);
  const emitBudget: EmitCheck = (code, paths, zh, en, byRow) => emit(c, code, paths, zh, en, byRow);
  replayOrRun(c, reuse, 'budgetRows', inputs, () => checkBudgetRows(doc, emitBudget));
  checkFormalism(doc, figures, emitBudget);
  checkProjectEvaluations(c, template, { emit, checkIndicatorRows });
  return withInputChecks(doc, c.out);
}

/**
 * Warnings the bureau watches across units (dashboard, reviewer queue). The two execution
 * signals stay flagged even when explained; the control-rate ones only while unexplained.
 */
export const BUREAU_WARNING_CODES = [
  'HIGH_SCORE_LOW_EXECUTION', // 得分高而执行率低
  'UNSPENT_SHARE_HIGH', // 结余超过模板比例
  // 控制率 over 100 %:
  'STAFFING_OVER_QUOTA',
  'PUBLIC_FUNDS_OVER_BUDGET',
  'THREE_PUBLIC_OVER_BUDGET',
  'BUILDING_AREA_OVER_APPROVED',
  'BUILDING_INVESTMENT_OVER_BUDGET',
  'EXECUTION_ABOVE_BUDGET',
] as const;
const FLAGGED_EVEN_IF_EXPLAINED: readonly string[] = ['HIGH_SCORE_LOW_EXECUTION', 'UNSPENT_SHARE_HIGH'];

/** The warning codes a package is flagged with for the bureau: its watched ones first, then the rest unexplained. */
export function bureauFlags(results: readonly CheckResult[]): string[] {
  const live = results.filter((r) => r.severity === 'warning' && (!r.explained || FLAGGED_EVEN_IF_EXPLAINED.includes(r.code)));
  const codes = new Set(live.map((r) => r.code));
  const watched = BUREAU_WARNING_CODES.filter((c) => codes.has(c));
  return [...watched, ...[...codes].filter((c) => !(BUREAU_WARNING_CODES as readonly string[]).includes(c))];
}
