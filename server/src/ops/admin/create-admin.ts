import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ErrorCode } from '@zipin/shared';
import type { AppConfig } from '../../config/app-config.js';
import { ConfigModule } from '../../config/config.module.js';
import { DatabaseModule } from '../../database/database.module.js';
import { TransactionService } from '../../database/transaction.service.js';
import { DomainError } from '../../common/domain-error.js';
import { LoginThrottleService } from '../../modules/auth/login-throttle.service.js';
import { PasswordService } from '../../modules/auth/password.service.js';
import { BureauEntity } from '../../modules/org/bureau.entity.js';
import { OrgService } from '../../modules/org/org.service.js';

/** Only what making an account needs: the database (migrated, as the API would) and the org services. */
@Module({})
class CreateAdminModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CreateAdminModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config, true)],
      providers: [OrgService, PasswordService, LoginThrottleService],
    };
  }
}

export interface CreateAdminInput {
  /** The bureau's code; made when no bureau has it yet (then `bureauName` is required). */
  bureauCode: string;
  bureauName?: string;
  region?: string;
  username: string;
  displayName?: string;
  password: string;
  /** Who ran the command (the operating-system account), for the audit trail. */
  operator: string;
}

export interface CreateAdminResult {
  userId: string;
  bureauId: string;
  bureauName: string;
  bureauCreated: boolean;
}

/**
 * A bureau admin made from the command line: how a production install without demo data gets
 * its first account (and how an operator recovers a bureau whose admins are all gone). The
 * password is the policy's like any other; the person at the terminal chose it, so it is theirs
 * (no forced change). The account and, if new, its bureau are written in one transaction with
 * the audit event; the event names the operator, the new account being its own actor.
 */
export async function createAdmin(config: AppConfig, input: CreateAdminInput): Promise<CreateAdminResult> {
  const app = await NestFactory.createApplicationContext(CreateAdminModule.forRoot(config), { logger: ['error'], abortOnError: false });
  try {
    const org = app.get(OrgService);
    return await app.get(TransactionService).run(async (tx) => {
      const code = input.bureauCode.trim();
      if (!code) throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: '请用 --bureau 给出财政局编码', en: 'Give the bureau code with --bureau' });
      let bureau = await tx.manager.getRepository(BureauEntity).findOneBy({ code });
      const bureauCreated = !bureau;
      if (!bureau) {
        const name = input.bureauName?.trim();
        if (!name) throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: `没有编码为「${code}」的财政局；新建时请用 --bureau-name 给出名称`, en: `No bureau has the code ${code}; give --bureau-name to create it` });
        bureau = await org.createBureau(tx, { code, name, region: input.region?.trim() || name });
      }
      const user = await org.createUser(tx, { username: input.username, displayName: input.displayName?.trim() || input.username, password: input.password, role: 'ADMIN', bureauId: bureau.id });
      await org.audit(tx, { id: user.id, bureauId: bureau.id }, 'CREATE_USER', { userId: user.id }, { username: user.username, role: 'ADMIN', via: 'command line', operator: input.operator, bureauCreated });
      return { userId: user.id, bureauId: bureau.id, bureauName: bureau.name, bureauCreated };
    });
  } finally {
    await app.close();
  }
}

/** A refusal as the operator reads it: the Chinese message and its English. */
export function describeFailure(err: unknown): string {
  if (err instanceof DomainError) return `${err.message} (${err.messageEn})`;
  return err instanceof Error ? err.message : String(err);
}
