import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum RenderStatusEnum {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(RenderStatusEnum, { name: 'RenderStatus', description: 'Where a PDF rendering is: QUEUED → RUNNING → DONE, or FAILED.' });

export enum RenderPurposeEnum {
  PREVIEW = 'PREVIEW',
  SIGNED = 'SIGNED',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(RenderPurposeEnum, { name: 'RenderPurpose' });

@ObjectType('Render', { description: 'One PDF rendering of a package, with progress to watch.' })
export class RenderModel {
  @Field(() => ID) id: string;
  @Field(() => ID) packageId: string;
  @Field(() => RenderPurposeEnum) purpose: RenderPurposeEnum;
  @Field(() => RenderStatusEnum) status: RenderStatusEnum;
  @Field(() => Int, { description: '0–100' }) progress: number;
  @Field(() => String, { nullable: true, description: 'Why it failed or is waiting (Chinese), e.g. RENDER_UNAVAILABLE.' }) error: string | null;
  @Field(() => String, { nullable: true, description: 'GET it with the session; null until DONE.' }) downloadUrl: string | null;
  @Field(() => Int, { nullable: true }) pageCount: number | null;
  @Field(() => String, { nullable: true }) sha256: string | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}
