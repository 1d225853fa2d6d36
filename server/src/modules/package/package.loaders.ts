import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { requestLoader, type RequestContext } from '../../common/request-context.js';
import { PackageRevisionEntity } from './package-revision.entity.js';

/** Revisions of many packages in one query, oldest first. */
export function revisionsLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, PackageRevisionEntity[]> {
  return requestLoader(ctx, 'package.revisions', () =>
    new DataLoader<string, PackageRevisionEntity[]>(async (ids) => {
      // Without the documents: the list shows and hashes them, the diff reads one when asked.
      const rows = await ds.getRepository(PackageRevisionEntity).find({
        where: { packageId: In([...ids]) },
        order: { seq: 'ASC' },
        select: { id: true, packageId: true, seq: true, packageVersion: true, kind: true, documentHash: true, createdById: true, createdAt: true },
      });
      const groups = new Map<string, PackageRevisionEntity[]>(ids.map((id) => [id, []]));
      for (const r of rows) groups.get(r.packageId)?.push(r);
      return ids.map((id) => groups.get(id) ?? []);
    }),
  );
}
