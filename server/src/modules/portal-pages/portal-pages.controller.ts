import { createHash } from 'node:crypto';
import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import { Public } from '../../common/access.decorators.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { html, unsafeHtml } from '../render/templates/html.js';
import { DOCUMENT_CSS } from '../render/templates/styles.js';
import { VERIFY_MAX_BYTES } from '../publication/public-portal.controller.js';
import { PublicPortalService, displayTime } from '../publication/public-portal.service.js';
import { SITE_TITLE, documentTitle, listBody, notFoundBody, packageFacts, portalPage, verifyBody } from './portal-pages.templates.js';

const PAGE_SIZE = 20;
const ID = /^[0-9A-Za-z-]{1,64}$/;

/** What a verification form sent: a PDF's digest, or a typed hash, or why neither could be read. */
type VerifyForm = { digest: string | null; hash: string; error: string | null };

/**
 * The public portal's pages, rendered here so they work without JavaScript and are indexed
 * by search engines; the staff app (Vue) is not involved. Every handler only reads published
 * data through PublicPortalService.
 */
@Controller()
export class PortalPagesController {
  constructor(
    private readonly portal: PublicPortalService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private send(res: Response, status: number, page: string, maxAge = 60): void {
    res.status(status);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    // No script on these pages, and nothing loads from elsewhere.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', status === 200 ? `public, max-age=${maxAge}` : 'no-store');
    res.end(page);
  }

  private url(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }

  private time(zone: string) {
    return (at: Date) => displayTime(at, zone);
  }

  private notFound(res: Response, message: string): void {
    this.send(res, 404, portalPage({ title: `找不到该页面 - ${SITE_TITLE}`, canonical: this.url('/portal'), nav: null, body: notFoundBody(message), noindex: true }));
  }

  @Public()
  @Get('portal')
  async list(@Query('year') yearParam: string | undefined, @Query('q') q: string | undefined, @Query('page') pageParam: string | undefined, @Res() res: Response): Promise<void> {
    const year = /^\d{4}$/.test(yearParam ?? '') ? Number(yearParam) : null;
    const search = (typeof q === 'string' ? q : '').trim().slice(0, 100);
    const page = Math.min(Math.max(Number.parseInt(pageParam ?? '1', 10) || 1, 1), 10_000);
    const [years, result] = await Promise.all([
      this.portal.years(),
      this.portal.list({ fiscalYear: year, search: search || null, first: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    ]);
    const pageCount = Math.max(1, Math.ceil(result.totalCount / PAGE_SIZE));
    const query = (p: number) => {
      const params = new URLSearchParams();
      if (year) params.set('year', String(year));
      if (search) params.set('q', search);
      if (p > 1) params.set('page', String(p));
      const s = params.toString();
      return `/portal${s ? `?${s}` : ''}`;
    };
    const body = listBody({
      years,
      year,
      search,
      page,
      pageCount,
      totalCount: result.totalCount,
      nodes: result.nodes,
      time: this.time(this.config.timezone),
      pageUrl: query,
    });
    this.send(
      res,
      200,
      portalPage({
        title: `${year ? `${year}年度` : ''}${SITE_TITLE}${page > 1 ? `（第${page}页）` : ''}`,
        canonical: this.url(query(page)),
        nav: 'list',
        body,
        // Searches are for people, the plain list (and its pages) for search engines.
        noindex: !!search,
      }),
    );
  }

  @Public()
  @Get('portal/p/:publicationId')
  async package(@Param('publicationId') id: string, @Res() res: Response): Promise<void> {
    const summary = ID.test(id) ? await this.portal.get(id) : null;
    const published = summary ? await this.portal.publishedSections(id) : null;
    if (!summary || !published) return this.notFound(res, '找不到该公开材料，它可能已被删除或链接有误。');
    const title = documentTitle(summary);
    const time = this.time(published.timeZone);
    const body = html`<h1 class="page-title">${title}${summary.retractedAt ? '（已撤回）' : ''}</h1>
${packageFacts(summary, time)}
${published.sections ? html`<div class="package-doc">${published.sections}</div>` : ''}`;
    this.send(
      res,
      200,
      portalPage({
        title: `${title} - ${SITE_TITLE}`,
        description: `${summary.bureauName}公开的${title}：基础数据表、绩效自评表和自评报告${summary.totalScore ? `，自评得分${summary.totalScore}` : ''}。`,
        canonical: this.url(`/portal/p/${id}`),
        nav: null,
        head: html`<style>${unsafeHtml(DOCUMENT_CSS)}</style>`,
        body,
        noindex: !!summary.retractedAt,
      }),
      300,
    );
  }

  @Public()
  @Get('portal/verify')
  async verifyForm(@Query('hash') hash: string | undefined, @Res() res: Response): Promise<void> {
    const typed = typeof hash === 'string' ? hash.trim().slice(0, 128) : '';
    const result = typed ? await this.portal.verify(typed) : null;
    this.send(
      res,
      200,
      portalPage({ title: `真伪验证 - ${SITE_TITLE}`, canonical: this.url('/portal/verify'), nav: 'verify', body: verifyBody({ hash: typed, result, error: null, time: this.time(this.config.timezone) }) }),
      0,
    );
  }

  /** The verification form posted as multipart/form-data: a PDF (≤ 20 MB) or a typed SHA-256. */
  @Public()
  @Post('portal/verify')
  async verify(@Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await readVerifyForm(req);
    const digest = form.error ? null : (form.digest ?? (form.hash || null));
    const error = form.error ?? (digest ? null : '请选择一个 PDF 文件，或填写 SHA-256 值。');
    const result = digest ? await this.portal.verify(digest) : null;
    const body = verifyBody({ hash: form.digest ?? form.hash, result, error, time: this.time(this.config.timezone) });
    this.send(res, error ? 400 : 200, portalPage({ title: `验证结果 - ${SITE_TITLE}`, canonical: this.url('/portal/verify'), nav: 'verify', body, noindex: true }), 0);
  }

  @Public()
  @Get('sitemap.xml')
  async sitemap(@Res() res: Response): Promise<void> {
    const entries = await this.portal.sitemapEntries();
    const x = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const urls = [
      `  <url><loc>${x(this.url('/portal'))}</loc><changefreq>daily</changefreq></url>`,
      ...entries.map((e) => `  <url><loc>${x(this.url(`/portal/p/${e.id}`))}</loc><lastmod>${e.updatedAt.toISOString()}</lastmod></url>`),
    ];
    res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
  }

  @Public()
  @Get('robots.txt')
  robots(@Res() res: Response): void {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    // Only the portal is public; the staff app and the API are not for crawlers.
    res.end(`User-agent: *\nAllow: /portal\nAllow: /api/public/\nDisallow: /\nSitemap: ${this.url('/sitemap.xml')}\n`);
  }
}

/** Reads the verification form: hashes the PDF as it streams in, never keeps it. */
function readVerifyForm(req: Request): Promise<VerifyForm> {
  return new Promise((resolve) => {
    const out: VerifyForm = { digest: null, hash: '', error: null };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: VERIFY_MAX_BYTES, fields: 4, fieldSize: 1024, parts: 6 } });
    } catch {
      resolve({ ...out, error: '请通过页面上的表单上传文件。' });
      return;
    }
    let pending: Promise<void> = Promise.resolve();
    parser.on('field', (name, value) => {
      if (name === 'hash') out.hash = value.trim().slice(0, 128);
    });
    parser.on('file', (_name, stream, info) => {
      pending = new Promise((done) => {
        const hash = createHash('sha256');
        let size = 0;
        let head = Buffer.alloc(0);
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (head.length < 5) head = Buffer.concat([head, chunk.subarray(0, 5 - head.length)]);
          hash.update(chunk);
        });
        stream.on('limit', () => (out.error = '文件超过 20 MB，无法验证。'));
        stream.on('close', () => {
          if (out.error) return done();
          // An empty file input still sends a part with no name and no bytes: that is "no file".
          if (size === 0) return done();
          if (head.toString('latin1') !== '%PDF-') out.error = `「${info.filename}」不是 PDF 文件。`;
          else out.digest = hash.digest('hex');
          done();
        });
      });
    });
    parser.on('error', () => resolve({ ...out, error: '上传的内容无法读取，请重新选择文件。' }));
    parser.on('close', () => void pending.then(() => resolve(out)));
    req.pipe(parser);
  });
}
