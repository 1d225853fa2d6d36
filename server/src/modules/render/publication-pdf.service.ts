import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { APPROVED_STATES, type PackageState } from '@zipin/shared';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { ArtifactStorage } from '../../storage/artifact-storage.js';
import { PackageRevisionEntity } from '../package/package-revision.entity.js';
import { PackageEntity } from '../package/package.entity.js';
import { SignatureEntity } from '../workflow/signature.entity.js';
import { RenderInputService } from './render-input.service.js';
import { RenderEntity } from './render.entity.js';
import { RenderService, renderModelHash } from './render.service.js';

/** Where a package's PDF-to-be-published stands, for the publication desk. */
export type PublicationPdfStatus = 'READY' | 'RENDERING' | 'FAILED' | 'MISSING';

export interface PublicationPdfState {
  status: PublicationPdfStatus;
  renderId: string | null;
  error: string | null;
}

/** States in which the copy to be published is kept up to date (published ones keep the one that went out). */
const PREPARED_STATES: readonly PackageState[] = APPROVED_STATES.filter((s) => s !== 'PUBLISHED');

/**
 * The PDF that goes public is rendered before its time, from the frozen revision with the
 * bureau's approval on the 封面: at approval, and again whenever what it shows changes before
 * publication (a retraction and re-approval, a new opinion, the campaign's template). The render
 * row carries a hash of its render model; a copy whose model hash no longer matches is replaced.
 */
@Injectable()
export class PublicationPdfService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly jobs: JobQueue,
    private readonly inputs: RenderInputService,
    private readonly renders: RenderService,
    private readonly storage: ArtifactStorage,
  ) {}

  /** Asks (after the caller's commit) for the copy to be checked and, if stale, rendered again. */
  async refreshAfterCommit(tx: Tx, packageId: string): Promise<void> {
    await this.jobs.enqueue(tx, 'package.prepare-pdf', { packageId });
  }

  /** The same for every package of a campaign that stands approved (its template changed, say). */
  async refreshCampaign(tx: Tx, campaignId: string): Promise<number> {
    const pkgs = await tx.manager.getRepository(PackageEntity).find({ where: { campaignId, state: In([...PREPARED_STATES]) }, select: { id: true } });
    for (const p of pkgs) await this.refreshAfterCommit(tx, p.id);
    return pkgs.length;
  }

  /**
   * The job: the render model of what would be published now, compared with the current copy;
   * a new render is requested when there is none, it failed, its file is gone, or it shows
   * something else. Returns the copy in effect.
   */
  async prepare(packageId: string): Promise<RenderEntity | null> {
    const pkg = await this.dataSource.getRepository(PackageEntity).findOne({
      where: { id: packageId },
      select: { id: true, state: true, signatureId: true, publishRenderId: true },
    });
    if (!pkg || !PREPARED_STATES.includes(pkg.state)) return null;
    const revisionId = await this.revisionToPublish(pkg);
    if (!revisionId) return null;
    const loaded = await this.inputs.load({ packageId, revisionId, draft: false });
    const modelHash = renderModelHash(loaded.model);
    const current = pkg.publishRenderId ? await this.dataSource.getRepository(RenderEntity).findOneBy({ id: pkg.publishRenderId }) : null;
    if (current && (await this.stillGood(current, revisionId, modelHash))) return current;
    return this.transactions.run(async (tx) => {
      const render = await this.renders.request(tx, { packageId, revisionId, purpose: 'PUBLISHED', requestedById: null, modelHash });
      await tx.manager.getRepository(PackageEntity).update({ id: packageId }, { publishRenderId: render.id });
      return render;
    });
  }

  /** For the desk and for scheduling. */
  async stateOf(pkg: Pick<PackageEntity, 'publishRenderId'>, render?: RenderEntity | null): Promise<PublicationPdfState> {
    const r = render !== undefined ? render : pkg.publishRenderId ? await this.dataSource.getRepository(RenderEntity).findOneBy({ id: pkg.publishRenderId }) : null;
    return stateOfRender(r);
  }

  private async revisionToPublish(pkg: Pick<PackageEntity, 'id' | 'signatureId'>): Promise<string | null> {
    if (pkg.signatureId) {
      const sig = await this.dataSource.getRepository(SignatureEntity).findOne({ where: { id: pkg.signatureId }, select: { id: true, revisionId: true, voidedAt: true } });
      if (sig && !sig.voidedAt) return sig.revisionId;
    }
    const latest = await this.dataSource.getRepository(PackageRevisionEntity).findOne({ where: { packageId: pkg.id }, order: { seq: 'DESC' }, select: { id: true } });
    return latest?.id ?? null;
  }

  private async stillGood(render: RenderEntity, revisionId: string, modelHash: string): Promise<boolean> {
    if (render.revisionId !== revisionId || render.modelHash !== modelHash || render.status === 'FAILED') return false;
    if (render.status !== 'DONE') return true;
    return !!render.artifactKey && (await this.storage.exists(render.artifactKey));
  }
}

export function stateOfRender(r: RenderEntity | null): PublicationPdfState {
  if (!r) return { status: 'MISSING', renderId: null, error: null };
  if (r.status === 'DONE') return { status: 'READY', renderId: r.id, error: null };
  if (r.status === 'FAILED') return { status: 'FAILED', renderId: r.id, error: r.error };
  return { status: 'RENDERING', renderId: r.id, error: r.error };
}
