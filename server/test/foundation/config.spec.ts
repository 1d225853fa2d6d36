import { ConfigError, loadConfig } from '../../src/config/app-config.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = () => mkdtempSync(join(tmpdir(), 'zipin-config-'));

describe('configuration', () => {
  it('runs embedded when nothing is set', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.database).toEqual({ kind: 'sqlite', file: join(dir, 'zipin.sqlite') });
    expect(config.redis).toBeNull();
    expect(config.runJobs).toBe(true);
    expect(config.demoData).toBe(true);
    expect(config.timezone).toBe('Asia/Shanghai');
    expect(config.storage).toEqual({ kind: 'local', dir: join(dir, 'artifacts') });
  });

  it('keeps the generated session secret across restarts', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(loadConfig({ DATA_DIR: dir }).sessionSecret);
  });

  it('runs scaled on MySQL and Redis, with jobs left to workers', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'mysql://u:p@db:3306/zipin', REDIS_URL: 'redis://cache:6379' });
    expect(config.database).toEqual({ kind: 'mysql', url: 'mysql://u:p@db:3306/zipin' });
    expect(config.redis?.url).toBe('redis://cache:6379');
    expect(config.redis?.lockMs).toBe(30_000); // BullMQ's own default
    expect(loadConfig({ DATA_DIR: dataDir(), REDIS_URL: 'redis://cache:6379', JOB_LOCK_SECONDS: '10' }).redis?.lockMs).toBe(10_000);
    expect(config.runJobs).toBe(false);
    expect(config.demoData).toBe(false);
  });

  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'postgres://x'],
    ['REDIS_URL', 'localhost:6379'],
    ['JOB_LOCK_SECONDS', '1'],
    ['APP_TIMEZONE', 'Mars/Olympus'],
    ['SESSION_SECRET', 'short'],
  ])('stops with a message naming %s when it is invalid', (name, value) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(new RegExp(name));
  });

  it('requires a session secret in production', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });

  it('makes no demo data in production unless DEMO_DATA=true is set', () => {
    const secret = { SESSION_SECRET: 's'.repeat(40) };
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', ...secret }).demoData).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', DEMO_DATA: 'true', ...secret }).demoData).toBe(true);
  });

  it('marks cookies Secure in production or behind https, unless COOKIE_SECURE=false', () => {
    const secret = { SESSION_SECRET: 's'.repeat(40) };
    expect(loadConfig({ DATA_DIR: dataDir() }).cookieSecure).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), PUBLIC_URL: 'https://zp.example.cn' }).cookieSecure).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', ...secret }).cookieSecure).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', COOKIE_SECURE: 'false', ...secret }).cookieSecure).toBe(false);
  });

  it('opens GraphiQL and introspection only when NODE_ENV=development is set explicitly', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).devTools).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'test' }).devTools).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'development' }).devTools).toBe(true);
  });

  it('turns single sign-on on with OIDC_ISSUER, deriving the redirect URL from PUBLIC_URL', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).oidc).toBeNull();
    const sso = { OIDC_ISSUER: 'https://sso.example.gov.cn/realms/gov', OIDC_CLIENT_ID: 'zipin', OIDC_CLIENT_SECRET: 'secret' };
    expect(loadConfig({ DATA_DIR: dataDir(), PUBLIC_URL: 'https://zp.example.cn/', ...sso }).oidc).toEqual({
      issuer: 'https://sso.example.gov.cn/realms/gov',
      clientId: 'zipin',
      clientSecret: 'secret',
      redirectUrl: 'https://zp.example.cn/api/auth/oidc/callback',
      postLogoutUrl: 'https://zp.example.cn/login',
      scope: 'openid profile',
      claim: 'preferred_username',
      match: 'username',
      buttonLabel: '统一身份认证登录',
    });
    const byId = loadConfig({ DATA_DIR: dataDir(), ...sso, OIDC_MATCH: 'external-id', OIDC_BUTTON_LABEL: '政务服务网登录' }).oidc!;
    expect([byId.claim, byId.match, byId.buttonLabel]).toEqual(['sub', 'external-id', '政务服务网登录']);
    expect(() => loadConfig({ DATA_DIR: dataDir(), OIDC_ISSUER: sso.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...sso, OIDC_SCOPE: 'profile' })).toThrow(/OIDC_SCOPE/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), ...sso, NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) })).toThrow(/PUBLIC_URL/);
  });
});
