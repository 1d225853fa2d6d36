import { BrowserPool } from '../../src/modules/render/browser/browser-pool.js';
import { packageHtml } from '../../src/modules/render/templates/package-document.js';
import { pdfPagesText, popplerAvailable } from './pdf-tools.js';
import { seedRenderModel } from './seed-model.js';

/**
 * A reused page keeps the loaded stylesheet and swaps only the body: what it prints for a
 * package must be what a freshly loaded page prints for it, whatever was printed before.
 */
describe('a reused print page', () => {
  const first = seedRenderModel();
  const second = seedRenderModel();
  second.context = { ...second.context, unitName: '株洲市渌口区另一个单位 & <测试>' };
  const squash = (pages: string[]) => pages.map((p) => p.replace(/\s+/g, ''));

  it('prints the second package as a fresh page does, title included', async () => {
    if (!popplerAvailable()) return;
    const reused = new BrowserPool({ chromiumPath: process.env.CHROMIUM_PATH ?? 'npm', pages: 1 });
    const fresh = new BrowserPool({ chromiumPath: process.env.CHROMIUM_PATH ?? 'npm', pages: 1, recycleAfter: 1 });
    try {
      const a = await reused.pdf(packageHtml(first));
      const b = await reused.pdf(packageHtml(second));
      const expected = await fresh.pdf(packageHtml(second));
      expect(squash(pdfPagesText(b))).toEqual(squash(pdfPagesText(expected)));
      expect(squash(pdfPagesText(b))).not.toEqual(squash(pdfPagesText(a)));
      expect(pdfPagesText(b).join('')).toContain('另一个单位 & <测试>');
      // The document title (the PDF's /Title) follows the package, decoded as a fresh load does.
      const title = (pdf: Buffer) => /\/Title\s*(\([^)]*\)|<[0-9A-Fa-f]+>)/.exec(pdf.toString('latin1'))?.[1];
      expect(title(b)).toEqual(title(expected));
      expect(title(b)).not.toEqual(title(a));
    } finally {
      await reused.close();
      await fresh.close();
    }
  }, 120_000);
});
