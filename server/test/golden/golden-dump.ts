import ExcelJS from 'exceljs';

/**
 * A workbook as text, one line per non-empty cell: `sheet!A1 [P] value`, where P marks a cell
 * inside the sheet's print area; then the merges and the page setup. Written after a round
 * trip through xlsx bytes, so it is what a spreadsheet application opens.
 */
export async function dumpWorkbook(wb: ExcelJS.Workbook): Promise<string> {
  const reread = new ExcelJS.Workbook();
  await reread.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const lines: string[] = [];
  for (const ws of reread.worksheets) {
    const area = parseArea(String(ws.pageSetup.printArea ?? ''));
    lines.push(`# sheet ${ws.name} state=${ws.state} printArea=${ws.pageSetup.printArea ?? ''} titles=${ws.pageSetup.printTitlesRow ?? ''}`);
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const v = cell.value;
        if (v === null || v === undefined || v === '') return;
        const inArea = area ? Number(cell.row) >= area.r1 && Number(cell.row) <= area.r2 && Number(cell.col) >= area.c1 && Number(cell.col) <= area.c2 : false;
        const fmt = cell.numFmt && cell.numFmt !== 'General' ? ` {${cell.numFmt}}` : '';
        lines.push(`${ws.name}!${cell.address} ${inArea ? 'P' : '-'} ${JSON.stringify(v)}${fmt}`);
      });
    });
    const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice().sort(compareRange);
    lines.push(`# merges ${ws.name}: ${merges.join(' ')}`);
    const hidden = (ws.columns ?? []).map((c, i) => (c.hidden ? i + 1 : 0)).filter(Boolean);
    if (hidden.length) lines.push(`# hidden columns ${ws.name}: ${hidden.join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

function colNumber(letters: string): number {
  return letters.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function parseArea(a: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(a.replace(/^.*!/, '').replace(/'/g, ''));
  if (!m) return null;
  return { c1: colNumber(m[1]!), r1: Number(m[2]), c2: colNumber(m[3]!), r2: Number(m[4]) };
}

function compareRange(a: string, b: string): number {
  const key = (s: string) => {
    const m = /^([A-Z]+)(\d+)/.exec(s)!;
    return Number(m[2]) * 1000 + colNumber(m[1]!);
  };
  return key(a) - key(b);
}
