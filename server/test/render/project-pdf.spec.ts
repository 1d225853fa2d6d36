import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVALUATION_METHOD_SELF, SEED_2024_LUKOU_GSL, SEED_CONTEXT, SEED_UNIT, addTwoProjects, coverOpinions } from '@zipin/shared';
import { repairSeed } from '../../src/demo/demo-documents.js';
import { BrowserPool, pdfPageCount } from '../../src/modules/render/browser/browser-pool.js';
import { packageHtml } from '../../src/modules/render/templates/package-document.js';
import { pdfPagesText, pdfToPngs, popplerAvailable } from './pdf-tools.js';
import { seedRenderModel } from './seed-model.js';

/**
 * A package with two 专项 printed through Chromium: the cover, the 基础数据表, the 自评表, one
 * 项目支出绩效自评表 per project (each on its own page), then the report, every page numbered.
 * Page images go to $ZIPIN_RENDER_OUT (default: a temp folder) for a person to look at.
 */
describe('a package with two project tables as a PDF', () => {
  const pool = new BrowserPool({ chromiumPath: process.env.CHROMIUM_PATH ?? 'npm' });
  const poppler = popplerAvailable();
  const squash = (s: string) => s.replace(/\s+/g, '');
  afterAll(() => pool.close());

  const cover = (approved: boolean) => ({
    unitName: SEED_UNIT.name,
    budgetCode: '212001',
    fiscalYear: SEED_CONTEXT.fiscalYear,
    evaluationMethod: EVALUATION_METHOD_SELF,
    reportDate: '2025年5月20日',
    opinions: coverOpinions({
      UNIT_HEAD: { signerName: '单位负责人（演示）', date: '2025年5月20日' },
      ...(approved ? { FINANCE_BUREAU: { signerName: '审核人（演示）', date: '2025年6月3日' } } : {}),
    }),
  });

  async function render(approved: boolean, name: string): Promise<{ pdf: Buffer; pages: string[] }> {
    const model = seedRenderModel({ document: addTwoProjects(repairSeed(SEED_2024_LUKOU_GSL)), cover: cover(approved) });
    const pdf = await pool.pdf(packageHtml(model));
    const out = join(process.env.ZIPIN_RENDER_OUT ?? join(tmpdir(), 'zipin-project-render'), name);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'package.pdf'), pdf);
    if (poppler) pdfToPngs(pdf, out);
    return { pdf, pages: poppler ? pdfPagesText(pdf).map(squash) : [] };
  }

  it('prints the cover, the three forms, the two project tables on their own pages and the report, numbered', async () => {
    const { pdf, pages } = await render(true, 'approved');
    const count = pdfPageCount(pdf);
    expect(count).toBeGreaterThanOrEqual(6);
    if (!poppler) return;
    pages.forEach((text, i) => expect(text).toContain(`第${i + 1}页共${count}页`));
    const first = (needle: string) => pages.findIndex((p) => p.includes(needle));
    const order = [
      first('2024年度部门（单位）整体支出绩效自评材料'),
      first('2024年度部门（单位）整体支出绩效评价基础数据表'),
      first('2024年度部门（单位）整体支出绩效自评表'),
      first('项目名称招商引资专项'),
      first('项目名称基层商会建设专项'),
      first('七、存在的问题及原因分析'),
    ];
    expect(order).toEqual([0, 1, 2, 3, 4, expect.any(Number)]);
    expect(order[5]).toBeGreaterThan(4);
    // Each project table starts a page of its own and carries its title.
    // (The page number is drawn in the margin box first, so it leads the page's text.)
    const body = (page: string) => page.replace(/第\d+页共\d+页/, '');
    expect(body(pages[3]!)).toMatch(/^2024年度项目支出绩效自评表/);
    expect(body(pages[4]!)).toMatch(/^2024年度项目支出绩效自评表/);
    expect(pages[3]).not.toContain('基层商会建设专项');

    const c = pages[0]!;
    expect(c).toContain('单位名称株洲市渌口区工商业联合会');
    expect(c).toContain('预算编码212001');
    expect(c).toContain('评价年度2024年度');
    expect(c).toContain('评价方式单位自评');
    expect(c).toContain('报告日期2025年5月20日');
    expect(c).toContain('单位负责人意见同意报送签字：单位负责人（演示）日期：2025年5月20日');
    expect(c).toContain('财政部门审核意见审核通过签字：审核人（演示）日期：2025年6月3日');

    const p1 = pages[3]!;
    expect(p1).toContain('主管部门株洲市渌口区工商业联合会实施单位株洲市渌口区工商业联合会');
    expect(p1).toMatch(/年度资金总额121211\.51095\.83%9\.58/);
    expect(p1).toMatch(/其中：当年财政拨款121211\.5——————/);
    expect(p1).toContain('产出指标（40分）');
    expect(p1).toMatch(/引进项目数≥3个2个2013\.33原因/);
    expect(p1).toMatch(/总分10092\.91/);
    expect(p1).toContain('单位负责人签字：单位负责人（演示）');
    expect(pages[4]).toMatch(/上年结转资金222——————/);
    expect(pages.slice(order[5]).join('')).toContain('附件：1.2024年度部门（单位）整体支出绩效评价基础数据表2.2024年度部门（单位）整体支出绩效自评表3.2024年度项目支出绩效自评表（2份）');
  }, 120_000);

  it('prints the bureau’s box empty while the package is not approved', async () => {
    const { pages } = await render(false, 'signed');
    if (!poppler) return;
    expect(pages[0]).toContain('财政部门审核意见签字：日期：');
    expect(pages[0]).not.toContain('审核通过');
  }, 120_000);
});
