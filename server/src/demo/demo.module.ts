import { Module } from '@nestjs/common';
import { CampaignModule } from '../modules/campaign/campaign.module.js';
import { PackageModule } from '../modules/package/package.module.js';
import { WorkflowModule } from '../modules/workflow/workflow.module.js';
import { PublicationModule } from '../modules/publication/publication.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({ imports: [CampaignModule, PackageModule, WorkflowModule, PublicationModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
