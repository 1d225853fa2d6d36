import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { requestLoader, type RequestContext } from '../../common/request-context.js';
import type { MaybePromise } from '../../common/maybe-promise.js';
import { cachedById, cachedOrLoad, rowCaches } from '../../database/row-cache.js';
import { PackageEntity } from '../package/package.entity.js';
import { CampaignEntity } from './campaign.entity.js';

/** Campaigns by id, from the row cache while no campaign changed (the template is most of the row). */
export function campaignLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, CampaignEntity | null> {
  return requestLoader(ctx, 'campaign.byId', () =>
    new DataLoader<string, CampaignEntity | null>(cachedById(rowCaches(ds).campaigns, (ids) => ds.getRepository(CampaignEntity).findBy({ id: In(ids) }))),
  );
}

/** A campaign now when this process holds it, else through the request's loader. */
export function campaignById(ctx: RequestContext, ds: DataSource, id: string): MaybePromise<CampaignEntity | null> {
  return cachedOrLoad(rowCaches(ds).campaigns, campaignLoader(ctx, ds), id);
}

export function packageCountLoader(ctx: RequestContext, ds: DataSource): DataLoader<string, number> {
  return requestLoader(ctx, 'campaign.packageCount', () =>
    new DataLoader<string, number>(async (ids) => {
      const rows: { campaignId: string; n: string | number }[] = await ds
        .getRepository(PackageEntity)
        .createQueryBuilder('p')
        .select('p.campaignId', 'campaignId')
        .addSelect('COUNT(*)', 'n')
        .where('p.campaignId IN (:...ids)', { ids: [...ids] })
        .groupBy('p.campaignId')
        .getRawMany();
      const map = new Map(rows.map((r) => [r.campaignId, Number(r.n)]));
      return ids.map((id) => map.get(id) ?? 0);
    }),
  );
}
