import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { APPROVED_STATES, ErrorCode, STAGE_ROLE, STAGE_STATES, stageOf, stageOfRole, type ReviewStage } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { NotificationService } from '../notification/notification.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { UserEntity } from '../org/user.entity.js';
import { UserAuditEventEntity } from '../org/user-audit-event.entity.js';
import { PackageEntity } from '../package/package.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { actorOf } from './workflow-actions.service.js';
import { WorkflowService } from './workflow.service.js';

export interface AssignInput {
  /** BUREAU (default): a bureau REVIEWER; SUPERVISOR: a 主管部门's SUPERVISOR account. */
  stage?: ReviewStage | null;
  reviewerId: string | null;
  packageIds?: string[] | null;
  unitIds?: string[] | null;
  supervisorUnitIds?: string[] | null;
}

export interface ReassignWorkInput {
  fromUserId: string;
  toUserId: string;
  reason?: string | null;
}

export interface AssignmentResult {
  units: number;
  packages: number;
  skippedPackageIds: string[];
}

export interface ReviewerWorkload {
  reviewer: UserEntity;
  stage: ReviewStage;
  /** Units whose packages go to this reviewer in advance. */
  units: number;
  /** Open packages assigned to or claimed by this reviewer, whatever their state. */
  packages: number;
  /** Of those, the ones waiting in this reviewer's stage now. */
  inReview: number;
}

const ASSIGN_MAX = 1000;
/** A unit's column for the reviewer assigned in advance, and a package's, by stage. */
const UNIT_COLUMN = { BUREAU: 'reviewerId', SUPERVISOR: 'supervisorReviewerId' } as const;
const PACKAGE_COLUMN = { BUREAU: 'assigneeId', SUPERVISOR: 'supervisorAssigneeId' } as const;

/**
 * Assignment in advance (预先分配): the admin names the reviewer of a stage for packages, whole
 * units or a 主管部门's group — a bureau REVIEWER, or a 主管部门's own SUPERVISOR account for the units
 * under that 主管部门. A unit's reviewer takes its future packages; open packages take the reviewer
 * now, as a claim would (it sticks across returns). A package claimed by someone else is left alone
 * (改派 is the way to move it) and so is one past review. The assignment changes no state and no
 * version, so nobody's open draft is disturbed.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly notifications: NotificationService,
    private readonly workflow: WorkflowService,
    private readonly dataSource: DataSource,
  ) {}

  async assign(admin: RequestUser, input: AssignInput): Promise<AssignmentResult> {
    const stage: ReviewStage = input.stage ?? 'BUREAU';
    const packageIds = [...new Set(input.packageIds ?? [])];
    const unitIds = [...new Set(input.unitIds ?? [])];
    const supervisorUnitIds = [...new Set(input.supervisorUnitIds ?? [])];
    if (!packageIds.length && !unitIds.length && !supervisorUnitIds.length) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: '请选择要分配的材料、单位或主管部门', en: 'Choose the packages, units or departments in charge to assign' });
    }
    if (packageIds.length + unitIds.length + supervisorUnitIds.length > ASSIGN_MAX) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: `一次最多分配${ASSIGN_MAX}项`, en: `At most ${ASSIGN_MAX} items can be assigned at once` });
    }
    return this.transactions.run(async (tx) => {
      const m = tx.manager;
      const reviewer = input.reviewerId ? await this.stageReviewer(m, input.reviewerId, admin.bureauId, stage) : null;
      const units = m.getRepository(UnitEntity);
      const groups = supervisorUnitIds.length ? await units.findBy({ id: In(supervisorUnitIds), bureauId: admin.bureauId }) : [];
      if (groups.length !== supervisorUnitIds.length) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '主管部门不存在', en: 'The department in charge does not exist' });
      const members = groups.length ? await units.findBy({ supervisorUnitId: In(groups.map((g) => g.id)), bureauId: admin.bureauId }) : [];
      const named = unitIds.length ? await units.findBy({ id: In(unitIds), bureauId: admin.bureauId }) : [];
      if (named.length !== unitIds.length) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '单位不存在', en: 'The unit does not exist' });
      // For the bureau a 主管部门's group is the department itself and the units under it; for the
      // 主管部门's own reviewer only the units under it (the department's own packages skip its stage).
      const allUnits = [...new Map([...(stage === 'BUREAU' ? groups : []), ...members, ...named].map((u) => [u.id, u])).values()];
      const own = stage === 'SUPERVISOR' && reviewer ? ((await units.findOneBy({ id: reviewer.unitId! }))?.name ?? null) : null;
      if (stage === 'SUPERVISOR') {
        for (const g of groups) this.assertUnder(reviewer, own, g.id, g.name);
        for (const u of named) this.assertUnder(reviewer, own, u.supervisorUnitId, u.name);
      }
      if (allUnits.length) await units.update({ id: In(allUnits.map((u) => u.id)) }, { [UNIT_COLUMN[stage]]: reviewer?.id ?? null });

      const repo = m.getRepository(PackageEntity);
      const direct = packageIds.length ? await repo.findBy({ id: In(packageIds), bureauId: admin.bureauId }) : [];
      if (direct.length !== packageIds.length) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '材料不存在', en: 'The package does not exist' });
      if (stage === 'SUPERVISOR' && direct.length) {
        const unitsOf = new Map((await units.findBy({ id: In(direct.map((p) => p.unitId)) })).map((u) => [u.id, u]));
        for (const p of direct) this.assertUnder(reviewer, own, p.supervisorUnitId, unitsOf.get(p.unitId)?.name ?? p.unitId);
      }
      const ofUnits = allUnits.length ? await repo.findBy({ unitId: In(allUnits.map((u) => u.id)), bureauId: admin.bureauId, state: Not(In([...APPROVED_STATES])) }) : [];
      const packages = [...new Map([...direct, ...ofUnits].map((p) => [p.id, p])).values()];
      const column = PACKAGE_COLUMN[stage];
      const skipped: string[] = [];
      const changed: PackageEntity[] = [];
      for (const p of packages) {
        const claimedByOther = p.state === STAGE_STATES[stage].claimed && p.claimedById && p.claimedById !== reviewer?.id;
        if (claimedByOther || APPROVED_STATES.includes(p.state)) {
          skipped.push(p.id);
          continue;
        }
        if (p[column] === (reviewer?.id ?? null)) continue;
        changed.push(p);
      }
      const now = new Date();
      if (changed.length) {
        await repo.update({ id: In(changed.map((p) => p.id)) }, { [column]: reviewer?.id ?? null });
        await this.auditAssign(m, admin, changed, stage, reviewer, now);
      }
      await m.getRepository(UserAuditEventEntity).insert({
        bureauId: admin.bureauId,
        actorId: admin.id,
        subjectUserId: reviewer?.id ?? null,
        subjectUnitId: null,
        action: 'ASSIGN_REVIEWER',
        details: { stage, unitIds: allUnits.map((u) => u.id), packageIds: changed.map((p) => p.id), supervisorUnitIds },
        at: now,
      });
      if (reviewer && changed.length) await this.tellAssigned(tx, reviewer, changed, stage);
      return { units: allUnits.length, packages: changed.length, skippedPackageIds: skipped };
    });
  }

  /**
   * 改派 when someone is away: all of one reviewer's open work goes to a colleague of the same stage
   * (the same 主管部门 for a supervisor). Units assigned in advance move; a package in that stage now
   * is reassigned through the workflow (audited, both told, the reason on the record); one elsewhere
   * (a draft, or in the other stage) just changes hands for when it comes back.
   */
  async reassignWork(admin: RequestUser, input: ReassignWorkInput): Promise<AssignmentResult> {
    if (input.fromUserId === input.toUserId) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: '请选择另一位审核人接手', en: 'Choose another reviewer to take over' });
    }
    return this.transactions.run(async (tx) => {
      const m = tx.manager;
      const from = await m.getRepository(UserEntity).findOneBy({ id: input.fromUserId });
      const stage = stageOfRole(from?.role);
      if (!from || from.bureauId !== admin.bureauId || !stage) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: '只能改派本财政局审核人的工作', en: "Only the work of this bureau's reviewers can be reassigned" }, { fromUserId: input.fromUserId });
      }
      const to = await this.stageReviewer(m, input.toUserId, admin.bureauId, stage);
      if (stage === 'SUPERVISOR' && to.unitId !== from.unitId) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          { zh: `「${to.displayName}」不是「${from.displayName}」所在主管部门的审核账号，不能接手其工作`, en: `${to.displayName} is not a reviewer of ${from.displayName}'s department in charge and cannot take over that work` },
          { toUserId: to.id },
        );
      }
      const unitColumn = UNIT_COLUMN[stage];
      const column = PACKAGE_COLUMN[stage];
      const units = await m.getRepository(UnitEntity).findBy({ bureauId: admin.bureauId, [unitColumn]: from.id });
      if (units.length) await m.getRepository(UnitEntity).update({ id: In(units.map((u) => u.id)) }, { [unitColumn]: to.id });
      const repo = m.getRepository(PackageEntity);
      const open = { bureauId: admin.bureauId, state: Not(In([...APPROVED_STATES])) };
      const held = [...new Map([...(await repo.findBy({ ...open, [column]: from.id })), ...(await repo.findBy({ ...open, claimedById: from.id }))].map((p) => [p.id, p])).values()];
      const skipped: string[] = [];
      const moved: PackageEntity[] = [];
      const now = new Date();
      const reason = input.reason?.trim() || null;
      for (const p of held) {
        if (stageOf(p.state) === stage) {
          // Someone else holds it by a claim: theirs to hand back, not part of the absent reviewer's work.
          if (p.claimedById && p.claimedById !== from.id) {
            skipped.push(p.id);
            continue;
          }
          await this.workflow.fire(tx, { packageId: p.id, action: 'REASSIGN', actor: actorOf(admin), expectedVersion: p.version, targetUserId: to.id, reason });
        } else {
          await repo.update({ id: p.id }, { [column]: to.id });
          await this.auditAssign(m, admin, [p], stage, to, now, reason);
        }
        moved.push(p);
      }
      await m.getRepository(UserAuditEventEntity).insert({
        bureauId: admin.bureauId,
        actorId: admin.id,
        subjectUserId: to.id,
        subjectUnitId: null,
        action: 'REASSIGN_WORK',
        details: { stage, fromUserId: from.id, unitIds: units.map((u) => u.id), packageIds: moved.map((p) => p.id), reason: reason ?? undefined },
        at: now,
      });
      const quiet = moved.filter((p) => stageOf(p.state) !== stage);
      if (quiet.length) await this.tellAssigned(tx, to, quiet, stage);
      return { units: units.length, packages: moved.length, skippedPackageIds: skipped };
    });
  }

  /** Per reviewer of the bureau (both stages): the units and open packages assigned to them. Inactive ones only while they still hold work. */
  async workload(admin: RequestUser): Promise<ReviewerWorkload[]> {
    const m = this.dataSource.manager;
    const reviewers = await m.getRepository(UserEntity).find({
      where: { bureauId: admin.bureauId, role: In(['REVIEWER', 'SUPERVISOR']) },
      order: { displayName: 'ASC', id: 'ASC' },
    });
    const units = await m.getRepository(UnitEntity).find({ where: { bureauId: admin.bureauId }, select: { id: true, reviewerId: true, supervisorReviewerId: true } });
    const packages = await m.getRepository(PackageEntity).find({
      where: { bureauId: admin.bureauId, state: Not(In([...APPROVED_STATES])) },
      select: { id: true, state: true, assigneeId: true, supervisorAssigneeId: true, claimedById: true },
    });
    const out: ReviewerWorkload[] = [];
    for (const r of reviewers) {
      const stage = stageOfRole(r.role) ?? 'BUREAU';
      const mine = packages.filter((p) => p[PACKAGE_COLUMN[stage]] === r.id || (p.claimedById === r.id && stageOf(p.state) === stage));
      const row = {
        reviewer: r,
        stage,
        units: units.filter((u) => u[UNIT_COLUMN[stage]] === r.id).length,
        packages: mine.length,
        inReview: mine.filter((p) => stageOf(p.state) === stage && (p.claimedById ?? p[PACKAGE_COLUMN[stage]]) === r.id).length,
      };
      if (r.active || row.units || row.packages) out.push(row);
    }
    return out;
  }

  /** The reviewers of a stage the signed-in user may hand a package to (or, for the admin, assign). */
  async stageReviewers(user: RequestUser, stage: ReviewStage, supervisorUnitId?: string | null): Promise<UserEntity[]> {
    const role = STAGE_ROLE[stage];
    const unitId = stage === 'SUPERVISOR' ? (user.role === 'SUPERVISOR' ? user.unitId : supervisorUnitId) : null;
    if (stage === 'SUPERVISOR' && !unitId) throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: '请指定主管部门', en: 'Name the department in charge' });
    if (user.role === 'SUPERVISOR' && stage !== 'SUPERVISOR') throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED);
    return this.dataSource.getRepository(UserEntity).find({
      where: { bureauId: user.bureauId, role, active: true, unitId: unitId ? unitId : IsNull() },
      order: { displayName: 'ASC', id: 'ASC' },
    });
  }

  /** A 主管部门's reviewer takes only what passes through that 主管部门. */
  private assertUnder(reviewer: UserEntity | null, own: string | null, supervisorUnitId: string | null, name: string): void {
    if (!supervisorUnitId) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: `「${name}」没有主管部门，不经主管部门审核`, en: `${name} has no department in charge and skips that stage` });
    }
    if (reviewer && reviewer.unitId !== supervisorUnitId) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        {
          zh: `「${reviewer.displayName}」是${own ? `「${own}」` : '其他主管部门'}的审核账号，只能分配该主管部门所属单位的材料，「${name}」不在其中`,
          en: `${reviewer.displayName} reviews for ${own ?? 'another department in charge'} and can be assigned only the units under it; ${name} is not one of them`,
        },
        { reviewerId: reviewer.id },
      );
    }
  }

  private async auditAssign(m: EntityManager, admin: RequestUser, pkgs: PackageEntity[], stage: ReviewStage, to: UserEntity | null, at: Date, reason: string | null = null): Promise<void> {
    await m.getRepository(AuditEventEntity).insert(
      pkgs.map((p) => ({
        packageId: p.id,
        actorId: admin.id,
        actorRole: admin.role,
        action: 'ASSIGN',
        fromState: p.state,
        toState: p.state,
        reason,
        details: { stage, fromUserId: p[PACKAGE_COLUMN[stage]], toUserId: to?.id ?? null, toUserName: to?.displayName ?? null },
        at,
      })) as never,
    );
  }

  private async tellAssigned(tx: Tx, reviewer: UserEntity, pkgs: PackageEntity[], stage: ReviewStage): Promise<void> {
    const waiting = pkgs.filter((p) => p.state === STAGE_STATES[stage].waiting);
    await this.notifications.notify(tx, [reviewer.id], {
      kind: 'ASSIGN',
      title: '自评材料已分配给您审核',
      body: `管理员将${pkgs.length}份自评材料分配给您审核${waiting.length ? `，其中${waiting.length}份已报送待审核` : ''}。`,
      packageId: pkgs.length === 1 ? pkgs[0]!.id : null,
    });
  }

  private async stageReviewer(m: EntityManager, userId: string, bureauId: string, stage: ReviewStage): Promise<UserEntity> {
    const u = await m.getRepository(UserEntity).findOneBy({ id: userId });
    const fits = !!u && u.bureauId === bureauId && u.role === STAGE_ROLE[stage] && u.active && (stage === 'SUPERVISOR' ? !!u.unitId : !u.unitId);
    if (!fits) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        stage === 'SUPERVISOR'
          ? { zh: '只能分配给本财政局主管部门的在用审核账号', en: "Assign only to an active reviewer account of one of this bureau's departments in charge" }
          : { zh: '只能分配给本财政局的在用审核人账号', en: "Assign only to an active reviewer account of this bureau" },
        { reviewerId: userId },
      );
    }
    return u!;
  }
}
