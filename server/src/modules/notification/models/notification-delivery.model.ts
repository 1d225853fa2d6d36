import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('NotificationDelivery', { description: 'A notification sent by mail or to the group robot (the outbox, for admins).' })
export class NotificationDeliveryModel {
  @Field(() => ID) id: string;
  @Field({ description: 'MAIL | WEBHOOK' }) channel: string;
  @Field({ description: 'The mail address, or the robot URL without its token.' }) recipient: string;
  @Field() subject: string;
  @Field({ description: 'PENDING | SENT | FAILED' }) status: string;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Date, { nullable: true }) sentAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('NotificationDeliveryPage')
export class NotificationDeliveryPageModel {
  @Field(() => [NotificationDeliveryModel]) nodes: NotificationDeliveryModel[];
  @Field(() => Int) totalCount: number;
}
