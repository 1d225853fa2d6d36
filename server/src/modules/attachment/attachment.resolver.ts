import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestContext, RequestUser } from '../../common/request-context.js';
import { UserRefModel } from '../org/models/org.models.js';
import { loadUserRef } from '../org/org.loaders.js';
import { PackageModel } from '../package/models/package.model.js';
import { canRead } from '../package/package-access.js';
import type { PackageEntity } from '../package/package.entity.js';
import { attachmentsLoader } from './attachment.loaders.js';
import type { AttachmentEntity } from './attachment.entity.js';
import { AttachmentService } from './attachment.service.js';
import { AttachmentModel } from './models/attachment.model.js';

export function toAttachmentModel(a: AttachmentEntity): AttachmentModel {
  return {
    id: a.id,
    packageId: a.packageId,
    indicatorId: a.indicatorId,
    title: a.title,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    isPublic: a.isPublic,
    createdAt: a.createdAt,
    downloadUrl: `/api/attachments/${a.id}`,
    uploadedById: a.uploadedById,
  };
}

@Resolver(() => AttachmentModel)
export class AttachmentResolver {
  constructor(
    private readonly service: AttachmentService,
    private readonly dataSource: DataSource,
  ) {}

  @Allow()
  @Query(() => [AttachmentModel], { description: "A package's evidence files (the unit and its bureau). Upload: POST /api/packages/:id/attachments." })
  async attachments(@CurrentUser() user: RequestUser, @Args('packageId', { type: () => ID }) packageId: string): Promise<AttachmentModel[]> {
    return (await this.service.list(user, packageId)).map(toAttachmentModel);
  }

  @Allow('FILLER')
  @Mutation(() => Boolean, { description: 'FILLER of the unit while the package is DRAFT or RETURNED.' })
  deleteAttachment(@CurrentUser() user: RequestUser, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(user, id);
  }

  @Allow('FILLER', 'REVIEWER', 'ADMIN')
  @Mutation(() => AttachmentModel, {
    description: 'Publish the file with the package or not: the FILLER while editable; the bureau at any time (but nothing new once published).',
  })
  async setAttachmentPublic(
    @CurrentUser() user: RequestUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('public', { type: () => Boolean }) isPublic: boolean,
  ): Promise<AttachmentModel> {
    return toAttachmentModel(await this.service.setPublic(user, id, isPublic));
  }

  @Allow()
  @ResolveField(() => UserRefModel, { nullable: true })
  uploadedBy(a: AttachmentModel, _args: unknown, ctx: RequestContext) {
    return loadUserRef(ctx, this.dataSource, a.uploadedById);
  }
}

/** Package.attachments, batched per request. */
@Resolver(() => PackageModel)
export class PackageAttachmentsResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow()
  @ResolveField(() => [AttachmentModel], { description: 'Evidence files (佐证材料), oldest first.' })
  async attachments(pkg: PackageEntity, _args: unknown, ctx: RequestContext): Promise<AttachmentModel[]> {
    // A Package is only ever resolved for its readers; checked again so this field can never widen that.
    if (!canRead(ctx.user, pkg)) return [];
    return (await attachmentsLoader(ctx, this.dataSource).load(pkg.id)).map(toAttachmentModel);
  }
}
