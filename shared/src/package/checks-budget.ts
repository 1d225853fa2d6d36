/**
 * Checks real published packages need (金寨县 FY2023, 塘湖镇 FY2020): a mid-year budget
 * adjustment with no reason, a block total over blank rows, ≤ on an output count, a full score
 * with nothing to improve, and operator spellings read as a note. Registered in checks.ts.
 */
import { compareDecimal, decimalApproxEquals, formatMoney, hasAmount, subDecimal, trimDecimal } from './money.js';
import type { MoneyCell } from './money.js';
import type { MoneyRow, PackageDocument } from './model.js';
import { OPERATOR_SYMBOLS } from './model.js';
import type { ComputedFigures } from './calculations.js';
import { indicatorPath, reportPath } from './paths.js';
import { readSpellings } from './target-text.js';
import type { Severity } from './checks.js';

/** Codes added by this file (merged into CHECK_CATALOGUE). */
export const BUDGET_CHECK_CATALOGUE = {
  BUDGET_ADJUSTED_MIDYEAR: ['warning', '全年预算数与年初预算数不同（年中调整），需说明调整原因', 'full-year budget differs from the initial budget: give the reason'],
  BUDGET_ADJUSTMENT_ROW_MISMATCH: ['warning', '部门基本支出预算调整与全年预算数减年初预算数不符', 'the budget-adjustment row disagrees with full-year minus initial budget'],
  PROJECT_TOTAL_WITHOUT_ROWS: ['warning', '填有项目支出合计，但业务工作经费、运行维护经费、专项资金各行均为空', 'a project-spending total with all its rows blank'],
  OUTPUT_QUANTITY_LE: ['warning', '产出数量指标使用“≤”，可能选错比较方式', 'an output quantity uses ≤: is that intended?'],
  FULL_MARKS_NO_ANALYSIS: ['warning', '自评满分，但问题分析和改进措施只写了“无”', 'full marks with "none" as the analysis and improvements'],
  OPERATOR_SPELLING_NORMALIZED: ['note', '比较符号或单位的写法已按标准符号理解（如“≧”按“≥”）', 'an operator or unit spelling was read as the standard symbol'],
} as const satisfies Record<string, readonly [Severity, string, string]>;

export type BudgetCheckCode = keyof typeof BUDGET_CHECK_CATALOGUE;

export type EmitCheck = (code: BudgetCheckCode, paths: string[], messageZh: string, messageEn: string, explainedByRow?: boolean) => void;

const m = (cell: MoneyCell | undefined) => formatMoney(cell) || '空';
const NOTHING = /^(?:无|没有|暂无|无。|\/|——|—)$/;
const rowHasAmount = (r: MoneyRow) => hasAmount(r.previousFinal) || hasAmount(r.currentBudget) || hasAmount(r.currentFinal);

function checkAdjustment(doc: PackageDocument, emit: EmitCheck): void {
  const b = doc.selfEvaluation.budget;
  const P = 'selfEvaluation.budget';
  if (!hasAmount(b.initialBudget) || !hasAmount(b.annualBudget) || compareDecimal(b.initialBudget, b.annualBudget) === 0) return;
  const diff = subDecimal(b.annualBudget, b.initialBudget);
  const up = compareDecimal(diff, '0') > 0;
  const shown = trimDecimal(diff.replace(/^-/, ''));
  emit(
    'BUDGET_ADJUSTED_MIDYEAR',
    [`${P}.annualBudget`, `${P}.initialBudget`],
    `全年预算数${m(b.annualBudget)}万元与年初预算数${m(b.initialBudget)}万元不同（年中${up ? '追加' : '调减'}${shown}万元）：请说明调整原因`,
    `full-year budget ${m(b.annualBudget)} differs from the initial budget ${m(b.initialBudget)} (${up ? '+' : '−'}${shown}): give the reason for the adjustment`,
  );
  const row = doc.basicData.budgetAdjustment;
  const column = hasAmount(row.currentFinal) ? 'currentFinal' : hasAmount(row.currentBudget) ? 'currentBudget' : null;
  if (!column) return;
  const stated = row[column] as string;
  // The 自评表 shows 2 decimals, the data table up to 4 (the seed: 18.504 against 150.31 − 131.81).
  if (!decimalApproxEquals(stated, diff, '0.01')) {
    emit(
      'BUDGET_ADJUSTMENT_ROW_MISMATCH',
      [`basicData.budgetAdjustment.${column}`, `${P}.annualBudget`, `${P}.initialBudget`],
      `基础数据表“部门基本支出预算调整”为${m(stated)}万元，而全年预算数减年初预算数为${trimDecimal(diff)}万元，相差${trimDecimal(subDecimal(stated, diff).replace(/^-/, ''))}万元：请核对`,
      `budget adjustment row ${m(stated)} but full-year minus initial budget is ${trimDecimal(diff)}: please check`,
    );
  }
}

function checkBlockTotals(doc: PackageDocument, emit: EmitCheck): void {
  const project = doc.selfEvaluation.budget.byExpenditure.project;
  const p = doc.basicData.projects;
  if (!hasAmount(project) || compareDecimal(project, '0') <= 0) return;
  if (rowHasAmount(p.businessWork) || rowHasAmount(p.operationMaintenance) || p.specialFunds.some(rowHasAmount)) return;
  emit(
    'PROJECT_TOTAL_WITHOUT_ROWS',
    ['basicData.projects', 'selfEvaluation.budget.byExpenditure.project'],
    `自评表项目支出${m(project)}万元，但基础数据表“项目支出”下业务工作经费、运行维护经费、本级专项资金各行均为空：请填写明细`,
    `project spending ${m(project)} in the self-evaluation table, but every project row of the data table is blank`,
  );
}

function checkIndicatorWording(doc: PackageDocument, emit: EmitCheck): void {
  for (const row of doc.selfEvaluation.indicators) {
    const label = row.name.trim() || row.id;
    if (row.level1 === 'OUTPUT' && row.level2 === 'QUANTITY' && row.target.operator === 'LE') {
      const v = row.target.value === null ? '' : `${trimDecimal(row.target.value)}${row.target.unit}`;
      emit(
        'OUTPUT_QUANTITY_LE',
        [indicatorPath(row.id, 'target.operator')],
        `指标「${label}」是产出数量指标，年度指标值却是“≤${v}”：数量越少得分越高，是否应为“≥”？`,
        `indicator "${label}" is an output quantity with target ≤ ${v}: doing less scores more; is ≤ intended?`,
      );
    }
    for (const [side, zh] of [
      ['target', '年度指标值'],
      ['actual', '实际完成值'],
    ] as const) {
      const typed = [row[side].raw, row[side].unit].filter((x): x is string => typeof x === 'string' && x !== '');
      const replaced = new Map<string, string>();
      for (const t of typed) for (const r of readSpellings(t).replaced) replaced.set(r.from, r.to);
      if (!replaced.size) continue;
      const list = [...replaced].map(([from, to]) => `“${from}”按“${to}”`).join('、');
      const listEn = [...replaced].map(([from, to]) => `"${from}" as "${to}"`).join(', ');
      emit(
        'OPERATOR_SPELLING_NORMALIZED',
        [indicatorPath(row.id, `${side}.${side === 'target' ? 'operator' : 'value'}`)],
        `指标「${label}」 › ${zh}「${typed.join(' ')}」：${list}理解${side === 'target' ? `（比较方式：${OPERATOR_SYMBOLS[row.target.operator] || row.target.operator}）` : ''}`,
        `indicator "${label}" ${side}: read ${listEn}`,
      );
    }
  }
}

export function checkFormalism(doc: PackageDocument, figures: ComputedFigures, emit: EmitCheck): void {
  const t = figures.scores.effectiveTotal;
  if (compareDecimal(t, '100') < 0) return;
  const problems = (doc.report.chapters.problems?.text ?? '').trim();
  const improvements = (doc.report.chapters.improvements?.text ?? '').trim();
  if (!NOTHING.test(problems) || !NOTHING.test(improvements)) return;
  emit(
    'FULL_MARKS_NO_ANALYSIS',
    [reportPath('problems'), reportPath('improvements')],
    `自评${trimDecimal(t)}分（满分），“存在的问题及原因分析”和“下一步改进措施”均只写“无”：请写明实际存在的不足和改进打算`,
    `full marks (${trimDecimal(t)}) with "none" as both the problems and the improvements: state real weaknesses and plans`,
  );
}

/**
 * The checks of this file that read only 基础数据表, 预算执行 and 绩效指标, in the order they are
 * reported; runChecks reports checkFormalism (which reads the report) after them.
 */
export function checkBudgetRows(doc: PackageDocument, emit: EmitCheck): void {
  checkAdjustment(doc, emit);
  checkBlockTotals(doc, emit);
  checkIndicatorWording(doc, emit);
}
