/**
 * Suggested scores (the system's proposal; the unit may declare another score with a written reason).
 *
 * - GE (more is better): met → full; else actual ÷ target × 分值.
 * - LE (cost, less is better): met → full; else target ÷ actual × 分值.
 * - EQ: met → full; else 分值 × (1 − |actual − target| ÷ |target|), floor 0.
 * - QUALITATIVE: by band. The suggestion is the TOP of 达成 (100 %: a met target earns full
 *   marks, as in the quantitative rules) and the MIDPOINT of the other bands (部分达成 70 %,
 *   未达成 30 %); any declared score inside the band (80–100 / 60–80 / 0–60 %) needs no reason.
 * Each row is capped at 分值, floored at 0, rounded half-up to 2 decimals.
 */
import { DECIMAL_PATTERN, compareDecimal, roundDecimal, roundRatio, toBig } from './money.js';
import type { BigValue } from './money.js';
import type { Decimal } from './money.js';
import type { Grade, IndicatorRow, QualitativeBand } from './model.js';

export type SuggestionStatus = 'MET' | 'MISSED' | 'NOT_SCORABLE';
export type NotScorableReason = 'BAD_WEIGHT' | 'NO_TARGET' | 'NO_ACTUAL' | 'UNIT_MISMATCH' | 'NO_BAND';

export interface IndicatorSuggestion {
  id: string;
  weight: Decimal | null;
  /** Suggested 得分 with 2 decimals ("9.47"), null when the row cannot be scored yet. */
  suggested: Decimal | null;
  status: SuggestionStatus;
  notScorable?: NotScorableReason;
  /** Declared scores in [acceptedMin, acceptedMax] need no reason (a point for numbers, a band for qualitative rows). */
  acceptedMin: Decimal | null;
  acceptedMax: Decimal | null;
  /** How far the actual beats a GE target, in % of the target (2 decimals), when it does. */
  overshootPercent: Decimal | null;
}

export const BAND_RANGES: Record<QualitativeBand, { min: Decimal; max: Decimal; suggested: Decimal }> = {
  ACHIEVED: { min: '0.8', max: '1', suggested: '1' },
  PARTIAL: { min: '0.6', max: '0.8', suggested: '0.7' },
  NOT_ACHIEVED: { min: '0', max: '0.6', suggested: '0.3' },
};

/** "％" and "%" are the same unit; blanks are ignored. */
export function normalizeUnit(unit: string | undefined | null): string {
  return (unit ?? '').replace(/\s+/g, '').replace(/％/g, '%');
}

function validDecimal(v: unknown): v is Decimal {
  return typeof v === 'string' && DECIMAL_PATTERN.test(v);
}

function clampRound(value: BigValue, weight: BigValue): Decimal {
  let v = value;
  if (v.lt(0)) v = toBig('0');
  if (v.gt(weight)) v = weight;
  return roundDecimal(v.toString(), 2);
}

/** The system's suggested score for one indicator row. Never throws. */
export function suggestIndicatorScore(row: IndicatorRow): IndicatorSuggestion {
  const base: IndicatorSuggestion = {
    id: row.id,
    weight: null,
    suggested: null,
    status: 'NOT_SCORABLE',
    acceptedMin: null,
    acceptedMax: null,
    overshootPercent: null,
  };
  if (!validDecimal(row.weight) || row.weight.startsWith('-')) return { ...base, notScorable: 'BAD_WEIGHT' };
  base.weight = row.weight;
  const operator = row.target?.operator;
  if (operator === 'QUALITATIVE') {
    const band = row.actual?.band;
    if (!band || !(band in BAND_RANGES)) return { ...base, notScorable: 'NO_BAND' };
    const r = BAND_RANGES[band];
    const w = toBig(row.weight);
    const suggested = roundDecimal(w.times(r.suggested).toString(), 2);
    return {
      ...base,
      suggested,
      status: band === 'ACHIEVED' ? 'MET' : 'MISSED',
      acceptedMin: roundDecimal(w.times(r.min).toString(), 2),
      acceptedMax: roundDecimal(w.times(r.max).toString(), 2),
    };
  }
  const tv = row.target?.value;
  const av = row.actual?.value;
  if (!validDecimal(tv)) return { ...base, notScorable: 'NO_TARGET' };
  if (!validDecimal(av)) return { ...base, notScorable: 'NO_ACTUAL' };
  const tu = normalizeUnit(row.target?.unit);
  const au = normalizeUnit(row.actual?.unit);
  if (au !== '' && tu !== '' && au !== tu) return { ...base, notScorable: 'UNIT_MISMATCH' };
  const cmp = compareDecimal(av, tv);
  const met = operator === 'GE' ? cmp >= 0 : operator === 'LE' ? cmp <= 0 : cmp === 0;
  let suggested: Decimal;
  if (met) {
    suggested = roundDecimal(row.weight, 2);
  } else {
    const w = toBig(row.weight);
    // One exact rounding of a rational: GE a·w/t, LE t·w/a, EQ w·(|t| − |a − t|)/|t|.
    const t = toBig(tv);
    const a = toBig(av);
    let ratio: Decimal | null = null;
    if (operator === 'GE') ratio = t.gt(0) ? roundRatio(a.times(w), t, 2) : null;
    else if (operator === 'LE') ratio = t.gt(0) ? roundRatio(t.times(w), a, 2) : null;
    else ratio = t.eq(0) ? null : roundRatio(w.times(t.abs().minus(a.minus(t).abs())), t.abs(), 2);
    suggested = clampRound(toBig(ratio ?? '0'), w);
  }
  let overshootPercent: Decimal | null = null;
  if (operator === 'GE' && cmp > 0 && compareDecimal(tv, '0') > 0) {
    overshootPercent = roundRatio(toBig(av).minus(tv).times(100), tv, 2);
  }
  return {
    ...base,
    suggested,
    status: met ? 'MET' : 'MISSED',
    acceptedMin: suggested,
    acceptedMax: suggested,
    overshootPercent,
  };
}

export interface ExecutionScore {
  /** 执行率 in % with 2 decimals ("100.00"), null when the budget is missing or 0. */
  rate: Decimal | null;
  /** The exact rate in % (for thresholds), null like rate. */
  rateExact: Decimal | null;
  /** minDecimal(执行数 ÷ 全年预算数, 1) × 分值, 2 decimals. */
  points: Decimal | null;
}

/** 预算执行率 and its points. */
export function executionScore(annualBudget: Decimal | null, execution: Decimal | null, weight: Decimal): ExecutionScore {
  if (annualBudget === null || execution === null || toBig(annualBudget).eq(0)) {
    return { rate: null, rateExact: null, points: null };
  }
  const full = compareDecimal(execution, annualBudget) >= 0;
  const none = compareDecimal(execution, '0') <= 0;
  return {
    rate: roundRatio(toBig(execution).times(100), annualBudget, 2),
    rateExact: toBig(execution).times(100).div(annualBudget).toString(),
    points: full ? roundDecimal(weight, 2) : none ? '0.00' : roundRatio(toBig(execution).times(weight), annualBudget, 2),
  };
}

/** Province rule: the total is capped by the execution rate (exact %). Null = no cap. */
export function capForExecutionRate(rateExactPercent: Decimal | null): Decimal | null {
  if (rateExactPercent === null) return null;
  const r = rateExactPercent;
  if (compareDecimal(r, '80') >= 0) return null;
  if (compareDecimal(r, '70') >= 0) return '89';
  if (compareDecimal(r, '60') >= 0) return '79';
  if (compareDecimal(r, '50') >= 0) return '69';
  return '59';
}

/** 优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60. */
export function gradeOf(total: Decimal): Grade {
  if (compareDecimal(total, '90') >= 0) return 'EXCELLENT';
  if (compareDecimal(total, '80') >= 0) return 'GOOD';
  if (compareDecimal(total, '60') >= 0) return 'FAIR';
  return 'POOR';
}
