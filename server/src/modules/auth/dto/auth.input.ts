import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class LoginInput {
  @Field() username: string;
  @Field() password: string;
}

@InputType()
export class ChangePasswordInput {
  @Field() currentPassword: string;
  @Field() newPassword: string;
}
