import { Injectable, Logger } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { TransactionService } from '../../database/transaction.service.js';
import { JobLiveness } from '../render/job-liveness.js';
import { IsSweepTask, SWEEP_INTERVAL_MS, type SweepTask } from '../../jobs/sweep.js';
import { PackageEntity } from '../package/package.entity.js';
import { PublicationService } from './publication.service.js';
import { publishJobKey } from './publication-jobs.js';

/**
 * The schedule is in the package row; the delayed job is only a cache of it. Every minute,
 * each SCHEDULED package due now (or within the minute) without a live publish job gets one:
 * a job lost with Redis, a crash before the relay, retries that ran out.
 */
@Injectable()
@IsSweepTask()
export class PublicationSweep implements SweepTask {
  private readonly logger = new Logger('PublicationSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly publications: PublicationService,
    private readonly liveness: JobLiveness,
  ) {}

  async sweep(now: Date): Promise<void> {
    const due = await this.dataSource.getRepository(PackageEntity).find({
      where: { state: 'SCHEDULED', publishAt: LessThanOrEqual(new Date(now.getTime() + SWEEP_INTERVAL_MS)) },
      select: { id: true, publishAt: true },
      order: { publishAt: 'ASC', id: 'ASC' },
      take: 1000,
    });
    const minute = Math.floor(now.getTime() / SWEEP_INTERVAL_MS);
    let requeued = 0;
    for (const pkg of due) {
      if (!pkg.publishAt) continue;
      const base = publishJobKey(pkg.id, pkg.publishAt);
      if (await this.liveness.anyLive(await this.liveness.rows(base), now)) continue;
      // A package the checks refused stays refused until someone reschedules it.
      if (await this.publications.isBlocked(this.dataSource.manager, pkg.id, pkg.publishAt)) continue;
      // Always a new id: Redis may still hold a finished job under the old one and would drop the add.
      await this.transactions.run((tx) => this.publications.enqueuePublish(tx, pkg.id, pkg.publishAt!, `${base}.r${minute}`));
      requeued++;
    }
    if (requeued) this.logger.log(`re-queued ${requeued} publication job(s)`);
  }
}
