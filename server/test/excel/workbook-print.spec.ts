import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, SEED_CONTEXT, SEED_UNIT, addTwoProjects, type PackageDocument } from '@zipin/shared';
import { buildPackageWorkbook } from '../../src/modules/excel/package-export.js';
import { pdfPagesText, pdfToPngs, popplerAvailable } from '../render/pdf-tools.js';

const CI = process.env.CI === 'true' || process.env.CI === '1';

/** LibreOffice (soffice) when installed; in CI its absence is a failure, locally the test says it skipped. */
function sofficeAvailable(): boolean {
  const ok = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).error === undefined;
  if (!ok) {
    if (CI) throw new Error('soffice (LibreOffice, e.g. Debian libreoffice-calc-nogui) is required in CI to check how the exported workbook prints');
    console.warn('soffice (LibreOffice) not installed: skipping the check of how the exported workbook prints');
  }
  return ok;
}

/** The exported workbook of a document converted to PDF by LibreOffice headless: its pages' text (images in $ZIPIN_RENDER_OUT/<name>). */
async function printWorkbook(doc: PackageDocument, name: string): Promise<string[]> {
  const wb = buildPackageWorkbook({
    document: doc,
    template: LUKOU_2024_TEMPLATE,
    context: { ...SEED_CONTEXT, unitName: SEED_UNIT.name },
    filledOn: '2025.5.19',
    signerName: '单位负责人（演示）',
  });
  const dir = mkdtempSync(join(tmpdir(), 'zipin-lo-'));
  try {
    const xlsx = join(dir, 'forms.xlsx');
    writeFileSync(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
    // A private profile: never the user's, and no clash with another run.
    const run = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
    const pdf = readFileSync(join(dir, 'forms.pdf'));
    const out = join(process.env.ZIPIN_RENDER_OUT ?? join(tmpdir(), 'zipin-seed-render'), name);
    mkdirSync(out, { recursive: true });
    pdfToPngs(pdf, out);
    return pdfPagesText(pdf);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The exported workbook opened in a real spreadsheet application (LibreOffice headless) and
 * printed to PDF: only the official forms print, never the ids kept for re-import, the 比较方式
 * helper or the 不打印 reference block. Page images go to $ZIPIN_RENDER_OUT (default a temp
 * folder) for a person to look at.
 */
describe('the exported workbook as LibreOffice prints it', () => {
  const soffice = sofficeAvailable();
  const poppler = popplerAvailable();
  let pages: string[] = [];
  const squash = (s: string) => s.replace(/\s+/g, '');

  beforeAll(async () => {
    if (!soffice || !poppler) return;
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    doc.basicData.projects.specialFunds = [{ id: 'sf-1', name: '招商引资专项', previousFinal: null, currentBudget: '12.5', currentFinal: '12.4999' }];
    doc.basicData.buildings = [{ id: 'bld-1', name: '办公楼维修', approvedArea: '100', actualArea: '120.5', budgetInvestment: '50', actualInvestment: '48.25' }];
    pages = await printWorkbook(doc, 'workbook');
  }, 180_000);

  it('prints the two official forms, a page each', () => {
    if (!soffice || !poppler) return;
    expect(pages).toHaveLength(2);
    expect(squash(pages[0]!)).toContain('2024年度部门（单位）整体支出绩效评价基础数据表');
    expect(squash(pages[1]!)).toContain('2024年度部门（单位）整体支出绩效自评表');
  });

  it('never prints the ids, the operator helper or the 不打印 reference block', () => {
    if (!soffice || !poppler) return;
    const text = pages.join('\n');
    expect(text).not.toMatch(/\b(?:ind|sf|bld|bd|fn)-\d+\b/);
    expect(text).not.toContain('不打印');
    expect(text).not.toContain('比较方式');
    expect(text).not.toContain('行编号');
    expect(text).not.toContain('年初预算（按功能分类）');
    expect(text).not.toContain('一般公共服务支出');
  });

  it('prints the official labels, the list rows and the figures', () => {
    if (!soffice || !poppler) return;
    const p1 = squash(pages[0]!);
    const p2 = squash(pages[1]!);
    for (const label of ['财政供养人员情况（人）', '2023年决算数', '公车运行维护', '3、本级专项资金（一个专项一行）', '招商引资专项', '办公楼维修', '厉行节约保障措施'])
      expect([label, p1.includes(label)]).toEqual([label, true]);
    for (const label of ['满意度指标', '（10分）', '服务对象满意度', '社会成本指标', '生态环境成本', '偏差原因分析及改进措施', '总分'])
      expect([label, p2.includes(label)]).toEqual([label, true]);
    expect(p2).toContain('≥95%');
    expect(p2).toMatch(/总分10097/);
  });
});

describe('the exported workbook of a package with two projects as LibreOffice prints it', () => {
  const ready = sofficeAvailable() && popplerAvailable();
  let pages: string[] = [];
  const squash = (s: string) => s.replace(/\s+/g, '');

  beforeAll(async () => {
    if (ready) pages = (await printWorkbook(addTwoProjects(structuredClone(SEED_2024_LUKOU_GSL)), 'workbook-projects')).map(squash);
  }, 180_000);

  it('prints each 项目支出绩效自评表 as the official form, on a page of its own, without ids', () => {
    if (!ready) return;
    expect(pages).toHaveLength(4);
    expect(pages[2]).toContain('2024年度项目支出绩效自评表');
    expect(pages[2]).toContain('项目名称招商引资专项');
    expect(pages[3]).toContain('项目名称基层商会建设专项');
    expect(pages[3]).toMatch(/上年结转资金222/);
    for (const p of pages.slice(2)) {
      for (const label of ['年度资金总额', '满意度指标', '（10分）', '偏差原因分析及改进措施', '总分']) expect([label, p.includes(label)]).toEqual([label, true]);
      expect(p).not.toMatch(/(?:ind|pe|sf)-\d+/);
      expect(p).not.toContain('行编号');
      expect(p).not.toContain('比较方式');
    }
  });
});
