import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PublicPackage', { description: 'A package as published on the public portal (no login).' })
export class PublicPackageModel {
  @Field(() => ID) publicationId: string;
  @Field(() => ID) packageId: string;
  @Field() unitName: string;
  @Field(() => Int) fiscalYear: number;
  @Field() bureauName: string;
  @Field() publishedAt: Date;
  @Field(() => Date, { nullable: true, description: 'Set when the bureau withdrew it; the page then says when and why.' }) retractedAt: Date | null;
  @Field(() => String, { nullable: true }) retractReason: string | null;
  @Field(() => String, { nullable: true, description: 'Null once retracted.' }) pdfUrl: string | null;
  @Field() htmlUrl: string;
  @Field() pdfSha256: string;
  @Field(() => String, { nullable: true, description: '总分 as declared (capped when the template says so).' }) totalScore: string | null;
  @Field(() => String, { nullable: true, description: 'Grade code: EXCELLENT (优) | GOOD (良) | FAIR (中) | POOR (差).' }) grade: string | null;
  @Field(() => String, { nullable: true, description: '优 / 良 / 中 / 差' }) gradeLabel: string | null;
  @Field(() => String, { nullable: true, description: 'Who signed it off (单位负责人).' }) signerName: string | null;
}

@ObjectType('PublicPackagePage')
export class PublicPackagePageModel {
  @Field(() => [PublicPackageModel]) nodes: PublicPackageModel[];
  @Field(() => Int) totalCount: number;
}

@ObjectType('PublicVerification', { description: 'Whether a PDF is the one signed and published, by whom and when.' })
export class PublicVerificationModel {
  @Field() valid: boolean;
  @Field() sha256: string;
  @Field(() => String, { nullable: true, description: 'PUBLISHED (the portal copy) or SIGNED (the signed copy, not or not yet published).' }) kind: string | null;
  @Field(() => ID, { nullable: true }) publicationId: string | null;
  @Field(() => String, { nullable: true }) unitName: string | null;
  @Field(() => Int, { nullable: true }) fiscalYear: number | null;
  @Field(() => String, { nullable: true }) bureauName: string | null;
  @Field(() => String, { nullable: true }) signerName: string | null;
  @Field(() => Date, { nullable: true }) signedAt: Date | null;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => Date, { nullable: true }) retractedAt: Date | null;
  @Field(() => String, { nullable: true }) retractReason: string | null;
  @Field() messageZh: string;
}

@ObjectType('PublicationPdf', { description: 'The PDF that will go public for an approved or scheduled package (rendered ahead of its time).' })
export class PublicationPdfModel {
  @Field({ description: 'READY (rendered), RENDERING (queued or running), FAILED, or MISSING (not asked for yet).' }) status: string;
  @Field(() => ID, { nullable: true }) renderId: string | null;
  @Field(() => String, { nullable: true, description: 'Why it failed, for the publication desk.' }) error: string | null;
}

@ObjectType('PublicationHold', { description: 'A due schedule that was held back (no PDF after the last try, or a failed PDF); rescheduling lifts it.' })
export class PublicationHoldModel {
  @Field() heldAt: Date;
  @Field(() => Int, { description: 'Due-time runs that found no finished PDF.' }) tries: number;
  @Field(() => String, { nullable: true }) reason: string | null;
}
