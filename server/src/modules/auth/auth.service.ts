import { createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository, type EntityManager } from 'typeorm';
import { ErrorCode, FRESH_AUTH_MINUTES } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { SessionLookup } from '../../common/access.guard.js';
import type { RequestUser } from '../../common/request-context.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { TransactionService } from '../../database/transaction.service.js';
import { rowCaches, type RowCache } from '../../database/row-cache.js';
import { UserEntity } from '../org/user.entity.js';
import { SessionEntity, type SessionMethod } from './session.entity.js';
import { PasswordService } from './password.service.js';
import { LoginThrottleService, throttleKeys, type ThrottleKey } from './login-throttle.service.js';

export { LOCK_MINUTES, MAX_FAILED_LOGINS } from './login-throttle.service.js';

/** Re-entering the password while signed in (signing, changing it) is throttled under this address. */
const REAUTH_ADDRESS = 'signed-in';

/**
 * A session row's id is the HMAC-SHA256 of its token under SESSION_SECRET: a copy of the
 * database (a backup, a replica) holds no usable session, nor can anyone who lacks the secret
 * turn a stolen row into a token or mint one. Changing the secret signs everyone out.
 */
export function sessionIdOf(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

@Injectable()
export class AuthService extends SessionLookup {
  private dummyHash: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly transactions: TransactionService,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
  ) {
    super();
  }

  /**
   * Returns a new session token. Every check is throttled per (username, address) and per
   * address before the password is verified; unknown usernames, wrong passwords and locks
   * answer alike, and a disabled account is named only to someone who knows its password.
   */
  async login(username: string, password: string, address: string): Promise<{ token: string; user: UserEntity; expiresAt: Date }> {
    const keys = throttleKeys(username, address);
    const user = await this.checkPassword(keys, () => this.users.findOne({ where: { username: username.trim() } }), password);
    if (!user.active) throw new DomainError(ErrorCode.ACCOUNT_DISABLED);
    return this.openSession(user, 'PASSWORD');
  }

  /** A new session for a user already proven to be who they say (a password, or the SSO provider). */
  async openSession(user: UserEntity, method: SessionMethod): Promise<{ token: string; user: UserEntity; expiresAt: Date }> {
    const now = new Date();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3_600_000);
    await this.transactions.run(async ({ manager }) => {
      await manager.getRepository(SessionEntity).insert({ id: sessionIdOf(this.config.sessionSecret, token), userId: user.id, createdAt: now, expiresAt, method, freshAuthAt: null });
      await manager.getRepository(SessionEntity).delete({ userId: user.id, expiresAt: LessThan(now) });
    });
    return { token, user, expiresAt };
  }

  /** The holder of an SSO session signed in again at the provider just now: one signature may rest on it. */
  async recordFreshAuth(sessionId: string, at: Date): Promise<void> {
    await this.transactions.run(({ manager }) => manager.getRepository(SessionEntity).update({ id: sessionId, method: 'OIDC' }, { freshAuthAt: at }));
  }

  /**
   * Uses up the session's fresh SSO authentication for one signature, inside the signing
   * transaction (a refused signature gives it back by rolling back). Refused when there is none
   * or it is older than FRESH_AUTH_MINUTES.
   */
  async consumeFreshAuth(manager: EntityManager, sessionId: string): Promise<void> {
    const cutoff = new Date(Date.now() - FRESH_AUTH_MINUTES * 60_000);
    const result = await manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ freshAuthAt: null })
      .where('id = :id AND method = :method AND freshAuthAt IS NOT NULL AND freshAuthAt >= :cutoff', { id: sessionId, method: 'OIDC', cutoff })
      .execute();
    if (!result.affected) {
      throw new DomainError(ErrorCode.FRESH_AUTH_REQUIRED, `签章须在 ${FRESH_AUTH_MINUTES} 分钟内重新通过统一身份认证验证身份，请点击“统一身份认证验证”`);
    }
  }

  /** Reserves a throttled check, verifies, and settles the reservation; the user on success. */
  private async checkPassword(keys: ThrottleKey[], load: () => Promise<UserEntity | null>, password: string, wrong?: string): Promise<UserEntity> {
    await this.throttle.reserve(keys);
    let user: UserEntity | null;
    let verified: boolean;
    try {
      user = await load();
      if (user) {
        verified = await this.passwords.verify(user.passwordHash, password);
      } else {
        // Same cost as a real check, so timing does not reveal which usernames exist.
        this.dummyHash ??= await this.passwords.hash(randomBytes(16).toString('hex'));
        await this.passwords.verify(this.dummyHash, password);
        verified = false;
      }
    } catch (err) {
      await this.throttle.failed(keys);
      throw err;
    }
    if (!verified || !user) {
      await this.throttle.failed(keys);
      throw new DomainError(ErrorCode.INVALID_CREDENTIALS, wrong);
    }
    await this.throttle.succeeded(keys);
    return user;
  }

  async logout(sessionId: string): Promise<void> {
    await this.transactions.run(({ manager }) => manager.getRepository(SessionEntity).delete({ id: sessionId }));
  }

  /**
   * The session's user, from the row cache while neither the session nor the user changed
   * (sign-out, password change, deactivation and role changes write those rows, which drops
   * the cache here and in every other process), never past the session's expiry.
   */
  async userForToken(token: string): Promise<RequestUser | null> {
    const id = sessionIdOf(this.config.sessionSecret, token);
    const cache = rowCaches(this.sessions.manager.connection).sessions as RowCache<{ user: RequestUser; expiresAt: number }>;
    const hit = cache.get(id);
    if (hit && hit.expiresAt > Date.now()) return hit.user;
    const session = await this.sessions.findOne({ where: { id } });
    if (!session || session.expiresAt <= new Date()) return null;
    const user = await this.users.findOne({ where: { id: session.userId } });
    if (!user || !user.active) return null;
    const requestUser = toRequestUser(user, session);
    cache.set(id, { user: requestUser, expiresAt: session.expiresAt.getTime() }, Math.min(cache.ttlMs, session.expiresAt.getTime() - Date.now()));
    return requestUser;
  }

  /** For signing: the signer proves presence by re-entering the password (throttled like a sign-in). */
  async verifyPassword(userId: string, password: string): Promise<UserEntity> {
    const user = await this.users.findOneByOrFail({ id: userId });
    return this.checkPassword(throttleKeys(user.username, REAUTH_ADDRESS), async () => user, password, '密码错误，未签章');
  }

  /** The user's own new password: other sessions end, and an admin-set password stops blocking work. */
  async changePassword(userId: string, sessionId: string, current: string, next: string): Promise<void> {
    await this.verifyPassword(userId, current);
    if (next === current) throw new DomainError(ErrorCode.PASSWORD_TOO_WEAK, '新密码不能与当前密码相同');
    this.passwords.assertStrong(next);
    const hash = await this.passwords.hash(next);
    await this.transactions.run(async ({ manager }) => {
      await manager.getRepository(UserEntity).update({ id: userId }, { passwordHash: hash, mustChangePassword: false });
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

/** A session id alone stands for a password session (seed and set-up code acting as someone). */
export function toRequestUser(user: UserEntity, sessionOrId: Pick<SessionEntity, 'id' | 'method'> | string): RequestUser {
  const session = typeof sessionOrId === 'string' ? { id: sessionOrId, method: 'PASSWORD' as const } : sessionOrId;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    bureauId: user.bureauId,
    sessionId: session.id,
    sessionMethod: session.method,
    // A password an admin set blocks only those who sign in with it; the provider vouches for SSO sessions.
    mustChangePassword: session.method === 'PASSWORD' && user.mustChangePassword,
  };
}
