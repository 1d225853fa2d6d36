import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JSONScalar } from '../../../common/json.scalar.js';

@ObjectType('Campaign', { description: 'The notice (通知) of one fiscal year: template and deadlines.' })
export class CampaignModel {
  @Field(() => ID) id: string;
  @Field(() => Int) fiscalYear: number;
  @Field() title: string;
  @Field({ description: '文号, e.g. 渌财通（2025）4号' }) documentNumber: string;
  @Field(() => JSONScalar, { description: 'EvaluationTemplate from @zipin/shared.' }) template: unknown;
  @Field({ description: 'The official forms the notice prints: a FormSet id of @zipin/shared ("hunan", the default; "hunan-provincial").' }) formSetId: string;
  @Field() submissionDeadline: Date;
  @Field() publicationDeadline: Date;
  @Field({ description: 'IANA zone the deadlines were set in.' }) timezone: string;
  @Field(() => Date, { nullable: true }) openedAt: Date | null;
  @Field({ description: 'Units with a 主管部门 go to it before the bureau (主管部门审核).' }) supervisorStage: boolean;
  @Field({ description: 'A second bureau reviewer must concur (会签) before approval.' }) requiresConcurrence: boolean;
  bureauId: string;
}

@ObjectType('TemplatePreset', { description: 'A named evaluation template a campaign can start from.' })
export class TemplatePresetModel {
  @Field(() => ID) id: string;
  @Field() nameZh: string;
  @Field({ description: 'Where its weights and rules come from (the notice or system it copies).' }) sourceZh: string;
  @Field(() => JSONScalar, { description: 'EvaluationTemplate from @zipin/shared.' }) template: unknown;
}
