import { Injectable, Logger } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { TransactionService } from '../../database/transaction.service.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { IsSweepTask, SWEEP_INTERVAL_MS, type SweepTask } from '../../jobs/sweep.js';
import { JobLiveness } from './job-liveness.js';
import { RenderEntity } from './render.entity.js';

/** A render just created has its job in the same transaction; give the relay time before judging. */
const GRACE_MS = 30_000;

/**
 * Renders that are QUEUED with no live job (its retries ran out, say because no browser was
 * installed, or the job row is gone) get a new job. Renders done inline by publication are
 * created RUNNING and never match.
 */
@Injectable()
@IsSweepTask()
export class RenderSweep implements SweepTask {
  private readonly logger = new Logger('RenderSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly jobs: JobQueue,
    private readonly liveness: JobLiveness,
  ) {}

  async sweep(now: Date): Promise<void> {
    const queued = await this.dataSource.getRepository(RenderEntity).find({
      where: { status: 'QUEUED', createdAt: LessThan(new Date(now.getTime() - GRACE_MS)) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 200,
    });
    const minute = Math.floor(now.getTime() / SWEEP_INTERVAL_MS);
    let requeued = 0;
    for (const render of queued) {
      const base = `render.${render.id}`;
      if (await this.liveness.anyLive(await this.liveness.rows(base), now)) continue;
      await this.transactions.run((tx) => this.jobs.enqueue(tx, 'package.render-pdf', { renderId: render.id }, { jobId: `${base}.r${minute}` }));
      requeued++;
    }
    if (requeued) this.logger.log(`re-queued ${requeued} render(s)`);
  }
}
