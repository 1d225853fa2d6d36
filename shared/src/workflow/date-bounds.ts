/**
 * Sensible ranges for every date a person enters (deadlines, publication times). A year of
 * 10000 once went in as year 0000 and published at once: the server bounds dates before use.
 */
export const EARLIEST_YEAR = 2000;
export const LATEST_YEAR = 2100;
/** A deadline or publication time may be at most this many years after now. */
export const MAX_YEARS_AHEAD = 3;

export interface DateProblem {
  zh: string;
  en: string;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Whether the instant is a real date within EARLIEST_YEAR–LATEST_YEAR (any date input at all). */
export function absoluteDateProblem(at: Date): DateProblem | null {
  if (Number.isNaN(at.getTime())) return { zh: '日期时间无效', en: 'invalid date-time' };
  const y = at.getUTCFullYear();
  if (y < EARLIEST_YEAR || y > LATEST_YEAR) return { zh: `年份须在 ${EARLIEST_YEAR}–${LATEST_YEAR} 之间（收到 ${y} 年）`, en: `the year must be within ${EARLIEST_YEAR}–${LATEST_YEAR} (got ${y})` };
  return null;
}

/**
 * A date that belongs to a fiscal year's work (its deadlines, the publication of its package):
 * not before the fiscal year starts, and not more than MAX_YEARS_AHEAD years after now.
 */
export function fiscalDateProblem(at: Date, fiscalYear: number, now: Date = new Date()): DateProblem | null {
  const absolute = absoluteDateProblem(at);
  if (absolute) return absolute;
  const earliest = new Date(Date.UTC(fiscalYear, 0, 1) - 8 * 3_600_000); // 1 January, Beijing time
  if (at < earliest) return { zh: `不能早于 ${fiscalYear} 年度开始（${fiscalYear}-01-01）`, en: `may not be before fiscal year ${fiscalYear} starts` };
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  if (at > latest) return { zh: `不能晚于 ${ymd(latest)}（最多 ${MAX_YEARS_AHEAD} 年后）`, en: `may not be after ${ymd(latest)} (at most ${MAX_YEARS_AHEAD} years ahead)` };
  return null;
}
