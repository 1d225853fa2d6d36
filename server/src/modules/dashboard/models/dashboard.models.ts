import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('RemindResult', { description: 'A reminder (催办) sent to one unit.' })
export class RemindResultModel {
  @Field(() => ID) packageId: string;
  @Field() unitName: string;
  @Field(() => Int, { description: 'Fillers and unit heads notified.' }) recipients: number;
}

@ObjectType('RemindOverdueResult', { description: 'Reminders sent to every overdue unit of a campaign at once.' })
export class RemindOverdueResultModel {
  @Field(() => Int, { description: 'Overdue packages reminded now.' }) reminded: number;
  @Field(() => Int, { description: 'Overdue packages skipped: reminded by someone in the last few minutes.' }) skipped: number;
  @Field(() => [RemindResultModel]) results: RemindResultModel[];
}
