import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from '@zipin/shared';

export const JOB_HANDLER_KEY = 'zipin:job-handler';

export interface JobRunContext {
  jobId: string;
  attempt: number;
  maxAttempts: number;
}

/** A job handler loads what it needs by id and calls one service; it must be idempotent. */
export interface JobHandler<N extends JobName> {
  handle(payload: JobPayloads[N], context: JobRunContext): Promise<void>;
}

/** Marks a provider as the handler of one job name (found at start-up by the registry). */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER_KEY, name);

/** Thrown by a handler that knows a retry cannot help (the package is gone, say). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
