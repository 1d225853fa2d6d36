#!/usr/bin/env node
/**
 * Bundles the compiled server (dist/, as tsc emits it, decorator metadata included) into one
 * file per process: dist/bundle/api.mjs (what `npm start` and the image run) and
 * dist/bundle/worker.mjs. A start then reads and compiles one file instead of resolving and
 * loading ~2,500 modules one by one, most of the start-up's time (bench/startup.bench.mjs).
 *
 *   node scripts/bundle.mjs [serverDir]
 *
 * serverDir (default: this package) is where dist/ and node_modules/ are: the image bundles
 * its deployed copy, so the paths written into the bundle are the ones it runs with.
 *
 * What stays outside, loaded from node_modules when first used: native addons, the libraries
 * only some deployments or a first use need (so an embedded start still never loads them), and
 * optional packages that are not installed (Nest and TypeORM probe for them and carry on).
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const outdir = join(serverDir, 'dist', 'bundle');

const EXTERNAL = [
  // native addons
  'better-sqlite3',
  'argon2',
  // loaded on first use, or only with DATABASE_URL / REDIS_URL / S3 / SMTP / SSO configured
  'mysql2',
  'ioredis',
  'bullmq',
  'graphql-redis-subscriptions',
  '@aws-sdk/*',
  'nodemailer',
  'openid-client',
  'file-type',
  'playwright-core',
  '@sparticuz/chromium',
  'exceljs',
  '@zxcvbn-ts/*',
  'pino-pretty',
  // one copy for every chunk (it extends the global Reflect)
  'reflect-metadata',
];

/** An optional package that is not installed stays a runtime import, which fails as it would unbundled. */
const optionalPackages = {
  name: 'optional-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'probe') return undefined;
      const found = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'probe' });
      return found.errors.length ? { path: args.path, external: true } : found;
    });
  },
};

/**
 * Each module keeps the location it has unbundled: `import.meta.url`, `__filename` and
 * `__dirname` become its own file's, relative to the bundle. Libraries resolve their own
 * dependencies from there (createRequire(import.meta.url), as pnpm's layout needs) and find
 * their files (the server's fonts and client folder, pino's worker).
 */
const ownLocation = {
  name: 'own-location',
  setup(b) {
    b.onLoad({ filter: /\.(m?js|cjs)$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const usesUrl = source.includes('import.meta.url');
      const usesDir = /\b__(dirname|filename)\b/.test(source);
      if (!usesUrl && !usesDir) return undefined;
      const url = `new URL(${JSON.stringify(relative(outdir, args.path).split('\\').join('/'))}, __bundleUrl).href`;
      let contents = usesUrl ? source.replaceAll('import.meta.url', url) : source;
      // A module that declares these names itself (an ES module deriving them from
      // import.meta.url) keeps its own; any other use is CommonJS's, or would fail unbundled too.
      if (usesDir && !/\b(?:const|let|var|function|class)\s+__(?:dirname|filename)\b|\bimport\s*\{[^}]*\b__(?:dirname|filename)\b/.test(source)) {
        contents = `var __filename = __bundleFileURLToPath(${url}); var __dirname = __bundleDirname(__filename);\n${contents}`;
      }
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

const BANNER = [
  // Before any chunk's own code: the decorators of every chunk read Reflect's metadata, and
  // chunks are not evaluated in the order of the modules' own imports.
  "import 'reflect-metadata';",
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bundleFileURLToPath } from 'node:url';",
  "import { dirname as __bundleDirname } from 'node:path';",
  'const __bundleUrl = import.meta.url;',
  'const require = __bundleCreateRequire(import.meta.url);',
].join('\n');

/** Each process's entry: the function its file runs when started directly. */
const ENTRIES = {
  api: "import { runApi } from './main.js';\nawait runApi();\n",
  worker: "import { runWorker } from './worker.js';\nawait runWorker();\n",
};
const entries = {
  name: 'entries',
  setup(b) {
    b.onResolve({ filter: /^zipin-entry:/ }, (args) => ({ path: args.path.slice('zipin-entry:'.length), namespace: 'zipin-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'zipin-entry' }, (args) => ({ contents: ENTRIES[args.path], resolveDir: join(serverDir, 'dist'), loader: 'js' }));
  },
};

// Chunk names carry a hash: an earlier build's chunks would stay beside the new ones.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: Object.fromEntries(Object.keys(ENTRIES).map((name) => [name, `zipin-entry:${name}`])),
  outdir,
  // What the server imports lazily (the BullMQ jobs, the Redis buses) stays in chunks of its own,
  // loaded when first imported, with the libraries they import. Chunks sit beside the entries, so
  // every file's paths are computed from the same folder.
  splitting: true,
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Nest and the code-first schema read class names (GraphQL type names, provider tokens).
  keepNames: true,
  // Linked maps back to the TypeScript (through tsc's maps): Node reads them only when started
  // with --enable-source-maps, so a start does not pay for them; a stack trace then names src/*.ts.
  sourcemap: 'linked',
  external: EXTERNAL,
  plugins: [entries, optionalPackages, ownLocation],
  banner: { js: BANNER },
  logLevel: 'warning',
  logOverride: { 'require-resolve-not-external': 'silent', 'commonjs-variable-in-esm': 'silent' },
});
