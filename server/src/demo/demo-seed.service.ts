import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';
import { BureauEntity } from '../modules/org/bureau.entity.js';
import { OrgService } from '../modules/org/org.service.js';
import { DEMO_BUREAU, DEMO_BUREAU_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS, demoUnitAccounts, type DemoAccount } from './demo-accounts.js';

/**
 * Fills an empty database with 渌口区财政局, its 2024 notice, a dozen units at every stage
 * of the workflow and an account for every role. Runs once: a database that already has the
 * demo bureau is left alone.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly transactions: TransactionService,
    private readonly org: OrgService,
    @InjectRepository(BureauEntity) private readonly bureaus: Repository<BureauEntity>,
  ) {}

  async seedIfEmpty(): Promise<{ created: boolean; accounts: DemoAccount[] }> {
    const accounts = [...DEMO_BUREAU_ACCOUNTS, ...DEMO_UNITS.flatMap((u) => demoUnitAccounts(u.key, u.name))];
    if (await this.bureaus.exists({ where: { code: DEMO_BUREAU.code } })) return { created: false, accounts };
    await this.transactions.run(async (tx) => {
      const bureau = await this.org.createBureau(tx, DEMO_BUREAU);
      const unitIds = new Map<string, string>();
      for (const u of DEMO_UNITS) {
        const unit = await this.org.createUnit(tx, { bureauId: bureau.id, code: u.code, name: u.name, category: u.category });
        unitIds.set(u.key, unit.id);
      }
      for (const a of accounts) {
        await this.org.createUser(tx, {
          username: a.username,
          displayName: a.displayName,
          password: DEMO_PASSWORD,
          role: a.role,
          bureauId: bureau.id,
          unitId: a.unitKey ? unitIds.get(a.unitKey)! : null,
        });
      }
    });
    this.logger.log(`demo data created: ${DEMO_BUREAU.name}, ${DEMO_UNITS.length} units, ${accounts.length} accounts`);
    return { created: true, accounts };
  }
}
