import { Clock } from '../../common/clock.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APPROVED_STATES, BUREAU_WARNING_CODES, GRADES, HANDED_IN_STATES, PACKAGE_STATES, STAGE_STATES, WITH_UNIT_STATES, type PackageState } from '@zipin/shared';
import { CampaignService } from '../campaign/campaign.service.js';
import type { CampaignProgressModel, SupervisorProgressModel } from './models/campaign-progress.model.js';
import { UnitEntity } from '../org/unit.entity.js';
import { gradeFromColumn } from '../package/package-evaluation.js';
import { PackageEntity } from '../package/package.entity.js';
import { OVERDUE_STATES } from './overdue.js';

/** The warning codes the dashboard shows (the queue filters on the same codes in package.flags). */
export const DASHBOARD_WARNING_CODES = BUREAU_WARNING_CODES;

/** 10-point buckets of the declared total: "0-10" … "90-100" (100 falls in the last). */
export const SCORE_BUCKETS = Array.from({ length: 10 }, (_, i) => `${i * 10}-${i * 10 + 10}`);

export interface DashboardWarning {
  packageId: string;
  unitName: string;
  unitCode: string;
  state: PackageState;
  level: 'RED' | 'YELLOW';
  errorCount: number;
  warningCount: number;
  flags: string[];
  overdue: boolean;
}

export interface WarningPage {
  first?: number | null;
  offset?: number | null;
}

const MAX_WARNING_PAGE = 100;

/**
 * The bureau's dashboard of one campaign, from the summary columns of the package rows with
 * GROUP BY queries: a fixed number of queries whatever the number of packages, and no
 * document is loaded.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignService,
    private readonly clock: Clock,
  ) {}

  async campaignProgress(bureauId: string, campaignId: string, page: WarningPage = {}, now = this.clock.now()): Promise<CampaignProgressModel & { warnings: DashboardWarning[] }> {
    const campaign = await this.campaigns.get(bureauId, campaignId);
    const base = () => this.dataSource.getRepository(PackageEntity).createQueryBuilder('p').where('p.campaignId = :id', { id: campaign.id });
    const handedIn = () => base().andWhere('p.state IN (:...handed)', { handed: HANDED_IN_STATES });
    const pastDeadline = campaign.submissionDeadline.getTime() < now.getTime();
    const take = Math.min(Math.max(page.first ?? 20, 1), MAX_WARNING_PAGE);
    const skip = Math.max(page.offset ?? 0, 0);

    const bucketCase = `CASE ${SCORE_BUCKETS.map((_, i) => (i === 9 ? '' : `WHEN p.declaredTotal < ${(i + 1) * 10} THEN ${i} `)).join('')}ELSE 9 END`;
    const flagLike = DASHBOARD_WARNING_CODES.map((c, i) => `p.flags LIKE :w${i}`).join(' OR ');
    const warningParams = Object.fromEntries(DASHBOARD_WARNING_CODES.map((c, i) => [`w${i}`, `%${c}%`]));
    // 红: errors still open; 黄: no error, but warnings nobody explained or flags the bureau watches.
    const warned = `(p.errorCount > 0 OR p.unexplainedWarningCount > 0 OR ${flagLike})`;
    const warnedRows = () => base().innerJoin(UnitEntity, 'u', 'u.id = p.unitId').andWhere(warned, warningParams);

    const [byState, byGrade, byBucket, average, overdue, warningCounts, warnedPage, bySupervisorState] = await Promise.all([
      base().select('p.state', 'state').addSelect('COUNT(*)', 'n').groupBy('p.state').getRawMany<{ state: PackageState; n: string | number }>(),
      handedIn().select('p.grade', 'grade').addSelect('COUNT(*)', 'n').andWhere('p.grade IS NOT NULL').groupBy('p.grade').getRawMany<{ grade: string; n: string | number }>(),
      handedIn()
        .select(bucketCase, 'bucket')
        .addSelect('COUNT(*)', 'n')
        .andWhere('p.declaredTotal IS NOT NULL')
        .groupBy(bucketCase)
        .getRawMany<{ bucket: string | number; n: string | number }>(),
      handedIn().select('AVG(p.declaredTotal)', 'avg').andWhere('p.declaredTotal IS NOT NULL').getRawOne<{ avg: string | number | null }>(),
      pastDeadline
        ? this.dataSource
            .getRepository(UnitEntity)
            .createQueryBuilder('u')
            .innerJoin(PackageEntity, 'p', 'p.unitId = u.id')
            .select(['u.id AS unitId', 'u.code AS unitCode', 'u.name AS unitName', 'u.category AS category', 'u.active AS active', 'p.id AS packageId', 'p.state AS state'])
            .where('p.campaignId = :id', { id: campaign.id })
            .andWhere('p.state IN (:...open)', { open: OVERDUE_STATES })
            .orderBy('u.code', 'ASC')
            .addOrderBy('u.id', 'ASC')
            .getRawMany<{ unitId: string; unitCode: string; unitName: string; category: string; active: number | boolean; packageId: string; state: PackageState }>()
        : Promise.resolve([]),
      warnedRows()
        .select('COUNT(*)', 'total')
        .addSelect('SUM(CASE WHEN p.errorCount > 0 THEN 1 ELSE 0 END)', 'red')
        .getRawOne<{ total: string | number; red: string | number | null }>(),
      warnedRows()
        .select(['p.id AS packageId', 'p.flags AS flags', 'p.state AS state', 'p.errorCount AS errorCount', 'p.unexplainedWarningCount AS warningCount', 'u.name AS unitName', 'u.code AS unitCode'])
        .orderBy('CASE WHEN p.errorCount > 0 THEN 0 ELSE 1 END', 'ASC')
        .addOrderBy('u.code', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(take)
        .offset(skip)
        .getRawMany<{ packageId: string; flags: string; state: PackageState; errorCount: string | number; warningCount: string | number; unitName: string; unitCode: string }>(),
      // The route is the package's own: the 主管部门 it was given when it left (or will leave) its unit.
      base()
        .leftJoin(UnitEntity, 's', 's.id = p.supervisorUnitId')
        .select('p.supervisorUnitId', 'sid')
        .addSelect('s.code', 'scode')
        .addSelect('s.name', 'sname')
        .addSelect('p.state', 'state')
        .addSelect('COUNT(*)', 'n')
        .groupBy('p.supervisorUnitId')
        .addGroupBy('s.code')
        .addGroupBy('s.name')
        .addGroupBy('p.state')
        .getRawMany<{ sid: string | null; scode: string | null; sname: string | null; state: PackageState; n: string | number }>(),
    ]);

    const count = (rows: { n: string | number }[], pick: (r: never) => boolean) => rows.filter(pick as never).reduce((s, r) => s + Number(r.n), 0);
    const states = PACKAGE_STATES.map((state) => ({ state, count: count(byState, (r: { state: string }) => r.state === state) }));
    const inStates = (list: readonly PackageState[]) => states.filter((s) => list.includes(s.state)).reduce((n, s) => n + s.count, 0);
    const shown = new Set<string>(DASHBOARD_WARNING_CODES);
    const total = Number(warningCounts?.total ?? 0);
    const red = Number(warningCounts?.red ?? 0);
    const avg = average?.avg === null || average?.avg === undefined ? null : Number(average.avg);
    return {
      headline: {
        units: states.reduce((n, s) => n + s.count, 0),
        handedIn: inStates(HANDED_IN_STATES),
        overdue: overdue.length,
        approved: inStates(APPROVED_STATES),
        published: inStates(['PUBLISHED']),
        averageScore: avg === null || Number.isNaN(avg) ? null : avg.toFixed(2),
        withErrors: red,
        withWarnings: total - red,
      },
      byState: states,
      overdueUnits: overdue.map((u) => ({ id: u.unitId, code: u.unitCode, name: u.unitName, category: u.category, active: !!Number(u.active) })),
      overdue: overdue.map((u) => ({ packageId: u.packageId, unitId: u.unitId, unitCode: u.unitCode, unitName: u.unitName, state: u.state })),
      gradeDistribution: GRADES.map((grade) => ({ grade, count: count(byGrade, (r: { grade: string }) => gradeFromColumn(r.grade) === grade) })),
      scoreHistogram: SCORE_BUCKETS.map((bucket, i) => ({ bucket, count: count(byBucket, (r: { bucket: string | number }) => Number(r.bucket) === i) })),
      warnings: warnedPage.map((r) => ({
        packageId: r.packageId,
        unitName: r.unitName,
        unitCode: r.unitCode,
        state: r.state,
        level: Number(r.errorCount) > 0 ? 'RED' : 'YELLOW',
        errorCount: Number(r.errorCount),
        warningCount: Number(r.warningCount),
        flags: (r.flags ?? '').split(',').filter((f) => shown.has(f)),
        overdue: pastDeadline && OVERDUE_STATES.includes(r.state),
      })),
      warningTotal: total,
      bySupervisor: supervisorRows(bySupervisorState, pastDeadline),
    };
  }
}

const AT_SUPERVISOR: readonly PackageState[] = [STAGE_STATES.SUPERVISOR.waiting, STAGE_STATES.SUPERVISOR.claimed];

/** One row per 主管部门 from the (主管部门, state) counts; the packages without one last. */
function supervisorRows(rows: { sid: string | null; scode: string | null; sname: string | null; state: PackageState; n: string | number }[], pastDeadline: boolean): SupervisorProgressModel[] {
  const byId = new Map<string | null, SupervisorProgressModel>();
  for (const r of rows) {
    const row = byId.get(r.sid) ?? { supervisorUnitId: r.sid, supervisorCode: r.scode, supervisorName: r.sname, units: 0, withUnit: 0, withSupervisor: 0, handedIn: 0, approved: 0, overdue: 0 };
    byId.set(r.sid, row);
    const n = Number(r.n);
    row.units += n;
    if (WITH_UNIT_STATES.includes(r.state)) row.withUnit += n;
    if (AT_SUPERVISOR.includes(r.state)) row.withSupervisor += n;
    if (HANDED_IN_STATES.includes(r.state)) row.handedIn += n;
    if (APPROVED_STATES.includes(r.state)) row.approved += n;
    if (pastDeadline && OVERDUE_STATES.includes(r.state)) row.overdue += n;
  }
  return [...byId.values()].sort((a, b) => (a.supervisorUnitId === null ? 1 : b.supervisorUnitId === null ? -1 : (a.supervisorCode ?? '').localeCompare(b.supervisorCode ?? '')));
}
