import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { GRADES, PACKAGE_STATES, type PackageState } from '@zipin/shared';
import { UnitEntity } from '../org/unit.entity.js';
import { gradeFromColumn } from '../package/package-evaluation.js';
import { PackageEntity } from '../package/package.entity.js';
import { CampaignService } from './campaign.service.js';
import type { CampaignProgressModel } from './models/campaign-progress.model.js';

const NOT_YET_SUBMITTED: PackageState[] = ['DRAFT', 'AWAITING_SIGNOFF', 'RETURNED'];
const BUCKETS: { bucket: string; min: number; max: number }[] = [
  { bucket: '<60', min: -Infinity, max: 60 },
  { bucket: '60-70', min: 60, max: 70 },
  { bucket: '70-80', min: 70, max: 80 },
  { bucket: '80-90', min: 80, max: 90 },
  { bucket: '90-100', min: 90, max: Infinity },
];

/** The dashboard figures of one campaign, from the summary columns (no document is parsed). */
@Injectable()
export class CampaignProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignService,
  ) {}

  async progress(bureauId: string, campaignId: string, now = new Date()): Promise<CampaignProgressModel> {
    const campaign = await this.campaigns.get(bureauId, campaignId);
    const rows = await this.dataSource.getRepository(PackageEntity).find({
      where: { campaignId },
      select: { id: true, unitId: true, state: true, grade: true, declaredTotal: true, flags: true },
    });
    const units = rows.length ? await this.dataSource.getRepository(UnitEntity).findBy({ id: In(rows.map((r) => r.unitId)) }) : [];
    const unitOf = new Map(units.map((u) => [u.id, u]));
    const overdue = campaign.submissionDeadline < now;
    return {
      byState: PACKAGE_STATES.map((state) => ({ state, count: rows.filter((r) => r.state === state).length })),
      overdueUnits: overdue
        ? rows
            .filter((r) => NOT_YET_SUBMITTED.includes(r.state))
            .map((r) => unitOf.get(r.unitId)!)
            .filter(Boolean)
            .sort((a, b) => a.code.localeCompare(b.code))
        : [],
      gradeDistribution: GRADES.map((grade) => ({ grade, count: rows.filter((r) => gradeFromColumn(r.grade) === grade).length })),
      scoreHistogram: BUCKETS.map((b) => ({
        bucket: b.bucket,
        count: rows.filter((r) => r.declaredTotal != null && Number(r.declaredTotal) >= b.min && Number(r.declaredTotal) < b.max).length,
      })),
      warnings: rows
        .filter((r) => r.flags)
        .map((r) => ({ packageId: r.id, unitName: unitOf.get(r.unitId)?.name ?? '', flags: r.flags.split(',').filter(Boolean) }))
        .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh')),
    };
  }
}
