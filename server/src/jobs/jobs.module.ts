import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { BullmqJobBackend, BullmqJobProcessor, BullmqPublishProcessor, PUBLISH_QUEUE_NAME, QUEUE_NAME } from './bullmq-backend.js';
import { Clock } from '../common/clock.js';
import { InProcessJobBackend } from './in-process-backend.js';
import { JobBackend } from './job-backend.js';
import { JobQueue } from './job-queue.service.js';
import { JobRegistry } from './job-registry.js';
import { SweepClock, SweepHandler } from './sweep.js';
import { REDIS_CLIENT, RedisClientModule } from './redis-connection.js';
import type { Redis } from 'ioredis';

/**
 * One job catalogue, two backends: BullMQ when REDIS_URL is set, the job table polled in
 * process otherwise. Handlers are the same providers either way.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(config: AppConfig): DynamicModule {
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
    return {
      module: JobsModule,
      imports: [
        DiscoveryModule,
        RedisClientModule.forRoot(config.redis.url),
        BullModule.forRootAsync({
          inject: [REDIS_CLIENT],
          useFactory: (client: Redis) => ({ connection: client, prefix: config.redis!.prefix }),
        }),
        BullModule.registerQueue({ name: QUEUE_NAME }, { name: PUBLISH_QUEUE_NAME }),
      ],
      providers: [
        ...common,
        BullmqJobBackend,
        { provide: JobBackend, useExisting: BullmqJobBackend },
        ...(config.runJobs ? [BullmqJobProcessor, BullmqPublishProcessor] : []),
      ],
      exports: [JobQueue, JobBackend, BullmqJobBackend, SweepClock, BullModule],
    };
  }
}
