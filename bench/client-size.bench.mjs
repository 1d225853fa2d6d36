/**
 * How much JavaScript the filler's workspace makes a browser download before it can render,
 * gzipped, against the login page's in the same build (the baseline every user pays).
 * Builds nothing: run `cd client && npx vite build` first (vite.config.ts writes the manifest),
 * then: node bench/client-size.bench.mjs
 *
 * A route's initial JS = the entry chunk of dist/index.html and its static imports, plus the
 * route's own chunk(s) and their static imports (dynamic imports load later, so they are not
 * counted). The filler route is /packages/:id: PackageRouteView plus FillerWorkspaceView,
 * which PackageRouteView picks for a FILLER. Each file counts once; sizes are gzip level 9.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'client', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`No ${manifestPath}: build the client first (cd client && npx vite build).`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const html = readFileSync(join(dist, 'index.html'), 'utf8');

const ROUTES = {
  login: ['src/features/common/views/LoginView.vue'],
  filler: ['src/features/common/views/PackageRouteView.vue', 'src/features/filler/views/FillerWorkspaceView.vue'],
};

// The entry as the browser sees it: the module script of index.html, checked against the manifest.
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const htmlEntry = /<script type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
if (!entryKey || manifest[entryKey].file !== htmlEntry) {
  console.error(`index.html loads ${htmlEntry}, the manifest's entry is ${entryKey && manifest[entryKey].file}: rebuild the client.`);
  process.exit(1);
}
const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\/?([^"]+)"/g)].map((m) => m[1]);

/** The chunk files a set of manifest keys loads before running: themselves and static imports, transitively. */
function staticClosure(keys) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the manifest (was the route renamed?)`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const imp of chunk.imports ?? []) visit(imp);
  };
  keys.forEach(visit);
  return files;
}

const gzCache = new Map();
function sizes(file) {
  if (!gzCache.has(file)) {
    const raw = readFileSync(join(dist, file));
    gzCache.set(file, { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length });
  }
  return gzCache.get(file);
}

function measure(routeKeys) {
  const files = staticClosure([entryKey, ...routeKeys]);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const s = sizes(f);
    raw += s.raw;
    gzip += s.gzip;
  }
  return { files: [...files], raw, gzip };
}

const entry = measure([]);
const missingPreloads = [...staticClosure([entryKey])].filter((f) => f !== htmlEntry && !preloaded.includes(f));
const results = Object.fromEntries(Object.entries(ROUTES).map(([name, keys]) => [name, measure(keys)]));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

console.log('Client initial JavaScript by route (gzip level 9; client/dist)');
console.log(`  ${'route'.padEnd(28)}${'chunks'.padStart(7)}${'raw'.padStart(12)}${'gzip'.padStart(12)}`);
const row = (label, r) => console.log(`  ${label.padEnd(28)}${String(r.files.length).padStart(7)}${kb(r.raw).padStart(12)}${kb(r.gzip).padStart(12)}`);
row('entry (index.html)', entry);
row('login /login (baseline)', results.login);
row('filler /packages/:id', results.filler);
const ratio = results.filler.gzip / results.login.gzip;
console.log(`\n  filler ÷ login (gzip): ${ratio.toFixed(2)}×   filler − login: ${kb(results.filler.gzip - results.login.gzip)}`);

const extra = results.filler.files.filter((f) => !results.login.files.includes(f)).map((f) => ({ f, ...sizes(f) }));
extra.sort((a, b) => b.gzip - a.gzip);
console.log('\n  largest chunks the filler route adds over login:');
for (const e of extra.slice(0, 8)) console.log(`    ${e.f.padEnd(48)}${kb(e.gzip).padStart(10)}`);
if (missingPreloads.length) console.log(`\n  note: static imports of the entry not preloaded by index.html: ${missingPreloads.join(', ')}`);
