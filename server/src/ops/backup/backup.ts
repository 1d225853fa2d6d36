import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import * as tar from 'tar';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config.js';
import { dataSourceOptions } from '../../database/data-source.js';
import { MIGRATIONS } from '../../database/migrations/index.js';
import { createArtifactStorage } from '../../storage/storage.module.js';
import { checkArtifactKey } from '../../storage/artifact-storage.js';
import { artifactRefs, checkConsistency, type ConsistencyReport, type RowQuery } from './consistency.js';
import { dumpMysql, mysqlTableCount, restoreMysql } from './mysql-dump.js';

export const BACKUP_FORMAT = 'zipin-backup/1';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: 'sqlite' | 'mysql';
  /** The schema the data is in: names of the migrations applied, in order. */
  migrations: string[];
  tables: Record<string, number>;
  artifacts: { key: string; sha256: string; bytes: number }[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const knownMigrations = () => MIGRATIONS.map((m) => m.name);

/**
 * One archive (tar.gz) with the database and every artifact its rows point at. SQLite is
 * copied with its online backup API, MySQL dumped in one consistent snapshot; both while the
 * server keeps running. Artifacts are read after the snapshot, so each row's file is there.
 */
export async function backup(config: AppConfig, file: string): Promise<BackupManifest> {
  const staging = mkdtempSync(join(tmpdir(), 'zipin-backup-'));
  try {
    let tables: Record<string, number>;
    let query: RowQuery;
    let close = () => {};
    if (config.database.kind === 'sqlite') {
      if (!existsSync(config.database.file)) throw new Error(`no database at ${config.database.file}`);
      const live = new Database(config.database.file, { fileMustExist: true });
      try {
        await live.backup(join(staging, 'database.sqlite'));
      } finally {
        live.close();
      }
      const copy = new Database(join(staging, 'database.sqlite'), { readonly: true });
      close = () => copy.close();
      query = async (sql) => copy.prepare(sql).all() as Record<string, unknown>[];
      tables = Object.fromEntries(
        (copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => [
          t.name,
          (copy.prepare(`SELECT COUNT(*) AS n FROM "${t.name}"`).get() as { n: number }).n,
        ]),
      );
    } else {
      const dir = join(staging, 'mysql');
      mkdirSync(dir);
      tables = await dumpMysql(config.database.url, dir);
      query = async (sql) => rowsFromDump(dir, sql);
    }
    try {
      const migrations = (await query('SELECT name FROM migrations ORDER BY id')).map((r) => String(r.name));
      const storage = createArtifactStorage(config.storage);
      const artifacts: BackupManifest['artifacts'] = [];
      const seen = new Set<string>();
      for (const ref of await artifactRefs(query)) {
        if (seen.has(ref.key)) continue;
        seen.add(ref.key);
        const bytes = await storage.get(ref.key);
        if (!bytes) throw new Error(`${ref.from} points at artifact ${ref.key}, which the storage does not have; nothing was written`);
        const target = join(staging, 'artifacts', checkArtifactKey(ref.key));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, bytes);
        artifacts.push({ key: ref.key, sha256: sha256(bytes), bytes: bytes.length });
      }
      const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), database: config.database.kind, migrations, tables, artifacts };
      writeFileSync(join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
      mkdirSync(dirname(file), { recursive: true });
      await tar.create({ gzip: true, file, cwd: staging, portable: true }, ['.']);
      return manifest;
    } finally {
      close();
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Answers the few SELECTs artifactRefs and backup need from the dumped JSON lines. */
function rowsFromDump(dir: string, sql: string): Record<string, unknown>[] {
  const m = /^SELECT (.+) FROM (\w+)(?: WHERE (\w+) IS NOT NULL)?(?: ORDER BY (\w+))?$/.exec(sql);
  if (!m) throw new Error(`unsupported query on a dump: ${sql}`);
  const [, cols, table, notNull, orderBy] = m;
  const path = join(dir, `${table}.jsonl`);
  if (!existsSync(path)) return [];
  let rows = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  if (notNull) rows = rows.filter((r) => r[notNull] != null);
  if (orderBy) rows.sort((a, b) => Number(a[orderBy]) - Number(b[orderBy]));
  const picks = cols!.split(',').map((c) => c.trim()).map((c) => {
    const [expr, alias] = c.split(/\s+AS\s+/i);
    return [expr!, alias ?? expr!] as const;
  });
  return rows.map((r) => Object.fromEntries(picks.map(([expr, alias]) => [alias, r[expr]])));
}

export interface RestoreResult {
  manifest: BackupManifest;
  report: ConsistencyReport;
}

/**
 * Puts an archive back: the database (into an empty one, or replacing it with `force`), then
 * the artifacts, then checks that every artifact a row points at is there with its recorded
 * hash and every signature still verifies. Stop the server (and workers) first.
 */
export async function restore(config: AppConfig, file: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const staging = mkdtempSync(join(tmpdir(), 'zipin-restore-'));
  try {
    await tar.extract({ file, cwd: staging, strict: true });
    const manifestPath = join(staging, 'manifest.json');
    if (!existsSync(manifestPath)) throw new Error(`${file} is not a Zipin backup (no manifest.json)`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT) throw new Error(`${file}: unknown backup format ${manifest.format}`);
    if (manifest.database !== config.database.kind) {
      throw new Error(`${file} holds a ${manifest.database} database; this installation uses ${config.database.kind} (set DATABASE_URL to match)`);
    }
    const known = knownMigrations();
    const unknown = manifest.migrations.filter((m) => !known.includes(m));
    if (unknown.length) throw new Error(`${file} comes from a newer Zipin (schema ${unknown.join(', ')}); restore it with that version or later`);

    // Artifacts are checked against the manifest before anything is overwritten.
    for (const a of manifest.artifacts) {
      const bytes = readFileSync(join(staging, 'artifacts', checkArtifactKey(a.key)));
      if (sha256(bytes) !== a.sha256) throw new Error(`${file}: artifact ${a.key} is damaged in the archive`);
    }

    if (config.database.kind === 'sqlite') {
      const target = config.database.file;
      if (existsSync(target) && !options.force) throw new Error(`${target} exists; stop the server and pass --force to replace it`);
      mkdirSync(dirname(target), { recursive: true });
      for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
      copyFileSync(join(staging, 'database.sqlite'), target);
    } else {
      if ((await mysqlTableCount(config.database.url)) > 0 && !options.force) {
        throw new Error('the database is not empty; stop the server and pass --force to replace it');
      }
      await restoreMysql(config.database.url, join(staging, 'mysql'), Boolean(options.force));
    }

    const storage = createArtifactStorage(config.storage);
    for (const a of manifest.artifacts) await storage.put(a.key, readFileSync(join(staging, 'artifacts', a.key)), a.key.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream');

    const report = await verify(config);
    return { manifest, report };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The consistency check alone, on the configured database and storage. */
export async function verify(config: AppConfig): Promise<ConsistencyReport> {
  const ds = await new DataSource(dataSourceOptions(config, false)).initialize();
  try {
    return await checkConsistency(ds, createArtifactStorage(config.storage));
  } finally {
    await ds.destroy();
  }
}
