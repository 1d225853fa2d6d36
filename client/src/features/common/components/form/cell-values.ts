/** What a form cell accepts and how it shows a stored value. Parsing rules come from @zipin/shared. */
import { DECIMAL_PATTERN, NA, formatMoney, normalizeDecimal, parseMoney, scoreSchema, trimDecimal } from '@zipin/shared';

export type CellKind = 'money' | 'signedMoney' | 'area' | 'count' | 'decimal' | 'weight' | 'score' | 'text' | 'textarea' | 'actual';

export type ParseOutcome = { ok: true; value: unknown } | { ok: false; message: string };

const fail = (message: string): ParseOutcome => ({ ok: false, message });

export function parseCell(kind: CellKind, input: string, nullableText = false): ParseOutcome {
  const text = input.trim();
  switch (kind) {
    case 'money':
    case 'signedMoney': {
      const r = parseMoney(input, { allowNegative: kind === 'signedMoney' });
      return r.ok ? { ok: true, value: r.value } : fail(r.messageZh);
    }
    case 'area': {
      const r = parseMoney(input);
      if (!r.ok) return fail(r.messageZh.replace('（单位：万元）', ''));
      if (r.value === NA) return fail('规模不能填“——”，没有请留空');
      return { ok: true, value: r.value };
    }
    case 'count': {
      if (text === '') return { ok: true, value: null };
      if (!/^\d{1,7}$/.test(text) || Number(text) > 1_000_000) return fail('必须是非负整数');
      return { ok: true, value: Number(text) };
    }
    case 'decimal': {
      const t = text.replace(/[,，]/g, '');
      if (t === '') return { ok: true, value: null };
      if (!DECIMAL_PATTERN.test(t)) return fail('必须是数字');
      return { ok: true, value: normalizeDecimal(t) };
    }
    case 'weight':
    case 'score': {
      if (text === '') return kind === 'score' ? { ok: true, value: null } : fail('分值必填');
      const v = /^\d+(\.\d+)?$/.test(text) ? normalizeDecimal(text) : text;
      return scoreSchema.safeParse(v).success ? { ok: true, value: v } : fail('必须是0到100之间的数字（最多2位小数）');
    }
    case 'text':
    case 'textarea':
      return { ok: true, value: nullableText && input === '' ? null : input };
    case 'actual':
      // Handled by the cell: raw text is kept so that ranges ("≧85%") are flagged by the checks.
      return { ok: true, value: input };
  }
}

/** The typed text for an actual value: a plain number is stored as a number; anything else keeps its raw text. */
export function parseActual(input: string): { value: string | null; raw: string | undefined } {
  const t = input.trim().replace(/[,，]/g, '');
  if (t === '') return { value: null, raw: undefined };
  if (DECIMAL_PATTERN.test(t)) return { value: normalizeDecimal(t), raw: undefined };
  const n = /-?\d+(?:\.\d+)?/.exec(t);
  return { value: n && DECIMAL_PATTERN.test(n[0]) ? normalizeDecimal(n[0]) : null, raw: input.trim() };
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
      return typeof value === 'string' && DECIMAL_PATTERN.test(value) ? trimDecimal(value) : String(value);
    default:
      return String(value);
  }
}
