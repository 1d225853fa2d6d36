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

/** Integer division (DP 0, round down), used for exact rounding of ratios. */
const I: Big.BigConstructor = Big();
I.DP = 0;
I.RM = 0; // roundDown
I.NE = -40;
I.PE = 60;

export type BigValue = Big.Big;

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
 * "1,234.5" → "1234.5". Separators count only in their proper places ("1,2" is refused, never
 * read as 12). Never throws. input.ts's parseFieldInput adds 全角 digits and its notes.
 */
export function parseMoney(input: string, options: { allowNegative?: boolean } = {}): ParseMoneyResult {
  let text = String(input).trim().replace(/\s*万元$/, '');
  if (/^-?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$/.test(text)) text = text.replace(/[,，]/g, '');
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

/*
 * Fast paths. Checks run on every keystroke, so the common operations (compare, add, sum,
 * normalize) work on the decimal strings directly, or on integers of 10⁻⁶ units while they stay
 * exactly representable (≤ 15 digits), and fall back to big.js otherwise. Division and rounding
 * of long fractions always go through big.js.
 */
const SIMPLE = /^(-?)(\d+)(?:\.(\d+))?$/;
const SCALE = 6;
const SCALE_ZEROS = '000000';

interface Parts {
  neg: boolean;
  int: string; // no leading zeros ("0" for zero)
  frac: string; // no trailing zeros
}

function parts(s: string): Parts | null {
  const m = SIMPLE.exec(s);
  if (!m) return null;
  let int = m[2]!;
  if (int.length > 1 && int.charCodeAt(0) === 48) int = int.replace(/^0+(?=\d)/, '');
  let frac = m[3] ?? '';
  if (frac.length > 0 && frac.charCodeAt(frac.length - 1) === 48) frac = frac.replace(/0+$/, '');
  const zero = int === '0' && frac === '';
  return { neg: m[1] === '-' && !zero, int, frac };
}

/**
 * Already canonical ("150.31", "-0.5", "0"): no leading zero before another digit, no trailing
 * zero or dot in the fraction, not minus zero. Most stored figures are, and need no rewriting.
 */
function isCanonical(s: string): boolean {
  if (!SIMPLE.test(s)) return false;
  const start = s.charCodeAt(0) === 45 ? 1 : 0;
  const last = s.charCodeAt(s.length - 1);
  if (s.charCodeAt(start) === 48) {
    // "0", "0.5": a zero integer part; "-0" is not canonical, "-0.5" is.
    if (s.length > start + 1 && s.charCodeAt(start + 1) !== 46) return false;
    if (start === 1 && s.length === 2) return false;
  }
  return s.indexOf('.') === -1 || last !== 48;
}

/**
 * Digits in a plain decimal ("-12.5" has 3). Distinct decimals of at most 15 digits are distinct
 * doubles (IEEE 754 keeps 15 significant digits), and rounding keeps their order, so Number()
 * compares them exactly.
 */
function digitCount(s: string): number {
  return s.length - (s.charCodeAt(0) === 45 ? 1 : 0) - (s.indexOf('.') === -1 ? 0 : 1);
}

function toScaled(s: string): number | null {
  if (!SIMPLE.test(s)) return null;
  const dot = s.indexOf('.');
  if (dot !== -1 && s.length - dot - 1 > SCALE) return null;
  // |value| < 10⁹ keeps value × 10⁶ far below 2⁵³, so rounding the float product is exact.
  if ((dot === -1 ? s.length : dot) - (s.charCodeAt(0) === 45 ? 1 : 0) > 9) return null;
  const n = Math.round(Number(s) * 1e6);
  return n === 0 ? 0 : n;
}

function fromScaled(n: number): Decimal {
  const neg = n < 0;
  const digits = String(Math.abs(n)).padStart(SCALE + 1, '0');
  const int = digits.slice(0, -SCALE);
  const frac = digits.slice(-SCALE).replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return neg && body !== '0' ? `-${body}` : body;
}

/** Canonical form: "1.50" → "1.5", "-0" → "0". */
export function normalizeDecimal(value: Decimal): Decimal {
  if (isCanonical(value)) return value;
  const p = parts(value);
  if (!p) {
    const s = new D(value).toString();
    return s === '-0' ? '0' : s;
  }
  const body = p.frac ? `${p.int}.${p.frac}` : p.int;
  return p.neg ? `-${body}` : body;
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const x = toScaled(a);
  const y = toScaled(b);
  if (x !== null && y !== null && Number.isSafeInteger(x + y)) return fromScaled(x + y);
  return new D(a).plus(b).toString();
}

export function subDecimal(a: Decimal, b: Decimal): Decimal {
  const x = toScaled(a);
  const y = toScaled(b);
  if (x !== null && y !== null && Number.isSafeInteger(x - y)) return fromScaled(x - y);
  return new D(a).minus(b).toString();
}

export function mulDecimal(a: Decimal, b: Decimal): Decimal {
  return new D(a).times(b).toString();
}

/** Exact sum of decimals; "0" for an empty list. */
export function sumDecimals(values: readonly Decimal[]): Decimal {
  let acc = 0;
  let fast = true;
  for (const v of values) {
    const x = toScaled(v);
    if (x === null || !Number.isSafeInteger(acc + x)) {
      fast = false;
      break;
    }
    acc += x;
  }
  if (fast) return fromScaled(acc);
  let big = new D(0);
  for (const v of values) big = big.plus(v);
  return big.toString();
}

/**
 * Sums money cells. Numbers add up exactly; empty and —— cells contribute nothing.
 * With no number at all the result is —— when every cell is ——, else empty (null):
 * a total of nothing is "none", not 0.
 */
export function sumCells(cells: readonly (MoneyCell | undefined)[]): MoneyCell {
  const numbers: Decimal[] = [];
  let allNa = cells.length > 0;
  for (const c of cells) {
    if (hasAmount(c)) numbers.push(c);
    if (c !== NA) allNa = false;
  }
  if (numbers.length) return sumDecimals(numbers);
  return allNa ? NA : null;
}

/** The cell as a number for sentences: empty and —— count as 0. */
export function amountOrZero(cell: MoneyCell | undefined): Decimal {
  return hasAmount(cell) ? cell : '0';
}

export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  if (SIMPLE.test(a) && SIMPLE.test(b) && digitCount(a) <= 15 && digitCount(b) <= 15) {
    const u = Number(a);
    const v = Number(b);
    return u < v ? -1 : u > v ? 1 : 0;
  }
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return new D(a).cmp(b) as -1 | 0 | 1;
  if (x.neg !== y.neg) return x.neg ? -1 : 1;
  let c: number;
  if (x.int.length !== y.int.length) c = x.int.length < y.int.length ? -1 : 1;
  else if (x.int !== y.int) c = x.int < y.int ? -1 : 1;
  else if (x.frac !== y.frac) c = x.frac < y.frac ? -1 : 1;
  else c = 0;
  return (x.neg ? -c : c) as -1 | 0 | 1;
}

export function decimalEquals(a: Decimal, b: Decimal): boolean {
  return compareDecimal(a, b) === 0;
}

export function isZeroDecimal(a: Decimal): boolean {
  return compareDecimal(a, '0') === 0;
}

export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return compareDecimal(a, b) <= 0 ? a : b;
}

export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return compareDecimal(a, b) >= 0 ? a : b;
}

/** Rounds half-up to `dp` decimals and writes them all: round("9.4736", 2) → "9.47", round("10", 2) → "10.00". */
export function roundDecimal(value: Decimal, dp = 2): Decimal {
  const p = parts(value);
  if (p && p.frac.length <= dp) {
    const body = dp === 0 ? p.int : `${p.int}.${p.frac.padEnd(dp, '0')}`;
    return p.neg ? `-${body}` : body;
  }
  const s = new D(value).toFixed(dp, 1);
  return /^-0(?:\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * a ÷ b rounded half-up to `dp` decimals, exactly (integer division plus remainder, so a
 * quotient like 0.94499999… can never be rounded up as if it were 0.945). Null when b is 0.
 */
export function roundRatio(a: Decimal | BigValue, b: Decimal | BigValue, dp = 2): Decimal | null {
  const x = scaledBigInt(typeof a === 'string' ? a : a.toString());
  const y = scaledBigInt(typeof b === 'string' ? b : b.toString());
  if (x && y) return roundRatioExact(x, y, dp);
  const den = new D(b);
  if (den.eq(0)) return null;
  let num = new D(a).times(new D(10).pow(dp));
  const neg = num.lt(0) !== den.lt(0) && !num.eq(0);
  num = num.abs();
  const d = den.abs();
  const q = new I(num).div(d);
  const rem = num.minus(q.times(d));
  const r = rem.times(2).gte(d) ? q.plus(1) : q;
  const out = new D(r).div(new D(10).pow(dp)).toFixed(dp);
  return neg && !r.eq(0) ? `-${out}` : out;
}

/** A plain decimal as an integer and its number of decimals ("-1.25" → -125n, 2); null for anything else. */
function scaledBigInt(s: string): { n: bigint; scale: number } | null {
  const m = SIMPLE.exec(s);
  if (!m) return null;
  const frac = m[3] ?? '';
  const n = BigInt(m[2]! + frac);
  return { n: m[1] === '-' ? -n : n, scale: frac.length };
}

const pow10 = (k: number): bigint => 10n ** BigInt(k);

/** roundRatio on exact integers: a ÷ b × 10^dp, then half-up on the remainder, as the big.js path does. */
function roundRatioExact(a: { n: bigint; scale: number }, b: { n: bigint; scale: number }, dp: number): Decimal | null {
  if (b.n === 0n) return null;
  // a.n / 10^a.scale ÷ (b.n / 10^b.scale) × 10^dp = a.n × 10^(b.scale + dp) ÷ (b.n × 10^a.scale)
  const num = (a.n < 0n ? -a.n : a.n) * pow10(b.scale + dp);
  const den = (b.n < 0n ? -b.n : b.n) * pow10(a.scale);
  const q = num / den;
  const rem = num - q * den;
  const r = rem * 2n >= den ? q + 1n : q;
  const digits = r.toString().padStart(dp + 1, '0');
  const out = dp === 0 ? digits : `${digits.slice(0, -dp)}.${digits.slice(-dp)}`;
  const neg = a.n !== 0n && a.n < 0n !== b.n < 0n;
  return neg && r !== 0n ? `-${out}` : out;
}

/** Exact a ÷ b (24 significant decimals), or null when b is 0. */
export function divideDecimal(a: Decimal, b: Decimal): Decimal | null {
  const d = new D(b);
  if (d.eq(0)) return null;
  return new D(a).div(d).toString();
}

/** part ÷ whole × 100, rounded half-up to 2 decimals ("67.38"); null when whole is 0. */
export function percentOf(part: Decimal, whole: Decimal): Decimal | null {
  const x = scaledBigInt(part);
  const y = scaledBigInt(whole);
  if (x && y) return roundRatioExact({ n: x.n * 100n, scale: x.scale }, y, 2);
  return roundRatio(new D(part).times(100), whole, 2);
}

/** Percent string of two cells, null unless both hold numbers and whole ≠ 0. */
export function percentOfCells(part: MoneyCell | undefined, whole: MoneyCell | undefined): Decimal | null {
  return hasAmount(part) && hasAmount(whole) ? percentOf(part, whole) : null;
}

/** |a − b| ≤ tolerance. */
export function decimalApproxEquals(a: Decimal, b: Decimal, tolerance: Decimal): boolean {
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
export function toBig(value: Decimal): Big.Big {
  return new D(value);
}
