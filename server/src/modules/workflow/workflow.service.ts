import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ErrorCode,
  WORKFLOW,
  checkTransition,
  type PackageState,
  type WorkflowAction,
  type WorkflowActor,
} from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { Tx } from '../../database/transaction.service.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { NotificationService } from '../notification/notification.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { evaluatePackage } from '../package/package-evaluation.js';
import { guardedUpdate, lockPackage } from '../package/package-lock.js';
import type { PackageRevisionEntity, RevisionKind } from '../package/package-revision.entity.js';
import { PackageRevisionService } from '../package/package-revision.service.js';
import { PackageEntity } from '../package/package.entity.js';
import { campaignContext, voidSignature } from '../package/package.service.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { LiveBus } from '../live/live-bus.js';

export const SYSTEM_ACTOR: WorkflowActor = { userId: 'system', role: 'SYSTEM' };

export interface FireInput {
  packageId: string;
  action: WorkflowAction;
  actor: WorkflowActor;
  expectedVersion?: number;
  reason?: string | null;
  publishAt?: Date | null;
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

type Decision = { kind: 'replay'; event: AuditEventEntity } | { kind: 'apply'; from: PackageState; to: PackageState };

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
  ) {}

  async fire(tx: Tx, input: FireInput): Promise<FireResult> {
    const pkg = await lockPackage(tx, input.packageId);
    const decision = await this.decide(tx.manager, pkg, input);
    if (decision.kind === 'replay') {
      const e = decision.event;
      return { pkg, event: e, from: e.fromState!, to: e.toState!, revision: null, replayed: true };
    }
    const { from, to } = decision;
    const { action, actor } = input;
    const now = new Date();
    const nextVersion = pkg.version + 1;
    const changes: Partial<PackageEntity> = { state: to };
    const kind = SNAPSHOT[action];
    const revision = kind ? await this.revisions.snapshot(tx, pkg, kind, actorId(actor), nextVersion) : null;
    switch (action) {
      case 'CLAIM':
        changes.claimedById = actor.userId;
        break;
      case 'RELEASE':
        changes.claimedById = null;
        break;
      case 'SIGN':
        changes.submittedAt = now;
        break;
      case 'APPROVE':
        changes.approvedAt = now;
        break;
      case 'RETURN':
      case 'WITHDRAW':
        changes.claimedById = null;
        if (action === 'RETURN') changes.returnedRevisionId = revision!.id;
        if (pkg.signatureId) {
          // What was signed is about to change (or be re-edited): the signature no longer holds.
          await voidSignature(tx, pkg.signatureId, action === 'RETURN' ? '材料被退回修改' : '材料被撤回');
          changes.signatureId = null;
        }
        break;
      case 'SCHEDULE':
      case 'RESCHEDULE':
        changes.publishAt = input.publishAt ?? null;
        break;
      case 'UNSCHEDULE':
        changes.publishAt = null;
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
      },
      at: now,
    });
    await tx.manager.getRepository(AuditEventEntity).insert(event as never);
    Object.assign(pkg, changes, { version, updatedAt: now });
    await this.notifications.forTransition(tx, pkg, { action, from, to, actor, reason: input.reason });
    this.live.afterCommit(tx, {
      kind: 'PACKAGE',
      packageId: pkg.id,
      bureauId: pkg.bureauId,
      unitId: pkg.unitId,
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
    const canSubmit = rule?.needsPassingChecks ? await this.canSubmit(manager, pkg) : undefined;
    const outcome = checkTransition({
      action,
      actor,
      pkg: { state: pkg.state, unitId: pkg.unitId, bureauId: pkg.bureauId, claimedById: pkg.claimedById, fiscalYear: pkg.fiscalYear },
      reason: input.reason,
      canSubmit,
      publishAt: input.publishAt ?? null,
    });
    if (!outcome.ok) {
      throw new DomainError(outcome.code, outcome.reason.zh, { from: outcome.from, action: outcome.action, reasonEn: outcome.reason.en });
    }
    if (expectedVersion != null && pkg.version !== expectedVersion) {
      throw new DomainError(ErrorCode.VERSION_CONFLICT, undefined, { currentVersion: pkg.version });
    }
    return { kind: 'apply', from: outcome.from, to: outcome.to };
  }

  /** The server's own verdict on the stored document (the client's is advisory). */
  private async canSubmit(manager: EntityManager, pkg: PackageEntity): Promise<boolean> {
    const campaign = await manager.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
    const unit = await manager.getRepository(UnitEntity).findOneBy({ id: pkg.unitId });
    return evaluatePackage(pkg.document, campaign.template, campaignContext(campaign, unit)).summary.canSubmit;
  }
}

function actorId(actor: WorkflowActor): string | null {
  return actor.role === 'SYSTEM' ? null : actor.userId;
}
