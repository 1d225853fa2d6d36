import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { SSO_PATHS } from '@zipin/shared';
import { OpsConfigError, opsConfig, opsEnvShape, type OpsConfig } from './ops-config.js';

/** Everything the process may be told from outside, parsed once at boot. */
export interface AppConfig extends OpsConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Folder for the SQLite file, the session secret and local artifacts in embedded mode. */
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'mysql'; url: string };
  /** lockMs: how long a job stays with a worker that stopped answering before another takes it. */
  redis: { url: string; prefix: string; lockMs: number } | null;
  storage: { kind: 'local'; dir: string } | { kind: 's3'; url: string; bucket: string; accessKey: string; secretKey: string; region: string };
  timezone: string;
  sessionSecret: string;
  sessionTtlHours: number;
  /** Whether this process runs job handlers (always in embedded mode; workers otherwise). */
  runJobs: boolean;
  demoData: boolean;
  /** GraphiQL, introspection and "Did you mean…" suggestions: only with NODE_ENV=development set explicitly. */
  devTools: boolean;
  /**
   * Whether the session cookie is marked Secure: by default when PUBLIC_URL is https or in
   * production; COOKIE_SECURE=false opts out for a plain-http intranet install.
   */
  cookieSecure: boolean;
  publicUrl: string;
  chromiumPath: string | null;
  clientDist: string | null;
  schemaFile: string | null;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** Notifications also go out by mail (SMTP) and to a group robot when these are set. */
  mail: { url: string; from: string } | null;
  robot: { url: string; kind: 'dingtalk' | 'wecom' } | null;
  /** Single sign-on through an OpenID Connect provider, beside local accounts; null when OIDC_ISSUER is unset. */
  oidc: OidcConfig | null;
  /** argon2id cost of new password hashes; always PASSWORD_HASHING outside the test suites. */
  passwordHashing: PasswordHashing;
}

export interface PasswordHashing {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): not configurable from outside. */
export const PASSWORD_HASHING: PasswordHashing = { memoryCost: 19_456, timeCost: 2 };

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: PUBLIC_URL + /api/auth/oidc/callback. */
  redirectUrl: string;
  /** Where the provider's sign-out sends the browser: PUBLIC_URL + /login. */
  postLogoutUrl: string;
  scope: string;
  /** The ID-token (or userinfo) claim that names the account. */
  claim: string;
  /** Whether the claim carries the username, or the external id an admin put on the account. */
  match: 'username' | 'external-id';
  buttonLabel: string;
}

export const OIDC_CALLBACK_PATH = SSO_PATHS.callback;

export class ConfigError extends Error {}

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** How long a job stays with a worker that stopped answering, unless JOB_LOCK_SECONDS says otherwise (BullMQ's own default). */
export const DEFAULT_JOB_LOCK_MS = 30_000;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb|sqlite):/, 'must start with mysql://, mariadb:// or sqlite:')
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, : _ - only').default('zipin'),
  JOB_LOCK_SECONDS: z.coerce.number().int().min(5).max(3600).default(DEFAULT_JOB_LOCK_MS / 1000),
  STORAGE_DIR: z.string().min(1).optional(),
  STORAGE_URL: z.string().url('must be a URL like http://minio:9000/bucket').optional(),
  STORAGE_ACCESS_KEY: z.string().optional(),
  STORAGE_SECRET_KEY: z.string().optional(),
  STORAGE_REGION: z.string().default('us-east-1'),
  APP_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Shanghai'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  RUN_JOBS: bool.optional(),
  DEMO_DATA: bool.optional(),
  COOKIE_SECURE: bool.optional(),
  PUBLIC_URL: z.string().url().optional(),
  CHROMIUM_PATH: z.string().min(1).optional(),
  CLIENT_DIST: z.string().min(1).optional(),
  SCHEMA_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('log'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps:// (e.g. smtp://user:pass@mail.example.gov.cn:587)').optional(),
  MAIL_FROM: z.string().min(3).optional(),
  ROBOT_WEBHOOK_URL: z.string().url('must be the group robot’s webhook URL').optional(),
  ROBOT_WEBHOOK_KIND: z.enum(['dingtalk', 'wecom']).optional(),
  OIDC_ISSUER: z.string().url('must be the provider’s issuer URL, e.g. https://sso.example.gov.cn/realms/gov').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPE: z.string().regex(/(^|\s)openid(\s|$)/, 'must include openid').optional(),
  OIDC_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'a claim name such as preferred_username or sub').optional(),
  OIDC_MATCH: z.enum(['username', 'external-id']).default('username'),
  OIDC_BUTTON_LABEL: z.string().min(1).max(40).default('统一身份认证登录'),
  ...opsEnvShape,
});

/**
 * Parses the environment; a bad value throws ConfigError naming the variable, so the
 * process stops before it touches anything.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const database: AppConfig['database'] =
    e.DATABASE_URL && !e.DATABASE_URL.startsWith('sqlite:')
      ? { kind: 'mysql', url: e.DATABASE_URL.replace(/^mariadb:/, 'mysql:') }
      : { kind: 'sqlite', file: e.DATABASE_URL ? resolve(e.DATABASE_URL.replace(/^sqlite:(\/\/)?/, '')) : resolve(dataDir, 'zipin.sqlite') };
  const embedded = database.kind === 'sqlite' && !e.REDIS_URL;

  let storage: AppConfig['storage'];
  if (e.STORAGE_URL) {
    const url = new URL(e.STORAGE_URL);
    const bucket = url.pathname.replace(/^\/+|\/+$/g, '');
    if (!bucket) throw new ConfigError('Invalid configuration:\n  STORAGE_URL: must name a bucket, e.g. http://minio:9000/zipin');
    if (!e.STORAGE_ACCESS_KEY || !e.STORAGE_SECRET_KEY) {
      throw new ConfigError('Invalid configuration:\n  STORAGE_ACCESS_KEY / STORAGE_SECRET_KEY: required with STORAGE_URL');
    }
    storage = { kind: 's3', url: `${url.protocol}//${url.host}`, bucket, accessKey: e.STORAGE_ACCESS_KEY, secretKey: e.STORAGE_SECRET_KEY, region: e.STORAGE_REGION };
  } else {
    storage = { kind: 'local', dir: resolve(e.STORAGE_DIR ?? resolve(dataDir, 'artifacts')) };
  }

  let sessionSecret = e.SESSION_SECRET;
  if (!sessionSecret) {
    if (e.NODE_ENV === 'production') {
      throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 characters)');
    }
    sessionSecret = readOrCreateSecret(resolve(dataDir, 'session-secret'));
  }

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  let oidc: OidcConfig | null = null;
  if (e.OIDC_ISSUER) {
    if (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) {
      throw new ConfigError('Invalid configuration:\n  OIDC_CLIENT_ID / OIDC_CLIENT_SECRET: required with OIDC_ISSUER (the client registered at the provider)');
    }
    if (!e.PUBLIC_URL && e.NODE_ENV === 'production') {
      throw new ConfigError('Invalid configuration:\n  PUBLIC_URL: required with OIDC_ISSUER in production (the redirect URL registered at the provider is derived from it)');
    }
    oidc = {
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      redirectUrl: publicUrl + OIDC_CALLBACK_PATH,
      postLogoutUrl: publicUrl + '/login',
      scope: e.OIDC_SCOPE ?? 'openid profile',
      claim: e.OIDC_CLAIM ?? (e.OIDC_MATCH === 'username' ? 'preferred_username' : 'sub'),
      match: e.OIDC_MATCH,
      buttonLabel: e.OIDC_BUTTON_LABEL,
    };
  }
  let ops: OpsConfig;
  try {
    ops = opsConfig(e);
  } catch (err) {
    if (err instanceof OpsConfigError) throw new ConfigError(`Invalid configuration:\n  ${err.message}`);
    throw err;
  }

  return {
    ...ops,
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX, lockMs: e.JOB_LOCK_SECONDS * 1000 } : null,
    storage,
    timezone: e.APP_TIMEZONE,
    sessionSecret,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    runJobs: e.RUN_JOBS ?? !e.REDIS_URL,
    // Demo accounts have a published password: never made in production unless asked for by name.
    demoData: e.DEMO_DATA ?? (embedded && e.NODE_ENV !== 'production'),
    devTools: env.NODE_ENV === 'development',
    cookieSecure: e.COOKIE_SECURE ?? (e.NODE_ENV === 'production' || publicUrl.startsWith('https:')),
    publicUrl,
    chromiumPath: e.CHROMIUM_PATH ?? null,
    clientDist: e.CLIENT_DIST ? resolve(e.CLIENT_DIST) : null,
    schemaFile: e.SCHEMA_FILE ? resolve(e.SCHEMA_FILE) : null,
    logLevel: e.LOG_LEVEL,
    mail: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM ?? `自评通 <no-reply@${new URL(e.PUBLIC_URL ?? 'http://localhost').hostname}>` } : null,
    robot: e.ROBOT_WEBHOOK_URL ? { url: e.ROBOT_WEBHOOK_URL, kind: e.ROBOT_WEBHOOK_KIND ?? robotKindOf(e.ROBOT_WEBHOOK_URL) } : null,
    oidc,
    passwordHashing: PASSWORD_HASHING,
  };
}

/** 企业微信 robots live under qyapi.weixin.qq.com; anything else is taken for 钉钉's JSON. */
function robotKindOf(url: string): 'dingtalk' | 'wecom' {
  return new URL(url).hostname.endsWith('weixin.qq.com') ? 'wecom' : 'dingtalk';
}

/** Embedded mode keeps its secret next to its data, so sessions survive restarts. */
function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** For entry points: the config, or the reason it is wrong on stderr and exit code 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
