import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import type { PackageState } from '@zipin/shared';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestContext, RequestUser } from '../../common/request-context.js';
import { campaignById } from '../campaign/campaign.loaders.js';
import { andThen, type MaybePromise } from '../../common/maybe-promise.js';
import { CampaignProgressModel, PackageWarningsModel } from './models/campaign-progress.model.js';
import { PackageModel } from '../package/models/package.model.js';
import { DashboardService } from './dashboard.service.js';
import { RemindOverdueResultModel, RemindResultModel } from './models/dashboard.models.js';
import { isOverdue } from './overdue.js';
import { ReminderService } from './reminder.service.js';

@Resolver(() => CampaignProgressModel)
export class DashboardResolver {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly reminders: ReminderService,
  ) {}

  @Allow('REVIEWER', 'ADMIN')
  @Query(() => CampaignProgressModel, { description: 'Dashboard of one campaign of the bureau (GROUP BY over the package rows).' })
  campaignProgress(
    @CurrentUser() user: RequestUser,
    @Args('campaignId', { type: () => ID }) campaignId: string,
    @Args('warningsFirst', { type: () => Int, nullable: true, description: 'Page size of `warnings` (default 20, at most 100).' }) warningsFirst?: number | null,
    @Args('warningsOffset', { type: () => Int, nullable: true }) warningsOffset?: number | null,
  ): Promise<CampaignProgressModel> {
    return this.dashboard.campaignProgress(user.bureauId, campaignId, { first: warningsFirst, offset: warningsOffset });
  }

  @Allow('REVIEWER', 'ADMIN')
  @Mutation(() => RemindResultModel, { description: '催办: notifies the unit’s fillers and heads and records REMIND in the audit trail.' })
  remindUnit(
    @CurrentUser() user: RequestUser,
    @Args('packageId', { type: () => ID }) packageId: string,
    @Args('message', { type: () => String, nullable: true }) message?: string | null,
  ): Promise<RemindResultModel> {
    return this.reminders.remindUnit(user, packageId, message);
  }

  @Allow('REVIEWER', 'ADMIN')
  @Mutation(() => RemindOverdueResultModel, { description: '催办 every overdue unit of the campaign at once.' })
  remindOverdue(
    @CurrentUser() user: RequestUser,
    @Args('campaignId', { type: () => ID }) campaignId: string,
    @Args('message', { type: () => String, nullable: true }) message?: string | null,
  ): Promise<RemindOverdueResultModel> {
    return this.reminders.remindOverdue(user, campaignId, message);
  }
}

/** `overdue` on the dashboard's warning rows (computed with the rows). */
@Resolver(() => PackageWarningsModel)
export class PackageWarningsOverdueResolver {
  @Allow()
  @ResolveField(() => Boolean, { description: 'Past the submission deadline and not yet with the bureau.' })
  overdue(row: PackageWarningsModel & { overdue?: boolean }): boolean {
    return row.overdue ?? false;
  }
}

/** `Package.overdue`, with one campaign query per request whatever the number of rows. */
@Resolver(() => PackageModel)
export class PackageOverdueResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => Boolean, { description: 'Past the campaign’s submission deadline and still DRAFT, RETURNED or AWAITING_SIGNOFF.' })
  overdue(pkg: { state: PackageState; campaignId: string }, _args: unknown, ctx: RequestContext): MaybePromise<boolean> {
    return andThen(campaignById(ctx, this.dataSource, pkg.campaignId), (campaign) => (campaign ? isOverdue(pkg.state, campaign.submissionDeadline) : false));
  }
}
