import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { safeUrl } from './log-options.js';
import { requestLogStore, type RequestLogFields } from './request-log-store.js';

type LoggedRequest = IncomingMessage & { id?: string; originalUrl?: string };

/** An id a proxy in front of us already gave the request is kept, so its logs and ours join up. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** REST routes of one package: its attachments, its Excel export and import. */
const PACKAGE_ROUTE = /^\/api\/packages\/([A-Za-z0-9-]{1,64})\//;

/** Requests that orchestrators make every few seconds: logged only when they fail. */
const QUIET_PATHS = /^\/(api\/health|api\/ready|metrics)(\/|\?|$)/;

/**
 * The request's log fields and its closing line, mounted before everything else (a body refused
 * as too large is logged too). Lines logged during the request carry its id (the root logger's
 * mixin reads requestLogStore); who asked (resolveUser) and which operation and package
 * (request-log-fields.plugin.ts) are added once known, and the closing line carries them with
 * the request, the status and the time taken. The request is described only when that line is
 * written: at the usual `error` level a request that went well costs one small object.
 */
export function requestLogging(root: Logger) {
  return (req: LoggedRequest, res: ServerResponse, next: () => void): void => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    req.id = id;
    const fields: RequestLogFields = { requestId: id };
    // A REST route about a package (/api/packages/:id/…) names it; GraphQL's come from the operation.
    const aboutPackage = PACKAGE_ROUTE.exec(req.originalUrl ?? req.url ?? '');
    if (aboutPackage) fields.packageId = aboutPackage[1]!;
    const started = Date.now();
    const finished = (err?: unknown) => {
      res.off('finish', finished);
      res.off('close', finished);
      res.off('error', finished);
      // Express rewrites req.url inside mounted handlers (GraphQL sees "/"); originalUrl is what was asked.
      const path = req.originalUrl ?? req.url ?? '';
      const failed = err instanceof Error || res.statusCode >= 500;
      const level = failed ? 'error' : res.statusCode >= 400 ? 'warn' : QUIET_PATHS.test(path) ? null : 'info';
      if (!level || !root.isLevelEnabled(level)) return;
      const failure = failed ? { err: err instanceof Error ? err : new Error(`failed with status code ${res.statusCode}`) } : {};
      // The fields by hand: 'finish' may fire outside the request's async context.
      root[level](
        { ...fields, req: { id, method: req.method, url: path, remoteAddress: req.socket?.remoteAddress }, res: { statusCode: res.statusCode }, responseTime: Date.now() - started, ...failure },
        `${req.method} ${safeUrl(path)} ${res.statusCode}`,
      );
    };
    res.on('finish', finished);
    res.on('close', finished);
    res.on('error', finished);
    requestLogStore.run(fields, next);
  };
}
