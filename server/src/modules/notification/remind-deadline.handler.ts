import { Injectable } from '@nestjs/common';
import { In, MoreThanOrEqual } from 'typeorm';
import { DEADLINE_REMINDERS, REMINDED_ROLES, REMINDED_STATES, type JobPayloads } from '@zipin/shared';
import { Clock } from '../../common/clock.js';
import { TransactionService } from '../../database/transaction.service.js';
import { HandlesJob, type JobHandler } from '../../jobs/job-handler.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { UnitEntity } from '../org/unit.entity.js';
import { PackageEntity } from '../package/package.entity.js';
import { AuditEventEntity } from '../workflow/audit-event.entity.js';
import { NotificationEntity } from './notification.entity.js';
import { NotificationService } from './notification.service.js';

const DAY_MS = 86_400_000;

/**
 * Deadline reminders (催办) to the units that have not yet reached the bureau. The campaign row
 * is the truth: a job left over from an earlier deadline that fires too early does nothing, and
 * a unit is reminded once per reminder and deadline.
 */
@Injectable()
@HandlesJob('campaign.remind-deadline')
export class RemindDeadlineHandler implements JobHandler<'campaign.remind-deadline'> {
  constructor(
    private readonly transactions: TransactionService,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  async handle(payload: JobPayloads['campaign.remind-deadline']): Promise<void> {
    await this.transactions.run(async (tx) => {
      const campaign = await tx.manager.getRepository(CampaignEntity).findOneBy({ id: payload.campaignId });
      if (!campaign) return;
      const reminder = DEADLINE_REMINDERS.find((r) => r.reminder === payload.reminder);
      if (!reminder) return;
      const dueAt = campaign.submissionDeadline.getTime() + reminder.offsetMs;
      const now = this.clock.nowMs();
      // Too early for the current deadline (it moved later), or a "before" reminder now past the deadline.
      if (now + 5_000 < dueAt) return;
      if (payload.reminder !== 'OVERDUE' && now >= campaign.submissionDeadline.getTime()) return;
      const kind = `REMIND_${payload.reminder}`;
      const since = new Date(campaign.submissionDeadline.getTime() - 4 * DAY_MS);
      const packages = await tx.manager
        .getRepository(PackageEntity)
        .findBy({ campaignId: campaign.id, state: In(REMINDED_STATES) });
      for (const pkg of packages) {
        const already = await tx.manager.getRepository(NotificationEntity).exists({ where: { packageId: pkg.id, kind, createdAt: MoreThanOrEqual(since) } });
        if (already) continue;
        const users = await this.notifications.recipients(tx, pkg, { unitRoles: [...(REMINDED_ROLES[pkg.state] ?? [])] });
        const unit = await tx.manager.getRepository(UnitEntity).findOneBy({ id: pkg.unitId });
        const deadline = campaign.submissionDeadline.toLocaleString('zh-CN', { timeZone: campaign.timezone, hour12: false });
        await this.notifications.notify(tx, users.map((u) => u.id), {
          kind,
          title: reminder.title,
          body: `${campaign.documentNumber}《${campaign.title}》要求${deadline}前报送。${unit?.name ?? ''}的自评材料尚未报送财政局。`,
          packageId: pkg.id,
        });
        await tx.manager.getRepository(AuditEventEntity).insert({
          packageId: pkg.id,
          actorId: null,
          actorRole: 'SYSTEM',
          action: 'REMIND',
          fromState: pkg.state,
          toState: pkg.state,
          reason: reminder.title,
          details: { reminder: payload.reminder, recipients: users.length },
          at: this.clock.now(),
        });
      }
    });
  }
}
