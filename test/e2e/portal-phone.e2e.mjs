// The public portal as a citizen on a phone reads it: JavaScript off, 390 × 844. The demo
// publishes 司法局's package a few seconds after start; the list, the package page and the
// verification by upload must work without a script, never scroll sideways, and pass axe.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

export const name = 'the public portal works on a phone with JavaScript off, without sideways scrolling, and passes axe';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const DEMO_PUBLISHED = '司法局';

/** axe-core in an isolated script context: the page's own scripts stay off. */
async function axeViolations(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

async function sideways(page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

export async function run({ browser, baseUrl, shot, expect }) {
  const errors = [];
  for (const width of [390, 1440]) {
    // axe needs a script to run; the phone journey itself is checked first with scripts off.
    const noJs = await browser.newContext({ viewport: { width, height: 844 }, locale: 'zh-CN', javaScriptEnabled: false, acceptDownloads: true });
    const page = await noJs.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));

    // The demo's first publication may still be rendering: reload the list until it is there.
    const deadline = Date.now() + 60_000;
    let link;
    for (;;) {
      await page.goto(`${baseUrl}/portal`);
      link = page.locator('[data-testid^="portal-open-"]', { hasText: DEMO_PUBLISHED }).first();
      if (await link.count()) break;
      expect(Date.now() < deadline, 'the demo publication appears on the portal');
      await page.waitForTimeout(2000);
    }
    expect((await page.title()).includes('绩效自评公开'), 'the list page has a title');
    let w = await sideways(page);
    expect(w.scroll <= w.viewport, `the list does not scroll sideways at ${width} px (${w.scroll} > ${w.viewport})`);
    await shot(page, `list-${width}`);

    // Search with the form (a GET submit, no script).
    await page.locator('input[name="q"]').fill(DEMO_PUBLISHED);
    await page.locator('form[role="search"] button[type="submit"]').click();
    await page.waitForURL(/q=/);
    expect((await page.locator('[data-testid^="portal-open-"]').count()) === 1, 'the search finds exactly the one unit');

    await page.locator('[data-testid^="portal-open-"]').first().click();
    await page.locator('.package-doc table.form').first().waitFor();
    const packagePath = new URL(page.url()).pathname;
    const body = await page.locator('main').innerText();
    expect(body.includes('基础数据表') && body.includes('绩效自评表') && body.includes('部门基本情况'), 'the package page shows both forms and the report');
    expect((await page.locator('iframe').count()) === 0, 'the document is inline, not in a nested frame');
    w = await sideways(page);
    expect(w.scroll <= w.viewport, `the package page does not scroll sideways at ${width} px (${w.scroll} > ${w.viewport})`);
    await shot(page, `package-${width}`);

    // The PDF downloads from the page.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('portal-pdf').click()]);
    const pdfPath = await download.path();
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1') === '%PDF-', 'the download is a PDF');

    // Verification by upload: a plain form post.
    await page.goto(`${baseUrl}/portal/verify`);
    w = await sideways(page);
    expect(w.scroll <= w.viewport, `the verification page does not scroll sideways at ${width} px`);
    await page.getByTestId('verify-file').setInputFiles({ name: 'download.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('verify-button').click();
    const verdict = page.getByTestId('verify-result');
    await verdict.waitFor();
    expect((await verdict.getAttribute('data-valid')) === 'true', 'the downloaded PDF verifies');
    expect((await verdict.innerText()).includes(DEMO_PUBLISHED), 'the verdict names the unit');
    await shot(page, `verified-${width}`);
    await noJs.close();

    // Accessibility of every portal page at this width (axe needs scripts to run).
    // The pages forbid every script (CSP); the test's own axe script is let through.
    const withJs = await browser.newContext({ viewport: { width, height: 844 }, locale: 'zh-CN', bypassCSP: true });
    const a11y = await withJs.newPage();
    a11y.on('pageerror', (e) => errors.push(e.message));
    for (const path of ['/portal', packagePath, '/portal/verify', '/portal/p/00000000-0000-4000-8000-000000000000']) {
      await a11y.goto(`${baseUrl}${path}`);
      const violations = await axeViolations(a11y);
      expect(violations.length === 0, `axe: no serious or critical violations on ${path} at ${width} px: ${JSON.stringify(violations)}`);
    }
    await withJs.close();
  }
  expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
}
