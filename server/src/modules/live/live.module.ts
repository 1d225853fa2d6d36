import { Global, Module } from '@nestjs/common';
import { LiveBus } from './live-bus.js';
import { LiveResolver } from './live.resolver.js';

/** Live updates over GraphQL subscriptions; the bus is global so any service can publish. */
@Global()
@Module({ providers: [LiveBus, LiveResolver], exports: [LiveBus] })
export class LiveModule {}
