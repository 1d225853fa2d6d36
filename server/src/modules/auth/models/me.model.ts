import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@zipin/shared';

registerEnumType(Role, { name: 'Role', description: '填表人 FILLER, 单位负责人 UNIT_HEAD, 财政局审核人 REVIEWER, 管理员 ADMIN, SYSTEM' });

export enum SignInMethod {
  PASSWORD = 'PASSWORD',
  OIDC = 'OIDC',
}
registerEnumType(SignInMethod, { name: 'SignInMethod', description: 'PASSWORD: this system’s own account password; OIDC: single sign-on (统一身份认证).' });

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
  @Field(() => SignInMethod, { description: 'How this session was opened; a unit head re-authenticates the same way to sign.' })
  sessionMethod: SignInMethod;
}

@ObjectType('SignInOptions', { description: 'How people may sign in here, for the login page.' })
export class SignInOptionsModel {
  @Field(() => String, { nullable: true, description: 'The single sign-on button’s label; null when single sign-on is not configured.' })
  ssoLabel: string | null;
}

@ObjectType('LoginResult')
export class LoginResultModel {
  @Field(() => MeModel) user: MeModel;
  @Field({ description: 'Also set as an httpOnly cookie; API clients send it as a Bearer token.' }) token: string;
  @Field() expiresAt: Date;
}
