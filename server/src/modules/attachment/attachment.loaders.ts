import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { requestLoader, type RequestContext } from '../../common/request-context.js';
import { AttachmentEntity } from './attachment.entity.js';

/** Attachments of many packages in one query, oldest first. */
export function attachmentsLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, AttachmentEntity[]> {
  return requestLoader(ctx, 'attachment.byPackage', () =>
    new DataLoader<string, AttachmentEntity[]>(async (ids) => {
      const rows = await ds.getRepository(AttachmentEntity).find({ where: { packageId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
      const groups = new Map<string, AttachmentEntity[]>(ids.map((id) => [id, []]));
      for (const r of rows) groups.get(r.packageId)?.push(r);
      return ids.map((id) => groups.get(id) ?? []);
    }),
  );
}
