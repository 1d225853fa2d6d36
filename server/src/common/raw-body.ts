import type { Request } from 'express';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from './domain-error.js';

/**
 * A file sent as the raw request body (PDF, xlsx, attachment), read up to `limit` bytes and no
 * further: a declared length over it is refused before reading, and a body that grows past it
 * is dropped, never buffered. `tooLarge` words the refusal for the caller (limits differ).
 */
export function readRawBody(req: Request, limit: number, tooLarge: (declaredBytes?: number) => DomainError): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(declared));
  if ((req as { _body?: boolean })._body || req.readableEnded) {
    // A JSON or form body was already consumed by the body parser: it was not sent as a raw file.
    return Promise.reject(
      new DomainError(ErrorCode.FILE_REJECTED, '请以文件原始内容作为请求体上传（Content-Type 例如 application/octet-stream）', { reason: 'NOT_RAW_BODY' }),
    );
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
