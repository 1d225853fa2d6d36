import { AuthModule } from './auth/auth.module.js';
import { OrgModule } from './org/org.module.js';
import { SystemModule } from './system/system.module.js';
import { CampaignModule } from './campaign/campaign.module.js';
import { PackageModule } from './package/package.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';
import { NotificationModule } from './notification/notification.module.js';
import { RenderModule } from './render/render.module.js';
import { PublicationModule } from './publication/publication.module.js';
import { PortalPagesModule } from './portal-pages/portal-pages.module.js';
import { ReminderModule } from './reminder/reminder.module.js';
import { AttachmentModule } from './attachment/attachment.module.js';
import { CarryForwardModule } from './campaign/carry-forward.module.js';
import { ExcelModule } from './excel/excel.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DemoModule } from '../demo/demo.module.js';
import { LiveModule } from './live/live.module.js';

/** One Nest module per aggregate. */
export const FEATURE_MODULES = [
  LiveModule,
  SystemModule,
  AuthModule,
  OrgModule,
  CampaignModule,
  CarryForwardModule,
  PackageModule,
  WorkflowModule,
  NotificationModule,
  RenderModule,
  PublicationModule,
  PortalPagesModule,
  ReminderModule,
  AttachmentModule,
  ExcelModule,
  DashboardModule,
  DemoModule,
];
