import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { requestLoader, type RequestContext } from '../../common/request-context.js';
import { andThen, type MaybePromise } from '../../common/maybe-promise.js';
import { cachedById, cachedOrLoad, rowCaches } from '../../database/row-cache.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

/** Units by id, batched per request (a list of 100 packages costs one query for their units), cached while no unit changed. */
export function unitLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, UnitEntity | null> {
  return requestLoader(ctx, 'org.unit', () =>
    new DataLoader<string, UnitEntity | null>(cachedById(rowCaches(ds).units, (ids) => ds.getRepository(UnitEntity).findBy({ id: In(ids) }))),
  );
}

/** Users by id, batched per request (claimers, editors, authors, actors), cached while no user changed. */
export function userLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, UserEntity | null> {
  return requestLoader(ctx, 'org.user', () =>
    new DataLoader<string, UserEntity | null>(cachedById(rowCaches(ds).users, (ids) => ds.getRepository(UserEntity).findBy({ id: In(ids) }))),
  );
}

/** A unit now when this process holds it, else through the request's loader. */
export function unitById(ctx: RequestContext, ds: DataSource, id: string): MaybePromise<UnitEntity | null> {
  return cachedOrLoad(rowCaches(ds).units, unitLoader(ctx, ds), id);
}

/** A user reference for display; null for the system or a deleted account. Now when the user is cached. */
export function loadUserRef(ctx: RequestContext, ds: DataSource, id: string | null | undefined): MaybePromise<{ id: string; displayName: string; role: UserEntity['role'] } | null> {
  if (!id) return null;
  return andThen(cachedOrLoad(rowCaches(ds).users, userLoader(ctx, ds), id), (u) => (u ? { id: u.id, displayName: u.displayName, role: u.role } : null));
}
