import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { ErrorCode, type Role } from '@zipin/shared';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { toDomainError } from '../../common/error.filter.js';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { ArtifactStorage } from '../../storage/artifact-storage.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { LiveBus } from '../live/live-bus.js';
import { NotificationService } from '../notification/notification.service.js';
import { UserEntity } from '../org/user.entity.js';
import { PackageEntity } from '../package/package.entity.js';
import { JobLiveness } from '../render/job-liveness.js';
import { PublicationPdfService, stateOfRender } from '../render/publication-pdf.service.js';
import { RenderEntity } from '../render/render.entity.js';
import { AuditEventEntity } from '../workflow/audit-event.entity.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { BatchResult } from '../workflow/workflow-actions.service.js';
import { PublicationEntity } from './publication.entity.js';
import { publishDueJobKey } from './publication-jobs.js';

/** Fired when a due-time job runs before its time (clock skew between hosts): the queue retries it. */
export class NotDueYet extends Error {
  override name = 'NotDueYet';
}

export const PUBLISH_BLOCKED = 'PUBLISH_BLOCKED';
/** Jobs may fire a little early on another host's clock; wait that out rather than retry. */
const EARLY_TOLERANCE_MS = 5_000;
const SCHEDULE_BATCH_MAX = 200;
/** 立即公开 schedules this far ahead: the schedule must lie in the future when it is checked. */
const PUBLISH_NOW_DELAY_MS = 1_000;
/** Packages flipped per transaction (a few multi-row statements each). */
export const PUBLISH_BATCH = 500;
/** Due-time runs that may find a package's PDF unfinished before the bureau is told and the schedule held. */
export const PUBLISH_MAX_TRIES = 8;
/**
 * A PDF still being printed (its job alive) costs no try: a worker that died mid-print hands it
 * to another, and a long queue is not a fault. This bounds that wait, counted from the due time.
 */
export const PUBLISH_RENDER_WAIT_MAX_MS = 30 * 60_000;
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 60_000;
/** Who hears that a due package did not go out. */
const BLOCK_AUDIENCE: Role[] = ['ADMIN', 'REVIEWER'];

function actorOf(user: RequestUser) {
  return { userId: user.id, role: user.role, unitId: user.unitId, bureauId: user.bureauId };
}

/** A SCHEDULED package that is due, with the copy rendered for it (one row of the due query). */
interface DueRow {
  id: string;
  version: number;
  publishAt: Date;
  bureauId: string;
  unitId: string;
  fiscalYear: number;
  campaignId: string;
  signatureId: string | null;
  publishTries: number;
  unitName: string;
  render: RenderEntity | null;
}

export interface DueRunResult {
  published: number;
  waiting: number;
  blocked: number;
}

/**
 * Scheduled publication. The package row is the truth (state SCHEDULED + publishAt); the PDF
 * that goes public was rendered ahead (PublicationPdfService). At the due time one job per
 * instant flips every package that is due, in batches: a few multi-row statements write the
 * publications, the state change, the audit lines and the unit's notices. The flip claims rows
 * under lock and by version, so it happens exactly once however many workers run it. A package
 * whose PDF is not finished is retried a bounded number of times, then held and the bureau told.
 */
@Injectable()
export class PublicationService {
  private readonly logger = new Logger('Publication');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly workflow: WorkflowService,
    private readonly jobs: JobQueue,
    private readonly pdfs: PublicationPdfService,
    private readonly notifications: NotificationService,
    private readonly live: LiveBus,
    private readonly clock: Clock,
    private readonly liveness: JobLiveness,
  ) {}

  /** The clock schedules are measured against (the demo seed schedules relative to it). */
  clockNow(): Date {
    return this.clock.now();
  }

  /** SCHEDULE or RESCHEDULE; without a time, the campaign's publication deadline. */
  async schedule(user: RequestUser, action: 'SCHEDULE' | 'RESCHEDULE', packageId: string, expectedVersion: number, publishAt?: Date | null): Promise<PackageEntity> {
    return this.refreshingOnPdfFailure(packageId, () =>
      this.transactions.run(async (tx) => {
        let at = publishAt ?? null;
        if (!at) {
          const pkg = await tx.manager.getRepository(PackageEntity).findOne({ where: { id: packageId }, select: { id: true, campaignId: true } });
          if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
          const campaign = await tx.manager.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
          at = campaign.publicationDeadline;
        }
        return this.scheduleIn(tx, actorOf(user), action, packageId, at, expectedVersion);
      }),
    );
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
   * moment from now; the due-time step then runs as for any schedule (one path, exactly once).
   */
  async publishNow(user: RequestUser, packageId: string, expectedVersion: number): Promise<PackageEntity> {
    return this.refreshingOnPdfFailure(packageId, () =>
      this.transactions.run(async (tx) => {
        const pkg = await tx.manager.getRepository(PackageEntity).findOne({ where: { id: packageId }, select: { id: true, state: true } });
        if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
        const action = pkg.state === 'SCHEDULED' ? 'RESCHEDULE' : 'SCHEDULE';
        return this.scheduleIn(tx, actorOf(user), action, packageId, new Date(this.clock.nowMs() + PUBLISH_NOW_DELAY_MS), expectedVersion);
      }),
    );
  }

  /**
   * The transition plus its due-time job, in the caller's transaction (the demo seed uses it
   * too). A package whose PDF failed is refused; one still rendering is accepted.
   */
  async scheduleIn(
    tx: Tx,
    actor: ReturnType<typeof actorOf>,
    action: 'SCHEDULE' | 'RESCHEDULE',
    packageId: string,
    publishAt: Date,
    expectedVersion?: number,
  ): Promise<PackageEntity> {
    const r = await this.workflow.fire(tx, { packageId, action, actor, expectedVersion, publishAt });
    if (r.replayed) return r.pkg;
    const render = r.pkg.publishRenderId ? await tx.manager.getRepository(RenderEntity).findOneBy({ id: r.pkg.publishRenderId }) : null;
    const pdf = stateOfRender(render);
    if (pdf.status === 'FAILED') {
      throw new DomainError(ErrorCode.PUBLICATION_PDF_FAILED, `待公开的 PDF 生成失败：${pdf.error ?? '原因未知'}。已重新生成，成功后再安排公开`, {
        reasonEn: `The PDF to be published failed to render (${pdf.error ?? 'unknown cause'}); it is being rendered again: schedule once it succeeds`,
        renderId: pdf.renderId,
      });
    }
    // Approved before copies were rendered ahead (or its copy was lost): ask for one now.
    if (pdf.status === 'MISSING') await this.pdfs.refreshAfterCommit(tx, packageId);
    if (r.pkg.publishAt) await this.enqueueDue(tx, r.pkg.publishAt);
    return r.pkg;
  }

  /** One job per instant that has packages due (its fixed id de-duplicates the rest). */
  async enqueueDue(tx: Tx, at: Date, jobKey = publishDueJobKey(at.getTime())): Promise<void> {
    await this.jobs.enqueue(tx, 'package.publish', { dueAtMs: at.getTime() }, { jobId: jobKey, delayMs: Math.max(0, at.getTime() - this.clock.nowMs()) });
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
   * The due-time job: publishes every SCHEDULED package due by now whose PDF is ready, in
   * batches; counts a try for the others and holds those out of tries. Safe to run any number
   * of times, on any number of workers at once.
   */
  async publishDue(dueAtMs: number | null = null, options: { countTries?: boolean } = {}): Promise<DueRunResult> {
    const countTries = options.countTries !== false;
    if (dueAtMs !== null) {
      const wait = dueAtMs - this.clock.nowMs();
      if (wait > EARLY_TOLERANCE_MS) throw new NotDueYet(`未到公开时间（还差 ${Math.ceil(wait / 1000)} 秒）`);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const total: DueRunResult = { published: 0, waiting: 0, blocked: 0 };
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const now = this.clock.now();
      const due = await this.dueRows(now, after);
      if (!due.length) break;
      const ready = due.filter((d) => d.render?.status === 'DONE' && d.render.artifactKey && d.render.sha256 && d.render.revisionId);
      const readyIds = new Set(ready.map((d) => d.id));
      if (ready.length) total.published += await this.flip(ready, now);
      const unready = due.filter((d) => !readyIds.has(d.id));
      if (unready.length) {
        const r = await this.holdBack(unready, now, countTries);
        total.waiting += r.waiting;
        total.blocked += r.blocked;
      }
      if (due.length < PUBLISH_BATCH) break;
      const last = due[due.length - 1]!;
      after = { at: last.publishAt, id: last.id };
    }
    if (total.published || total.blocked) this.logger.log(`published ${total.published}, waiting ${total.waiting}, held ${total.blocked}`);
    return total;
  }

  /** One query: the due packages (in order), each with its unit's name and the copy rendered for it. */
  private async dueRows(now: Date, after: { at: Date; id: string } | null): Promise<DueRow[]> {
    const qb = this.dataSource
      .getRepository(PackageEntity)
      .createQueryBuilder('p')
      .leftJoinAndMapOne('p.render', RenderEntity, 'r', 'r.id = p.publishRenderId')
      .innerJoin('unit', 'u', 'u.id = p.unitId')
      .select(['p.id', 'p.version', 'p.publishAt', 'p.bureauId', 'p.unitId', 'p.fiscalYear', 'p.campaignId', 'p.signatureId', 'p.publishTries', 'p.publishRenderId'])
      .addSelect(['r.id', 'r.status', 'r.artifactKey', 'r.sha256', 'r.revisionId', 'r.error'])
      .addSelect('u.name', 'unitName')
      .where('p.state = :state', { state: 'SCHEDULED' })
      .andWhere('p.publishAt <= :now', { now })
      .andWhere('p.publishBlockedAt IS NULL');
    if (after) qb.andWhere('(p.publishAt > :afterAt OR (p.publishAt = :afterAt AND p.id > :afterId))', { afterAt: after.at, afterId: after.id });
    const { entities, raw } = await qb.orderBy('p.publishAt', 'ASC').addOrderBy('p.id', 'ASC').limit(PUBLISH_BATCH).getRawAndEntities();
    const names = new Map<string, string>();
    for (const row of raw as Record<string, unknown>[]) names.set(String(row.p_id), String(row.unitName));
    return entities.map((p) => ({
      id: p.id,
      version: p.version,
      publishAt: p.publishAt!,
      bureauId: p.bureauId,
      unitId: p.unitId,
      fiscalYear: p.fiscalYear,
      campaignId: p.campaignId,
      signatureId: p.signatureId,
      publishTries: p.publishTries,
      unitName: names.get(p.id) ?? '',
      render: (p as PackageEntity & { render?: RenderEntity | null }).render ?? null,
    }));
  }

  /**
   * The flip of a batch in one transaction: lock the rows, keep those still at the version read,
   * then one multi-row INSERT of publications, one UPDATE of the packages, one INSERT of audit
   * lines and one of notifications. Another worker flipping the same rows waits on the lock and
   * then finds them PUBLISHED.
   */
  private async flip(ready: DueRow[], now: Date): Promise<number> {
    const flipped = await this.transactions.run(async (tx) => {
      const m = tx.manager;
      const mysql = m.connection.options.type === 'mysql';
      const lockQb = m
        .getRepository(PackageEntity)
        .createQueryBuilder('p')
        .select(['p.id', 'p.version'])
        .where('p.id IN (:...ids)', { ids: ready.map((d) => d.id) })
        .andWhere('p.state = :state', { state: 'SCHEDULED' })
        .andWhere('p.publishBlockedAt IS NULL');
      if (mysql) lockQb.setLock('pessimistic_write');
      const current = new Map((await lockQb.getMany()).map((p) => [p.id, p.version]));
      const claimed = ready.filter((d) => current.get(d.id) === d.version);
      if (!claimed.length) return [];

      const pubs = claimed.map((d) => ({
        id: newId(),
        packageId: d.id,
        bureauId: d.bureauId,
        unitId: d.unitId,
        fiscalYear: d.fiscalYear,
        unitName: d.unitName,
        revisionId: d.render!.revisionId!,
        signatureId: d.signatureId,
        renderId: d.render!.id,
        pdfKey: d.render!.artifactKey!,
        pdfSha256: d.render!.sha256!,
        publishedAt: now,
        retractedAt: null,
        retractReason: null,
      }));
      await m.createQueryBuilder().insert().into(PublicationEntity).values(pubs).execute();

      const esc = (name: string) => m.connection.driver.escape(name);
      await m
        .createQueryBuilder()
        .update(PackageEntity)
        .set({
          state: 'PUBLISHED',
          version: () => `${esc('version')} + 1`,
          publishedAt: now,
          publishTries: 0,
          publicationId: () =>
            `(SELECT ${esc('pub')}.${esc('id')} FROM ${esc('publication')} ${esc('pub')} WHERE ${esc('pub')}.${esc('packageId')} = ${esc('package')}.${esc('id')} AND ${esc('pub')}.${esc('id')} IN (:...pubIds))`,
        } as never)
        .where('id IN (:...claimedIds)', { claimedIds: claimed.map((d) => d.id) })
        .setParameter('pubIds', pubs.map((p) => p.id))
        .execute();

      await m
        .createQueryBuilder()
        .insert()
        .into(AuditEventEntity)
        .values(
          claimed.map((d, i) => ({
            packageId: d.id,
            actorId: null,
            actorRole: 'SYSTEM' as const,
            action: 'PUBLISH',
            fromState: 'SCHEDULED' as const,
            toState: 'PUBLISHED' as const,
            reason: null,
            details: { expectedVersion: null, version: d.version + 1, publicationId: pubs[i]!.id, publishAt: d.publishAt.toISOString(), pdfSha256: pubs[i]!.pdfSha256 },
            at: now,
          })) as never,
        )
        .execute();

      await this.notifyPublished(tx, claimed, now);
      for (const d of claimed) {
        this.live.afterCommit(tx, {
          kind: 'PACKAGE',
          packageId: d.id,
          bureauId: d.bureauId,
          unitId: d.unitId,
          campaignId: d.campaignId,
          state: 'PUBLISHED',
          action: 'PUBLISH',
          actorRole: 'SYSTEM',
          version: d.version + 1,
          at: now.toISOString(),
        });
      }
      return claimed;
    });
    return flipped.length;
  }

  /** 自评材料已公开 to each unit's filler and head: one query for the people, one INSERT for the notices. */
  private async notifyPublished(tx: Tx, rows: DueRow[], now: Date): Promise<void> {
    const users = await tx.manager.getRepository(UserEntity).find({
      where: { unitId: In([...new Set(rows.map((d) => d.unitId))]), role: In(['FILLER', 'UNIT_HEAD']), active: true },
      select: { id: true, unitId: true },
    });
    const byUnit = new Map<string, string[]>();
    for (const u of users) byUnit.set(u.unitId!, [...(byUnit.get(u.unitId!) ?? []), u.id]);
    await this.notifications.notifyMany(
      tx,
      rows.map((d) => ({
        userIds: byUnit.get(d.unitId) ?? [],
        kind: 'PUBLISH',
        title: '自评材料已公开',
        body: `${d.unitName}${d.fiscalYear}年度整体支出绩效自评材料：公开（待公开 → 已公开）。`,
        packageId: d.id,
      })),
      now,
    );
  }

  /**
   * Due packages whose PDF is not ready: a failed PDF holds the schedule now; one still being
   * rendered (or not yet asked for) counts a try and is looked at again a little later, until the
   * last try holds it. Holding writes the audit line and tells the bureau, once per schedule.
   */
  private async holdBack(rows: DueRow[], now: Date, countTries: boolean): Promise<{ waiting: number; blocked: number }> {
    const block: { row: DueRow; reason: string }[] = [];
    const retry: DueRow[] = [];
    let printing = false;
    for (const d of rows) {
      if (d.render?.status === 'FAILED') block.push({ row: d, reason: `PDF 生成失败：${d.render.error ?? '原因未知'}` });
      else if (!countTries) continue;
      else if (await this.stillPrinting(d, now)) printing = true; // its render wakes it when done
      else if (d.publishTries + 1 >= PUBLISH_MAX_TRIES) block.push({ row: d, reason: this.unreadyReason(d, now) });
      else retry.push(d);
    }
    if (printing && !retry.length) {
      // Looked at again later all the same, in case the render's own wake-up is lost.
      await this.transactions.run((tx) => this.enqueueRetry(tx, now, RETRY_MAX_MS));
    }
    let blocked = 0;
    for (const b of block) if (await this.block(b.row, b.reason, now)) blocked++;
    if (retry.length) {
      await this.transactions.run(async (tx) => {
        await tx.manager
          .createQueryBuilder()
          .update(PackageEntity)
          .set({ publishTries: () => `${tx.manager.connection.driver.escape('publishTries')} + 1` } as never)
          .where('id IN (:...ids) AND state = :state', { ids: retry.map((d) => d.id), state: 'SCHEDULED' })
          .execute();
        for (const d of retry) if (!d.render) await this.pdfs.refreshAfterCommit(tx, d.id);
        // The next look: one job for every package waiting with the same number of tries.
        const tries = Math.min(...retry.map((d) => d.publishTries + 1));
        const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (tries - 1));
        await this.enqueueRetry(tx, now, backoff);
      });
    }
    return { waiting: rows.length - block.length, blocked };
  }

  /** The next look at what is due, on a whole second so that every waiting package shares one job. */
  private enqueueRetry(tx: Tx, now: Date, afterMs: number): Promise<void> {
    const at = new Date(Math.ceil((now.getTime() + afterMs) / 1000) * 1000);
    return this.enqueueDue(tx, at, `package.publish.retry.${at.getTime()}`);
  }

  /** Its PDF is queued or printing with a job alive to finish it, and the wait is still within bounds. */
  private async stillPrinting(d: DueRow, now: Date): Promise<boolean> {
    if (!d.render || (d.render.status !== 'QUEUED' && d.render.status !== 'RUNNING')) return false;
    if (now.getTime() - d.publishAt.getTime() >= PUBLISH_RENDER_WAIT_MAX_MS) return false;
    return this.liveness.anyLive(await this.liveness.rows(`render.${d.render.id}`), now);
  }

  private unreadyReason(d: DueRow, now: Date): string {
    return d.render && now.getTime() - d.publishAt.getTime() >= PUBLISH_RENDER_WAIT_MAX_MS
      ? `到公开时间后${PUBLISH_RENDER_WAIT_MAX_MS / 60_000}分钟仍未生成 PDF`
      : `到公开时间后${PUBLISH_MAX_TRIES}次仍未生成 PDF`;
  }

  /** Holds a due package's schedule (once) with the reason, and tells the bureau's admins and reviewers. */
  private async block(d: DueRow, reason: string, now: Date): Promise<boolean> {
    const held = await this.transactions.run(async (tx) => {
      const res = await tx.manager
        .createQueryBuilder()
        .update(PackageEntity)
        .set({ publishBlockedAt: now })
        .where('id = :id AND state = :state AND version = :version AND publishBlockedAt IS NULL', { id: d.id, state: 'SCHEDULED', version: d.version })
        .execute();
      if (res.affected !== 1) return false;
      await tx.manager.getRepository(AuditEventEntity).insert({
        packageId: d.id,
        actorId: null,
        actorRole: 'SYSTEM',
        action: PUBLISH_BLOCKED,
        fromState: 'SCHEDULED',
        toState: 'SCHEDULED',
        reason,
        details: { publishAt: d.publishAt.toISOString(), tries: d.publishTries + 1, ...(d.render ? { renderId: d.render.id } : {}) },
        at: now,
      });
      const staff = await this.notifications.recipients(tx, d, { bureauRoles: BLOCK_AUDIENCE });
      await this.notifications.notify(tx, staff.map((u) => u.id), {
        kind: PUBLISH_BLOCKED,
        title: '自评材料未能按时公开',
        body: `${d.unitName}${d.fiscalYear}年度自评材料未公开：${reason}。请在公开台查看 PDF 状态，处理后重新安排公开。`,
        packageId: d.id,
      });
      return true;
    });
    if (held) this.logger.warn(`package ${d.id} held back from publication: ${reason}`);
    return held;
  }

  /** A refused schedule (its PDF failed) rolls back; the new render it asks for must not. */
  private async refreshingOnPdfFailure<T>(packageId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.PUBLICATION_PDF_FAILED) {
        await this.transactions.run((tx) => this.pdfs.refreshAfterCommit(tx, packageId));
      }
      throw err;
    }
  }
}
