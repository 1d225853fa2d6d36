import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { MaybePromise } from '../../common/maybe-promise.js';
import { DataSource } from 'typeorm';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestContext, RequestUser } from '../../common/request-context.js';
import { TransactionService } from '../../database/transaction.service.js';
import { CreateUnitInput, CreateUserInput, UpdateUserInput } from './dto/org.input.js';
import { BureauModel, UnitModel, UserAuditEventModel, UserModel } from './models/org.models.js';
import { unitById } from './org.loaders.js';
import { OrgService } from './org.service.js';
import type { UserEntity } from './user.entity.js';

const toUser = (u: UserEntity): UserModel => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  unitId: u.unitId,
  active: u.active,
  phone: u.phone,
  email: u.email ?? null,
  externalId: u.externalId ?? null,
});

/** The bureau's organisation; admins manage it, everyone else sees what their work needs. */
@Resolver(() => UserModel)
export class OrgResolver {
  constructor(
    private readonly org: OrgService,
    private readonly transactions: TransactionService,
    private readonly dataSource: DataSource,
  ) {}

  @Allow()
  @Query(() => BureauModel, { nullable: true, description: 'The bureau of the signed-in user.' })
  async myBureau(@CurrentUser() user: RequestUser): Promise<BureauModel | null> {
    return this.org.bureaus.findOneBy({ id: user.bureauId });
  }

  @Allow('REVIEWER', 'ADMIN', 'SUPERVISOR')
  @Query(() => [UnitModel], { description: "The units of the user's bureau; for a 主管部门's reviewer, its subordinate units." })
  async units(@CurrentUser() user: RequestUser, @Args('includeInactive', { nullable: true }) includeInactive?: boolean): Promise<UnitModel[]> {
    const all = await this.org.listUnits(user.bureauId, includeInactive ?? false);
    return user.role === 'SUPERVISOR' ? all.filter((u) => !!user.unitId && u.supervisorUnitId === user.unitId) : all;
  }

  @Allow('ADMIN')
  @Mutation(() => UnitModel, { description: 'Places a unit under its 主管部门 (a unit of the bureau), or takes it out with null.' })
  setUnitSupervisor(
    @CurrentUser() user: RequestUser,
    @Args('unitId', { type: () => ID }) unitId: string,
    @Args('supervisorUnitId', { type: () => ID, nullable: true }) supervisorUnitId?: string | null,
  ): Promise<UnitModel> {
    return this.transactions.run((tx) => this.org.setUnitSupervisor(tx, user, unitId, supervisorUnitId ?? null));
  }

  @Allow()
  @Query(() => [String], { description: "The common opinion phrases (常用意见) of the user's bureau, offered when signing and approving." })
  opinionPhrases(@CurrentUser() user: RequestUser): Promise<string[]> {
    return this.org.opinionPhrases(user.bureauId);
  }

  @Allow('ADMIN')
  @Mutation(() => [String], { description: "Sets the bureau's common opinion phrases (1–20, each 1–100 characters, no repeats)." })
  setOpinionPhrases(@CurrentUser() user: RequestUser, @Args('phrases', { type: () => [String] }) phrases: string[]): Promise<string[]> {
    return this.transactions.run((tx) => this.org.setOpinionPhrases(tx, user, phrases));
  }

  @Allow('ADMIN')
  @Query(() => [UserModel], { description: "Accounts of the admin's bureau, optionally of one unit." })
  async users(@CurrentUser() user: RequestUser, @Args('unitId', { type: () => ID, nullable: true }) unitId?: string): Promise<UserModel[]> {
    return (await this.org.listUsers(user.bureauId, unitId)).map(toUser);
  }

  @Allow('ADMIN')
  @Mutation(() => UnitModel)
  createUnit(@CurrentUser() user: RequestUser, @Args('input') input: CreateUnitInput): Promise<UnitModel> {
    return this.transactions.run((tx) => this.org.createUnit(tx, { bureauId: user.bureauId, code: input.code, name: input.name, category: input.category }, user));
  }

  @Allow('ADMIN')
  @Mutation(() => UnitModel)
  setUnitActive(@CurrentUser() user: RequestUser, @Args('id', { type: () => ID }) id: string, @Args('active') active: boolean): Promise<UnitModel> {
    return this.transactions.run((tx) => this.org.setUnitActive(tx, user, id, active));
  }

  @Allow('ADMIN')
  @Mutation(() => UserModel)
  async createUser(@CurrentUser() user: RequestUser, @Args('input') input: CreateUserInput): Promise<UserModel> {
    const created = await this.transactions.run((tx) =>
      this.org.createUser(tx, {
        username: input.username,
        displayName: input.displayName,
        password: input.password,
        role: input.role,
        bureauId: user.bureauId,
        unitId: input.unitId ?? null,
        phone: input.phone,
        email: input.email ?? null,
      }, user),
    );
    return toUser(created);
  }

  @Allow('ADMIN')
  @Mutation(() => UserModel, { description: "Name, phone and mail address of an account of the admin's bureau." })
  async updateUser(@CurrentUser() user: RequestUser, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateUserInput): Promise<UserModel> {
    return toUser(await this.transactions.run((tx) => this.org.updateUser(tx, user, id, input)));
  }

  @Allow('ADMIN')
  @Mutation(() => UserModel)
  async setUserActive(@CurrentUser() user: RequestUser, @Args('id', { type: () => ID }) id: string, @Args('active') active: boolean): Promise<UserModel> {
    return toUser(await this.transactions.run((tx) => this.org.setUserActive(tx, user, id, active)));
  }

  @Allow('ADMIN')
  @Mutation(() => Boolean)
  async resetUserPassword(
    @CurrentUser() user: RequestUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('newPassword') newPassword: string,
  ): Promise<boolean> {
    await this.transactions.run((tx) => this.org.resetUserPassword(tx, user, id, newPassword));
    return true;
  }

  @Allow('ADMIN')
  @Query(() => [UserAuditEventModel], { description: "What admins did to the accounts and units of the admin's bureau, newest first." })
  async userAuditTrail(@CurrentUser() user: RequestUser, @Args('first', { type: () => Int, nullable: true }) first?: number): Promise<UserAuditEventModel[]> {
    return (await this.org.auditTrail(user.bureauId, Math.min(Math.max(first ?? 50, 1), 500))).map((e) => ({ ...e, id: String(e.id) }));
  }

  @Allow()
  @ResolveField(() => UnitModel, { nullable: true })
  unit(u: UserModel, _args: unknown, ctx: RequestContext): MaybePromise<UnitModel | null> {
    return u.unitId ? unitById(ctx, this.dataSource, u.unitId) : null;
  }
}
