import { Resolver, Subscription } from '@nestjs/graphql';
import { Allow } from '../../common/access.decorators.js';
import type { RequestContext } from '../../common/request-context.js';
import { LiveBus, canSeeLiveEvent, type LiveEvent } from './live-bus.js';
import { LiveEventModel } from './live.models.js';

@Resolver()
export class LiveResolver {
  constructor(private readonly bus: LiveBus) {}

  @Allow()
  @Subscription(() => LiveEventModel, {
    description: 'Live updates for the signed-in user: their packages’ stages and their inbox (graphql-ws on /graphql).',
    // The guard signed the subscriber in when they subscribed; each event is shown only to those who may read it.
    filter: (event: LiveEvent, _variables: unknown, ctx: RequestContext) => canSeeLiveEvent(ctx.user, event),
    resolve: (event: LiveEvent): LiveEventModel =>
      event.kind === 'PACKAGE'
        ? { kind: 'PACKAGE', packageId: event.packageId, campaignId: event.campaignId, state: event.state, action: event.action, actorRole: event.actorRole, version: event.version, at: new Date(event.at) }
        : { kind: 'INBOX', packageId: null, campaignId: null, state: null, action: null, actorRole: null, version: null, at: new Date(event.at) },
  })
  liveEvents(): AsyncIterableIterator<LiveEvent> {
    return this.bus.events();
  }
}
