import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CI = process.env.CI === 'true' || process.env.CI === '1';

/** poppler-utils (pdftotext, pdftoppm, pdffonts) when installed; in CI their absence is a failure. */
export function popplerAvailable(): boolean {
  const ok = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;
  if (!ok) {
    if (CI) throw new Error('pdftotext (poppler-utils) is required in CI');
    console.warn('pdftotext not installed (apt-get install poppler-utils): skipping the PDF text checks');
  }
  return ok;
}

function withFile<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'zipin-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of every page in drawing order (a cell's lines stay together); pages split on form feeds. */
export function pdfPagesText(pdf: Buffer): string[] {
  return withFile(pdf, (file) => {
    const out = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`);
    return out.stdout.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
  });
}

/** Text inside a box of one page (1-based), in PDF points from the page's top left corner. */
export function pdfBoxText(pdf: Buffer, page: number, box: { x: number; y: number; width: number; height: number }): string {
  return withFile(pdf, (file) => {
    const args = ['-f', String(page), '-l', String(page), '-r', '72', '-x', String(box.x), '-y', String(box.y), '-W', String(box.width), '-H', String(box.height)];
    const out = spawnSync('pdftotext', [...args, '-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr}`);
    return out.stdout.replace(/\f/g, '');
  });
}

/** Font names embedded in the PDF (pdffonts). */
export function pdfFonts(pdf: Buffer): { name: string; type: string; embedded: boolean }[] {
  return withFile(pdf, (file) => {
    const out = spawnSync('pdffonts', [file], { encoding: 'utf8' });
    return out.stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(l.trim());
        return { name: m?.[1] ?? l.trim(), type: m?.[2] ?? '', embedded: m?.[4] === 'yes' };
      });
  });
}

/** Page images (PNG at `dpi`), for looking at; written under `dir`. */
export function pdfToPngs(pdf: Buffer, dir: string, dpi = 70): string[] {
  writeFileSync(join(dir, 'doc.pdf'), pdf);
  spawnSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'doc.pdf'), join(dir, 'page')]);
  return readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => join(dir, f));
}
