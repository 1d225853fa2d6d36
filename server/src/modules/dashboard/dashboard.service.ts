import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BUREAU_WARNING_CODES, GRADES, PACKAGE_STATES, type PackageState } from '@zipin/shared';
import { CampaignService } from '../campaign/campaign.service.js';
import type { CampaignProgressModel } from './models/campaign-progress.model.js';
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
  flags: string[];
  overdue: boolean;
}

/**
 * The bureau's dashboard of one campaign, from the summary columns of the package rows with
 * GROUP BY queries: six queries whatever the number of packages, and no document is loaded.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignService,
  ) {}

  async campaignProgress(bureauId: string, campaignId: string, now = new Date()): Promise<CampaignProgressModel & { warnings: DashboardWarning[] }> {
    const campaign = await this.campaigns.get(bureauId, campaignId);
    const base = () => this.dataSource.getRepository(PackageEntity).createQueryBuilder('p').where('p.campaignId = :id', { id: campaign.id });
    const pastDeadline = campaign.submissionDeadline.getTime() < now.getTime();

    const bucketCase = `CASE ${SCORE_BUCKETS.map((_, i) => (i === 9 ? '' : `WHEN p.declaredTotal < ${(i + 1) * 10} THEN ${i} `)).join('')}ELSE 9 END`;
    const warningLike = DASHBOARD_WARNING_CODES.map((c, i) => `p.flags LIKE :w${i}`).join(' OR ');
    const warningParams = Object.fromEntries(DASHBOARD_WARNING_CODES.map((c, i) => [`w${i}`, `%${c}%`]));

    const [byState, byGrade, byBucket, overdue, warned] = await Promise.all([
      base().select('p.state', 'state').addSelect('COUNT(*)', 'n').groupBy('p.state').getRawMany<{ state: PackageState; n: string | number }>(),
      base().select('p.grade', 'grade').addSelect('COUNT(*)', 'n').andWhere('p.grade IS NOT NULL').groupBy('p.grade').getRawMany<{ grade: string; n: string | number }>(),
      base()
        .select(bucketCase, 'bucket')
        .addSelect('COUNT(*)', 'n')
        .andWhere('p.declaredTotal IS NOT NULL')
        .groupBy(bucketCase)
        .getRawMany<{ bucket: string | number; n: string | number }>(),
      pastDeadline
        ? this.dataSource
            .getRepository(UnitEntity)
            .createQueryBuilder('u')
            .innerJoin(PackageEntity, 'p', 'p.unitId = u.id')
            .where('p.campaignId = :id', { id: campaign.id })
            .andWhere('p.state IN (:...open)', { open: OVERDUE_STATES })
            .orderBy('u.code', 'ASC')
            .addOrderBy('u.id', 'ASC')
            .getMany()
        : Promise.resolve([] as UnitEntity[]),
      base()
        .innerJoin(UnitEntity, 'u', 'u.id = p.unitId')
        .select(['p.id AS packageId', 'p.flags AS flags', 'p.state AS state', 'u.name AS unitName', 'u.code AS unitCode'])
        .andWhere(`(${warningLike})`, warningParams)
        .orderBy('u.code', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .getRawMany<{ packageId: string; flags: string; state: PackageState; unitName: string }>(),
    ]);

    const count = (rows: { n: string | number }[], pick: (r: never) => boolean) => rows.filter(pick as never).reduce((s, r) => s + Number(r.n), 0);
    const shown = new Set<string>(DASHBOARD_WARNING_CODES);
    return {
      byState: PACKAGE_STATES.map((state) => ({ state, count: count(byState, (r: { state: string }) => r.state === state) })),
      overdueUnits: overdue,
      gradeDistribution: GRADES.map((grade) => ({ grade, count: count(byGrade, (r: { grade: string }) => gradeFromColumn(r.grade) === grade) })),
      scoreHistogram: SCORE_BUCKETS.map((bucket, i) => ({ bucket, count: count(byBucket, (r: { bucket: string | number }) => Number(r.bucket) === i) })),
      warnings: warned.map((r) => ({
        packageId: r.packageId,
        unitName: r.unitName,
        flags: r.flags.split(',').filter((f) => shown.has(f)),
        overdue: pastDeadline && OVERDUE_STATES.includes(r.state),
      })).filter((w) => w.flags.length > 0),
    };
  }
}
