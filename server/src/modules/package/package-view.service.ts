import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { TransactionService } from '../../database/transaction.service.js';
import { assertCanRead } from './package-access.js';
import { PackageRevisionEntity } from './package-revision.entity.js';
import { PackageViewEntity } from './package-view.entity.js';
import { PackageEntity } from './package.entity.js';

/** One row per person and package, so two tabs recording at once update the same row. */
const viewId = (userId: string, packageId: string) => createHash('sha256').update(`${userId}\u0000${packageId}`).digest('hex').slice(0, 36);

/** Remembers when each person last opened a package for review (for 修改对比 since then). */
@Injectable()
export class PackageViewService {
  constructor(private readonly transactions: TransactionService) {}

  /** Records a view now and returns the previous one (null on a first view). */
  async record(user: RequestUser, packageId: string): Promise<{ previous: PackageViewEntity | null; current: PackageViewEntity }> {
    return this.transactions.run(async (tx) => {
      const pkg = await tx.manager.getRepository(PackageEntity).findOneBy({ id: packageId });
      if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
      assertCanRead(user, pkg);
      const latest = await tx.manager.getRepository(PackageRevisionEntity).findOne({ where: { packageId }, order: { seq: 'DESC' } });
      const views = tx.manager.getRepository(PackageViewEntity);
      const previous = await views.findOneBy({ userId: user.id, packageId });
      const current = views.create({
        id: viewId(user.id, packageId),
        userId: user.id,
        packageId,
        revisionId: latest?.id ?? null,
        packageVersion: pkg.version,
        viewedAt: new Date(),
      });
      await views.upsert(current, { conflictPaths: ['userId', 'packageId'] });
      return { previous, current };
    });
  }
}
