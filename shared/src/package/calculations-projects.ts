/**
 * Derived figures of the 项目支出绩效自评表 (one per project): 年度资金总额, 执行率 and its
 * points (分值 10), indicator suggestions, 总分 and grade — by the same scoring functions as the
 * 部门整体 table, so a project row and a 自评表 row with the same inputs score the same.
 */
import { DECIMAL_PATTERN, addDecimal, compareDecimal, hasAmount, roundDecimal, sumCells, sumDecimals } from './money.js';
import type { Decimal, MoneyCell } from './money.js';
import type { Grade, PackageDocument, ProjectFundsColumn, SpecialFundRow } from './model.js';
import { PROJECT_FUND_SOURCES, PROJECT_FUNDS_COLUMNS, projectEvaluationsOf } from './model.js';
import { capForExecutionRate, executionScore, gradeOf, suggestIndicatorScore } from './scoring.js';
import type { IndicatorFigures } from './calculations.js';
import { scoringLevel } from './template.js';
import type { EvaluationTemplate } from './template.js';

/** 分值 of 预算执行率 on every 项目支出绩效自评表; the indicator rows share the other 90. */
export const PROJECT_EXECUTION_WEIGHT: Decimal = '10';
export const PROJECT_INDICATOR_SHARE: Decimal = '90';

export type ProjectFundsTotals = Record<ProjectFundsColumn, MoneyCell>;

/** A project indicator row's figures: the same as a 自评表 row's. */
export type ProjectIndicatorFigures = IndicatorFigures;

export interface ProjectFigures {
  id: string;
  /** 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, per column. */
  fundsTotal: ProjectFundsTotals;
  executionWeight: Decimal; // 分值 "10"
  executionRate: Decimal | null; // 执行率 "98.50"
  executionRateExact: Decimal | null;
  executionPoints: Decimal | null; // 得分
  indicators: ProjectIndicatorFigures[];
  indicatorWeightSum: Decimal; // must be PROJECT_INDICATOR_SHARE
  weightTotal: Decimal; // + 执行率 分值: must be 100
  declaredTotal: Decimal; // 总分 declared
  suggestedTotal: Decimal;
  cap: Decimal | null;
  effectiveTotal: Decimal;
  grade: Grade;
  suggestedGrade: Grade;
  /** The linked 基础数据表 专项 row, when the link resolves. */
  specialFund: SpecialFundRow | null;
}

export interface ProjectsFigures {
  tables: ProjectFigures[];
  /** Σ over every project table, per column (null when there is none). */
  totals: ProjectFundsTotals;
}

function validNonNegative(v: unknown): v is Decimal {
  return typeof v === 'string' && DECIMAL_PATTERN.test(v) && !v.startsWith('-');
}

/** Every project table's figures. Never throws on a document that passed parsePackageDocument. */
export function computeProjectFigures(doc: PackageDocument, template: EvaluationTemplate): ProjectsFigures {
  const specialFunds = doc.basicData?.projects?.specialFunds ?? [];
  const tables = projectEvaluationsOf(doc).map((p): ProjectFigures => {
    const fundsTotal = {} as ProjectFundsTotals;
    for (const c of PROJECT_FUNDS_COLUMNS) fundsTotal[c] = sumCells(PROJECT_FUND_SOURCES.map((s) => p.funds[s][c]));
    const exec = executionScore(
      hasAmount(fundsTotal.annualBudget) ? fundsTotal.annualBudget : null,
      hasAmount(fundsTotal.execution) ? fundsTotal.execution : null,
      PROJECT_EXECUTION_WEIGHT,
    );
    const indicators: ProjectIndicatorFigures[] = p.indicators.map((row) => ({
      ...suggestIndicatorScore(row),
      declared: validNonNegative(row.score) ? row.score : null,
      reasonGiven: (row.deviationReason ?? '').trim() !== '',
      scoringLevel: scoringLevel(template, row.level1),
    }));
    const weights = indicators.flatMap((f) => (f.weight ? [f.weight] : []));
    const points = exec.points ?? '0';
    const indicatorWeightSum = sumDecimals(weights);
    const declaredTotal = addDecimal(points, sumDecimals(indicators.flatMap((f) => (f.declared ? [f.declared] : []))));
    const suggestedTotal = roundDecimal(addDecimal(points, sumDecimals(indicators.flatMap((f) => (f.suggested ? [f.suggested] : [])))), 2);
    const cap = template.rules?.capTotalByExecutionRate ? capForExecutionRate(exec.rateExact) : null;
    const capped = (v: Decimal) => (cap !== null && compareDecimal(v, cap) > 0 ? cap : v);
    const effectiveTotal = capped(declaredTotal);
    return {
      id: p.id,
      fundsTotal,
      executionWeight: PROJECT_EXECUTION_WEIGHT,
      executionRate: exec.rate,
      executionRateExact: exec.rateExact,
      executionPoints: exec.points,
      indicators,
      indicatorWeightSum,
      weightTotal: addDecimal(indicatorWeightSum, PROJECT_EXECUTION_WEIGHT),
      declaredTotal,
      suggestedTotal,
      cap,
      effectiveTotal,
      grade: gradeOf(effectiveTotal),
      suggestedGrade: gradeOf(capped(suggestedTotal)),
      specialFund: p.specialFundId ? (specialFunds.find((r) => r.id === p.specialFundId) ?? null) : null,
    };
  });
  const totals = {} as ProjectFundsTotals;
  for (const c of PROJECT_FUNDS_COLUMNS) totals[c] = tables.length ? sumCells(tables.map((t) => t.fundsTotal[c])) : null;
  return { tables, totals };
}
