import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { MetricsRecorder } from '../../metrics/metrics-recorder.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { BrowserPool, pdfPageCount } from './browser/browser-pool.js';
import { packageHtml } from './templates/package-document.js';
import type { RenderModel } from './templates/render-model.js';

export interface RenderedPdf {
  pdf: Buffer;
  sha256: string;
  byteSize: number;
  pageCount: number;
}

/** The process's PDF printer: one warm Chromium, launched on the first render, closed on shutdown. */
@Injectable()
export class Renderer implements OnApplicationShutdown {
  private readonly pool: BrowserPool;
  /** PDFs printed by this process (for the bench and the multi-worker test). */
  printed = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() private readonly metrics?: MetricsRecorder,
  ) {
    this.pool = new BrowserPool({ chromiumPath: config.chromiumPath, pages: 2, recycleAfter: 100 });
  }

  html(model: RenderModel): string {
    return packageHtml(model);
  }

  async pdf(model: RenderModel): Promise<RenderedPdf> {
    const started = performance.now();
    let pdf: Buffer;
    try {
      pdf = await this.pool.pdf(packageHtml(model));
    } catch (err) {
      this.metrics?.observeRender('failed', (performance.now() - started) / 1000);
      throw err;
    }
    this.metrics?.observeRender('ok', (performance.now() - started) / 1000);
    this.printed++;
    return { pdf, sha256: sha256(pdf), byteSize: pdf.length, pageCount: pdfPageCount(pdf) };
  }

  browserStatus(): { ok: boolean; detail: string } {
    return this.pool.status();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
