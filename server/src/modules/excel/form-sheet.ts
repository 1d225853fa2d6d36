import type ExcelJS from 'exceljs';
import { NA, type ExpandedForm, type GridCell, type MoneyCell } from '@zipin/shared';
import { colLetter, moneyFormat, pageSetup, put, putMoney, putPercent, type CellOpts } from './xlsx-style.js';
import { rowHeightFor } from './row-heights.js';

const GREY = 'FF808080';
export const HEAD_FILL = 'FFF2F2F2';
/** Sheet rows above the grid: the title, then the unit line when the layout has one. */
const TITLE_ROW = 1;

/** Where a form's grid landed on its sheet (the reader finds the same cells from it). */
export interface SheetPlacement {
  /** Sheet row (1-based) of grid row 0. */
  firstRow: number;
  /** Sheet column (1-based) of each helper header, by its zh text. */
  helperCols: Map<string, number>;
}

/** Sheet column of each helper (ids, 比较方式): after the form and a gap column, hidden, outside the print area. */
export function helperColumns(form: ExpandedForm): Map<string, number> {
  const cols = new Map<string, number>();
  let next = form.layout.columns.length + 2;
  // A per-item form keeps its item's id on the title row, so the sheet reads back into the same item.
  if (form.layout.perItem) cols.set(form.layout.perItem.itemLabel.zh, next++);
  for (const spec of form.layout.rows) {
    if (spec.kind === 'row') continue;
    for (const h of spec.helpers ?? []) if (!cols.has(h.header.zh)) cols.set(h.header.zh, next++);
  }
  return cols;
}

/** The first sheet row of the grid. */
export function gridFirstRow(form: ExpandedForm): number {
  return TITLE_ROW + 1 + (form.subtitle !== null ? 1 : 0);
}

export interface FooterValues {
  fillerName: string | null;
  fillDate: string | null;
  phone: string | null;
  signer: string | null;
}

/** A value cell of the grid in its Excel form: numbers as numbers with their decimals, text as typed. */
function putValue(ws: ExcelJS.Worksheet, range: string, cell: GridCell, o: CellOpts): void {
  const v = cell.value;
  switch (cell.format) {
    case 'money4':
    case 'signedMoney4':
      return putMoney(ws, range, v as MoneyCell | undefined, o);
    case 'percent2':
      return putPercent(ws, range, v as string | null | undefined, o);
    case 'count':
      put(ws, range, typeof v === 'number' ? v : null, o, '0');
      return;
    case 'area':
      put(ws, range, typeof v === 'string' && v !== NA ? Number(v) : null, o, typeof v === 'string' ? moneyFormat(v) : undefined);
      return;
    case 'points':
      // General, not "0.##": Excel and LibreOffice print "0.##" as "10." for a whole number.
      put(ws, range, typeof v === 'string' && v !== '' ? Number(v) : null, o);
      return;
    default:
      put(ws, range, cell.role === 'computed' ? cell.text || null : cell.entry || null, o);
  }
}

/**
 * One official form as a worksheet, drawn from its expanded layout: the grid cell by cell with
 * its merges, the title, notes and footer; helper columns (ids, 比较方式) hidden beside it and
 * outside the print area; A4, fit to width, the header row repeated; row heights that fit the
 * wrapped text. A form that is not printed goes to a hidden sheet.
 */
export function writeFormSheet(wb: ExcelJS.Workbook, form: ExpandedForm, footer: FooterValues, sheetName = form.layout.name.zh): SheetPlacement {
  const { layout } = form;
  const ws = wb.addWorksheet(sheetName, { views: [{ showGridLines: false }], ...(layout.printed ? {} : { state: 'hidden' as const }) });
  const widths = layout.columns.map((c) => Math.round(((c.width * layout.sheetWidth) / 100) * 10) / 10);
  const helpers = helperColumns(form);
  const lastHelper = Math.max(layout.columns.length, ...helpers.values());
  ws.columns = Array.from({ length: lastHelper }, (_, i) => (i < widths.length ? { width: widths[i]! } : i === widths.length ? { width: 3 } : { width: 14, hidden: true }));
  const last = colLetter(layout.columns.length);
  const span = (row: number, col: number, rows: number, cols: number) => `${colLetter(col)}${row}:${colLetter(col + cols - 1)}${row + rows - 1}`;

  put(ws, `A${TITLE_ROW}:${last}${TITLE_ROW}`, form.title, { bold: true, size: 16, border: false });
  ws.getRow(TITLE_ROW).height = 30;
  if (form.subtitle !== null) put(ws, `A${TITLE_ROW + 1}:${last}${TITLE_ROW + 1}`, form.subtitle, { border: false, align: 'left' });
  if (form.item && layout.perItem) put(ws, `${colLetter(helpers.get(layout.perItem.itemLabel.zh)!)}${TITLE_ROW}`, form.item.id, { border: false, color: GREY, size: 9 });

  const first = gridFirstRow(form);
  const heights = form.rows.map((r) => r.minHeight ?? 0);
  let repeatRow: number | null = null;
  for (const row of form.rows) {
    const r = first + row.index;
    if (row.repeatOnEachPage && repeatRow === null) repeatRow = r;
    for (const cell of row.cells) {
      const col = cell.col + 1;
      const o: CellOpts = { align: cell.align, ...(cell.indent ? { indent: cell.indent } : {}), ...(cell.small ? { size: 9.5 } : {}) };
      if (cell.role === 'header') put(ws, span(r, col, cell.rowSpan, cell.colSpan), cell.text, { ...o, bold: true, fill: HEAD_FILL, align: 'center' });
      else if (cell.role === 'label') put(ws, span(r, col, cell.rowSpan, cell.colSpan), cell.text || null, o);
      else if (cell.role === 'notApplicable') put(ws, span(r, col, cell.rowSpan, cell.colSpan), '——', o);
      else if (cell.role === 'filled') put(ws, span(r, col, cell.rowSpan, cell.colSpan), cell.text || null, o);
      else if (cell.role === 'blank') put(ws, span(r, col, cell.rowSpan, cell.colSpan), null, o);
      else if (cell.prefix !== undefined) {
        // A labelled value: the label over all but the last column, the value in the last one.
        put(ws, span(r, col, 1, cell.colSpan - 1), cell.prefix, { ...o, align: 'left' });
        putValue(ws, span(r, col + cell.colSpan - 1, 1, 1), cell, { align: 'center' });
      } else putValue(ws, span(r, col, cell.rowSpan, cell.colSpan), cell, o);
      const text = cell.prefix !== undefined ? cell.prefix : cell.role === 'input' ? (cell.entry ?? cell.text) : cell.text;
      const width = widths.slice(cell.col, cell.col + (cell.prefix !== undefined ? cell.colSpan - 1 : cell.colSpan)).reduce((a, b) => a + b, 0);
      const need = rowHeightFor(text, width, cell.small ? 9.5 : cell.header ? 10.5 : 10.5, cell.header);
      // A merged block shares its height over its rows; only what they lack is added to its last row.
      const rows = heights.slice(row.index, row.index + cell.rowSpan);
      const have = rows.reduce((a, b) => a + Math.max(b, 15), 0);
      if (need > have) heights[row.index + cell.rowSpan - 1] = Math.max(heights[row.index + cell.rowSpan - 1] ?? 0, 15) + (need - have);
    }
    for (const h of row.helpers) put(ws, `${colLetter(helpers.get(h.spec.header.zh)!)}${r}`, h.text, { border: false, color: GREY, size: 9 });
  }
  heights.forEach((h, i) => {
    if (h > 15) ws.getRow(first + i).height = Math.min(409, Math.ceil(h));
  });
  // Helper headers sit on the row above their group's first row (its header row).
  for (const spec of layout.rows) {
    if (spec.kind === 'row' || !spec.helpers?.length || !form.groups[spec.id]) continue;
    const r = first + form.groups[spec.id]!.first - 1;
    for (const h of spec.helpers) put(ws, `${colLetter(helpers.get(h.header.zh)!)}${r}`, h.header.zh, { border: false, color: GREY, size: 9 });
  }

  let r = first + form.rows.length;
  for (const note of form.notes) {
    put(ws, `A${r}:${last}${r}`, note, { border: false, align: 'left', size: 9 });
    ws.getRow(r).height = Math.max(15, rowHeightFor(note, widths.reduce((a, b) => a + b, 0), 9, false));
    r++;
  }
  if (form.footer.length) {
    let col = 1;
    let height = 15;
    for (const item of form.footer) {
      const text = `${item.text}：${footer[item.key] ?? ''}`;
      put(ws, span(r, col, 1, item.cols), text, { border: false, align: 'left' });
      height = Math.max(height, rowHeightFor(text, widths.slice(col - 1, col - 1 + item.cols).reduce((a, b) => a + b, 0), 10.5, false));
      col += item.cols;
    }
    if (height > 15) ws.getRow(r).height = Math.ceil(height);
  } else r--;
  if (layout.printed) pageSetup(ws, `A1:${last}${r}`, repeatRow !== null ? `${repeatRow}:${repeatRow}` : undefined);
  return { firstRow: first, helperCols: helpers };
}

/** The sheet of a per-item form: its form's name and the item's position ("项目支出绩效自评表（2）"); other forms by their name. */
export function sheetNameOf(form: ExpandedForm, position: number): string {
  return form.item ? `${form.layout.name.zh}（${position}）` : form.layout.name.zh;
}
