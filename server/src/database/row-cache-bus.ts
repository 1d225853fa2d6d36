import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { rowCaches } from './row-cache.js';

/**
 * Tells the other API and worker processes which cached tables changed here, over Redis
 * pub/sub; without Redis there is one process and nothing to tell. While Redis is down a
 * message is lost, and the other processes' copies live at most their cache's TTL.
 */
@Injectable()
export class RowCacheBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RowCacheBus');
  private readonly origin = randomUUID();
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const redis = this.config.redis;
    if (!redis) return;
    const channel = `${redis.prefix}:row-cache`;
    const caches = rowCaches(this.dataSource);
    // Loaded only with Redis: an embedded process never needs ioredis.
    const { Redis } = await import('ioredis');
    this.publisher = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    this.subscriber = new Redis(redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    for (const c of [this.publisher, this.subscriber]) c.on('error', (err) => this.logger.warn(`cache bus: ${err.message}`));
    this.subscriber.on('message', (_channel, text: string) => {
      try {
        const m = JSON.parse(text) as { origin: string; tables: string[] };
        if (m.origin !== this.origin) caches.dropLocal(m.tables);
      } catch {
        /* not ours */
      }
    });
    // Not awaited past a failure: a process starts while Redis is down, with TTL-bound caches.
    await Promise.all([this.publisher.connect(), this.subscriber.connect().then(() => this.subscriber!.subscribe(channel))]).catch((err) =>
      this.logger.warn(`cache bus not connected: ${err instanceof Error ? err.message : String(err)}`),
    );
    caches.publish = (tables) => {
      this.publisher?.publish(channel, JSON.stringify({ origin: this.origin, tables })).catch((err) => this.logger.warn(`cache change not sent: ${err.message}`));
    };
  }

  async onModuleDestroy(): Promise<void> {
    rowCaches(this.dataSource).publish = null;
    await Promise.all([this.publisher, this.subscriber].map((c) => c?.quit().catch(() => c.disconnect())));
  }
}
