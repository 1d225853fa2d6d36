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
import { DECIMAL_PATTERN, big, round } from './money.js';
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
  if (v.lt(0)) v = big('0');
  if (v.gt(weight)) v = weight;
  return round(v.toString(), 2);
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
  const w = big(row.weight);
  base.weight = row.weight;
  const operator = row.target?.operator;
  if (operator === 'QUALITATIVE') {
    const band = row.actual?.band;
    if (!band || !(band in BAND_RANGES)) return { ...base, notScorable: 'NO_BAND' };
    const r = BAND_RANGES[band];
    const suggested = round(w.times(r.suggested).toString(), 2);
    return {
      ...base,
      suggested,
      status: band === 'ACHIEVED' ? 'MET' : 'MISSED',
      acceptedMin: round(w.times(r.min).toString(), 2),
      acceptedMax: round(w.times(r.max).toString(), 2),
    };
  }
  const tv = row.target?.value;
  const av = row.actual?.value;
  if (!validDecimal(tv)) return { ...base, notScorable: 'NO_TARGET' };
  if (!validDecimal(av)) return { ...base, notScorable: 'NO_ACTUAL' };
  const tu = normalizeUnit(row.target?.unit);
  const au = normalizeUnit(row.actual?.unit);
  if (au !== '' && tu !== '' && au !== tu) return { ...base, notScorable: 'UNIT_MISMATCH' };
  const t = big(tv);
  const a = big(av);
  let met: boolean;
  let raw: BigValue;
  if (operator === 'GE') {
    met = a.gte(t);
    raw = met ? w : t.gt(0) ? a.div(t).times(w) : big('0');
  } else if (operator === 'LE') {
    met = a.lte(t);
    raw = met ? w : t.gt(0) ? t.div(a).times(w) : big('0');
  } else {
    met = a.eq(t);
    raw = met ? w : t.eq(0) ? big('0') : w.times(big('1').minus(a.minus(t).abs().div(t.abs())));
  }
  const suggested = clampRound(raw, w);
  let overshootPercent: Decimal | null = null;
  if (operator === 'GE' && t.gt(0) && a.gt(t)) overshootPercent = round(a.minus(t).div(t).times(100).toString(), 2);
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
  /** min(执行数 ÷ 全年预算数, 1) × 分值, 2 decimals. */
  points: Decimal | null;
}

/** 预算执行率 and its points. */
export function executionScore(annualBudget: Decimal | null, execution: Decimal | null, weight: Decimal): ExecutionScore {
  if (annualBudget === null || execution === null || big(annualBudget).eq(0)) {
    return { rate: null, rateExact: null, points: null };
  }
  const ratio = big(execution).div(annualBudget);
  const capped = ratio.gt(1) ? big('1') : ratio.lt(0) ? big('0') : ratio;
  return {
    rate: round(ratio.times(100).toString(), 2),
    rateExact: ratio.times(100).toString(),
    points: round(capped.times(weight).toString(), 2),
  };
}

/** Province rule: the total is capped by the execution rate (exact %). Null = no cap. */
export function capForExecutionRate(rateExactPercent: Decimal | null): Decimal | null {
  if (rateExactPercent === null) return null;
  const r = big(rateExactPercent);
  if (r.gte(80)) return null;
  if (r.gte(70)) return '89';
  if (r.gte(60)) return '79';
  if (r.gte(50)) return '69';
  return '59';
}

/** 优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60. */
export function gradeOf(total: Decimal): Grade {
  const t = big(total);
  if (t.gte(90)) return 'EXCELLENT';
  if (t.gte(80)) return 'GOOD';
  if (t.gte(60)) return 'FAIR';
  return 'POOR';
}
