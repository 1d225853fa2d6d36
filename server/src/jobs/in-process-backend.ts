import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';
import { JOB_DEFAULTS, JOB_NAMES, type JobLane, type JobName, type JobPayloads } from '@zipin/shared';
import { Clock } from '../common/clock.js';
import { JobBackend } from './job-backend.js';
import { JobEntity } from './job.entity.js';
import { JobRegistry } from './job-registry.js';
import { PermanentJobError } from './job-handler.js';

const POLL_MS = 500;
const LEASE_MS = 5 * 60_000;
/** Job slots per lane: renders and mails never hold up a due publication, which has its own. */
const CONCURRENCY: Record<JobLane, number> = { work: 2, publish: 1 };
const LANES = Object.keys(CONCURRENCY) as JobLane[];
const NAMES_OF: Record<JobLane, JobName[]> = { work: [], publish: [] };
for (const name of JOB_NAMES) NAMES_OF[JOB_DEFAULTS[name].lane].push(name);

/**
 * Embedded mode's queue: the job table itself, polled by this process, with BullMQ's
 * semantics (delay, retries with exponential backoff, fixed ids). Rows outlive the
 * process, so a job pending at a crash runs after the restart, once.
 */
@Injectable()
export class InProcessJobBackend extends JobBackend implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private timer: NodeJS.Timeout | null = null;
  private running = 0;
  private readonly runningIn: Record<JobLane, number> = { work: 0, publish: 0 };
  private polling = false;
  private stopped = true;
  private idle: (() => void)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly registry: JobRegistry,
    private readonly runJobs: boolean,
    private readonly clock: Clock,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runJobs) return;
    // Only this process runs embedded jobs, so anything still ACTIVE was cut off by a crash.
    await this.transactions.run(({ manager }) =>
      manager.getRepository(JobEntity).update({ status: 'ACTIVE' }, { status: 'PENDING', lockedUntil: null }),
    );
    this.stopped = false;
    this.schedule(0);
  }

  /** Before the database closes: stop polling and let running jobs finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.polling) await new Promise((r) => setTimeout(r, 10));
    if (this.running > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** Runs everything due now; for tests and the worker's drain. */
  async drain(): Promise<void> {
    while ((await this.poll()) > 0 || this.running > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll().finally(() => {
        if (!this.stopped && !this.timer) this.schedule(POLL_MS);
      });
    }, ms);
  }

  private async poll(): Promise<number> {
    if (this.polling) return 0;
    this.polling = true;
    try {
      const repo = this.dataSource.getRepository(JobEntity);
      let started = 0;
      for (const lane of LANES) {
        const free = CONCURRENCY[lane] - this.runningIn[lane];
        if (free <= 0) continue;
        const due = await repo.find({
          where: { status: 'PENDING', name: In(NAMES_OF[lane]), runAt: LessThanOrEqual(this.clock.now()) },
          order: { runAt: 'ASC', id: 'ASC' },
          take: free,
        });
        for (const job of due) {
          const now = this.clock.now();
          const claimed = await this.transactions.run(({ manager }) => manager
            .createQueryBuilder()
            .update(JobEntity)
            .set({ status: 'ACTIVE', attempts: () => 'attempts + 1', lockedUntil: new Date(now.getTime() + LEASE_MS) })
            .where('id = :id AND status = :status', { id: job.id, status: 'PENDING' })
            .execute());
          if (claimed.affected !== 1) continue;
          started++;
          this.running++;
          this.runningIn[lane]++;
          void this.execute({ ...job, attempts: job.attempts + 1 }).finally(() => {
            this.running--;
            this.runningIn[lane]--;
            if (this.running === 0) this.idle.splice(0).forEach((r) => r());
            if (!this.stopped) this.schedule(0);
          });
        }
      }
      return started;
    } catch (err) {
      this.logger.warn(`poll failed: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    } finally {
      this.polling = false;
    }
  }

  private async execute(job: JobEntity): Promise<void> {
    // A job whose outcome cannot be written (the database went away) stays ACTIVE: its lease runs
    // out and it runs again, as after a crash. It must not take the process down with it.
    const update = (changes: QueryDeepPartialEntity<JobEntity>) =>
      this.transactions
        .run(({ manager }) => manager.getRepository(JobEntity).update({ id: job.id }, changes))
        .then(
          () => undefined,
          (err: unknown) => this.logger.warn(`could not record job ${job.id}: ${err instanceof Error ? err.message : String(err)}`),
        );
    try {
      await this.registry.run(job.name as JobName, job.payload as JobPayloads[JobName], {
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
      });
      await update({ status: 'DONE', finishedAt: this.clock.now(), lockedUntil: null, lastError: null });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = err instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      const retryAt = new Date(this.clock.nowMs() + job.backoffMs * 2 ** (job.attempts - 1));
      this.logger.warn(`${job.name} ${job.id} attempt ${job.attempts}/${job.maxAttempts} failed: ${message}`);
      await update(
        final
          ? { status: 'FAILED', lastError: message, finishedAt: this.clock.now(), lockedUntil: null }
          : { status: 'PENDING', lastError: message, runAt: retryAt, lockedUntil: null },
      );
    }
  }
}
