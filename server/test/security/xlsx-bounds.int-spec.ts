/**
 * Crafted workbooks: sheet XML size and cell count are bounded before any parser runs, parsing
 * happens in a worker thread (the event loop stays responsive), and concurrent imports are
 * bounded with a clear "busy, try again" answer.
 */
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { XLSX_LIMITS, countCells } from '../../src/modules/excel/zip-guard.js';
import { MAX_CONCURRENT_PARSES, loadWorkbook } from '../../src/modules/excel/workbook-loader.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, type World } from '../support/factories.js';
import { makeZip, upload } from '../excel/excel-helpers.js';

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="单位及账号" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WB_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

const col = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

/** A minimal .xlsx whose one sheet has `rows` × `cols` numeric cells (varied, so it compresses like real data). */
function workbookWithCells(rows: number, cols: number, extraCellXml = ''): Buffer {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  for (let r = 1; r <= rows; r++) {
    parts.push(`<row r="${r}">`);
    for (let c = 0; c < cols; c++) parts.push(`<c r="${col(c)}${r}"><v>${(r * 7919 + c * 104729) % 1000003}</v></c>`);
    if (r === 1 && extraCellXml) parts.push(extraCellXml);
    parts.push('</row>');
  }
  parts.push('</sheetData></worksheet>');
  return makeZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WB_RELS) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(parts.join('')) },
  ]);
}

describe('crafted workbooks', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  it('counts cells in sheet XML without parsing it', () => {
    expect(countCells(Buffer.from('<row><c r="A1"><v>1</v></c><c r="B1"/><x:c r="C1">x</x:c><col min="1"/><cols/></row>'))).toBe(3);
  });

  it('refuses a workbook with more cells than the limit, naming the limit, before parsing', async () => {
    const file = workbookWithCells(Math.ceil((XLSX_LIMITS.maxCells + 500) / 10), 10);
    expect(file.length).toBeLessThan(10 * 1024 * 1024);
    const res = await upload(app, '/api/admin/units-import.xlsx?dryRun=true', w.users['a.admin']!.token, file);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('FILE_REJECTED');
    expect(res.body.message).toContain('单元格超过 100,000 个');
    expect(res.body.details.maxCells).toBe(XLSX_LIMITS.maxCells);
  }, 60_000);

  it('refuses a worksheet whose XML is over the size limit, naming it', async () => {
    const big = `<c r="ZZ1" t="inlineStr"><is><t>${randomBytes(Math.ceil((XLSX_LIMITS.maxSheetXml + 1024) * 0.75)).toString('base64')}</t></is></c>`;
    const res = await upload(app, '/api/packages/' + w.packages.a1 + '/import.xlsx?dryRun=true', w.users['a1.filler']!.token, workbookWithCells(1, 1, big));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/工作表「xl\/worksheets\/sheet1\.xml」解压后 .* MB，超过上限 8 MB/);
  }, 60_000);

  it('parses a heavy workbook within the limits off the event loop', async () => {
    const file = workbookWithCells(9_000, 10);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = Date.now();
    const wb = await loadWorkbook(file);
    delay.disable();
    expect(wb.worksheets[0]!.getCell('J9000').value).toBe((9000 * 7919 + 9 * 104729) % 1000003);
    const maxBlockMs = delay.max / 1e6;
    // Rebuilding the workbook from the worker's model is the only main-thread work left.
    console.log(`90,000 cells: ${Date.now() - started} ms in total, longest event-loop stall ${maxBlockMs.toFixed(0)} ms`);
    expect(maxBlockMs).toBeLessThan(500);
  }, 60_000);

  it(`runs at most ${MAX_CONCURRENT_PARSES} parses at once and tells the others to come back`, async () => {
    const file = workbookWithCells(3_000, 10);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => loadWorkbook(file)));
    const busy = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'SERVER_BUSY');
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBe(MAX_CONCURRENT_PARSES);
    expect(busy.length).toBe(6 - MAX_CONCURRENT_PARSES);
    expect((busy[0] as PromiseRejectedResult).reason.message).toContain('请稍后再试');
    // Over HTTP the refusal is a 503 with the code.
    const token = w.users['a.admin']!.token;
    const http = await Promise.all(Array.from({ length: 5 }, () => upload(app, '/api/admin/units-import.xlsx?dryRun=true', token, file)));
    expect(http.some((r) => r.status === 503 && r.body.code === 'SERVER_BUSY')).toBe(true);
    // And once they are done, the next upload is parsed.
    expect((await loadWorkbook(file)).worksheets.length).toBe(1);
  }, 60_000);
});
