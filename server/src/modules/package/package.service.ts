import { Clock } from '../../common/clock.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ErrorCode,
  carriedLockViolations,
  keepCarriedFrom,
  describePath,
  emptyPackageDocument,
  isEditable,
  parsePackageDocument,
  type CampaignContext,
} from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { UnitEntity } from '../org/unit.entity.js';
import { SignatureEntity } from '../workflow/signature.entity.js';
import { assertCanRead } from './package-access.js';
import { evaluatePackage, summaryColumns, type PackageEvaluation } from './package-evaluation.js';
import { guardedUpdate, lockPackage } from './package-lock.js';
import { PackageSaveEntity } from './package-save.entity.js';
import { PackageEntity } from './package.entity.js';

export interface SaveInput {
  packageId: string;
  baseVersion: number;
  document: unknown;
  saveId?: string | null;
}

export function campaignContext(campaign: Pick<CampaignEntity, 'fiscalYear'>, unit?: Pick<UnitEntity, 'name'> | null): CampaignContext {
  return { fiscalYear: campaign.fiscalYear, ...(unit ? { unitName: unit.name } : {}) };
}

/** The packages: creation when a campaign opens, reading within scope, and saving drafts. */
@Injectable()
export class PackageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly clock: Clock,
  ) {}

  /** Creates the unit's DRAFT for the campaign unless it has one (opening a campaign twice is harmless). */
  async createDraft(tx: Tx, campaign: CampaignEntity, unit: UnitEntity): Promise<PackageEntity | null> {
    const repo = tx.manager.getRepository(PackageEntity);
    if (await repo.exists({ where: { campaignId: campaign.id, unitId: unit.id } })) return null;
    const context = campaignContext(campaign, unit);
    const document = emptyPackageDocument(campaign.template, context);
    const evaluation = evaluatePackage(document, campaign.template, context);
    const pkg = repo.create({
      id: newId(),
      campaignId: campaign.id,
      unitId: unit.id,
      bureauId: campaign.bureauId,
      fiscalYear: campaign.fiscalYear,
      state: 'DRAFT',
      version: 1,
      document,
      ...summaryColumns(document, evaluation),
      claimedById: null,
      supervisorUnitId: unit.supervisorUnitId ?? null,
      assigneeId: unit.reviewerId ?? null,
      supervisorAssigneeId: null,
      concurredById: null,
      lastEditedById: null,
      lastEditedAt: null,
      submittedAt: null,
      signatureId: null,
      approvedAt: null,
      publishAt: null,
      publishedAt: null,
      publicationId: null,
      returnedRevisionId: null,
    });
    await repo.insert(pkg);
    return pkg;
  }

  async getReadable(user: RequestUser, id: string): Promise<PackageEntity> {
    const pkg = await this.dataSource.getRepository(PackageEntity).findOneBy({ id });
    if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
    assertCanRead(user, pkg);
    return pkg;
  }

  /**
   * Saves the filler's inputs. The document is validated whole (nothing is saved if any field is
   * wrong), refused against a stale version (never merged), and the summary columns are
   * recomputed here. A retried save with the same saveId returns the package it produced.
   */
  async save(user: RequestUser, input: SaveInput): Promise<PackageEntity> {
    const parsed = parsePackageDocument(input.document);
    if (!parsed.ok) {
      const first = parsed.issues[0]?.messageZh ?? '';
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `填写内容有误（${parsed.issues.length}处）：${first}`, { issues: parsed.issues });
    }
    const saveId = input.saveId?.trim() || null;
    if (saveId && saveId.length > 64) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'saveId 过长');
    return this.transactions.run(async (tx) => {
      const pkg = await lockPackage(tx, input.packageId);
      assertCanRead(user, pkg);
      if (user.role !== 'FILLER') throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED, '只有本单位填表人可以编辑材料');
      if (saveId) {
        const earlier = await tx.manager.getRepository(PackageSaveEntity).findOneBy({ id: saveId });
        if (earlier) {
          if (earlier.packageId !== pkg.id || earlier.userId !== user.id) throw new DomainError(ErrorCode.DUPLICATE, 'saveId 已被使用');
          return pkg;
        }
      }
      if (!isEditable(pkg.state)) throw new DomainError(ErrorCode.NOT_EDITABLE);
      if (pkg.version !== input.baseVersion) {
        throw new DomainError(ErrorCode.VERSION_CONFLICT, undefined, { currentVersion: pkg.version });
      }
      const campaign = await tx.manager.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
      const unit = await tx.manager.getRepository(UnitEntity).findOneBy({ id: pkg.unitId });
      // Last year's figures carried into the 上年 column are the record, not the filler's to retype;
      // only the reset action (CarryForwardService.resetPart) unlocks them.
      const locked = carriedLockViolations(pkg.document, parsed.value);
      if (locked.length) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, `上年结转数据不能修改：${describePath(locked[0]!, parsed.value, { context: campaignContext(campaign, unit), formSetId: campaign.formSetId }).zh}`, { paths: locked });
      }
      const document = keepCarriedFrom(pkg.document, parsed.value);
      const evaluation: PackageEvaluation = evaluatePackage(document, campaign.template, campaignContext(campaign, unit));
      const now = new Date();
      const changes: Partial<PackageEntity> = {
        document,
        ...summaryColumns(document, evaluation),
        lastEditedById: user.id,
        lastEditedAt: now,
      };
      if (pkg.signatureId) {
        // Editable states never carry a signature; if one slipped through, an edit voids it.
        await voidSignature(tx, pkg.signatureId, '签章后材料被修改');
        changes.signatureId = null;
      }
      const version = await guardedUpdate(tx, pkg, changes);
      if (saveId) {
        await tx.manager.getRepository(PackageSaveEntity).insert({ id: saveId, packageId: pkg.id, userId: user.id, version, createdAt: now });
      }
      return Object.assign(pkg, changes, { version, updatedAt: now });
    });
  }
}

/** Marks a signature void: what it covered is no longer what the package says. */
export async function voidSignature(tx: Tx, signatureId: string, reason: string): Promise<void> {
  await tx.manager
    .createQueryBuilder()
    .update(SignatureEntity)
    .set({ voidedAt: new Date(), voidReason: reason })
    .where('id = :id AND voidedAt IS NULL', { id: signatureId })
    .execute();
}
