import { Module } from '@nestjs/common';
import { ReminderSweep } from './reminder.sweep.js';

/**
 * Repairs for deadline reminders (催办). The `campaign.remind-deadline` handler itself lives in
 * NotificationModule (RemindDeadlineHandler) and the jobs are queued by CampaignService; a
 * second handler here would make start-up fail ("Two handlers").
 */
@Module({ providers: [ReminderSweep] })
export class ReminderModule {}
