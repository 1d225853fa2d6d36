import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { andThen, type MaybePromise } from '../../common/maybe-promise.js';
import { DataSource } from 'typeorm';
import { stageOf, type ReviewStage } from '@zipin/shared';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestContext, RequestUser } from '../../common/request-context.js';
import { campaignById } from '../campaign/campaign.loaders.js';
import { UnitModel, UserRefModel } from '../org/models/org.models.js';
import { loadUserRef, unitById } from '../org/org.loaders.js';
import { PackageModel } from '../package/models/package.model.js';
import type { PackageEntity } from '../package/package.entity.js';
import { AssignmentService, type AssignmentResult } from './assignment.service.js';
import { AssignReviewerInput, AssignmentResultModel, OpinionModel, ReassignWorkInput, ReviewStageEnum, ReviewerWorkloadModel } from './models/workflow.models.js';
import { opinionsLoader } from './workflow.loaders.js';

/**
 * Review stages on the package (stage, 主管部门, assignees, 会签, opinions on the record) and the
 * admin's assignment in advance. The package is only reachable through package/packages, which
 * check access first.
 */
@Resolver(() => PackageModel)
export class ReviewResolver {
  constructor(
    private readonly assignments: AssignmentService,
    private readonly dataSource: DataSource,
  ) {}

  @Allow('ADMIN')
  @Mutation(() => AssignmentResultModel, {
    description: "Assigns packages, whole units or 主管部门 groups in advance to a bureau reviewer, or (stage SUPERVISOR) to a 主管部门's own reviewer (null reviewerId removes it). No state or version changes.",
  })
  assignReviewer(@CurrentUser() user: RequestUser, @Args('input') input: AssignReviewerInput): Promise<AssignmentResult> {
    return this.assignments.assign(user, input);
  }

  @Allow('ADMIN')
  @Mutation(() => AssignmentResultModel, {
    description: "改派 when someone is away: all of one reviewer's open work to a colleague of the same stage; packages in that stage now are reassigned (audited, with the reason).",
  })
  reassignReviewerWork(@CurrentUser() user: RequestUser, @Args('input') input: ReassignWorkInput): Promise<AssignmentResult> {
    return this.assignments.reassignWork(user, input);
  }

  @Allow('ADMIN')
  @Query(() => [ReviewerWorkloadModel], { description: "Each reviewer of the bureau and its 主管部门 (inactive ones while they hold work): units and open packages assigned." })
  async reviewerWorkload(@CurrentUser() user: RequestUser): Promise<ReviewerWorkloadModel[]> {
    return (await this.assignments.workload(user)).map((w) => ({
      userId: w.reviewer.id,
      displayName: w.reviewer.displayName,
      username: w.reviewer.username,
      active: w.reviewer.active,
      stage: w.stage,
      supervisorUnitId: w.stage === 'SUPERVISOR' ? w.reviewer.unitId : null,
      units: w.units,
      packages: w.packages,
      inReview: w.inReview,
    }));
  }

  @Allow('ADMIN', 'REVIEWER', 'SUPERVISOR')
  @Query(() => [UserRefModel], {
    description: "The active reviewers of a stage, to transfer, reassign or assign to: the bureau's REVIEWERs, or a 主管部门's SUPERVISORs (a supervisor's own).",
  })
  async stageReviewers(
    @CurrentUser() user: RequestUser,
    @Args('stage', { type: () => ReviewStageEnum }) stage: ReviewStage,
    @Args('supervisorUnitId', { type: () => ID, nullable: true }) supervisorUnitId?: string | null,
  ): Promise<UserRefModel[]> {
    return (await this.assignments.stageReviewers(user, stage, supervisorUnitId)).map((u) => ({ id: u.id, displayName: u.displayName, role: u.role }));
  }

  @Allow()
  @ResolveField(() => ReviewStageEnum, { nullable: true, description: 'The review stage the package is in (SUPERVISOR or BUREAU), or null outside review.' })
  stage(pkg: PackageEntity): ReviewStage | null {
    return stageOf(pkg.state);
  }

  @Allow()
  @ResolveField(() => Boolean, { description: 'Whether the package passes through its 主管部门: the campaign has the stage on and the unit a 主管部门.' })
  supervised(pkg: PackageEntity, _args: unknown, ctx: RequestContext): MaybePromise<boolean> {
    if (!pkg.supervisorUnitId) return false;
    return andThen(campaignById(ctx, this.dataSource, pkg.campaignId), (c) => !!c?.supervisorStage);
  }

  @Allow()
  @ResolveField(() => UnitModel, { nullable: true, description: 'The 主管部门 the package passes through (or went through).' })
  supervisorUnit(pkg: PackageEntity, _args: unknown, ctx: RequestContext) {
    return pkg.supervisorUnitId ? unitById(ctx, this.dataSource, pkg.supervisorUnitId) : null;
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true, description: 'The bureau reviewer it is assigned to (in advance, or by a claim that sticks across returns).' })
  assignee(pkg: PackageEntity, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, pkg.assigneeId);
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true, description: "The 主管部门's reviewer it is assigned to (in advance, or by a claim that sticks)." })
  supervisorAssignee(pkg: PackageEntity, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, pkg.supervisorAssigneeId);
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true, description: 'The second reviewer who concurred (会签) in this round.' })
  concurredBy(pkg: PackageEntity, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, pkg.concurredById);
  }

  @Allow()
  @ResolveField(() => [OpinionModel], { description: 'Opinions on the record, oldest first; voided ones (an earlier round) only with includeVoided.' })
  async opinions(
    @Parent() pkg: PackageEntity,
    @Context() ctx: RequestContext,
    @Args('includeVoided', { nullable: true, defaultValue: false }) includeVoided: boolean,
  ): Promise<OpinionModel[]> {
    const all = await opinionsLoader(ctx, this.dataSource).load(pkg.id);
    return includeVoided ? all : all.filter((o) => !o.voidedAt);
  }
}

@Resolver(() => OpinionModel)
export class OpinionResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  signer(o: OpinionModel, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, o.signerId);
  }
}
