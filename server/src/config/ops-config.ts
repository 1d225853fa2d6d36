import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Settings for operating the server (logs, metrics, shutdown), parsed with the rest of the
 * environment in app-config.ts. Kept apart so that file stays about the application itself.
 */
export interface OpsConfig {
  /** `json`: one JSON object a line (production); `pretty`: coloured lines for a terminal. */
  logFormat: 'json' | 'pretty';
  /** Append logs to this file instead of standard output. */
  logFile: string | null;
  metrics: { enabled: false } | { enabled: true; port: number | null; token: string | null };
  /** A worker (no HTTP of its own) answers /api/health and /api/ready on this port. */
  healthPort: number | null;
  /** How long SIGTERM waits for running requests and jobs before closing anyway. */
  shutdownTimeoutMs: number;
}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const opsEnvShape = {
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  LOG_FILE: z.string().min(1).optional(),
  METRICS_ENABLED: bool.optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
};

type OpsEnv = z.output<z.ZodObject<typeof opsEnvShape>> & { NODE_ENV: string; PORT: number };

export function opsConfig(e: OpsEnv): OpsConfig {
  let metrics: OpsConfig['metrics'] = { enabled: false };
  if (e.METRICS_ENABLED) {
    // /metrics says how busy the bureau is and which packages wait: never open on the public port.
    if (!e.METRICS_PORT && !e.METRICS_TOKEN) {
      throw new OpsConfigError('METRICS_ENABLED: needs METRICS_PORT (a separate, internal port) or METRICS_TOKEN (a bearer token)');
    }
    if (e.METRICS_PORT && e.METRICS_PORT === e.PORT) throw new OpsConfigError('METRICS_PORT: must differ from PORT');
    metrics = { enabled: true, port: e.METRICS_PORT ?? null, token: e.METRICS_TOKEN ?? null };
  }
  if (e.LOG_FORMAT === 'pretty' && !prettyAvailable()) {
    throw new OpsConfigError('LOG_FORMAT: pretty needs the pino-pretty package (a development dependency); use json');
  }
  return {
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' && prettyAvailable() ? 'pretty' : 'json'),
    logFile: e.LOG_FILE ? resolve(e.LOG_FILE) : null,
    metrics,
    healthPort: e.HEALTH_PORT ?? null,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}

export class OpsConfigError extends Error {}

/** pino-pretty is a development dependency: a production install has none and logs JSON. */
export function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
