import type DataLoader from 'dataloader';
import type { MaybePromise } from '../common/maybe-promise.js';
import { EventSubscriber, type DataSource, type EntitySubscriberInterface, type InsertEvent, type QueryRunner, type RemoveEvent, type TransactionCommitEvent, type TransactionRollbackEvent, type UpdateEvent } from 'typeorm';

/**
 * Short-lived in-process copies of rows every request reads and few requests write: the
 * session and its user, campaigns (with their template), units, user names, a package's
 * revisions at a version. A cached row is dropped
 *   - by this process as soon as a write to its table commits (RowCacheInvalidation below),
 *   - by every other API process through the cache bus (Redis pub/sub, row-cache-bus.ts),
 *   - and in any case after `ttlMs`, which bounds how stale a row can be if a message is lost.
 * Entries are never mutated: whoever reads one treats it as read-only.
 */
export class RowCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  /** Counts the drops: a read that began before one must not store what it read (see `load`). */
  private dropped = 0;

  constructor(
    readonly ttlMs: number,
    private readonly max = 20_000,
  ) {}

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V, ttlMs = this.ttlMs): void {
    // Oldest first out: Map keeps insertion order.
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until: Date.now() + ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /**
   * The cached value, or `read()` stored — unless the cache was dropped while it ran: a row read
   * before a write committed would otherwise be kept after the commit dropped the cache.
   */
  load(key: string, read: () => Promise<V>): MaybePromise<V> {
    const hit = this.get(key);
    // A hit is answered now, not on the next tick (see maybe-promise.ts).
    if (hit !== undefined) return hit;
    const generation = this.dropped;
    return read().then((value) => {
      if (generation === this.dropped) this.set(key, value);
      return value;
    });
  }

  clear(): void {
    this.entries.clear();
    this.dropped++;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The caches of one database, and the tables whose writes clear each of them. */
export class RowCaches {
  readonly sessions = new RowCache<unknown>(10_000);
  readonly campaigns = new RowCache<unknown>(60_000, 1_000);
  readonly units = new RowCache<unknown>(60_000);
  readonly users = new RowCache<unknown>(60_000);
  /** Keyed `packageId:version`: a revision is only ever added together with a new package version. */
  readonly revisions = new RowCache<unknown>(60_000, 5_000);
  /** Keyed `packageId:version`: a package row at a version never changes (every write bumps it). */
  readonly packages = new RowCache<unknown>(60_000, 2_000);
  /**
   * A package's comment threads and audit trail, keyed `packageId:version`: every transition bumps
   * the version, and the writes that do not (a comment, a reply, an assignment, a reminder) drop
   * the whole cache of their table.
   */
  readonly comments = new RowCache<unknown>(60_000, 5_000);
  readonly auditTrails = new RowCache<unknown>(60_000, 5_000);

  private readonly byTable: Record<string, RowCache<unknown>[]> = {
    session: [this.sessions],
    user_account: [this.sessions, this.users],
    campaign: [this.campaigns],
    unit: [this.units],
    package_revision: [this.revisions],
    package_comment: [this.comments],
    audit_event: [this.auditTrails],
  };

  /** Set by the cache bus: tells the other processes which tables changed. */
  publish: ((tables: string[]) => void) | null = null;

  watches(table: string): boolean {
    return table in this.byTable;
  }

  /** Drops what this process holds of these tables (a write committed here or elsewhere). */
  dropLocal(tables: Iterable<string>): void {
    for (const t of tables) for (const c of this.byTable[t] ?? []) c.clear();
  }

  /** A write to these tables committed in this process. */
  changed(tables: string[]): void {
    if (!tables.length) return;
    this.dropLocal(tables);
    this.publish?.(tables);
  }
}

const registry = new WeakMap<DataSource, RowCaches>();

export function rowCaches(ds: DataSource): RowCaches {
  let c = registry.get(ds);
  if (!c) {
    c = new RowCaches();
    registry.set(ds, c);
  }
  return c;
}

const PENDING = Symbol('rowCachePendingTables');
type PendingRunner = QueryRunner & { [PENDING]?: Set<string> };

/**
 * Every INSERT/UPDATE/DELETE through TypeORM (repositories and query builders) of a watched
 * table drops its caches, and once more when its transaction commits, so no request keeps the
 * row as it was between the write and the commit. (A dropped cache only costs one read.)
 */
@EventSubscriber()
export class RowCacheInvalidation implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<unknown>): void {
    this.wrote(event.queryRunner, event.metadata.tableName, event.connection);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    this.wrote(event.queryRunner, event.metadata.tableName, event.connection);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    this.wrote(event.queryRunner, event.metadata.tableName, event.connection);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner as PendingRunner;
    const tables = runner[PENDING];
    if (!tables) return;
    delete runner[PENDING];
    rowCaches(event.connection).changed([...tables]);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    delete (event.queryRunner as PendingRunner)[PENDING];
  }

  private wrote(runner: QueryRunner, table: string, ds: DataSource): void {
    const caches = rowCaches(ds);
    if (!caches.watches(table)) return;
    // Dropped now too: this process never serves the old row again, even before the commit.
    caches.dropLocal([table]);
    if (runner.isTransactionActive) ((runner as PendingRunner)[PENDING] ??= new Set()).add(table);
    else caches.changed([table]);
  }
}

/**
 * A row by id from the process cache, now; on a miss, from the request's loader (one batched
 * read for every miss of the request).
 */
export function cachedOrLoad<T>(cache: RowCache<unknown>, loader: DataLoader<string, T | null>, id: string): MaybePromise<T | null> {
  const hit = cache.get(id) as T | undefined;
  return hit !== undefined ? hit : loader.load(id);
}

/**
 * A DataLoader batch function that answers from `cache` what it holds and reads the rest by
 * id in one query; found rows are cached (a missing id is not, so a new row shows at once).
 */
export function cachedById<T extends { id: string }>(cache: RowCache<unknown>, read: (ids: string[]) => Promise<T[]>) {
  return async (ids: readonly string[]): Promise<(T | null)[]> => {
    const out = new Map<string, T>();
    const missing: string[] = [];
    for (const id of ids) {
      const hit = cache.get(id) as T | undefined;
      if (hit) out.set(id, hit);
      else missing.push(id);
    }
    if (missing.length) {
      for (const row of await read(missing)) {
        cache.set(row.id, row);
        out.set(row.id, row);
      }
    }
    return ids.map((id) => out.get(id) ?? null);
  };
}
