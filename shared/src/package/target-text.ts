/**
 * Reading targets and actuals as people write them: operator spellings (≧ ≦ ＞ ＜, 百分比),
 * deadlines ("9月前", "年底前", "2023年9月30日前", "7月"), and the three fixed phrases of a
 * qualitative result. Pure; what was typed is never rewritten here, only read.
 */
import type { IndicatorActual, IndicatorTarget, QualitativeBand } from './model.js';

/** Spellings read as the canonical operator or unit; each reading is reported as a note. */
export const SPELLING_VARIANTS: readonly { from: string; to: string }[] = [
  { from: '≧', to: '≥' },
  { from: '≦', to: '≤' },
  { from: '＞', to: '>' },
  { from: '＜', to: '<' },
  { from: '百分比', to: '%' },
];

export interface SpellingReading {
  /** The text with every variant replaced ("≧95%" → "≥95%"). */
  normalized: string;
  /** The variants found, in order, once each. */
  replaced: { from: string; to: string }[];
}

/** How a typed target or actual reads once operator and unit spellings are normalised. */
export function readSpellings(text: string): SpellingReading {
  let normalized = text;
  const replaced: { from: string; to: string }[] = [];
  for (const v of SPELLING_VARIANTS) {
    if (normalized.includes(v.from)) {
      replaced.push(v);
      normalized = normalized.split(v.from).join(v.to);
    }
  }
  return { normalized, replaced };
}

/** A point in time as a deadline or an actual completion: a month, optionally a day and a year. */
export interface DeadlinePoint {
  year?: number;
  month: number;
  day?: number;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };

function monthNumber(s: string): number | null {
  const n = /^\d+$/.test(s) ? Number(s) : (CN_DIGITS[s] ?? NaN);
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : null;
}

/**
 * "9月前", "9月底前", "11月底", "年底前", "年内", "12月31日前", "2023年9月30日前", "2023-09-30",
 * "2023-09", "7月", "七月" → a point; anything else → null.
 */
export function parseDeadlineText(text: string | null | undefined): DeadlinePoint | null {
  const t = (text ?? '').normalize('NFKC').replace(/\s+/g, '').replace(/(?:之前|以前|前|底|末|完成)+$/, '');
  if (!t) return null;
  if (/^(?:年|年内|年度内|本年|当年|全年)$/.test(t)) return { month: 12 };
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(t);
  if (!m) m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(t);
  if (m) {
    const month = monthNumber(m[2]!);
    const day = m[3] ? Number(m[3]) : undefined;
    if (month === null || (day !== undefined && (day < 1 || day > 31))) return null;
    return { year: Number(m[1]), month, ...(day ? { day } : {}) };
  }
  m = /^(\d{1,2}|[一二三四五六七八九十]|十[一二])月(?:份)?(?:(\d{1,2})日)?$/.exec(t);
  if (m) {
    const month = monthNumber(m[1]!);
    const day = m[2] ? Number(m[2]) : undefined;
    if (month === null || (day !== undefined && (day < 1 || day > 31))) return null;
    return { month, ...(day ? { day } : {}) };
  }
  return null;
}

/** A month typed as a number ("9", unit 月 or blank). */
function monthFromValue(value: string | null | undefined, unit: string | null | undefined): DeadlinePoint | null {
  if (value === null || value === undefined || !/^\d{1,2}$/.test(value)) return null;
  if (unit && !/^(?:月|月份|月前|月底前|月底)$/.test(unit.trim())) return null;
  const month = monthNumber(value);
  return month === null ? null : { month };
}

/** The deadline of a "by" target: its month value, else its text read as a date or month. */
export function deadlineOfTarget(t: IndicatorTarget): DeadlinePoint | null {
  return monthFromValue(t.value, t.unit) ?? parseDeadlineText(t.text) ?? parseDeadlineText(t.raw);
}

/** When a "by" row was done: its month value, else its text read as a date or month. */
export function completionOfActual(a: IndicatorActual): DeadlinePoint | null {
  return monthFromValue(a.value, a.unit) ?? parseDeadlineText(a.text) ?? parseDeadlineText(a.raw);
}

/**
 * Whole months the completion is after the deadline: 0 when met. A deadline month without a day
 * means its end; a completion in the same month without a day counts as met. A day past the
 * deadline's day starts a new month of lateness. Years are compared only when both give one.
 */
export function monthsLate(deadline: DeadlinePoint, done: DeadlinePoint): number {
  const sameYearBasis = deadline.year === undefined || done.year === undefined;
  const dIndex = (sameYearBasis ? 0 : deadline.year! * 12) + deadline.month;
  const aIndex = (sameYearBasis ? 0 : done.year! * 12) + done.month;
  let late = aIndex - dIndex;
  if (late === 0 && deadline.day !== undefined && done.day !== undefined && done.day > deadline.day) late = 1;
  return Math.max(0, late);
}

/** The deadline as printed: "9月前", "2023年9月30日前", "年底前". */
export function formatDeadline(p: DeadlinePoint | null): string {
  if (!p) return '';
  if (p.year === undefined && p.day === undefined && p.month === 12) return '年底前';
  return `${p.year !== undefined ? `${p.year}年` : ''}${p.month}月${p.day !== undefined ? `${p.day}日` : ''}前`;
}

/** The fixed wording of a qualitative result (实际完成值 of a 定性 indicator). */
export const BAND_PHRASES: Record<QualitativeBand, string> = {
  ACHIEVED: '达成年度指标',
  PARTIAL: '部分达成年度指标并具有一定效果',
  NOT_ACHIEVED: '未达成年度指标且效果较差',
};

/** The band a qualitative result names: its chosen band, else the fixed phrase it starts with. */
export function bandOfActual(a: IndicatorActual): QualitativeBand | null {
  if (a.band) return a.band;
  const t = (a.text ?? a.raw ?? '').replace(/\s+/g, '');
  // Longest phrases first: "未达成…" and "部分达成…" both contain "达成".
  for (const b of ['NOT_ACHIEVED', 'PARTIAL', 'ACHIEVED'] as const) if (t.startsWith(BAND_PHRASES[b])) return b;
  return null;
}
