import type { DeadlineReminder } from '../workflow/deadline-reminders.js';

/**
 * The one catalogue of background jobs: name → payload. Payloads carry ids only; handlers
 * reload what they need, so a job that runs late or twice sees the current truth.
 */
export interface JobPayloads {
  /** Render a package to PDF: a preview on demand, the signed copy at sign-off, the published copy. */
  'package.render-pdf': { renderId: string };
  /**
   * Publish every SCHEDULED package due by `dueAtMs` (one job per second that has packages due,
   * fixed id per second): a batch flip, so all packages due at the same second go out together.
   */
  'package.publish': { dueAtMs: number; /** false: a PDF just finished; publish what is ready without counting a try for the rest. */ countTries?: boolean };
  /** Make sure the PDF that will go public shows what the package shows now; render it if not. */
  'package.prepare-pdf': { packageId: string };
  /** Deadline reminders (催办) for one campaign: before the deadline and once overdue. */
  'campaign.remind-deadline': { campaignId: string; reminder: DeadlineReminder };
  /** Send one notification outside the app: a mail or a group-robot post (an outbox row). */
  'notification.deliver': { deliveryId: string };
  /** Repair misses: re-enqueue whatever the database says is due and not done. */
  'system.sweep': Record<string, never>;
}

export type JobName = keyof JobPayloads;
/**
 * Which queue a job waits in: `publish` holds only the due-time flips, so a backlog of renders
 * or mails never delays a publication.
 */
export type JobLane = 'publish' | 'work';
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
export const JOB_DEFAULTS: Record<JobName, Required<Pick<JobOptions, 'attempts'>> & { backoffMs: number; lane: JobLane }> = {
  'package.render-pdf': { attempts: 5, backoffMs: 2_000, lane: 'work' },
  'package.publish': { attempts: 5, backoffMs: 1_000, lane: 'publish' },
  'package.prepare-pdf': { attempts: 5, backoffMs: 2_000, lane: 'work' },
  'campaign.remind-deadline': { attempts: 3, backoffMs: 10_000, lane: 'work' },
  'notification.deliver': { attempts: 5, backoffMs: 5_000, lane: 'work' },
  'system.sweep': { attempts: 1, backoffMs: 1_000, lane: 'work' },
};

/** Every job of the catalogue: each must have a handler at start-up. */
export const JOB_NAMES: readonly JobName[] = Object.keys(JOB_DEFAULTS) as JobName[];
