import { Injectable } from '@nestjs/common';
import { newId } from '../../database/columns.js';
import type { Tx } from '../../database/transaction.service.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { RenderEntity, type RenderPurpose } from './render.entity.js';

/** Asks for a PDF of a package; the render job does the work and records progress on the row. */
@Injectable()
export class RenderService {
  constructor(private readonly jobs: JobQueue) {}

  async request(tx: Tx, input: { packageId: string; revisionId: string | null; purpose: RenderPurpose; requestedById: string | null }): Promise<RenderEntity> {
    const repo = tx.manager.getRepository(RenderEntity);
    const render = repo.create({
      id: newId(),
      packageId: input.packageId,
      revisionId: input.revisionId,
      purpose: input.purpose,
      status: 'QUEUED',
      progress: 0,
      error: null,
      artifactKey: null,
      sha256: null,
      byteSize: null,
      pageCount: null,
      requestedById: input.requestedById,
      createdAt: new Date(),
      finishedAt: null,
    });
    await repo.insert(render);
    await this.jobs.enqueue(tx, 'package.render-pdf', { renderId: render.id }, { jobId: `render.${render.id}` });
    return render;
  }
}
