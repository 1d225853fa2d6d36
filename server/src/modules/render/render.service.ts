import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { ErrorCode } from '@zipin/shared';
import { Clock } from '../../common/clock.js';
import { PermanentJobError } from '../../jobs/job-handler.js';
import { evaluatePackage } from '../package/package-evaluation.js';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { ArtifactStorage } from '../../storage/artifact-storage.js';
import { assertCanRead } from '../package/package-access.js';
import { PackageEntity } from '../package/package.entity.js';
import { SignatureEntity } from '../workflow/signature.entity.js';
import { RenderInputService } from './render-input.service.js';
import { RenderEntity, type RenderPurpose } from './render.entity.js';
import { Renderer } from './renderer.js';
import type { RenderModel } from './templates/render-model.js';

/** SHA-256 of what a PDF shows: two renders with the same model print the same document. */
export const renderModelHash = (model: RenderModel): string => createHash('sha256').update(JSON.stringify(model), 'utf8').digest('hex');

/** A PUBLISHED copy whose frozen document fails today's checks: an error never goes public. */
export class PublicationChecksFailed extends PermanentJobError {
  override name = 'PublicationChecksFailed';
}

export interface RenderAttempt {
  attempt: number;
  maxAttempts: number;
}

/**
 * `renders/<packageId>/<renderId>-<sha256 prefix>.pdf`: the hash in the key keeps a stored file
 * and its recorded hash together even if two attempts ever ran at once.
 */
export const renderArtifactKey = (render: Pick<RenderEntity, 'packageId' | 'id'>, sha256: string) =>
  `renders/${render.packageId}/${render.id}-${sha256.slice(0, 16)}.pdf`;

/** Asks for a PDF of a package; the render job does the work and records progress on the row. */
/** What users read when a render fails for an internal reason (the details are logged). */
export const RENDER_FAILED_MESSAGE = 'PDF 生成失败（内部错误，已记录），系统会自动重试；多次失败请联系管理员';

@Injectable()
export class RenderService {
  private readonly logger = new Logger('Render');

  constructor(
    private readonly jobs: JobQueue,
    private readonly transactions: TransactionService,
    private readonly dataSource: DataSource,
    private readonly inputs: RenderInputService,
    private readonly renderer: Renderer,
    private readonly storage: ArtifactStorage,
    private readonly clock: Clock,
  ) {}

  async request(
    tx: Tx,
    input: { packageId: string; revisionId: string | null; purpose: RenderPurpose; requestedById: string | null; modelHash?: string | null },
  ): Promise<RenderEntity> {
    const render = await this.createRow(tx, input, 'QUEUED');
    await this.jobs.enqueue(tx, 'package.render-pdf', { renderId: render.id }, { jobId: `render.${render.id}` });
    return render;
  }

  /** A row for a render this process does itself right away (publication); no job is queued. */
  async createRow(
    tx: Tx,
    input: { packageId: string; revisionId: string | null; purpose: RenderPurpose; requestedById: string | null; modelHash?: string | null },
    status: 'QUEUED' | 'RUNNING',
  ): Promise<RenderEntity> {
    const repo = tx.manager.getRepository(RenderEntity);
    const render = repo.create({
      id: newId(),
      packageId: input.packageId,
      revisionId: input.revisionId,
      purpose: input.purpose,
      status,
      progress: status === 'RUNNING' ? 5 : 0,
      error: null,
      artifactKey: null,
      sha256: null,
      byteSize: null,
      pageCount: null,
      modelHash: input.modelHash ?? null,
      requestedById: input.requestedById,
      createdAt: this.clock.now(),
      finishedAt: null,
    });
    await repo.insert(render);
    return render;
  }

  /** A preview of the live document for a reader of the package; one in flight per user and package. */
  async requestPreview(user: RequestUser, packageId: string): Promise<RenderEntity> {
    return this.transactions.run(async (tx) => {
      const pkg = await tx.manager.getRepository(PackageEntity).findOneBy({ id: packageId });
      if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
      assertCanRead(user, pkg);
      const pending = await tx.manager.getRepository(RenderEntity).findOne({
        where: { packageId, purpose: 'PREVIEW', requestedById: user.id, status: In(['QUEUED', 'RUNNING']) },
        order: { createdAt: 'DESC', id: 'DESC' },
      });
      if (pending) return pending;
      return this.request(tx, { packageId, revisionId: null, purpose: 'PREVIEW', requestedById: user.id });
    });
  }

  /** A render the user may see (readers of its package). */
  async getForUser(user: RequestUser, id: string): Promise<RenderEntity> {
    const render = await this.dataSource.getRepository(RenderEntity).findOneBy({ id });
    if (!render) throw new DomainError(ErrorCode.NOT_FOUND, '找不到该 PDF');
    const pkg = await this.dataSource.getRepository(PackageEntity).findOne({ where: { id: render.packageId }, select: { id: true, unitId: true, bureauId: true } });
    if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
    assertCanRead(user, pkg);
    return render;
  }

  async pdfForUser(user: RequestUser, id: string): Promise<{ render: RenderEntity; pdf: Buffer }> {
    const render = await this.getForUser(user, id);
    if (render.status !== 'DONE' || !render.artifactKey) throw new DomainError(ErrorCode.NOT_FOUND, 'PDF 尚未生成完成');
    const pdf = await this.storage.get(render.artifactKey);
    if (!pdf) throw new DomainError(ErrorCode.NOT_FOUND, 'PDF 文件已不存在');
    return { render, pdf };
  }

  /**
   * The job's work: render the revision (or the live document for a preview), store the PDF,
   * record its hash, size and pages. A DONE render is not redone; a RUNNING one left by a
   * killed worker is taken over (the queue runs one attempt of a job at a time).
   */
  async execute(renderId: string, attempt: RenderAttempt = { attempt: 1, maxAttempts: 1 }, options: { inline?: boolean } = {}): Promise<RenderEntity | null> {
    const repo = this.dataSource.getRepository(RenderEntity);
    const render = await repo.findOneBy({ id: renderId });
    if (!render) return null;
    if (render.status === 'DONE' && render.artifactKey && (await this.storage.exists(render.artifactKey))) return render;

    await this.progress(render, { status: 'RUNNING', progress: 10, error: null });
    try {
      const loaded = await this.inputs.load({ packageId: render.packageId, revisionId: render.revisionId, draft: render.purpose === 'PREVIEW' });
      if (render.purpose === 'PUBLISHED') {
        // The shared checks again: rules may have changed since approval.
        const errors = evaluatePackage(loaded.model.document, loaded.model.template, loaded.model.context).checks.filter((c) => c.severity === 'error');
        if (errors.length) {
          throw new PublicationChecksFailed(`复核发现${errors.length}处错误：${errors.slice(0, 3).map((e) => e.messageZh).join('；')}`);
        }
      }
      const modelHash = renderModelHash(loaded.model);
      await this.progress(render, { progress: 50 });
      const out = await this.renderer.pdf(loaded.model);
      await this.progress(render, { progress: 90 });
      const key = renderArtifactKey(render, out.sha256);
      await this.storage.put(key, out.pdf, 'application/pdf');
      const done = await this.transactions.run(async (tx) => {
        const changes = {
          status: 'DONE' as const,
          progress: 100,
          error: null,
          artifactKey: key,
          sha256: out.sha256,
          byteSize: out.byteSize,
          pageCount: out.pageCount,
          modelHash,
          finishedAt: this.clock.now(),
        };
        await tx.manager.getRepository(RenderEntity).update({ id: render.id }, changes);
        if (render.purpose === 'SIGNED' && render.revisionId) {
          await tx.manager
            .getRepository(SignatureEntity)
            .update({ packageId: render.packageId, revisionId: render.revisionId, voidedAt: IsNull() }, { pdfHash: out.sha256, pdfKey: key });
        }
        if (render.purpose === 'PUBLISHED') await this.wakeOverduePublication(tx, render);
        return Object.assign(render, changes);
      });
      return done;
    } catch (err) {
      const unavailable = err instanceof DomainError && err.code === ErrorCode.RENDER_UNAVAILABLE;
      const final = attempt.attempt >= attempt.maxAttempts;
      const refused = err instanceof PublicationChecksFailed;
      // Render.error is shown to users: a domain reason as it is, anything else only in the server log.
      if (!(err instanceof DomainError) && !refused) this.logger.error(`render ${render.id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      const message = err instanceof DomainError || refused ? err.message : RENDER_FAILED_MESSAGE;
      // No browser is a machine problem, not the package's: the render stays queued (the sweep
      // keeps retrying) and the user reads why. Any other error fails it after the last attempt.
      // An inline render (publication) belongs to its caller's retries, never to the sweep.
      const status = options.inline || refused ? 'FAILED' : unavailable || !final ? 'QUEUED' : 'FAILED';
      await this.progress(render, { status, progress: 0, error: message.slice(0, 2000) }).catch(() => undefined);
      if (status === 'FAILED' && render.purpose === 'PUBLISHED') await this.transactions.run((tx) => this.wakeOverduePublication(tx, render)).catch(() => undefined);
      throw err;
    }
  }

  /**
   * A scheduled package already past its time was waiting for this PDF: its due-time step runs
   * now (publishing it, or telling the bureau it failed) rather than at its next try.
   */
  private async wakeOverduePublication(tx: Tx, render: RenderEntity): Promise<void> {
    const pkg = await tx.manager.getRepository(PackageEntity).findOne({
      where: { id: render.packageId },
      select: { id: true, state: true, publishAt: true, publishBlockedAt: true, publishRenderId: true },
    });
    const now = this.clock.now();
    if (!pkg || pkg.state !== 'SCHEDULED' || !pkg.publishAt || pkg.publishBlockedAt || pkg.publishRenderId !== render.id) return;
    if (pkg.publishAt.getTime() > now.getTime()) return;
    await this.jobs.enqueue(tx, 'package.publish', { dueAtMs: now.getTime(), countTries: false }, { jobId: `package.publish.render.${render.id}` });
  }

  private async progress(render: RenderEntity, changes: Partial<Pick<RenderEntity, 'status' | 'progress' | 'error'>>): Promise<void> {
    await this.transactions.run((tx) => tx.manager.getRepository(RenderEntity).update({ id: render.id }, changes));
    Object.assign(render, changes);
  }
}
