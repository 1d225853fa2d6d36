import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { RowCacheInvalidation } from './row-cache.js';

/** One set of entities and migrations for SQLite (embedded) and MySQL/MariaDB (production). */
/**
 * `runMigrations` is true for the API (and embedded); scaled-out workers start after the API
 * reports healthy and leave the schema alone, so migrations never run twice at once.
 */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>, runMigrations = true): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers: [RowCacheInvalidation],
    migrationsRun: runMigrations,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error' as const],
  };
  if (config.database.kind === 'sqlite') {
    if (config.database.file !== ':memory:') mkdirSync(dirname(config.database.file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: config.database.file,
      // WAL lets readers (the public portal) go on while a save commits; a busy writer waits.
      prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    } as DataSourceOptions;
  }
  return {
    ...common,
    type: 'mysql',
    url: config.database.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: true,
    extra: { connectionLimit: 20, waitForConnections: true },
  } as DataSourceOptions;
}
