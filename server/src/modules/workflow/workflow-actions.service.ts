import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCode, type WorkflowAction, type WorkflowActor } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { toDomainError } from '../../common/error.filter.js';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import { TransactionService } from '../../database/transaction.service.js';
import { AuthService } from '../auth/auth.service.js';
import { PackageEntity } from '../package/package.entity.js';
import { RenderService } from '../render/render.service.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { CommentService, assertValidComment, type NewComment } from './comment.service.js';
import { SignatureEntity } from './signature.entity.js';
import { WorkflowService } from './workflow.service.js';

export function actorOf(user: RequestUser): WorkflowActor {
  return { userId: user.id, role: user.role, unitId: user.unitId, bureauId: user.bureauId };
}

export interface BatchResult {
  packageId: string;
  ok: boolean;
  code: string | null;
  message: string | null;
}

const BATCH_MAX = 100;

/** The workflow mutations: each is one transaction around WorkflowService.fire. */
@Injectable()
export class WorkflowActionsService {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly transactions: TransactionService,
    private readonly comments: CommentService,
    private readonly auth: AuthService,
    private readonly render: RenderService,
    private readonly dataSource: DataSource,
  ) {}

  /** submit, withdraw, claim, release: nothing beyond the transition itself. */
  async act(user: RequestUser, action: WorkflowAction, packageId: string, expectedVersion: number): Promise<PackageEntity> {
    return this.transactions.run(async (tx) => (await this.workflow.fire(tx, { packageId, action, actor: actorOf(user), expectedVersion })).pkg);
  }

  /** approve (主管部门 or bureau) and concur: the transition with the opinion it puts on the record. */
  async decide(user: RequestUser, action: 'APPROVE' | 'CONCUR', packageId: string, expectedVersion: number, opinion: string | null | undefined): Promise<PackageEntity> {
    return this.transactions.run(
      async (tx) => (await this.workflow.fire(tx, { packageId, action, actor: actorOf(user), expectedVersion, opinion: opinion ?? null })).pkg,
    );
  }

  /** 转交 by the stage's holder (with a reason) or 改派 by the admin: the package goes to a colleague of the stage. */
  async handOver(
    user: RequestUser,
    action: 'TRANSFER' | 'REASSIGN',
    packageId: string,
    expectedVersion: number,
    toUserId: string,
    reason: string | null | undefined,
  ): Promise<PackageEntity> {
    return this.transactions.run(
      async (tx) => (await this.workflow.fire(tx, { packageId, action, actor: actorOf(user), expectedVersion, targetUserId: toUserId, reason: reason ?? null })).pkg,
    );
  }

  /**
   * The unit head's sign-off (签章): presence proven by the password re-entered or, for one signed
   * in through single sign-on, by a sign-in at the provider just before; then the signed
   * revision's canonical-JSON hash recorded with signer and time, and the signed PDF requested.
   */
  async sign(user: RequestUser, packageId: string, expectedVersion: number, password: string, opinion?: string | null): Promise<PackageEntity> {
    const input = { packageId, action: 'SIGN' as const, actor: actorOf(user), expectedVersion, opinion: opinion ?? null };
    // Refuse first what the table refuses, so only a permitted signer's password is ever checked.
    await this.workflow.preflight(this.dataSource.manager, input);
    const authMethod = !password && user.sessionMethod === 'OIDC' ? 'OIDC' : 'PASSWORD';
    if (authMethod === 'PASSWORD') {
      const signer = await this.auth.verifyPassword(user.id, password ?? '');
      // A password an admin set could be typed by the admin: it never signs in the head's name.
      if (signer.mustChangePassword) throw new DomainError(ErrorCode.PASSWORD_CHANGE_REQUIRED, '管理员重置了您的密码，请先设置新密码再签章');
    }
    return this.transactions.run(async (tx) => {
      if (authMethod === 'OIDC') await this.auth.consumeFreshAuth(tx.manager, user.sessionId);
      const r = await this.workflow.fire(tx, input);
      if (r.replayed) return r.pkg;
      const revision = r.revision!;
      const signature = tx.manager.getRepository(SignatureEntity).create({
        id: newId(),
        packageId,
        revisionId: revision.id,
        signerId: user.id,
        signerName: user.displayName,
        signedAt: r.event.at,
        documentHash: revision.documentHash,
        pdfHash: null,
        pdfKey: null,
        voidedAt: null,
        voidReason: null,
      });
      await tx.manager.getRepository(SignatureEntity).insert(signature);
      // Part of the same transition (same version): the row is locked and the version already bumped.
      await tx.manager.getRepository(PackageEntity).update({ id: packageId }, { signatureId: signature.id });
      await tx.manager
        .getRepository(AuditEventEntity)
        .update({ id: r.event.id }, { details: { ...(r.event.details ?? {}), signatureId: signature.id, authMethod } });
      await this.render.request(tx, { packageId, revisionId: revision.id, purpose: 'SIGNED', requestedById: user.id });
      r.pkg.signatureId = signature.id;
      return r.pkg;
    });
  }

  /** A return with its reason and the field comments that explain it, in one transaction. */
  async return(user: RequestUser, packageId: string, expectedVersion: number, reason: string, comments: NewComment[]): Promise<PackageEntity> {
    if (comments.length > 100) throw new DomainError(ErrorCode.VALIDATION_FAILED, '一次最多100条意见');
    comments.forEach(assertValidComment);
    return this.transactions.run(async (tx) => {
      const r = await this.workflow.fire(tx, { packageId, action: 'RETURN', actor: actorOf(user), expectedVersion, reason });
      if (!r.replayed) for (const c of comments) await this.comments.insert(tx, r.pkg, user, c, { auditEventId: r.event.id });
      return r.pkg;
    });
  }

  /**
   * Approves many packages, each in its own transaction: a SUBMITTED one is claimed and approved,
   * one IN_REVIEW must be claimed by the caller. One refusal does not stop the others.
   */
  async batchApprove(user: RequestUser, packageIds: string[], opinion?: string | null): Promise<BatchResult[]> {
    if (packageIds.length > BATCH_MAX) throw new DomainError(ErrorCode.VALIDATION_FAILED, `一次最多${BATCH_MAX}份`);
    const results: BatchResult[] = [];
    for (const packageId of [...new Set(packageIds)]) {
      try {
        await this.transactions.run(async (tx) => {
          const actor = actorOf(user);
          const current = await tx.manager.getRepository(PackageEntity).findOneBy({ id: packageId });
          if (current?.state === 'SUBMITTED' || current?.state === 'SUBMITTED_TO_SUPERVISOR') await this.workflow.fire(tx, { packageId, action: 'CLAIM', actor });
          await this.workflow.fire(tx, { packageId, action: 'APPROVE', actor, opinion: opinion ?? null });
        });
        results.push({ packageId, ok: true, code: null, message: null });
      } catch (err) {
        const e = toDomainError(err);
        results.push({ packageId, ok: false, code: e.code, message: e.message });
      }
    }
    return results;
  }
}
