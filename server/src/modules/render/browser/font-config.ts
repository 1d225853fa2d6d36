import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PRINT_FONT_FILES = ['NotoSansSCPrint_400Regular.ttf', 'NotoSansSCPrint_700Bold.ttf', 'NotoSansSC_400Regular.ttf', 'NotoSansSC_700Bold.ttf'];

/** server/assets/fonts, from src/ and dist/ alike. */
export function fontsDir(): string {
  return resolve(fileURLToPath(new URL('../../../../assets/fonts', import.meta.url)));
}

/**
 * A private fontconfig that knows only the shipped Noto Sans SC (TrueType, so Chromium embeds
 * subset fonts rather than ~170 Type 3 fonts from the system's CFF CJK fonts). Every generic
 * family maps to it, so the PDF looks the same on every machine: first to its cut
 * "Noto Sans SC Print" (the common characters, which Chromium subsets into each PDF far faster
 * than from the whole font; scripts/print-fonts.py), then to the whole font for the rest.
 */
export function writeFontConfig(): { file: string; dir: string } {
  const fonts = fontsDir();
  for (const file of PRINT_FONT_FILES) if (!existsSync(join(fonts, file))) throw new Error(`字体文件缺失：${join(fonts, file)}`);
  const dir = mkdtempSync(join(tmpdir(), 'zipin-fontconfig-'));
  mkdirSync(join(dir, 'cache'), { recursive: true });
  const alias = (family: string) => `  <alias binding="same"><family>${family}</family><prefer><family>Noto Sans SC Print</family><family>Noto Sans SC</family></prefer></alias>\n`;
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${fonts}</dir>
  <cachedir>${join(dir, 'cache')}</cachedir>
${['sans-serif', 'serif', 'monospace', 'system-ui', 'SimSun', 'SimHei', 'Microsoft YaHei', 'PingFang SC'].map(alias).join('')}</fontconfig>
`,
  );
  return { file, dir };
}
