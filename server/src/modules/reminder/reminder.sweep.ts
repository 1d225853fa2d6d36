import { Injectable, Logger } from '@nestjs/common';
import { Between, DataSource, IsNull, Not } from 'typeorm';
import { TransactionService } from '../../database/transaction.service.js';
import { JobEntity } from '../../jobs/job.entity.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { IsSweepTask, SWEEP_INTERVAL_MS, type SweepTask } from '../../jobs/sweep.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { DEADLINE_REMINDERS, REMINDER_WINDOW_MS } from '@zipin/shared';
import { reminderJobKey } from '../campaign/campaign.service.js';

const DAY_MS = 86_400_000;

/**
 * Deadline reminders are queued when a campaign opens or its deadline moves; the deadline in
 * the campaign row is the truth. Every minute, a reminder that is due (or due within the
 * minute) for an open campaign and has no job row at all gets one (lost with a Redis flush,
 * say). The handler itself reminds each unit once per reminder.
 */
@Injectable()
@IsSweepTask()
export class ReminderSweep implements SweepTask {
  private readonly logger = new Logger('ReminderSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly jobs: JobQueue,
  ) {}

  async sweep(now: Date): Promise<void> {
    // Deadlines from the first reminder ahead to a day past the overdue one.
    const campaigns = await this.dataSource.getRepository(CampaignEntity).find({
      where: { openedAt: Not(IsNull()), submissionDeadline: Between(new Date(now.getTime() - REMINDER_WINDOW_MS.after - DAY_MS), new Date(now.getTime() + REMINDER_WINDOW_MS.before + SWEEP_INTERVAL_MS)) },
      select: { id: true, submissionDeadline: true },
    });
    let queued = 0;
    for (const c of campaigns) {
      for (const r of DEADLINE_REMINDERS) {
        const at = c.submissionDeadline.getTime() + r.offsetMs;
        if (at > now.getTime() + SWEEP_INTERVAL_MS) continue;
        // Past reminders other than OVERDUE are not sent late (3 days before is meaningless after).
        if (r.reminder !== 'OVERDUE' && at < now.getTime() - 10 * SWEEP_INTERVAL_MS) continue;
        const key = reminderJobKey(c.id, r.reminder, c.submissionDeadline);
        if (await this.dataSource.getRepository(JobEntity).exists({ where: { jobKey: key } })) continue;
        await this.transactions.run((tx) =>
          this.jobs.enqueue(tx, 'campaign.remind-deadline', { campaignId: c.id, reminder: r.reminder }, { jobId: key, delayMs: Math.max(0, at - now.getTime()) }),
        );
        queued++;
      }
    }
    if (queued) this.logger.log(`queued ${queued} missing reminder job(s)`);
  }
}
