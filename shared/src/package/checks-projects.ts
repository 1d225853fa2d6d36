/**
 * Checks of the 项目支出绩效自评表 (one per project), registered in runChecks.
 *
 * - Each 专项 row of the 基础数据表 has its table, and the table's 全年执行数 equals the row's
 *   本年决算数 (an error: the two documents would otherwise disagree on the same money).
 * - The tables' 全年执行数 together agree with the 基础数据表's 项目支出 决算 total.
 * - Indicator rows get exactly the 自评表's row checks (score ≤ 分值, a reason for a score off
 *   the suggestion, deviations …), and their 分值 sum to the table's indicator share (90).
 *
 * This module takes emit and the row checks as arguments rather than importing them, so
 * checks.ts can import its catalogue at load time without a module cycle.
 */
import { compareDecimal, formatMoney, hasAmount, trimDecimal } from './money.js';
import type { MoneyCell } from './money.js';
import type { ProjectEvaluationTable } from './model.js';
import { projectEvaluationsOf } from './model.js';
import { PROJECT_EXECUTION_WEIGHT, PROJECT_INDICATOR_SHARE } from './calculations-projects.js';
import type { ProjectFigures } from './calculations-projects.js';
import { projectIndicatorPath, projectPath } from './paths.js';
import type { EvaluationTemplate } from './template.js';
import type { CheckRunContext as Ctx, checkIndicatorRows as CheckIndicatorRows, emitCheck as Emit } from './checks.js';

export const PROJECT_CHECK_CATALOGUE = {
  PROJECT_TABLE_MISSING: ['error', '本级专项资金缺少对应的项目支出绩效自评表', 'a special fund has no project self-evaluation table'],
  PROJECT_SPECIAL_FUND_NOT_FOUND: ['error', '项目支出绩效自评表对应的专项在基础数据表中不存在', 'the linked special fund is not in the data table'],
  PROJECT_SPECIAL_FUND_LINKED_TWICE: ['error', '同一专项对应了多张项目支出绩效自评表', 'one special fund has several project tables'],
  PROJECT_EXECUTION_MISMATCH: ['error', '项目全年执行数与基础数据表专项决算数不一致', 'project execution differs from the special fund’s final'],
  PROJECT_BUDGET_MISMATCH: ['warning', '项目预算数与基础数据表专项预算数不一致', 'project budget differs from the special fund’s budget'],
  PROJECT_NAME_DIFFERS: ['warning', '项目名称与基础数据表专项名称不一致', 'project name differs from the special fund’s name'],
  PROJECTS_TOTAL_MISMATCH: ['warning', '各项目支出绩效自评表全年执行数之和与基础数据表项目支出决算数不一致', 'project tables do not add up to the data table’s project spending'],
  PROJECT_EXECUTION_RATE_LOW: ['warning', '项目预算执行率低于90%', 'project execution rate below 90 %'],
  PROJECT_EXECUTION_ABOVE_BUDGET: ['warning', '项目全年执行数超过全年预算数', 'project execution above its full-year budget'],
  PROJECT_NO_INDICATORS: ['error', '项目支出绩效自评表没有绩效指标', 'a project table has no indicators'],
  PROJECT_WEIGHTS_MISMATCH: ['error', '项目绩效指标分值之和不等于90（执行率10分之外）', 'project indicator weights do not sum to 90'],
} as const;

export interface ProjectCheckTools {
  emit: typeof Emit;
  checkIndicatorRows: typeof CheckIndicatorRows;
}

const blank = (s: string | null | undefined) => (s ?? '').trim() === '';
const m = (cell: MoneyCell | undefined) => formatMoney(cell) || '空';
const amount = (cell: MoneyCell | undefined) => (hasAmount(cell) ? cell : '0');

function projectLabel(t: ProjectEvaluationTable): string {
  return blank(t.name) ? t.id : t.name.trim();
}

export function checkProjectEvaluations(c: Ctx, template: EvaluationTemplate, tools: ProjectCheckTools): void {
  const { emit } = tools;
  const tables = projectEvaluationsOf(c.doc);
  const figures = c.figures.projectEvaluations.tables;
  const specialFunds = c.doc.basicData.projects.specialFunds;

  for (const sf of specialFunds) {
    if (!tables.some((t) => t.specialFundId === sf.id)) {
      const name = blank(sf.name) ? sf.id : sf.name.trim();
      emit(
        c,
        'PROJECT_TABLE_MISSING',
        [`basicData.projects.specialFunds[${sf.id}]`],
        `本级专项资金「${name}」：请填写该项目的项目支出绩效自评表`,
        `special fund "${name}": fill in its project self-evaluation table`,
      );
    }
  }

  const linked = new Set<string>();
  for (const [i, t] of tables.entries()) {
    const f = figures[i]!;
    const base = projectPath(t.id);
    const label = projectLabel(t);
    const where = `项目支出绩效自评表「${label}」`;
    for (const [field, zh, en] of [
      ['name', '项目名称', 'project name'],
      ['department', '主管部门', 'department in charge'],
      ['implementer', '实施单位', 'implementing unit'],
      ['goal.expected', '年度总体目标 › 预期目标', 'expected goal'],
      ['goal.actual', '年度总体目标 › 实际完成情况', 'actual result'],
    ] as const) {
      const value = field === 'goal.expected' ? t.goal.expected : field === 'goal.actual' ? t.goal.actual : t[field];
      if (blank(value)) emit(c, 'REQUIRED_TEXT_MISSING', [`${base}.${field}`], `${where} › ${zh}：未填写`, `project "${label}": ${en} empty`);
    }
    for (const [col, zh] of [
      ['annualBudget', '全年预算数'],
      ['execution', '全年执行数'],
    ] as const) {
      if (!hasAmount(f.fundsTotal[col])) {
        emit(c, 'REQUIRED_VALUE_MISSING', [`${base}.funds.fiscal.${col}`], `${where} › 项目资金 › ${zh}：未填写`, `project "${label}": ${col} empty`);
      }
    }
    checkLink(c, tools, t, f, where, label, linked);
    const rate = f.executionRateExact;
    if (rate !== null) {
      const shown = trimDecimal(f.executionRate ?? '0');
      if (compareDecimal(rate, '90') < 0) {
        emit(c, 'PROJECT_EXECUTION_RATE_LOW', [`${base}.funds`], `${where}：预算执行率${shown}%，低于90%：请说明原因`, `project "${label}": execution rate ${shown} % below 90 %: explain why`);
      }
      if (compareDecimal(rate, '100') > 0) {
        emit(c, 'PROJECT_EXECUTION_ABOVE_BUDGET', [`${base}.funds`], `${where}：全年执行数超过全年预算数（执行率${shown}%）：请核实`, `project "${label}": execution above the full-year budget (${shown} %)`);
      }
    }
    if (t.indicators.length === 0) {
      emit(c, 'PROJECT_NO_INDICATORS', [`${base}.indicators`], `${where}：请至少填写一项绩效指标`, `project "${label}": add at least one indicator`);
    } else if (compareDecimal(f.indicatorWeightSum, PROJECT_INDICATOR_SHARE) !== 0) {
      emit(
        c,
        'PROJECT_WEIGHTS_MISMATCH',
        t.indicators.map((r) => projectIndicatorPath(t.id, r.id, 'weight')),
        `${where}：绩效指标分值之和${trimDecimal(f.indicatorWeightSum)}，应为${PROJECT_INDICATOR_SHARE}（预算执行率${PROJECT_EXECUTION_WEIGHT}分之外，合计100分）`,
        `project "${label}": indicator weights sum to ${trimDecimal(f.indicatorWeightSum)}, must be ${PROJECT_INDICATOR_SHARE}`,
      );
    }
    // The 自评表's row checks, their messages prefixed with the project so a reader knows which table.
    const rows: Ctx = { ...c, out: [] };
    tools.checkIndicatorRows(rows, template, t.indicators, f.indicators, (id, field) => projectIndicatorPath(t.id, id, field), false);
    for (const r of rows.out) c.out.push({ ...r, messageZh: `${where} › ${r.messageZh}`, messageEn: `project "${label}": ${r.messageEn}` });
  }

  if (tables.length > 0) {
    const tablesExecution = c.figures.projectEvaluations.totals.execution;
    const dataTable = c.figures.projects.total.currentFinal;
    if (compareDecimal(amount(tablesExecution), amount(dataTable)) !== 0) {
      emit(
        c,
        'PROJECTS_TOTAL_MISMATCH',
        ['projectEvaluations', 'basicData.projects'],
        `各项目支出绩效自评表全年执行数合计${m(tablesExecution)}万元，基础数据表项目支出决算数合计${m(dataTable)}万元，不一致：请为每个项目支出填写自评表，或说明原因`,
        `project tables execute ${m(tablesExecution)} in total, the data table's project spending is ${m(dataTable)}`,
      );
    }
  }
}

/** A table linked to a 专项 row agrees with it: the row exists, is linked once, same money and name. */
function checkLink(c: Ctx, tools: ProjectCheckTools, t: ProjectEvaluationTable, f: ProjectFigures, where: string, label: string, linked: Set<string>): void {
  if (!t.specialFundId) return;
  const { emit } = tools;
  const base = projectPath(t.id);
  const sf = f.specialFund;
  if (!sf) {
    emit(c, 'PROJECT_SPECIAL_FUND_NOT_FOUND', [`${base}.specialFundId`], `${where}：对应的专项（${t.specialFundId}）在基础数据表“本级专项资金”中不存在`, `project "${label}": special fund ${t.specialFundId} not found`);
    return;
  }
  const sfPath = `basicData.projects.specialFunds[${sf.id}]`;
  if (linked.has(sf.id)) {
    emit(c, 'PROJECT_SPECIAL_FUND_LINKED_TWICE', [`${base}.specialFundId`, sfPath], `${where}：专项「${sf.name}」已有另一张项目支出绩效自评表`, `project "${label}": special fund "${sf.name}" already has a table`);
    return;
  }
  linked.add(sf.id);
  const execution = f.fundsTotal.execution;
  if ((hasAmount(execution) || hasAmount(sf.currentFinal)) && compareDecimal(amount(execution), amount(sf.currentFinal)) !== 0) {
    emit(
      c,
      'PROJECT_EXECUTION_MISMATCH',
      [`${base}.funds`, `${sfPath}.currentFinal`],
      `${where}：全年执行数${m(execution)}万元，与基础数据表专项「${sf.name}」本年决算数${m(sf.currentFinal)}万元不一致`,
      `project "${label}": execution ${m(execution)} differs from the special fund's final ${m(sf.currentFinal)}`,
    );
  }
  const budget = sf.currentBudget;
  if (hasAmount(budget)) {
    const same = (cell: MoneyCell) => hasAmount(cell) && compareDecimal(cell, budget) === 0;
    if (!same(f.fundsTotal.initialBudget) && !same(f.fundsTotal.annualBudget)) {
      emit(
        c,
        'PROJECT_BUDGET_MISMATCH',
        [`${base}.funds`, `${sfPath}.currentBudget`],
        `${where}：年初预算数${m(f.fundsTotal.initialBudget)}万元、全年预算数${m(f.fundsTotal.annualBudget)}万元，均与基础数据表专项「${sf.name}」本年预算数${m(budget)}万元不一致：请核实或说明`,
        `project "${label}": neither budget matches the special fund's budget ${m(budget)}`,
      );
    }
  }
  if (!blank(t.name) && !blank(sf.name) && t.name.trim() !== sf.name.trim()) {
    emit(c, 'PROJECT_NAME_DIFFERS', [`${base}.name`, `${sfPath}.name`], `${where}：项目名称与基础数据表专项名称「${sf.name.trim()}」不一致`, `project "${label}": name differs from the special fund "${sf.name.trim()}"`);
  }
}
