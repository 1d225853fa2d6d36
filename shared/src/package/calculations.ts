/**
 * Every derived figure of the package, as exact decimal strings. Nothing here is ever stored:
 * 控制率, 执行率, totals, shares, suggested scores, 总分 and grade are recomputed on demand.
 */
import { DECIMAL_PATTERN, addDecimal, compareDecimal, hasAmount, percentOf, percentOfCells, roundDecimal, sumCells, sumDecimals } from './money.js';
import type { Decimal, MoneyCell } from './money.js';
import type { Grade, Level1, MoneyColumn, MoneyRow, PackageDocument } from './model.js';
import { LEVEL1, MONEY_COLUMNS } from './model.js';
import { capForExecutionRate, executionScore, gradeOf, suggestIndicatorScore } from './scoring.js';
import type { IndicatorSuggestion } from './scoring.js';
import { executionRateWeight, levelWeight, scoringLevel } from './template.js';
import type { EvaluationTemplate } from './template.js';
import { computeProjectFigures } from './calculations-projects.js';
import type { ProjectsFigures } from './calculations-projects.js';

export type ColumnTotals = Record<MoneyColumn, MoneyCell>;

export interface IndicatorFigures extends IndicatorSuggestion {
  declared: Decimal | null;
  /** The row's 偏差原因分析及改进措施 is written. */
  reasonGiven: boolean;
  /** The level whose weight this row counts towards (成本 folds into 产出 when the template says so). */
  scoringLevel: Level1;
}

export interface BuildingFigures {
  id: string;
  areaControlRate: Decimal | null; // 规模控制率 = 实际 ÷ 批复
  investmentControlRate: Decimal | null; // 投资概算控制率 = 实际 ÷ 预算
}

export interface LevelFigures {
  /** The template's weight for this level. */
  weight: Decimal;
  /** Σ 分值 of the rows counting towards it. */
  rowWeightSum: Decimal;
  declaredSum: Decimal;
  suggestedSum: Decimal;
  rowCount: number;
}

export interface ComputedFigures {
  staffing: { controlRate: Decimal | null }; // 控制率 "140.00"
  threePublic: { vehicle: ColumnTotals; total: ColumnTotals }; // 公务用车购置和维护经费, 三公经费
  projects: { specialFundsTotal: ColumnTotals; total: ColumnTotals }; // 项目支出
  publicFunds: { itemsSum: ColumnTotals; finalToBudgetRate: Decimal | null }; // Σ 其中; 决算 ÷ 预算
  buildings: BuildingFigures[];
  budget: {
    executionWeight: Decimal; // 分值
    executionRate: Decimal | null; // 执行率 "100.00"
    executionRateExact: Decimal | null;
    executionPoints: Decimal | null; // 得分 "10.00"
    incomeSplitTotal: MoneyCell;
    expenditureSplitTotal: MoneyCell;
    initialByFunctionTotal: MoneyCell;
    economicClassTotal: MoneyCell;
    /** Denominator of the shares: 全年执行数, else Σ economic classes. */
    totalSpending: MoneyCell;
    shares: { wages: Decimal | null; goodsAndServices: Decimal | null; householdSubsidies: Decimal | null; capital: Decimal | null };
  };
  indicators: IndicatorFigures[];
  levels: Record<Level1, LevelFigures>;
  /** D. 项目支出绩效自评表, one entry per table in document order. */
  projectEvaluations: ProjectsFigures;
  scores: {
    indicatorWeightSum: Decimal; // Σ 分值 of indicator rows
    weightTotal: Decimal; // + 执行率 分值: must be 100
    declaredTotal: Decimal; // 总分 declared: 执行率 points + Σ 得分 ("97")
    suggestedTotal: Decimal; // 执行率 points + Σ suggestions ("95.14")
    cap: Decimal | null; // the execution-rate cap when the rule is on
    effectiveTotal: Decimal; // declared total, capped
    suggestedEffectiveTotal: Decimal; // suggested total, capped the same way
    grade: Grade;
    suggestedGrade: Grade;
  };
}

function columns(rows: readonly (MoneyRow | undefined)[]): ColumnTotals {
  const out = {} as ColumnTotals;
  for (const c of MONEY_COLUMNS) out[c] = sumCells(rows.map((r) => r?.[c]));
  return out;
}

function validNonNegative(v: unknown): v is Decimal {
  return typeof v === 'string' && DECIMAL_PATTERN.test(v) && !v.startsWith('-');
}

function rateOfCounts(part: number | null, whole: number | null): Decimal | null {
  if (typeof part !== 'number' || typeof whole !== 'number' || !Number.isFinite(part) || !Number.isFinite(whole) || whole === 0) return null;
  return percentOf(String(part), String(whole));
}

function ratioOf(part: Decimal | null | undefined | MoneyCell, whole: Decimal | null | undefined | MoneyCell): Decimal | null {
  return percentOfCells(part ?? null, whole ?? null);
}

/** Computes every derived figure. Never throws on a document that passed parsePackageDocument. */
export function computeFigures(doc: PackageDocument, template: EvaluationTemplate): ComputedFigures {
  const bd = doc.basicData;
  const se = doc.selfEvaluation;
  const b = se.budget;

  const vehicle = columns([bd.threePublic.vehiclePurchase, bd.threePublic.vehicleOperation]);
  const threePublicTotal = columns([bd.threePublic.vehiclePurchase, bd.threePublic.vehicleOperation, bd.threePublic.overseas, bd.threePublic.reception]);
  const specialFundsTotal = columns(bd.projects.specialFunds);
  const projectsTotal = columns([bd.projects.businessWork, bd.projects.operationMaintenance, ...bd.projects.specialFunds]);
  const itemsSum = columns([bd.publicFunds.office, bd.publicFunds.utilitiesTravel, bd.publicFunds.meetingsTraining]);

  const buildings: BuildingFigures[] = bd.buildings.map((r) => ({
    id: r.id,
    areaControlRate: ratioOf(r.actualArea, r.approvedArea),
    investmentControlRate: ratioOf(r.actualInvestment, r.budgetInvestment),
  }));

  const executionWeight = executionRateWeight(template);
  const exec = executionScore(hasAmount(b.annualBudget) ? b.annualBudget : null, hasAmount(b.execution) ? b.execution : null, executionWeight);

  const ec = b.executionByEconomicClass;
  const economicClassTotal = sumCells([ec.wages, ec.goodsAndServices, ec.householdSubsidies, ec.capital]);
  const totalSpending: MoneyCell = hasAmount(b.execution) ? b.execution : economicClassTotal;
  const share = (cell: MoneyCell) => ratioOf(cell, totalSpending);

  const levels = {} as Record<Level1, LevelFigures>;
  for (const l of LEVEL1) levels[l] = { weight: levelWeight(template, l), rowWeightSum: '0', declaredSum: '0', suggestedSum: '0', rowCount: 0 };

  const indicators: IndicatorFigures[] = [];
  const weights: Decimal[] = [];
  const declared: Decimal[] = [];
  const suggested: Decimal[] = [];
  for (const row of se.indicators) {
    const s = suggestIndicatorScore(row, template.rules);
    const lvl = scoringLevel(template, row.level1);
    const d = validNonNegative(row.score) ? row.score : null;
    const f: IndicatorFigures = Object.assign(s, { declared: d, reasonGiven: (row.deviationReason ?? '').trim() !== '', scoringLevel: lvl });
    indicators.push(f);
    const lf = levels[lvl];
    lf.rowCount += 1;
    if (s.weight) {
      weights.push(s.weight);
      lf.rowWeightSum = addDecimal(lf.rowWeightSum, s.weight);
    }
    if (d) {
      declared.push(d);
      lf.declaredSum = addDecimal(lf.declaredSum, d);
    }
    if (s.suggested) {
      suggested.push(s.suggested);
      lf.suggestedSum = addDecimal(lf.suggestedSum, s.suggested);
    }
  }
  const points = exec.points ?? '0';
  const indicatorWeightSum = sumDecimals(weights);
  const declaredTotal = addDecimal(points, sumDecimals(declared));
  const suggestedTotal = roundDecimal(addDecimal(points, sumDecimals(suggested)), 2);
  const cap = template.rules?.capTotalByExecutionRate ? capForExecutionRate(exec.rateExact) : null;
  const effectiveTotal = cap !== null && compareDecimal(declaredTotal, cap) > 0 ? cap : declaredTotal;
  const suggestedEffective = cap !== null && compareDecimal(suggestedTotal, cap) > 0 ? cap : suggestedTotal;

  return {
    staffing: { controlRate: rateOfCounts(bd.staffing.actual, bd.staffing.authorized) },
    threePublic: { vehicle, total: threePublicTotal },
    projects: { specialFundsTotal, total: projectsTotal },
    publicFunds: { itemsSum, finalToBudgetRate: ratioOf(bd.publicFunds.total.currentFinal, bd.publicFunds.total.currentBudget) },
    buildings,
    budget: {
      executionWeight,
      executionRate: exec.rate,
      executionRateExact: exec.rateExact,
      executionPoints: exec.points,
      incomeSplitTotal: sumCells([b.byIncome.generalPublic, b.byIncome.governmentFund, b.byIncome.specialAccountNonTax, b.byIncome.other]),
      expenditureSplitTotal: sumCells([b.byExpenditure.basic, b.byExpenditure.project]),
      initialByFunctionTotal: b.initialByFunction.length ? sumCells(b.initialByFunction.map((r) => r.amount)) : null,
      economicClassTotal,
      totalSpending,
      shares: {
        wages: share(ec.wages),
        goodsAndServices: share(ec.goodsAndServices),
        householdSubsidies: share(ec.householdSubsidies),
        capital: share(ec.capital),
      },
    },
    indicators,
    levels,
    projectEvaluations: computeProjectFigures(doc, template),
    scores: {
      indicatorWeightSum,
      weightTotal: addDecimal(indicatorWeightSum, executionWeight),
      declaredTotal,
      suggestedTotal,
      cap,
      effectiveTotal,
      suggestedEffectiveTotal: suggestedEffective,
      grade: gradeOf(effectiveTotal),
      suggestedGrade: gradeOf(suggestedEffective),
    },
  };
}

