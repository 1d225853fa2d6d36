import { Args, Context, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { andThen, type MaybePromise } from '../../common/maybe-promise.js';
import { DataSource } from 'typeorm';
import { rowCaches, type RowCache } from '../../database/row-cache.js';
import { ErrorCode, GRADES, WorkflowAction, availableActions, stageOf, type Grade } from '@zipin/shared';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import { DomainError } from '../../common/domain-error.js';
import { JSONScalar } from '../../common/json.scalar.js';
import { requestLoader, type RequestContext, type RequestUser } from '../../common/request-context.js';
import { campaignById } from '../campaign/campaign.loaders.js';
import { CampaignModel } from '../campaign/models/campaign.model.js';
import { UnitModel, UserRefModel } from '../org/models/org.models.js';
import { loadUserRef, unitById } from '../org/org.loaders.js';
import { PackageFilterInput, PackageSortInput, SavePackageInput } from './dto/package.input.js';
import { AssigneeCountModel, SupervisorCountModel, CheckResultModel, DiffEntryModel, PackageModel, PackagePageModel, PackageSummaryModel, RevisionModel, SaveResultModel } from './models/package.model.js';
import { evaluateAtVersion, gradeFromColumn, type PackageEvaluation } from './package-evaluation.js';
import { revisionsLoader } from './package.loaders.js';
import { PackageRevisionService } from './package-revision.service.js';
import { PackageEntity } from './package.entity.js';
import { PackageService, campaignContext } from './package.service.js';
import { PackageQueueService, type PackagePage } from './package-queue.service.js';

function summaryOf(pkg: PackageEntity): PackageSummaryModel {
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

/** Packages of this request asked for with their current version (conditional reads). */
function unchangedIn(ctx: RequestContext): Set<string> {
  return requestLoader(ctx, 'package.unchanged', () => new Set<string>());
}

function checkModels(e: PackageEvaluation): CheckResultModel[] {
  return e.checks.map((c) => ({ ...c, explained: c.severity === 'warning' ? !!c.explained : null }));
}

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
  async package(
    @CurrentUser() user: RequestUser,
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: RequestContext,
    @Args('knownVersion', { type: () => Int, nullable: true, description: 'The version the client holds: if it is still the current one, `document` is left out (null) and `unchanged` is true.' })
    knownVersion?: number | null,
  ): Promise<PackageEntity> {
    const pkg = await this.service.getReadable(user, id);
    if (knownVersion != null && knownVersion === pkg.version) unchangedIn(ctx).add(pkg.id);
    return pkg;
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
      throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: `等级「${filter.grade}」无效`, en: `No such grade: “${filter.grade}”` });
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
    const saved = await this.service.save(user, input);
    return {
      version: saved.pkg.version,
      lastEditedAt: saved.pkg.lastEditedAt ?? saved.pkg.updatedAt,
      summary: summaryOf(saved.pkg),
      // Worked out only when the answer selects them: the client runs the same checks itself.
      get checks() {
        return saved.checksChanged() ? checkModels(saved.evaluation) : null;
      },
      document: saved.storedAsSent ? null : saved.pkg.document,
      package: saved.pkg,
    };
  }

  private async evaluation(pkg: PackageEntity, ctx: RequestContext): Promise<PackageEvaluation> {
    const [campaign, unit] = await Promise.all([campaignById(ctx, this.dataSource, pkg.campaignId), unitById(ctx, this.dataSource, pkg.unitId)]);
    if (!campaign) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '通知不存在', en: 'The campaign does not exist' });
    return evaluateAtVersion(pkg, campaign.template, campaignContext(campaign, unit));
  }

  @Allow()
  @ResolveField(() => CampaignModel)
  campaign(pkg: PackageEntity, _args: unknown, ctx: RequestContext): MaybePromise<CampaignModel> {
    return andThen(campaignById(ctx, this.dataSource, pkg.campaignId), (c) => {
      if (!c) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '通知不存在', en: 'The campaign does not exist' });
      return c;
    });
  }

  @Allow()
  @ResolveField(() => UnitModel)
  unit(pkg: PackageEntity, _args: unknown, ctx: RequestContext): MaybePromise<UnitModel> {
    return andThen(unitById(ctx, this.dataSource, pkg.unitId), (u) => {
      if (!u) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '单位不存在', en: 'The unit does not exist' });
      return u;
    });
  }

  @Allow()
  @ResolveField(() => JSONScalar, { nullable: true, description: 'PackageDocument of @zipin/shared: inputs only, never computed values. Null when `unchanged`.' })
  document(pkg: PackageEntity, _args: unknown, ctx: RequestContext): unknown {
    return unchangedIn(ctx).has(pkg.id) ? null : pkg.document;
  }

  @Allow()
  @ResolveField(() => Boolean, { description: 'The package is at the knownVersion the client sent (its document is the one the client has).' })
  unchanged(pkg: PackageEntity, _args: unknown, ctx: RequestContext): boolean {
    return unchangedIn(ctx).has(pkg.id);
  }

  @Allow()
  @ResolveField(() => JSONScalar, { description: 'computeFigures(document, template): every derived figure.' })
  async figures(pkg: PackageEntity, _args: unknown, ctx: RequestContext): Promise<unknown> {
    return (await this.evaluation(pkg, ctx)).figures;
  }

  @Allow()
  @ResolveField(() => [CheckResultModel], { description: 'runChecks(document, template, campaign context).' })
  async checks(pkg: PackageEntity, _args: unknown, ctx: RequestContext): Promise<CheckResultModel[]> {
    return checkModels(await this.evaluation(pkg, ctx));
  }

  @Allow()
  @ResolveField(() => PackageSummaryModel)
  summary(pkg: PackageEntity): PackageSummaryModel {
    return summaryOf(pkg);
  }

  @Allow()
  @ResolveField(() => [String])
  flags(pkg: PackageEntity): string[] {
    return pkg.flags ? pkg.flags.split(',').filter(Boolean) : [];
  }

  @Allow()
  @ResolveField(() => [WorkflowAction], { description: 'What the signed-in user may do now, from the workflow table.' })
  availableActions(pkg: PackageEntity, _args: unknown, ctx: RequestContext): MaybePromise<WorkflowAction[]> {
    const user = ctx.user;
    if (!user) return [];
    const stage = stageOf(pkg.state);
    // The stage's assignee: a package assigned to someone else offers nothing to claim.
    const assigneeId = stage === 'SUPERVISOR' ? pkg.supervisorAssigneeId : stage === 'BUREAU' ? pkg.assigneeId : null;
    return andThen(campaignById(ctx, this.dataSource, pkg.campaignId), (campaign) =>
      availableActions({ userId: user.id, role: user.role, unitId: user.unitId, bureauId: user.bureauId }, { ...pkg, assigneeId, concurrenceRequired: !!campaign?.requiresConcurrence }),
    );
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  claimedBy(pkg: PackageEntity, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, pkg.claimedById);
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  lastEditedBy(pkg: PackageEntity, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, pkg.lastEditedById);
  }

  @Allow()
  @ResolveField(() => [RevisionModel])
  revisions(pkg: PackageEntity, _args: unknown, ctx: RequestContext): MaybePromise<RevisionModel[]> {
    // A revision is only ever added with a new package version, so a version's list is final.
    const cache = rowCaches(this.dataSource).revisions as RowCache<RevisionModel[]>;
    return cache.load(`${pkg.id}:${pkg.version}`, () => revisionsLoader(ctx, this.dataSource).load(pkg.id));
  }
}

@Resolver(() => AssigneeCountModel)
export class AssigneeCountResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  assignee(row: AssigneeCountModel, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, row.assigneeId);
  }
}

@Resolver(() => SupervisorCountModel)
export class SupervisorCountResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => UnitModel, { nullable: true })
  supervisorUnit(row: SupervisorCountModel, _args: unknown, ctx: RequestContext) {
    return row.supervisorUnitId ? unitById(ctx, this.dataSource, row.supervisorUnitId) : null;
  }
}

@Resolver(() => RevisionModel)
export class RevisionResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  createdBy(rev: RevisionModel, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, rev.createdById);
  }
}
