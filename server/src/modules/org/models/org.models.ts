import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '@zipin/shared';
import { JSONScalar } from '../../../common/json.scalar.js';

@ObjectType('Bureau', { description: 'A finance bureau (财政局).' })
export class BureauModel {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field() region: string;
  @Field() portalName: string;
}

@ObjectType('Unit', { description: 'A budget unit (预算单位).' })
export class UnitModel {
  @Field(() => ID) id: string;
  @Field({ description: 'Budget code (预算单位编码).' }) code: string;
  @Field() name: string;
  @Field({ description: '行政单位 / 事业单位 / 群团组织 …' }) category: string;
  @Field() active: boolean;
  @Field(() => ID, { nullable: true, description: 'The 主管部门 its packages pass through (when the campaign has the stage), if any.' })
  supervisorUnitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The bureau reviewer its packages are assigned to in advance, if any.' }) reviewerId?: string | null;
  @Field(() => ID, { nullable: true, description: "The 主管部门's reviewer its packages are assigned to in advance, if any." })
  supervisorReviewerId?: string | null;
}

@ObjectType('User', { description: 'An account of the bureau or of one of its units.' })
export class UserModel {
  @Field(() => ID) id: string;
  @Field() username: string;
  @Field() displayName: string;
  @Field(() => Role) role: Role;
  /** Resolved by the org resolver from unitId. */
  unitId: string | null;
  @Field() active: boolean;
  @Field() phone: string;
  @Field(() => String, { nullable: true, description: 'Notifications also go here by mail when the server sends mail.' }) email: string | null;
  @Field(() => String, { nullable: true, description: 'The identity at the single sign-on provider this account is linked to.' }) externalId: string | null;
}

@ObjectType('UserRef', { description: 'Who did something, as shown next to it.' })
export class UserRefModel {
  @Field(() => ID) id: string;
  @Field() displayName: string;
  @Field(() => Role) role: Role;
}

@ObjectType('UserAuditEvent', { description: 'One thing an admin did to an account or unit (created, deactivated, password reset…).' })
export class UserAuditEventModel {
  @Field(() => ID) id: string;
  @Field(() => ID) actorId: string;
  @Field(() => ID, { nullable: true }) subjectUserId: string | null;
  @Field(() => ID, { nullable: true }) subjectUnitId: string | null;
  @Field({ description: 'CREATE_USER, SET_USER_ACTIVE, RESET_PASSWORD, CREATE_UNIT, SET_UNIT_ACTIVE, IMPORT_UNITS' }) action: string;
  @Field(() => JSONScalar, { nullable: true }) details: Record<string, unknown> | null;
  @Field() at: Date;
}
