import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, emptyPackageDocument } from '@zipin/shared';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserPool } from '../../src/modules/render/browser/browser-pool.js';
import { packageHtml } from '../../src/modules/render/templates/package-document.js';
import { buildPackageWorkbook } from '../../src/modules/excel/package-export.js';
import { importPackageWorkbook } from '../../src/modules/excel/package-import.js';
import { pdfPagesText, popplerAvailable } from '../render/pdf-tools.js';
import { seedRenderModel } from '../render/seed-model.js';
import { dumpWorkbook } from './golden-dump.js';
import { seedExportInput } from './seed-export.js';

/**
 * The seed package's PDF text and exported workbook compared with the committed output
 * (`seed-pdf.txt`, `seed-workbook.txt`). A difference is either a regression or a fixed
 * defect; a fixed defect is listed in fixtures/README.md and the fixture is rewritten with
 * ZIPIN_UPDATE_GOLDEN=1.
 */
const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => join(here, 'fixtures', name);
const update = process.env.ZIPIN_UPDATE_GOLDEN === '1';

function compare(name: string, actual: string): void {
  if (update) writeFileSync(fixture(name), actual);
  const expected = readFileSync(fixture(name), 'utf8');
  expect(actual.split('\n')).toEqual(expected.split('\n'));
}

describe('the seed package against its golden output', () => {
  const pool = new BrowserPool({ chromiumPath: process.env.CHROMIUM_PATH ?? 'npm' });
  afterAll(() => pool.close());

  it('prints the same PDF text, page by page', async () => {
    if (!popplerAvailable()) return;
    const pdf = await pool.pdf(packageHtml(seedRenderModel()));
    const pages = pdfPagesText(pdf);
    const text = pages.map((p, i) => `=== page ${i + 1}\n${p.trimEnd()}`).join('\n') + '\n';
    if (update) writeFileSync(fixture('seed-pdf.txt'), text);
    // Page by page, the text without its whitespace: what prints, not where a line happens to wrap
    // (which moves with the Chromium build and fonts).
    const byPage = (t: string) => t.split(/^=== page \d+$/m).slice(1).map((p) => p.replace(/\s+/g, ''));
    expect(byPage(text)).toEqual(byPage(readFileSync(fixture('seed-pdf.txt'), 'utf8')));
  }, 120_000);

  it('exports the same workbook, cell by cell', async () => {
    compare('seed-workbook.txt', await dumpWorkbook(buildPackageWorkbook(seedExportInput())));
  });
});

describe('a workbook exported before the forms became layouts', () => {
  it('still imports: its tables read back, its 预算明细 block is kept from the draft', async () => {
    // seed-before-layouts.xlsx: the seed with a 专项 and a 楼堂馆所 row, as the export wrote it before.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(fixture('seed-before-layouts.xlsx')) as unknown as ArrayBuffer);
    const draft = emptyPackageDocument(LUKOU_2024_TEMPLATE);
    const result = importPackageWorkbook(wb, draft, { template: LUKOU_2024_TEMPLATE, context: seedExportInput().context });
    const expected = structuredClone(SEED_2024_LUKOU_GSL);
    expected.basicData.projects.specialFunds = [{ id: 'sf-7', name: '招商引资专项', previousFinal: null, currentBudget: '12.5', currentFinal: '12.4999' }];
    expected.basicData.buildings = [{ id: 'bld-1', name: '办公楼维修', approvedArea: '100', actualArea: '120.5', budgetInvestment: '50', actualInvestment: '48.25' }];
    expected.basicData.contact.phone = null; // the file was written when the seed had no 联系电话
    expect(result.document.basicData).toEqual(expected.basicData);
    expect(result.document.selfEvaluation.indicators).toEqual(expected.selfEvaluation.indicators);
    expect(result.document.selfEvaluation.budget.initialByFunction).toEqual(draft.selfEvaluation.budget.initialByFunction);
    expect(result.keptFromDraft[0]).toContain('预算明细');
  });
});
