/**
 * What a person types into a cell, and what the package keeps of it. One rule set for the
 * client's cells and the server's imports:
 *
 * - normaliseInput rewrites only what has one meaning (全角 digits and punctuation from a Chinese
 *   input method, thousands separators in their proper places, a trailing 万元 in a 万元 cell,
 *   ≧/≦) and lists every rewrite, so the cell can show a note of it;
 * - parseFieldInput turns the text into the stored value, or says why it cannot: nothing else is
 *   guessed. A trailing 元 in a 万元 cell is NOT converted (÷10000 would be a number nobody typed):
 *   the text is refused with a reason and kept as typed;
 * - text that does not parse is kept exactly as typed in `doc.invalidInputs[path]`, while the
 *   field itself holds null, so no calculation sees it and a check (checks-input.ts) reports it.
 */
import { DECIMAL_PATTERN, NA, moneyProblem, normalizeDecimal, MONEY_PROBLEM_MESSAGES } from './money.js';
import type { PackageDocument } from './model.js';
import { parsePath } from './paths.js';

export type FieldKind = 'money' | 'signedMoney' | 'area' | 'count' | 'decimal' | 'weight' | 'score' | 'actual';

export type NormalisationCode = 'FULL_WIDTH' | 'THOUSANDS' | 'UNIT' | 'OPERATOR' | 'SPACES';

export interface NormalisationNote {
  code: NormalisationCode;
  zh: string;
  en: string;
}

const NOTES: Record<NormalisationCode, { zh: string; en: string }> = {
  FULL_WIDTH: { zh: '全角字符已转为半角', en: 'full-width characters made half-width' },
  THOUSANDS: { zh: '已去掉千位分隔符', en: 'thousands separators removed' },
  UNIT: { zh: '已去掉单位', en: 'unit removed' },
  OPERATOR: { zh: '≧/≦ 已写作 ≥/≤', en: '≧/≦ written as ≥/≤' },
  SPACES: { zh: '已去掉首尾空格', en: 'surrounding spaces removed' },
};

const note = (code: NormalisationCode, detail?: string): NormalisationNote => ({
  code,
  zh: detail ? `${NOTES[code].zh}（${detail}）` : NOTES[code].zh,
  en: detail ? `${NOTES[code].en} (${detail})` : NOTES[code].en,
});

/** Units a cell of this kind may carry at its end and that are dropped (the column already says it). */
const UNIT_SUFFIXES: Partial<Record<FieldKind, readonly string[]>> = {
  money: ['万元'],
  signedMoney: ['万元'],
  area: ['平方米', '㎡', 'm²', 'm2'],
  count: ['人'],
  weight: ['分'],
  score: ['分'],
};

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const PROPER_THOUSANDS = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export interface NormalisedInput {
  text: string;
  notes: NormalisationNote[];
}

/** The text a parser reads, and what was rewritten on the way. Free text is never passed here. */
export function normaliseInput(input: string, kind: FieldKind): NormalisedInput {
  const notes: NormalisationNote[] = [];
  let t = String(input);
  if (FULL_WIDTH.test(t)) {
    t = t.replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
    notes.push(note('FULL_WIDTH'));
  }
  const trimmed = t.trim();
  if (trimmed !== t && trimmed !== '') notes.push(note('SPACES'));
  t = trimmed;
  if (/[≧≦]/.test(t)) {
    t = t.replace(/≧/g, '≥').replace(/≦/g, '≤');
    notes.push(note('OPERATOR'));
  }
  for (const unit of UNIT_SUFFIXES[kind] ?? []) {
    if (t.length > unit.length && t.endsWith(unit) && /\d\s*$/.test(t.slice(0, -unit.length))) {
      t = t.slice(0, -unit.length).trimEnd();
      notes.push(note('UNIT', unit));
      break;
    }
  }
  if (kind !== 'actual' && PROPER_THOUSANDS.test(t)) {
    t = t.replace(/,/g, '');
    notes.push(note('THOUSANDS'));
  }
  if (kind === 'actual') {
    const m = /^(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?)(.*)$/.exec(t);
    if (m) {
      t = m[1]!.replace(/,/g, '') + m[2]!;
      notes.push(note('THOUSANDS'));
    }
  }
  return { text: t, notes };
}

export type FieldInputResult =
  | { ok: true; value: unknown; notes: NormalisationNote[]; raw?: string }
  | { ok: false; messageZh: string; messageEn: string; notes: NormalisationNote[] };

const fail = (notes: NormalisationNote[], messageZh: string, messageEn: string): FieldInputResult => ({ ok: false, messageZh, messageEn, notes });

/** A range or a bound where one value belongs: "≥85%", "85-90", "90%以上", "约90". */
export const RANGE_OR_OPERATOR_INPUT = /[≥≧≤≦><＞＜~～〜]|以上|以下|不低于|不高于|不少于|不超过|至少|至多|约|左右|\d\s*[-－—–至到]\s*\d/;
const WEIGHT_PATTERN = /^(?:100(?:\.0{1,2})?|[1-9]?\d(?:\.\d{1,2})?)$/;

/**
 * Parses a cell's text (分值 is required: empty is refused). Never throws; never returns a number
 * that is not the one typed.
 */
export function parseFieldInput(kind: FieldKind, input: string): FieldInputResult {
  const { text: t, notes } = normaliseInput(input, kind);
  switch (kind) {
    case 'money':
    case 'signedMoney':
    case 'area': {
      if (t === '') return { ok: true, value: null, notes };
      if (/^[—–-]{1,2}$/.test(t) || t === NA) {
        if (kind === 'area') return fail(notes, '规模不能填“——”，没有请留空', 'an area cannot be "——"; leave it empty');
        return { ok: true, value: NA, notes };
      }
      if (kind !== 'area' && /\d\s*元$/.test(t)) {
        return fail(notes, '本栏单位是万元：请换算为万元后填写（系统不自动换算）', 'this column is in 10k yuan: convert the amount (it is not converted for you)');
      }
      const problem = moneyProblem(t, kind === 'signedMoney');
      if (problem) {
        const msg = MONEY_PROBLEM_MESSAGES[problem];
        if (kind === 'area') return fail(notes, msg.zh.replace('（单位：万元）', ''), msg.en.replace(' (in 10k yuan)', ''));
        return fail(notes, msg.zh, msg.en);
      }
      return { ok: true, value: normalizeDecimal(t), notes };
    }
    case 'count': {
      if (t === '') return { ok: true, value: null, notes };
      if (!/^\d{1,7}$/.test(t) || Number(t) > 1_000_000) return fail(notes, '必须是非负整数', 'must be a non-negative integer');
      return { ok: true, value: Number(t), notes };
    }
    case 'decimal': {
      if (t === '') return { ok: true, value: null, notes };
      if (!DECIMAL_PATTERN.test(t)) return fail(notes, '必须是数字', 'must be a number');
      return { ok: true, value: normalizeDecimal(t), notes };
    }
    case 'weight':
    case 'score': {
      if (t === '') return kind === 'score' ? { ok: true, value: null, notes } : fail(notes, '分值必填', 'a weight is required');
      if (!/^\d+(?:\.\d+)?$/.test(t)) return fail(notes, '必须是0到100之间的数字（最多2位小数）', 'must be a number within 0–100 (≤ 2 decimals)');
      const v = normalizeDecimal(t);
      return WEIGHT_PATTERN.test(v) ? { ok: true, value: v, notes } : fail(notes, '必须是0到100之间的数字（最多2位小数）', 'must be a number within 0–100 (≤ 2 decimals)');
    }
    case 'actual': {
      if (t === '') return { ok: true, value: null, notes };
      if (DECIMAL_PATTERN.test(t)) return { ok: true, value: normalizeDecimal(t), notes };
      if (RANGE_OR_OPERATOR_INPUT.test(t)) {
        return fail(notes, '必须是一个确定的数值，不能带“≥”等符号或写成范围', 'must be a single value, not a range or a bound');
      }
      // A number followed by its unit ("58人", "95%", "3 次"): the number is the value, the text stays as typed.
      const m = /^(-?\d+(?:\.\d+)?)\s*([^\d\s.,，。]{1,10})$/.exec(t);
      if (m && DECIMAL_PATTERN.test(m[1]!)) return { ok: true, value: normalizeDecimal(m[1]!), notes, raw: t };
      return fail(notes, '必须是数字（可带单位，如“58人”“95%”）', 'must be a number (a unit may follow, e.g. "95%")');
    }
  }
}

/** The kind of a numeric field, from its path; null for text fields (never invalid). */
export function fieldKindOfPath(path: string): FieldKind | null {
  const segs = parsePath(path);
  const last = segs[segs.length - 1]?.key ?? '';
  const prev = segs[segs.length - 2]?.key ?? '';
  if (segs[0]?.key === 'basicData') {
    if (prev === 'staffing') return 'count';
    if (last === 'approvedArea' || last === 'actualArea') return 'area';
    if (prev === 'budgetAdjustment') return 'signedMoney';
    if (['previousFinal', 'currentBudget', 'currentFinal', 'budgetInvestment', 'actualInvestment'].includes(last)) return 'money';
    return null;
  }
  if (segs[0]?.key === 'selfEvaluation') {
    if (segs[1]?.key === 'budget') return last === 'name' ? null : 'money';
    if (segs[1]?.key === 'indicators') {
      if (last === 'weight') return 'weight';
      if (last === 'score') return 'score';
      if (last === 'value' && prev === 'target') return 'decimal';
      if (last === 'value' && prev === 'actual') return 'actual';
    }
  }
  return null;
}

/**
 * Fields that can never be empty (分值): a typo there keeps the field's last accepted value,
 * and the check says the figure in use is that older value.
 */
export function isRequiredNumber(path: string): boolean {
  return fieldKindOfPath(path) === 'weight';
}

/** Reads a document value by path (undefined when the path does not exist). */
export function valueAtPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of parsePath(path)) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[seg.key];
    if (seg.item !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = seg.item.startsWith('#')
        ? cur[Number(seg.item.slice(1))]
        : cur.find((x) => x !== null && typeof x === 'object' && (x as { id?: unknown }).id === seg.item);
    }
  }
  return cur;
}

/** Records (text) or clears (undefined) what was typed into a field that did not parse. Drops an empty map. */
export function setInvalidInput(doc: PackageDocument, path: string, text: string | undefined): void {
  if (text === undefined) {
    if (!doc.invalidInputs || !(path in doc.invalidInputs)) return;
    delete doc.invalidInputs[path];
    if (Object.keys(doc.invalidInputs).length === 0) delete doc.invalidInputs;
    return;
  }
  doc.invalidInputs ??= {};
  doc.invalidInputs[path] = text;
}

/** Removes the kept texts under any of the given path prefixes (an import that rewrote those tables). */
export function dropInvalidInputsUnder(doc: PackageDocument, prefixes: readonly string[]): void {
  if (!doc.invalidInputs) return;
  for (const p of Object.keys(doc.invalidInputs)) {
    if (prefixes.some((x) => p === x || p.startsWith(`${x}.`) || p.startsWith(`${x}[`))) delete doc.invalidInputs[p];
  }
  if (Object.keys(doc.invalidInputs).length === 0) delete doc.invalidInputs;
}

/** Problems with an invalidInputs map against its document (the server refuses a save that has any). */
export function invalidInputProblems(doc: PackageDocument): { path: string; zh: string; en: string }[] {
  const out: { path: string; zh: string; en: string }[] = [];
  for (const [path, text] of Object.entries(doc.invalidInputs ?? {})) {
    if (fieldKindOfPath(path) === null) {
      out.push({ path, zh: '不是数值栏，不能保存未识别的填写内容', en: 'not a numeric field' });
      continue;
    }
    const value = valueAtPath(doc, path);
    if (value === undefined) {
      out.push({ path, zh: '所在栏目不存在', en: 'the field does not exist' });
      continue;
    }
    if (value !== null && !isRequiredNumber(path)) {
      out.push({ path, zh: '已保存未识别的填写内容时，该栏数值必须为空（不能同时保存一个数）', en: 'must be null while the typed text is kept' });
    }
    if (text.trim() === '') out.push({ path, zh: '未识别的填写内容不能为空', en: 'kept text is empty' });
  }
  return out;
}

/** The number of fields holding text that did not parse. */
export function invalidInputCount(doc: PackageDocument | null | undefined): number {
  return doc?.invalidInputs ? Object.keys(doc.invalidInputs).length : 0;
}
