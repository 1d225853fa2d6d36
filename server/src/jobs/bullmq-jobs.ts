import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { BullmqJobBackend, bullmqProcessors } from './bullmq-backend.js';
import { JobBackend } from './job-backend.js';
import { PUBLISH_QUEUE, PUBLISH_QUEUE_NAME, QUEUE_NAME, REDIS_CLIENT, WORK_QUEUE } from './queue-tokens.js';
import { RedisClientModule } from './redis-connection.js';

/**
 * The BullMQ half of JobsModule (REDIS_URL set), in a file of its own so that a process
 * without Redis never loads BullMQ or ioredis (JobsModule imports it only then).
 */
export function bullmqJobs(config: AppConfig, redis: NonNullable<AppConfig['redis']>): { imports: DynamicModule[]; providers: Provider[]; exports: (symbol | Type | DynamicModule)[] } {
  return {
    imports: [
      RedisClientModule.forRoot(redis.url),
      BullModule.forRootAsync({
        inject: [REDIS_CLIENT],
        useFactory: (client: Redis) => ({ connection: client, prefix: redis.prefix }),
      }),
      BullModule.registerQueue({ name: QUEUE_NAME }, { name: PUBLISH_QUEUE_NAME }),
    ],
    providers: [
      BullmqJobBackend,
      { provide: JobBackend, useExisting: BullmqJobBackend },
      // Our own names for the queues, so code that reads them needs no BullMQ import.
      { provide: WORK_QUEUE, useExisting: getQueueToken(QUEUE_NAME) },
      { provide: PUBLISH_QUEUE, useExisting: getQueueToken(PUBLISH_QUEUE_NAME) },
      ...(config.runJobs ? bullmqProcessors(redis.lockMs) : []),
    ],
    exports: [BullmqJobBackend, WORK_QUEUE, PUBLISH_QUEUE, BullModule],
  };
}
