import type { JobEntity } from './job.entity.js';

/**
 * The names and injection tokens of the Redis side of the jobs (BullMQ queues, the shared
 * client), with no BullMQ or ioredis code: an embedded process (no REDIS_URL) never loads
 * those libraries, and the code that only asks "is there a queue?" does not either.
 */
export const QUEUE_NAME = 'zipin-jobs';
/** The due-time publication flips wait here, apart from renders and mails (JOB_DEFAULTS' lanes). */
export const PUBLISH_QUEUE_NAME = 'zipin-publish';

/** BullMQ ids may not contain ':'; the fixed key keeps its meaning otherwise. */
export const bullJobId = (row: Pick<JobEntity, 'id' | 'jobKey'>) => (row.jobKey ?? row.id).replace(/:/g, '.');

/** The one ioredis client of the process (BullMQ's queues share it). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
/** BullMQ's Queue objects for QUEUE_NAME and PUBLISH_QUEUE_NAME; provided only with Redis. */
export const WORK_QUEUE = Symbol('WORK_QUEUE');
export const PUBLISH_QUEUE = Symbol('PUBLISH_QUEUE');
