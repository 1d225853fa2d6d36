import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BUREAU_ROLES, ErrorCode, isEditable } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { ArtifactStorage } from '../../storage/artifact-storage.js';
import { assertCanRead } from '../package/package-access.js';
import { lockPackage } from '../package/package-lock.js';
import { PackageEntity } from '../package/package.entity.js';
import {
  MAX_PACKAGE_BYTES,
  MAX_TITLE_CHARS,
  cleanTitle,
  detectAllowedType,
  packageTotalExceeded,
  sanitizeFileName,
} from './attachment-file.js';
import { AttachmentEntity } from './attachment.entity.js';

export interface UploadInput {
  title?: string | null;
  indicatorId?: string | null;
  fileName?: string | null;
}

/** What the package PDF lists in its index of attachments (render module). */
export interface AttachmentIndexEntry {
  id: string;
  title: string;
  fileName: string;
  contentType: string;
  size: number;
  indicatorId: string | null;
}

export interface AttachmentFile {
  attachment: AttachmentEntity;
  bytes: Buffer;
}

const notFound = () => new DomainError(ErrorCode.NOT_FOUND, '附件不存在');

/**
 * Evidence files (佐证材料): uploaded by the unit's filler while the package is editable, read
 * by the unit and its bureau, published with the package only when marked public.
 */
@Injectable()
export class AttachmentService {
  private readonly logger = new Logger('AttachmentService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly storage: ArtifactStorage,
  ) {}

  /** The filler of the unit, while the package is editable. */
  private assertFillerMayEdit(user: RequestUser, pkg: PackageEntity): void {
    assertCanRead(user, pkg);
    if (user.role !== 'FILLER') throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED, '只有本单位填表人可以上传或删除附件');
    if (!isEditable(pkg.state)) throw new DomainError(ErrorCode.NOT_EDITABLE, '材料当前状态下不能修改附件');
  }

  /** Checked before the request body is read, so nobody else can make the server read a file. */
  async assertCanUpload(user: RequestUser, packageId: string): Promise<void> {
    const pkg = await this.dataSource.getRepository(PackageEntity).findOneBy({ id: packageId });
    if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
    this.assertFillerMayEdit(user, pkg);
  }

  /**
   * Stores one file. Everything about the file is decided before anything is written; a refused
   * file leaves no row and no stored bytes.
   */
  async upload(user: RequestUser, packageId: string, input: UploadInput, bytes: Buffer): Promise<AttachmentEntity> {
    const fileName = sanitizeFileName(input.fileName ?? '');
    if (!fileName) throw new DomainError(ErrorCode.VALIDATION_FAILED, '缺少文件名（fileName）');
    const title = cleanTitle(input.title) || fileName.replace(/\.[^.]*$/, '');
    if (Array.from(title).length > MAX_TITLE_CHARS) throw new DomainError(ErrorCode.VALIDATION_FAILED, `附件标题不能超过${MAX_TITLE_CHARS}个字`);
    const indicatorId = input.indicatorId?.trim() || null;
    const type = await detectAllowedType(bytes, fileName);
    const id = newId();
    const storageKey = `attachments/${packageId}/${id}.${type.ext}`;
    let stored = false;
    try {
      return await this.transactions.run(async (tx) => {
        const pkg = await lockPackage(tx, packageId);
        this.assertFillerMayEdit(user, pkg);
        if (indicatorId && !pkg.document.selfEvaluation.indicators.some((r) => r.id === indicatorId)) {
          throw new DomainError(ErrorCode.VALIDATION_FAILED, '所选绩效指标不存在（可能已被删除）', { indicatorId });
        }
        const used = await this.usedBytes(tx, packageId);
        if (used + bytes.length > MAX_PACKAGE_BYTES) throw packageTotalExceeded(used, bytes.length);
        const row = tx.manager.getRepository(AttachmentEntity).create({
          id,
          packageId,
          bureauId: pkg.bureauId,
          unitId: pkg.unitId,
          indicatorId,
          title,
          fileName,
          contentType: type.mime,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storageKey,
          isPublic: false,
          uploadedById: user.id,
          createdAt: new Date(),
        });
        await tx.manager.getRepository(AttachmentEntity).insert(row);
        // Written inside the transaction: if storing fails, the row is rolled back with it.
        stored = true;
        await this.storage.put(storageKey, bytes, type.mime);
        return row;
      });
    } catch (err) {
      if (stored) await this.storage.delete(storageKey).catch((e) => this.logger.warn(`could not remove ${storageKey}: ${String(e)}`));
      throw err;
    }
  }

  private async usedBytes(tx: Tx, packageId: string): Promise<number> {
    const raw = await tx.manager
      .getRepository(AttachmentEntity)
      .createQueryBuilder('a')
      .select('COALESCE(SUM(a.size), 0)', 'total')
      .where('a.packageId = :packageId', { packageId })
      .getRawOne<{ total: string | number }>();
    return Number(raw?.total ?? 0);
  }

  /** A package's attachments for one of its readers, oldest first. */
  async list(user: RequestUser, packageId: string): Promise<AttachmentEntity[]> {
    const pkg = await this.dataSource.getRepository(PackageEntity).findOneBy({ id: packageId });
    if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
    assertCanRead(user, pkg);
    return this.dataSource.getRepository(AttachmentEntity).find({ where: { packageId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The index of attachments printed at the end of the package PDF (no access check: the
   * caller renders a package it may render). `publicOnly` for the published copy.
   */
  async listForPackage(packageId: string, options: { publicOnly: boolean }): Promise<AttachmentIndexEntry[]> {
    const rows = await this.dataSource.getRepository(AttachmentEntity).find({
      where: { packageId, ...(options.publicOnly ? { isPublic: true } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((a) => ({ id: a.id, title: a.title, fileName: a.fileName, contentType: a.contentType, size: a.size, indicatorId: a.indicatorId }));
  }

  /** The file for a reader of its package (the unit, its 主管部门 and its bureau). */
  async fileForUser(user: RequestUser, id: string): Promise<AttachmentFile> {
    const attachment = await this.dataSource.getRepository(AttachmentEntity).findOneBy({ id });
    if (!attachment) throw notFound();
    const pkg = await this.dataSource
      .getRepository(PackageEntity)
      .findOne({ where: { id: attachment.packageId }, select: { id: true, unitId: true, bureauId: true, supervisorUnitId: true } });
    assertCanRead(user, pkg ?? attachment);
    return { attachment, bytes: await this.bytesOf(attachment) };
  }

  /** The file for anyone: only a public attachment of a package that is published now. */
  async publicFile(id: string): Promise<AttachmentFile> {
    const attachment = await this.dataSource.getRepository(AttachmentEntity).findOneBy({ id });
    if (!attachment || !attachment.isPublic) throw notFound();
    const pkg = await this.dataSource.getRepository(PackageEntity).findOne({ where: { id: attachment.packageId }, select: { id: true, state: true } });
    // Unpublished, scheduled or retracted packages answer exactly like a missing file.
    if (!pkg || pkg.state !== 'PUBLISHED') throw notFound();
    return { attachment, bytes: await this.bytesOf(attachment) };
  }

  private async bytesOf(a: AttachmentEntity): Promise<Buffer> {
    const bytes = await this.storage.get(a.storageKey);
    if (!bytes) {
      this.logger.error(`attachment ${a.id}: stored file ${a.storageKey} is missing`);
      throw notFound();
    }
    return bytes;
  }

  /** The filler removes a file while the package is editable; the bytes go once the row is gone. */
  async delete(user: RequestUser, id: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const attachment = await tx.manager.getRepository(AttachmentEntity).findOneBy({ id });
      if (!attachment) throw notFound();
      const pkg = await lockPackage(tx, attachment.packageId);
      this.assertFillerMayEdit(user, pkg);
      await tx.manager.getRepository(AttachmentEntity).delete({ id });
      tx.afterCommit(() => this.storage.delete(attachment.storageKey));
      return true;
    });
  }

  /**
   * Whether the file is published with the package: the filler decides while the package is
   * editable, the bureau at any time, except that nothing new becomes public on a package that is
   * already published (the public may always be spared a file).
   */
  async setPublic(user: RequestUser, id: string, isPublic: boolean): Promise<AttachmentEntity> {
    return this.transactions.run(async (tx) => {
      const repo = tx.manager.getRepository(AttachmentEntity);
      const attachment = await repo.findOneBy({ id });
      if (!attachment) throw notFound();
      const pkg = await lockPackage(tx, attachment.packageId);
      assertCanRead(user, pkg);
      if (user.role === 'FILLER') {
        if (!isEditable(pkg.state)) throw new DomainError(ErrorCode.NOT_EDITABLE, '材料已报送，附件是否公开由财政局审核人决定');
      } else if (BUREAU_ROLES.includes(user.role)) {
        if (isPublic && pkg.state === 'PUBLISHED') throw new DomainError(ErrorCode.NOT_EDITABLE, '材料已公开，不能再增加公开附件');
      } else {
        throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED, '只有填表人或财政局审核人可以设置附件是否公开');
      }
      if (attachment.isPublic !== isPublic) await repo.update({ id }, { isPublic });
      return Object.assign(attachment, { isPublic });
    });
  }
}
