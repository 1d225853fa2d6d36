import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PackageState, Role } from '@zipin/shared';

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
  actorId: string | null;
  /** Resolved into signedWith. */
  details?: Record<string, unknown> | null;
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
