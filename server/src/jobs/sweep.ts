import { Injectable, Logger, SetMetadata, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { TransactionService } from '../database/transaction.service.js';
import { HandlesJob, type JobHandler } from './job-handler.js';
import { JobQueue } from './job-queue.service.js';
import { Clock } from '../common/clock.js';

export const SWEEP_TASK_KEY = 'zipin:sweep-task';

/**
 * A repair that runs every minute: the database says what is due (a schedule, a render),
 * the task makes sure a job exists for it. Each must be safe to run any number of times.
 */
export interface SweepTask {
  sweep(now: Date): Promise<void>;
}
export const IsSweepTask = () => SetMetadata(SWEEP_TASK_KEY, true);

export const SWEEP_INTERVAL_MS = 60_000;

@Injectable()
@HandlesJob('system.sweep')
export class SweepHandler implements JobHandler<'system.sweep'> {
  private readonly logger = new Logger('Sweep');
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly clock: Clock,
  ) {}

  async handle(): Promise<void> {
    const now = this.clock.now();
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance || !Reflect.getMetadata(SWEEP_TASK_KEY, wrapper.metatype)) continue;
      try {
        await (wrapper.instance as SweepTask).sweep(now);
      } catch (err) {
        this.logger.error(`${wrapper.metatype.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

/** In every job-running process: once a minute (and at start), ask for a sweep; the fixed id makes it one per minute cluster-wide. */
@Injectable()
export class SweepClock implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  constructor(
    private readonly jobs: JobQueue,
    private readonly transactions: TransactionService,
    private readonly enabled: boolean,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    const minute = Math.floor(this.clock.nowMs() / SWEEP_INTERVAL_MS);
    try {
      await this.transactions.run((tx) => this.jobs.enqueue(tx, 'system.sweep', {}, { jobId: `system.sweep.${minute}` }));
    } catch {
      // A lost tick is harmless: the next minute asks again.
    }
  }
}
