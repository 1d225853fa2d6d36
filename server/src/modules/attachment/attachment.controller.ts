import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCode } from '@zipin/shared';
import { Allow, CurrentUser, Public } from '../../common/access.decorators.js';
import { DomainError } from '../../common/domain-error.js';
import { readRawBody } from '../../common/raw-body.js';
import type { RequestUser } from '../../common/request-context.js';
import { MAX_FILE_BYTES, tooLarge } from './attachment-file.js';
import { AttachmentService, type AttachmentFile } from './attachment.service.js';
import { toAttachmentModel } from './attachment.resolver.js';
import type { AttachmentModel } from './models/attachment.model.js';

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name, so Chinese file names survive. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** One query parameter as a string (a repeated parameter is refused, not guessed). */
function one(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new DomainError(ErrorCode.VALIDATION_FAILED, `参数 ${name} 只能出现一次`);
  return value;
}

/** The REST answer to an upload: the GraphQL Attachment's fields, by their GraphQL names. */
export type AttachmentJson = Omit<AttachmentModel, 'isPublic' | 'uploadedById'> & { public: boolean };

function attachmentJson(m: AttachmentModel): AttachmentJson {
  const { isPublic, uploadedById: _u, ...rest } = m;
  return { ...rest, public: isPublic };
}

function send(res: Response, file: AttachmentFile, cache: string): void {
  res.setHeader('Content-Type', file.attachment.contentType);
  res.setHeader('Content-Length', String(file.bytes.length));
  res.setHeader('Content-Disposition', contentDisposition(file.attachment.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', cache);
  res.end(file.bytes);
}

@Controller('api')
export class AttachmentController {
  constructor(private readonly attachments: AttachmentService) {}

  /**
   * Upload: the raw file is the body; its type is decided from the content, never from
   * Content-Type or the name. ?title=…&indicatorId=…&fileName=…
   */
  @Allow('FILLER')
  @Post('packages/:id/attachments')
  @HttpCode(201)
  async upload(
    @CurrentUser() user: RequestUser,
    @Param('id') packageId: string,
    @Query('title') title: unknown,
    @Query('indicatorId') indicatorId: unknown,
    @Query('fileName') fileName: unknown,
    @Req() req: Request,
  ): Promise<AttachmentJson> {
    const input = { title: one(title, 'title'), indicatorId: one(indicatorId, 'indicatorId'), fileName: one(fileName, 'fileName') };
    await this.attachments.assertCanUpload(user, packageId);
    const bytes = await readRawBody(req, MAX_FILE_BYTES, tooLarge);
    return attachmentJson(toAttachmentModel(await this.attachments.upload(user, packageId, input, bytes)));
  }

  /** Download for the unit and its bureau. */
  @Allow()
  @Get('attachments/:id')
  async download(@CurrentUser() user: RequestUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    send(res, await this.attachments.fileForUser(user, id), 'private, no-store');
  }

  /** Download for anyone: public attachments of published packages only. */
  @Public()
  @Get('public/attachments/:id')
  async publicDownload(@Param('id') id: string, @Res() res: Response): Promise<void> {
    send(res, await this.attachments.publicFile(id), 'no-cache');
  }
}
