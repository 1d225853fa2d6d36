/**
 * What a form cell accepts and how it shows a stored value. The parsing and normalising rules are
 * @zipin/shared's (input.ts), the same ones the server's import uses.
 */
import { DECIMAL_PATTERN, formatMoney, isRequiredNumber, parseFieldInput, setInvalidInput, trimDecimal, type NormalisationNote, type PackageDocument } from '@zipin/shared';
import { getAt, setAt } from '@/stores/doc-path.js';

export type CellKind = 'money' | 'signedMoney' | 'area' | 'count' | 'decimal' | 'weight' | 'score' | 'text' | 'textarea' | 'actual';

export const TEXT_KINDS: readonly CellKind[] = ['text', 'textarea'];

/** Everything the document holds for one cell: its value, the typed text of an actual, a kept typo. */
export interface CellState {
  path: string;
  value: unknown;
  /** kind 'actual': the text as typed when it carries a unit ("58人"). */
  raw?: string;
  /** Text typed that did not parse, kept as typed (doc.invalidInputs). */
  invalid?: string;
}

export interface CellWrite {
  state: CellState;
  notes: NormalisationNote[];
  /** Why the text was not taken as a number (it is kept as typed). */
  problem: string | null;
  /** The same problem in English. */
  problemEn?: string | null;
  /** True when the text was refused without changing the document (分值 cannot be emptied). */
  refused?: boolean;
}

const rawPath = (path: string) => `${path.replace(/\.value$/, '')}.raw`;

export function readCell(doc: PackageDocument, path: string, kind: CellKind): CellState {
  const s: CellState = { path, value: getAt(doc, path) };
  if (kind === 'actual') {
    const raw = getAt(doc, rawPath(path));
    if (typeof raw === 'string') s.raw = raw;
  }
  const invalid = doc.invalidInputs?.[path];
  if (invalid !== undefined) s.invalid = invalid;
  return s;
}

export function writeCell(doc: PackageDocument, s: CellState, kind: CellKind): void {
  setAt(doc, s.path, s.value);
  if (kind === 'actual') setAt(doc, rawPath(s.path), s.raw);
  setInvalidInput(doc, s.path, s.invalid);
}

export function sameCell(a: CellState, b: CellState): boolean {
  return a.path === b.path && JSON.stringify([a.value, a.raw, a.invalid]) === JSON.stringify([b.value, b.raw, b.invalid]);
}

/** The cell state a typed text gives: a number, or the text kept as typed beside an empty field. */
export function cellFromText(kind: CellKind, path: string, text: string, current: CellState, nullable = false): CellWrite {
  if (TEXT_KINDS.includes(kind)) return { state: { path, value: nullable && text === '' ? null : text }, notes: [], problem: null };
  const r = parseFieldInput(kind as Exclude<CellKind, 'text' | 'textarea'>, text);
  if (r.ok) {
    const state: CellState = { path, value: r.value };
    if (kind === 'actual' && r.raw !== undefined) state.raw = r.raw;
    return { state, notes: r.notes, problem: null };
  }
  if (text.trim() === '') return { state: current, notes: r.notes, problem: r.messageZh, problemEn: r.messageEn, refused: true };
  // 分值 cannot be empty: it keeps its last accepted value while the typo is shown as an error.
  const value = isRequiredNumber(path) ? current.value : null;
  return { state: { path, value, invalid: text }, notes: r.notes, problem: r.messageZh, problemEn: r.messageEn };
}

/** Why a kept typo is not a number (for the cell's message). */
export function problemOf(kind: CellKind, text: string, en = false): string | null {
  if (TEXT_KINDS.includes(kind)) return null;
  const r = parseFieldInput(kind as Exclude<CellKind, 'text' | 'textarea'>, text);
  return r.ok ? null : en ? r.messageEn : r.messageZh;
}

export function displayCell(kind: CellKind, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (kind) {
    case 'money':
    case 'signedMoney':
    case 'area':
      return formatMoney(value as string);
    case 'count':
      return String(value);
    case 'decimal':
    case 'weight':
    case 'score':
    case 'actual':
      return typeof value === 'string' && DECIMAL_PATTERN.test(value) ? trimDecimal(value) : String(value);
    default:
      return String(value);
  }
}

/** What a cell shows: the kept typo, else an actual's typed text (unless it only repeats number and unit), else the value. */
export function shownText(doc: PackageDocument, s: CellState, kind: CellKind): string {
  if (s.invalid !== undefined) return s.invalid;
  const plain = displayCell(kind, s.value);
  if (kind !== 'actual' || s.raw === undefined) return plain;
  const unit = (getAt(doc, s.path.replace(/\.value$/, '.unit')) as string | undefined) ?? '';
  return s.raw.replace(/\s+/g, '') === `${plain}${unit}`.replace(/\s+/g, '') ? plain : s.raw;
}
