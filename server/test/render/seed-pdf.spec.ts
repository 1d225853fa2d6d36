import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_2024_LUKOU_GSL } from '@zipin/shared';
import { BrowserPool, pdfPageCount } from '../../src/modules/render/browser/browser-pool.js';
import { packageHtml } from '../../src/modules/render/templates/package-document.js';
import { pdfBoxText, pdfFonts, pdfPagesText, pdfToPngs, popplerAvailable } from './pdf-tools.js';
import { seedRenderModel } from './seed-model.js';

/**
 * The seed package printed through Chromium, checked through poppler. The page images are
 * written to $ZIPIN_RENDER_OUT (default: a temp folder) for a person to look at.
 */
describe('the seed package as a PDF', () => {
  const pool = new BrowserPool({ chromiumPath: process.env.CHROMIUM_PATH ?? 'npm' });
  let pdf: Buffer;
  let pages: string[] = [];
  const poppler = popplerAvailable();
  const squash = (s: string) => s.replace(/\s+/g, '');

  beforeAll(async () => {
    pdf = await pool.pdf(packageHtml(seedRenderModel()));
    if (poppler) pages = pdfPagesText(pdf);
    const out = process.env.ZIPIN_RENDER_OUT ?? join(tmpdir(), 'zipin-seed-render');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'seed.pdf'), pdf);
    if (poppler) pdfToPngs(pdf, out);
  }, 120_000);

  afterAll(() => pool.close());

  it('prints the cover, the two tables on a page each and the report after them, on A4', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(5);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 594\.9\d* 841\.9\d*\]/);
  });

  it('numbers every page as 第 X 页 共 Y 页', () => {
    if (!poppler) return;
    expect(pages).toHaveLength(5);
    pages.forEach((text, i) => expect(squash(text)).toContain(`第${i + 1}页共5页`));
  });

  it('prints the page number once per page, centred in the bottom margin, in the document font', () => {
    if (!poppler) return;
    // A4 is 595 × 842 pt; the bottom margin is 16 mm (45 pt). The number sits about 5 mm above
    // the page's edge, across its middle third.
    const margin = { x: 198, y: 797, width: 199, height: 45 };
    for (let page = 1; page <= 5; page++) {
      expect(pdfBoxText(pdf, page, margin).trim()).toBe(`第 ${page} 页 共 5 页`);
      expect(squash(pdfBoxText(pdf, page, { x: 0, y: 0, width: 595, height: 797 }))).not.toMatch(/第\d+页共\d+页/);
    }
    // No font of its own: the footer prints in the embedded Noto Sans SC cut like the rest.
    expect(pdfFonts(pdf).map((f) => f.name.replace(/^[A-Z]+\+/, '')).sort()).toEqual(['NotoSansSCPrint-Bold', 'NotoSansSCPrint-Regular']);
  });

  it('prints the 封面 first, the bureau’s box empty while the seed is only signed', () => {
    if (!poppler) return;
    const cover = squash(pages[0]!);
    expect(cover).toContain('2024年度部门（单位）整体支出绩效自评材料单位名称株洲市渌口区工商业联合会预算编码LK-GSL评价年度2024年度评价方式单位自评报告日期2025年5月20日');
    expect(cover).toContain('单位负责人意见同意报送签字：单位负责人（演示）日期：2025年5月20日');
    expect(cover).toContain('财政部门审核意见签字：日期：');
    expect(cover).not.toContain('审核通过');
  });

  it('fills the basic data table with the campaign labels and the computed cells', () => {
    if (!poppler) return;
    const p1 = squash(pages[1]!);
    expect(p1).toContain('2024年度部门（单位）整体支出绩效评价基础数据表');
    expect(p1).toContain('2024年实际在职人数');
    expect(p1).toMatch(/57140%/); // 编制 5, 在职 7, 控制率 computed
    expect(p1).toContain('2023年决算数');
    expect(p1).toMatch(/三公经费0\.320\.3150\.314/); // the total is computed from 公务接待
    expect(p1).toMatch(/公用经费30\.9930\.79843\.43/);
    expect(p1).toMatch(/政府采购金额——8\.48\.4/);
    expect(p1).toContain('（2024年完工项目）'); // the seed typed 2023 by hand
    expect(p1).not.toContain('2023年完工项目');
    expect(p1).toContain('单位负责人签字：单位负责人（演示）');
    expect(p1).toContain('填报日期：2025.5.19');
  });

  it('fills the self-evaluation table with merged level cells, the execution rate and the total', () => {
    if (!poppler) return;
    const p2 = squash(pages[2]!);
    expect(p2).toContain('2024年度部门（单位）整体支出绩效自评表');
    expect(p2).toContain('区级预算部门（单位）名称株洲市渌口区工商业联合会'); // not 市级
    expect(p2).toMatch(/年度资金总额131\.81150\.31150\.3110100%10/);
    expect(p2).toContain('产出指标（40分）');
    expect(p2).toContain('成本指标（20分）');
    expect(p2).toMatch(/总分10097/);
    // The seed's "≧85%" is a point value of 85 % once structured.
    expect(p2).toMatch(/≥90%85%109/);
    expect(p2.match(/第3页共5页/g)).toHaveLength(1);
  });

  it('numbers the report chapters itself, 一 to 十, with the figures bound to the tables', () => {
    if (!poppler) return;
    const report = squash(pages.slice(3).join(''));
    const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let at = 0;
    for (const n of numerals) {
      const i = report.indexOf(`${n}、`, at);
      expect(i).toBeGreaterThanOrEqual(at);
      at = i + 1;
    }
    expect(report).toContain('七、存在的问题及原因分析');
    expect(report).toContain('十、其他需要说明的情况');
    expect(report).toContain('占总支出的67.38%');
    expect(report).toContain('附件：1.2024年度部门（单位）整体支出绩效评价基础数据表');
  });

  it('embeds the shipped Noto Sans SC as TrueType subsets, never Type 3', () => {
    if (!poppler) return;
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.name).toMatch(/\+NotoSansSC(Print)?-(Regular|Bold)$/);
      expect(f.type).toContain('TrueType');
      expect(f.embedded).toBe(true);
    }
  });

  it('prints a character outside the common cut from the whole Noto Sans SC, in the same place', async () => {
    if (!poppler) return;
    // 堃 and 喆 are not in GB 2312 (so not in "Noto Sans SC Print"); names have them.
    const model = seedRenderModel();
    model.context = { ...model.context, unitName: '株洲市渌口区堃喆工商业联合会' };
    const out = await pool.pdf(packageHtml(model));
    expect(squash(pdfPagesText(out).join(''))).toContain('株洲市渌口区堃喆工商业联合会');
    const names = pdfFonts(out).map((f) => f.name.replace(/^[A-Z]+\+/, ''));
    expect(names).toEqual(expect.arrayContaining(['NotoSansSCPrint-Regular', 'NotoSansSC-Regular']));
    expect(pdfPageCount(out)).toBe(5);
  }, 60_000);

  it('prints a report containing markup as text', async () => {
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    doc.report.chapters.other.text = '<script>document.title="x"</script><b>粗体</b>';
    doc.basicData.austerityMeasures = '<img src=x onerror=alert(1)>';
    const html = packageHtml(seedRenderModel({ document: doc }));
    expect(html).not.toContain('<script>document');
    expect(html).toContain('&lt;script&gt;document.title=&quot;x&quot;&lt;/script&gt;&lt;b&gt;粗体&lt;/b&gt;');
    expect(html).not.toContain('<img src=x');
    if (!poppler) return;
    const out = await pool.pdf(html);
    expect(squash(pdfPagesText(out).join(''))).toContain('<script>document.title="x"</script><b>粗体</b>');
  }, 60_000);
});
