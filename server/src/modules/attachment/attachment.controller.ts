import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCode } from '@zipin/shared';
import { Allow, CurrentUser, Public } from '../../common/access.decorators.js';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { MAX_FILE_BYTES, rejectFile, tooLarge } from './attachment-file.js';
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

/**
 * The request body, read up to `limit` bytes and no further: a declared length over it is
 * refused before reading, and a body that grows past it is dropped (never buffered).
 */
function readBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(declared));
  if ((req as { _body?: boolean })._body || req.readableEnded) {
    // A JSON or form body was already consumed by the body parser: it was not sent as a raw file.
    return Promise.reject(rejectFile('NOT_RAW_BODY', '请以文件原始内容作为请求体上传（Content-Type 例如 application/octet-stream）'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (fn: () => void) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      fn();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish(() => reject(tooLarge()));
        req.resume(); // discard the rest without keeping it
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(() => resolve(Buffer.concat(chunks, size)));
    const onError = (err: Error) => finish(() => reject(err));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
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
    const bytes = await readBody(req, MAX_FILE_BYTES);
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
