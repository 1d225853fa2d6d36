import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PackageState, WorkflowAction } from '@zipin/shared';
import { JSONScalar } from '../../../common/json.scalar.js';
import { StateCountModel } from '../../dashboard/models/campaign-progress.model.js';

registerEnumType(PackageState, { name: 'PackageState', description: 'Where a package is in its life (材料状态).' });
registerEnumType(WorkflowAction, { name: 'WorkflowAction', description: 'An action of the workflow table in @zipin/shared.' });

@ObjectType('PackageSummary', { description: 'Figures and check counts kept on the package row.' })
export class PackageSummaryModel {
  @Field(() => Int) errorCount: number;
  @Field(() => Int) warningCount: number;
  @Field(() => Int) unexplainedWarningCount: number;
  @Field(() => String, { nullable: true, description: '执行率 in percent, 2 decimals ("100.00").' }) executionRate: string | null;
  @Field(() => String, { nullable: true, description: '总分 as declared (capped when the template says so).' }) declaredTotal: string | null;
  @Field(() => String, { nullable: true, description: '总分 by the scoring rules.' }) suggestedTotal: string | null;
  @Field(() => String, { nullable: true, description: 'Grade code of @zipin/shared: EXCELLENT (优) | GOOD (良) | FAIR (中) | POOR (差).' })
  grade: string | null;
  @Field({ description: 'No error and every warning explained.' }) canSubmit: boolean;
}

@ObjectType('CheckResult', { description: 'One finding of the shared checks.' })
export class CheckResultModel {
  @Field() code: string;
  @Field({ description: 'error | warning | note (a note only informs: how a spelling was read)' }) severity: string;
  @Field(() => [String]) paths: string[];
  @Field() messageZh: string;
  @Field() messageEn: string;
  @Field({ description: 'Where an explanation attaches: document.explanations[key].' }) key: string;
  @Field(() => Boolean, { nullable: true, description: 'Warnings only: the unit has written why.' }) explained: boolean | null;
}

@ObjectType('Revision', { description: 'A frozen copy of the documents at a workflow step.' })
export class RevisionModel {
  @Field(() => ID) id: string;
  @Field(() => Int) seq: number;
  @Field({ description: 'SUBMIT | SIGN | RETURN | APPROVE' }) kind: string;
  @Field(() => Int) packageVersion: number;
  @Field() createdAt: Date;
  @Field() documentHash: string;
  createdById: string | null;
}

@ObjectType('DiffEntry', { description: 'One field that changed between two versions.' })
export class DiffEntryModel {
  @Field() path: string;
  @Field(() => JSONScalar, { nullable: true }) before: unknown;
  @Field(() => JSONScalar, { nullable: true }) after: unknown;
  @Field({ description: 'changed | added | removed | reordered' }) kind: string;
  @Field() labelZh: string;
  @Field() labelEn: string;
}

/** Fields resolved from the row; the rest (campaign, unit, checks, comments …) by field resolvers. */
@ObjectType('Package', { description: "One unit's self-evaluation package (自评材料) for one campaign." })
export class PackageModel {
  @Field(() => ID) id: string;
  @Field(() => PackageState) state: PackageState;
  @Field(() => Int, { description: 'Optimistic lock: send it back as baseVersion / expectedVersion.' }) version: number;
  @Field(() => Int) fiscalYear: number;
  @Field(() => Date, { nullable: true }) lastEditedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the unit head signed it off to the bureau.' }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true }) approvedAt: Date | null;
  @Field(() => Date, { nullable: true }) publishAt: Date | null;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'The revision last returned, for "changes since the return".' }) returnedRevisionId: string | null;
}

@ObjectType('QueueGradeCount')
export class QueueGradeCountModel {
  @Field(() => String, { nullable: true, description: 'Grade code; null: no score yet.' }) grade: string | null;
  @Field(() => Int) count: number;
}

@ObjectType('AssigneeCount')
export class AssigneeCountModel {
  @Field(() => ID, { nullable: true, description: 'null: not claimed by anyone.' }) assigneeId: string | null;
  @Field(() => Int) count: number;
}

@ObjectType('SupervisorCount')
export class SupervisorCountModel {
  @Field(() => ID, { nullable: true, description: 'The 主管部门 (a unit); null: units under none.' }) supervisorUnitId: string | null;
  @Field(() => Int) count: number;
}

@ObjectType('PackageCounts', { description: 'How many packages each choice of a filter would show, with the other filters as given.' })
export class PackageCountsModel {
  @Field(() => [StateCountModel]) states: StateCountModel[];
  @Field(() => [QueueGradeCountModel]) grades: QueueGradeCountModel[];
  @Field(() => [AssigneeCountModel]) assignees: AssigneeCountModel[];
  @Field(() => [SupervisorCountModel]) supervisors: SupervisorCountModel[];
  @Field(() => Int) overdue: number;
  @Field(() => Int) withWarnings: number;
}

@ObjectType('PackagePage')
export class PackagePageModel {
  @Field(() => [PackageModel]) nodes: PackageModel[];
  @Field(() => Int) totalCount: number;
  @Field(() => PackageCountsModel) counts: PackageCountsModel;
}

@ObjectType('SaveResult', { description: 'What an autosave needs back: the new version and what the save changed.' })
export class SaveResultModel {
  @Field(() => Int, { description: 'The version the save made (send it back as the next baseVersion).' }) version: number;
  @Field(() => Date) lastEditedAt: Date;
  @Field(() => PackageSummaryModel) summary: PackageSummaryModel;
  @Field(() => [CheckResultModel], { nullable: true, description: 'The checks of the saved document, only when they differ from those at baseVersion (null: the same).' })
  checks: CheckResultModel[] | null;
  @Field(() => JSONScalar, { nullable: true, description: 'The document as stored, only when it differs from the one sent (null: stored as sent).' })
  document: unknown;
  @Field(() => PackageModel, { description: 'The whole package; its fields cost their own reads, which an autosave does not need.' })
  package: PackageModel;
}
