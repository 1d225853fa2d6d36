import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { CommentEntity } from './comment.entity.js';
import {
  ErrorCode,
  OPINION_MAX,
  STAGE_ROLE,
  WORKFLOW,
  checkTransition,
  stageOf,
  type PackageState,
  type ReviewStage,
  type TransitionRule,
  type WorkflowAction,
  type WorkflowActor,
} from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { Tx } from '../../database/transaction.service.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { NotificationService } from '../notification/notification.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { UserEntity } from '../org/user.entity.js';
import { evaluatePackage } from '../package/package-evaluation.js';
import { guardedUpdate, lockPackage } from '../package/package-lock.js';
import type { PackageRevisionEntity, RevisionKind } from '../package/package-revision.entity.js';
import { PackageRevisionService } from '../package/package-revision.service.js';
import { PackageEntity } from '../package/package.entity.js';
import { campaignContext, voidSignature } from '../package/package.service.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { OpinionService } from './opinion.service.js';
import { LiveBus } from '../live/live-bus.js';
import { Clock } from '../../common/clock.js';
import { JobQueue } from '../../jobs/job-queue.service.js';

export const SYSTEM_ACTOR: WorkflowActor = { userId: 'system', role: 'SYSTEM' };

export interface FireInput {
  packageId: string;
  action: WorkflowAction;
  actor: WorkflowActor;
  expectedVersion?: number;
  reason?: string | null;
  publishAt?: Date | null;
  /** The opinion put on the record by SIGN, APPROVE and CONCUR (审核意见); optional text. */
  opinion?: string | null;
  /** The colleague a TRANSFER or REASSIGN hands the package to. */
  targetUserId?: string | null;
}

export interface FireResult {
  pkg: PackageEntity;
  event: AuditEventEntity;
  from: PackageState;
  to: PackageState;
  /** The snapshot taken by this transition (SUBMIT, SIGN, RETURN, APPROVE), else null. */
  revision: PackageRevisionEntity | null;
  /** True when this was a retry of a transition that had already been applied. */
  replayed: boolean;
}

/** Transitions that freeze a copy of the documents. */
const SNAPSHOT: Partial<Record<WorkflowAction, RevisionKind>> = { SUBMIT: 'SUBMIT', SIGN: 'SIGN', RETURN: 'RETURN', APPROVE: 'APPROVE' };

type Decision =
  | { kind: 'replay'; event: AuditEventEntity }
  | {
      kind: 'apply';
      from: PackageState;
      to: PackageState;
      rule: TransitionRule;
      unit: UnitEntity | null;
      target: UserEntity | null;
      previousHolderId?: string | null;
    };

/** The stage's assignee column: who the package goes to in that stage. */
const ASSIGNEE: Record<ReviewStage, 'supervisorAssigneeId' | 'assigneeId'> = { SUPERVISOR: 'supervisorAssigneeId', BUREAU: 'assigneeId' };

/**
 * The one way a package changes state. Each call runs inside the caller's transaction: it locks
 * the row, asks the shared workflow table (checkTransition) whether the actor may fire the action
 * now, checks the version, applies the change with a guarded UPDATE, appends the audit event and
 * writes the next actor's notifications. Refusals carry the guard's code and Chinese reason.
 */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly revisions: PackageRevisionService,
    private readonly notifications: NotificationService,
    private readonly live: LiveBus,
    private readonly opinions: OpinionService,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  async fire(tx: Tx, input: FireInput): Promise<FireResult> {
    const pkg = await lockPackage(tx, input.packageId);
    const decision = await this.decide(tx.manager, pkg, input);
    if (decision.kind === 'replay') {
      const e = decision.event;
      return { pkg, event: e, from: e.fromState!, to: e.toState!, revision: null, replayed: true };
    }
    const { from, to, rule, unit, target } = decision;
    const { action, actor } = input;
    const stage = stageOf(from);
    const now = this.clock.now();
    const nextVersion = pkg.version + 1;
    const changes: Partial<PackageEntity> = { state: to };
    const kind = SNAPSHOT[action];
    const revision = kind ? await this.revisions.snapshot(tx, pkg, kind, actorId(actor), nextVersion) : null;
    switch (action) {
      case 'CLAIM':
        changes.claimedById = actor.userId;
        // The first claim sticks: after a return the package comes back to the same reviewer.
        if (stage && !pkg[ASSIGNEE[stage]]) changes[ASSIGNEE[stage]] = actor.userId;
        break;
      case 'RELEASE':
        changes.claimedById = null;
        // Giving a package up gives up its assignment too (the pool, or the admin, takes it).
        if (stage && pkg[ASSIGNEE[stage]] === actor.userId) changes[ASSIGNEE[stage]] = null;
        break;
      case 'SIGN':
        changes.submittedAt = now;
        // Where the unit stands now decides the way (its 主管部门 may have changed since the draft).
        changes.supervisorUnitId = unit?.supervisorUnitId ?? null;
        if (to === 'SUBMITTED' && !pkg.assigneeId) changes.assigneeId = unit?.reviewerId ?? null;
        if (to === 'SUBMITTED_TO_SUPERVISOR') {
          // A claim sticks within the same 主管部门; otherwise its reviewer assigned in advance takes the package.
          const sameSupervisor = pkg.supervisorUnitId === changes.supervisorUnitId;
          if (!pkg.supervisorAssigneeId || !sameSupervisor) changes.supervisorAssigneeId = unit?.supervisorReviewerId ?? null;
        }
        break;
      case 'APPROVE':
        changes.claimedById = null;
        if (to === 'APPROVED') changes.approvedAt = now;
        else if (!pkg.assigneeId) changes.assigneeId = unit?.reviewerId ?? null;
        break;
      case 'TRANSFER':
      case 'REASSIGN':
        changes[ASSIGNEE[stage!]] = target!.id;
        if (pkg.claimedById) changes.claimedById = target!.id;
        // A concurrer cannot become the claimant of the package they concurred on.
        if (pkg.concurredById === target!.id) changes.concurredById = null;
        break;
      case 'CONCUR':
        changes.concurredById = actor.userId;
        break;
      case 'RETURN':
      case 'WITHDRAW':
        changes.claimedById = null;
        changes.concurredById = null;
        if (action === 'RETURN') changes.returnedRevisionId = revision!.id;
        if (pkg.signatureId) {
          // What was signed is about to change (or be re-edited): the signature no longer holds.
          await voidSignature(tx, pkg.signatureId, action === 'RETURN' ? '材料被退回修改' : '材料被撤回');
          changes.signatureId = null;
        }
        // The round's opinions were given on what is about to change; the next round gives them again.
        await this.opinions.voidOpen(tx, pkg.id, action === 'RETURN' ? '材料被退回修改' : '材料被撤回', now);
        break;
      case 'SCHEDULE':
      case 'RESCHEDULE':
        // A new schedule starts its due-time tries afresh, and lifts a hold on the old one.
        changes.publishAt = input.publishAt ?? null;
        changes.publishTries = 0;
        changes.publishBlockedAt = null;
        break;
      case 'UNSCHEDULE':
        changes.publishAt = null;
        changes.publishTries = 0;
        changes.publishBlockedAt = null;
        break;
      case 'PUBLISH':
        changes.publishedAt = now;
        break;
    }
    const version = await guardedUpdate(tx, pkg, changes);
    const event = tx.manager.getRepository(AuditEventEntity).create({
      packageId: pkg.id,
      actorId: actorId(actor),
      actorRole: actor.role,
      action,
      fromState: from,
      toState: to,
      reason: input.reason?.trim() || null,
      details: {
        expectedVersion: input.expectedVersion ?? null,
        version,
        ...(revision ? { revisionId: revision.id, documentHash: revision.documentHash } : {}),
        ...(changes.publishAt ? { publishAt: changes.publishAt.toISOString() } : {}),
        ...(target ? { toUserId: target.id, toUserName: target.displayName, fromUserId: pkg.claimedById ?? (stage ? pkg[ASSIGNEE[stage]] : null) } : {}),
        ...(rule.opinion ? { opinion: cleanOpinion(input.opinion) } : {}),
      },
      at: now,
    });
    await tx.manager.getRepository(AuditEventEntity).insert(event as never);
    if (rule.opinion) await this.opinions.record(tx, pkg, rule.opinion, actor, cleanOpinion(input.opinion), event.id, now);
    Object.assign(pkg, changes, { version, updatedAt: now });
    await this.notifications.forTransition(tx, pkg, { action, from, to, actor, reason: input.reason, previousHolderId: target ? (decision.previousHolderId ?? null) : null });
    // The copy that will go public prints the approval and the opinions on record: keep it current.
    // Scheduling changes nothing it shows (PublicationService asks only when there is no copy yet).
    if (to === 'APPROVED' || (rule.opinion && to === 'SCHEDULED')) await this.jobs.enqueue(tx, 'package.prepare-pdf', { packageId: pkg.id });
    this.live.afterCommit(tx, {
      kind: 'PACKAGE',
      packageId: pkg.id,
      bureauId: pkg.bureauId,
      unitId: pkg.unitId,
      supervisorUnitId: pkg.supervisorUnitId,
      campaignId: pkg.campaignId,
      state: to,
      action,
      actorRole: actor.role,
      version,
      at: now.toISOString(),
    });
    return { pkg, event, from, to, revision, replayed: false };
  }

  /**
   * The same decision fire makes, without writing: lets a caller refuse early, before asking for
   * a password (so a refused signer's wrong password never counts towards a lock-out).
   */
  async preflight(manager: EntityManager, input: FireInput): Promise<'apply' | 'replay'> {
    const pkg = await manager.getRepository(PackageEntity).findOneBy({ id: input.packageId });
    if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '材料不存在', en: 'The package does not exist' });
    return (await this.decide(manager, pkg, input)).kind;
  }

  /** An approval is a decision on the package as it stands: a field comment still open blocks it. */
  private async assertNoOpenComments(manager: EntityManager, pkg: PackageEntity): Promise<void> {
    const open = await manager.getRepository(CommentEntity).countBy({ packageId: pkg.id, parentId: IsNull(), resolvedAt: IsNull() });
    if (open > 0) throw new DomainError(ErrorCode.OPEN_COMMENTS, undefined, { openComments: open });
  }

  private async decide(manager: EntityManager, pkg: PackageEntity, input: FireInput): Promise<Decision> {
    const { action, actor, expectedVersion } = input;
    if (expectedVersion != null && pkg.version !== expectedVersion) {
      // A double click or a retried request: the same actor's same action from the same version
      // already went through, so answer with the package as it is now.
      const last = await manager.getRepository(AuditEventEntity).findOne({ where: { packageId: pkg.id }, order: { id: 'DESC' } });
      if (
        last &&
        last.action === action &&
        last.actorId === actorId(actor) &&
        last.actorRole === actor.role &&
        last.details?.expectedVersion === expectedVersion
      ) {
        return { kind: 'replay', event: last };
      }
    }
    const rule = WORKFLOW[pkg.state]?.[action];
    const campaign = rule ? await manager.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId }) : null;
    const unit = rule ? await manager.getRepository(UnitEntity).findOneBy({ id: pkg.unitId }) : null;
    const canSubmit = rule?.needsPassingChecks ? this.canSubmit(pkg, campaign!, unit) : undefined;
    const stage = stageOf(pkg.state);
    // At signing the unit's current 主管部门 decides; later the one the package went through.
    const supervisorUnitId = action === 'SIGN' ? (unit?.supervisorUnitId ?? null) : pkg.supervisorUnitId;
    const outcome = checkTransition({
      action,
      actor,
      pkg: {
        state: pkg.state,
        unitId: pkg.unitId,
        bureauId: pkg.bureauId,
        claimedById: pkg.claimedById,
        fiscalYear: pkg.fiscalYear,
        supervisorUnitId: pkg.supervisorUnitId,
        supervised: !!campaign?.supervisorStage && !!supervisorUnitId,
        assigneeId: stage ? pkg[ASSIGNEE[stage]] : null,
        concurrenceRequired: !!campaign?.requiresConcurrence,
        concurredById: pkg.concurredById,
      },
      reason: input.reason,
      canSubmit,
      publishAt: input.publishAt ?? null,
      now: this.clock.now(),
      targetUserId: input.targetUserId ?? null,
    });
    if (!outcome.ok) {
      throw new DomainError(outcome.code, outcome.reason.zh, { from: outcome.from, action: outcome.action, reasonEn: outcome.reason.en });
    }
    if (action === 'APPROVE') await this.assertNoOpenComments(manager, pkg);
    if (outcome.rule.opinion && cleanOpinion(input.opinion) && cleanOpinion(input.opinion)!.length > OPINION_MAX) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `意见最多${OPINION_MAX}字`);
    }
    const target = outcome.rule.needsTarget ? await this.stageColleague(manager, pkg, stage!, input.targetUserId!) : null;
    if (expectedVersion != null && pkg.version !== expectedVersion) {
      throw new DomainError(ErrorCode.VERSION_CONFLICT, undefined, { currentVersion: pkg.version });
    }
    return {
      kind: 'apply',
      from: outcome.from,
      to: outcome.to,
      rule: outcome.rule,
      unit,
      target,
      previousHolderId: pkg.claimedById ?? (stage ? pkg[ASSIGNEE[stage]] : null),
    };
  }

  /** Who may receive a package in its stage: an active reviewer of the bureau, or of the package's 主管部门. */
  private async stageColleague(manager: EntityManager, pkg: PackageEntity, stage: ReviewStage, userId: string): Promise<UserEntity> {
    const user = await manager.getRepository(UserEntity).findOneBy({ id: userId });
    const role = STAGE_ROLE[stage];
    const fits =
      !!user &&
      user.active &&
      user.bureauId === pkg.bureauId &&
      user.role === role &&
      (stage === 'SUPERVISOR' ? user.unitId === pkg.supervisorUnitId : user.unitId == null);
    if (!fits) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        stage === 'SUPERVISOR' ? '接收人须是该材料主管部门的在用审核账号' : '接收人须是本财政局的在用审核人账号',
        { targetUserId: userId },
      );
    }
    return user!;
  }

  /** The server's own verdict on the stored document (the client's is advisory). */
  private canSubmit(pkg: PackageEntity, campaign: CampaignEntity, unit: UnitEntity | null): boolean {
    return evaluatePackage(pkg.document, campaign.template, campaignContext(campaign, unit)).summary.canSubmit;
  }
}

/** An opinion as written; only one that is nothing but spaces counts as none. */
export function cleanOpinion(opinion: string | null | undefined): string | null {
  return opinion != null && opinion.trim() ? opinion : null;
}

function actorId(actor: WorkflowActor): string | null {
  return actor.role === 'SYSTEM' ? null : actor.userId;
}
