import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { createRequire } from 'node:module';
import type { dictionary as Dictionary } from '@zxcvbn-ts/language-common';
import { ErrorCode, PASSWORD_MIN_LENGTH, PASSWORD_PROBLEMS, passwordLengthProblem, type PasswordProblem } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';

/**
 * The ~49,000 most common passwords from leaked sets (zxcvbn's list, kept up by its maintainers),
 * compared case-insensitively: `Password123` is as easy to guess as `password123`. Read when a
 * password is first set, not at start (the list is half a megabyte); synchronously, through the
 * package's CommonJS build, so the check stays a plain function.
 */
let commonPasswords: ReadonlySet<string> | null = null;
function isCommonPassword(password: string): boolean {
  if (!commonPasswords) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as { dictionary: typeof Dictionary };
    commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return commonPasswords.has(password.toLowerCase());
}

/**
 * argon2id hashes, and the one check of a password being set, wherever it is set. A hash names
 * its own cost, so verify() checks any stored hash whatever the cost new hashes get.
 */
@Injectable()
export class PasswordService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    const { memoryCost, timeCost } = this.config.passwordHashing;
    return argon2.hash(password, { type: argon2.argon2id, memoryCost, timeCost, parallelism: 1 });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** What the rule (shared/src/errors/password-policy.ts) finds wrong with a new password, if anything. */
  problem(password: string): PasswordProblem | null {
    return passwordLengthProblem(password) ?? (isCommonPassword(password) ? 'COMMON' : null);
  }

  assertStrong(password: string): void {
    const problem = this.problem(password);
    if (problem) {
      throw new DomainError(ErrorCode.PASSWORD_TOO_WEAK, PASSWORD_PROBLEMS[problem], { rule: problem, minLength: PASSWORD_MIN_LENGTH });
    }
  }
}
