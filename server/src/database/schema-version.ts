import type { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** The database and this build disagree on the schema; retrying cannot help. */
export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}

/**
 * The schema version is the list of migrations applied (TypeORM's `migrations` table). A
 * database with a migration this build does not know was upgraded by a newer release:
 * running on it could write rows the newer code cannot read, so the process refuses to start.
 * A process that does not migrate (a worker) also refuses a schema that is behind it.
 */
export async function checkSchemaVersion(ds: DataSource, willMigrate: boolean): Promise<void> {
  const known = MIGRATIONS.map((m) => m.name);
  const hasTable = await ds.createQueryRunner().hasTable('migrations').catch(() => false);
  const applied: string[] = hasTable ? (await ds.query('SELECT name FROM migrations ORDER BY id')).map((r: { name: string }) => r.name) : [];
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length) {
    throw new SchemaVersionError(
      `数据库结构比本程序新，拒绝启动 The database schema is newer than this build of Zipin: it has ${unknown.join(', ')}, ` +
        `this build knows up to ${known.at(-1)}. Start the newer release (or restore a backup taken before the upgrade).`,
    );
  }
  const pending = known.filter((name) => !applied.includes(name));
  if (pending.length && !willMigrate) {
    throw new SchemaVersionError(
      `数据库结构尚未升级 The database schema is older than this build (missing ${pending.join(', ')}): start the API process first, it migrates the database; workers start after it.`,
    );
  }
}
