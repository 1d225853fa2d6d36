import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import pino from 'pino';
import type PinoPretty from 'pino-pretty';
import type { AppConfig } from '../config/app-config.js';
import { requestLogMixin } from './request-log-store.js';

const PINO_LEVEL = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' } as const;

/**
 * Query parameters that carry secrets in some URLs (sign-on callbacks, links with a token):
 * their values never reach a log line.
 */
const SECRET_QUERY_KEYS = /^(token|code|state|id_token|access_token|refresh_token|session_state|password|secret|nonce)$/i;

/**
 * Anything that could hold a credential, wherever a caller might put it; the serializers
 * below already leave headers and bodies out, this catches objects logged by hand.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.sessionToken',
  '*.secret',
  '*.clientSecret',
  '*.variables',
  '*.document',
  '*.documents',
  'password',
  'token',
  'variables',
];

export function safeUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SECRET_QUERY_KEYS.test(key)) params.set(key, '[redacted]');
  return `${url.slice(0, q)}?${params.toString()}`;
}

/** pino-pretty is a development dependency, loaded only when LOG_FORMAT is pretty (the config checks it is installed). */
function prettyStream(options: PinoPretty.PrettyOptions): PinoPretty.PrettyStream {
  return (createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty)(options);
}

/** The process's pino logger: level, format, what a line holds. Requests get their lines from request-logging.ts. */
export function createRootLogger(config: AppConfig, role: string): pino.Logger {
  const destination =
    config.logFormat === 'pretty'
      ? // In this thread, not a pino transport's worker thread: starting a second thread with its
        // own copy of pino cost a development start more than the lines ever cost to format.
        prettyStream({ destination: config.logFile ?? 1, mkdir: true, append: true, sync: true, colorize: !config.logFile, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,role' })
      : pino.destination({ dest: config.logFile ? (mkdirSync(dirname(config.logFile), { recursive: true }), config.logFile) : 1, sync: true, append: true });
  return pino(
    {
      level: PINO_LEVEL[config.logLevel],
      base: { service: 'zipin', role },
      // Inside a request, every line says which request, who asked and which package.
      mixin: requestLogMixin,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Only what says which request it was: no headers (cookies, bearer tokens), no bodies.
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: safeUrl(req.url), remoteAddress: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
