import { Module } from '@nestjs/common';
import { CarryForwardResolver } from './carry-forward.resolver.js';
import { CarryForwardService } from './carry-forward.service.js';

/**
 * Resetting carried parts and the bureau's target comparison. The carrying itself happens when a
 * campaign opens (CampaignService.open calls carryForwardIntoDraft in its transaction).
 */
@Module({ providers: [CarryForwardService, CarryForwardResolver], exports: [CarryForwardService] })
export class CarryForwardModule {}
