import { createReadStream, createWriteStream, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createConnection, type Connection } from 'mysql2/promise';

/**
 * A logical dump through mysql2 (no mysqldump binary needed in the image): each table's
 * CREATE TABLE and its rows as JSON lines, read in one consistent InnoDB snapshot. Values
 * travel as the server writes them (DATETIME as strings, DECIMAL and BIGINT as strings), so
 * nothing passes through a time zone or a float.
 */
const connect = (url: string) => createConnection({ uri: url, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, charset: 'utf8mb4_unicode_ci' });

type Value = string | number | null | { $b64: string };
const encode = (v: unknown): Value => (Buffer.isBuffer(v) ? { $b64: v.toString('base64') } : (v as string | number | null));
const decode = (v: Value): unknown => (v && typeof v === 'object' && '$b64' in v ? Buffer.from(v.$b64, 'base64') : v);

export async function dumpMysql(url: string, dir: string): Promise<Record<string, number>> {
  const c = await connect(url);
  const counts: Record<string, number> = {};
  try {
    await c.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await c.query('START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY');
    const tables = await tableNames(c);
    const ddl: Record<string, string> = {};
    for (const table of tables) {
      const [[row]] = (await c.query(`SHOW CREATE TABLE \`${table}\``)) as unknown as [Record<string, string>[]];
      ddl[table] = row!['Create Table']!;
      const out = createWriteStream(join(dir, `${table}.jsonl`));
      let n = 0;
      // Streamed, so a large table never sits in memory whole.
      // (the promise wrapper's underlying connection; only it can stream rows)
      const raw = (c as unknown as { connection: { query(sql: string): { stream(): AsyncIterable<Record<string, unknown>> } } }).connection;
      const stream = raw.query(`SELECT * FROM \`${table}\``).stream();
      for await (const r of stream) {
        const encoded = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, encode(v)]));
        if (!out.write(JSON.stringify(encoded) + '\n')) await new Promise<void>((res) => out.once('drain', () => res()));
        n++;
      }
      await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
      counts[table] = n;
    }
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(ddl, null, 2));
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
  return counts;
}

export async function tableNames(c: Connection): Promise<string[]> {
  const [rows] = (await c.query("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) as unknown as [{ t: string }[]];
  return rows.map((r) => r.t);
}

export async function mysqlTableCount(url: string): Promise<number> {
  const c = await connect(url);
  try {
    return (await tableNames(c)).length;
  } finally {
    await c.end();
  }
}

/** Into an empty database (or one emptied with replace): the tables as they were, then their rows. */
export async function restoreMysql(url: string, dir: string, replace: boolean): Promise<Record<string, number>> {
  const c = await connect(url);
  const counts: Record<string, number> = {};
  try {
    await c.query('SET FOREIGN_KEY_CHECKS = 0');
    const existing = await tableNames(c);
    if (existing.length && !replace) throw new Error(`the database already has ${existing.length} tables; restore into an empty database or pass --force to replace them`);
    for (const t of existing) await c.query(`DROP TABLE \`${t}\``);
    const ddl = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')) as Record<string, string>;
    for (const statement of Object.values(ddl)) await c.query(statement);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      const table = file.slice(0, -'.jsonl'.length);
      if (!(table in ddl)) throw new Error(`rows for unknown table ${table}`);
      let batch: Record<string, Value>[] = [];
      let n = 0;
      const flush = async () => {
        if (!batch.length) return;
        const columns = Object.keys(batch[0]!);
        const placeholders = batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
        const values = batch.flatMap((r) => columns.map((col) => decode(r[col]!)));
        await c.query(`INSERT INTO \`${table}\` (${columns.map((col) => `\`${col}\``).join(', ')}) VALUES ${placeholders}`, values);
        n += batch.length;
        batch = [];
      };
      await c.query('START TRANSACTION');
      for await (const line of createInterface({ input: createReadStream(join(dir, file), 'utf8'), crlfDelay: Infinity })) {
        if (!line) continue;
        batch.push(JSON.parse(line));
        if (batch.length >= 200) await flush();
      }
      await flush();
      await c.query('COMMIT');
      counts[table] = n;
    }
    await c.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await c.end();
  }
  return counts;
}
