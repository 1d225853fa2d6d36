import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/app-config.js';

const dataDir = () => mkdtempSync(join(tmpdir(), 'zipin-ops-config-'));

describe('operations settings', () => {
  it('logs JSON outside development and keeps metrics off by default', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) });
    expect(config.logFormat).toBe('json');
    expect(config.logFile).toBeNull();
    expect(config.metrics).toEqual({ enabled: false });
    expect(config.shutdownTimeoutMs).toBe(25_000);
  });

  it('hashes passwords at the argon2id baseline cost whatever the environment says', () => {
    for (const NODE_ENV of ['production', 'development', 'test'] as const) {
      expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV, SESSION_SECRET: 's'.repeat(40), ARGON2_MEMORY_COST: '8' } as NodeJS.ProcessEnv).passwordHashing).toEqual({ memoryCost: 19_456, timeCost: 2 });
    }
  });

  it('logs readable lines in development when pino-pretty is installed', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });

  it('opens metrics only on a separate port or behind a token', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), METRICS_ENABLED: 'true', METRICS_PORT: '9464' }).metrics).toEqual({ enabled: true, port: 9464, token: null });
    expect(loadConfig({ DATA_DIR: dataDir(), METRICS_ENABLED: 'true', METRICS_TOKEN: 't'.repeat(20) }).metrics).toEqual({ enabled: true, port: null, token: 't'.repeat(20) });
    expect(() => loadConfig({ DATA_DIR: dataDir(), METRICS_ENABLED: 'true' })).toThrow(/METRICS_ENABLED: needs METRICS_PORT/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), METRICS_ENABLED: 'true', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT: must differ from PORT/);
  });

  it.each([
    ['LOG_FORMAT', 'xml'],
    ['METRICS_PORT', 'ninety'],
    ['METRICS_TOKEN', 'short'],
    ['SHUTDOWN_TIMEOUT_MS', '-1'],
  ])('stops with a message naming %s when it is invalid', (name, value) => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), [name]: value })).toThrow(name);
  });
});
