import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, SEED_NOTICE, type PackageState } from '@zipin/shared';
import type { RequestUser } from '../common/request-context.js';
import { TransactionService } from '../database/transaction.service.js';
import { toRequestUser } from '../modules/auth/auth.service.js';
import { CampaignEntity } from '../modules/campaign/campaign.entity.js';
import { CampaignService } from '../modules/campaign/campaign.service.js';
import { PublicationService } from '../modules/publication/publication.service.js';
import { seedPublicationDemo } from '../modules/publication/publication-demo.js';
import { BureauEntity } from '../modules/org/bureau.entity.js';
import { OrgService } from '../modules/org/org.service.js';
import { UnitEntity } from '../modules/org/unit.entity.js';
import { UserEntity } from '../modules/org/user.entity.js';
import { PackageEntity } from '../modules/package/package.entity.js';
import { PackageService, campaignContext } from '../modules/package/package.service.js';
import { WorkflowActionsService } from '../modules/workflow/workflow-actions.service.js';
import {
  DEMO_BUREAU,
  DEMO_BUREAU_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_SCHOOL_REVIEWER,
  DEMO_SUPERVISOR_ACCOUNTS,
  DEMO_UNITS,
  demoUnitAccounts,
  type DemoAccount,
} from './demo-accounts.js';
import { DEMO_PROJECTS, explainWarnings, repairSeed, variantDocument } from './demo-documents.js';

/**
 * Deadlines are relative to the first start, so a live demo always has a campaign in progress:
 * submission in 10 days, publication in 30 (the real notice said 2025-05-31 18:00 and
 * 2025-06-30 09:00 Asia/Shanghai, which would make every demo package overdue).
 */
export const DEMO_SUBMISSION_IN_DAYS = 10;
export const DEMO_PUBLICATION_IN_DAYS = 30;

/** Where each demo unit's package is left. gsl carries the real seed, problems and all. */
export type DemoStage = 'SEED_DRAFT' | 'EMPTY' | 'PARTIAL' | PackageState | 'RETURNED_BY_HEAD';

export const DEMO_PLAN: { unitKey: string; stage: DemoStage; factor: number; staffing: { authorized: number; actual: number } }[] = [
  { unitKey: 'gsl', stage: 'SEED_DRAFT', factor: 1, staffing: { authorized: 5, actual: 7 } },
  { unitKey: 'jyj', stage: 'SUBMITTED', factor: 6.2, staffing: { authorized: 38, actual: 36 } },
  { unitKey: 'wjj', stage: 'IN_REVIEW', factor: 4.1, staffing: { authorized: 26, actual: 25 } },
  { unitKey: 'nyj', stage: 'RETURNED', factor: 3.3, staffing: { authorized: 22, actual: 22 } },
  { unitKey: 'zjj', stage: 'APPROVED', factor: 3.8, staffing: { authorized: 24, actual: 23 } },
  { unitKey: 'mzj', stage: 'AWAITING_SIGNOFF', factor: 2.4, staffing: { authorized: 15, actual: 14 } },
  { unitKey: 'wlj', stage: 'PARTIAL', factor: 2.1, staffing: { authorized: 14, actual: 13 } },
  // Approved here; the publication demo then publishes sfj at start and schedules tjj.
  { unitKey: 'sfj', stage: 'APPROVED', factor: 1.9, staffing: { authorized: 12, actual: 12 } },
  { unitKey: 'tjj', stage: 'APPROVED', factor: 0.9, staffing: { authorized: 6, actual: 6 } },
  { unitKey: 'slj', stage: 'RETURNED_BY_HEAD', factor: 2.7, staffing: { authorized: 18, actual: 17 } },
  { unitKey: 'fl', stage: 'EMPTY', factor: 0.6, staffing: { authorized: 4, actual: 4 } },
  { unitKey: 'daj', stage: 'EMPTY', factor: 0.7, staffing: { authorized: 5, actual: 5 } },
  // Under 教育局: one waits for its 主管部门, one for its head's sign-off.
  { unitKey: 'yz', stage: 'SUBMITTED_TO_SUPERVISOR', factor: 3.1, staffing: { authorized: 96, actual: 94 } },
  { unitKey: 'xx', stage: 'AWAITING_SIGNOFF', factor: 1.6, staffing: { authorized: 41, actual: 41 } },
];

/**
 * Hook for the publication demo (SCHEDULED / PUBLISHED): after every package above has reached its
 * stage, each entry runs once with the APPROVED package of its unit. Empty until the publication
 * module provides the steps, e.g. { unitKey: 'sfj', stage: 'PUBLISHED' } and { unitKey: 'tjj', stage: 'SCHEDULED' }.
 */
const DAY_MS = 86_400_000;

/**
 * Fills an empty database with 渌口区财政局, its 2024 notice, a dozen units at every stage
 * of the workflow and an account for every role. Every step is idempotent and goes through
 * the real services, so a re-run (even after an interrupted one) never duplicates anything.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('Demo');
  constructor(
    private readonly transactions: TransactionService,
    private readonly org: OrgService,
    private readonly campaigns: CampaignService,
    private readonly packages: PackageService,
    private readonly workflow: WorkflowActionsService,
    private readonly dataSource: DataSource,
    private readonly publications: PublicationService,
    @InjectRepository(BureauEntity) private readonly bureaus: Repository<BureauEntity>,
  ) {}

  /** Whether the demo bureau (and with it the demo accounts and their published password) exists. */
  present(): Promise<boolean> {
    return this.bureaus.exists({ where: { code: DEMO_BUREAU.code } });
  }

  async seedIfEmpty(): Promise<{ created: boolean; accounts: DemoAccount[] }> {
    const accounts = [...DEMO_BUREAU_ACCOUNTS, ...DEMO_UNITS.flatMap((u) => demoUnitAccounts(u.key, u.name)), ...DEMO_SUPERVISOR_ACCOUNTS];
    const existed = await this.bureaus.exists({ where: { code: DEMO_BUREAU.code } });
    const bureau = await this.ensureOrganisation(accounts);
    const campaign = await this.ensureCampaign(bureau);
    const staged = await this.stagePackages(bureau, campaign);
    if (!existed) this.logger.log(`demo data created: ${DEMO_BUREAU.name}, ${DEMO_UNITS.length} units, ${accounts.length} accounts, ${staged} packages staged`);
    return { created: !existed, accounts };
  }

  private async ensureOrganisation(accounts: DemoAccount[]): Promise<BureauEntity> {
    return this.transactions.run(async (tx) => {
      const bureau =
        (await tx.manager.getRepository(BureauEntity).findOneBy({ code: DEMO_BUREAU.code })) ?? (await this.org.createBureau(tx, DEMO_BUREAU));
      const unitIds = new Map<string, string>();
      for (const u of DEMO_UNITS) {
        const unit =
          (await tx.manager.getRepository(UnitEntity).findOneBy({ bureauId: bureau.id, code: u.code })) ??
          (await this.org.createUnit(tx, { bureauId: bureau.id, code: u.code, name: u.name, category: u.category }));
        unitIds.set(u.key, unit.id);
      }
      const userIds = new Map<string, string>();
      for (const a of accounts) {
        const existing = await tx.manager.getRepository(UserEntity).findOneBy({ username: a.username });
        const user =
          existing ??
          (await this.org.createUser(tx, {
            username: a.username,
            displayName: a.displayName,
            password: DEMO_PASSWORD,
            role: a.role,
            bureauId: bureau.id,
            unitId: a.unitKey ? unitIds.get(a.unitKey)! : null,
          }));
        userIds.set(a.username, user.id);
      }
      // The schools under 教育局, placed once (an admin may move them later) before their packages exist.
      for (const u of DEMO_UNITS.filter((d) => d.supervisorKey)) {
        const unit = await tx.manager.getRepository(UnitEntity).findOneByOrFail({ id: unitIds.get(u.key)! });
        if (unit.supervisorUnitId || (await tx.manager.getRepository(PackageEntity).exists({ where: { unitId: unit.id } }))) continue;
        await tx.manager
          .getRepository(UnitEntity)
          .update({ id: unit.id }, { supervisorUnitId: unitIds.get(u.supervisorKey!)!, reviewerId: userIds.get(DEMO_SCHOOL_REVIEWER) ?? null });
      }
      return bureau;
    });
  }

  /** 渌财通（2025）4号, opened: one DRAFT per unit. */
  private async ensureCampaign(bureau: BureauEntity): Promise<CampaignEntity> {
    return this.transactions.run(async (tx) => {
      let campaign = await tx.manager.getRepository(CampaignEntity).findOneBy({ bureauId: bureau.id, fiscalYear: SEED_NOTICE.fiscalYear });
      campaign ??= await this.campaigns.create(tx, bureau.id, {
        fiscalYear: SEED_NOTICE.fiscalYear,
        title: SEED_NOTICE.title,
        documentNumber: SEED_NOTICE.code,
        template: LUKOU_2024_TEMPLATE,
        submissionDeadline: new Date(Date.now() + DEMO_SUBMISSION_IN_DAYS * DAY_MS),
        publicationDeadline: new Date(Date.now() + DEMO_PUBLICATION_IN_DAYS * DAY_MS),
        timezone: 'Asia/Shanghai',
        // Only the units placed under a 主管部门 (the schools under 教育局) take the stage.
        supervisorStage: true,
      });
      return (await this.campaigns.open(tx, bureau.id, campaign.id)).campaign;
    });
  }

  /** Brings each untouched demo package to its planned stage through the real services. */
  private async stagePackages(bureau: BureauEntity, campaign: CampaignEntity): Promise<number> {
    const users = await this.dataSource.getRepository(UserEntity).findBy({ bureauId: bureau.id });
    const as = (username: string): RequestUser => toRequestUser(users.find((u) => u.username === username)!, 'demo-seed');
    const reviewer = as('reviewer');
    let staged = 0;
    for (const plan of DEMO_PLAN) {
      const def = DEMO_UNITS.find((u) => u.key === plan.unitKey)!;
      const unit = await this.dataSource.getRepository(UnitEntity).findOneByOrFail({ bureauId: bureau.id, code: def.code });
      const pkg = await this.dataSource.getRepository(PackageEntity).findOneBy({ campaignId: campaign.id, unitId: unit.id });
      // Only a package nobody has touched is staged: re-runs and real users' work are left alone.
      if (!pkg || pkg.version !== 1 || pkg.state !== 'DRAFT' || plan.stage === 'EMPTY') continue;
      const filler = as(`${plan.unitKey}.filler`);
      const head = as(`${plan.unitKey}.head`);
      const context = campaignContext(campaign, unit);
      if (plan.stage === 'SEED_DRAFT') {
        await this.packages.save(filler, { packageId: pkg.id, baseVersion: pkg.version, document: SEED_2024_LUKOU_GSL });
        staged++;
        continue;
      }
      const full = explainWarnings(variantDocument(unit.name, plan.factor, campaign.template, plan.staffing, DEMO_PROJECTS[plan.unitKey]), campaign.template, context);
      if (plan.stage === 'PARTIAL') {
        const partial = structuredClone(full);
        partial.selfEvaluation.indicators = partial.selfEvaluation.indicators.map((r) => ({ ...r, actual: { value: null, unit: r.actual.unit }, score: null }));
        partial.report.chapters.problems = { text: '' };
        partial.report.chapters.improvements = { text: '' };
        partial.explanations = {};
        await this.packages.save(filler, { packageId: pkg.id, baseVersion: pkg.version, document: partial });
        staged++;
        continue;
      }
      let current = (await this.packages.save(filler, { packageId: pkg.id, baseVersion: pkg.version, document: full })).pkg;
      const step = async (fn: (v: number) => Promise<PackageEntity>) => {
        current = await fn(current.version);
      };
      await step((v) => this.workflow.act(filler, 'SUBMIT', pkg.id, v));
      if (plan.stage === 'RETURNED_BY_HEAD') {
        await step((v) =>
          this.workflow.return(head, pkg.id, v, '请补充年度目标完成的具体数据', [
            { path: 'selfEvaluation.goal.actual', body: '请写明全年服务对象人数和重点工作完成数量。' },
          ]),
        );
      } else if (plan.stage !== 'AWAITING_SIGNOFF') {
        await step((v) => this.workflow.sign(head, pkg.id, v, DEMO_PASSWORD, plan.stage === 'SUBMITTED_TO_SUPERVISOR' ? '同意报送' : null));
        if (plan.stage !== 'SUBMITTED' && plan.stage !== 'SUBMITTED_TO_SUPERVISOR') {
          await step((v) => this.workflow.act(reviewer, 'CLAIM', pkg.id, v));
          if (plan.stage === 'RETURNED') {
            await step((v) =>
              this.workflow.return(reviewer, pkg.id, v, '部分指标需要核实', [
                { path: 'selfEvaluation.indicators[ind-6].deviationReason', body: '偏差原因过于笼统，请结合本单位实际说明。' },
                { path: 'report.chapters.problems.text', body: '存在的问题请与自评表中未完成的指标对应。' },
              ]),
            );
          } else if (plan.stage === 'APPROVED') {
            await step((v) => this.workflow.act(reviewer, 'APPROVE', pkg.id, v));
          }
        }
      }
      staged++;
    }
    // Two approved units go on to publication through the real schedule and publish jobs:
    // 司法局 is published a few seconds after start, 统计局 stays scheduled for ten minutes.
    const approved = async (key: string) => {
      const def = DEMO_UNITS.find((u) => u.key === key)!;
      const unit = await this.dataSource.getRepository(UnitEntity).findOneByOrFail({ bureauId: bureau.id, code: def.code });
      return this.dataSource.getRepository(PackageEntity).findOneBy({ campaignId: campaign.id, unitId: unit.id, state: 'APPROVED' });
    };
    const [publishNow, publishLater] = [await approved('sfj'), await approved('tjj')];
    if (publishNow && publishLater) {
      await this.transactions.run((tx) =>
        seedPublicationDemo(this.publications, tx, {
          bureauId: bureau.id,
          actorUserId: as('admin').id,
          publishNowPackageId: publishNow.id,
          scheduleLaterPackageId: publishLater.id,
        }),
      );
      staged += 2;
    }
    return staged;
  }
}
