import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { CarriedPart } from '@zipin/shared';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestUser } from '../../common/request-context.js';
import { PackageModel } from '../package/models/package.model.js';
import type { PackageEntity } from '../package/package.entity.js';
import { CarryForwardService, type TargetComparisonUnit } from './carry-forward.service.js';
import { CarriedPartEnum, TargetComparisonUnitModel } from './models/carry-forward.model.js';

@Resolver()
export class CarryForwardResolver {
  constructor(private readonly service: CarryForwardService) {}

  @Allow('FILLER')
  @Mutation(() => PackageModel, {
    description: 'FILLER, DRAFT/RETURNED: resets a part carried from last year (上年 column → editable and empty; indicators → template defaults; chapter 一 → empty).',
  })
  resetCarriedPart(
    @CurrentUser() user: RequestUser,
    @Args('packageId', { type: () => ID }) packageId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('part', { type: () => CarriedPartEnum }) part: CarriedPart,
  ): Promise<PackageEntity> {
    return this.service.resetPart(user, packageId, expectedVersion, part);
  }

  @Allow('REVIEWER', 'ADMIN')
  @Query(() => [TargetComparisonUnitModel], { description: "Per unit: this year's targets against last year's actuals, flagging targets set too low." })
  targetComparison(@CurrentUser() user: RequestUser, @Args('campaignId', { type: () => ID }) campaignId: string): Promise<TargetComparisonUnit[]> {
    return this.service.targetComparison(user, campaignId);
  }
}
