import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { APPROVED_STATES, ErrorCode, STAGE_ROLE, type ReviewStage } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { TransactionService } from '../../database/transaction.service.js';
import { NotificationService } from '../notification/notification.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { UserEntity } from '../org/user.entity.js';
import { UserAuditEventEntity } from '../org/user-audit-event.entity.js';
import { PackageEntity } from '../package/package.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AssignInput {
  reviewerId: string | null;
  packageIds?: string[] | null;
  unitIds?: string[] | null;
  supervisorUnitIds?: string[] | null;
}

export interface AssignmentResult {
  units: number;
  packages: number;
  skippedPackageIds: string[];
}

const ASSIGN_MAX = 1000;

/**
 * Assignment in advance (预先分配): the admin names the bureau reviewer for packages, whole units or
 * a 主管部门's group. A unit's reviewer takes its future packages; open packages take the reviewer
 * now. A package claimed by someone else is left alone (改派 is the way to move it) and so is one
 * past review. The assignment changes no state and no version, so nobody's open draft is disturbed.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly notifications: NotificationService,
    private readonly dataSource: DataSource,
  ) {}

  async assign(admin: RequestUser, input: AssignInput): Promise<AssignmentResult> {
    const packageIds = [...new Set(input.packageIds ?? [])];
    const unitIds = [...new Set(input.unitIds ?? [])];
    const supervisorUnitIds = [...new Set(input.supervisorUnitIds ?? [])];
    if (!packageIds.length && !unitIds.length && !supervisorUnitIds.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请选择要分配的材料、单位或主管部门');
    if (packageIds.length + unitIds.length + supervisorUnitIds.length > ASSIGN_MAX) throw new DomainError(ErrorCode.VALIDATION_FAILED, `一次最多分配${ASSIGN_MAX}项`);
    return this.transactions.run(async (tx) => {
      const m = tx.manager;
      const reviewer = input.reviewerId ? await this.stageReviewer(input.reviewerId, admin.bureauId, 'BUREAU') : null;
      const units = m.getRepository(UnitEntity);
      const groups = supervisorUnitIds.length ? await units.findBy({ id: In(supervisorUnitIds), bureauId: admin.bureauId }) : [];
      if (groups.length !== supervisorUnitIds.length) throw new DomainError(ErrorCode.NOT_FOUND, '主管部门不存在');
      const members = groups.length ? await units.findBy({ supervisorUnitId: In(groups.map((g) => g.id)), bureauId: admin.bureauId }) : [];
      const named = unitIds.length ? await units.findBy({ id: In(unitIds), bureauId: admin.bureauId }) : [];
      if (named.length !== unitIds.length) throw new DomainError(ErrorCode.NOT_FOUND, '单位不存在');
      // A 主管部门's group is the department itself and the units under it.
      const allUnits = [...new Map([...groups, ...members, ...named].map((u) => [u.id, u])).values()];
      if (allUnits.length) await units.update({ id: In(allUnits.map((u) => u.id)) }, { reviewerId: reviewer?.id ?? null });

      const repo = m.getRepository(PackageEntity);
      const direct = packageIds.length ? await repo.findBy({ id: In(packageIds), bureauId: admin.bureauId }) : [];
      if (direct.length !== packageIds.length) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
      const ofUnits = allUnits.length ? await repo.findBy({ unitId: In(allUnits.map((u) => u.id)), bureauId: admin.bureauId, state: Not(In([...APPROVED_STATES])) }) : [];
      const packages = [...new Map([...direct, ...ofUnits].map((p) => [p.id, p])).values()];
      const skipped: string[] = [];
      const changed: PackageEntity[] = [];
      for (const p of packages) {
        const claimedByOther = p.state === 'IN_REVIEW' && p.claimedById && p.claimedById !== reviewer?.id;
        if (claimedByOther || APPROVED_STATES.includes(p.state)) {
          skipped.push(p.id);
          continue;
        }
        if (p.assigneeId === (reviewer?.id ?? null)) continue;
        changed.push(p);
      }
      const now = new Date();
      if (changed.length) {
        await repo.update({ id: In(changed.map((p) => p.id)) }, { assigneeId: reviewer?.id ?? null });
        await m.getRepository(AuditEventEntity).insert(
          changed.map((p) => ({
            packageId: p.id,
            actorId: admin.id,
            actorRole: admin.role,
            action: 'ASSIGN',
            fromState: p.state,
            toState: p.state,
            reason: null,
            details: { fromUserId: p.assigneeId, toUserId: reviewer?.id ?? null, toUserName: reviewer?.displayName ?? null },
            at: now,
          })) as never,
        );
      }
      await m.getRepository(UserAuditEventEntity).insert({
        bureauId: admin.bureauId,
        actorId: admin.id,
        subjectUserId: reviewer?.id ?? null,
        subjectUnitId: null,
        action: 'ASSIGN_REVIEWER',
        details: { unitIds: allUnits.map((u) => u.id), packageIds: changed.map((p) => p.id), supervisorUnitIds },
        at: now,
      });
      const waiting = changed.filter((p) => p.state === 'SUBMITTED');
      if (reviewer && changed.length) {
        await this.notifications.notify(tx, [reviewer.id], {
          kind: 'ASSIGN',
          title: '自评材料已分配给您审核',
          body: `管理员将${changed.length}份自评材料分配给您审核${waiting.length ? `，其中${waiting.length}份已报送待审核` : ''}。`,
          packageId: changed.length === 1 ? changed[0]!.id : null,
        });
      }
      return { units: allUnits.length, packages: changed.length, skippedPackageIds: skipped };
    });
  }

  /** The reviewers of a stage the signed-in user may hand a package to (or, for the admin, assign). */
  async stageReviewers(user: RequestUser, stage: ReviewStage, supervisorUnitId?: string | null): Promise<UserEntity[]> {
    const role = STAGE_ROLE[stage];
    const unitId = stage === 'SUPERVISOR' ? (user.role === 'SUPERVISOR' ? user.unitId : supervisorUnitId) : null;
    if (stage === 'SUPERVISOR' && !unitId) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请指定主管部门');
    if (user.role === 'SUPERVISOR' && stage !== 'SUPERVISOR') throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED);
    return this.dataSource.getRepository(UserEntity).find({
      where: { bureauId: user.bureauId, role, active: true, unitId: unitId ? unitId : IsNull() },
      order: { displayName: 'ASC', id: 'ASC' },
    });
  }

  private async stageReviewer(userId: string, bureauId: string, stage: ReviewStage): Promise<UserEntity> {
    const u = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!u || u.bureauId !== bureauId || u.role !== STAGE_ROLE[stage] || !u.active || u.unitId) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '只能分配给本财政局的在用审核人账号', { reviewerId: userId });
    }
    return u;
  }
}
