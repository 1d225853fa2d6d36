import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The statements of the hottest requests (the filler's package read, the autosave's UPDATE and
 * INSERT), with their SQL text built once per entity and column set instead of by a query
 * builder on every request. Values go through the driver's own conversions
 * (preparePersistentValue / prepareHydratedValue, column transformers included), so a row
 * written or read here is the row TypeORM's repository would write or read; the
 * prepared-statements test compares both on SQLite and on MariaDB.
 */

interface Prepared {
  metadata: EntityMetadata;
  quote: (name: string) => string;
}

function prepared(dataSource: DataSource, target: EntityTarget<ObjectLiteral>): Prepared {
  const metadata = dataSource.getMetadata(target);
  return { metadata, quote: (name) => dataSource.driver.escape(name) };
}

/** Runs a write and returns the rows it changed (MySQL's affectedRows, SQLite's changes). */
async function write(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    return (await runner.query(sql, params, true)).affected ?? 0;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}

/**
 * `SELECT <every column> FROM <table> WHERE <primary key> = ?`, hydrated into the entity class.
 * The columns named in `reuseParsed` (JSON text) are parsed once per text: a row read again with
 * the same text gets the value parsed last time (read-only, as every cached row is), which
 * spares a filler's repeated reads of the same document its parse.
 */
export class ByIdReader<T extends ObjectLiteral> {
  private readonly sql: string;
  private readonly metadata: EntityMetadata;
  private readonly reused: Set<string>;
  private readonly maxReused: number;
  /** Per id and column: the text last read and its parsed value. */
  private readonly parsed = new Map<string, { text: string; value: unknown }>();

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<T>,
    options: { reuseParsed?: (keyof T & string)[]; maxReused?: number } = {},
  ) {
    const { metadata, quote } = prepared(dataSource, target);
    if (metadata.primaryColumns.length !== 1) throw new Error(`${metadata.name}: ByIdReader needs a single-column primary key`);
    this.metadata = metadata;
    this.reused = new Set(options.reuseParsed ?? []);
    this.maxReused = options.maxReused ?? 2_000;
    const columns = metadata.columns.filter((c) => !c.isVirtual).map((c) => quote(c.databaseName));
    this.sql = `SELECT ${columns.join(', ')} FROM ${quote(metadata.tableName)} WHERE ${quote(metadata.primaryColumns[0]!.databaseName)} = ?`;
  }

  /** The row with this id, or null; `manager` is a transaction's when inside one. */
  async find(id: string, manager: EntityManager = this.dataSource.manager): Promise<T | null> {
    const rows = (await manager.query(this.sql, [id])) as Record<string, unknown>[];
    return rows.length ? this.hydrate(id, rows[0]!) : null;
  }

  private hydrate(id: string, raw: Record<string, unknown>): T {
    const driver = this.dataSource.driver;
    const entity = this.metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const column of this.metadata.columns) {
      const value = raw[column.databaseName];
      if (value === undefined || column.isVirtual) continue;
      if (typeof value === 'string' && this.reused.has(column.propertyName)) {
        column.setEntityValue(entity, this.reuseOrParse(`${id}\u0000${column.propertyName}`, value, () => driver.prepareHydratedValue(value, column)));
        continue;
      }
      column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }

  private reuseOrParse(key: string, text: string, parse: () => unknown): unknown {
    const last = this.parsed.get(key);
    if (last && last.text === text) return last.value;
    const value = parse();
    this.parsed.delete(key);
    // Oldest first out: Map keeps insertion order.
    if (this.parsed.size >= this.maxReused) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(key, { text, value });
    return value;
  }
}

/**
 * `UPDATE <table> SET <these columns> WHERE <primary key> = ? AND <guard column> = ?` with an
 * optional `AND <column> IN (…)`; the SQL is built once per set of columns.
 */
export class GuardedUpdate<T extends ObjectLiteral> {
  private readonly texts = new Map<string, string>();
  private readonly p: Prepared;

  constructor(
    dataSource: DataSource,
    target: EntityTarget<T>,
    private readonly guard: { column: keyof T & string; inColumn?: keyof T & string },
  ) {
    this.p = prepared(dataSource, target);
  }

  /** Writes `changes` where the id and the guard column match (and the IN column is one of `among`); returns the rows changed. */
  async run(manager: EntityManager, id: string, guardValue: unknown, changes: Partial<T>, among: readonly unknown[] = []): Promise<number> {
    const { metadata, quote } = this.p;
    const driver = manager.connection.driver;
    const keys = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined);
    const textKey = `${keys.join(',')}|${among.length}`;
    const columns = keys.map((k) => columnOf(metadata, k));
    let sql = this.texts.get(textKey);
    if (!sql) {
      const set = columns.map((c) => `${quote(c.databaseName)} = ?`).join(', ');
      const pk = quote(metadata.primaryColumns[0]!.databaseName);
      const guard = quote(columnOf(metadata, this.guard.column).databaseName);
      const inPart = this.guard.inColumn && among.length ? ` AND ${quote(columnOf(metadata, this.guard.inColumn).databaseName)} IN (${among.map(() => '?').join(', ')})` : '';
      sql = `UPDATE ${quote(metadata.tableName)} SET ${set} WHERE ${pk} = ? AND ${guard} = ?${inPart}`;
      this.texts.set(textKey, sql);
    }
    const values = columns.map((c, i) => driver.preparePersistentValue((changes as Record<string, unknown>)[keys[i]!], c));
    const guardColumn = columnOf(metadata, this.guard.column);
    const params = [...values, id, driver.preparePersistentValue(guardValue, guardColumn), ...(this.guard.inColumn ? among.map((v) => driver.preparePersistentValue(v, columnOf(metadata, this.guard.inColumn!))) : [])];
    return write(manager, sql, params);
  }
}

/** `INSERT INTO <table> (<every column>) VALUES (?, …)` for a whole row. */
export class RowInsert<T extends ObjectLiteral> {
  private readonly sql: string;
  private readonly p: Prepared;

  constructor(dataSource: DataSource, target: EntityTarget<T>) {
    this.p = prepared(dataSource, target);
    const { metadata, quote } = this.p;
    const columns = metadata.columns.filter((c) => !c.isVirtual);
    this.sql = `INSERT INTO ${quote(metadata.tableName)} (${columns.map((c) => quote(c.databaseName)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  }

  /** Every column of the row must be given (null for none): nothing here falls back to a default. */
  async run(manager: EntityManager, row: T): Promise<void> {
    const driver = manager.connection.driver;
    const params = this.p.metadata.columns
      .filter((c) => !c.isVirtual)
      .map((c) => {
        const value = c.getEntityValue(row);
        if (value === undefined) throw new Error(`${this.p.metadata.name}.${c.propertyName}: no value to insert`);
        return driver.preparePersistentValue(value, c);
      });
    await write(manager, this.sql, params);
  }
}

function columnOf(metadata: EntityMetadata, propertyName: string) {
  const column = metadata.findColumnWithPropertyName(propertyName);
  if (!column) throw new Error(`${metadata.name} has no column ${propertyName}`);
  return column;
}
