/**
 * MariaDB restarted (killed, as a crash would, then started again on the same data) while
 * fillers autosave and read: requests fail while it is down, and the same API process — never
 * restarted — answers again once it is back; retried saves (same saveId) apply once, so no
 * save is lost or doubled. Scaled backend only, on a mariadbd of the test's own (about 10 s to
 * install and start here), never the shared one; skipped when mariadbd is not installed.
 */
import { createConnection } from 'mysql2/promise';
import { LUKOU_2024_TEMPLATE } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { TEST_BACKEND } from '../support/backend.js';
import { buildWorld, type World } from '../support/factories.js';
import { TestApp } from '../support/test-app.js';
import { PrivateMariaDb } from './support/processes.js';

const scaled = TEST_BACKEND === 'scaled';
const runnable = scaled && PrivateMariaDb.available();
if (!runnable) console.warn('the MariaDB restart test needs ZIPIN_TEST_BACKEND=scaled and mariadbd installed (skipped)');

const LOAD = 'query($id: ID!) { package(id: $id) { id version } }';
const SAVE = `mutation($input: SavePackageInput!) { savePackage(input: $input) { package { id version } } }`;

(runnable ? describe : describe.skip)('MariaDB restarted under load', () => {
  let db: PrivateMariaDb;
  let app: TestApp;

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await db?.destroy();
  }, 60_000);

  it('recovers without restarting the API, and applies every save exactly once', async () => {
    db = await PrivateMariaDb.start();
    const admin = await createConnection(db.url);
    await admin.query('CREATE DATABASE zipin_fault CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await admin.end();
    app = await TestApp.start({ runJobs: false, database: { kind: 'mysql', url: `${db.url}/zipin_fault` } });
    const w: World = await buildWorld(app);
    const fillers = [
      { id: w.packages.a1, token: w.users['a1.filler']!.token },
      { id: w.packages.a2, token: w.users['a2.filler']!.token },
      { id: w.packages.b1, token: w.users['b1.filler']!.token },
    ];
    const document = explainWarnings(repairSeed(), LUKOU_2024_TEMPLATE, { fiscalYear: 2024 });

    let phase: 'before' | 'down' | 'after' = 'before';
    const outcomes = { before: { ok: 0, failed: 0 }, down: { ok: 0, failed: 0 }, after: { ok: 0, failed: 0 } };
    let stop = false;
    // Each filler saves in a loop; a failed save is retried with the same saveId and base version until it goes through.
    const filler = async (f: { id: string; token: string }, lane: number) => {
      let version = (await app.ok<any>(LOAD, { id: f.id }, f.token)).package.version as number;
      const start = version;
      let saves = 0;
      while (!stop) {
        const saveId = `restart-${lane}-${saves}`;
        const input = { packageId: f.id, baseVersion: version, document: { ...document, explanations: { ...document.explanations, note: saveId } }, saveId };
        for (;;) {
          const at = phase;
          const res = await app.gql<any>(SAVE, { input }, f.token).catch((e) => ({ data: null, errors: [{ message: String(e) }] }));
          if (!res.errors) {
            outcomes[at].ok++;
            version = res.data.savePackage.package.version;
            break;
          }
          outcomes[at].failed++;
          await new Promise((r) => setTimeout(r, 200));
        }
        saves++;
        await new Promise((r) => setTimeout(r, 50));
      }
      return { id: f.id, start, saves, version };
    };
    const running = fillers.map(filler);

    await new Promise((r) => setTimeout(r, 2_000));
    phase = 'down';
    await db.down('SIGKILL');
    await new Promise((r) => setTimeout(r, 3_000));
    await db.up();
    phase = 'after';
    const backAt = Date.now();
    // Recovered: fresh saves succeed again within a few seconds of the database's return.
    while (outcomes.after.ok < 10 && Date.now() - backAt < 30_000) await new Promise((r) => setTimeout(r, 100));
    const recoveredMs = Date.now() - backAt;
    await new Promise((r) => setTimeout(r, 2_000));
    stop = true;
    const lanes = await Promise.all(running);

    expect(outcomes.before.ok).toBeGreaterThan(0);
    expect(outcomes.down.failed).toBeGreaterThan(0);
    expect(outcomes.after.ok).toBeGreaterThanOrEqual(10);
    for (const lane of lanes) {
      const row = await app.dataSource.getRepository(PackageEntity).findOneByOrFail({ id: lane.id });
      // Every save the filler made is in the version count once: none lost, none applied twice.
      expect(row.version).toBe(lane.start + lane.saves);
      expect(lane.version).toBe(row.version);
    }
    console.log(`MariaDB restart: ${JSON.stringify(outcomes)}; saves accepted again ${recoveredMs} ms after restart; versions match saves on all ${lanes.length} packages`);
  }, 180_000);
});
