import { Redis, type RedisOptions } from 'ioredis';

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

/** BullMQ 6 takes a client rather than options. */
export function createRedisClient(url: string): Redis {
  return new Redis(redisConnectionOptions(url));
}
