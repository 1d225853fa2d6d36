import { Field, InputType, Int } from '@nestjs/graphql';
import { JSONScalar } from '../../../common/json.scalar.js';

@InputType()
export class CreateCampaignInput {
  @Field(() => Int) fiscalYear: number;
  @Field() title: string;
  @Field() documentNumber: string;
  @Field(() => JSONScalar, { description: 'An EvaluationTemplate, or the id of a preset ("lukou-2024", "national-default").' })
  template: unknown;
  @Field() submissionDeadline: Date;
  @Field() publicationDeadline: Date;
  @Field({ nullable: true, defaultValue: 'Asia/Shanghai' }) timezone: string;
  @Field({ nullable: true, description: 'A FormSet id of @zipin/shared (default "hunan").' }) formSetId?: string;
  @Field({ nullable: true, defaultValue: false, description: 'Units with a 主管部门 go to it before the bureau.' }) supervisorStage?: boolean;
  @Field({ nullable: true, defaultValue: false, description: 'A second bureau reviewer must concur (会签) before approval.' }) requiresConcurrence?: boolean;
}

@InputType()
export class UpdateCampaignInput {
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) documentNumber?: string;
  @Field(() => JSONScalar, { nullable: true, description: 'Only before the campaign is opened.' }) template?: unknown;
  @Field({ nullable: true }) submissionDeadline?: Date;
  @Field({ nullable: true }) publicationDeadline?: Date;
  @Field({ nullable: true }) timezone?: string;
  @Field({ nullable: true, description: 'Only before the campaign is opened.' }) formSetId?: string;
  @Field({ nullable: true, description: 'Turns the 主管部门 stage on or off; packages already handed in keep their way.' }) supervisorStage?: boolean;
  @Field({ nullable: true, description: '会签 before approval; applies to approvals from now on.' }) requiresConcurrence?: boolean;
}

@InputType({ description: 'Weights and scoring-rule parameters of a draft campaign, over a preset or its current template.' })
export class CampaignRulesInput {
  @Field({ nullable: true, description: 'Start from this preset ("lukou-2024", "national-default", "national-module", "tanghu-2020") instead of the current template.' })
  presetId?: string;
  @Field(() => JSONScalar, { nullable: true, description: 'TemplateWeights to set (executionRate, output, effect, satisfaction, cost); they must sum to 100.' })
  weights?: unknown;
  @Field(() => JSONScalar, { nullable: true, description: 'TemplateRules parameters to set (reverseRule, equalRule, qualitativeBands, …).' })
  rules?: unknown;
}
