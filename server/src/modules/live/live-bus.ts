import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PubSub, type PubSubEngine } from 'graphql-subscriptions';
import type { Redis } from 'ioredis';
import type { PackageState, Role } from '@zipin/shared';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import type { Tx } from '../../database/transaction.service.js';

/** A package changed stage (claimed, returned, signed, published …). */
export interface LivePackageEvent {
  kind: 'PACKAGE';
  packageId: string;
  bureauId: string;
  unitId: string;
  /** The 主管部门 the package passes through, whose reviewers follow it too. */
  supervisorUnitId?: string | null;
  campaignId: string;
  state: PackageState;
  action: string;
  actorRole: Role | 'SYSTEM';
  version: number;
  at: string;
}

/** These users have new notifications. */
export interface LiveInboxEvent {
  kind: 'INBOX';
  userIds: string[];
  at: string;
}

export type LiveEvent = LivePackageEvent | LiveInboxEvent;

/**
 * Live updates for open screens. Events are published only after the transaction that caused
 * them has committed; with Redis they travel over pub/sub, so a claim handled by one API process
 * (or a publication by a worker) reaches subscribers connected to any other; embedded, they stay
 * in this process.
 */
@Injectable()
export class LiveBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LiveBus');
  private engine: PubSubEngine = new PubSub();
  private readonly connections: Redis[] = [];
  private readonly channel: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.channel = `${config.redis?.prefix ?? 'zipin'}:live`;
  }

  /** With Redis, pub/sub replaces the in-process engine before the app serves anyone (ioredis is loaded only then). */
  async onModuleInit(): Promise<void> {
    const redis = this.config.redis;
    if (!redis) return;
    const [{ Redis }, { RedisPubSub }] = await Promise.all([import('ioredis'), import('graphql-redis-subscriptions')]);
    // While Redis is down a publish fails at once (no queue): users' actions never wait for it.
    const publisher = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // The subscriber reconnects and re-subscribes by itself when Redis returns.
    const subscriber = new Redis(redis.url, { maxRetriesPerRequest: null });
    for (const c of [publisher, subscriber]) c.on('error', (err) => this.logger.warn(`live updates: ${err.message}`));
    this.connections.push(publisher, subscriber);
    this.engine = new RedisPubSub({ publisher, subscriber });
  }

  /**
   * Publishes once the transaction commits, without making the caller wait: a failure to
   * publish (Redis down) costs a live update, never the work or its answer.
   */
  afterCommit(tx: Tx, event: LiveEvent): void {
    tx.afterCommit(() => {
      void this.publish(event);
    });
  }

  async publish(event: LiveEvent): Promise<void> {
    try {
      await this.engine.publish(this.channel, event);
    } catch (err) {
      this.logger.warn(`live update not sent: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  events(): AsyncIterableIterator<LiveEvent> {
    return this.engine.asyncIterableIterator<LiveEvent>(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/** Who may see an event: the same rule as reading the package (its unit, or its bureau's staff). */
export function canSeeLiveEvent(user: { id: string; role: Role; unitId: string | null; bureauId: string } | null, event: LiveEvent): boolean {
  if (!user) return false;
  if (event.kind === 'INBOX') return event.userIds.includes(user.id);
  if (user.role === 'SUPERVISOR') return !!user.unitId && user.unitId === event.supervisorUnitId && user.bureauId === event.bureauId;
  if (user.unitId) return user.unitId === event.unitId;
  return user.bureauId === event.bureauId;
}
