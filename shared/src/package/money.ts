/**
 * Exact decimal arithmetic for money (万元, ≤ 4 decimals), indicator values, weights and rates.
 *
 * Values travel as decimal strings ("150.31", "0.315"); arithmetic uses a private big.js
 * constructor so the global `Big` configuration is never touched (the client may use big.js too).
 */
import Big from 'big.js';

/** A private constructor: half-up rounding, no exponential notation in toString(). */
const D: Big.BigConstructor = Big();
D.DP = 24;
D.RM = 1; // roundHalfUp
D.NE = -40;
D.PE = 60;
D.strict = false;

/** "——": the cell does not apply (不适用). Distinct from null (empty: none) and from "0". */
export const NA = 'NA' as const;
export type NotApplicable = typeof NA;
/** A decimal number written as a string: "150.31", "-18.504", "0". */
export type Decimal = string;
/** A money cell in 万元: a decimal string, null (empty: none) or NA (——: not applicable). */
export type MoneyCell = Decimal | null | NotApplicable;

/** Money: optional minus, ≤ 10 integer digits, ≤ 4 decimals. */
export const MONEY_PATTERN = /^-?(?:0|[1-9]\d{0,9})(?:\.\d{1,4})?$/;
/** Any decimal we accept in a document (indicator values): ≤ 12 integer digits, ≤ 6 decimals. */
export const DECIMAL_PATTERN = /^-?(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?$/;

export type MoneyProblem = 'FORMAT' | 'NEGATIVE' | 'TOO_MANY_DECIMALS' | 'TOO_MANY_DIGITS';

export const MONEY_PROBLEM_MESSAGES: Record<MoneyProblem, { zh: string; en: string }> = {
  FORMAT: { zh: '必须是数字（单位：万元）', en: 'must be a number (in 10k yuan)' },
  NEGATIVE: { zh: '不能为负数', en: 'must not be negative' },
  TOO_MANY_DECIMALS: { zh: '最多保留4位小数', en: 'at most 4 decimals' },
  TOO_MANY_DIGITS: { zh: '整数部分最多10位', en: 'at most 10 integer digits' },
};

/** Why a money string is not acceptable, or null when it is. */
export function moneyProblem(value: string, allowNegative = false): MoneyProblem | null {
  if (MONEY_PATTERN.test(value)) {
    if (!allowNegative && value.startsWith('-') && !/^-0(?:\.0+)?$/.test(value)) return 'NEGATIVE';
    return null;
  }
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return 'FORMAT';
  if (m[1]!.length > 1 && m[1]!.startsWith('0')) return 'FORMAT';
  if (m[1]!.length > 10) return 'TOO_MANY_DIGITS';
  if ((m[2] ?? '').length > 4) return 'TOO_MANY_DECIMALS';
  return 'FORMAT';
}

export type ParseMoneyResult =
  | { ok: true; value: MoneyCell }
  | { ok: false; problem: MoneyProblem; messageZh: string; messageEn: string };

/**
 * Parses what a user typed into a money cell: "" → null (empty), "——"/"—"/"-" → NA,
 * "1,234.5" → "1234.5". Never throws.
 */
export function parseMoney(input: string, options: { allowNegative?: boolean } = {}): ParseMoneyResult {
  const text = String(input).trim().replace(/[,，\s]/g, '').replace(/万元$/, '');
  if (text === '') return { ok: true, value: null };
  if (/^[—–-]{1,2}$/.test(text) || text === NA) return { ok: true, value: NA };
  const problem = moneyProblem(text, options.allowNegative ?? false);
  if (problem) {
    const m = MONEY_PROBLEM_MESSAGES[problem];
    return { ok: false, problem, messageZh: m.zh, messageEn: m.en };
  }
  return { ok: true, value: normalizeDecimal(text) };
}

/** True when the cell holds a number (not empty, not ——). */
export function hasAmount(cell: MoneyCell | undefined): cell is Decimal {
  return typeof cell === 'string' && cell !== NA;
}

/** True when the string is a decimal we can compute with. */
export function isDecimal(value: unknown): value is Decimal {
  return typeof value === 'string' && DECIMAL_PATTERN.test(value);
}

/** Canonical form: "1.50" → "1.5", "-0" → "0". */
export function normalizeDecimal(value: Decimal): Decimal {
  const s = new D(value).toString();
  return s === '-0' ? '0' : s;
}

export function add(a: Decimal, b: Decimal): Decimal {
  return new D(a).plus(b).toString();
}

export function sub(a: Decimal, b: Decimal): Decimal {
  return new D(a).minus(b).toString();
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return new D(a).times(b).toString();
}

/** Exact sum of decimals; "0" for an empty list. */
export function sum(values: readonly Decimal[]): Decimal {
  let acc = new D(0);
  for (const v of values) acc = acc.plus(v);
  return acc.toString();
}

/**
 * Sums money cells. Numbers add up exactly; empty and —— cells contribute nothing.
 * With no number at all the result is —— when every cell is ——, else empty (null):
 * a total of nothing is "none", not 0.
 */
export function sumCells(cells: readonly (MoneyCell | undefined)[]): MoneyCell {
  let acc: Big.Big | null = null;
  let allNa = cells.length > 0;
  for (const c of cells) {
    if (hasAmount(c)) acc = acc ? acc.plus(c) : new D(c);
    if (c !== NA) allNa = false;
  }
  if (acc) return acc.toString();
  return allNa ? NA : null;
}

/** The cell as a number for sentences: empty and —— count as 0. */
export function amountOrZero(cell: MoneyCell | undefined): Decimal {
  return hasAmount(cell) ? cell : '0';
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  return new D(a).cmp(b) as -1 | 0 | 1;
}

export function equals(a: Decimal, b: Decimal): boolean {
  return new D(a).eq(b);
}

export function isZero(a: Decimal): boolean {
  return new D(a).eq(0);
}

export function min(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) <= 0 ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) >= 0 ? a : b;
}

/** Rounds half-up to `dp` decimals and writes them all: round("9.4736", 2) → "9.47", round("10", 2) → "10.00". */
export function round(value: Decimal, dp = 2): Decimal {
  const s = new D(value).toFixed(dp, 1);
  return /^-0(?:\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Exact a ÷ b (24 significant decimals), or null when b is 0. */
export function divide(a: Decimal, b: Decimal): Decimal | null {
  const d = new D(b);
  if (d.eq(0)) return null;
  return new D(a).div(d).toString();
}

/** part ÷ whole × 100, rounded half-up to 2 decimals ("67.38"); null when whole is 0. */
export function percent(part: Decimal, whole: Decimal): Decimal | null {
  const d = new D(whole);
  if (d.eq(0)) return null;
  return new D(part).times(100).div(d).toFixed(2, 1);
}

/** Percent string of two cells, null unless both hold numbers and whole ≠ 0. */
export function percentOfCells(part: MoneyCell | undefined, whole: MoneyCell | undefined): Decimal | null {
  return hasAmount(part) && hasAmount(whole) ? percent(part, whole) : null;
}

/** |a − b| ≤ tolerance. */
export function approxEquals(a: Decimal, b: Decimal, tolerance: Decimal): boolean {
  return new D(a).minus(b).abs().lte(tolerance);
}

/** Display of a number the way the forms print it: trailing zeros trimmed ("5.60" → "5.6", "100.00" → "100"). */
export function trimDecimal(value: Decimal): string {
  return normalizeDecimal(value);
}

/** Display of a money cell: "" for empty, "——" for not applicable, trimmed number otherwise. */
export function formatMoney(cell: MoneyCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell === NA) return '——';
  return trimDecimal(cell);
}

/** Display of a computed percent: "140.00" → "140%", "67.38" → "67.38%", null → "". */
export function formatPercent(value: Decimal | null | undefined): string {
  return value === null || value === undefined ? '' : `${trimDecimal(value)}%`;
}

/** Internal: a Big from a decimal string (for modules of this package only). */
export type BigValue = Big.Big;

export function big(value: Decimal): Big.Big {
  return new D(value);
}
