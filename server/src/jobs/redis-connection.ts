import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { REDIS_CLIENT } from './queue-tokens.js';

/** ioredis options from a redis:// URL (password, db number, TLS for rediss://). */
export function redisConnectionOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  };
}

/** Closes the shared client with the app (BullMQ leaves a client it was given open). */
@Injectable()
class RedisClientCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** One Redis client per process, shared by BullMQ's queue (workers duplicate it for blocking reads). */
@Global()
@Module({})
export class RedisClientModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: RedisClientModule,
      providers: [{ provide: REDIS_CLIENT, useFactory: () => new Redis(redisConnectionOptions(url)) }, RedisClientCloser],
      exports: [REDIS_CLIENT],
    };
  }
}
