import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { bullJobId, WORK_QUEUE } from '../../jobs/queue-tokens.js';
import { JobEntity } from '../../jobs/job.entity.js';

const LIVE_IN_REDIS = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
/** A dispatched job this long past its time is checked against Redis. */
const OVERDUE_MS = 60_000;

/**
 * Whether some job with a fixed id (or its `.r<n>` repairs) is still going to run. The job table
 * says so for the embedded queue; with BullMQ a DISPATCHED row may point at a job Redis lost (a
 * flush, a failover), so an overdue one is looked up in the queue itself.
 */
@Injectable()
export class JobLiveness {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() @Inject(WORK_QUEUE) private readonly queue?: Queue,
  ) {}

  async rows(baseKey: string): Promise<JobEntity[]> {
    return this.dataSource
      .getRepository(JobEntity)
      .createQueryBuilder('j')
      .where('(j.jobKey = :base OR j.jobKey LIKE :retry)', { base: baseKey, retry: `${baseKey}.r%` })
      .getMany();
  }

  async anyLive(rows: JobEntity[], now: Date): Promise<boolean> {
    for (const row of rows) {
      if (row.status === 'PENDING' || row.status === 'ACTIVE') return true;
      if (row.status !== 'DISPATCHED') continue;
      if (!this.queue || row.runAt.getTime() > now.getTime() - OVERDUE_MS) return true;
      const job = await this.queue.getJob(bullJobId(row));
      if (job && LIVE_IN_REDIS.has(await job.getState())) return true;
    }
    return false;
  }
}
