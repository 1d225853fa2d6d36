import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestUser } from '../../common/request-context.js';
import { RenderService } from './render.service.js';

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name, so Chinese file names survive. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

@Controller('api/renders')
export class RenderController {
  constructor(private readonly renders: RenderService) {}

  /** A rendered PDF for a reader of its package (previews and signed copies). */
  @Allow()
  @Get(':file')
  async pdf(@CurrentUser() user: RequestUser, @Param('file') file: string, @Res() res: Response): Promise<void> {
    const id = file.replace(/\.pdf$/i, '');
    const { render, pdf } = await this.renders.pdfForUser(user, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Length', String(pdf.length));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Disposition', contentDisposition('inline', `自评材料-${render.purpose === 'PREVIEW' ? '预览' : '签章版'}-${render.id.slice(0, 8)}.pdf`));
    res.end(pdf);
  }
}
