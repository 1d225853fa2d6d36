// Lets a plain `node` child process run the server's TypeScript sources, as Jest does (swc,
// legacy decorators with metadata, `.js` specifiers mapped to `.ts`, @zipin/shared to its
// sources): `node --import ./ts-register.mjs worker-child.ts`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const SHARED = pathToFileURL(fileURLToPath(new URL('../../../../shared/src/index.ts', import.meta.url))).href;

export async function resolve(specifier, context, next) {
  if (specifier === '@zipin/shared') return { url: SHARED, shortCircuit: true };
  if ((specifier.startsWith('.') || specifier.startsWith('file:')) && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
    const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = readFileSync(fileURLToPath(url), 'utf8');
  const out = swc.transformSync(source, {
    filename: fileURLToPath(url),
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  });
  return { format: 'module', source: out.code, shortCircuit: true };
}
