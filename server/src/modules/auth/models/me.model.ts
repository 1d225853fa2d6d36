import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@zipin/shared';

registerEnumType(Role, { name: 'Role', description: '填表人 FILLER, 单位负责人 UNIT_HEAD, 财政局审核人 REVIEWER, 管理员 ADMIN, SYSTEM' });

@ObjectType('Me', { description: 'The signed-in user.' })
export class MeModel {
  @Field(() => ID) id: string;
  @Field() username: string;
  @Field() displayName: string;
  @Field(() => Role) role: Role;
  @Field(() => ID) bureauId: string;
  @Field(() => ID, { nullable: true }) unitId: string | null;
  @Field({ description: 'An admin set the password: the user must choose a new one (changePassword) before anything else.' })
  mustChangePassword: boolean;
}

@ObjectType('LoginResult')
export class LoginResultModel {
  @Field(() => MeModel) user: MeModel;
  @Field({ description: 'Also set as an httpOnly cookie; API clients send it as a Bearer token.' }) token: string;
  @Field() expiresAt: Date;
}
