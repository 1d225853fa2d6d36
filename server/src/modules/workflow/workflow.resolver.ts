import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { MaybePromise } from '../../common/maybe-promise.js';
import { DataSource } from 'typeorm';
import { rowCaches, type RowCache } from '../../database/row-cache.js';
import { Allow, CurrentUser, Public } from '../../common/access.decorators.js';
import type { RequestContext, RequestUser } from '../../common/request-context.js';
import { UserRefModel } from '../org/models/org.models.js';
import { loadUserRef } from '../org/org.loaders.js';
import { PackageModel } from '../package/models/package.model.js';
import type { PackageEntity } from '../package/package.entity.js';
import { CommentService, threads } from './comment.service.js';
import {
  AuditEventModel,
  auditEventModel,
  BatchResultModel,
  CommentInput,
  CommentModel,
  SignatureModel,
  SignatureVerificationModel,
} from './models/workflow.models.js';
import { SignatureService } from './signature.service.js';
import { WorkflowActionsService, type BatchResult } from './workflow-actions.service.js';
import { auditLoader, commentsLoader, signatureLoader } from './workflow.loaders.js';

const pkgId = () => Args('packageId', { type: () => ID });
const expected = () => Args('expectedVersion', { type: () => Int, description: 'The version the user saw; a stale one is refused.' });
const opinionArg = () =>
  Args('opinion', { type: () => String, nullable: true, description: 'The opinion put on the record (同意 / 已审核 / 同意报送 or free text), with signer and date.' });

/**
 * One mutation per action of the workflow table. Access is decided by the table itself
 * (checkTransition inside WorkflowService.fire), so every signed-in role may call them and the
 * refusal says why (ROLE_NOT_ALLOWED, NOT_IN_SCOPE, TRANSITION_NOT_ALLOWED …).
 */
@Resolver(() => PackageModel)
export class WorkflowResolver {
  constructor(
    private readonly actions: WorkflowActionsService,
    private readonly signatures: SignatureService,
    private readonly dataSource: DataSource,
  ) {}

  @Allow()
  @Mutation(() => PackageModel, { description: 'FILLER: DRAFT/RETURNED → AWAITING_SIGNOFF (checks must pass).' })
  submitPackage(@CurrentUser() user: RequestUser, @pkgId() packageId: string, @expected() expectedVersion: number) {
    return this.actions.act(user, 'SUBMIT', packageId, expectedVersion);
  }

  @Allow()
  @Mutation(() => PackageModel, { description: 'FILLER (before sign-off) or FILLER/UNIT_HEAD (before a reviewer claims): back to DRAFT.' })
  withdrawPackage(@CurrentUser() user: RequestUser, @pkgId() packageId: string, @expected() expectedVersion: number) {
    return this.actions.act(user, 'WITHDRAW', packageId, expectedVersion);
  }

  @Allow()
  @Mutation(() => PackageModel, {
    description:
      'UNIT_HEAD re-enters the password: AWAITING_SIGNOFF → SUBMITTED_TO_SUPERVISOR (campaign stage on, unit under a 主管部门) or SUBMITTED. ' +
      'Signed in through single sign-on, the password may be empty right after signing in again at the provider (/api/auth/oidc/reauth).',
  })
  signPackage(
    @CurrentUser() user: RequestUser,
    @pkgId() packageId: string,
    @expected() expectedVersion: number,
    @Args('password') password: string,
    @opinionArg() opinion?: string | null,
  ) {
    return this.actions.sign(user, packageId, expectedVersion, password, opinion);
  }

  @Allow()
  @Mutation(() => PackageModel, { description: 'UNIT_HEAD (before sign-off) or the claiming REVIEWER, with a reason and field comments.' })
  returnPackage(
    @CurrentUser() user: RequestUser,
    @pkgId() packageId: string,
    @expected() expectedVersion: number,
    @Args('reason') reason: string,
    @Args('comments', { type: () => [CommentInput], nullable: true }) comments?: CommentInput[] | null,
  ) {
    return this.actions.return(user, packageId, expectedVersion, reason, comments ?? []);
  }

  @Allow()
  @Mutation(() => PackageModel, {
    description: 'SUPERVISOR: SUBMITTED_TO_SUPERVISOR → SUPERVISOR_REVIEW; REVIEWER: SUBMITTED → IN_REVIEW. Only the assignee, when the package has one.',
  })
  claimPackage(@CurrentUser() user: RequestUser, @pkgId() packageId: string, @expected() expectedVersion: number) {
    return this.actions.act(user, 'CLAIM', packageId, expectedVersion);
  }

  @Allow()
  @Mutation(() => PackageModel, { description: 'The claimant gives it back to its stage: SUPERVISOR_REVIEW → SUBMITTED_TO_SUPERVISOR, IN_REVIEW → SUBMITTED.' })
  releasePackage(@CurrentUser() user: RequestUser, @pkgId() packageId: string, @expected() expectedVersion: number) {
    return this.actions.act(user, 'RELEASE', packageId, expectedVersion);
  }

  @Allow()
  @Mutation(() => PackageModel, {
    description: 'The claimant approves with an opinion: SUPERVISOR_REVIEW → SUBMITTED (on to the bureau), IN_REVIEW → APPROVED (after a 会签 when the campaign asks for one).',
  })
  approvePackage(@CurrentUser() user: RequestUser, @pkgId() packageId: string, @expected() expectedVersion: number, @opinionArg() opinion?: string | null) {
    return this.actions.decide(user, 'APPROVE', packageId, expectedVersion, opinion);
  }

  @Allow()
  @Mutation(() => PackageModel, { description: 'A second REVIEWER (not the claimant) concurs (会签) with an opinion: IN_REVIEW stays IN_REVIEW.' })
  concurPackage(@CurrentUser() user: RequestUser, @pkgId() packageId: string, @expected() expectedVersion: number, @opinionArg() opinion?: string | null) {
    return this.actions.decide(user, 'CONCUR', packageId, expectedVersion, opinion);
  }

  @Allow()
  @Mutation(() => PackageModel, {
    description: '转交: the assignee (before the claim) or the claimant hands the package to a colleague of the same stage, with a reason; a claimed package stays claimed, by the colleague.',
  })
  transferPackage(
    @CurrentUser() user: RequestUser,
    @pkgId() packageId: string,
    @expected() expectedVersion: number,
    @Args('toUserId', { type: () => ID }) toUserId: string,
    @Args('reason') reason: string,
  ) {
    return this.actions.handOver(user, 'TRANSFER', packageId, expectedVersion, toUserId, reason);
  }

  @Allow()
  @Mutation(() => PackageModel, { description: '改派: the ADMIN gives a package in review (or waiting in a stage) to another reviewer of that stage.' })
  reassignPackage(
    @CurrentUser() user: RequestUser,
    @pkgId() packageId: string,
    @expected() expectedVersion: number,
    @Args('toUserId', { type: () => ID }) toUserId: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    return this.actions.handOver(user, 'REASSIGN', packageId, expectedVersion, toUserId, reason);
  }

  @Allow()
  @Mutation(() => [BatchResultModel], {
    description: 'The stage reviewer claims and approves waiting packages, approves those claimed by the caller; one opinion for all.',
  })
  batchApprove(
    @CurrentUser() user: RequestUser,
    @Args('packageIds', { type: () => [ID] }) packageIds: string[],
    @opinionArg() opinion?: string | null,
  ): Promise<BatchResult[]> {
    return this.actions.batchApprove(user, packageIds, opinion);
  }

  @Public()
  @Query(() => SignatureVerificationModel, { description: 'Checks a document hash or a PDF hash against recorded signatures.' })
  verifySignature(@Args('hash') hash: string): Promise<SignatureVerificationModel> {
    return this.signatures.verify(hash);
  }

  // The package is only reachable through package/packages, which check access first.

  @Allow()
  @ResolveField(() => SignatureModel, { nullable: true, description: 'The valid signature; null if none or voided.' })
  signature(pkg: PackageEntity, _args: unknown, ctx: RequestContext): MaybePromise<SignatureModel | null> {
    if (!pkg.signatureId) return null;
    return signatureLoader(ctx, this.dataSource).load(pkg.signatureId).then((s) => (s && !s.voidedAt ? s : null));
  }

  @Allow()
  @ResolveField(() => [CommentModel], { description: 'Threads of review comments (unit and bureau only).' })
  comments(pkg: PackageEntity, _args: unknown, ctx: RequestContext): MaybePromise<CommentModel[]> {
    const cache = rowCaches(this.dataSource).comments as RowCache<CommentModel[]>;
    return cache.load(`${pkg.id}:${pkg.version}`, async () => threads(await commentsLoader(ctx, this.dataSource).load(pkg.id), pkg.document, pkg.fiscalYear));
  }

  @Allow()
  @ResolveField(() => [AuditEventModel])
  auditTrail(pkg: PackageEntity, _args: unknown, ctx: RequestContext): MaybePromise<AuditEventModel[]> {
    const cache = rowCaches(this.dataSource).auditTrails as RowCache<AuditEventModel[]>;
    return cache.load(`${pkg.id}:${pkg.version}`, async () => (await auditLoader(ctx, this.dataSource).load(pkg.id)).map(auditEventModel));
  }
}

@Resolver(() => CommentModel)
export class CommentResolver {
  constructor(
    private readonly comments: CommentService,
    private readonly dataSource: DataSource,
  ) {}

  @Allow()
  @Mutation(() => CommentModel, { description: 'A comment on a field, by the unit or the bureau.' })
  addComment(@CurrentUser() user: RequestUser, @pkgId() packageId: string, @Args('path') path: string, @Args('body') body: string) {
    return this.comments.add(user, packageId, { path, body });
  }

  @Allow()
  @Mutation(() => CommentModel)
  replyComment(@CurrentUser() user: RequestUser, @Args('commentId', { type: () => ID }) commentId: string, @Args('body') body: string) {
    return this.comments.reply(user, commentId, body);
  }

  @Allow()
  @Mutation(() => CommentModel)
  resolveComment(@CurrentUser() user: RequestUser, @Args('commentId', { type: () => ID }) commentId: string) {
    return this.comments.resolve(user, commentId);
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  author(c: CommentModel, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, c.authorId);
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  resolvedBy(c: CommentModel, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, c.resolvedById);
  }
}

@Resolver(() => AuditEventModel)
export class AuditEventResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true, description: 'Null for the system.' })
  actor(e: AuditEventModel, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, e.actorId);
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true, description: 'Who a TRANSFER or REASSIGN handed the package to.' })
  toUser(e: AuditEventModel, _args: unknown, ctx: RequestContext) {
    const id = e.details?.toUserId;
    return typeof id === 'string' ? loadUserRef(ctx, this.dataSource, id) : null;
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true, description: 'Whom an ASSIGN, TRANSFER or REASSIGN took the package from (its assignee or claimant until then); null when nobody had it.' })
  fromUser(e: AuditEventModel, _args: unknown, ctx: RequestContext) {
    const id = e.details?.fromUserId;
    return typeof id === 'string' ? loadUserRef(ctx, this.dataSource, id) : null;
  }
}
