import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { requestLoader, type RequestContext } from '../../common/request-context.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

/** Units by id, batched per request (a list of 100 packages costs one query for their units). */
export function unitLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, UnitEntity | null> {
  return requestLoader(ctx, 'org.unit', () =>
    new DataLoader<string, UnitEntity | null>(async (ids) => byId(await ds.getRepository(UnitEntity).findBy({ id: In([...ids]) }), ids)),
  );
}

/** Users by id, batched per request (claimers, editors, authors, actors). */
export function userLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, UserEntity | null> {
  return requestLoader(ctx, 'org.user', () =>
    new DataLoader<string, UserEntity | null>(async (ids) => byId(await ds.getRepository(UserEntity).findBy({ id: In([...ids]) }), ids)),
  );
}

/** A user reference for display; null for the system or a deleted account. */
export async function loadUserRef(ctx: RequestContext, ds: DataSource, id: string | null | undefined) {
  if (!id) return null;
  const u = await userLoader(ctx, ds).load(id);
  return u ? { id: u.id, displayName: u.displayName, role: u.role } : null;
}
