import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PackageState } from '@zipin/shared';
import { UnitModel } from '../../org/models/org.models.js';

@ObjectType('StateCount')
export class StateCountModel {
  @Field(() => PackageState) state: PackageState;
  @Field(() => Int) count: number;
}

@ObjectType('GradeCount')
export class GradeCountModel {
  @Field({ description: 'Grade code: EXCELLENT | GOOD | FAIR | POOR.' }) grade: string;
  @Field(() => Int) count: number;
}

@ObjectType('ScoreBucket')
export class ScoreBucketModel {
  @Field({ description: 'Range of the declared total: "<60", "60-70", "70-80", "80-90", "90-100".' }) bucket: string;
  @Field(() => Int) count: number;
}

@ObjectType('PackageWarnings')
export class PackageWarningsModel {
  @Field(() => ID) packageId: string;
  @Field() unitName: string;
  @Field(() => [String]) flags: string[];
}

@ObjectType('CampaignProgress', { description: "The bureau's view of a campaign: where every unit stands." })
export class CampaignProgressModel {
  @Field(() => [StateCountModel]) byState: StateCountModel[];
  @Field(() => [UnitModel], { description: 'Units not yet with the bureau after the submission deadline.' }) overdueUnits: UnitModel[];
  @Field(() => [GradeCountModel]) gradeDistribution: GradeCountModel[];
  @Field(() => [ScoreBucketModel]) scoreHistogram: ScoreBucketModel[];
  @Field(() => [PackageWarningsModel], { description: 'Packages whose checks raise warnings, with their codes.' }) warnings: PackageWarningsModel[];
}
