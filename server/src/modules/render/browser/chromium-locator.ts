import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/** A Chromium the renderer can launch, with what its process needs in its environment. */
export interface ChromiumInstall {
  executablePath: string;
  source: 'config' | 'system' | 'npm';
  /** Extra environment for the browser process (LD_LIBRARY_PATH for the npm build). */
  env: Record<string, string>;
}

export type LocateResult = { ok: true; install: ChromiumInstall } | { ok: false; reason: string };

/**
 * Headless shells first: the full browser's print path costs ~0.2 s per printToPDF even for a
 * one-line page (Debian's Chromium 156: 4–5× the npm shell per package), and Debian's own
 * headless shell, built without the official build's optimisations, still ~2.5×
 * (bench/chromium-launch.bench.mjs).
 */
const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium-headless-shell',
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];
const PATH_NAMES = ['chromium-headless-shell', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** CHROMIUM_PATH values that ask for the npm build (the default). */
const NPM_ALIASES = new Set(['npm', 'bundled', '@sparticuz/chromium']);
/** CHROMIUM_PATH values that ask for an installed browser rather than the npm build. */
const SYSTEM_ALIASES = new Set(['system']);

function systemChromium(): ChromiumInstall | null {
  for (const path of SYSTEM_CANDIDATES) if (executable(path)) return { executablePath: path, source: 'system', env: {} };
  for (const name of PATH_NAMES) {
    const path = onPath(name);
    if (path) return { executablePath: path, source: 'system', env: {} };
  }
  return null;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * CHROMIUM_PATH first (a path, `npm` or `system`); by default the official headless shell
 * shipped in @sparticuz/chromium (the fastest printer, and no apt step on a fresh machine),
 * then an installed browser, headless shells before full browsers.
 */
export function locateChromium(configured: string | null, options: { allowSystem?: boolean; allowNpm?: boolean } = {}): LocateResult {
  if (configured && !NPM_ALIASES.has(configured) && !SYSTEM_ALIASES.has(configured)) {
    if (executable(configured)) return { ok: true, install: { executablePath: configured, source: 'config', env: {} } };
    return { ok: false, reason: `CHROMIUM_PATH 指向的浏览器不存在或不可执行：${configured}` };
  }
  const allowSystem = options.allowSystem !== false && !NPM_ALIASES.has(configured ?? '');
  const allowNpm = options.allowNpm !== false && !SYSTEM_ALIASES.has(configured ?? '');
  let npmFailure: string | null = null;
  if (allowNpm) {
    try {
      return { ok: true, install: extractNpmChromium() };
    } catch (err) {
      npmFailure = err instanceof Error ? err.message : String(err);
    }
  }
  const system = allowSystem ? systemChromium() : null;
  if (system) return { ok: true, install: system };
  if (npmFailure) return { ok: false, reason: `未找到 Chromium 浏览器，且无法解压 @sparticuz/chromium：${npmFailure}` };
  return { ok: false, reason: '未找到 Chromium 浏览器（未设置 CHROMIUM_PATH，系统中也没有安装）' };
}

/** The bin folder of @sparticuz/chromium (its brotli archives). */
function npmChromiumBin(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@sparticuz/chromium');
  let root = dirname(entry);
  while (!existsSync(join(root, 'package.json')) || !existsSync(join(root, 'bin'))) {
    const up = dirname(root);
    if (up === root) throw new Error('找不到 @sparticuz/chromium 的 bin 目录');
    root = up;
  }
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  return { dir: join(root, 'bin'), version };
}

/**
 * Unpacks the npm build once per machine into a private folder: the headless shell from
 * chromium.br and, outside AWS Lambda, the NSS/NSPR/expat libraries it links against from
 * al2023.tar.br (put on LD_LIBRARY_PATH of the browser process only).
 */
export function extractNpmChromium(cacheRoot = tmpdir()): ChromiumInstall {
  const { dir, version } = npmChromiumBin();
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const target = resolve(cacheRoot, `zipin-chromium-${version}-${uid}`);
  const binary = join(target, 'chromium');
  const libDir = join(target, 'lib');
  if (!existsSync(join(target, '.complete'))) {
    // Unpack beside the target and rename, so two processes starting at once never see half a file.
    const staging = `${target}.${process.pid}.${Date.now()}`;
    mkdirSync(join(staging, 'lib'), { recursive: true });
    writeFileSync(join(staging, 'chromium'), brotliDecompressSync(readFileSync(join(dir, 'chromium.br'))));
    chmodSync(join(staging, 'chromium'), 0o755);
    extractTar(brotliDecompressSync(readFileSync(join(dir, 'al2023.tar.br'))), staging);
    writeFileSync(join(staging, '.complete'), version);
    try {
      renameSync(staging, target);
    } catch {
      // Another process won the race; its copy is as good as ours.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(join(target, '.complete'))) throw new Error(`无法写入 ${target}`);
    }
  }
  return {
    executablePath: binary,
    source: 'npm',
    env: { LD_LIBRARY_PATH: [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') },
  };
}

/** Regular files of a ustar archive (all al2023.tar holds); refuses paths leaving `into`. */
function extractTar(archive: Buffer, into: string): void {
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156]!);
    const body = archive.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type !== '0' && type !== '\0') continue;
    const path = resolve(into, name);
    if (!path.startsWith(resolve(into) + '/')) throw new Error(`archive entry outside the target: ${name}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body, { mode: 0o644 });
  }
}

/** The browser's version line, for logs and the bench ("Chromium 156.0…"). */
export function chromiumVersion(install: ChromiumInstall): string {
  const out = spawnSync(install.executablePath, ['--version'], { env: { ...process.env, ...install.env }, encoding: 'utf8', timeout: 10_000 });
  return (out.stdout || out.stderr || '').trim().split('\n').pop() ?? '';
}
