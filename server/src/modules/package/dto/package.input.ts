import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { PackageState } from '@zipin/shared';
import { JSONScalar } from '../../../common/json.scalar.js';

@InputType()
export class PackageFilterInput {
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => [PackageState], { nullable: true }) states?: PackageState[] | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Not yet with the bureau and past the submission deadline.' }) overdue?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Grade code: EXCELLENT | GOOD | FAIR | POOR.' }) grade?: string | null;
  @Field(() => Boolean, { nullable: true }) hasWarnings?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Part of the unit name or code.' }) search?: string | null;
}

@InputType()
export class SavePackageInput {
  @Field(() => ID) packageId: string;
  @Field(() => Int, { description: 'The version the edit started from; a stale one is refused with VERSION_CONFLICT.' }) baseVersion: number;
  @Field(() => JSONScalar) document: unknown;
  @Field(() => ID, { nullable: true, description: 'Client-chosen id making retries idempotent.' }) saveId?: string | null;
}
