import { ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { APPROVED_STATES } from '@zipin/shared';
import { Allow } from '../../common/access.decorators.js';
import { requestLoader, type RequestContext } from '../../common/request-context.js';
import { PackageModel } from '../package/models/package.model.js';
import type { PackageEntity } from '../package/package.entity.js';
import { stateOfRender } from '../render/publication-pdf.service.js';
import { RenderEntity } from '../render/render.entity.js';
import { AuditEventEntity } from '../workflow/audit-event.entity.js';
import { PublicationHoldModel, PublicationPdfModel } from './models/publication.models.js';
import { PUBLISH_BLOCKED } from './publication.service.js';

/** What the publication desk shows beside an approved or scheduled package: its PDF, and a hold. */
@Resolver(() => PackageModel)
export class PackagePublicationResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Allow('ADMIN', 'REVIEWER')
  @ResolveField(() => PublicationPdfModel, { nullable: true, description: 'Null before approval: nothing is rendered for publication yet.' })
  async publicationPdf(pkg: PackageEntity, _args: unknown, ctx: RequestContext): Promise<PublicationPdfModel | null> {
    if (!APPROVED_STATES.includes(pkg.state)) return null;
    const render = pkg.publishRenderId ? await this.renders(ctx).load(pkg.publishRenderId) : null;
    return stateOfRender(render);
  }

  @Allow('ADMIN', 'REVIEWER')
  @ResolveField(() => PublicationHoldModel, { nullable: true })
  async publicationHold(pkg: PackageEntity, _args: unknown, ctx: RequestContext): Promise<PublicationHoldModel | null> {
    if (pkg.state !== 'SCHEDULED' || !pkg.publishBlockedAt) return null;
    const event = await this.holds(ctx).load(pkg.id);
    return { heldAt: pkg.publishBlockedAt, tries: pkg.publishTries, reason: event?.reason ?? null };
  }

  private renders(ctx: RequestContext): DataLoader<string, RenderEntity | null> {
    return requestLoader(ctx, 'publication.renders', () =>
      new DataLoader<string, RenderEntity | null>(async (ids) => {
        const rows = await this.dataSource.getRepository(RenderEntity).findBy({ id: In([...ids]) });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    );
  }

  /** The latest hold recorded for each package (one query for the page). */
  private holds(ctx: RequestContext): DataLoader<string, AuditEventEntity | null> {
    return requestLoader(ctx, 'publication.holds', () =>
      new DataLoader<string, AuditEventEntity | null>(async (ids) => {
        const rows = await this.dataSource.getRepository(AuditEventEntity).find({ where: { packageId: In([...ids]), action: PUBLISH_BLOCKED }, order: { id: 'ASC' } });
        const last = new Map(rows.map((r) => [r.packageId, r]));
        return ids.map((id) => last.get(id) ?? null);
      }),
    );
  }
}
