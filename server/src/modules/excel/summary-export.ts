import type ExcelJS from 'exceljs';
import { CHECK_CATALOGUE, STATE_LABELS, type CheckCode, type PackageState } from '@zipin/shared';
import { colLetter, newWorkbook, pageSetup, put } from './xlsx-style.js';

export interface SummaryRow {
  unitCode: string;
  unitName: string;
  state: PackageState;
  submittedAt: Date | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
  executionRate: string | null; // percent, "100.00"
  declaredTotal: string | null;
  suggestedTotal: string | null;
  grade: string | null; // 优/良/中/差
  flags: string[];
  overdue: boolean;
}

export interface SummaryInput {
  title: string;
  subtitle: string;
  timezone: string;
  rows: SummaryRow[];
}

export const SUMMARY_HEADERS = ['序号', '单位编码', '单位名称', '办理阶段', '报送时间', '审核通过时间', '公开时间', '预算执行率', '自评总分', '系统建议总分', '等级', '警示', '是否逾期'];

/** Chinese wording of a warning code (the check catalogue's), or the code itself if unknown. */
export function flagLabel(code: string): string {
  return (CHECK_CATALOGUE as Record<string, readonly [string, string, string]>)[code as CheckCode]?.[1] ?? code;
}

function localTime(d: Date | null, timeZone: string): string | null {
  if (!d) return null;
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** The bureau's summary of a campaign: one row per unit, A4 landscape fitted to the width. */
export function buildSummaryWorkbook(input: SummaryInput): ExcelJS.Workbook {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('汇总表', { views: [{ state: 'frozen', ySplit: 3, xSplit: 3, showGridLines: false }] });
  ws.columns = [6, 12, 30, 14, 17, 17, 17, 11, 10, 12, 6, 44, 9].map((width) => ({ width }));
  const last = colLetter(SUMMARY_HEADERS.length);
  put(ws, `A1:${last}1`, input.title, { bold: true, size: 16, border: false });
  ws.getRow(1).height = 28;
  put(ws, `A2:${last}2`, input.subtitle, { border: false, align: 'left', size: 9 });
  SUMMARY_HEADERS.forEach((h, i) => put(ws, `${colLetter(i + 1)}3`, h, { bold: true, fill: 'FFF2F2F2' }));
  let r = 4;
  input.rows.forEach((row, i) => {
    const num = (v: string | null) => (v === null ? null : Number(v));
    put(ws, `A${r}`, i + 1);
    put(ws, `B${r}`, row.unitCode);
    put(ws, `C${r}`, row.unitName, { align: 'left' });
    put(ws, `D${r}`, STATE_LABELS[row.state]?.zh ?? row.state);
    put(ws, `E${r}`, localTime(row.submittedAt, input.timezone));
    put(ws, `F${r}`, localTime(row.approvedAt, input.timezone));
    put(ws, `G${r}`, localTime(row.publishedAt, input.timezone));
    put(ws, `H${r}`, row.executionRate === null ? null : Number(row.executionRate) / 100, {}, '0.00%');
    put(ws, `I${r}`, num(row.declaredTotal), {}, '0.00');
    put(ws, `J${r}`, num(row.suggestedTotal), {}, '0.00');
    put(ws, `K${r}`, row.grade);
    put(ws, `L${r}`, row.flags.map(flagLabel).join('；') || null, { align: 'left', size: 9 });
    put(ws, `M${r}`, row.overdue ? '是' : '否', row.overdue ? { color: 'FFC00000', bold: true } : {});
    r++;
  });
  ws.autoFilter = { from: 'A3', to: `${last}${Math.max(3, r - 1)}` };
  pageSetup(ws, `A1:${last}${Math.max(3, r - 1)}`, '3:3');
  ws.pageSetup.orientation = 'landscape';
  return wb;
}
