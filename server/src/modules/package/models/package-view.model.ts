import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PackageView', { description: 'When the signed-in person opened a package, and its newest revision then.' })
export class PackageViewModel {
  @Field(() => ID, { nullable: true, description: 'Null when the package had no revision yet.' }) revisionId: string | null;
  @Field(() => Int) packageVersion: number;
  @Field(() => Date) viewedAt: Date;
}

@ObjectType('RecordedView', { description: 'A view just recorded, with the one before it.' })
export class RecordedViewModel {
  @Field(() => PackageViewModel, { nullable: true, description: 'The previous view by the same person; null on a first view.' }) previous: PackageViewModel | null;
  @Field(() => PackageViewModel) current: PackageViewModel;
}
