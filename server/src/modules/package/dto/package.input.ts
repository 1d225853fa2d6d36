import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { PackageState } from '@zipin/shared';
import { JSONScalar } from '../../../common/json.scalar.js';
import { PACKAGE_SORT_FIELDS, type PackageSortField } from '../package-queue.service.js';

export const PackageSortFieldEnum = Object.fromEntries(PACKAGE_SORT_FIELDS.map((f) => [f, f])) as { [K in PackageSortField]: K };
registerEnumType(PackageSortFieldEnum, { name: 'PackageSortField', description: 'A column of the review queue to sort by; ties go by unit code.' });
export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType()
export class PackageFilterInput {
  @Field(() => ID, { nullable: true }) campaignId?: string | null;
  @Field(() => [PackageState], { nullable: true }) states?: PackageState[] | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => ID, { nullable: true, description: "A 主管部门 (a unit): its subordinate units' packages." }) supervisorUnitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Who holds the package: its claimant (领取人), else the reviewer its stage is assigned to.' }) assigneeId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Not yet with the bureau and past the submission deadline.' }) overdue?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Grade code: EXCELLENT | GOOD | FAIR | POOR.' }) grade?: string | null;
  @Field(() => Boolean, { nullable: true }) hasWarnings?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Part of the unit name or code.' }) search?: string | null;
}

@InputType({ description: 'Empty values (no score, never submitted) sort last either way.' })
export class PackageSortInput {
  @Field(() => PackageSortFieldEnum) field: PackageSortField;
  @Field(() => SortDirection, { defaultValue: 'ASC' }) direction: 'ASC' | 'DESC';
}

@InputType()
export class SavePackageInput {
  @Field(() => ID) packageId: string;
  @Field(() => Int, { description: 'The version the edit started from; a stale one is refused with VERSION_CONFLICT.' }) baseVersion: number;
  @Field(() => JSONScalar) document: unknown;
  @Field(() => ID, { nullable: true, description: 'Client-chosen id making retries idempotent.' }) saveId?: string | null;
}
