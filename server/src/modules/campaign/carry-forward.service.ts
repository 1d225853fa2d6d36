import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import {
  BUREAU_ROLES,
  CARRIED_PART_LABELS,
  ErrorCode,
  compareTargets,
  carryForwardDocument,
  isEditable,
  parsePackageDocument,
  resetCarriedPart,
  type CarriedPart,
  type PackageDocument,
  type PackageState,
  type TargetComparisonRow,
} from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { assertCanRead } from '../package/package-access.js';
import { evaluatePackage, summaryColumns } from '../package/package-evaluation.js';
import { guardedUpdate, lockPackage } from '../package/package-lock.js';
import { PackageEntity } from '../package/package.entity.js';
import { campaignContext } from '../package/package.service.js';
import { CampaignEntity } from './campaign.entity.js';

/** States in which last year's package is final (approved by the bureau, maybe published). */
const FINAL_STATES: readonly PackageState[] = ['APPROVED', 'SCHEDULED', 'PUBLISHED'];

export interface PreviousPackage {
  pkg: PackageEntity;
  document: PackageDocument;
}

/**
 * The unit's package of the year before (same bureau, same unit, fiscal year − 1): its document
 * when it is valid, else none. There is one package per unit and campaign and one campaign per
 * bureau and year, so the newest match is the one; an approved one is preferred should there be more.
 */
export async function findPreviousPackage(manager: EntityManager, bureauId: string, unitId: string, fiscalYear: number): Promise<PreviousPackage | null> {
  const rows = await manager.getRepository(PackageEntity).find({
    where: { bureauId, unitId, fiscalYear: fiscalYear - 1 },
    order: { createdAt: 'DESC', id: 'DESC' },
  });
  const pkg = rows.find((p) => FINAL_STATES.includes(p.state)) ?? rows[0];
  if (!pkg) return null;
  const parsed = parsePackageDocument(pkg.document);
  return parsed.ok ? { pkg, document: parsed.value } : null;
}

/**
 * Fills a DRAFT that opening a campaign has just created from the unit's package of the year
 * before, in the same transaction; a unit with none keeps the template's blank document.
 * Returns whether anything was carried.
 */
export async function carryForwardIntoDraft(tx: Tx, campaign: CampaignEntity, unit: UnitEntity, draft: PackageEntity): Promise<boolean> {
  const previous = await findPreviousPackage(tx.manager, campaign.bureauId, unit.id, campaign.fiscalYear);
  if (!previous) return false;
  const context = campaignContext(campaign, unit);
  const document = carryForwardDocument(
    { packageId: previous.pkg.id, fiscalYear: previous.pkg.fiscalYear, state: previous.pkg.state, document: previous.document },
    campaign.template,
    context,
  );
  // The draft is brand new (version 1, nobody has seen it): its first document is replaced, not edited.
  const changes = { document, ...summaryColumns(document, evaluatePackage(document, campaign.template, context)) };
  await tx.manager.getRepository(PackageEntity).update({ id: draft.id }, changes as never);
  Object.assign(draft, changes);
  return true;
}

export interface TargetComparisonUnit {
  unit: UnitEntity;
  packageId: string;
  state: PackageState;
  previousPackageId: string | null;
  previousFiscalYear: number | null;
  rows: TargetComparisonRow[];
  flaggedCount: number;
}

/** Resetting carried parts, and the bureau's view of new targets against last year's results. */
@Injectable()
export class CarryForwardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
  ) {}

  /** The filler puts one carried part back to its blank form (DRAFT or RETURNED only). */
  async resetPart(user: RequestUser, packageId: string, expectedVersion: number, part: CarriedPart): Promise<PackageEntity> {
    return this.transactions.run(async (tx) => {
      const pkg = await lockPackage(tx, packageId);
      assertCanRead(user, pkg);
      if (user.role !== 'FILLER') throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED, '只有本单位填表人可以编辑材料');
      if (!isEditable(pkg.state)) throw new DomainError(ErrorCode.NOT_EDITABLE);
      if (pkg.version !== expectedVersion) throw new DomainError(ErrorCode.VERSION_CONFLICT, undefined, { currentVersion: pkg.version });
      if (!pkg.document.carriedFrom?.parts.includes(part)) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, `${CARRIED_PART_LABELS[part].zh}不是从上年结转的内容，无需重置`, { part });
      }
      const campaign = await tx.manager.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
      const unit = await tx.manager.getRepository(UnitEntity).findOneBy({ id: pkg.unitId });
      const context = campaignContext(campaign, unit);
      const document = resetCarriedPart(pkg.document, part, campaign.template, context);
      const now = new Date();
      const changes: Partial<PackageEntity> = {
        document,
        ...summaryColumns(document, evaluatePackage(document, campaign.template, context)),
        lastEditedById: user.id,
        lastEditedAt: now,
      };
      const version = await guardedUpdate(tx, pkg, changes);
      return Object.assign(pkg, changes, { version, updatedAt: now });
    });
  }

  /**
   * Per unit of the campaign, per indicator (matched by name and 二级指标): last year's actual,
   * this year's target, and a flag when the target is set below it (above it for a cost).
   */
  async targetComparison(user: RequestUser, campaignId: string): Promise<TargetComparisonUnit[]> {
    if (!BUREAU_ROLES.includes(user.role)) throw new DomainError(ErrorCode.FORBIDDEN);
    const campaign = await this.dataSource.getRepository(CampaignEntity).findOneBy({ id: campaignId });
    if (!campaign || campaign.bureauId !== user.bureauId) throw new DomainError(ErrorCode.NOT_FOUND, '通知不存在');
    const manager = this.dataSource.manager;
    const packages = await manager.getRepository(PackageEntity).find({ where: { campaignId }, order: { id: 'ASC' } });
    const units = new Map((await manager.getRepository(UnitEntity).findBy({ bureauId: campaign.bureauId })).map((u) => [u.id, u]));
    const previous = await manager.getRepository(PackageEntity).find({
      where: { bureauId: campaign.bureauId, fiscalYear: campaign.fiscalYear - 1 },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const previousByUnit = new Map<string, PackageEntity>();
    for (const p of previous) {
      const seen = previousByUnit.get(p.unitId);
      if (!seen || (!FINAL_STATES.includes(seen.state) && FINAL_STATES.includes(p.state))) previousByUnit.set(p.unitId, p);
    }
    const out: TargetComparisonUnit[] = [];
    for (const pkg of packages) {
      const unit = units.get(pkg.unitId);
      if (!unit) continue;
      const prev = previousByUnit.get(pkg.unitId) ?? null;
      const prevDoc = prev ? parsePackageDocument(prev.document) : null;
      const rows = compareTargets(pkg.document, prevDoc?.ok ? prevDoc.value : null);
      out.push({
        unit,
        packageId: pkg.id,
        state: pkg.state,
        previousPackageId: prev?.id ?? null,
        previousFiscalYear: prev?.fiscalYear ?? null,
        rows,
        flaggedCount: rows.filter((r) => r.flagged).length,
      });
    }
    return out.sort((a, b) => a.unit.code.localeCompare(b.unit.code) || a.unit.id.localeCompare(b.unit.id));
  }
}
