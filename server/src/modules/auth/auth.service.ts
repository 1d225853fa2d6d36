import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { SessionLookup } from '../../common/access.guard.js';
import type { RequestUser } from '../../common/request-context.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { TransactionService } from '../../database/transaction.service.js';
import { UserEntity } from '../org/user.entity.js';
import { SessionEntity } from './session.entity.js';
import { PasswordService } from './password.service.js';

/** After this many wrong passwords in a row the account waits LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AuthService extends SessionLookup {
  private dummyHash: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly transactions: TransactionService,
    private readonly passwords: PasswordService,
  ) {
    super();
  }

  /** Returns a new session token; wrong passwords count towards a temporary lock. */
  async login(username: string, password: string): Promise<{ token: string; user: UserEntity; expiresAt: Date }> {
    const user = await this.users.findOne({ where: { username: username.trim() } });
    const now = new Date();
    if (!user) {
      // Same cost as a real check, so timing does not reveal which usernames exist.
      this.dummyHash ??= await this.passwords.hash(randomBytes(16).toString('hex'));
      await this.passwords.verify(this.dummyHash, password);
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new DomainError(ErrorCode.ACCOUNT_LOCKED, undefined, { lockedUntil: user.lockedUntil.toISOString() });
    }
    if (!(await this.passwords.verify(user.passwordHash, password))) {
      await this.recordFailure(user.id);
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    }
    if (!user.active) throw new DomainError(ErrorCode.ACCOUNT_DISABLED);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3_600_000);
    await this.transactions.run(async ({ manager }) => {
      await manager.getRepository(UserEntity).update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
      await manager.getRepository(SessionEntity).insert({ id: tokenId(token), userId: user.id, createdAt: now, expiresAt });
      await manager.getRepository(SessionEntity).delete({ userId: user.id, expiresAt: LessThan(now) });
    });
    return { token, user, expiresAt };
  }

  private async recordFailure(userId: string): Promise<void> {
    await this.transactions.run(async ({ manager }) => {
      const repo = manager.getRepository(UserEntity);
      await repo.increment({ id: userId }, 'failedLogins', 1);
      const user = await repo.findOneByOrFail({ id: userId });
      if (user.failedLogins >= MAX_FAILED_LOGINS) {
        await repo.update({ id: userId }, { failedLogins: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60_000) });
      }
    });
  }

  async logout(sessionId: string): Promise<void> {
    await this.transactions.run(({ manager }) => manager.getRepository(SessionEntity).delete({ id: sessionId }));
  }

  async userForToken(token: string): Promise<RequestUser | null> {
    const session = await this.sessions.findOne({ where: { id: tokenId(token) } });
    if (!session || session.expiresAt <= new Date()) return null;
    const user = await this.users.findOne({ where: { id: session.userId } });
    if (!user || !user.active) return null;
    return toRequestUser(user, session.id);
  }

  /** For signing: the signer proves presence by re-entering the password. */
  async verifyPassword(userId: string, password: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: userId });
    if (user.lockedUntil && user.lockedUntil > new Date()) throw new DomainError(ErrorCode.ACCOUNT_LOCKED);
    if (!(await this.passwords.verify(user.passwordHash, password))) {
      await this.recordFailure(userId);
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, '密码错误，未签章');
    }
  }

  async changePassword(userId: string, sessionId: string, current: string, next: string): Promise<void> {
    await this.verifyPassword(userId, current);
    this.passwords.assertStrong(next);
    const hash = await this.passwords.hash(next);
    await this.transactions.run(async ({ manager }) => {
      await manager.getRepository(UserEntity).update({ id: userId }, { passwordHash: hash });
      // Other browsers signed in with the old password are signed out.
      await manager
        .getRepository(SessionEntity)
        .createQueryBuilder()
        .delete()
        .where('userId = :userId AND id <> :sessionId', { userId, sessionId })
        .execute();
    });
  }
}

export function toRequestUser(user: UserEntity, sessionId: string): RequestUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    bureauId: user.bureauId,
    sessionId,
  };
}
