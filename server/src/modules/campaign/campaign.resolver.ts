import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestContext, RequestUser } from '../../common/request-context.js';
import { TransactionService } from '../../database/transaction.service.js';
import { packageCountLoader } from './campaign.loaders.js';
import { CampaignService } from './campaign.service.js';
import { TEMPLATE_PRESETS } from '@zipin/shared';
import { CampaignRulesInput, CreateCampaignInput, UpdateCampaignInput } from './dto/campaign.input.js';
import { CampaignModel, TemplatePresetModel } from './models/campaign.model.js';

@Resolver(() => CampaignModel)
export class CampaignResolver {
  constructor(
    private readonly service: CampaignService,
    private readonly transactions: TransactionService,
    private readonly dataSource: DataSource,
  ) {}

  @Allow()
  @Query(() => [CampaignModel], { description: "The bureau's notices, newest fiscal year first." })
  campaigns(@CurrentUser() user: RequestUser): Promise<CampaignModel[]> {
    return this.service.list(user.bureauId);
  }

  @Allow()
  @Query(() => CampaignModel, { nullable: true })
  campaign(@CurrentUser() user: RequestUser, @Args('id', { type: () => ID }) id: string): Promise<CampaignModel> {
    return this.service.get(user.bureauId, id);
  }

  @Allow('ADMIN')
  @Mutation(() => CampaignModel)
  createCampaign(@CurrentUser() user: RequestUser, @Args('input') input: CreateCampaignInput): Promise<CampaignModel> {
    return this.transactions.run((tx) => this.service.create(tx, user.bureauId, input));
  }

  @Allow('ADMIN')
  @Mutation(() => CampaignModel)
  updateCampaign(
    @CurrentUser() user: RequestUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateCampaignInput,
  ): Promise<CampaignModel> {
    return this.transactions.run((tx) => this.service.update(tx, user.bureauId, id, input));
  }

  @Allow('ADMIN')
  @Query(() => [TemplatePresetModel], { description: 'The named templates a campaign can be created from.' })
  templatePresets(): TemplatePresetModel[] {
    return Object.values(TEMPLATE_PRESETS).map((t) => ({ id: t.id, nameZh: t.nameZh, sourceZh: t.sourceZh ?? '', template: t }));
  }

  @Allow('ADMIN')
  @Mutation(() => CampaignModel, { description: 'Sets weights and scoring rules while the campaign is a draft (refused once opened).' })
  updateCampaignRules(
    @CurrentUser() user: RequestUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: CampaignRulesInput,
  ): Promise<CampaignModel> {
    return this.transactions.run((tx) => this.service.updateRules(tx, user.bureauId, id, input));
  }

  @Allow('ADMIN')
  @Mutation(() => CampaignModel, { description: 'Creates one DRAFT package per active unit (idempotent).' })
  async openCampaign(@CurrentUser() user: RequestUser, @Args('id', { type: () => ID }) id: string): Promise<CampaignModel> {
    return (await this.transactions.run((tx) => this.service.open(tx, user.bureauId, id))).campaign;
  }

  @Allow()
  @ResolveField(() => Int)
  packageCount(c: CampaignModel, _args: unknown, ctx: RequestContext): Promise<number> {
    return packageCountLoader(ctx, this.dataSource).load(c.id);
  }
}
