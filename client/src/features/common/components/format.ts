/** Display helpers for dates and changed values. */
import { describePath, formatMoney, type PackageDocument } from '@zipin/shared';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/** 2025.5.19 — the way the forms print the 填报日期. */
export function formDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()}.${d.getMonth() + 1}.${d.getDate()}`;
}

/** Days until a deadline (negative when past). */
export function daysUntil(iso: string | null | undefined, now = new Date()): number | null {
  if (!iso) return null;
  const d = new Date(iso).getTime();
  if (Number.isNaN(d)) return null;
  return Math.ceil((d - now.getTime()) / 86_400_000);
}

const VALUE_WORDS = {
  zh: { none: '（无）', empty: '（空）', unnamed: '未命名', separator: '、', quote: (s: string) => `「${s}」` },
  en: { none: '(none)', empty: '(empty)', unnamed: 'unnamed', separator: ', ', quote: (s: string) => `“${s}”` },
};

/** A changed value as text: numbers and strings as typed, empty as “（空）”, rows by name. */
export function formatValue(v: unknown, en = false): string {
  const w = en ? VALUE_WORDS.en : VALUE_WORDS.zh;
  if (v === undefined) return w.none;
  if (v === null || v === '') return w.empty;
  if (v === 'NA') return '——';
  if (typeof v === 'string') return /^-?\d+(\.\d+)?$/.test(v) ? formatMoney(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.join(w.separator);
  const o = v as Record<string, unknown>;
  if (typeof o.name === 'string') return w.quote(o.name || w.unnamed);
  // A whole group (a map of kept typos, a section): its values, never its keys (they are paths).
  return Object.values(o).map((x) => formatValue(x, en)).join(w.separator);
}

export function pathLabel(path: string, doc?: PackageDocument | null, en = false): string {
  const label = describePath(path, doc ?? undefined);
  return (en ? label.en : label.zh) || path;
}

/** For date pickers of future instants: days before today are disabled (today stays, to the second). */
export function beforeToday(d: Date): boolean {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  return d.getTime() < start.getTime();
}
