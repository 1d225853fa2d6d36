import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCode, UNIT_ROLES, describePath, type PackageDocument } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import { TransactionService, type Tx } from '../../database/transaction.service.js';
import { assertCanRead } from '../package/package-access.js';
import { assertValidPath } from '../package/package-revision.service.js';
import { PackageEntity } from '../package/package.entity.js';
import { CommentEntity } from './comment.entity.js';

export const COMMENT_MAX_CHARS = 2000;

export interface CommentView extends CommentEntity {
  pathLabelZh: string;
  replies: CommentView[];
}

export interface NewComment {
  path: string;
  body: string;
}

/** Checks a comment before any transaction starts (so nothing half-written can result). */
export function assertValidComment(c: NewComment): void {
  assertValidPath(c.path);
  const body = c.body?.trim() ?? '';
  if (!body) throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: '意见内容不能为空', en: 'The comment is empty' });
  if (body.length > COMMENT_MAX_CHARS) throw new DomainError(ErrorCode.VALIDATION_FAILED, { zh: `意见内容不能超过${COMMENT_MAX_CHARS}字`, en: `A comment may have at most ${COMMENT_MAX_CHARS} characters` });
}

/** Comments as threads: top-level remarks anchored to fields, each with its replies, oldest first. */
export function threads(rows: CommentEntity[], doc: PackageDocument | null, fiscalYear?: number): CommentView[] {
  // The field as the form labels it, in the package's year (2024年决算数).
  const context = fiscalYear !== undefined ? { context: { fiscalYear } } : {};
  const label = (path: string) => (path === '' ? '整份材料' : describePath(path, doc ?? undefined, context).zh);
  const views = new Map<string, CommentView>();
  for (const r of rows) views.set(r.id, { ...r, pathLabelZh: label(r.path), replies: [] });
  const roots: CommentView[] = [];
  for (const v of views.values()) {
    const parent = v.parentId ? views.get(v.parentId) : undefined;
    if (parent) parent.replies.push(v);
    else roots.push(v);
  }
  return roots;
}

/**
 * Review comments (审核意见) anchored to field paths. Visible to the package's unit and bureau
 * only; the unit answers them and marks them resolved.
 */
@Injectable()
export class CommentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
  ) {}

  async insert(tx: Tx, pkg: PackageEntity, author: RequestUser, c: NewComment, extra: { parentId?: string | null; auditEventId?: number | null } = {}): Promise<CommentEntity> {
    const row = tx.manager.getRepository(CommentEntity).create({
      id: newId(),
      packageId: pkg.id,
      parentId: extra.parentId ?? null,
      path: c.path,
      body: c.body.trim(),
      authorId: author.id,
      authorRole: author.role,
      auditEventId: extra.auditEventId ?? null,
      createdAt: new Date(),
      resolvedAt: null,
      resolvedById: null,
    });
    await tx.manager.getRepository(CommentEntity).insert(row);
    return row;
  }

  async add(user: RequestUser, packageId: string, c: NewComment): Promise<CommentView> {
    assertValidComment(c);
    const { row, doc, year } = await this.transactions.run(async (tx) => {
      const pkg = await this.readable(tx, user, packageId);
      return { row: await this.insert(tx, pkg, user, c), doc: pkg.document, year: pkg.fiscalYear };
    });
    return threads([row], doc, year)[0]!;
  }

  /** Replies join the thread of the comment they answer. */
  async reply(user: RequestUser, commentId: string, body: string): Promise<CommentView> {
    const { row, doc, year } = await this.transactions.run(async (tx) => {
      const parent = await this.comment(tx, commentId);
      const pkg = await this.readable(tx, user, parent.packageId);
      assertValidComment({ path: parent.path, body });
      const row = await this.insert(tx, pkg, user, { path: parent.path, body }, { parentId: parent.parentId ?? parent.id });
      return { row, doc: pkg.document, year: pkg.fiscalYear };
    });
    return threads([row], doc, year)[0]!;
  }

  /** The unit's members (who fix what was asked) or the comment's author may resolve it; once is enough. */
  async resolve(user: RequestUser, commentId: string): Promise<CommentView> {
    const { row, doc, year, replies } = await this.transactions.run(async (tx) => {
      const comment = await this.comment(tx, commentId);
      const pkg = await this.readable(tx, user, comment.packageId);
      const unitMember = UNIT_ROLES.includes(user.role) && user.unitId === pkg.unitId;
      if (!unitMember && comment.authorId !== user.id) throw new DomainError(ErrorCode.ROLE_NOT_ALLOWED, { zh: '只有本单位人员或意见提出人可以标记为已解决', en: 'Only the unit or the comment’s author may resolve it' });
      if (!comment.resolvedAt) {
        comment.resolvedAt = new Date();
        comment.resolvedById = user.id;
        await tx.manager.getRepository(CommentEntity).update({ id: comment.id }, { resolvedAt: comment.resolvedAt, resolvedById: user.id });
      }
      const replies = await tx.manager.getRepository(CommentEntity).find({ where: { parentId: comment.id }, order: { createdAt: 'ASC', id: 'ASC' } });
      return { row: comment, doc: pkg.document, year: pkg.fiscalYear, replies };
    });
    return threads([row, ...replies], doc, year)[0]!;
  }

  private async comment(tx: Tx, id: string): Promise<CommentEntity> {
    const c = await tx.manager.getRepository(CommentEntity).findOneBy({ id });
    if (!c) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '意见不存在', en: 'The comment does not exist' });
    return c;
  }

  private async readable(tx: Tx, user: RequestUser, packageId: string): Promise<PackageEntity> {
    const pkg = await tx.manager.getRepository(PackageEntity).findOneBy({ id: packageId });
    if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, { zh: '材料不存在', en: 'The package does not exist' });
    assertCanRead(user, pkg);
    return pkg;
  }
}
