import { Module } from '@nestjs/common';
import { CampaignModule } from '../campaign/campaign.module.js';
import { DashboardResolver, PackageOverdueResolver, PackageWarningsOverdueResolver } from './dashboard.resolver.js';
import { DashboardService } from './dashboard.service.js';
import { ReminderService } from './reminder.service.js';

/** The bureau's dashboard of a campaign, the overdue flag and one-click reminders (催办). */
@Module({
  imports: [CampaignModule],
  providers: [DashboardService, ReminderService, DashboardResolver, PackageOverdueResolver, PackageWarningsOverdueResolver],
  exports: [DashboardService],
})
export class DashboardModule {}
