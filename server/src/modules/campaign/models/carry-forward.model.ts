import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CARRIED_PARTS, PackageState, type CarriedPart } from '@zipin/shared';
import { UnitModel } from '../../org/models/org.models.js';

/** The parts of a package carried from last year (shared CARRIED_PARTS) as a GraphQL enum. */
export const CarriedPartEnum = Object.fromEntries(CARRIED_PARTS.map((p) => [p, p])) as { [K in CarriedPart]: K };
registerEnumType(CarriedPartEnum, {
  name: 'CarriedPart',
  description: 'A part carried forward from last year: PRIOR_YEAR_COLUMN (上年决算数), INDICATORS (指标及指标值), BASIC_INFO_CHAPTER (一、部门基本情况).',
});

@ObjectType('TargetComparisonRow', { description: "One indicator: this year's target against last year's actual (matched by name and 二级指标)." })
export class TargetComparisonRowModel {
  @Field(() => ID) indicatorId: string;
  @Field() name: string;
  @Field({ description: 'Level1 code of @zipin/shared (OUTPUT, EFFECT …).' }) level1: string;
  @Field({ description: 'Level2 code of @zipin/shared (QUANTITY, SOCIAL_BENEFIT …).' }) level2: string;
  @Field({ description: 'GE | LE | EQ | QUALITATIVE' }) operator: string;
  @Field(() => String, { nullable: true, description: "This year's target value (decimal string)." }) target: string | null;
  @Field() unit: string;
  @Field(() => String, { nullable: true, description: "Last year's actual; null when the indicator is new." }) lastYearActual: string | null;
  @Field(() => String, { nullable: true }) lastYearUnit: string | null;
  @Field({ description: 'A GE target below last year’s actual, or an LE target above it (target set too low).' }) flagged: boolean;
}

@ObjectType('TargetComparisonUnit', { description: "One unit's package of the campaign against its package of the year before." })
export class TargetComparisonUnitModel {
  @Field(() => UnitModel) unit: UnitModel;
  @Field(() => ID) packageId: string;
  @Field(() => PackageState) state: PackageState;
  @Field(() => ID, { nullable: true }) previousPackageId: string | null;
  @Field(() => Int, { nullable: true }) previousFiscalYear: number | null;
  @Field(() => [TargetComparisonRowModel]) rows: TargetComparisonRowModel[];
  @Field(() => Int) flaggedCount: number;
}
