import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestUser } from '../../common/request-context.js';
import { RecordedViewModel } from './models/package-view.model.js';
import { PackageViewService } from './package-view.service.js';

@Resolver(() => RecordedViewModel)
export class PackageViewResolver {
  constructor(private readonly views: PackageViewService) {}

  @Allow()
  @Mutation(() => RecordedViewModel, { description: 'Records that the signed-in reader opened the package now; returns the view before this one.' })
  async recordPackageView(@CurrentUser() user: RequestUser, @Args('packageId', { type: () => ID }) packageId: string): Promise<RecordedViewModel> {
    const { previous, current } = await this.views.record(user, packageId);
    const model = (v: { revisionId: string | null; packageVersion: number; viewedAt: Date }) => ({ revisionId: v.revisionId, packageVersion: v.packageVersion, viewedAt: v.viewedAt });
    return { previous: previous ? model(previous) : null, current: model(current) };
  }
}
