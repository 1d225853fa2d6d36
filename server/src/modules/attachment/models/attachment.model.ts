import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Attachment', { description: 'An evidence file (佐证材料) of a package or of one of its indicator rows.' })
export class AttachmentModel {
  @Field(() => ID) id: string;
  @Field(() => ID) packageId: string;
  @Field(() => ID, { nullable: true, description: 'The indicator row (IndicatorRow.id) it backs up; null for the whole package.' })
  indicatorId: string | null;
  @Field() title: string;
  @Field({ description: 'The uploaded name, sanitised (no directories, ≤ 100 characters).' }) fileName: string;
  @Field({ description: 'Detected from the content: application/pdf, image/png, image/jpeg, xlsx or docx.' }) contentType: string;
  @Field(() => Int, { description: 'Bytes.' }) size: number;
  @Field({ name: 'public', description: 'Published with the package (and downloadable on the portal) when true.' }) isPublic: boolean;
  @Field() createdAt: Date;
  @Field({ description: 'GET with the session: /api/attachments/:id' }) downloadUrl: string;
  uploadedById: string;
}
