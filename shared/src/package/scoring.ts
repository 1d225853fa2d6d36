/**
 * Suggested scores (the system's proposal; the unit may declare another score with a written reason).
 * Each variant is a parameter of the campaign's template (see ScoringRules); the defaults are:
 *
 * - GE (more is better): met → full; else actual ÷ target × 分值.
 * - LE (cost, less is better): met → full; else RATIO target ÷ actual × 分值, or
 *   LINEAR_DEDUCTION (1 − (actual − target) ÷ target) × 分值, 0 at or beyond 2 × target.
 * - EQ: met → full; target 0: full only when actual ≤ 0, else 0; target > 0: DEVIATION
 *   分值 × (1 − |actual − target| ÷ |target|), floor 0, or AS_GE (scored like ≥).
 * - BY (时限): done in or before the deadline month/date → full; late → 0, or N points off per month.
 * - QUALITATIVE: by band (bounds 80/60 or 80/50). The suggestion is the TOP of 达成 (100 %: a met
 *   target earns full marks) and the MIDPOINT of the other bands (70 % / 30 % with 80/60); any
 *   declared score inside the band needs no reason, one outside it is an error.
 * - Overshoot of a ≥ target by the template's N %: a warning, or N points off the row.
 * Each row is capped at 分值, floored at 0, rounded half-up to 2 decimals.
 */
import { DECIMAL_PATTERN, compareDecimal, roundDecimal, roundRatio, toBig, trimDecimal } from './money.js';
import type { BigValue } from './money.js';
import type { Decimal } from './money.js';
import type { Grade, IndicatorRow, QualitativeBand } from './model.js';
import { BAND_LABELS } from './model.js';
import { SCORING_RULE_DEFAULTS, scoringRules } from './template.js';
import type { QualitativeBandBounds, ScoringRules, TemplateRules } from './template.js';
import { BAND_PHRASES, bandOfActual, completionOfActual, deadlineOfTarget, formatDeadline, monthsLate } from './target-text.js';

export type SuggestionStatus = 'MET' | 'MISSED' | 'NOT_SCORABLE';
export type NotScorableReason = 'BAD_WEIGHT' | 'NO_TARGET' | 'NO_ACTUAL' | 'UNIT_MISMATCH' | 'NO_BAND';

/** Which rule produced a suggestion; ruleText() words it. */
export type RuleCode =
  | 'POSITIVE_RATIO' // ≥: actual ÷ target
  | 'REVERSE_RATIO' // ≤: target ÷ actual
  | 'REVERSE_LINEAR' // ≤: linear deduction up to 2 × target
  | 'EQUAL_DEVIATION' // =: proportional to the deviation
  | 'EQUAL_AS_GE' // =: scored like ≥
  | 'EQUAL_ZERO' // = 0: full only at or below 0
  | 'QUALITATIVE_BANDS' // 定性: three bands
  | 'DEADLINE_ZERO' // 时限: late → 0
  | 'DEADLINE_PER_MONTH'; // 时限: late → N points off per month

export interface RuleApplied {
  code: RuleCode;
  /** "反向指标·线性扣分", "定性·80/50·部分达成50–80%". */
  zh: string;
  en: string;
}

/** The band a qualitative row was placed in, with its bounds in % of the points. */
export interface BandApplied {
  band: QualitativeBand;
  minPercent: number;
  maxPercent: number;
  /** 达成 includes 100 %; the other bands stop short of the next band's lower bound. */
  maxInclusive: boolean;
}

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
  /** The rule in force for this row (shown next to the suggestion); null when the row has no operator yet. */
  rule?: RuleApplied | null;
  /** Points taken off for an overshoot under the template's deduction rule. */
  overshootDeduction?: Decimal | null;
  /** Months a 时限 row was late (0 when on time). */
  monthsLate?: number | null;
  band?: BandApplied | null;
}

/** Today's default bands (80/60), in fractions of the points. */
export const BAND_RANGES: Record<QualitativeBand, { min: Decimal; max: Decimal; suggested: Decimal }> = bandRanges(SCORING_RULE_DEFAULTS.qualitativeBands);

/** Band fractions for given bounds: 达成 [a, 1], 部分达成 [p, a), 未达成 [0, p); suggestion top / midpoint / midpoint. */
export function bandRanges(bounds: QualitativeBandBounds): Record<QualitativeBand, { min: Decimal; max: Decimal; suggested: Decimal }> {
  const a = toBig(String(bounds.achievedMin)).div(100);
  const p = toBig(String(bounds.partialMin)).div(100);
  return {
    ACHIEVED: { min: a.toString(), max: '1', suggested: '1' },
    PARTIAL: { min: p.toString(), max: a.toString(), suggested: a.plus(p).div(2).toString() },
    NOT_ACHIEVED: { min: '0', max: p.toString(), suggested: p.div(2).toString() },
  };
}

function bandApplied(band: QualitativeBand, bounds: QualitativeBandBounds): BandApplied {
  if (band === 'ACHIEVED') return { band, minPercent: bounds.achievedMin, maxPercent: 100, maxInclusive: true };
  if (band === 'PARTIAL') return { band, minPercent: bounds.partialMin, maxPercent: bounds.achievedMin, maxInclusive: false };
  return { band, minPercent: 0, maxPercent: bounds.partialMin, maxInclusive: false };
}

/** "％", "%" and "百分比" are the same unit; blanks are ignored. */
export function normalizeUnit(unit: string | undefined | null): string {
  return (unit ?? '').replace(/\s+/g, '').replace(/％/g, '%').replace(/^百分比$/, '%');
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

/** Words for the rule applied to a row (zh-CN and English), e.g. "反向指标·线性扣分". */
export function describeRule(row: Pick<IndicatorRow, 'target' | 'actual'>, rulesIn?: Partial<TemplateRules> | null): RuleApplied | null {
  const rules = scoringRules(rulesIn);
  const op = row.target?.operator;
  const deduct = rules.overshootFlagPercent !== null && rules.overshootDeductionPoints !== null;
  const overshootZh = deduct ? `·超${rules.overshootFlagPercent}%扣${rules.overshootDeductionPoints}分` : '';
  const overshootEn = deduct ? ` · −${rules.overshootDeductionPoints} at ${rules.overshootFlagPercent} % over` : '';
  switch (op) {
    case 'GE':
      return { code: 'POSITIVE_RATIO', zh: `正向指标·按比例${overshootZh}`, en: `positive · proportional${overshootEn}` };
    case 'LE':
      return rules.reverseRule === 'LINEAR_DEDUCTION'
        ? { code: 'REVERSE_LINEAR', zh: '反向指标·线性扣分', en: 'reverse · linear deduction' }
        : { code: 'REVERSE_RATIO', zh: '反向指标·按比例', en: 'reverse · proportional' };
    case 'EQ': {
      const tv = row.target.value;
      if (validDecimal(tv) && compareDecimal(tv, '0') === 0) return { code: 'EQUAL_ZERO', zh: '等于0·超出即0分', en: 'equal to 0 · 0 if above' };
      return rules.equalRule === 'AS_GE'
        ? { code: 'EQUAL_AS_GE', zh: '等于·按正向计分', en: 'equal · scored like ≥' }
        : { code: 'EQUAL_DEVIATION', zh: '等于·按偏差扣分', en: 'equal · by the deviation' };
    }
    case 'QUALITATIVE': {
      const b = rules.qualitativeBands;
      const band = bandOfActual(row.actual ?? { value: null, unit: '' });
      const ba = band ? bandApplied(band, b) : null;
      const zhBand = ba ? `·${BAND_LABELS[ba.band].zh}${ba.minPercent}–${ba.maxPercent}%` : '';
      const enBand = ba ? ` · ${BAND_LABELS[ba.band].en} ${ba.minPercent}–${ba.maxPercent} %` : '';
      return { code: 'QUALITATIVE_BANDS', zh: `定性·${b.achievedMin}/${b.partialMin}${zhBand}`, en: `qualitative · ${b.achievedMin}/${b.partialMin}${enBand}` };
    }
    case 'BY': {
      const n = rules.deadlineLatePointsPerMonth;
      return n === null
        ? { code: 'DEADLINE_ZERO', zh: '时限指标·逾期0分', en: 'deadline · 0 if late' }
        : { code: 'DEADLINE_PER_MONTH', zh: `时限指标·逾期每月扣${n}分`, en: `deadline · −${n} per month late` };
    }
    default:
      return null;
  }
}

/** The system's suggested score for one indicator row under a template's rules (today's rules when omitted). Never throws. */
export function suggestIndicatorScore(row: IndicatorRow, rulesIn?: Partial<TemplateRules> | null): IndicatorSuggestion {
  const rules: ScoringRules = scoringRules(rulesIn);
  const base: IndicatorSuggestion = {
    id: row.id,
    weight: null,
    suggested: null,
    status: 'NOT_SCORABLE',
    acceptedMin: null,
    acceptedMax: null,
    overshootPercent: null,
    rule: describeRule(row, rules),
    overshootDeduction: null,
    monthsLate: null,
    band: null,
  };
  if (!validDecimal(row.weight) || row.weight.startsWith('-')) return { ...base, notScorable: 'BAD_WEIGHT' };
  base.weight = row.weight;
  const operator = row.target?.operator;
  if (operator === 'QUALITATIVE') {
    const band = bandOfActual(row.actual ?? { value: null, unit: '' });
    if (!band) return { ...base, notScorable: 'NO_BAND' };
    const r = bandRanges(rules.qualitativeBands)[band];
    const w = toBig(row.weight);
    return {
      ...base,
      suggested: roundDecimal(w.times(r.suggested).toString(), 2),
      status: band === 'ACHIEVED' ? 'MET' : 'MISSED',
      acceptedMin: roundDecimal(w.times(r.min).toString(), 2),
      acceptedMax: roundDecimal(w.times(r.max).toString(), 2),
      band: bandApplied(band, rules.qualitativeBands),
    };
  }
  if (operator === 'BY') {
    const deadline = deadlineOfTarget(row.target);
    if (!deadline) return { ...base, notScorable: 'NO_TARGET' };
    const done = completionOfActual(row.actual ?? { value: null, unit: '' });
    if (!done) return { ...base, notScorable: 'NO_ACTUAL' };
    const late = monthsLate(deadline, done);
    const w = toBig(row.weight);
    const perMonth = rules.deadlineLatePointsPerMonth;
    const suggested = late === 0 ? roundDecimal(row.weight, 2) : perMonth === null ? '0.00' : clampRound(w.minus(toBig(String(perMonth)).times(late)), w);
    return { ...base, suggested, status: late === 0 ? 'MET' : 'MISSED', acceptedMin: suggested, acceptedMax: suggested, monthsLate: late };
  }
  const tv = row.target?.value;
  const av = row.actual?.value;
  if (!validDecimal(tv)) return { ...base, notScorable: 'NO_TARGET' };
  if (!validDecimal(av)) return { ...base, notScorable: 'NO_ACTUAL' };
  const tu = normalizeUnit(row.target?.unit);
  const au = normalizeUnit(row.actual?.unit);
  if (au !== '' && tu !== '' && au !== tu) return { ...base, notScorable: 'UNIT_MISMATCH' };
  const cmp = compareDecimal(av, tv);
  const targetZero = compareDecimal(tv, '0') === 0;
  // "=" with a target of 0 ("zero incidents"): anything at or below 0 meets it.
  const eqAsGe = operator === 'EQ' && !targetZero && rules.equalRule === 'AS_GE';
  const met =
    operator === 'GE' || eqAsGe ? cmp >= 0 : operator === 'LE' ? cmp <= 0 : targetZero ? compareDecimal(av, '0') <= 0 : cmp === 0;
  const w = toBig(row.weight);
  let suggested: Decimal;
  if (met) {
    suggested = roundDecimal(row.weight, 2);
  } else {
    // One exact rounding of a rational: GE a·w/t, LE t·w/a or w·(2t − a)/t, EQ w·(|t| − |a − t|)/|t|.
    const t = toBig(tv);
    const a = toBig(av);
    let ratio: Decimal | null = null;
    if (operator === 'GE' || eqAsGe) ratio = t.gt(0) ? roundRatio(a.times(w), t, 2) : null;
    else if (operator === 'LE') {
      if (!t.gt(0)) ratio = null;
      else if (rules.reverseRule === 'LINEAR_DEDUCTION') ratio = a.gte(t.times(2)) ? '0' : roundRatio(w.times(t.times(2).minus(a)), t, 2);
      else ratio = roundRatio(t.times(w), a, 2);
    } else ratio = t.eq(0) ? null : roundRatio(w.times(t.abs().minus(a.minus(t).abs())), t.abs(), 2);
    suggested = clampRound(toBig(ratio ?? '0'), w);
  }
  let overshootPercent: Decimal | null = null;
  if (operator === 'GE' && cmp > 0 && compareDecimal(tv, '0') > 0) {
    overshootPercent = roundRatio(toBig(av).minus(tv).times(100), tv, 2);
  }
  let overshootDeduction: Decimal | null = null;
  const flag = rules.overshootFlagPercent;
  const deduction = rules.overshootDeductionPoints;
  if (overshootPercent !== null && flag !== null && deduction !== null && compareDecimal(overshootPercent, String(flag)) >= 0) {
    overshootDeduction = roundDecimal(String(deduction), 2);
    suggested = clampRound(toBig(suggested).minus(deduction), w);
  }
  return {
    ...base,
    suggested,
    status: met ? 'MET' : 'MISSED',
    acceptedMin: suggested,
    acceptedMax: suggested,
    overshootPercent,
    overshootDeduction,
  };
}

/** The band a qualitative score falls in under given bounds, or null outside 0..weight. */
export function scoreWithinBand(score: Decimal, weight: Decimal, band: BandApplied): boolean {
  const w = toBig(weight);
  const lo = w.times(band.minPercent).div(100);
  const hi = w.times(band.maxPercent).div(100);
  const s = toBig(score);
  return s.gte(lo) && (band.maxInclusive ? s.lte(hi) : s.lt(hi));
}

/** "部分达成（50%–80%，即5–8分，不含8分）": the band named for a message. */
export function bandText(band: BandApplied, weight: Decimal): { zh: string; en: string } {
  const w = toBig(weight);
  const lo = trimDecimal(roundDecimal(w.times(band.minPercent).div(100).toString(), 2));
  const hi = trimDecimal(roundDecimal(w.times(band.maxPercent).div(100).toString(), 2));
  const upper = band.maxInclusive ? '' : `，不含${hi}分`;
  return {
    zh: `「${BAND_PHRASES[band.band]}」档（${band.minPercent}%–${band.maxPercent}%，即${lo}–${hi}分${upper}）`,
    en: `band "${BAND_LABELS[band.band].en}" (${band.minPercent}–${band.maxPercent} %, ${lo}–${hi}${band.maxInclusive ? '' : ` excluding ${hi}`})`,
  };
}

/** The deadline of a 时限 row as printed ("9月前"), for display. */
export function deadlineText(row: Pick<IndicatorRow, 'target'>): string {
  return formatDeadline(deadlineOfTarget(row.target));
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
