import { Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { toDomainError } from '../../common/error.filter.js';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { ArtifactStorage } from '../../storage/artifact-storage.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { NotificationService } from '../notification/notification.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { evaluatePackage } from '../package/package-evaluation.js';
import { PackageRevisionEntity } from '../package/package-revision.entity.js';
import { PackageEntity } from '../package/package.entity.js';
import { RenderEntity } from '../render/render.entity.js';
import { RenderService, type RenderAttempt } from '../render/render.service.js';
import { governmentLevelOf } from '../render/templates/render-model.js';
import { BureauEntity } from '../org/bureau.entity.js';
import { AuditEventEntity } from '../workflow/audit-event.entity.js';
import { SignatureEntity } from '../workflow/signature.entity.js';
import { SYSTEM_ACTOR, WorkflowService } from '../workflow/workflow.service.js';
import type { BatchResult } from '../workflow/workflow-actions.service.js';
import { PublicationEntity } from './publication.entity.js';
import { publishJobKey } from './publication-jobs.js';

export type PublishOutcome = 'PUBLISHED' | 'SKIPPED' | 'BLOCKED';

/** Fired when a publish job runs before its time (clock skew between hosts): the queue retries it. */
export class NotDueYet extends Error {
  override name = 'NotDueYet';
}

export const PUBLISH_BLOCKED = 'PUBLISH_BLOCKED';
/** Jobs may fire a little early on another host's clock; wait that out rather than retry. */
const EARLY_TOLERANCE_MS = 5_000;
const SCHEDULE_BATCH_MAX = 200;
/** 立即公开 schedules this far ahead: the schedule must lie in the future when it is checked. */
const PUBLISH_NOW_DELAY_MS = 1_000;

function actorOf(user: RequestUser) {
  return { userId: user.id, role: user.role, unitId: user.unitId, bureauId: user.bureauId };
}

/**
 * Scheduled publication. The package row is the truth (state SCHEDULED + publishAt); the
 * delayed job is a cache of it with a fixed id; the sweep repairs a lost job. Publishing
 * claims the package through the workflow's guarded, versioned transition, so it happens
 * exactly once however many workers and retries run it, and only once its PDF exists.
 */
@Injectable()
export class PublicationService {
  private readonly logger = new Logger('Publication');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly workflow: WorkflowService,
    private readonly jobs: JobQueue,
    private readonly renders: RenderService,
    private readonly storage: ArtifactStorage,
    private readonly notifications: NotificationService,
  ) {}

  /** SCHEDULE or RESCHEDULE; without a time, the campaign's publication deadline. */
  async schedule(user: RequestUser, action: 'SCHEDULE' | 'RESCHEDULE', packageId: string, expectedVersion: number, publishAt?: Date | null): Promise<PackageEntity> {
    return this.transactions.run(async (tx) => {
      let at = publishAt ?? null;
      if (!at) {
        const pkg = await tx.manager.getRepository(PackageEntity).findOne({ where: { id: packageId }, select: { id: true, campaignId: true } });
        if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
        const campaign = await tx.manager.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
        at = campaign.publicationDeadline;
      }
      return this.scheduleIn(tx, actorOf(user), action, packageId, at, expectedVersion);
    });
  }

  /**
   * Schedules many APPROVED packages for one time (default: each campaign's publication
   * deadline), each in its own transaction: one refusal does not stop the others.
   */
  async scheduleMany(user: RequestUser, items: { packageId: string; expectedVersion: number }[], publishAt?: Date | null): Promise<BatchResult[]> {
    if (items.length > SCHEDULE_BATCH_MAX) throw new DomainError(ErrorCode.VALIDATION_FAILED, `一次最多安排${SCHEDULE_BATCH_MAX}份`);
    const results: BatchResult[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.packageId)) continue;
      seen.add(item.packageId);
      try {
        await this.schedule(user, 'SCHEDULE', item.packageId, item.expectedVersion, publishAt ?? null);
        results.push({ packageId: item.packageId, ok: true, code: null, message: null });
      } catch (err) {
        const e = toDomainError(err);
        results.push({ packageId: item.packageId, ok: false, code: e.code, message: e.message });
      }
    }
    return results;
  }

  /**
   * 立即公开: an APPROVED package is scheduled a moment from now, a SCHEDULED one moved to a
   * moment from now; the publish job then runs as for any schedule (one path, exactly once).
   */
  async publishNow(user: RequestUser, packageId: string, expectedVersion: number): Promise<PackageEntity> {
    return this.transactions.run(async (tx) => {
      const pkg = await tx.manager.getRepository(PackageEntity).findOne({ where: { id: packageId }, select: { id: true, state: true } });
      if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
      const action = pkg.state === 'SCHEDULED' ? 'RESCHEDULE' : 'SCHEDULE';
      return this.scheduleIn(tx, actorOf(user), action, packageId, new Date(Date.now() + PUBLISH_NOW_DELAY_MS), expectedVersion);
    });
  }

  /** The transition plus its job, in the caller's transaction (the demo seed uses it too). */
  async scheduleIn(
    tx: Tx,
    actor: ReturnType<typeof actorOf>,
    action: 'SCHEDULE' | 'RESCHEDULE',
    packageId: string,
    publishAt: Date,
    expectedVersion?: number,
  ): Promise<PackageEntity> {
    const r = await this.workflow.fire(tx, { packageId, action, actor, expectedVersion, publishAt });
    if (!r.replayed && r.pkg.publishAt) await this.enqueuePublish(tx, r.pkg.id, r.pkg.publishAt);
    return r.pkg;
  }

  async enqueuePublish(tx: Tx, packageId: string, publishAt: Date, jobKey = publishJobKey(packageId, publishAt)): Promise<void> {
    await this.jobs.enqueue(tx, 'package.publish', { packageId }, { jobId: jobKey, delayMs: Math.max(0, publishAt.getTime() - Date.now()) });
  }

  async unschedule(user: RequestUser, packageId: string, expectedVersion: number): Promise<PackageEntity> {
    // The queued job stays; when it fires it finds the package no longer SCHEDULED and does nothing.
    return this.transactions.run(async (tx) => (await this.workflow.fire(tx, { packageId, action: 'UNSCHEDULE', actor: actorOf(user), expectedVersion })).pkg);
  }

  /** Takes a publication off the portal; the public page then says when and why. */
  async retract(user: RequestUser, packageId: string, expectedVersion: number, reason: string): Promise<PackageEntity> {
    return this.transactions.run(async (tx) => {
      const r = await this.workflow.fire(tx, { packageId, action: 'RETRACT', actor: actorOf(user), expectedVersion, reason });
      if (r.replayed) return r.pkg;
      await tx.manager
        .getRepository(PublicationEntity)
        .update({ packageId, retractedAt: IsNull() }, { retractedAt: r.event.at, retractReason: reason.trim() });
      return r.pkg;
    });
  }

  /**
   * The publish job. `intendedMs` is the schedule the job was queued for (from its fixed id):
   * a job left over from an earlier schedule does nothing.
   */
  async publish(packageId: string, intendedMs: number | null, attempt: RenderAttempt = { attempt: 1, maxAttempts: 1 }): Promise<PublishOutcome> {
    const pkgs = this.dataSource.getRepository(PackageEntity);
    let pkg = await pkgs.findOneBy({ id: packageId });
    if (!pkg || pkg.state !== 'SCHEDULED' || !pkg.publishAt) return 'SKIPPED';
    if (intendedMs !== null && pkg.publishAt.getTime() !== intendedMs) return 'SKIPPED';
    const wait = pkg.publishAt.getTime() - Date.now();
    if (wait > EARLY_TOLERANCE_MS) throw new NotDueYet(`未到公开时间（还差 ${Math.ceil(wait / 1000)} 秒）`);
    if (wait > 0) {
      await new Promise((r) => setTimeout(r, wait));
      pkg = await pkgs.findOneBy({ id: packageId });
      if (!pkg || pkg.state !== 'SCHEDULED' || !pkg.publishAt || (intendedMs !== null && pkg.publishAt.getTime() !== intendedMs)) return 'SKIPPED';
    }
    const publishAt = pkg.publishAt!;

    const campaign = await this.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
    const unit = await this.dataSource.getRepository(UnitEntity).findOneByOrFail({ id: pkg.unitId });
    const bureau = await this.dataSource.getRepository(BureauEntity).findOneBy({ id: pkg.bureauId });
    const signature = pkg.signatureId ? await this.dataSource.getRepository(SignatureEntity).findOneBy({ id: pkg.signatureId, voidedAt: IsNull() }) : null;
    const revision = signature
      ? await this.dataSource.getRepository(PackageRevisionEntity).findOneBy({ id: signature.revisionId })
      : await this.dataSource.getRepository(PackageRevisionEntity).findOne({ where: { packageId }, order: { seq: 'DESC' } });
    if (!revision) return this.block(pkg, publishAt, '没有可公开的定稿版本（缺少签章或审核版本）', []);

    // The shared checks again: rules may have changed since approval; an error never goes public.
    const { checks } = evaluatePackage(revision.document, campaign.template, {
      fiscalYear: campaign.fiscalYear,
      unitName: unit.name,
      governmentLevel: governmentLevelOf(bureau?.region ?? ''),
    });
    const errors = checks.filter((c) => c.severity === 'error');
    if (errors.length) return this.block(pkg, publishAt, `复核发现${errors.length}处错误：${errors.slice(0, 3).map((e) => e.messageZh).join('；')}`, errors.map((e) => e.code));

    const pdf = await this.publishedPdf(pkg, revision, signature, attempt);

    try {
      return await this.transactions.run(async (tx) => {
        const r = await this.workflow.fire(tx, { packageId, action: 'PUBLISH', actor: SYSTEM_ACTOR, expectedVersion: pkg!.version });
        if (r.replayed) return 'SKIPPED';
        const publication = tx.manager.getRepository(PublicationEntity).create({
          id: newId(),
          packageId,
          bureauId: pkg!.bureauId,
          unitId: pkg!.unitId,
          fiscalYear: pkg!.fiscalYear,
          unitName: unit.name,
          revisionId: revision.id,
          signatureId: signature?.id ?? null,
          renderId: pdf.id,
          pdfKey: pdf.artifactKey!,
          pdfSha256: pdf.sha256!,
          publishedAt: r.event.at,
          retractedAt: null,
          retractReason: null,
        });
        await tx.manager.getRepository(PublicationEntity).insert(publication);
        // Part of the same transition (the row is locked and its version already bumped).
        await tx.manager.getRepository(PackageEntity).update({ id: packageId }, { publicationId: publication.id });
        await tx.manager
          .getRepository(AuditEventEntity)
          .update({ id: r.event.id }, { details: { ...(r.event.details ?? {}), publicationId: publication.id, publishAt: publishAt.toISOString(), pdfSha256: pdf.sha256! } });
        return 'PUBLISHED' as const;
      });
    } catch (err) {
      // Someone else published, rescheduled or unscheduled it meanwhile: nothing to do here.
      if (err instanceof DomainError && (err.code === ErrorCode.VERSION_CONFLICT || err.code === ErrorCode.TRANSITION_NOT_ALLOWED)) return 'SKIPPED';
      throw err;
    }
  }

  /**
   * The PDF that goes public: the signed PDF when it exists (so one hash proves both the
   * sign-off and the publication), else a PUBLISHED rendering of the same revision, made here
   * and now so a package is never public without its PDF.
   */
  private async publishedPdf(
    pkg: PackageEntity,
    revision: PackageRevisionEntity,
    signature: SignatureEntity | null,
    attempt: RenderAttempt,
  ): Promise<RenderEntity> {
    const renders = this.dataSource.getRepository(RenderEntity);
    if (signature?.pdfKey && signature.pdfHash && signature.revisionId === revision.id) {
      const signed = await renders.findOneBy({ packageId: pkg.id, artifactKey: signature.pdfKey, status: 'DONE' });
      if (signed && signed.sha256 === signature.pdfHash && (await this.storage.exists(signed.artifactKey!))) return signed;
    }
    let render = await renders.findOne({ where: { packageId: pkg.id, revisionId: revision.id, purpose: 'PUBLISHED' }, order: { createdAt: 'DESC', id: 'DESC' } });
    if (!render) {
      render = await this.transactions.run((tx) =>
        this.renders.createRow(tx, { packageId: pkg.id, revisionId: revision.id, purpose: 'PUBLISHED', requestedById: null }, 'RUNNING'),
      );
    }
    const done = await this.renders.execute(render.id, attempt, { inline: true });
    if (!done || done.status !== 'DONE' || !done.artifactKey || !done.sha256) throw new Error('PDF 未能生成');
    return done;
  }

  /** Records (once per schedule) why a due package was not published, and tells the bureau's admins. */
  private async block(pkg: PackageEntity, publishAt: Date, reason: string, codes: string[]): Promise<PublishOutcome> {
    await this.transactions.run(async (tx) => {
      if (await this.isBlocked(tx.manager, pkg.id, publishAt)) return;
      await tx.manager.getRepository(AuditEventEntity).insert({
        packageId: pkg.id,
        actorId: null,
        actorRole: 'SYSTEM',
        action: PUBLISH_BLOCKED,
        fromState: pkg.state,
        toState: pkg.state,
        reason,
        details: { publishAt: publishAt.toISOString(), codes },
        at: new Date(),
      });
      const admins = await this.notifications.recipients(tx, pkg, { bureauRoles: ['ADMIN', 'REVIEWER'] });
      await this.notifications.notify(
        tx,
        admins.map((u) => u.id),
        { kind: PUBLISH_BLOCKED, title: '自评材料未能按时公开', body: `${pkg.fiscalYear}年度自评材料未公开：${reason}。请取消公开安排并处理后重新安排。`, packageId: pkg.id },
      );
    });
    this.logger.warn(`package ${pkg.id} not published: ${reason}`);
    return 'BLOCKED';
  }

  async isBlocked(manager: DataSource['manager'], packageId: string, publishAt: Date): Promise<boolean> {
    const events = await manager.getRepository(AuditEventEntity).find({ where: { packageId, action: PUBLISH_BLOCKED }, select: { id: true, details: true } });
    return events.some((e) => e.details?.publishAt === publishAt.toISOString());
  }
}

