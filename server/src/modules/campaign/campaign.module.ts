import { Module } from '@nestjs/common';
import { PackageModule } from '../package/package.module.js';
import { CampaignResolver } from './campaign.resolver.js';
import { CampaignService } from './campaign.service.js';

@Module({ imports: [PackageModule], providers: [CampaignService, CampaignResolver], exports: [CampaignService] })
export class CampaignModule {}
