import type { DeadlineReminder } from '../workflow/deadline-reminders.js';

/**
 * The one catalogue of background jobs: name → payload. Payloads carry ids only; handlers
 * reload what they need, so a job that runs late or twice sees the current truth.
 */
export interface JobPayloads {
  /** Render a package to PDF: a preview on demand, the signed copy at sign-off, the published copy. */
  'package.render-pdf': { renderId: string };
  /** Publish a scheduled package when its time comes (fixed job id per package and time). */
  'package.publish': { packageId: string };
  /** Deadline reminders (催办) for one campaign: before the deadline and once overdue. */
  'campaign.remind-deadline': { campaignId: string; reminder: DeadlineReminder };
  /** Send one notification outside the app: a mail or a group-robot post (an outbox row). */
  'notification.deliver': { deliveryId: string };
  /** Repair misses: re-enqueue whatever the database says is due and not done. */
  'system.sweep': Record<string, never>;
}

export type JobName = keyof JobPayloads;
export interface JobOptions {
  /** A fixed id makes enqueueing idempotent: a second add with the same id is a no-op. */
  jobId?: string;
  /** Milliseconds to wait before the job may run. */
  delayMs?: number;
  /** Total attempts including the first (retries with exponential backoff). */
  attempts?: number;
}

/**
 * Retry policy per job. Typed as a record over every key of JobPayloads, so a job added to the
 * catalogue cannot compile without an entry here, and JOB_NAMES (the list the start-up check
 * holds handlers against) is read from it, never written by hand.
 */
export const JOB_DEFAULTS: Record<JobName, Required<Pick<JobOptions, 'attempts'>> & { backoffMs: number }> = {
  'package.render-pdf': { attempts: 5, backoffMs: 2_000 },
  'package.publish': { attempts: 8, backoffMs: 2_000 },
  'campaign.remind-deadline': { attempts: 3, backoffMs: 10_000 },
  'notification.deliver': { attempts: 5, backoffMs: 5_000 },
  'system.sweep': { attempts: 1, backoffMs: 1_000 },
};

/** Every job of the catalogue: each must have a handler at start-up. */
export const JOB_NAMES: readonly JobName[] = Object.keys(JOB_DEFAULTS) as JobName[];
