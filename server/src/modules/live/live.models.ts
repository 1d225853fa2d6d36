import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PackageState } from '@zipin/shared';

@ObjectType('LiveEvent', { description: 'Something changed that an open screen shows: a package’s stage, or the inbox.' })
export class LiveEventModel {
  @Field({ description: 'PACKAGE | INBOX' }) kind: string;
  @Field(() => ID, { nullable: true }) packageId: string | null;
  @Field(() => ID, { nullable: true }) campaignId: string | null;
  @Field(() => PackageState, { nullable: true }) state: PackageState | null;
  @Field(() => String, { nullable: true, description: 'The workflow action that caused it (CLAIM, RETURN, …).' }) action: string | null;
  @Field(() => String, { nullable: true, description: 'Role of whoever acted (REVIEWER, UNIT_HEAD, SYSTEM …).' }) actorRole: string | null;
  @Field(() => Int, { nullable: true }) version: number | null;
  @Field() at: Date;
}
