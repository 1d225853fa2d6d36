import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import pino from 'pino';
import type PinoPretty from 'pino-pretty';
import type { AppConfig } from '../config/app-config.js';

const PINO_LEVEL = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' } as const;

/** An id a proxy in front of us already gave the request is kept, so its logs and ours join up. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

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

/** Requests that orchestrators make every few seconds: logged only when they fail. */
const QUIET_PATHS = /^\/(api\/health|api\/ready|metrics)(\/|\?|$)/;

/** Express rewrites req.url inside mounted handlers (GraphQL sees "/"); originalUrl is what was asked. */
export function pathOf(req: IncomingMessage): string | undefined {
  return (req as { originalUrl?: string }).originalUrl ?? req.url;
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

/** The request's id: one a proxy in front of us gave it, else a new one; sent back in x-request-id. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** The closing line of a request: its level, or null when it is one of the quiet ones that went well. */
export function closingLevel(req: IncomingMessage, res: ServerResponse, err?: Error): 'error' | 'warn' | 'info' | null {
  if (err || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return QUIET_PATHS.test(pathOf(req) ?? '') ? null : 'info';
}

export function closingMessage(req: IncomingMessage, res: ServerResponse): string {
  return `${req.method} ${safeUrl(pathOf(req))} ${res.statusCode}`;
}
