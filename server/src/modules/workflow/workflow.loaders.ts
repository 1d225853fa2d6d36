import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { requestLoader, type RequestContext } from '../../common/request-context.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { CommentEntity } from './comment.entity.js';
import { OpinionEntity } from './opinion.entity.js';
import { SignatureEntity } from './signature.entity.js';

function grouped<T extends { packageId: string }>(rows: T[], ids: readonly string[]): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) groups.get(r.packageId)?.push(r);
  return ids.map((id) => groups.get(id) ?? []);
}

export function commentsLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, CommentEntity[]> {
  return requestLoader(ctx, 'workflow.comments', () =>
    new DataLoader<string, CommentEntity[]>(async (ids) =>
      grouped(await ds.getRepository(CommentEntity).find({ where: { packageId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } }), ids),
    ),
  );
}

export function auditLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, AuditEventEntity[]> {
  return requestLoader(ctx, 'workflow.audit', () =>
    new DataLoader<string, AuditEventEntity[]>(async (ids) =>
      grouped(await ds.getRepository(AuditEventEntity).find({ where: { packageId: In([...ids]) }, order: { id: 'ASC' } }), ids),
    ),
  );
}

export function signatureLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, SignatureEntity | null> {
  return requestLoader(ctx, 'workflow.signature', () =>
    new DataLoader<string, SignatureEntity | null>(async (ids) => {
      const rows = await ds.getRepository(SignatureEntity).findBy({ id: In([...ids]) });
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
  );
}

export function opinionsLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, OpinionEntity[]> {
  return requestLoader(ctx, 'workflow.opinions', () =>
    new DataLoader<string, OpinionEntity[]>(async (ids) =>
      grouped(await ds.getRepository(OpinionEntity).find({ where: { packageId: In([...ids]) }, order: { signedAt: 'ASC', id: 'ASC' } }), ids),
    ),
  );
}
