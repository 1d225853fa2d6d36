import { Clock } from '../../common/clock.js';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  EDITABLE_STATES,
  ErrorCode,
  carriedLockViolations,
  keepCarriedFrom,
  keepsCarriedAsSent,
  describePath,
  emptyPackageDocument,
  isEditable,
  parsePackageDocument,
  type CampaignContext,
  type CheckResult,
  type PackageDocument,
} from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { shareUnchanged } from '../../common/share-unchanged.js';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { rowCaches } from '../../database/row-cache.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { UnitEntity } from '../org/unit.entity.js';
import { SignatureEntity } from '../workflow/signature.entity.js';
import { assertCanRead } from './package-access.js';
import { evaluateAtVersion, evaluatePackage, summaryColumns, type PackageEvaluation } from './package-evaluation.js';
import { guardedUpdate, lockPackage, packageStatements } from './package-lock.js';
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
      supervisorAssigneeId: unit.supervisorUnitId ? (unit.supervisorReviewerId ?? null) : null,
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
    const pkg = await packageStatements(this.dataSource).byId.find(id);
    if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '材料不存在', en: 'The package does not exist' });
    assertCanRead(user, pkg);
    // The filler's next autosave starts from this version (see save).
    if (isEditable(pkg.state)) rowCaches(this.dataSource).packages.set(`${pkg.id}:${pkg.version}`, pkg);
    return pkg;
  }

  /**
   * Saves the filler's inputs. The document is validated whole (nothing is saved if any field is
   * wrong), refused against a stale version (never merged), and the summary columns are
   * recomputed here. A retried save with the same saveId returns the package it produced.
   *
   * The row at baseVersion usually comes from the row cache (the read or the save before this
   * one put it there): a version's row never changes, and the guarded UPDATE (id, version and
   * an editable state) is what decides, so a steady autosave sends the UPDATE and the save's
   * INSERT and nothing else. The saveId is looked up only when that UPDATE or INSERT fails.
   */
  async save(user: RequestUser, input: SaveInput): Promise<SaveOutcome> {
    const parsed = parsePackageDocument(input.document);
    if (!parsed.ok) {
      const first = parsed.issues[0]?.messageZh ?? '';
      const firstEn = parsed.issues[0]?.messageEn ?? '';
      throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: `填写内容有误（${parsed.issues.length}处）：${first}`, en: `${parsed.issues.length} entries are not valid: ${firstEn}` }, { issues: parsed.issues });
    }
    const saveId = input.saveId?.trim() || null;
    if (saveId && saveId.length > 64) throw new DomainError(ErrorCode.VALIDATION_FAILED, 'saveId 过长');
    const caches = rowCaches(this.dataSource);
    const key = `${input.packageId}:${input.baseVersion}`;
    const cached = caches.packages.get(key) as PackageEntity | undefined;
    let outcome: SaveOutcome | 'replay';
    try {
      outcome = await this.saveOnce(user, input, parsed.value, saveId, cached).catch((err) => {
        if (err !== STALE) throw err;
        // The row at baseVersion is not what the cache says (a write that kept the version, or
        // a newer save): read it, locked, and decide again from what the database holds.
        caches.packages.delete(key);
        return this.saveOnce(user, input, parsed.value, saveId, undefined);
      });
    } catch (err) {
      // Two requests with one saveId raced to the INSERT: the loser answers as a retry.
      if (!saveId || !isUniqueViolation(err)) throw err;
      outcome = await this.transactions.run(async (tx) => ((await this.earlierSave(tx, saveId, input.packageId, user.id)) ? 'replay' : Promise.reject(err)));
    }
    if (outcome === 'replay') {
      const pkg = await this.getReadable(user, input.packageId);
      const { campaign, unit } = await this.campaignAndUnit(null, pkg);
      return { pkg, evaluation: evaluateAtVersion(pkg, campaign.template, campaignContext(campaign, unit)), checksChanged: () => true, storedAsSent: false };
    }
    caches.packages.set(`${outcome.pkg.id}:${outcome.pkg.version}`, outcome.pkg);
    return outcome;
  }

  /** One attempt: from the cached row at baseVersion (rejects with STALE if it is not the row), or from the locked row. */
  private saveOnce(user: RequestUser, input: SaveInput, sent: PackageDocument, saveId: string | null, cached: PackageEntity | undefined): Promise<SaveOutcome | 'replay'> {
    return this.transactions.run(async (tx) => {
      const pkg = cached ?? (await lockPackage(tx, input.packageId));
      assertCanRead(user, pkg);
      if (user.role !== 'FILLER') throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED, { zh: '只有本单位填表人可以编辑材料', en: 'Only the unit’s filler may edit the package' });
      if (!cached && saveId && (await this.earlierSave(tx, saveId, pkg.id, user.id))) return 'replay';
      if (!isEditable(pkg.state)) throw new DomainError(ErrorCode.NOT_EDITABLE);
      if (pkg.version !== input.baseVersion) {
        throw new DomainError(ErrorCode.VERSION_CONFLICT, undefined, { currentVersion: pkg.version });
      }
      const { campaign, unit } = await this.campaignAndUnit(tx, pkg);
      const context = campaignContext(campaign, unit);
      // Last year's figures carried into the 上年 column are the record, not the filler's to retype;
      // only the reset action (CarryForwardService.resetPart) unlocks them.
      const locked = carriedLockViolations(pkg.document, sent);
      if (locked.length) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, `上年结转数据不能修改：${describePath(locked[0]!, sent, { context, formSetId: campaign.formSetId }).zh}`, { paths: locked });
      }
      // What the filler did not change stays the very objects of the version before: the figures
      // (package-evaluation.ts) are then reused by identity when only text changed.
      const document = shareUnchanged(pkg.document, keepCarriedFrom(pkg.document, sent));
      const evaluation = evaluateAtVersion({ id: pkg.id, version: pkg.version + 1, document }, campaign.template, context);
      const now = new Date();
      const changes: Partial<PackageEntity> = {
        document,
        ...summaryColumns(document, evaluation),
        lastEditedById: user.id,
        lastEditedAt: now,
        updatedAt: now,
      };
      if (pkg.signatureId) {
        // Editable states never carry a signature; if one slipped through, an edit voids it.
        await voidSignature(tx, pkg.signatureId, '签章后材料被修改');
        changes.signatureId = null;
      }
      let version: number;
      try {
        version = await guardedUpdate(tx, pkg, changes, EDITABLE_STATES);
      } catch (err) {
        if (cached && err instanceof DomainError && err.code === ErrorCode.VERSION_CONFLICT) throw STALE;
        throw err;
      }
      if (saveId) await packageStatements(this.dataSource).insertSave.run(tx.manager, Object.assign(new PackageSaveEntity(), { id: saveId, packageId: pkg.id, userId: user.id, version, createdAt: now }));
      const saved = Object.assign(new PackageEntity(), pkg, changes, { version });
      const checksChanged = () => !sameChecks(evaluateAtVersion(pkg, campaign.template, context).checks, evaluation.checks);
      return { pkg: saved, evaluation, checksChanged, storedAsSent: keepsCarriedAsSent(pkg.document, sent) };
    });
  }

  /** Whether this saveId already made a version of this package; refused if someone else's. */
  private async earlierSave(tx: Tx, saveId: string, packageId: string, userId: string): Promise<boolean> {
    const earlier = await tx.manager.getRepository(PackageSaveEntity).findOneBy({ id: saveId });
    if (!earlier) return false;
    if (earlier.packageId !== packageId || earlier.userId !== userId) throw new DomainError(ErrorCode.DUPLICATE, 'saveId 已被使用');
    return true;
  }

  /** The package's campaign and unit, from the row caches when they hold them. */
  private async campaignAndUnit(tx: Tx | null, pkg: PackageEntity): Promise<{ campaign: CampaignEntity; unit: UnitEntity | null }> {
    const caches = rowCaches(this.dataSource);
    const manager = tx?.manager ?? this.dataSource.manager;
    let campaign = caches.campaigns.get(pkg.campaignId) as CampaignEntity | undefined;
    if (!campaign) {
      campaign = await manager.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
      caches.campaigns.set(campaign.id, campaign);
    }
    let unit = (caches.units.get(pkg.unitId) as UnitEntity | undefined) ?? null;
    if (!unit) {
      unit = await manager.getRepository(UnitEntity).findOneBy({ id: pkg.unitId });
      if (unit) caches.units.set(unit.id, unit);
    }
    return { campaign, unit };
  }
}

/** What a save made: the package at its new version, its evaluation, and what changed. */
export interface SaveOutcome {
  pkg: PackageEntity;
  evaluation: PackageEvaluation;
  /** Whether the checks differ from those at the base version (asked only when an answer wants them). */
  checksChanged: () => boolean;
  /** The stored document is the one sent (keepCarriedFrom changed nothing). */
  storedAsSent: boolean;
}

/** The cached row was not the row at baseVersion: try again from the database. */
const STALE = Symbol('stale package cache');

/**
 * Whether two evaluations' checks are the same. Both lists come from runChecks, which builds each
 * kind of check the same way, so equal checks serialise alike; a difference in key order alone
 * would only send the checks again, never hide a change.
 */
function sameChecks(a: readonly CheckResult[], b: readonly CheckResult[]): boolean {
  return a === b || (a.length === b.length && JSON.stringify(a) === JSON.stringify(b));
}

/** A duplicate key (the saveId's primary key), as MySQL and SQLite report it. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
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
