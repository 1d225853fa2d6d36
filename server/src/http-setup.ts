import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ERROR_MESSAGES, ErrorCode, LIMITS, REPORT_SECTION_KEYS, maxDocumentJsonBytes } from '@zipin/shared';
import { ROOT_LOGGER } from './logging/logging.module.js';
import { requestLogging } from './logging/request-logging.js';

/** Room for the GraphQL query text and the other variables beside the document. */
const ENVELOPE_BYTES = 256 * 1024;

/**
 * The JSON body limit follows the document schema: the largest valid document (every chapter,
 * indicator and explanation at its maximum) plus the request envelope, so a save the schema
 * allows is never refused by the transport, and anything larger is refused naming the limit.
 */
export function jsonBodyLimitBytes(): number {
  return maxDocumentJsonBytes() + ENVELOPE_BYTES;
}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** HTTP set-up shared by the API entry point and the test app: request logging, cookies, body limits, security headers. */
export function configureHttp(app: NestExpressApplication): void {
  app.use(requestLogging(app.get<Logger>(ROOT_LOGGER)));
  app.use(cookieParser());
  const limit = jsonBodyLimitBytes();
  app.useBodyParser('json', { limit });
  app.use((err: { type?: string; length?: number; limit?: number; status?: number }, req: Request, res: Response, next: NextFunction) => {
    if (err?.type !== 'entity.too.large') return next(err);
    const message =
      `提交的内容（${err.length ? MB(err.length) : '未知大小'}）超过上限 ${MB(limit)}` +
      `（按填报规则计算：${REPORT_SECTION_KEYS.length} 章报告各 ${LIMITS.textChars.toLocaleString('en-US')} 字、${LIMITS.indicators} 个指标、${LIMITS.explanations} 条说明等）`;
    const details = { limitBytes: limit, receivedBytes: err.length ?? null };
    res.status(413).setHeader('Connection', 'close');
    if (req.path.startsWith('/graphql')) res.json({ errors: [{ message, extensions: { code: ErrorCode.REQUEST_TOO_LARGE, details } }] });
    else res.json({ code: ErrorCode.REQUEST_TOO_LARGE, message: message || ERROR_MESSAGES.REQUEST_TOO_LARGE.zh, details });
  });
  // The app shell and the API are never framed by another site (clickjacking); the app's own
  // pages may frame its PDFs (the sign-off desk shows the copy to be signed).
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
}
