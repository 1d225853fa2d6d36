import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestUser } from '../../common/request-context.js';
import type { RenderEntity } from './render.entity.js';
import { RenderService } from './render.service.js';
import { RenderModel, type RenderPurposeEnum, type RenderStatusEnum } from './models/render.model.js';

export function toRenderModel(r: RenderEntity): RenderModel {
  return {
    id: r.id,
    packageId: r.packageId,
    purpose: r.purpose as RenderPurposeEnum,
    status: r.status as RenderStatusEnum,
    progress: r.progress,
    error: r.error,
    downloadUrl: r.status === 'DONE' ? `/api/renders/${r.id}.pdf` : null,
    pageCount: r.pageCount,
    sha256: r.sha256,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

@Resolver(() => RenderModel)
export class RenderResolver {
  constructor(private readonly renders: RenderService) {}

  @Allow()
  @Mutation(() => RenderModel, { description: 'A PDF preview of the current document (unit members and bureau).' })
  async requestPreview(@CurrentUser() user: RequestUser, @Args('packageId', { type: () => ID }) packageId: string): Promise<RenderModel> {
    return toRenderModel(await this.renders.requestPreview(user, packageId));
  }

  @Allow()
  @Query(() => RenderModel, { nullable: true })
  async render(@CurrentUser() user: RequestUser, @Args('id', { type: () => ID }) id: string): Promise<RenderModel> {
    return toRenderModel(await this.renders.getForUser(user, id));
  }
}
