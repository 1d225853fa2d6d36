import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';

@ArgsType()
export class ScheduleArgs {
  @Field(() => ID) packageId: string;
  @Field(() => Int) expectedVersion: number;
  @Field(() => Date, { nullable: true, description: "UTC instant; defaults to the campaign's publication deadline." }) publishAt?: Date | null;
}

@ArgsType()
export class RescheduleArgs {
  @Field(() => ID) packageId: string;
  @Field(() => Int) expectedVersion: number;
  @Field(() => Date) publishAt: Date;
}

@ArgsType()
export class PackageVersionArgs {
  @Field(() => ID) packageId: string;
  @Field(() => Int) expectedVersion: number;
}

@ArgsType()
export class RetractArgs {
  @Field(() => ID) packageId: string;
  @Field(() => Int) expectedVersion: number;
  @Field() reason: string;
}

@ArgsType()
export class PublicPackagesArgs {
  @Field(() => Int, { nullable: true }) fiscalYear?: number | null;
  @Field(() => String, { nullable: true, description: 'Part of the unit name.' }) search?: string | null;
  @Field(() => Int, { nullable: true, defaultValue: 20 }) first?: number | null;
  @Field(() => Int, { nullable: true, defaultValue: 0 }) offset?: number | null;
}

@InputType()
export class PackageVersionInput {
  @Field(() => ID) packageId: string;
  @Field(() => Int) expectedVersion: number;
}

@ArgsType()
export class ScheduleManyArgs {
  @Field(() => [PackageVersionInput]) items: PackageVersionInput[];
  @Field(() => Date, { nullable: true, description: "One time for all; defaults to each campaign's publication deadline." }) publishAt?: Date | null;
}
