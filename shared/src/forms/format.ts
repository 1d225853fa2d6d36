/**
 * How a cell's value reads, by its format. `printText` is what paper shows; `entryText` is
 * what a person edits (a workbook cell, an input): the same value, except that a qualitative
 * 实际完成值 reads band first and a number keeps its typed wording, so a round trip changes nothing.
 * 年度指标值 reads the same on every medium.
 */
import { formatMoney, formatPercent, trimDecimal } from '../package/money.js';
import type { MoneyCell } from '../package/money.js';
import { BAND_LABELS, OPERATOR_SYMBOLS } from '../package/model.js';
import { deadlineText } from '../package/scoring.js';
import type { IndicatorActual, IndicatorTarget, Operator } from '../package/model.js';
import type { CellFormat } from './types.js';

const norm = (s: string) => s.replace(/\s+/g, '').replace(/≧/g, '≥').replace(/≦/g, '≤').replace(/％/g, '%');

/**
 * 年度指标值 as printed: the structured fields are the truth. An imported form's wording is
 * kept only while it still says the same thing ("30次" for ≥ 30 次), so an edit can never
 * leave a stale text on the official copy (in the PDF nor in the workbook).
 */
export function formatTarget(t: IndicatorTarget): string {
  if (t.operator === 'QUALITATIVE') return t.text ?? t.raw ?? '';
  // A deadline (时限) prints as the notice words it: "9月底前", "2024年9月30日前".
  if (t.operator === 'BY') return deadlineText({ target: t }) || t.raw || t.text || '';
  if (t.value === null) return '';
  const typed = typedTarget(t);
  return typed !== null ? norm(typed) : `${OPERATOR_SYMBOLS[t.operator]}${trimDecimal(t.value)}${t.unit}`;
}

/** The wording of a target as typed, when it still says what the structured fields say. */
function typedTarget(t: IndicatorTarget): string | null {
  if (!t.raw || t.value === null) return null;
  const plain = `${trimDecimal(t.value)}${t.unit}`;
  const withOp = `${OPERATOR_SYMBOLS[t.operator]}${plain}`;
  const raw = norm(t.raw);
  return raw === norm(withOp) || (t.operator !== 'LE' && raw === norm(plain)) ? t.raw : null;
}

/** 实际完成值 as printed: a point value (a qualitative row prints its description and band). */
export function formatActual(a: IndicatorActual, operator: Operator): string {
  if (operator === 'QUALITATIVE') {
    const band = a.band ? BAND_LABELS[a.band].zh : '';
    return [a.text ?? a.raw ?? '', band ? `（${band}）` : ''].join('');
  }
  if (a.value === null) return a.raw ?? (operator === 'BY' ? (a.text ?? '') : '');
  return `${trimDecimal(a.value)}${a.unit}`;
}

/** 实际完成值 to edit: the band first ("部分达成：…") so it reads back; a number as typed. */
export function actualEntryText(a: IndicatorActual, target: IndicatorTarget): string {
  if (target.operator === 'QUALITATIVE') {
    const band = a.band ? BAND_LABELS[a.band].zh : '';
    const text = a.text ?? '';
    return band && text ? `${band}：${text}` : band || text;
  }
  if (a.raw !== undefined) return a.raw;
  if (a.value === null) return target.operator === 'BY' ? (a.text ?? '') : '';
  return `${trimDecimal(a.value)}${a.unit || target.unit}`;
}

/** 比较方式 as a sheet helper writes it. */
export const OPERATOR_WORDS: Record<Operator, string> = { GE: '≥', LE: '≤', EQ: '=', QUALITATIVE: '定性', BY: '时限' };

/** The row an indicator cell belongs to (its target decides how the actual reads). */
export interface IndicatorLike {
  target: IndicatorTarget;
  actual: IndicatorActual;
}

/** What paper shows for a value of this format ('' for empty). */
export function printText(format: CellFormat | undefined, value: unknown, item?: unknown): string {
  if (value === null || value === undefined) return '';
  switch (format) {
    case 'money4':
    case 'signedMoney4':
      return formatMoney(value as MoneyCell);
    case 'percent2':
      return formatPercent(value as string);
    case 'area':
    case 'points':
      return value === '' ? '' : trimDecimal(String(value));
    case 'count':
      return String(value);
    case 'target':
      return formatTarget(value as IndicatorTarget);
    case 'actual':
      return formatActual(value as IndicatorActual, (item as IndicatorLike | undefined)?.target.operator ?? 'GE');
    case 'operator':
      return OPERATOR_WORDS[value as Operator] ?? '';
    case 'code':
      return String(value).replace(/^[a-z]+-/, '');
    default:
      return String(value);
  }
}

/** What an input shows for editing (differs from printText only for typed wordings). */
export function entryText(format: CellFormat | undefined, value: unknown, item?: unknown): string {
  if (value === null || value === undefined) return '';
  if (format === 'actual') {
    const row = item as IndicatorLike | undefined;
    return row ? actualEntryText(value as IndicatorActual, row.target) : printText(format, value, item);
  }
  return printText(format, value, item);
}
