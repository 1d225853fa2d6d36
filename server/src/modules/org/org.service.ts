import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Not, Repository } from 'typeorm';
import {
  BUREAU_ROLES,
  DEFAULT_OPINION_PHRASES,
  ErrorCode,
  OPINION_PHRASE_MAX,
  OPINION_PHRASES_MAX,
  ROLES_WITH_UNIT,
  WITH_UNIT_STATES,
  type Role,
} from '@zipin/shared';
import { PackageEntity } from '../package/package.entity.js';
import { DomainError } from '../../common/domain-error.js';
import { newId } from '../../database/columns.js';
import type { Tx } from '../../database/transaction.service.js';
import { PasswordService } from '../auth/password.service.js';
import { BureauEntity } from './bureau.entity.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';
import { SessionEntity } from '../auth/session.entity.js';
import { LoginThrottleService } from '../auth/login-throttle.service.js';
import { UserAuditEventEntity, type UserAuditAction } from './user-audit-event.entity.js';

/** The admin doing something to the organisation, recorded in user_audit_event. */
export interface OrgActor {
  id: string;
  bureauId: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  bureauId: string;
  unitId?: string | null;
  phone?: string;
  email?: string | null;
  /** Hashed beforehand (bulk imports hash outside the write transaction); `password` is still checked against the policy. */
  passwordHash?: string;
}

/** A mail address as typed, trimmed; empty means none. Refused when it cannot be an address. */
export function cleanEmail(email: string | null | undefined): string | null {
  const e = (email ?? '').trim();
  if (!e) return null;
  if (e.length > 254 || !/^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(e)) throw new DomainError(ErrorCode.VALIDATION_FAILED, `「${e.slice(0, 60)}」不是有效的电子邮箱地址`);
  return e;
}

/** Bureaus, their units and the people in them. */
@Injectable()
export class OrgService {
  constructor(
    @InjectRepository(BureauEntity) readonly bureaus: Repository<BureauEntity>,
    @InjectRepository(UnitEntity) readonly units: Repository<UnitEntity>,
    @InjectRepository(UserEntity) readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Records what an admin did to an account or unit, in the transaction that did it. */
  async audit(tx: Tx, actor: OrgActor, action: UserAuditAction, subject: { userId?: string; unitId?: string }, details: Record<string, unknown> | null = null): Promise<void> {
    const repo = tx.manager.getRepository(UserAuditEventEntity);
    await repo.save(repo.create({
      bureauId: actor.bureauId,
      actorId: actor.id,
      subjectUserId: subject.userId ?? null,
      subjectUnitId: subject.unitId ?? null,
      action,
      details,
      at: new Date(),
    }));
  }

  /** The admin audit trail of a bureau, newest first. */
  auditTrail(bureauId: string, first: number): Promise<UserAuditEventEntity[]> {
    return this.dataSource.getRepository(UserAuditEventEntity).find({ where: { bureauId }, order: { id: 'DESC' }, take: first });
  }

  async createBureau(tx: Tx, input: Pick<BureauEntity, 'code' | 'name' | 'region'> & { portalName?: string }): Promise<BureauEntity> {
    const repo = tx.manager.getRepository(BureauEntity);
    if (await repo.exists({ where: { code: input.code } })) throw new DomainError(ErrorCode.DUPLICATE, `财政局编码「${input.code}」已存在`);
    const bureau = repo.create({ id: newId(), portalName: '', ...input });
    await repo.insert(bureau);
    return bureau;
  }

  async createUnit(tx: Tx, input: Pick<UnitEntity, 'bureauId' | 'code' | 'name'> & { category?: string }, actor?: OrgActor): Promise<UnitEntity> {
    const repo = tx.manager.getRepository(UnitEntity);
    const code = input.code.trim();
    const name = input.name.trim();
    if (!code || !name) throw new DomainError(ErrorCode.VALIDATION_FAILED, '单位编码和名称不能为空');
    if (await repo.exists({ where: { bureauId: input.bureauId, code } })) throw new DomainError(ErrorCode.DUPLICATE, `单位编码「${code}」已存在`);
    const unit = repo.create({ id: newId(), bureauId: input.bureauId, code, name, category: input.category ?? '', active: true });
    await repo.insert(unit);
    if (actor) await this.audit(tx, actor, 'CREATE_UNIT', { unitId: unit.id }, { code, name });
    return unit;
  }

  /**
   * With an actor (an admin through the API or an import) the password is admin-set, so the
   * account must choose its own at first sign-in; seed and set-up code pass no actor.
   */
  async createUser(tx: Tx, input: NewUser, actor?: OrgActor): Promise<UserEntity> {
    const repo = tx.manager.getRepository(UserEntity);
    const username = input.username.trim();
    if (!/^[A-Za-z0-9._-]{3,64}$/.test(username)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '用户名须为 3–64 位字母、数字或 . _ -');
    }
    if (ROLES_WITH_UNIT.includes(input.role)) {
      if (!input.unitId) throw new DomainError(ErrorCode.VALIDATION_FAILED, '填表人、单位负责人和主管部门审核人必须属于一个单位');
      const unit = await tx.manager.getRepository(UnitEntity).findOneBy({ id: input.unitId });
      if (!unit || unit.bureauId !== input.bureauId) throw new DomainError(ErrorCode.NOT_FOUND, '单位不存在');
    } else if (!BUREAU_ROLES.includes(input.role)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '无效的角色');
    }
    this.passwords.assertStrong(input.password);
    if (await repo.exists({ where: { username } })) throw new DomainError(ErrorCode.DUPLICATE, `用户名「${username}」已被使用`);
    const user = repo.create({
      id: newId(),
      username,
      displayName: input.displayName.trim() || username,
      passwordHash: input.passwordHash ?? (await this.passwords.hash(input.password)),
      role: input.role,
      bureauId: input.bureauId,
      unitId: ROLES_WITH_UNIT.includes(input.role) ? input.unitId! : null,
      phone: input.phone ?? '',
      email: cleanEmail(input.email),
      active: true,
      failedLogins: 0,
      lockedUntil: null,
      mustChangePassword: !!actor,
    });
    await repo.insert(user);
    if (actor) await this.audit(tx, actor, 'CREATE_USER', { userId: user.id, unitId: user.unitId ?? undefined }, { username, role: user.role });
    return user;
  }

  /** Name, phone and mail address of an account of the admin's own bureau. */
  async updateUser(tx: Tx, actor: OrgActor, id: string, input: { displayName?: string | null; phone?: string | null; email?: string | null; externalId?: string | null }): Promise<UserEntity> {
    const repo = tx.manager.getRepository(UserEntity);
    const user = await repo.findOneBy({ id });
    if (!user || user.bureauId !== actor.bureauId) throw new DomainError(ErrorCode.NOT_FOUND, '账号不存在');
    const changes: Partial<UserEntity> = {};
    if (input.displayName != null) {
      const name = input.displayName.trim();
      if (!name || name.length > 100) throw new DomainError(ErrorCode.VALIDATION_FAILED, '姓名须为 1–100 个字');
      changes.displayName = name;
    }
    if (input.phone != null) {
      const phone = input.phone.trim();
      if (phone.length > 32) throw new DomainError(ErrorCode.VALIDATION_FAILED, '电话号码过长');
      changes.phone = phone;
    }
    if (input.email !== undefined) changes.email = cleanEmail(input.email);
    if (input.externalId !== undefined) {
      const externalId = (input.externalId ?? '').trim() || null;
      if (externalId && externalId.length > 255) throw new DomainError(ErrorCode.VALIDATION_FAILED, '统一身份认证标识过长（最多 255 个字符）');
      // One identity opens one account: a second account with it would be a second way in.
      if (externalId && (await repo.exists({ where: { externalId, id: Not(id) } }))) {
        throw new DomainError(ErrorCode.DUPLICATE, `统一身份认证标识「${externalId.slice(0, 60)}」已关联其他账号`);
      }
      if (externalId !== user.externalId) changes.externalId = externalId;
    }
    if (Object.keys(changes).length) {
      await repo.update({ id }, changes);
      await this.audit(tx, actor, 'UPDATE_USER', { userId: id, unitId: user.unitId ?? undefined }, { fields: Object.keys(changes) });
    }
    return { ...user, ...changes };
  }

  listUnits(bureauId: string, includeInactive = false): Promise<UnitEntity[]> {
    return this.units.find({ where: { bureauId, ...(includeInactive ? {} : { active: true }) }, order: { code: 'ASC', id: 'ASC' } });
  }

  async listUsers(bureauId: string, unitId?: string | null): Promise<UserEntity[]> {
    return this.users.find({ where: { bureauId, ...(unitId ? { unitId } : {}) }, order: { username: 'ASC', id: 'ASC' } });
  }

  /** A unit of the admin's own bureau; another bureau's unit is reported as absent. */
  private async ownUnit(tx: Tx, bureauId: string, id: string): Promise<UnitEntity> {
    const unit = await tx.manager.getRepository(UnitEntity).findOneBy({ id });
    if (!unit || unit.bureauId !== bureauId) throw new DomainError(ErrorCode.NOT_FOUND, '单位不存在');
    return unit;
  }

  private async ownUser(tx: Tx, bureauId: string, id: string): Promise<UserEntity> {
    const user = await tx.manager.getRepository(UserEntity).findOneBy({ id });
    if (!user || user.bureauId !== bureauId) throw new DomainError(ErrorCode.NOT_FOUND, '用户不存在');
    return user;
  }

  /** Deactivated units get no package when a campaign opens; their existing packages stay. */
  async setUnitActive(tx: Tx, actor: OrgActor, id: string, active: boolean): Promise<UnitEntity> {
    const unit = await this.ownUnit(tx, actor.bureauId, id);
    await tx.manager.getRepository(UnitEntity).update({ id }, { active });
    await this.audit(tx, actor, 'SET_UNIT_ACTIVE', { unitId: id }, { active });
    return { ...unit, active };
  }

  /**
   * Places a unit under its 主管部门 (or takes it out, with null). One level only: a 主管部门 is not
   * itself under another, and a unit with units under it cannot be placed under one. Packages still
   * with the unit follow at once; those already handed in keep the 主管部门 they went through.
   */
  async setUnitSupervisor(tx: Tx, actor: OrgActor, id: string, supervisorUnitId: string | null): Promise<UnitEntity> {
    const unit = await this.ownUnit(tx, actor.bureauId, id);
    const units = tx.manager.getRepository(UnitEntity);
    if (supervisorUnitId) {
      if (supervisorUnitId === id) throw new DomainError(ErrorCode.VALIDATION_FAILED, '单位不能是自己的主管部门');
      const sup = await this.ownUnit(tx, actor.bureauId, supervisorUnitId);
      if (sup.supervisorUnitId) throw new DomainError(ErrorCode.VALIDATION_FAILED, `「${sup.name}」本身隶属于其他主管部门，不能作为主管部门`);
      if (await units.exists({ where: { supervisorUnitId: id } })) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, `「${unit.name}」下已有所属单位，不能再隶属于其他主管部门`);
      }
    }
    // A 主管部门's reviewer assigned in advance belongs to that 主管部门: a new one starts unassigned.
    const moved = supervisorUnitId !== unit.supervisorUnitId;
    const supervisorReviewerId = moved ? null : unit.supervisorReviewerId;
    await units.update({ id }, { supervisorUnitId, supervisorReviewerId });
    await tx.manager
      .getRepository(PackageEntity)
      .update({ unitId: id, state: In([...WITH_UNIT_STATES]) }, moved ? { supervisorUnitId, supervisorAssigneeId: null } : { supervisorUnitId });
    await this.audit(tx, actor, 'SET_UNIT_SUPERVISOR', { unitId: id }, { supervisorUnitId, previous: unit.supervisorUnitId });
    return { ...unit, supervisorUnitId, supervisorReviewerId };
  }

  /** The bureau's common opinion phrases (常用意见), or the shared defaults until it sets its own. */
  async opinionPhrases(bureauId: string): Promise<string[]> {
    const bureau = await this.bureaus.findOneBy({ id: bureauId });
    return bureau?.opinionPhrases?.length ? bureau.opinionPhrases : [...DEFAULT_OPINION_PHRASES];
  }

  /** Sets the phrases as typed (spaces around each dropped); empty, duplicate or over-long ones are refused. */
  async setOpinionPhrases(tx: Tx, actor: OrgActor, phrases: string[]): Promise<string[]> {
    const cleaned = phrases.map((p) => p.trim());
    if (!cleaned.length || cleaned.length > OPINION_PHRASES_MAX) throw new DomainError(ErrorCode.VALIDATION_FAILED, `常用意见须为1至${OPINION_PHRASES_MAX}条`);
    const bad = cleaned.findIndex((p) => !p || p.length > OPINION_PHRASE_MAX);
    if (bad >= 0) throw new DomainError(ErrorCode.VALIDATION_FAILED, `第${bad + 1}条常用意见须为1至${OPINION_PHRASE_MAX}个字`, { index: bad });
    const dup = cleaned.findIndex((p, i) => cleaned.indexOf(p) !== i);
    if (dup >= 0) throw new DomainError(ErrorCode.VALIDATION_FAILED, `常用意见「${cleaned[dup]}」重复`, { index: dup });
    await tx.manager.getRepository(BureauEntity).update({ id: actor.bureauId }, { opinionPhrases: cleaned });
    await this.audit(tx, actor, 'SET_OPINION_PHRASES', {}, { phrases: cleaned });
    return cleaned;
  }

  /** A deactivated account is signed out everywhere and cannot sign in again. */
  async setUserActive(tx: Tx, actor: OrgActor, id: string, active: boolean): Promise<UserEntity> {
    const user = await this.ownUser(tx, actor.bureauId, id);
    if (!active && id === actor.id) throw new DomainError(ErrorCode.VALIDATION_FAILED, '不能停用自己的账号');
    await tx.manager.getRepository(UserEntity).update({ id }, { active });
    if (!active) await tx.manager.getRepository(SessionEntity).delete({ userId: id });
    await this.audit(tx, actor, 'SET_USER_ACTIVE', { userId: id, unitId: user.unitId ?? undefined }, { active });
    return { ...user, active };
  }

  /**
   * Sets a password the admin knows: the account is signed out everywhere, its sign-in locks
   * are lifted, and until the user chooses their own password it can do nothing else (and
   * never sign). Recorded in the admin audit trail.
   */
  async resetUserPassword(tx: Tx, actor: OrgActor, id: string, newPassword: string): Promise<void> {
    const user = await this.ownUser(tx, actor.bureauId, id);
    this.passwords.assertStrong(newPassword);
    const passwordHash = await this.passwords.hash(newPassword);
    await tx.manager.getRepository(UserEntity).update({ id }, { passwordHash, mustChangePassword: true });
    await tx.manager.getRepository(SessionEntity).delete({ userId: id });
    await this.audit(tx, actor, 'RESET_PASSWORD', { userId: id, unitId: user.unitId ?? undefined }, { username: user.username });
    await this.throttle.clearSubject(tx.manager, user.username);
  }

  unitsByIds(ids: readonly string[]): Promise<UnitEntity[]> {
    return ids.length ? this.units.findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return ids.length ? this.users.findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }
}
