import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { closingLevel, closingMessage, pathOf, requestIdOf } from './log-options.js';

type LoggedRequest = IncomingMessage & { id?: string; log?: Logger };
type LoggedResponse = ServerResponse & { log?: Logger };

/**
 * The request's logger and its closing line, mounted before everything else (a body refused as
 * too large is logged too). Lines logged during the request carry its id; the interceptor adds
 * who asked and which package (nestjs-pino's assign), and the closing line carries them with
 * the request, the status and the time taken. The request is described only when that line is
 * written: at the usual `error` level a request that went well costs one child logger.
 */
export function requestLogging(root: Logger) {
  return (req: LoggedRequest, res: LoggedResponse, next: () => void): void => {
    const id = requestIdOf(req, res);
    req.id = id;
    const log = root.child({ requestId: id });
    req.log = log;
    res.log = log;
    const started = Date.now();
    const finished = (err?: Error) => {
      res.off('finish', finished);
      res.off('close', finished);
      res.off('error', finished);
      const level = closingLevel(req, res, err instanceof Error ? err : undefined);
      if (!level || !log.isLevelEnabled(level)) return;
      const failure = level === 'error' ? { err: err instanceof Error ? err : new Error(`failed with status code ${res.statusCode}`) } : {};
      // res.log, not log: the interceptor's fields were set on it after this line's logger was made.
      (res.log ?? log)[level]({ req: { id, method: req.method, url: pathOf(req), remoteAddress: req.socket?.remoteAddress }, res: { statusCode: res.statusCode }, responseTime: Date.now() - started, ...failure }, closingMessage(req, res));
    };
    res.on('finish', finished);
    res.on('close', finished);
    res.on('error', finished);
    next();
  };
}
