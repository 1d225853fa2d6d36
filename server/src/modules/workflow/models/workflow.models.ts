import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OpinionKind, PackageState, Role, type ReviewStage } from '@zipin/shared';
import { SignInMethod } from '../../auth/models/me.model.js';

/** The review stages as a GraphQL enum (ReviewStage of @zipin/shared). */
export const ReviewStageEnum = { SUPERVISOR: 'SUPERVISOR', BUREAU: 'BUREAU' } as const;

@ObjectType('Comment', { description: 'A review comment (审核意见) anchored to a field path, with its replies.' })
export class CommentModel {
  @Field(() => ID) id: string;
  @Field({ description: 'Field path in the shared path syntax ("" = the whole package).' }) path: string;
  @Field() pathLabelZh: string;
  @Field() body: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) resolvedAt: Date | null;
  @Field(() => [CommentModel]) replies: CommentModel[];
  authorId: string;
  resolvedById: string | null;
}

@ObjectType('AuditEvent', { description: 'One line of the audit trail: who did what, when, from which state to which.' })
export class AuditEventModel {
  @Field(() => ID) id: number;
  @Field({ description: 'A WorkflowAction, or another recorded event (REMIND …).' }) action: string;
  @Field(() => PackageState, { nullable: true }) fromState: PackageState | null;
  @Field(() => PackageState, { nullable: true }) toState: PackageState | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() at: Date;
  @Field(() => Role) actorRole: Role;
  // Read from the event's details when the trail is loaded (auditEventModel): plain fields, not
  // resolvers, since a trail of many lines would pay a resolver's chain for each of them.
  @Field(() => String, { nullable: true, description: 'The opinion given by SIGN, APPROVE or CONCUR (as written; null when none).' }) opinion: string | null;
  @Field(() => SignInMethod, { nullable: true, description: 'For a signature: how the signer proved presence (the password, or a fresh sign-in through single sign-on).' })
  signedWith: SignInMethod | null;
  actorId: string | null;
  /** Resolved into toUser and fromUser. */
  details?: Record<string, unknown> | null;
}

/** One audit_event row as the trail shows it: the opinion and the sign-in method read from its details. */
export function auditEventModel(e: Omit<AuditEventModel, 'opinion' | 'signedWith'>): AuditEventModel {
  const opinion = e.details?.opinion;
  return {
    ...e,
    opinion: typeof opinion === 'string' ? opinion : null,
    // Signatures from before single sign-on existed were all made with the password.
    signedWith: e.action !== 'SIGN' ? null : e.details?.authMethod === SignInMethod.OIDC ? SignInMethod.OIDC : SignInMethod.PASSWORD,
  };
}

@ObjectType('Signature', { description: "The unit head's electronic sign-off over one revision." })
export class SignatureModel {
  @Field(() => ID) id: string;
  @Field() signerName: string;
  @Field() signedAt: Date;
  @Field({ description: 'SHA-256 (hex) of the canonical JSON of the signed revision.' }) documentHash: string;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the signed PDF, once rendered.' }) pdfHash: string | null;
}

export const SignatureKind = { DOCUMENT: 'DOCUMENT', PDF: 'PDF' } as const;
export type SignatureKind = (typeof SignatureKind)[keyof typeof SignatureKind];
registerEnumType(SignatureKind, { name: 'SignatureKind' });

@ObjectType('SignatureVerification', { description: 'What a hash proves: a signed document or PDF, whose, and its publication.' })
export class SignatureVerificationModel {
  @Field() valid: boolean;
  @Field(() => SignatureKind, { nullable: true }) kind: SignatureKind | null;
  @Field(() => String, { nullable: true }) unitName: string | null;
  @Field(() => Int, { nullable: true }) fiscalYear: number | null;
  @Field(() => String, { nullable: true }) signerName: string | null;
  @Field(() => Date, { nullable: true }) signedAt: Date | null;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => Date, { nullable: true }) retractedAt: Date | null;
}

@ObjectType('BatchResult')
export class BatchResultModel {
  @Field(() => ID) packageId: string;
  @Field() ok: boolean;
  @Field(() => String, { nullable: true }) code: string | null;
  @Field(() => String, { nullable: true }) message: string | null;
}

@InputType()
export class CommentInput {
  @Field({ description: 'Field path in the shared path syntax.' }) path: string;
  @Field() body: string;
}

registerEnumType(OpinionKind, { name: 'OpinionKind', description: 'Whose opinion: UNIT_HEAD, SUPERVISOR (主管部门), FINANCE_BUREAU, CONCURRENCE (会签).' });
registerEnumType(ReviewStageEnum, { name: 'ReviewStage', description: 'A review stage: SUPERVISOR (主管部门审核) or BUREAU (财政局审核).' });

@ObjectType('Opinion', { description: 'An opinion on the record (审核意见): what a level said when it signed or approved, who and when.' })
export class OpinionModel {
  @Field(() => ID) id: string;
  @Field(() => OpinionKind) kind: OpinionKind;
  @Field(() => String, { nullable: true, description: 'As written; null when the signer wrote none.' }) opinion: string | null;
  @Field() signerName: string;
  @Field({ description: "The signer's unit (the 主管部门's name), or the bureau's name." }) signerUnitName: string;
  @Field() signedAt: Date;
  @Field(() => Date, { nullable: true, description: 'Set when a later return or withdrawal voided it (the next round gives it again).' }) voidedAt: Date | null;
  @Field(() => String, { nullable: true }) voidReason: string | null;
  signerId: string;
}

@ObjectType('AssignmentResult', { description: 'What an assignment in advance changed.' })
export class AssignmentResultModel {
  @Field(() => Int, { description: 'Units whose future packages go to the reviewer.' }) units: number;
  @Field(() => Int, { description: 'Open packages now assigned to the reviewer.' }) packages: number;
  @Field(() => [ID], { description: 'Packages left as they are: claimed by another reviewer (reassign them) or past review.' }) skippedPackageIds: string[];
}

@InputType({
  description:
    "Packages, whole units, or 主管部门 groups to assign to one reviewer of a stage: a bureau REVIEWER (the group is the 主管部门 and its subordinate units), or a 主管部门's own SUPERVISOR account (its subordinate units only).",
})
export class AssignReviewerInput {
  @Field(() => ReviewStageEnum, { nullable: true, defaultValue: 'BUREAU', description: 'Whose assignment: BUREAU (default) or SUPERVISOR (the 主管部门 stage).' })
  stage?: ReviewStage | null;
  @Field(() => ID, { nullable: true, description: "A REVIEWER of the bureau (or, for SUPERVISOR, a SUPERVISOR account of the units' 主管部门); null removes the assignment." })
  reviewerId: string | null;
  @Field(() => [ID], { nullable: true }) packageIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) unitIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) supervisorUnitIds?: string[] | null;
}

@InputType({ description: "All of one reviewer's open work (units assigned in advance, packages held) to a colleague of the same stage." })
export class ReassignWorkInput {
  @Field(() => ID) fromUserId: string;
  @Field(() => ID, { description: 'An active reviewer of the same stage (the same 主管部门 for a supervisor).' }) toUserId: string;
  @Field(() => String, { nullable: true, description: 'Why (休假, 离岗 …); recorded on each package moved.' }) reason?: string | null;
}

@ObjectType('ReviewerWorkload', { description: 'What one reviewer is assigned: units in advance and open packages.' })
export class ReviewerWorkloadModel {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
  @Field() username: string;
  @Field() active: boolean;
  @Field(() => ReviewStageEnum) stage: ReviewStage;
  @Field(() => ID, { nullable: true, description: 'The 主管部门 a supervisor reviews for.' }) supervisorUnitId: string | null;
  @Field(() => Int, { description: 'Units whose packages go to this reviewer in advance.' }) units: number;
  @Field(() => Int, { description: 'Open packages assigned to or claimed by this reviewer.' }) packages: number;
  @Field(() => Int, { description: "Of those, the ones in this reviewer's stage now." }) inReview: number;
}
