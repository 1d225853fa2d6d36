import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCode } from '@zipin/shared';
import { Public } from '../../common/access.decorators.js';
import { DomainError } from '../../common/domain-error.js';
import { readRawBody } from '../../common/raw-body.js';
import { contentDisposition } from '../render/render.controller.js';
import { sha256 } from '../render/renderer.js';
import { PublicPortalService } from './public-portal.service.js';

export const VERIFY_MAX_BYTES = 20 * 1024 * 1024;

/** The public portal's files (no login): PDF, the same document as HTML, the Atom feed, verification. */
@Controller('api/public')
export class PublicPortalController {
  constructor(private readonly portal: PublicPortalService) {}

  @Public()
  @Get('feed.atom')
  async feed(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', 'application/atom+xml; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.end(await this.portal.feed());
  }

  /** `<id>.pdf` or `<id>.html`. */
  @Public()
  @Get('publications/:file')
  async publication(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const m = /^([0-9A-Za-z-]{1,64})\.(pdf|html)$/.exec(file);
    if (!m) throw new DomainError(ErrorCode.NOT_FOUND, '找不到该公开材料');
    const [, id, ext] = m;
    if (ext === 'html') {
      const page = await this.portal.html(id!);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      // The page is ours alone: no script runs and nothing loads from elsewhere.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; font-src 'self'");
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'public, max-age=60');
      res.end(page);
      return;
    }
    const { publication, pdf } = await this.portal.pdf(id!);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Length', String(pdf.length));
    res.setHeader('Content-Disposition', contentDisposition('inline', this.portal.pdfFileName(publication)));
    res.setHeader('X-Content-SHA256', publication.pdfSha256);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.end(pdf);
  }

  /** A PDF as the raw body (≤ 20 MB), or ?sha256=…: is it the copy that was signed and published? */
  @Public()
  @Post('verify')
  async verify(@Req() req: Request, @Query('sha256') hash: string | undefined, @Res() res: Response): Promise<void> {
    let digest = hash?.trim();
    if (!digest) {
      const body = await readRawBody(req, VERIFY_MAX_BYTES, () => new DomainError(ErrorCode.FILE_REJECTED, '文件超过 20 MB'));
      if (body.length === 0) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请上传 PDF 文件，或提供 sha256 参数');
      if (body.subarray(0, 5).toString('latin1') !== '%PDF-') throw new DomainError(ErrorCode.FILE_REJECTED, '上传的不是 PDF 文件');
      digest = sha256(body);
    }
    res.status(200).json(await this.portal.verify(digest));
  }
}
