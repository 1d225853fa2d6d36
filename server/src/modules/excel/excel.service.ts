import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { BUREAU_ROLES, ErrorCode, diffDocuments, formSetOf, isEditable, type CampaignContext } from '@zipin/shared';
import { governmentLevelOf } from '../render/templates/render-model.js';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { BureauEntity } from '../org/bureau.entity.js';
import { UnitEntity } from '../org/unit.entity.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { CampaignService } from '../campaign/campaign.service.js';
import { PackageEntity } from '../package/package.entity.js';
import { PackageService, campaignContext } from '../package/package.service.js';
import { SignatureEntity } from '../workflow/signature.entity.js';
import { isOverdue } from '../dashboard/overdue.js';
import { buildPackageWorkbook } from './package-export.js';
import { FORMULA_POLICY, importPackageWorkbook, type IgnoredCell, type ImportedCell } from './package-import.js';
import { buildSummaryWorkbook } from './summary-export.js';
import { loadWorkbook } from './workbook-loader.js';
import { toBuffer } from './xlsx-style.js';

export interface ExcelFile {
  filename: string;
  buffer: Buffer;
}

export interface PackageImportReport {
  packageId: string;
  dryRun: boolean;
  saved: boolean;
  /** The package version after the import (unchanged on a dry run). */
  version: number;
  /** Fields whose value differs from the draft's. */
  changedFields: { path: string; before: unknown; after: unknown }[];
  imported: ImportedCell[];
  ignored: IgnoredCell[];
  keptFromDraft: string[];
  formulaPolicy: string;
}

function dateOn(d: Date | null, timeZone: string): string | null {
  if (!d) return null;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}.${get('month')}.${get('day')}`;
}

/** Excel in and out for the package forms and the bureau's campaign summary. */
@Injectable()
export class ExcelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly packages: PackageService,
    private readonly campaigns: CampaignService,
  ) {}

  /** The campaign words the forms print, as the PDF prints them (区级预算部门（单位）名称 …). */
  private async formContext(campaign: CampaignEntity, unit: UnitEntity | null): Promise<CampaignContext> {
    const bureau = await this.dataSource.getRepository(BureauEntity).findOneBy({ id: campaign.bureauId });
    return { ...campaignContext(campaign, unit), governmentLevel: governmentLevelOf(bureau?.region ?? '') };
  }

  /** The unit's 基础数据表 and 绩效自评表, for anyone who may read the package. */
  async exportPackage(user: RequestUser, packageId: string): Promise<ExcelFile> {
    const pkg = await this.packages.getReadable(user, packageId);
    const campaign = await this.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: pkg.unitId });
    const signature = pkg.signatureId ? await this.dataSource.getRepository(SignatureEntity).findOneBy({ id: pkg.signatureId, voidedAt: IsNull() }) : null;
    const wb = buildPackageWorkbook({
      document: pkg.document,
      template: campaign.template,
      context: await this.formContext(campaign, unit),
      formSet: formSetOf(campaign.formSetId),
      filledOn: dateOn(pkg.submittedAt ?? pkg.lastEditedAt, campaign.timezone),
      signerName: signature?.signerName ?? null,
    });
    return { filename: `${campaign.fiscalYear}年度${unit?.name ?? ''}绩效自评基础数据表及自评表.xlsx`, buffer: await toBuffer(wb) };
  }

  /**
   * Reads a filled template into the unit's draft through the normal save path (FILLER only,
   * DRAFT/RETURNED only, optimistic version, parsePackageDocument). A dry run reports and saves nothing.
   */
  async importPackage(user: RequestUser, packageId: string, body: Buffer, opts: { dryRun: boolean; baseVersion?: number | null }): Promise<PackageImportReport> {
    const pkg = await this.packages.getReadable(user, packageId);
    // Refuse early what the save would refuse anyway, so a dry run does not promise an import that cannot happen.
    if (user.role !== 'FILLER') throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED, '只有本单位填表人可以导入材料');
    if (!isEditable(pkg.state)) throw new DomainError(ErrorCode.NOT_EDITABLE);
    if (opts.baseVersion != null && opts.baseVersion !== pkg.version) throw new DomainError(ErrorCode.VERSION_CONFLICT, undefined, { currentVersion: pkg.version });
    const wb = await loadWorkbook(body);
    const campaign = await this.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
    const unit = await this.dataSource.getRepository(UnitEntity).findOneBy({ id: pkg.unitId });
    const result = importPackageWorkbook(wb, pkg.document, { template: campaign.template, context: await this.formContext(campaign, unit), formSet: formSetOf(campaign.formSetId) });
    const changedFields = diffDocuments(pkg.document, result.document).map((c) => ({ path: c.path, before: c.before, after: c.after }));
    const report = { packageId, changedFields, imported: result.imported, ignored: result.ignored, keptFromDraft: result.keptFromDraft, formulaPolicy: FORMULA_POLICY };
    if (opts.dryRun) return { ...report, dryRun: true, saved: false, version: pkg.version };
    const saved = await this.packages.save(user, { packageId, baseVersion: opts.baseVersion ?? pkg.version, document: result.document });
    return { ...report, dryRun: false, saved: true, version: saved.pkg.version };
  }

  /** One row per unit of the campaign, from the package rows' summary columns (no document is read). */
  async campaignSummary(user: RequestUser, campaignId: string, now = new Date()): Promise<ExcelFile> {
    if (!BUREAU_ROLES.includes(user.role)) throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED);
    const campaign = await this.campaigns.get(user.bureauId, campaignId);
    const bureau = await this.dataSource.getRepository(BureauEntity).findOneBy({ id: campaign.bureauId });
    const rows = await this.dataSource
      .getRepository(PackageEntity)
      .createQueryBuilder('p')
      .innerJoin(UnitEntity, 'u', 'u.id = p.unitId')
      .select(['p.id', 'p.state', 'p.submittedAt', 'p.approvedAt', 'p.publishedAt', 'p.executionRate', 'p.declaredTotal', 'p.suggestedTotal', 'p.grade', 'p.flags'])
      .addSelect(['u.code AS unitCode', 'u.name AS unitName'])
      .where('p.campaignId = :id', { id: campaign.id })
      .orderBy('u.code', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getRawAndEntities();
    const unitOf = new Map<string, { unitCode: string; unitName: string }>(rows.raw.map((r: Record<string, string>) => [r.p_id!, { unitCode: r.unitCode!, unitName: r.unitName! }]));
    const wb = buildSummaryWorkbook({
      title: `${campaign.fiscalYear}年度部门整体支出绩效自评汇总表`,
      subtitle: `${bureau?.name ?? ''}　${campaign.documentNumber}《${campaign.title}》　导出时间：${new Intl.DateTimeFormat('sv-SE', { timeZone: campaign.timezone, dateStyle: 'short', timeStyle: 'short' }).format(now)}`,
      timezone: campaign.timezone,
      rows: rows.entities.map((p) => ({
        unitCode: String(unitOf.get(p.id)?.unitCode ?? ''),
        unitName: String(unitOf.get(p.id)?.unitName ?? ''),
        state: p.state,
        submittedAt: p.submittedAt,
        approvedAt: p.approvedAt,
        publishedAt: p.publishedAt,
        executionRate: p.executionRate,
        declaredTotal: p.declaredTotal,
        suggestedTotal: p.suggestedTotal,
        grade: p.grade,
        flags: p.flags ? p.flags.split(',').filter(Boolean) : [],
        overdue: isOverdue(p.state, campaign.submissionDeadline, now),
      })),
    });
    return { filename: `${campaign.fiscalYear}年度绩效自评汇总表.xlsx`, buffer: await toBuffer(wb) };
  }
}
