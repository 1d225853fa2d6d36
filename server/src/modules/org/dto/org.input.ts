import { Field, ID, InputType } from '@nestjs/graphql';
import { Role } from '@zipin/shared';

@InputType()
export class CreateUnitInput {
  @Field() code: string;
  @Field() name: string;
  @Field({ nullable: true, defaultValue: '' }) category: string;
}

@InputType()
export class CreateUserInput {
  @Field() username: string;
  @Field() displayName: string;
  @Field() password: string;
  @Field(() => Role) role: Role;
  @Field(() => ID, { nullable: true, description: 'Required for FILLER and UNIT_HEAD.' }) unitId?: string | null;
  @Field({ nullable: true }) phone?: string;
  @Field(() => String, { nullable: true }) email?: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field({ nullable: true }) displayName?: string;
  @Field({ nullable: true }) phone?: string;
  @Field(() => String, { nullable: true, description: 'Empty clears it.' }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'The identity at the single sign-on provider (OIDC_MATCH=external-id); empty clears it.' }) externalId?: string | null;
}
