#!/usr/bin/env node
// Why one Chromium prints slower than another: the seed package (4 A4 pages) printed on one warm
// reused page by each launch variant, the variants taking turns round by round in the same run
// (so the machine's load falls on all of them alike). The baseline is the npm build
// (@sparticuz/chromium's headless shell) with the renderer's flags.
//
//   node bench/chromium-launch.bench.mjs [--rounds 6] [--per-round 5]
import { createRequire, register } from 'node:module';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

register('../server/test/publication/support/ts-loader.mjs', import.meta.url);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = opt('rounds', 6);
const PER_ROUND = opt('per-round', 5);

const { CHROMIUM_FLAGS } = await import('../server/src/modules/render/browser/browser-pool.ts');
const { locateChromium, chromiumVersion } = await import('../server/src/modules/render/browser/chromium-locator.ts');
const { writeFontConfig } = await import('../server/src/modules/render/browser/font-config.ts');
const { packageHtml } = await import('../server/src/modules/render/templates/package-document.ts');
const { seedRenderModel } = await import('../server/test/render/seed-model.ts');
const { chromium } = createRequire(new URL('../server/package.json', import.meta.url))('playwright-core');

const npm = locateChromium('npm');
if (!npm.ok) throw new Error(npm.reason);
const html = packageHtml(seedRenderModel());
const fonts = writeFontConfig();
const without = (flags, ...drop) => flags.filter((f) => !drop.includes(f));

const SYSTEM_WRAPPER = '/usr/bin/chromium';
// Debian's /usr/bin/chromium is a shell script adding /etc/chromium.d flags (GPU rasterization,
// extensions) before it execs the real binary.
const SYSTEM_BINARY = '/usr/lib/chromium/chromium';
const SYSTEM_SHELL = '/usr/bin/chromium-headless-shell';
const variants = [
  { name: 'npm headless shell, renderer flags', exe: npm.install.executablePath, env: npm.install.env, flags: CHROMIUM_FLAGS },
  existsSync(SYSTEM_SHELL) && { name: 'Debian chromium-headless-shell', exe: SYSTEM_SHELL, env: {}, flags: CHROMIUM_FLAGS },
  existsSync(SYSTEM_WRAPPER) && { name: 'system wrapper script, renderer flags', exe: SYSTEM_WRAPPER, env: {}, flags: CHROMIUM_FLAGS },
  existsSync(SYSTEM_BINARY) && { name: 'system binary, renderer flags', exe: SYSTEM_BINARY, env: {}, flags: CHROMIUM_FLAGS },
  existsSync(SYSTEM_BINARY) && { name: 'system binary, --headless=new spelled out', exe: SYSTEM_BINARY, env: {}, flags: [...without(CHROMIUM_FLAGS, '--headless'), '--headless=new'] },
  existsSync(SYSTEM_BINARY) && { name: 'system binary, no GPU compositing/raster', exe: SYSTEM_BINARY, env: {}, flags: [...CHROMIUM_FLAGS, '--disable-gpu-compositing', '--disable-software-rasterizer', '--disable-gpu-rasterization'] },
  existsSync(SYSTEM_BINARY) && { name: 'system binary, GPU in process', exe: SYSTEM_BINARY, env: {}, flags: [...CHROMIUM_FLAGS, '--in-process-gpu'] },
  existsSync(SYSTEM_BINARY) && { name: 'system binary, --single-process', exe: SYSTEM_BINARY, env: {}, flags: [...CHROMIUM_FLAGS, '--single-process', '--no-zygote'] },
].filter(Boolean);

for (const v of variants) {
  v.browser = await chromium.launch({ executablePath: v.exe, headless: true, args: v.flags, env: { ...process.env, ...v.env, FONTCONFIG_FILE: fonts.file } });
  v.page = await (await v.browser.newContext({ javaScriptEnabled: false, offline: true })).newPage();
  v.version = v.browser.version();
  v.times = [];
  v.setContent = [];
}
const printOne = async (v) => {
  const t0 = performance.now();
  await v.page.setContent(html, { waitUntil: 'load' });
  const t1 = performance.now();
  await v.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  v.setContent.push(t1 - t0);
  v.times.push(performance.now() - t0);
};
for (const v of variants) for (let i = 0; i < 3; i++) await printOne(v); // warm-up
for (const v of variants) (v.times = []), (v.setContent = []);
for (let r = 0; r < ROUNDS; r++) for (const v of variants) for (let i = 0; i < PER_ROUND; i++) await printOne(v);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(variants[0].times);
console.log(`${ROUNDS} rounds × ${PER_ROUND} prints per variant, npm build ${chromiumVersion(npm.install)}`);
console.log(`${'variant'.padEnd(44)} ${'version'.padEnd(16)} ${'ms/pkg'.padStart(8)} ${'setContent'.padStart(10)} ${'× npm'.padStart(6)}`);
for (const v of variants) {
  console.log(`${v.name.padEnd(44)} ${v.version.padEnd(16)} ${median(v.times).toFixed(1).padStart(8)} ${median(v.setContent).toFixed(1).padStart(10)} ${(median(v.times) / base).toFixed(2).padStart(6)}`);
  await v.browser.close();
}
