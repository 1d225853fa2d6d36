import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCode, canonicalJson, describePath, diffDocuments, formatPath, parsePath, type PackageDocument } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import type { Tx } from '../../database/transaction.service.js';
import { assertCanRead } from './package-access.js';
import { PackageRevisionEntity, type RevisionKind } from './package-revision.entity.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { PackageEntity } from './package.entity.js';

/** SHA-256 (hex) of the canonical JSON of a document: what a signature covers. */
export function documentHash(doc: PackageDocument): string {
  return createHash('sha256').update(canonicalJson(doc), 'utf8').digest('hex');
}

export interface DiffEntry {
  path: string;
  before: unknown;
  after: unknown;
  kind: string;
  labelZh: string;
  labelEn: string;
}

/** Frozen copies of the documents at workflow steps, and the diffs between them. */
@Injectable()
export class PackageRevisionService {
  constructor(private readonly dataSource: DataSource) {}

  async snapshot(tx: Tx, pkg: PackageEntity, kind: RevisionKind, createdById: string | null, packageVersion: number): Promise<PackageRevisionEntity> {
    const repo = tx.manager.getRepository(PackageRevisionEntity);
    const last = await repo.findOne({ where: { packageId: pkg.id }, order: { seq: 'DESC' }, select: { id: true, seq: true } });
    const rev = repo.create({
      id: newId(),
      packageId: pkg.id,
      seq: (last?.seq ?? 0) + 1,
      packageVersion,
      kind,
      document: pkg.document,
      documentHash: documentHash(pkg.document),
      createdById,
      createdAt: new Date(),
    });
    await repo.insert(rev);
    return rev;
  }

  /**
   * Field-level changes between a revision and another (or the current document), labelled in
   * Chinese and English. Only readers of the package may ask.
   */
  async diff(user: RequestUser, packageId: string, fromRevisionId: string, toRevisionId?: string | null): Promise<DiffEntry[]> {
    const pkg = await this.dataSource.getRepository(PackageEntity).findOneBy({ id: packageId });
    if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '材料不存在', en: 'The package does not exist' });
    assertCanRead(user, pkg);
    const revisions = this.dataSource.getRepository(PackageRevisionEntity);
    const from = await revisions.findOneBy({ id: fromRevisionId, packageId });
    if (!from) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '版本不存在', en: 'The version does not exist' });
    let to: PackageDocument = pkg.document;
    if (toRevisionId) {
      const rev = await revisions.findOneBy({ id: toRevisionId, packageId });
      if (!rev) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '版本不存在', en: 'The version does not exist' });
      to = rev.document;
    }
    const campaign = await this.dataSource.getRepository(CampaignEntity).findOneBy({ id: pkg.campaignId });
    const labels = { context: { fiscalYear: pkg.fiscalYear }, formSetId: campaign?.formSetId ?? null };
    return diffDocuments(from.document, to).map((c) => {
      const label = describePath(c.path, (c.after === undefined ? from.document : to) as PackageDocument, labels);
      return { path: c.path, before: c.before ?? null, after: c.after ?? null, kind: c.kind, labelZh: label.zh, labelEn: label.en };
    });
  }
}

const ROOTS = new Set(['basicData', 'selfEvaluation', 'report', 'explanations', 'projectEvaluations']);

/**
 * A comment's anchor must be a well-formed path of the documents (shared path syntax), or ""
 * for a remark on the package as a whole.
 */
export function assertValidPath(path: string): void {
  if (path === '') return;
  const segments = parsePath(path);
  const ok =
    path.length <= 300 &&
    segments.length > 0 &&
    ROOTS.has(segments[0]!.key) &&
    segments.every((s) => s.key !== '' && (s.item === undefined || /^#?[A-Za-z0-9_-]{1,40}$/.test(s.item))) &&
    (segments[0]!.key === 'explanations' || formatPath(segments) === path);
  if (!ok) throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: `字段路径「${path.slice(0, 60)}」无效`, en: `No such field: “${path.slice(0, 60)}”` });
}
