/**
 * Test data for the API suites (org, campaign, package, workflow): two bureaus, their units and
 * an account for every role, built through the services, and GraphQL helpers acting as them.
 */
import { LUKOU_2024_TEMPLATE, type PackageState, type Role } from '@zipin/shared';
import { TransactionService } from '../../src/database/transaction.service.js';
import { CampaignService } from '../../src/modules/campaign/campaign.service.js';
import { OrgService } from '../../src/modules/org/org.service.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import type { TestApp, GraphqlResult } from './test-app.js';

export const TEST_PASSWORD = 'Passw0rd-test';

export interface WorldUser {
  key: string;
  id: string;
  username: string;
  role: Role;
  unitId: string | null;
  bureauId: string;
  token: string;
}

export interface World {
  bureaus: { a: string; b: string };
  units: { a1: string; a2: string; b1: string };
  campaigns: { a: string; b: string };
  users: Record<string, WorldUser>;
  /** The package of each unit in its bureau's campaign. */
  packages: { a1: string; a2: string; b1: string };
}

const DAY = 86_400_000;

/** Unit accounts per unit key, bureau accounts per bureau key. */
const UNIT_ACCOUNTS: [string, Role][] = [
  ['filler', 'FILLER'],
  ['head', 'UNIT_HEAD'],
];
const BUREAU_ACCOUNTS: Record<'a' | 'b', [string, Role][]> = {
  a: [
    ['reviewer', 'REVIEWER'],
    ['reviewer2', 'REVIEWER'],
    ['admin', 'ADMIN'],
  ],
  b: [
    ['reviewer', 'REVIEWER'],
    ['admin', 'ADMIN'],
  ],
};

let seq = 0;

/**
 * Bureau A with units a1 and a2, bureau B with unit b1, a filler and a head per unit, reviewers
 * and an admin per bureau (A has two reviewers), and an opened 2024 campaign in each bureau.
 * `extraUnitsInA` adds units to bureau A (for list sizes), each with a package.
 */
export async function buildWorld(app: TestApp, options: { extraUnitsInA?: number; login?: boolean } = {}): Promise<World> {
  const org = app.get(OrgService);
  const campaigns = app.get(CampaignService);
  const transactions = app.get(TransactionService);
  const tag = `${process.pid.toString(36)}${(seq++).toString(36)}`;
  const plan = await transactions.run(async (tx) => {
    const a = await org.createBureau(tx, { code: `A${tag}`, name: '甲区财政局', region: '甲区' });
    const b = await org.createBureau(tx, { code: `B${tag}`, name: '乙县财政局', region: '乙县' });
    const a1 = await org.createUnit(tx, { bureauId: a.id, code: '001', name: '甲区工商业联合会', category: '群团组织' });
    const a2 = await org.createUnit(tx, { bureauId: a.id, code: '002', name: '甲区教育局', category: '行政单位' });
    const b1 = await org.createUnit(tx, { bureauId: b.id, code: '001', name: '乙县工商业联合会', category: '群团组织' });
    for (let i = 0; i < (options.extraUnitsInA ?? 0); i++) {
      await org.createUnit(tx, { bureauId: a.id, code: `9${String(i).padStart(3, '0')}`, name: `甲区第${i + 1}预算单位`, category: '事业单位' });
    }
    const users: Omit<WorldUser, 'token'>[] = [];
    const make = async (key: string, role: Role, bureauId: string, unitId: string | null) => {
      const username = `${key}.${tag}`;
      const u = await org.createUser(tx, { username, displayName: `${key}（测试）`, password: TEST_PASSWORD, role, bureauId, unitId });
      users.push({ key, id: u.id, username, role, unitId, bureauId });
    };
    for (const [unitKey, unit] of [['a1', a1], ['a2', a2], ['b1', b1]] as const) {
      for (const [k, role] of UNIT_ACCOUNTS) await make(`${unitKey}.${k}`, role, unit.bureauId, unit.id);
    }
    for (const [k, role] of BUREAU_ACCOUNTS.a) await make(`a.${k}`, role, a.id, null);
    for (const [k, role] of BUREAU_ACCOUNTS.b) await make(`b.${k}`, role, b.id, null);
    const fields = (fiscalYear: number) => ({
      fiscalYear,
      title: `关于开展${fiscalYear}年度绩效自评工作的通知`,
      documentNumber: `测财通（${fiscalYear + 1}）1号`,
      template: LUKOU_2024_TEMPLATE,
      submissionDeadline: new Date(Date.now() + 10 * DAY),
      publicationDeadline: new Date(Date.now() + 30 * DAY),
      timezone: 'Asia/Shanghai',
    });
    const ca = await campaigns.create(tx, a.id, fields(2024));
    const cb = await campaigns.create(tx, b.id, fields(2024));
    await campaigns.open(tx, a.id, ca.id);
    await campaigns.open(tx, b.id, cb.id);
    const pkgs = tx.manager.getRepository(PackageEntity);
    const pkgOf = async (unitId: string) => (await pkgs.findOneByOrFail({ unitId })).id;
    return {
      bureaus: { a: a.id, b: b.id },
      units: { a1: a1.id, a2: a2.id, b1: b1.id },
      campaigns: { a: ca.id, b: cb.id },
      users,
      packages: { a1: await pkgOf(a1.id), a2: await pkgOf(a2.id), b1: await pkgOf(b1.id) },
    };
  });
  const users: Record<string, WorldUser> = {};
  for (const u of plan.users) {
    users[u.key] = { ...u, token: options.login === false ? '' : await app.login(u.username, TEST_PASSWORD) };
  }
  return { ...plan, users };
}

/** Puts a package straight into a state (test set-up only; the API never does this). */
export async function forceState(
  app: TestApp,
  packageId: string,
  state: PackageState,
  extra: Partial<Pick<PackageEntity, 'claimedById' | 'document' | 'signatureId' | 'assigneeId' | 'supervisorAssigneeId' | 'concurredById'>> = {},
): Promise<PackageEntity> {
  return app.get(TransactionService).run(async ({ manager }) => {
    const repo = manager.getRepository(PackageEntity);
    await repo.update(
      { id: packageId },
      {
        state,
        claimedById: extra.claimedById ?? null,
        signatureId: extra.signatureId ?? null,
        assigneeId: extra.assigneeId ?? null,
        supervisorAssigneeId: extra.supervisorAssigneeId ?? null,
        concurredById: extra.concurredById ?? null,
        ...(extra.document ? { document: extra.document } : {}),
      },
    );
    return repo.findOneByOrFail({ id: packageId });
  });
}

export async function packageRow(app: TestApp, id: string): Promise<PackageEntity> {
  return app.dataSource.getRepository(PackageEntity).findOneByOrFail({ id });
}

export function errorCode(res: GraphqlResult): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export const PACKAGE_FIELDS = `
  id state version fiscalYear returnedRevisionId flags availableActions
  document
  unit { id name } campaign { id fiscalYear }
  summary { errorCount warningCount unexplainedWarningCount executionRate declaredTotal suggestedTotal grade canSubmit }
  checks { code severity paths messageZh key explained }
  claimedBy { id displayName role } lastEditedBy { id displayName }
  signature { id signerName signedAt documentHash pdfHash }
`;
