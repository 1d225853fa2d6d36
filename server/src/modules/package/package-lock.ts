import { ErrorCode, type PackageState } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { Tx } from '../../database/transaction.service.js';
import { PackageEntity } from './package.entity.js';

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
  if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
  return pkg;
}

/**
 * Writes a change only if nobody bumped the version since it was read (and, given `states`,
 * only while the package is in one of them); returns the new version.
 */
export async function guardedUpdate(tx: Tx, pkg: PackageEntity, changes: Partial<PackageEntity>, states?: readonly PackageState[]): Promise<number> {
  const next = pkg.version + 1;
  const qb = tx.manager
    .createQueryBuilder()
    .update(PackageEntity)
    .set({ ...changes, version: next } as never)
    .where('id = :id AND version = :version', { id: pkg.id, version: pkg.version });
  if (states) qb.andWhere('state IN (:...states)', { states: [...states] });
  const res = await qb.execute();
  if (res.affected === 0) {
    const current = await tx.manager.getRepository(PackageEntity).findOne({ where: { id: pkg.id }, select: { id: true, version: true } });
    throw new DomainError(ErrorCode.VERSION_CONFLICT, undefined, { currentVersion: current?.version ?? null });
  }
  return next;
}
