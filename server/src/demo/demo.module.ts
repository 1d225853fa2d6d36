import { Module } from '@nestjs/common';
import { CampaignModule } from '../modules/campaign/campaign.module.js';
import { PackageModule } from '../modules/package/package.module.js';
import { WorkflowModule } from '../modules/workflow/workflow.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({ imports: [CampaignModule, PackageModule, WorkflowModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
