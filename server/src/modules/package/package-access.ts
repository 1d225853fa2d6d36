import { ErrorCode, inScope } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import type { PackageEntity } from './package.entity.js';

type Scoped = Pick<PackageEntity, 'unitId' | 'bureauId'> & Partial<Pick<PackageEntity, 'supervisorUnitId'>>;

/**
 * Who may read a package (and its comments, audit trail, revisions, previews): the members of
 * its unit, the reviewers of its 主管部门, and the staff of its bureau. Nobody else, whatever the
 * package's state; the public sees only publications.
 */
export function canRead(user: RequestUser | null | undefined, pkg: Scoped): boolean {
  if (!user) return false;
  if (user.bureauId !== pkg.bureauId) return false;
  return inScope({ userId: user.id, role: user.role, unitId: user.unitId, bureauId: user.bureauId }, { ...pkg, supervisorUnitId: pkg.supervisorUnitId ?? null });
}

export function assertCanRead(user: RequestUser | null | undefined, pkg: Scoped): void {
  if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED);
  if (!canRead(user, pkg)) throw new DomainError(ErrorCode.NOT_IN_SCOPE);
}

export const PackageAccess = { canRead, assertCanRead };
