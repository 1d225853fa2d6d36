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
  @Field({ description: 'Range of the declared total: "0-10" … "90-100".' }) bucket: string;
  @Field(() => Int) count: number;
}

@ObjectType('DashboardHeadline', { description: 'The numbers at the top of the dashboard.' })
export class DashboardHeadlineModel {
  @Field(() => Int, { description: 'Units taking part (one package each).' }) units: number;
  @Field(() => Int, { description: 'Packages signed and handed in (已报送 and later stages).' }) handedIn: number;
  @Field(() => Int, { description: 'Packages still with their unit after the submission deadline.' }) overdue: number;
  @Field(() => Int, { description: 'Packages approved by the bureau (审核通过, 待公开, 已公开).' }) approved: number;
  @Field(() => Int) published: number;
  @Field(() => String, { nullable: true, description: 'Average declared total of the handed-in packages, 2 decimals; null when none.' }) averageScore: string | null;
  @Field(() => Int, { description: 'Packages with open errors (红色警示).' }) withErrors: number;
  @Field(() => Int, { description: 'Packages with unexplained warnings or bureau flags but no errors (黄色警示).' }) withWarnings: number;
}

@ObjectType('OverduePackage', { description: 'A unit that has not handed in its package after the deadline.' })
export class OverduePackageModel {
  @Field(() => ID) packageId: string;
  @Field(() => ID) unitId: string;
  @Field() unitCode: string;
  @Field() unitName: string;
  @Field(() => PackageState) state: PackageState;
}

@ObjectType('PackageWarnings')
export class PackageWarningsModel {
  @Field(() => ID) packageId: string;
  @Field() unitName: string;
  @Field() unitCode: string;
  @Field(() => PackageState) state: PackageState;
  @Field({ description: 'RED: open errors; YELLOW: unexplained warnings or bureau flags only.' }) level: string;
  @Field(() => Int) errorCount: number;
  @Field(() => Int, { description: 'Warnings not yet explained.' }) warningCount: number;
  @Field(() => [String], { description: 'Check codes the bureau watches (see BUREAU_WARNING_CODES).' }) flags: string[];
}

@ObjectType('SupervisorProgress', { description: 'Where the packages routed through one 主管部门 stand (or those going straight to the bureau).' })
export class SupervisorProgressModel {
  @Field(() => ID, { nullable: true, description: 'The 主管部门 unit; null for the packages that go straight to the bureau.' }) supervisorUnitId: string | null;
  @Field(() => String, { nullable: true }) supervisorCode: string | null;
  @Field(() => String, { nullable: true }) supervisorName: string | null;
  @Field(() => Int, { description: 'Packages (one per unit).' }) units: number;
  @Field(() => Int, { description: 'Still with their unit (草稿, 已退回, 待单位负责人签章).' }) withUnit: number;
  @Field(() => Int, { description: 'With the 主管部门 (待主管部门审核, 主管部门审核中).' }) withSupervisor: number;
  @Field(() => Int, { description: 'Handed in (待主管部门审核 and every later stage).' }) handedIn: number;
  @Field(() => Int, { description: 'Approved by the bureau (审核通过, 待公开, 已公开).' }) approved: number;
  @Field(() => Int, { description: 'Still with their unit after the submission deadline.' }) overdue: number;
}

@ObjectType('CampaignProgress', { description: "The bureau's view of a campaign: where every unit stands." })
export class CampaignProgressModel {
  @Field(() => DashboardHeadlineModel) headline: DashboardHeadlineModel;
  @Field(() => [StateCountModel]) byState: StateCountModel[];
  @Field(() => [UnitModel], { description: 'Units not yet with the bureau after the submission deadline.' }) overdueUnits: UnitModel[];
  @Field(() => [OverduePackageModel], { description: 'The overdue units with their packages (for 催报).' }) overdue: OverduePackageModel[];
  @Field(() => [GradeCountModel], { description: 'Grades of the handed-in packages only (a draft’s grade is not yet the unit’s).' }) gradeDistribution: GradeCountModel[];
  @Field(() => [ScoreBucketModel], { description: 'Declared totals of the handed-in packages only.' }) scoreHistogram: ScoreBucketModel[];
  @Field(() => [PackageWarningsModel], { description: 'One page of the packages with red or yellow warnings, red first.' }) warnings: PackageWarningsModel[];
  @Field(() => Int, { description: 'All packages with red or yellow warnings (for paging).' }) warningTotal: number;
  @Field(() => [SupervisorProgressModel], { description: 'Per 主管部门, by code; the packages going straight to the bureau last.' }) bySupervisor: SupervisorProgressModel[];
}
