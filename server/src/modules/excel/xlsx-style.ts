import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import { NA, type MoneyCell } from '@zipin/shared';

export const FONT = '宋体';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** 万元 keep as many decimals as were written (≤ 4): 22, 0.315, 18.504. */
export function moneyFormat(decimal: string): string {
  const d = (decimal.split('.')[1] ?? '').length;
  return d === 0 ? '0' : `0.${'0'.repeat(Math.min(d, 4))}`;
}

let excelJs: typeof ExcelJS | null = null;

/** ExcelJS (CommonJS), required the first time a workbook is made or read: start-up does not need it. */
export function loadExcelJs(): typeof ExcelJS {
  return (excelJs ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJS);
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new (loadExcelJs().Workbook)();
  wb.creator = 'Zipin 自评通';
  wb.created = new Date();
  return wb;
}

/** A4 portrait, fit to one page wide, centred; the print area leaves helper columns out. */
export function pageSetup(ws: ExcelJS.Worksheet, printArea: string, titleRows?: string): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    // ExcelJS prefixes only the columns with "$"; LibreOffice ignores a print area of mixed references ($A1:$G28).
    printArea: printArea.replace(/([A-Z]+)(\d+)/g, '$1$$$2'),
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '第 &P 页 共 &N 页' };
}

export interface CellOpts {
  bold?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right';
  border?: boolean;
  wrap?: boolean;
  fill?: string;
  color?: string;
  /** Indentation steps (the official form indents 其中 rows). */
  indent?: number;
}

export function styleCell(cell: ExcelJS.Cell, o: CellOpts = {}): void {
  cell.font = { name: FONT, size: o.size ?? 10.5, bold: o.bold ?? false, ...(o.color ? { color: { argb: o.color } } : {}) };
  cell.alignment = { vertical: 'middle', horizontal: o.align ?? 'center', wrapText: o.wrap ?? true, ...(o.indent ? { indent: o.indent * 2 } : {}) };
  if (o.border !== false) cell.border = BORDER;
  if (o.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: o.fill } };
}

/** Writes a value into a (possibly merged) range and styles every cell of it (borders on merges). */
export function put(ws: ExcelJS.Worksheet, range: string, value: ExcelJS.CellValue, o: CellOpts = {}, numFmt?: string): ExcelJS.Cell {
  const [a, b] = range.split(':');
  if (b && b !== a) ws.mergeCells(range);
  const master = ws.getCell(a!);
  master.value = value;
  if (numFmt) master.numFmt = numFmt;
  if (o.border !== false || o.fill) {
    const tl = ws.getCell(a!);
    const br = ws.getCell(b ?? a!);
    for (let r = Number(tl.row); r <= Number(br.row); r++) {
      for (let c = Number(tl.col); c <= Number(br.col); c++) styleCell(ws.getCell(r, c), o);
    }
  } else styleCell(master, o);
  return master;
}

/** A money cell: a number with its own decimals, "——" for not applicable, blank for none. */
export function putMoney(ws: ExcelJS.Worksheet, range: string, cell: MoneyCell | undefined, o: CellOpts = {}): void {
  if (cell === null || cell === undefined) put(ws, range, null, o);
  else if (cell === NA) put(ws, range, '——', o);
  else put(ws, range, Number(cell), o, moneyFormat(cell));
}

/** A percentage held as "140.00" (percent): stored as 1.4 with the 0.00% format. */
export function putPercent(ws: ExcelJS.Worksheet, range: string, percent: string | null | undefined, o: CellOpts = {}): void {
  if (percent === null || percent === undefined) put(ws, range, null, o);
  else put(ws, range, Number(percent) / 100, o, '0.00%');
}

export function colLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
