import { Clock } from '../../common/clock.js';
import { Injectable } from '@nestjs/common';
import { In, MoreThan, Not, IsNull } from 'typeorm';
import { BUREAU_ROLES, ErrorCode, REMINDER_MESSAGE_MAX, STATE_LABELS, reminderDeadlineText, reminderNotice } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { CampaignService } from '../campaign/campaign.service.js';
import { NotificationService } from '../notification/notification.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { assertCanRead } from '../package/package-access.js';
import { PackageEntity } from '../package/package.entity.js';
import { AuditEventEntity } from '../workflow/audit-event.entity.js';
import type { RemindOverdueResultModel, RemindResultModel } from './models/dashboard.models.js';
import { OVERDUE_STATES } from './overdue.js';

/** A second click within this window reminds nobody twice. */
export const REMIND_COOLDOWN_MS = 5 * 60_000;

/**
 * 催办 in one click: the bureau reminds a unit that still holds its package. The unit's fillers
 * and heads get a notification, and the audit trail records who reminded whom (action REMIND).
 * Automatic deadline reminders are RemindDeadlineHandler's (notification module).
 */
@Injectable()
export class ReminderService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly notifications: NotificationService,
    private readonly campaigns: CampaignService,
    private readonly clock: Clock,
  ) {}

  private cleanMessage(message: string | null | undefined): string {
    const m = (message ?? '').trim();
    if (m.length > REMINDER_MESSAGE_MAX) throw new DomainError(ErrorCode.VALIDATION_FAILED, `催办留言最多${REMINDER_MESSAGE_MAX}字`);
    return m;
  }

  private async remindOne(tx: Tx, user: RequestUser, pkg: PackageEntity, campaign: CampaignEntity, unit: UnitEntity | null, message: string): Promise<RemindResultModel> {
    const users = await this.notifications.recipients(tx, pkg, { unitRoles: ['FILLER', 'UNIT_HEAD'] });
    const late = campaign.submissionDeadline.getTime() < this.clock.nowMs();
    const notice = reminderNotice({
      senderName: user.displayName,
      unitName: unit?.name ?? '',
      fiscalYear: campaign.fiscalYear,
      stateLabel: STATE_LABELS[pkg.state].zh,
      deadlineText: reminderDeadlineText(campaign.submissionDeadline, campaign.timezone),
      late,
      documentNumber: campaign.documentNumber,
      campaignTitle: campaign.title,
      message,
    });
    await this.notifications.notify(tx, users.map((u) => u.id), { kind: 'REMIND', title: notice.title, body: notice.body, packageId: pkg.id });
    await tx.manager.getRepository(AuditEventEntity).insert({
      packageId: pkg.id,
      actorId: user.id,
      actorRole: user.role,
      action: 'REMIND',
      fromState: pkg.state,
      toState: pkg.state,
      reason: message || null,
      details: { manual: true, recipients: users.length, overdue: late },
      at: this.clock.now(),
    });
    return { packageId: pkg.id, unitName: unit?.name ?? '', recipients: users.length };
  }

  private async recentlyReminded(tx: Tx, packageIds: string[]): Promise<Set<string>> {
    if (!packageIds.length) return new Set();
    const rows = await tx.manager.getRepository(AuditEventEntity).find({
      where: { packageId: In(packageIds), action: 'REMIND', actorId: Not(IsNull()), at: MoreThan(new Date(this.clock.nowMs() - REMIND_COOLDOWN_MS)) },
      select: { packageId: true },
    });
    return new Set(rows.map((r) => r.packageId));
  }

  async remindUnit(user: RequestUser, packageId: string, message?: string | null): Promise<RemindResultModel> {
    if (!BUREAU_ROLES.includes(user.role)) throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED, '只有财政局审核人员或管理员可以催办');
    const text = this.cleanMessage(message);
    return this.transactions.run(async (tx) => {
      const pkg = await tx.manager.getRepository(PackageEntity).findOneBy({ id: packageId });
      if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
      assertCanRead(user, pkg);
      if (!OVERDUE_STATES.includes(pkg.state)) {
        throw new DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, `该材料${STATE_LABELS[pkg.state].zh}，已不在单位手中，无需催办`);
      }
      if ((await this.recentlyReminded(tx, [pkg.id])).size) throw new DomainError(ErrorCode.DUPLICATE, '5分钟内已催办过该单位，请稍后再试');
      const campaign = await tx.manager.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
      const unit = await tx.manager.getRepository(UnitEntity).findOneBy({ id: pkg.unitId });
      return this.remindOne(tx, user, pkg, campaign, unit, text);
    });
  }

  /** Reminds every overdue unit of the campaign in one transaction (none before the deadline). */
  async remindOverdue(user: RequestUser, campaignId: string, message?: string | null): Promise<RemindOverdueResultModel> {
    if (!BUREAU_ROLES.includes(user.role)) throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED, '只有财政局审核人员或管理员可以催办');
    const text = this.cleanMessage(message);
    return this.transactions.run(async (tx) => {
      const campaign = await this.campaigns.get(user.bureauId, campaignId, tx);
      if (campaign.submissionDeadline.getTime() >= this.clock.nowMs()) return { reminded: 0, skipped: 0, results: [] };
      const packages = await tx.manager.getRepository(PackageEntity).find({ where: { campaignId: campaign.id, state: In([...OVERDUE_STATES]) }, order: { id: 'ASC' } });
      const recent = await this.recentlyReminded(tx, packages.map((p) => p.id));
      const due = packages.filter((p) => !recent.has(p.id));
      const units = due.length ? await tx.manager.getRepository(UnitEntity).findBy({ id: In(due.map((p) => p.unitId)) }) : [];
      const unitOf = new Map(units.map((u) => [u.id, u]));
      const results: RemindResultModel[] = [];
      for (const pkg of due) results.push(await this.remindOne(tx, user, pkg, campaign, unitOf.get(pkg.unitId) ?? null, text));
      results.sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh'));
      return { reminded: results.length, skipped: packages.length - due.length, results };
    });
  }
}
