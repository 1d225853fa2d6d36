import { rmSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DomainError } from '../../../common/domain-error.js';
import { locateChromium, type ChromiumInstall } from './chromium-locator.js';
import { writeFontConfig } from './font-config.js';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  // No compositor thread: a headless page still produces screen frames after each body swap,
  // rastering pages nobody sees. Without it a print costs ~27 % less CPU, pixel for pixel the
  // same PDF (bench/README.md, PDF render).
  '--disable-threaded-compositing',
];

export interface BrowserPoolOptions {
  chromiumPath: string | null;
  /** Pages kept warm (one per concurrent job). */
  pages?: number;
  /** A page is closed and replaced after this many renders (a reused page keeps growing). */
  recycleAfter?: number;
  /** For tests and the bench: where to look for a browser. */
  allowSystem?: boolean;
  allowNpm?: boolean;
}

interface PooledPage {
  page: Page;
  uses: number;
  /** The document head (styles) this page has loaded; the next document with the same head only swaps the body. */
  head: string | null;
}

/** A document split where a reused page can swap it: everything up to <body>, the body, and the title. */
export function splitDocument(html: string): { head: string; body: string; title: string } | null {
  const open = /<body[^>]*>/i.exec(html);
  const close = html.lastIndexOf('</body>');
  if (!open || close < open.index) return null;
  const head = html.slice(0, open.index + open[0].length);
  const title = /<title>([\s\S]*?)<\/title>/i.exec(head)?.[1] ?? '';
  return { head: head.replace(/<title>[\s\S]*?<\/title>/i, ''), body: html.slice(open.index + open[0].length, close), title };
}

/**
 * One warm Chromium per process, launched on the first render, with a small pool of reused
 * pages: a new browser context per job costs ~0.5 s, a reused page ~0.1 s.
 */
export class BrowserPool {
  private readonly logger = new Logger('Renderer');
  private browser: Browser | null = null;
  private context: BrowserContext | null = null;
  private launching: Promise<BrowserContext> | null = null;
  private fontConfig: { file: string; dir: string } | null = null;
  private idle: PooledPage[] = [];
  private waiters: ((p: PooledPage) => void)[] = [];
  private open = 0;
  private closed = false;
  install: ChromiumInstall | null = null;

  constructor(private readonly options: BrowserPoolOptions) {}

  /** For readiness: whether a browser can be found, and whether the one launched still answers. */
  status(): { ok: boolean; detail: string } {
    if (this.browser?.isConnected()) return { ok: true, detail: 'running' };
    // Not launched yet, or gone (the next render launches a new one): can one be started?
    const found = locateChromium(this.options.chromiumPath, { allowSystem: this.options.allowSystem, allowNpm: this.options.allowNpm });
    return found.ok ? { ok: true, detail: `found ${found.install.executablePath}` } : { ok: false, detail: found.reason };
  }

  private get size(): number {
    return Math.max(1, this.options.pages ?? 2);
  }

  /** Launches lazily; a missing browser is RENDER_UNAVAILABLE (the job retries later). */
  private async ensureContext(): Promise<BrowserContext> {
    if (this.context && this.browser?.isConnected()) return this.context;
    if (this.launching) return this.launching;
    this.launching = this.launch().finally(() => (this.launching = null));
    return this.launching;
  }

  private async launch(): Promise<BrowserContext> {
    this.resetPages();
    const found = locateChromium(this.options.chromiumPath, { allowSystem: this.options.allowSystem, allowNpm: this.options.allowNpm });
    if (!found.ok) throw new DomainError('RENDER_UNAVAILABLE', `PDF 生成服务暂不可用：${found.reason}。系统将稍后自动重试。`);
    this.install = found.install;
    this.fontConfig ??= writeFontConfig();
    try {
      // Loaded on the first render, not at start-up: most processes never print a PDF.
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: found.install.executablePath,
        headless: true,
        args: CHROMIUM_FLAGS,
        env: { ...process.env, ...found.install.env, FONTCONFIG_FILE: this.fontConfig.file } as Record<string, string>,
        timeout: 60_000,
        // Playwright would close the browser at the process's SIGTERM, under a running render;
        // the graceful shutdown lets renders finish and closes it itself (onApplicationShutdown).
        handleSIGTERM: false,
        handleSIGINT: false,
        handleSIGHUP: false,
      });
      browser.on('disconnected', () => {
        if (this.browser === browser) {
          this.browser = null;
          this.context = null;
          this.resetPages();
        }
      });
      this.browser = browser;
      this.context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      this.logger.log(`Chromium ready (${found.install.source}: ${found.install.executablePath})`);
      return this.context;
    } catch (err) {
      throw new DomainError('RENDER_UNAVAILABLE', `PDF 生成服务暂不可用：浏览器无法启动（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）。系统将稍后自动重试。`);
    }
  }

  private resetPages(): void {
    this.idle = [];
    this.open = 0;
  }

  private async acquire(): Promise<PooledPage> {
    const context = await this.ensureContext();
    const ready = this.idle.pop();
    if (ready) return ready;
    if (this.open < this.size) {
      this.open++;
      try {
        return { page: await context.newPage(), uses: 0, head: null };
      } catch (err) {
        this.open--;
        throw err;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async release(pooled: PooledPage, broken: boolean): Promise<void> {
    pooled.uses++;
    if (broken || pooled.uses >= (this.options.recycleAfter ?? 100) || this.closed) {
      await pooled.page.close().catch(() => undefined);
      this.open = Math.max(0, this.open - 1);
      const waiter = this.waiters.shift();
      if (waiter && !this.closed) {
        this.acquire().then(waiter, () => this.waiters.unshift(waiter));
      }
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(pooled);
    else this.idle.push(pooled);
  }

  /** Prints one HTML document to PDF on a pooled page (page size, margins and page numbers come from its @page rule). */
  async pdf(html: string): Promise<Buffer> {
    if (this.closed) throw new DomainError('RENDER_UNAVAILABLE', 'PDF 生成服务正在关闭，稍后将自动重试');
    const pooled = await this.acquire();
    let broken = false;
    try {
      await load(pooled, html);
      return await pooled.page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        margin: { top: '15mm', bottom: '16mm', left: '14mm', right: '14mm' },
      });
    } catch (err) {
      broken = true;
      if (!this.browser?.isConnected()) {
        throw new DomainError('RENDER_UNAVAILABLE', `PDF 生成服务暂不可用：浏览器已退出（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）。系统将稍后自动重试。`);
      }
      throw err;
    } finally {
      await this.release(pooled, broken);
    }
  }

  /** Warms the browser and every page (the bench measures warm renders). */
  async warm(): Promise<void> {
    await this.ensureContext();
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = null;
    this.context = null;
    this.resetPages();
    if (browser) await browser.close().catch(() => undefined);
    if (this.fontConfig) rmSync(this.fontConfig.dir, { recursive: true, force: true });
    this.fontConfig = null;
  }
}

/** What the body swap touches of the page's DOM (the server is compiled without the DOM types). */
interface PrintDocument {
  title: string;
  body: { innerHTML: string };
  images: ArrayLike<{ complete: boolean; onload: (() => void) | null; onerror: (() => void) | null }>;
  fonts: { ready: Promise<unknown> };
  createElement(tag: 'textarea'): { innerHTML: string; value: string };
}

/**
 * Puts a document on a pooled page. A page that has this document's head loaded (the same
 * stylesheet and fonts: every package prints with one) keeps it and only its title and body are
 * replaced, which spares parsing the styles and laying out the fonts again (~25 % of a print);
 * any other document is loaded whole. Images in the new body are waited for, as `load` would.
 */
async function load(pooled: PooledPage, html: string): Promise<void> {
  const parts = splitDocument(html);
  if (parts && pooled.head === parts.head) {
    await pooled.page.evaluate(
      async ([title, body]) => {
        const doc = (globalThis as unknown as { document: PrintDocument }).document;
        // The title comes as HTML (entities escaped), as it stood in the document.
        const decode = doc.createElement('textarea');
        decode.innerHTML = title;
        doc.title = decode.value;
        doc.body.innerHTML = body;
        const pending = Array.from(doc.images).filter((i) => !i.complete);
        await Promise.all(pending.map((i) => new Promise<void>((r) => ((i.onload = () => r()), (i.onerror = () => r())))));
        await doc.fonts.ready;
      },
      [parts.title, parts.body] as const,
    );
    return;
  }
  pooled.head = null;
  await pooled.page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
  pooled.head = parts?.head ?? null;
}

/** Page count of a Chromium PDF (its page objects are plain, not in object streams). */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
