#!/usr/bin/env node
// PDF rendering throughput of the seed package (4 A4 pages) through the production renderer.
//
//   node bench/render.bench.mjs [--chromium npm|system|/path/to/chrome] [--jobs 40]
//
// Prints warm ms per package and packages/s with 2 workers (2 pages of one warm browser, as
// each worker process runs), against the baseline of a new browser context per job, measured
// in the same run. Runs the server's TypeScript sources directly (no build step) through
// server/test/publication/support/ts-loader.mjs.
import { createRequire, register } from 'node:module';
import { performance } from 'node:perf_hooks';

register('../server/test/publication/support/ts-loader.mjs', import.meta.url);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const chromiumArg = opt('chromium', process.env.CHROMIUM_PATH ?? 'npm');
const JOBS = Number(opt('jobs', 40));

const { BrowserPool, CHROMIUM_FLAGS, pdfPageCount } = await import('../server/src/modules/render/browser/browser-pool.ts');
const { locateChromium, chromiumVersion } = await import('../server/src/modules/render/browser/chromium-locator.ts');
const { writeFontConfig } = await import('../server/src/modules/render/browser/font-config.ts');
const { packageHtml } = await import('../server/src/modules/render/templates/package-document.ts');
const { seedRenderModel } = await import('../server/test/render/seed-model.ts');
// playwright-core is the server's dependency, not the bench's.
const { chromium } = createRequire(new URL('../server/package.json', import.meta.url))('playwright-core');

const chromiumPath = chromiumArg === 'system' ? null : chromiumArg;
const found = locateChromium(chromiumPath, { allowNpm: chromiumArg !== 'system' });
if (!found.ok) {
  console.error(found.reason);
  process.exit(1);
}
const html = packageHtml(seedRenderModel());
const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], mean: s.reduce((a, b) => a + b, 0) / s.length, p90: s[Math.ceil(s.length * 0.9) - 1] };
};

/** Runs `jobs` renders over `lanes` concurrent lanes; returns per-job ms and packages/s. */
async function run(lanes, jobs, renderOne) {
  const times = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < jobs) {
        next++;
        const t = performance.now();
        await renderOne();
        times.push(performance.now() - t);
      }
    }),
  );
  return { times, perSecond: jobs / ((performance.now() - started) / 1000) };
}

console.log(`seed package, ${JOBS} jobs per measurement; ${found.install.source} ${chromiumVersion(found.install)} (${found.install.executablePath})`);

// The production way: one warm browser, a pool of 2 reused pages.
const pool = new BrowserPool({ chromiumPath: found.install.source === 'npm' ? 'npm' : found.install.executablePath, pages: 2 });
let pages = 0;
for (let i = 0; i < 3; i++) pages = pdfPageCount(await pool.pdf(html)); // warm-up
const pooledSerial = await run(1, JOBS / 2, () => pool.pdf(html));
const pooled = await run(2, JOBS, () => pool.pdf(html));
await pool.close();

// Baseline: the same warm browser, but a new context (and page) for every job.
const fonts = writeFontConfig();
const browser = await chromium.launch({
  executablePath: found.install.executablePath,
  headless: true,
  args: CHROMIUM_FLAGS,
  env: { ...process.env, ...found.install.env, FONTCONFIG_FILE: fonts.file },
});
const fresh = async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await context.close();
  }
};
for (let i = 0; i < 2; i++) await fresh();
const freshSerial = await run(1, JOBS / 2, fresh);
const freshPar = await run(2, JOBS, fresh);
await browser.close();

const a = stats(pooledSerial.times);
const b = stats(freshSerial.times);
const f = (n) => n.toFixed(1);
console.log(`pages per PDF: ${pages}`);
console.log(`warm reused page       : ${f(a.median)} ms/package (mean ${f(a.mean)}, p90 ${f(a.p90)}); 2 workers ${f(pooled.perSecond)} packages/s`);
console.log(`new context per job    : ${f(b.median)} ms/package (mean ${f(b.mean)}, p90 ${f(b.p90)}); 2 workers ${f(freshPar.perSecond)} packages/s`);
console.log(`ratio (reused ÷ baseline): latency ×${f(a.median / b.median)}, throughput ×${f(pooled.perSecond / freshPar.perSecond)}`);
