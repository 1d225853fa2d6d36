#!/usr/bin/env node
/**
 * A province-sized campaign for the benchmarks: one bureau, N budget units with a filler and a
 * unit head each, 20 reviewers and an admin, one opened 2024 campaign, and every unit's package
 * at a realistic stage of the campaign (drafts, awaiting sign-off, returned with field comments,
 * in review, approved, scheduled, published), with the audit events, the signed revision and
 * signature each stage implies. Documents are variations of SEED_2024_LUKOU_GSL (amounts, scores,
 * staffing) whose summary columns are computed by the server's own evaluation (@zipin/shared).
 *
 * The schema comes from the server's migrations (a DataSource with dataSourceOptions); rows go in
 * as multi-row INSERTs of ~1,000 rows through mysql2, one transaction per chunk of units (SQLite:
 * prepared statements in one transaction per chunk). Prints rows/s per table and overall.
 *
 *   node bench/generate.mjs [--units 3000] [--database NAME | --sqlite FILE] [--sessions 300] [--seed 1]
 *
 * Without --database a fresh `zipin_bench_xxxxxx` is created on ZIPIN_BENCH_MYSQL_URL (default
 * mysql://zipin:zipin@127.0.0.1:3306) and kept (its name is printed; drop it when done). Writes
 * bench/.data/<database>.json: ids and ready session tokens (sessions are inserted directly, as
 * login would under BENCH_SESSION_SECRET, so a benchmark needs no 30,000 argon2 logins). Full size: --units 30000.
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, BENCH_SESSION_SECRET, MYSQL_URL, flags, num, serverRequire, server, shared } from './lib/kit.mjs';

export const BENCH_PASSWORD = 'Bench-pass-2024';

/** Share of packages per state, mid-campaign (a week before the submission deadline). */
const STAGES = [
  ['DRAFT', 0.3],
  ['AWAITING_SIGNOFF', 0.06],
  ['RETURNED', 0.06],
  ['SUBMITTED', 0.14],
  ['IN_REVIEW', 0.08],
  ['APPROVED', 0.16],
  ['SCHEDULED', 0.08],
  ['PUBLISHED', 0.12],
];
/** The transitions that led to each state, in order, with who fired them. */
const PATH = {
  DRAFT: [],
  AWAITING_SIGNOFF: ['SUBMIT'],
  SUBMITTED: ['SUBMIT', 'SIGN'],
  IN_REVIEW: ['SUBMIT', 'SIGN', 'CLAIM'],
  RETURNED: ['SUBMIT', 'SIGN', 'CLAIM', 'RETURN'],
  APPROVED: ['SUBMIT', 'SIGN', 'CLAIM', 'APPROVE'],
  SCHEDULED: ['SUBMIT', 'SIGN', 'CLAIM', 'APPROVE', 'SCHEDULE'],
  PUBLISHED: ['SUBMIT', 'SIGN', 'CLAIM', 'APPROVE', 'SCHEDULE', 'PUBLISH'],
};
const TO = { SUBMIT: 'AWAITING_SIGNOFF', SIGN: 'SUBMITTED', CLAIM: 'IN_REVIEW', RETURN: 'RETURNED', APPROVE: 'APPROVED', SCHEDULE: 'SCHEDULED', PUBLISH: 'PUBLISHED' };
const CATEGORIES = ['行政单位', '事业单位', '群团组织', '参公单位'];
const KINDS = ['教育局', '卫生健康委员会', '农业农村局', '交通运输局', '工商业联合会', '文化旅游局', '民政局', '自然资源局', '水利局', '人力资源和社会保障局'];
const COMMENTS = [
  ['selfEvaluation.goal.actual', '请写明年度目标的具体完成情况，不要只写“完成情况好”。'],
  ['selfEvaluation.indicators[ind-1].actual.value', '实际完成值与自评报告不一致，请核对。'],
  ['basicData.publicFunds.office.currentFinal', '办公经费决算数明显高于预算，请说明原因。'],
];
const DAY = 86_400_000;

/** A small deterministic PRNG, so a seed gives the same campaign every time. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sqlTime = (d) => (d == null ? null : d.toISOString().replace('T', ' ').replace('Z', ''));
const money = (x) => (Math.round(x * 100) / 100).toFixed(2).replace(/\.?0+$/, '');

/**
 * One unit's document: the seed with its amounts scaled, execution and scores varied. Past
 * submission the seed's errors are corrected (as publishableSeed does in the tests: a package
 * with errors cannot be submitted), and most units spend within budget and describe their
 * results, so warnings flag some packages rather than all.
 */
function variantDocument(seed, rnd, unitName, state) {
  const doc = structuredClone(seed);
  if (state !== 'DRAFT' || rnd() < 0.5) {
    const row = (id) => doc.selfEvaluation.indicators.find((r) => r.id === id);
    if (row('ind-7')) delete row('ind-7').actual.raw;
    if (row('ind-9')) row('ind-9').deviationReason = '原因：人员调入，人员经费增加。措施：严格控制编制。';
    if (row('ind-10')) row('ind-10').deviationReason = '原因：公用经费口径填列。措施：按办公经费口径核实。';
    doc.report.chapters.other.text = '无。';
  }
  if (rnd() < 0.85) {
    for (const key of ['total', 'office', 'utilitiesTravel', 'meetingsTraining']) {
      const r = doc.basicData.publicFunds[key];
      if (r?.currentBudget) r.currentFinal = money(Number(r.currentBudget) * (0.85 + rnd() * 0.15));
    }
  }
  if (rnd() < 0.7) doc.selfEvaluation.goal.actual = `全年召开招商会议${30 + Math.floor(rnd() * 10)}次，走访企业和基层商会${40 + Math.floor(rnd() * 20)}家，会员管理58人，年度目标全部完成。`;
  const scale = 1 + rnd() * 5;
  const b = doc.selfEvaluation.budget;
  const annual = Number(b.annualBudget) * scale;
  const rate = rnd() < 0.8 ? 0.85 + rnd() * 0.15 : 0.5 + rnd() * 0.35;
  b.initialBudget = money(Number(b.initialBudget) * scale);
  b.annualBudget = money(annual);
  b.execution = money(annual * rate);
  b.byIncome.generalPublic = b.annualBudget;
  b.byExpenditure.basic = b.annualBudget;
  // Breakdowns add up to their totals (in cents, so the shared decimal checks agree).
  const cents = (x) => Math.round(Number(x) * 100);
  const fromCents = (c) => money(c / 100);
  const fns = b.initialByFunction;
  let rest = cents(b.initialBudget);
  fns.forEach((f, i) => {
    const c = i === fns.length - 1 ? rest : Math.round(cents(f.amount) * scale);
    f.amount = fromCents(c);
    rest -= c;
  });
  const econ = b.executionByEconomicClass;
  econ.goodsAndServices = doc.basicData.publicFunds.total.currentFinal;
  econ.householdSubsidies = fromCents(Math.round(cents(econ.householdSubsidies ?? 0) * scale));
  econ.wages = fromCents(cents(b.execution) - cents(econ.goodsAndServices) - cents(econ.householdSubsidies));
  for (const row of doc.selfEvaluation.indicators) {
    if (row.score == null || row.weight == null) continue;
    const w = Number(row.weight);
    const lost = rnd() < 0.7 ? 0 : Math.min(w, Math.floor(rnd() * 4));
    row.score = String(w - lost);
  }
  const authorized = 5 + Math.floor(rnd() * 60);
  doc.basicData.staffing = { authorized, actual: rnd() < 0.1 ? authorized + 1 + Math.floor(rnd() * 3) : authorized - Math.floor(rnd() * 4) };
  doc.basicData.contact = { fillerName: `${unitName}填表人`, phone: null };
  return doc;
}

/** Inserts through mysql2: multi-row INSERTs of up to 1,000 rows (and ~4 MB) each. */
class MysqlWriter {
  constructor(conn) {
    this.conn = conn;
  }
  async begin() {
    await this.conn.query('START TRANSACTION');
  }
  async commit() {
    await this.conn.query('COMMIT');
  }
  async insert(table, columns, rows) {
    const head = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(',')}) VALUES `;
    let batch = [];
    let bytes = 0;
    const flush = async () => {
      if (!batch.length) return;
      await this.conn.query(head + batch.join(','));
      batch = [];
      bytes = 0;
    };
    for (const row of rows) {
      const values = `(${row.map((v) => this.conn.escape(v)).join(',')})`;
      batch.push(values);
      bytes += values.length;
      if (batch.length >= 1000 || bytes > 4_000_000) await flush();
    }
    await flush();
  }
  async end() {
    await this.conn.end();
  }
}

/** Inserts through better-sqlite3: one prepared statement per table, in the chunk's transaction. */
class SqliteWriter {
  constructor(db) {
    this.db = db;
    this.statements = new Map();
  }
  async begin() {
    this.db.exec('BEGIN');
  }
  async commit() {
    this.db.exec('COMMIT');
  }
  async insert(table, columns, rows) {
    const key = `${table}:${columns.join(',')}`;
    let st = this.statements.get(key);
    if (!st) {
      st = this.db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES (${columns.map(() => '?').join(',')})`);
      this.statements.set(key, st);
    }
    for (const row of rows) st.run(row.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
  }
  async end() {
    this.db.close();
  }
}

/**
 * Creates the campaign. `target` is { kind: 'mysql', url } or { kind: 'sqlite', file }.
 * Returns what the benchmarks need (ids, tokens) and the row counts and timings.
 */
export async function generate({ target, units = 3000, sessions = 300, seed = 1, submissionDeadline = new Date(Date.now() + 7 * DAY), log = console.log }) {
  const { dataSourceOptions } = await server('database/data-source.js');
  const { evaluatePackage, summaryColumns } = await server('modules/package/package-evaluation.js');
  const { SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE, parsePackageDocument } = await shared();
  const { DataSource } = serverRequire('typeorm');
  const argon2 = serverRequire('argon2');

  const t0 = performance.now();
  const database = target.kind === 'mysql' ? { kind: 'mysql', url: target.url } : { kind: 'sqlite', file: target.file };
  const ds = new DataSource(dataSourceOptions({ database }, true));
  await ds.initialize(); // runs the server's migrations
  await ds.destroy();
  const migrateMs = performance.now() - t0;

  const writer =
    target.kind === 'mysql'
      ? new MysqlWriter(await serverRequire('mysql2/promise').createConnection({ uri: target.url, charset: 'utf8mb4_unicode_ci' }))
      : new SqliteWriter(new (serverRequire('better-sqlite3'))(target.file));

  const rnd = prng(seed);
  const now = new Date();
  const passwordHash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const counts = {};
  let bytes = 0;
  const insert = async (table, columns, rows) => {
    counts[table] = (counts[table] ?? 0) + rows.length;
    for (const row of rows) for (const v of row) if (typeof v === 'string') bytes += Buffer.byteLength(v);
    await writer.insert(table, columns, rows);
  };
  const tokens = { fillers: [], heads: [], reviewers: [], admin: null };
  const sessionRows = [];
  const session = (userId) => {
    const token = randomBytes(32).toString('base64url');
    // As login stores it (sessionIdOf): the HMAC of the token under the servers' SESSION_SECRET.
    sessionRows.push([createHmac('sha256', BENCH_SESSION_SECRET).update(token).digest('hex'), userId, sqlTime(now), sqlTime(new Date(now.getTime() + 30 * DAY))]);
    return token;
  };

  // The bureau, its reviewers and admin, and the campaign (already opened).
  const bureauId = randomUUID();
  const campaignId = randomUUID();
  const reviewers = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), username: `reviewer${i + 1}`, name: `审核人${i + 1}` }));
  const admin = { id: randomUUID(), username: 'admin', name: '财政厅管理员' };
  const USER_COLS = ['id', 'username', 'displayName', 'passwordHash', 'role', 'bureauId', 'unitId', 'phone', 'active', 'failedLogins', 'createdAt'];
  await writer.begin();
  await insert('bureau', ['id', 'code', 'name', 'region', 'portalName', 'createdAt'], [[bureauId, `PROV${seed}`, '某省财政厅', '某省', '某省人民政府门户网站', sqlTime(now)]]);
  await insert(
    'user_account',
    USER_COLS,
    [...reviewers.map((r) => [r.id, r.username, r.name, passwordHash, 'REVIEWER', bureauId, null, '', true, 0, sqlTime(now)]), [admin.id, admin.username, admin.name, passwordHash, 'ADMIN', bureauId, null, '', true, 0, sqlTime(now)]],
  );
  await insert(
    'campaign',
    ['id', 'bureauId', 'fiscalYear', 'title', 'documentNumber', 'template', 'submissionDeadline', 'publicationDeadline', 'timezone', 'openedAt', 'createdAt'],
    [[campaignId, bureauId, 2024, '关于开展2024年度部门整体支出绩效自评工作的通知', '某财绩〔2025〕1号', JSON.stringify(LUKOU_2024_TEMPLATE), sqlTime(submissionDeadline), sqlTime(new Date(submissionDeadline.getTime() + 30 * DAY)), 'Asia/Shanghai', sqlTime(new Date(now.getTime() - 20 * DAY)), sqlTime(new Date(now.getTime() - 21 * DAY))]],
  );
  for (const r of reviewers) tokens.reviewers.push({ id: r.id, username: r.username, token: session(r.id) });
  tokens.admin = { id: admin.id, username: admin.username, token: session(admin.id) };
  await writer.commit();

  const stageOf = () => {
    let x = rnd();
    for (const [state, share] of STAGES) if ((x -= share) < 0) return state;
    return 'DRAFT';
  };
  const docTemplate = SEED_2024_LUKOU_GSL;
  let validated = 0;
  const CHUNK = 1000;
  const tRows = performance.now();
  let evalMs = 0;
  // Building a chunk (mostly evaluating documents) overlaps with writing the previous one:
  // the build yields to the event loop now and then so the writer's statements go on.
  const buildChunk = async (start) => {
    const unitRows = [];
    const userRows = [];
    const pkgRows = [];
    const revRows = [];
    const sigRows = [];
    const auditRows = [];
    const commentRows = [];
    for (let i = start; i < Math.min(units, start + CHUNK); i++) {
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
      const unitId = randomUUID();
      const code = String(i + 1).padStart(6, '0');
      const name = `某省第${i + 1}${KINDS[i % KINDS.length]}`;
      unitRows.push([unitId, bureauId, code, name, CATEGORIES[i % CATEGORIES.length], true, sqlTime(now)]);
      const filler = { id: randomUUID(), username: `f${code}` };
      const head = { id: randomUUID(), username: `h${code}` };
      userRows.push([filler.id, filler.username, `${name}填表人`, passwordHash, 'FILLER', bureauId, unitId, '', true, 0, sqlTime(now)]);
      userRows.push([head.id, head.username, `${name}负责人`, passwordHash, 'UNIT_HEAD', bureauId, unitId, '', true, 0, sqlTime(now)]);

      const state = stageOf();
      const doc = variantDocument(docTemplate, rnd, name, state);
      if (validated < 20) {
        const parsed = parsePackageDocument(doc);
        if (!parsed.ok) throw new Error(`generated document does not parse: ${JSON.stringify(parsed.issues.slice(0, 2))}`);
        validated++;
      }
      const te = performance.now();
      const summary = summaryColumns(doc, evaluatePackage(doc, LUKOU_2024_TEMPLATE, { fiscalYear: 2024, unitName: name }));
      evalMs += performance.now() - te;
      const docJson = JSON.stringify(doc);
      const packageId = randomUUID();
      const reviewer = reviewers[i % reviewers.length];
      const saves = 1 + Math.floor(rnd() * 15);
      let version = 1 + saves;
      let at = now.getTime() - 15 * DAY + Math.floor(rnd() * 5 * DAY);
      const pkg = {
        claimedById: null, submittedAt: null, signatureId: null, approvedAt: null, publishAt: null, publishedAt: null, returnedRevisionId: null,
        lastEditedAt: new Date(at),
      };
      let seq = 0;
      let current = 'DRAFT';
      for (const action of PATH[state]) {
        at += Math.floor(rnd() * DAY);
        const from = current;
        current = TO[action];
        version++;
        const actor = action === 'SUBMIT' ? [filler.id, 'FILLER'] : action === 'SIGN' ? [head.id, 'UNIT_HEAD'] : action === 'SCHEDULE' ? [admin.id, 'ADMIN'] : action === 'PUBLISH' ? [null, 'SYSTEM'] : [reviewer.id, 'REVIEWER'];
        const details = { expectedVersion: version - 1, version };
        if (action === 'SIGN' || action === 'RETURN') {
          const revisionId = randomUUID();
          const documentHash = createHash('sha256').update(docJson).digest('hex');
          revRows.push([revisionId, packageId, ++seq, version, action, docJson, documentHash, actor[0], sqlTime(new Date(at))]);
          details.revisionId = revisionId;
          details.documentHash = documentHash;
          if (action === 'SIGN') {
            pkg.signatureId = randomUUID();
            pkg.submittedAt = new Date(at);
            sigRows.push([pkg.signatureId, packageId, revisionId, head.id, `${name}负责人`, sqlTime(new Date(at)), documentHash, null, null, null, null]);
          } else {
            pkg.returnedRevisionId = revisionId;
            pkg.signatureId = null;
            pkg.claimedById = null;
          }
        }
        if (action === 'CLAIM') pkg.claimedById = reviewer.id;
        if (action === 'APPROVE') pkg.approvedAt = new Date(at);
        if (action === 'SCHEDULE') {
          pkg.publishAt = new Date(submissionDeadline.getTime() + 30 * DAY);
          details.publishAt = pkg.publishAt.toISOString();
        }
        if (action === 'PUBLISH') pkg.publishedAt = new Date(at);
        auditRows.push([packageId, actor[0], actor[1], action, from, TO[action], action === 'RETURN' ? '部分指标完成值与报告不一致，请修改后重新报送。' : null, JSON.stringify(details), sqlTime(new Date(at))]);
      }
      if (state === 'RETURNED' || (state === 'IN_REVIEW' && rnd() < 0.3)) {
        for (const [path, body] of COMMENTS.slice(0, state === 'RETURNED' ? 3 : 1)) {
          commentRows.push([randomUUID(), packageId, null, path, body, reviewer.id, 'REVIEWER', null, sqlTime(new Date(at)), null, null]);
        }
      }
      pkgRows.push([
        packageId, campaignId, unitId, bureauId, 2024, state, version, docJson,
        summary.errorCount, summary.warningCount, summary.unexplainedWarningCount, summary.executionRate, summary.declaredTotal, summary.suggestedTotal, summary.grade, summary.flags,
        pkg.claimedById, filler.id, sqlTime(pkg.lastEditedAt), sqlTime(pkg.submittedAt), pkg.signatureId, sqlTime(pkg.approvedAt), sqlTime(pkg.publishAt), sqlTime(pkg.publishedAt), null, pkg.returnedRevisionId,
        sqlTime(new Date(now.getTime() - 20 * DAY)), sqlTime(new Date(at)),
      ]);
      const editable = state === 'DRAFT' || state === 'RETURNED';
      if (editable && tokens.fillers.length < sessions) tokens.fillers.push({ id: filler.id, username: filler.username, unitId, packageId, version, state, token: session(filler.id) });
      if (state === 'AWAITING_SIGNOFF' && tokens.heads.length < Math.min(50, sessions)) tokens.heads.push({ id: head.id, username: head.username, unitId, packageId, version, state, token: session(head.id) });
    }
    return { start, unitRows, userRows, pkgRows, revRows, sigRows, auditRows, commentRows, sessions: sessionRows.splice(0) };
  };
  const writeChunk = async ({ start, unitRows, userRows, pkgRows, revRows, sigRows, auditRows, commentRows, sessions: sessionChunk }) => {
    await writer.begin();
    await insert('unit', ['id', 'bureauId', 'code', 'name', 'category', 'active', 'createdAt'], unitRows);
    await insert('user_account', USER_COLS, userRows);
    await insert('package', [
      'id', 'campaignId', 'unitId', 'bureauId', 'fiscalYear', 'state', 'version', 'document',
      'errorCount', 'warningCount', 'unexplainedWarningCount', 'executionRate', 'declaredTotal', 'suggestedTotal', 'grade', 'flags',
      'claimedById', 'lastEditedById', 'lastEditedAt', 'submittedAt', 'signatureId', 'approvedAt', 'publishAt', 'publishedAt', 'publicationId', 'returnedRevisionId',
      'createdAt', 'updatedAt',
    ], pkgRows);
    await insert('package_revision', ['id', 'packageId', 'seq', 'packageVersion', 'kind', 'document', 'documentHash', 'createdById', 'createdAt'], revRows);
    await insert('signature', ['id', 'packageId', 'revisionId', 'signerId', 'signerName', 'signedAt', 'documentHash', 'pdfHash', 'pdfKey', 'voidedAt', 'voidReason'], sigRows);
    await insert('audit_event', ['packageId', 'actorId', 'actorRole', 'action', 'fromState', 'toState', 'reason', 'details', 'at'], auditRows);
    await insert('package_comment', ['id', 'packageId', 'parentId', 'path', 'body', 'authorId', 'authorRole', 'auditEventId', 'createdAt', 'resolvedAt', 'resolvedById'], commentRows);
    if (sessionChunk.length) await insert('session', ['id', 'userId', 'createdAt', 'expiresAt'], sessionChunk);
    await writer.commit();
    if (units > CHUNK) log(`  … ${Math.min(units, start + CHUNK)} / ${units} units`);
  };
  let writing = Promise.resolve();
  for (let start = 0; start < units; start += CHUNK) {
    const chunk = await buildChunk(start);
    await writing;
    writing = writeChunk(chunk);
  }
  await writing;
  await writer.end();
  const rowsMs = performance.now() - tRows;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { bureauId, campaignId, units, counts, total, bytes, migrateMs, rowsMs, evalMs, tokens };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const opt = flags({ units: 3000, sessions: 300, seed: 1, database: '', sqlite: '' });
  let target;
  let label;
  if (opt.sqlite) {
    target = { kind: 'sqlite', file: opt.sqlite };
    label = opt.sqlite;
  } else {
    const mysql = serverRequire('mysql2/promise');
    const name = opt.database || `zipin_bench_${randomBytes(3).toString('hex')}`;
    const admin = await mysql.createConnection(MYSQL_URL);
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    target = { kind: 'mysql', url: `${MYSQL_URL}/${name}` };
    label = name;
  }
  console.log(`generating ${num(opt.units)} units into ${target.kind} ${label} (seed ${opt.seed})`);
  const r = await generate({ target, units: opt.units, sessions: opt.sessions, seed: opt.seed });
  mkdirSync(join(BENCH_DIR, '.data'), { recursive: true });
  const out = join(BENCH_DIR, '.data', `${label.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  writeFileSync(out, JSON.stringify({ target, ...r }, null, 1));
  console.log(`migrations ${(r.migrateMs / 1000).toFixed(1)} s; rows ${(r.rowsMs / 1000).toFixed(1)} s (evaluating the documents with @zipin/shared took ${(r.evalMs / 1000).toFixed(1)} s of it, overlapped with the writes)`);
  for (const [table, n] of Object.entries(r.counts)) console.log(`  ${table.padEnd(18)} ${num(n).padStart(9)} rows`);
  console.log(`total ${num(r.total)} rows (${num(r.bytes / 1e6, 1)} MB of values) in ${(r.rowsMs / 1000).toFixed(1)} s = ${num(r.total / (r.rowsMs / 1000))} rows/s, ${num(r.bytes / 1e6 / (r.rowsMs / 1000), 1)} MB/s`);
  console.log(`wrote ${out}`);
}
