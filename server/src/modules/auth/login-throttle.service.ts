import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { EntityManager } from 'typeorm';
import { TransactionService } from '../../database/transaction.service.js';
import { LoginThrottleEntity } from './login-throttle.entity.js';

/** Wrong passwords for one username from one address before that address waits LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
/** Wrong passwords from one address across all usernames (password spraying) before it waits. */
export const MAX_FAILED_LOGINS_PER_ADDRESS = 50;
export const LOCK_MINUTES = 15;
/** A check still "in flight" after this long belongs to a process that died; it stops counting. */
const STALE_IN_FLIGHT_MS = 60_000;

export interface ThrottleKey {
  id: string;
  subject: string | null;
  limit: number;
}

/** The keys one password check counts against: the username from this address, and the address. */
export function throttleKeys(username: string, address: string): ThrottleKey[] {
  const subject = username.trim().toLowerCase().slice(0, 64);
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  return [
    { id: hash(`user:${subject}|addr:${address}`), subject, limit: MAX_FAILED_LOGINS },
    { id: hash(`addr:${address}`), subject: null, limit: MAX_FAILED_LOGINS_PER_ADDRESS },
  ];
}

/**
 * Bounds password guessing with counts kept in the database and changed only by guarded
 * UPDATEs: a check first reserves a slot (failures + checks in flight < limit, not locked), so
 * 100 guesses sent at once still run at most `limit` verifications. A failure turns its slot
 * into a counted failure (locking at the limit); a success gives its slot back and forgets the
 * failures settled before it, never the slots other checks still hold.
 *
 * The lock is keyed by address as well as username, so a stranger's wrong guesses lock only
 * the stranger's address out of that account, never the account's owner signing in elsewhere.
 * Unknown usernames are throttled exactly like real ones, so the answer reveals nothing.
 */
@Injectable()
export class LoginThrottleService {
  constructor(private readonly transactions: TransactionService) {}

  /**
   * Each statement runs on its own: one guarded UPDATE is atomic under the row lock on MySQL,
   * and wrapping it with the INSERT in a transaction deadlocks concurrent first attempts. On
   * SQLite it still goes through the write queue (a statement must not land in another's open
   * transaction on the shared connection).
   */
  private write<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.transactions.isSqlite) return this.transactions.run(({ manager }) => fn(manager));
    return fn(this.transactions.dataSource.manager);
  }

  /** Reserves a check on every key, or throws ACCOUNT_LOCKED (releasing what it took). */
  async reserve(keys: ThrottleKey[]): Promise<void> {
    const taken: ThrottleKey[] = [];
    for (const key of keys) {
      const ok = await this.reserveOne(key);
      if (!ok) {
        for (const k of taken) await this.settle(k, 'release');
        throw new DomainError(ErrorCode.ACCOUNT_LOCKED, `登录失败次数过多，请 ${LOCK_MINUTES} 分钟后再试`, { retryAfterMinutes: LOCK_MINUTES });
      }
      taken.push(key);
    }
  }

  /** A wrong password: every reserved slot becomes a failure. */
  async failed(keys: ThrottleKey[]): Promise<void> {
    for (const key of keys) await this.settle(key, 'failure');
  }

  /** The right password: slots are returned; the username's settled failures are forgotten. */
  async succeeded(keys: ThrottleKey[]): Promise<void> {
    for (const key of keys) await this.settle(key, key.subject ? 'success' : 'release');
  }

  /** An admin reset lifts every lock on the username, in the reset's own transaction. */
  async clearSubject(manager: EntityManager, username: string): Promise<void> {
    await manager.getRepository(LoginThrottleEntity).delete({ subject: username.trim().toLowerCase() });
  }

  private async reserveOne(key: ThrottleKey): Promise<boolean> {
    if (await this.tryReserve(key)) return true;
    // No row yet, or no free slot: make sure the row exists (another first attempt may be doing
    // the same; INSERT … IGNORE lets both through) and try the guarded UPDATE once more.
    await this.write((manager) =>
      manager.createQueryBuilder().insert().into(LoginThrottleEntity).values({ id: key.id, subject: key.subject, failures: 0, inFlight: 0, attemptAt: null, lockedUntil: null }).orIgnore().execute(),
    );
    return this.tryReserve(key);
  }

  /** The guarded UPDATE: takes a slot only if the key is not locked and has one free. */
  private tryReserve(key: ThrottleKey): Promise<boolean> {
    const now = new Date();
    const windowStart = new Date(now.getTime() - LOCK_MINUTES * 60_000);
    const stale = new Date(now.getTime() - STALE_IN_FLIGHT_MS);
    // Failures count while the lock has not expired and the last attempt is within the window.
    const expired = '(lockedUntil IS NOT NULL AND lockedUntil <= :now) OR (lockedUntil IS NULL AND (attemptAt IS NULL OR attemptAt < :windowStart))';
    const liveInFlight = 'CASE WHEN attemptAt IS NULL OR attemptAt < :stale THEN 0 ELSE inFlight END';
    return this.write(async (manager) => {
      // Assignments read only columns assigned after them: MySQL evaluates SET left to right on new values.
      const result = await manager
        .createQueryBuilder()
        .update(LoginThrottleEntity)
        .set({
          inFlight: () => `(${liveInFlight}) + 1`,
          failures: () => `CASE WHEN ${expired} THEN 0 ELSE failures END`,
          lockedUntil: () => 'CASE WHEN lockedUntil IS NOT NULL AND lockedUntil <= :now THEN NULL ELSE lockedUntil END',
          attemptAt: () => ':now',
        })
        .where('id = :id')
        .andWhere('(lockedUntil IS NULL OR lockedUntil <= :now)')
        .andWhere(`(CASE WHEN ${expired} THEN 0 ELSE failures END) + (${liveInFlight}) < :limit`)
        .setParameters({ id: key.id, now, windowStart, stale, limit: key.limit })
        .execute();
      return (result.affected ?? 0) > 0;
    });
  }

  private settle(key: ThrottleKey, outcome: 'failure' | 'success' | 'release'): Promise<void> {
    const now = new Date();
    const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    const set: Record<string, () => string> = {};
    if (outcome === 'failure') {
      set.lockedUntil = () => 'CASE WHEN failures + 1 >= :limit THEN :lockedUntil ELSE lockedUntil END';
      set.failures = () => 'failures + 1';
    } else if (outcome === 'success') {
      set.failures = () => '0';
    }
    set.inFlight = () => 'CASE WHEN inFlight > 0 THEN inFlight - 1 ELSE 0 END';
    return this.write(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(LoginThrottleEntity)
        .set(set)
        .where('id = :id')
        .setParameters({ id: key.id, limit: key.limit, lockedUntil })
        .execute();
    });
  }
}
