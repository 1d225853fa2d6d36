import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { QueryDeepPartialEntity } from 'typeorm';
import { DataSource } from 'typeorm';
import { JOB_DEFAULTS, type JobName, type JobPayloads } from '@zipin/shared';
import { Clock } from '../common/clock.js';
import { TransactionService } from '../database/transaction.service.js';
import { JobBackend } from './job-backend.js';
import { JobEntity } from './job.entity.js';
import { JobRegistry } from './job-registry.js';
import { PermanentJobError } from './job-handler.js';
import { bullJobId, PUBLISH_QUEUE_NAME, QUEUE_NAME } from './queue-tokens.js';

const RELAY_MS = 2_000;
const ADD_TIMEOUT_MS = 5_000;
/** Rows handed to BullMQ per round trip. */
const RELAY_CHUNK = 100;
/** How long a worker's SIGTERM waits for its running jobs (a render takes seconds). */
const WORKER_CLOSE_MS = 20_000;

interface QueuedData {
  outboxId: string;
  payload: JobEntity['payload'];
}


/**
 * Production's queue: PENDING rows of the job table are relayed to BullMQ with their fixed
 * ids (BullMQ drops a duplicate id), then marked DISPATCHED. While Redis is down the rows
 * wait and users' actions still commit; the relay catches up when it returns.
 */
@Injectable()
export class BullmqJobBackend extends JobBackend implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private timer: NodeJS.Timeout | null = null;
  private relaying = false;
  private stopped = true;

  constructor(
    @InjectQueue(QUEUE_NAME) private readonly queue: Queue,
    @InjectQueue(PUBLISH_QUEUE_NAME) private readonly publishQueue: Queue,
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly clock: Clock,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Before the database closes: stop relaying and let a relay in flight finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.relaying) await new Promise((r) => setTimeout(r, 10));
  }

  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.relay().finally(() => {
        if (!this.stopped && !this.timer) this.schedule(RELAY_MS);
      });
    }, ms);
  }

  /** Hands every PENDING row to BullMQ; returns how many went. */
  async relay(): Promise<number> {
    if (this.relaying) return 0;
    this.relaying = true;
    let sent = 0;
    try {
      const rows = await this.dataSource.getRepository(JobEntity).find({ where: { status: 'PENDING' }, order: { runAt: 'ASC' }, take: 500 });
      // Due-time publications first: a backlog of renders must not hold them in the outbox.
      const ordered = [...rows.filter((r) => this.laneOf(r.name) === 'publish'), ...rows.filter((r) => this.laneOf(r.name) !== 'publish')];
      for (let i = 0; i < ordered.length; i += RELAY_CHUNK) {
        const chunk = ordered.slice(i, i + RELAY_CHUNK);
        for (const lane of ['publish', 'work'] as const) {
          const mine = chunk.filter((r) => this.laneOf(r.name) === lane);
          if (!mine.length) continue;
          // One round trip per queue and chunk; BullMQ drops an id it already holds, as with add.
          await withTimeout(
            (lane === 'publish' ? this.publishQueue : this.queue).addBulk(
              mine.map((row) => ({
                name: row.name,
                data: { outboxId: row.id, payload: row.payload } satisfies QueuedData,
                opts: {
                  jobId: bullJobId(row),
                  delay: Math.max(0, row.runAt.getTime() - this.clock.nowMs()),
                  attempts: Math.max(1, row.maxAttempts - row.attempts),
                  backoff: { type: 'exponential', delay: row.backoffMs },
                  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
                  removeOnFail: { age: 30 * 24 * 3600 },
                },
              })),
            ),
            ADD_TIMEOUT_MS,
          );
        }
        await this.transactions.run(({ manager }) =>
          manager
            .createQueryBuilder()
            .update(JobEntity)
            .set({ status: 'DISPATCHED' })
            .where('id IN (:...ids) AND status = :status', { ids: chunk.map((r) => r.id), status: 'PENDING' })
            .execute(),
        );
        sent += chunk.length;
      }
    } catch (err) {
      this.logger.warn(`relay to Redis paused: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.relaying = false;
    }
    return sent;
  }

  private laneOf(name: string): 'publish' | 'work' {
    return JOB_DEFAULTS[name as JobName]?.lane === 'publish' ? 'publish' : 'work';
  }
}

/** Runs handlers for BullMQ jobs (one subclass per queue); registered only in processes that run jobs. */
abstract class JobWorker extends WorkerHost implements BeforeApplicationShutdown {
  protected readonly logger = new Logger('Jobs');

  constructor(
    private readonly registry: JobRegistry,
    private readonly transactions: TransactionService,
    private readonly clock: Clock,
  ) {
    super();
  }

  /**
   * On SIGTERM, before anything it uses closes (the browser, the database): take no new job
   * and let the running ones finish. (Nest's own close of the worker comes too late for that.)
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    // Bounded: with Redis unreachable a close can wait forever; the rest of the shutdown must go on.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.worker.close(), new Promise<void>((resolve) => (timer = setTimeout(resolve, WORKER_CLOSE_MS)))]);
    clearTimeout(timer);
  }

  async process(job: Job<QueuedData>): Promise<void> {
    const { outboxId, payload } = job.data;
    await this.mark(outboxId, { status: 'ACTIVE', attempts: job.attemptsMade + 1 });
    try {
      await this.registry.run(job.name as JobName, payload as JobPayloads[JobName], {
        jobId: outboxId,
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts ?? 1,
      });
    } catch (err) {
      // BullMQ stops retrying on UnrecoverableError.
      if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
    await this.mark(outboxId, { status: 'DONE', finishedAt: this.clock.now(), lastError: null });
  }

  protected async failed(job: Job<QueuedData> | undefined, err: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err.name === 'UnrecoverableError';
    this.logger.warn(`${job.name} ${job.id} attempt ${job.attemptsMade} failed: ${err.message}`);
    await this.mark(job.data.outboxId, final ? { status: 'FAILED', lastError: err.message, finishedAt: this.clock.now() } : { status: 'DISPATCHED', lastError: err.message });
  }

  private async mark(id: string, changes: QueryDeepPartialEntity<JobEntity>): Promise<void> {
    try {
      await this.transactions.run(({ manager }) => manager.getRepository(JobEntity).update({ id }, changes));
    } catch (err) {
      this.logger.warn(`could not record job ${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** Two jobs at a time per process (renders wait on the browser, mail on the SMTP server). */
@Injectable()
export class BullmqJobProcessor extends JobWorker {
  constructor(registry: JobRegistry, transactions: TransactionService, clock: Clock) {
    super(registry, transactions, clock);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<QueuedData> | undefined, err: Error): Promise<void> {
    return this.failed(job, err);
  }
}

/** One flip at a time per process: a flip is a few statements over every package due. */
@Injectable()
export class BullmqPublishProcessor extends JobWorker {
  constructor(registry: JobRegistry, transactions: TransactionService, clock: Clock) {
    super(registry, transactions, clock);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<QueuedData> | undefined, err: Error): Promise<void> {
    return this.failed(job, err);
  }
}

/**
 * The two processors bound to their queues. `lockMs` is how long a job stays with a worker that
 * stopped answering (killed, frozen, cut off) before another worker takes it: the holder renews
 * its lock every half of it while it lives, and every worker looks for lapsed locks as often.
 */
export function bullmqProcessors(lockMs: number): Type[] {
  const lock = { lockDuration: lockMs, stalledInterval: lockMs };
  Processor(QUEUE_NAME, { concurrency: 2, ...lock })(BullmqJobProcessor);
  Processor(PUBLISH_QUEUE_NAME, { concurrency: 1, ...lock })(BullmqPublishProcessor);
  return [BullmqJobProcessor, BullmqPublishProcessor];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
