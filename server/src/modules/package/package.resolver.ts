import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { ErrorCode, GRADES, WorkflowAction, availableActions, stageOf, type Grade } from '@zipin/shared';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import { DomainError } from '../../common/domain-error.js';
import { JSONScalar } from '../../common/json.scalar.js';
import type { RequestContext, RequestUser } from '../../common/request-context.js';
import { campaignLoader } from '../campaign/campaign.loaders.js';
import { CampaignModel } from '../campaign/models/campaign.model.js';
import { UnitModel, UserRefModel } from '../org/models/org.models.js';
import { loadUserRef, unitLoader } from '../org/org.loaders.js';
import { PackageFilterInput, PackageSortInput, SavePackageInput } from './dto/package.input.js';
import { AssigneeCountModel, SupervisorCountModel, CheckResultModel, DiffEntryModel, PackageModel, PackagePageModel, PackageSummaryModel, RevisionModel, SaveResultModel } from './models/package.model.js';
import { evaluatePackage, gradeFromColumn, type PackageEvaluation } from './package-evaluation.js';
import { revisionsLoader } from './package.loaders.js';
import { PackageRevisionService } from './package-revision.service.js';
import { PackageEntity } from './package.entity.js';
import { PackageService, campaignContext } from './package.service.js';
import { PackageQueueService, type PackagePage } from './package-queue.service.js';

@Resolver(() => PackageModel)
export class PackageResolver {
  constructor(
    private readonly service: PackageService,
    private readonly revisionService: PackageRevisionService,
    private readonly queue: PackageQueueService,
    private readonly dataSource: DataSource,
  ) {}

  @Allow()
  @Query(() => PackageModel, { nullable: true })
  package(@CurrentUser() user: RequestUser, @Args('id', { type: () => ID }) id: string): Promise<PackageEntity> {
    return this.service.getReadable(user, id);
  }

  @Allow()
  @Query(() => PackagePageModel, { description: 'Unit roles see only their unit; bureau roles their bureau.' })
  packages(
    @CurrentUser() user: RequestUser,
    @Args('filter', { nullable: true }) filter?: PackageFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first = 50,
    @Args('offset', { type: () => Int, nullable: true, defaultValue: 0 }) offset = 0,
    @Args('sort', { nullable: true }) sort?: PackageSortInput,
  ): Promise<PackagePage> {
    if (filter?.grade && !GRADES.includes(filter.grade as Grade)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `等级「${filter.grade}」无效 / Unknown grade "${filter.grade}"`);
    }
    return this.queue.list(user, { ...(filter ?? {}), grade: (filter?.grade as Grade | undefined) ?? null }, sort ?? null, first, offset);
  }

  @Allow()
  @Query(() => Int, { description: 'Packages waiting for the signed-in person to act (我的待办), read from the workflow table.' })
  waitingForMeCount(@CurrentUser() user: RequestUser): Promise<number> {
    return this.queue.waitingCount(user);
  }

  @Allow()
  @Query(() => [DiffEntryModel], { description: 'Changes from a revision to another one, or to the current document.' })
  revisionDiff(
    @CurrentUser() user: RequestUser,
    @Args('packageId', { type: () => ID }) packageId: string,
    @Args('fromRevisionId', { type: () => ID }) fromRevisionId: string,
    @Args('toRevisionId', { type: () => ID, nullable: true }) toRevisionId?: string,
  ): Promise<DiffEntryModel[]> {
    return this.revisionService.diff(user, packageId, fromRevisionId, toRevisionId);
  }

  @Allow('FILLER')
  @Mutation(() => SaveResultModel, { description: 'Saves the documents (FILLER of the unit, DRAFT or RETURNED).' })
  async savePackage(@CurrentUser() user: RequestUser, @Args('input') input: SavePackageInput): Promise<SaveResultModel> {
    return { package: await this.service.save(user, input) };
  }

  private async evaluation(pkg: PackageEntity, ctx: RequestContext): Promise<PackageEvaluation> {
    const [campaign, unit] = await Promise.all([campaignLoader(ctx, this.dataSource).load(pkg.campaignId), unitLoader(ctx, this.dataSource).load(pkg.unitId)]);
    if (!campaign) throw new DomainError(ErrorCode.NOT_FOUND, '通知不存在');
    return evaluatePackage(pkg.document, campaign.template, campaignContext(campaign, unit));
  }

  @Allow()
  @ResolveField(() => CampaignModel)
  async campaign(@Parent() pkg: PackageEntity, @Context() ctx: RequestContext): Promise<CampaignModel> {
    const c = await campaignLoader(ctx, this.dataSource).load(pkg.campaignId);
    if (!c) throw new DomainError(ErrorCode.NOT_FOUND, '通知不存在');
    return c;
  }

  @Allow()
  @ResolveField(() => UnitModel)
  async unit(@Parent() pkg: PackageEntity, @Context() ctx: RequestContext): Promise<UnitModel> {
    const u = await unitLoader(ctx, this.dataSource).load(pkg.unitId);
    if (!u) throw new DomainError(ErrorCode.NOT_FOUND, '单位不存在');
    return u;
  }

  @Allow()
  @ResolveField(() => JSONScalar, { description: 'computeFigures(document, template): every derived figure.' })
  async figures(@Parent() pkg: PackageEntity, @Context() ctx: RequestContext): Promise<unknown> {
    return (await this.evaluation(pkg, ctx)).figures;
  }

  @Allow()
  @ResolveField(() => [CheckResultModel], { description: 'runChecks(document, template, campaign context).' })
  async checks(@Parent() pkg: PackageEntity, @Context() ctx: RequestContext): Promise<CheckResultModel[]> {
    return (await this.evaluation(pkg, ctx)).checks.map((c) => ({ ...c, explained: c.severity === 'warning' ? !!c.explained : null }));
  }

  @Allow()
  @ResolveField(() => PackageSummaryModel)
  summary(@Parent() pkg: PackageEntity): PackageSummaryModel {
    return {
      errorCount: pkg.errorCount,
      warningCount: pkg.warningCount,
      unexplainedWarningCount: pkg.unexplainedWarningCount,
      executionRate: pkg.executionRate,
      declaredTotal: pkg.declaredTotal,
      suggestedTotal: pkg.suggestedTotal,
      grade: gradeFromColumn(pkg.grade),
      canSubmit: pkg.errorCount === 0 && pkg.unexplainedWarningCount === 0,
    };
  }

  @Allow()
  @ResolveField(() => [String])
  flags(@Parent() pkg: PackageEntity): string[] {
    return pkg.flags ? pkg.flags.split(',').filter(Boolean) : [];
  }

  @Allow()
  @ResolveField(() => [WorkflowAction], { description: 'What the signed-in user may do now, from the workflow table.' })
  async availableActions(@Parent() pkg: PackageEntity, @CurrentUser() user: RequestUser | null, @Context() ctx: RequestContext): Promise<WorkflowAction[]> {
    if (!user) return [];
    const campaign = await campaignLoader(ctx, this.dataSource).load(pkg.campaignId);
    const stage = stageOf(pkg.state);
    // The stage's assignee: a package assigned to someone else offers nothing to claim.
    const assigneeId = stage === 'SUPERVISOR' ? pkg.supervisorAssigneeId : stage === 'BUREAU' ? pkg.assigneeId : null;
    return availableActions(
      { userId: user.id, role: user.role, unitId: user.unitId, bureauId: user.bureauId },
      { ...pkg, assigneeId, concurrenceRequired: !!campaign?.requiresConcurrence },
    );
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  claimedBy(@Parent() pkg: PackageEntity, @Context() ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, pkg.claimedById);
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  lastEditedBy(@Parent() pkg: PackageEntity, @Context() ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, pkg.lastEditedById);
  }

  @Allow()
  @ResolveField(() => [RevisionModel])
  revisions(@Parent() pkg: PackageEntity, @Context() ctx: RequestContext): Promise<RevisionModel[]> {
    return revisionsLoader(ctx, this.dataSource).load(pkg.id);
  }
}

@Resolver(() => AssigneeCountModel)
export class AssigneeCountResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  assignee(@Parent() row: AssigneeCountModel, @Context() ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, row.assigneeId);
  }
}

@Resolver(() => SupervisorCountModel)
export class SupervisorCountResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => UnitModel, { nullable: true })
  supervisorUnit(@Parent() row: SupervisorCountModel, @Context() ctx: RequestContext) {
    return row.supervisorUnitId ? unitLoader(ctx, this.dataSource).load(row.supervisorUnitId) : null;
  }
}

@Resolver(() => RevisionModel)
export class RevisionResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  createdBy(@Parent() rev: RevisionModel, @Context() ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, rev.createdById);
  }
}
