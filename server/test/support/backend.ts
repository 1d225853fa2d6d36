import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DEFAULT_JOB_LOCK_MS, loadConfig, type AppConfig } from '../../src/config/app-config.js';

/**
 * Which backend the integration suites run on: `embedded` (SQLite file + in-process jobs,
 * the default) or `scaled` (MariaDB/MySQL + BullMQ on Redis), chosen by ZIPIN_TEST_BACKEND.
 * Each test app gets its own database (a temp file, or a fresh MySQL schema) and its own
 * Redis key prefix, so suites never see each other's rows.
 */
export type TestBackend = 'embedded' | 'scaled';
export const TEST_BACKEND: TestBackend = process.env.ZIPIN_TEST_BACKEND === 'scaled' ? 'scaled' : 'embedded';
export const TEST_MYSQL_URL = process.env.ZIPIN_TEST_MYSQL_URL ?? 'mysql://zipin:zipin@127.0.0.1:3306';
export const TEST_REDIS_URL = process.env.ZIPIN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** argon2id's lowest cost (1 MiB, 1 pass): a test's hash is ~1 ms instead of ~40. */
export const TEST_PASSWORD_HASHING = { memoryCost: 1024, timeCost: 1 };

export interface TestEnvironment {
  config: AppConfig;
  cleanup(): Promise<void>;
}

export async function createTestEnvironment(overrides: Partial<AppConfig> = {}): Promise<TestEnvironment> {
  const dir = mkdtempSync(join(tmpdir(), 'zipin-test-'));
  const suffix = randomBytes(4).toString('hex');
  const base = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'error' } as NodeJS.ProcessEnv);
  let dropDatabase = async () => {};
  // Accounts are made by the dozen per file: hashes at argon2's floor cost, so the suites spend
  // their time on what they test. A suite about hashing itself passes PASSWORD_HASHING back.
  let config: AppConfig = { ...base, demoData: false, runJobs: true, port: 0, host: '127.0.0.1', passwordHashing: TEST_PASSWORD_HASHING };
  if (TEST_BACKEND === 'scaled') {
    const dbName = `zipin_test_${suffix}`;
    const admin = await createConnection(TEST_MYSQL_URL);
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    dropDatabase = async () => {
      const c = await createConnection(TEST_MYSQL_URL);
      await c.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await c.end();
    };
    config = {
      ...config,
      database: { kind: 'mysql', url: `${TEST_MYSQL_URL.replace(/\/+$/, '')}/${dbName}` },
      redis: { url: TEST_REDIS_URL, prefix: `zipin-test-${suffix}`, lockMs: DEFAULT_JOB_LOCK_MS },
    };
  }
  config = { ...config, ...overrides };
  return {
    config,
    async cleanup() {
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
