/**
 * Upgrades: a database built by the previous release's migrations (fixtures/release-7ee0e60,
 * copied from that commit) and filled with its data is migrated forward by today's server,
 * and every row still reads and verifies. A database newer than the build stops it at boot.
 */
import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL } from '@zipin/shared';
import { repairSeed } from '../../src/demo/demo-documents.js';
import { documentHash } from '../../src/modules/package/package-revision.service.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { startWorker } from '../../src/worker.js';
import { createTestEnvironment, type TestEnvironment } from '../support/backend.js';
import { TestApp } from '../support/test-app.js';
import { MIGRATIONS as RELEASE_MIGRATIONS } from './fixtures/release-7ee0e60/index.js';

const PASSWORD = 'Upgrade-passw0rd';
const ts = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The previous release's schema, and rows as that release wrote them (plain SQL, its columns). */
async function buildReleaseDatabase(env: TestEnvironment) {
  const options = { ...(await import('../../src/database/data-source.js')).dataSourceOptions(env.config), entities: [], migrations: RELEASE_MIGRATIONS };
  const ds = await new DataSource(options).initialize();
  const ids = { bureau: randomUUID(), unit: randomUUID(), filler: randomUUID(), head: randomUUID(), campaign: randomUUID(), pkg: randomUUID(), revision: randomUUID(), signature: randomUUID() };
  const doc = repairSeed(SEED_2024_LUKOU_GSL);
  const hash = documentHash(doc);
  const now = new Date();
  const insert = (table: string, row: Record<string, unknown>) =>
    ds.query(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`, Object.values(row));
  await insert('bureau', { id: ids.bureau, code: 'UPG', name: '升级测试财政局', region: '升级区' });
  await insert('unit', { id: ids.unit, bureauId: ids.bureau, code: '001', name: '升级测试单位', category: '行政单位' });
  const passwordHash = await argon2.hash(PASSWORD);
  await insert('user_account', { id: ids.filler, username: `upg.filler.${ids.unit.slice(0, 6)}`, displayName: '填表人', passwordHash, role: 'FILLER', bureauId: ids.bureau, unitId: ids.unit });
  await insert('user_account', { id: ids.head, username: `upg.head.${ids.unit.slice(0, 6)}`, displayName: '负责人', passwordHash, role: 'UNIT_HEAD', bureauId: ids.bureau, unitId: ids.unit });
  await insert('campaign', {
    id: ids.campaign, bureauId: ids.bureau, fiscalYear: 2024, title: '2024年度绩效自评', documentNumber: '升财（2025）1号', template: JSON.stringify(LUKOU_2024_TEMPLATE),
    submissionDeadline: ts(new Date(now.getTime() + 10 * 86_400_000)), publicationDeadline: ts(new Date(now.getTime() + 30 * 86_400_000)), timezone: 'Asia/Shanghai', openedAt: ts(now),
  });
  await insert('package', {
    id: ids.pkg, campaignId: ids.campaign, unitId: ids.unit, bureauId: ids.bureau, fiscalYear: 2024, state: 'SUBMITTED', version: 4, document: JSON.stringify(doc),
    declaredTotal: '97.00', grade: '优', submittedAt: ts(now), signatureId: ids.signature,
  });
  await insert('package_revision', { id: ids.revision, packageId: ids.pkg, seq: 1, packageVersion: 4, kind: 'SIGN', document: JSON.stringify(doc), documentHash: hash, createdById: ids.head, createdAt: ts(now) });
  await insert('signature', { id: ids.signature, packageId: ids.pkg, revisionId: ids.revision, signerId: ids.head, signerName: '负责人', signedAt: ts(now), documentHash: hash });
  await ds.destroy();
  return { ids, doc, hash, usernames: { filler: `upg.filler.${ids.unit.slice(0, 6)}` } };
}

describe('upgrading from the previous release', () => {
  let app: TestApp | null = null;
  let env: TestEnvironment | null = null;
  afterEach(async () => {
    await app?.close();
    await env?.cleanup();
    app = null;
    env = null;
  }, 60_000);

  it("runs today's migrations over the previous release's data and keeps every row readable", async () => {
    env = await createTestEnvironment();
    const release = await buildReleaseDatabase(env);
    app = await TestApp.start({ database: env.config.database, dataDir: env.config.dataDir, storage: env.config.storage, redis: env.config.redis, runJobs: false });
    const applied = (await app.dataSource.query('SELECT name FROM migrations ORDER BY id')).map((r: { name: string }) => r.name);
    expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
    const token = await app.login(release.usernames.filler, PASSWORD);
    const r = await app.ok<{ package: any }>('query($id: ID!) { package(id: $id) { id state version document signature { documentHash signerName } } }', { id: release.ids.pkg }, token);
    expect(r.package).toMatchObject({ id: release.ids.pkg, state: 'SUBMITTED', version: 4, signature: { documentHash: release.hash, signerName: '负责人' } });
    expect(r.package.document).toEqual(JSON.parse(JSON.stringify(release.doc)));
    const v = await app.ok<{ verifySignature: any }>('query($h: String!) { verifySignature(hash: $h) { valid unitName } }', { h: release.hash });
    expect(v.verifySignature).toEqual({ valid: true, unitName: '升级测试单位' });
  }, 120_000);

  it('refuses to start on a schema written by a newer release, naming it', async () => {
    const first = await TestApp.start({ runJobs: false });
    const config = first.config;
    await first.dataSource.query("INSERT INTO migrations (timestamp, name) VALUES (1799999999999, 'FutureFeature1799999999999')");
    await first.app.close();
    env = first.env;
    const started = Date.now();
    await expect(TestApp.start({ database: config.database, dataDir: config.dataDir, redis: config.redis, runJobs: false })).rejects.toThrow(
      /schema is newer than this build of Zipin: it has FutureFeature1799999999999/,
    );
    // Not retried like a lost connection: the answer cannot change.
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 60_000);

  it('keeps a worker from starting before the API has migrated the database', async () => {
    env = await createTestEnvironment();
    await expect(startWorker({ ...env.config })).rejects.toThrow(/older than this build .*start the API process first/);
  }, 60_000);
});
