import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Notification', { description: 'An in-app message (站内通知).' })
export class NotificationModel {
  @Field(() => ID) id: string;
  @Field({ description: 'The workflow action (SUBMIT, SIGN, RETURN …) or REMIND_* for deadline reminders.' }) kind: string;
  @Field() title: string;
  @Field() body: string;
  @Field(() => ID, { nullable: true }) packageId: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
}
