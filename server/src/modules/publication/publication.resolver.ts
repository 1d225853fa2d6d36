import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentUser, Public } from '../../common/access.decorators.js';
import type { RequestUser } from '../../common/request-context.js';
import { PackageModel } from '../package/models/package.model.js';
import { PackageVersionArgs, PublicPackagesArgs, RescheduleArgs, RetractArgs, ScheduleArgs, ScheduleManyArgs } from './dto/publication.args.js';
import { BatchResultModel } from '../workflow/models/workflow.models.js';
import type { BatchResult } from '../workflow/workflow-actions.service.js';
import { PublicPackageModel, PublicPackagePageModel } from './models/publication.models.js';
import { PublicationService } from './publication.service.js';
import { PublicPortalService } from './public-portal.service.js';

@Resolver()
export class PublicationResolver {
  constructor(
    private readonly publications: PublicationService,
    private readonly portal: PublicPortalService,
  ) {}

  @Allow('ADMIN', 'REVIEWER')
  @Mutation(() => PackageModel, { description: "Schedules an APPROVED package; publishAt defaults to the campaign's publication deadline." })
  schedulePublication(@CurrentUser() user: RequestUser, @Args() args: ScheduleArgs): Promise<PackageModel> {
    return this.publications.schedule(user, 'SCHEDULE', args.packageId, args.expectedVersion, args.publishAt ?? null);
  }

  @Allow('ADMIN', 'REVIEWER')
  @Mutation(() => [BatchResultModel], { description: 'Schedules many APPROVED packages at once; each is its own transaction.' })
  schedulePublications(@CurrentUser() user: RequestUser, @Args() args: ScheduleManyArgs): Promise<BatchResult[]> {
    return this.publications.scheduleMany(user, args.items, args.publishAt ?? null);
  }

  @Allow('ADMIN')
  @Mutation(() => PackageModel, { description: '立即公开: an APPROVED or SCHEDULED package is published a moment from now.' })
  publishNow(@CurrentUser() user: RequestUser, @Args() args: PackageVersionArgs): Promise<PackageModel> {
    return this.publications.publishNow(user, args.packageId, args.expectedVersion);
  }

  @Allow('ADMIN', 'REVIEWER')
  @Mutation(() => PackageModel)
  reschedulePublication(@CurrentUser() user: RequestUser, @Args() args: RescheduleArgs): Promise<PackageModel> {
    return this.publications.schedule(user, 'RESCHEDULE', args.packageId, args.expectedVersion, args.publishAt);
  }

  @Allow('ADMIN', 'REVIEWER')
  @Mutation(() => PackageModel)
  unschedulePublication(@CurrentUser() user: RequestUser, @Args() args: PackageVersionArgs): Promise<PackageModel> {
    return this.publications.unschedule(user, args.packageId, args.expectedVersion);
  }

  @Allow('ADMIN')
  @Mutation(() => PackageModel, { description: 'Takes a publication off the portal with a reason (the page then says so).' })
  retractPublication(@CurrentUser() user: RequestUser, @Args() args: RetractArgs): Promise<PackageModel> {
    return this.publications.retract(user, args.packageId, args.expectedVersion, args.reason);
  }

  @Public()
  @Query(() => [Int], { description: 'Fiscal years with published packages, newest first.' })
  publicYears(): Promise<number[]> {
    return this.portal.years();
  }

  @Public()
  @Query(() => PublicPackagePageModel)
  publicPackages(@Args() args: PublicPackagesArgs): Promise<PublicPackagePageModel> {
    return this.portal.list(args);
  }

  @Public()
  @Query(() => PublicPackageModel, { nullable: true })
  publicPackage(@Args('publicationId', { type: () => ID }) publicationId: string): Promise<PublicPackageModel | null> {
    return this.portal.get(publicationId);
  }
}
