import { ErrorCode, type PackageState } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { DataSource } from 'typeorm';
import { ByIdReader, GuardedUpdate, RowInsert } from '../../database/prepared-statements.js';
import type { Tx } from '../../database/transaction.service.js';
import { PackageSaveEntity } from './package-save.entity.js';
import { PackageEntity } from './package.entity.js';

interface PackageStatements {
  byId: ByIdReader<PackageEntity>;
  update: GuardedUpdate<PackageEntity>;
  insertSave: RowInsert<PackageSaveEntity>;
}
const statementsOf = new WeakMap<DataSource, PackageStatements>();

/** The package's prepared statements on this database (see prepared-statements.ts). */
export function packageStatements(dataSource: DataSource): PackageStatements {
  let s = statementsOf.get(dataSource);
  if (!s) {
    s = {
      // A filler's package is read again and again between saves: its document is parsed once per text.
      byId: new ByIdReader(dataSource, PackageEntity, { reuseParsed: ['document'] }),
      update: new GuardedUpdate(dataSource, PackageEntity, { column: 'version', inColumn: 'state' }),
      insertSave: new RowInsert(dataSource, PackageSaveEntity),
    };
    statementsOf.set(dataSource, s);
  }
  return s;
}

/**
 * Loads a package for a change: on MySQL the row is locked (SELECT … FOR UPDATE) until the
 * transaction ends; SQLite runs one write transaction at a time, so it needs no lock.
 */
export async function lockPackage(tx: Tx, id: string): Promise<PackageEntity> {
  const mysql = tx.manager.connection.options.type === 'mysql';
  const pkg = await tx.manager.getRepository(PackageEntity).findOne({
    where: { id },
    ...(mysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '材料不存在', en: 'The package does not exist' });
  return pkg;
}

/**
 * Writes a change only if nobody bumped the version since it was read (and, given `states`,
 * only while the package is in one of them); returns the new version.
 */
export async function guardedUpdate(tx: Tx, pkg: PackageEntity, changes: Partial<PackageEntity>, states?: readonly PackageState[]): Promise<number> {
  const next = pkg.version + 1;
  // updatedAt as TypeORM's update would set it, unless the caller gave one.
  const row = { updatedAt: new Date(), ...changes, version: next };
  const affected = await packageStatements(tx.manager.connection).update.run(tx.manager, pkg.id, pkg.version, row, states ?? []);
  if (affected === 0) {
    const current = await tx.manager.getRepository(PackageEntity).findOne({ where: { id: pkg.id }, select: { id: true, version: true } });
    throw new DomainError(ErrorCode.VERSION_CONFLICT, undefined, { currentVersion: current?.version ?? null });
  }
  return next;
}
