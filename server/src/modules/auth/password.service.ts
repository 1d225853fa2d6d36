import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';

/** argon2id hashes; the policy is deliberately plain: 8+ characters with letters and digits. */
@Injectable()
export class PasswordService {
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  assertStrong(password: string): void {
    if (password.length < 8 || password.length > 128 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
      throw new DomainError(ErrorCode.PASSWORD_TOO_WEAK);
    }
  }
}
