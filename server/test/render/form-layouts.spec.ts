import ExcelJS from 'exceljs';
import {
  COVER_LAYOUT,
  BASIC_DATA_LAYOUT,
  DEFAULT_TEMPLATE,
  HUNAN_FORM_SET,
  LUKOU_2024_TEMPLATE,
  SEED_2024_LUKOU_GSL,
  SELF_EVALUATION_LAYOUT,
  type FormLayout,
  type FormSet,
  type RowSpec,
} from '@zipin/shared';
import { BrowserPool } from '../../src/modules/render/browser/browser-pool.js';
import { packageHtml } from '../../src/modules/render/templates/package-document.js';
import { buildPackageWorkbook } from '../../src/modules/excel/package-export.js';
import { importPackageWorkbook } from '../../src/modules/excel/package-import.js';
import { seedExportInput } from '../golden/seed-export.js';
import { pdfPagesText, popplerAvailable } from './pdf-tools.js';
import { seedRenderModel } from './seed-model.js';

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * A layout changed in a fixture (a row added, a column relabelled) reaches the PDF, the
 * workbook and the import with no other code changed: the renderers only read layouts.
 */
const ADDED_ROW: RowSpec = {
  kind: 'row',
  cells: [
    { role: 'label', text: { zh: '工资福利支出（按经济分类）', en: 'wages (economic class)' }, align: 'left' },
    { role: 'input', cols: 6, field: 'selfEvaluation.budget.executionByEconomicClass.wages', format: 'money4' },
  ],
};
const relabel = (row: RowSpec): RowSpec =>
  row.kind === 'row'
    ? { ...row, cells: row.cells.map((c) => (c.text?.zh === '{year}年预算数' ? { ...c, text: { zh: '{year}年预算批复数', en: 'approved budget {yearEn}' } } : c)) }
    : row;
const FIXTURE_BASIC: FormLayout = {
  ...BASIC_DATA_LAYOUT,
  rows: BASIC_DATA_LAYOUT.rows.flatMap((r) => (r.kind === 'row' && r.cells[0]?.text?.zh === '政府采购金额' ? [r, ADDED_ROW] : [r])).map(relabel),
};
// The fixture set has no 预算明细 sheet: the added row is where the workbook carries 工资福利支出.
// The default set with its basic data table changed (the 封面 stays first).
const FIXTURE_SET: FormSet = { ...HUNAN_FORM_SET, id: 'fixture', forms: [COVER_LAYOUT, FIXTURE_BASIC, SELF_EVALUATION_LAYOUT] };

function find(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell | null {
  let hit: ExcelJS.Cell | null = null;
  ws.eachRow((row) => row.eachCell((cell) => {
    if (!hit && typeof cell.value === 'string' && squash(cell.value) === text) hit = cell;
  }));
  return hit;
}

async function reread(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const out = new ExcelJS.Workbook();
  await out.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return out;
}

describe('official forms drawn from their layouts', () => {
  const pool = new BrowserPool({ chromiumPath: process.env.CHROMIUM_PATH ?? 'npm' });
  const poppler = popplerAvailable();
  afterAll(() => pool.close());
  // The pages of the forms: page 1 is the 封面.
  const pdfText = async (html: string) => pdfPagesText(await pool.pdf(html)).map(squash).slice(1);

  describe('a fixture layout with an added row and a relabelled column', () => {
    it('prints both in the PDF', async () => {
      if (!poppler) return;
      const [basic] = await pdfText(packageHtml(seedRenderModel({ formSet: FIXTURE_SET })));
      expect(basic).toContain('政府采购金额——8.48.4工资福利支出（按经济分类）101.28');
      expect(basic).toContain('2023年决算数2024年预算批复数2024年决算数');
      expect(basic).not.toContain('2024年预算数');
    }, 120_000);

    it('writes both in the workbook, and the changed workbook imports back', async () => {
      const wb = await reread(buildPackageWorkbook({ ...seedExportInput(), formSet: FIXTURE_SET }));
      const ws = wb.getWorksheet('基础数据表')!;
      const label = find(ws, '工资福利支出（按经济分类）')!;
      expect(label).not.toBeNull();
      const wages = ws.getCell(Number(label.row), 2);
      expect(wages.value).toBe(101.28);
      expect(find(ws, '2024年预算批复数')).not.toBeNull();
      expect(find(ws, '2024年预算数')).toBeNull();

      // A person edits the added row and a cell under the relabelled column.
      wages.value = 99.5;
      const publicFunds = find(ws, '公用经费')!;
      ws.getCell(Number(publicFunds.row), 4).value = 31;
      const seed = structuredClone(SEED_2024_LUKOU_GSL);
      const result = importPackageWorkbook(await reread(wb), seed, { template: LUKOU_2024_TEMPLATE, context: seedExportInput().context, formSet: FIXTURE_SET });
      expect(result.document.selfEvaluation.budget.executionByEconomicClass.wages).toBe('99.5');
      expect(result.document.basicData.publicFunds.total.currentBudget).toBe('31');
      expect(result.imported).toEqual(expect.arrayContaining([{ cell: `基础数据表!${wages.address}`, path: 'selfEvaluation.budget.executionByEconomicClass.wages', value: '99.5' }]));
      // Everything else reads back as it was.
      const expected = structuredClone(seed);
      expected.selfEvaluation.budget.executionByEconomicClass.wages = '99.5';
      expected.basicData.publicFunds.total.currentBudget = '31';
      expect(result.document).toEqual(expected);
    });
  });

  describe('cost indicators and the template', () => {
    it('prints cost rows under 产出指标 under the national 10/50/30/10 template, in the PDF and the workbook', async () => {
      const model = seedRenderModel({ template: DEFAULT_TEMPLATE });
      if (poppler) {
        const self = (await pdfText(packageHtml(model)))[1]!;
        const at = (s: string) => self.indexOf(s);
        expect(at('产出指标（50分）')).toBeGreaterThan(-1);
        expect(at('产出指标（50分）')).toBeLessThan(at('经济成本指标人员保障'));
        expect(at('经济成本指标人员保障')).toBeLessThan(at('效益指标（30分）'));
        expect(self).not.toContain('成本指标（');
        expect(self).not.toContain('社会成本指标');
      }
      const wb = await reread(buildPackageWorkbook({ ...seedExportInput(), template: DEFAULT_TEMPLATE }));
      const ws = wb.getWorksheet('绩效自评表')!;
      const cost = find(ws, '人员保障')!;
      const level1 = ws.getCell(Number(cost.row), 2);
      expect(level1.isMerged ? level1.master.value : level1.value).toBe('产出指标\n（50分）');
      expect(find(ws, '成本指标（20分）')).toBeNull();
      expect(find(ws, '社会成本指标')).toBeNull();
    }, 120_000);

    it('prints them under 成本指标 under the seed’s template, as in the seed', async () => {
      if (poppler) {
        const self = (await pdfText(packageHtml(seedRenderModel())))[1]!;
        expect(self.indexOf('成本指标（20分）经济成本指标人员保障')).toBeGreaterThan(self.indexOf('满意度指标'));
      }
      const ws = (await reread(buildPackageWorkbook(seedExportInput()))).getWorksheet('绩效自评表')!;
      const level1 = ws.getCell(Number(find(ws, '人员保障')!.row), 2);
      expect(level1.isMerged ? level1.master.value : level1.value).toBe('成本指标\n（20分）');
    }, 120_000);
  });
});
