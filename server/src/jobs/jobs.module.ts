import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { Clock } from '../common/clock.js';
import { InProcessJobBackend } from './in-process-backend.js';
import { JobBackend } from './job-backend.js';
import { JobQueue } from './job-queue.service.js';
import { JobRegistry } from './job-registry.js';
import { SweepClock, SweepHandler } from './sweep.js';

/**
 * One job catalogue, two backends: BullMQ when REDIS_URL is set, the job table polled in
 * process otherwise. Handlers are the same providers either way. Asynchronous so that BullMQ
 * is loaded only when it is used (Nest takes a promised module among the imports).
 */
@Global()
@Module({})
export class JobsModule {
  static async forRoot(config: AppConfig): Promise<DynamicModule> {
    const common: Provider[] = [
      JobRegistry,
      JobQueue,
      SweepHandler,
      {
        provide: SweepClock,
        inject: [JobQueue, TransactionService, Clock],
        useFactory: (jobs: JobQueue, tx: TransactionService, clock: Clock) => new SweepClock(jobs, tx, config.runJobs, clock),
      },
    ];
    if (!config.redis) {
      return {
        module: JobsModule,
        imports: [DiscoveryModule],
        providers: [
          ...common,
          {
            provide: InProcessJobBackend,
            inject: [DataSource, TransactionService, JobRegistry, Clock],
            useFactory: (ds: DataSource, tx: TransactionService, registry: JobRegistry, clock: Clock) => new InProcessJobBackend(ds, tx, registry, config.runJobs, clock),
          },
          { provide: JobBackend, useExisting: InProcessJobBackend },
        ],
        exports: [JobQueue, JobBackend, InProcessJobBackend, SweepClock],
      };
    }
    const { bullmqJobs } = await import('./bullmq-jobs.js');
    const bull = bullmqJobs(config, config.redis);
    return {
      module: JobsModule,
      imports: [DiscoveryModule, ...bull.imports],
      providers: [...common, ...bull.providers],
      exports: [JobQueue, JobBackend, SweepClock, ...bull.exports],
    };
  }
}
