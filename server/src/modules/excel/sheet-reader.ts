import type ExcelJS from 'exceljs';

/**
 * Reading cells the way a person reads a form: by their labels. Labels are compared after
 * NFKC (full-width letters, digits, brackets and colons become half-width), without any
 * whitespace, without list numbering ("1、", "（一）") and without a leading "其中：".
 */
export function normalizeLabel(text: string): string {
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  s = s.replace(/^其中[:：]?/, '');
  s = s.replace(/^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．)]/, '').replace(/^\((?:\d{1,2}|[一二三四五六七八九十]{1,3})\)/, '');
  s = s.replace(/^其中[:：]?/, '');
  return s.replace(/[:：]+$/, '');
}

export type CellRead =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; text: string }
  | { kind: 'formula'; formula: string; cached: unknown }
  | { kind: 'other'; what: string };

/** The value of a cell (the master's for a merged cell), classified; formulas are never evaluated. */
export function readCell(cell: ExcelJS.Cell): CellRead {
  const c = cell.isMerged ? cell.master : cell;
  const v = c.value as unknown;
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'other', what: '非法数值' };
  if (typeof v === 'string') return v.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'other', what: '逻辑值' };
  if (v instanceof Date) return { kind: 'other', what: '日期' };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return { kind: 'formula', formula: String(o.formula ?? o.sharedFormula ?? ''), cached: o.result };
    if (Array.isArray(o.richText)) {
      const text = (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
      return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    if (typeof o.text === 'string') return o.text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: o.text };
    if ('error' in o) return { kind: 'other', what: `错误值${String(o.error)}` };
  }
  return { kind: 'other', what: '无法识别的内容' };
}

/** The text of a cell for labels ('' for empty, numbers as written). */
export function cellText(cell: ExcelJS.Cell): string {
  const r = readCell(cell);
  if (r.kind === 'text') return r.text;
  if (r.kind === 'number') return String(r.value);
  if (r.kind === 'formula' && typeof r.cached === 'string') return r.cached;
  return '';
}

/** A cell's address on its sheet, for messages: 基础数据表!B6. */
export function where(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): string {
  const c = cell.isMerged ? cell.master : cell;
  return `${ws.name}!${c.address}`;
}

/** The master cells of a row, left to right, each once (a merged range counts once). */
export function rowCells(ws: ExcelJS.Worksheet, row: number, maxCol: number): { col: number; cell: ExcelJS.Cell }[] {
  const out: { col: number; cell: ExcelJS.Cell }[] = [];
  const seen = new Set<string>();
  for (let col = 1; col <= maxCol; col++) {
    const cell = ws.getCell(row, col);
    const master = cell.isMerged ? cell.master : cell;
    if (seen.has(master.address)) continue;
    seen.add(master.address);
    out.push({ col, cell: master });
  }
  return out;
}

/** Normalizes a worksheet name for matching ("基础数据表 " and "基础数据表" are the same). */
export function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | null {
  const key = normalizeLabel(name);
  return wb.worksheets.find((ws) => normalizeLabel(ws.name) === key) ?? wb.worksheets.find((ws) => normalizeLabel(ws.name).includes(key)) ?? null;
}
