/**
 * Backup and restore end to end: data with published PDFs and signatures, one archive, the
 * database and artifacts wiped, restored, checked, and served again by a fresh server.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { In } from 'typeorm';
import { createConnection } from 'mysql2/promise';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { PackageRevisionEntity } from '../../src/modules/package/package-revision.entity.js';
import { PublicationEntity } from '../../src/modules/publication/publication.entity.js';
import { SignatureEntity } from '../../src/modules/workflow/signature.entity.js';
import { backup, restore, verify } from '../../src/ops/backup/backup.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { TEST_MYSQL_URL } from '../support/backend.js';
import { TestApp } from '../support/test-app.js';
import { approvePackages, buildPublicationWorld } from '../support/factories-publication.js';
import { waitFor } from '../support/wait.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';
const SCHEDULE = `mutation($id: ID!, $v: Int!, $at: DateTime) { schedulePublication(packageId: $id, expectedVersion: $v, publishAt: $at) { id state } }`;
const VERIFY = `query($hash: String!) { verifySignature(hash: $hash) { valid kind unitName } }`;

/** Everything the installation holds, gone: the database emptied, the artifact folder removed. */
async function wipe(config: AppConfig): Promise<void> {
  if (config.database.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(config.database.file + suffix, { force: true });
  } else {
    const db = new URL(config.database.url).pathname.slice(1);
    const c = await createConnection(TEST_MYSQL_URL);
    await c.query(`DROP DATABASE \`${db}\``);
    await c.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await c.end();
  }
  if (config.storage.kind === 'local') rmSync(config.storage.dir, { recursive: true, force: true });
}

describe('backup and restore', () => {
  let first: TestApp | null = null;
  let second: TestApp | null = null;
  afterAll(async () => {
    await second?.close();
    await first?.env.cleanup();
  }, 60_000);

  it('restores packages, publications, PDFs and signatures into a wiped installation, and checks them', async () => {
    first = await TestApp.start({ chromiumPath, runJobs: true });
    const world = await buildPublicationWorld(first, { units: 2 });
    await approvePackages(first, world, world.packageIds);
    for (const id of world.packageIds) await first.ok(SCHEDULE, { id, v: 5, at: new Date(Date.now() + 3_000).toISOString() }, world.admin.token);
    const pkgs = first.dataSource.getRepository(PackageEntity);
    await waitFor(async () => (await pkgs.countBy({ id: In(world.packageIds), state: 'PUBLISHED' })) === 2, 120_000, 'both packages published');
    await first.drainJobs(60_000);
    const before = {
      packages: await pkgs.find({ where: { id: In(world.packageIds) }, order: { id: 'ASC' } }),
      publications: await first.dataSource.getRepository(PublicationEntity).find({ order: { id: 'ASC' } }),
      signatures: await first.dataSource.getRepository(SignatureEntity).find({ order: { id: 'ASC' } }),
    };
    expect(before.publications).toHaveLength(2);

    const config = first.config;
    const file = join(config.dataDir, '..', `zipin-backup-${process.pid}-${Date.now()}.tar.gz`);
    // Taken while the server runs (SQLite's online backup; one MySQL snapshot).
    const manifest = await backup(config, file);
    expect(manifest.database).toBe(config.database.kind);
    expect(manifest.migrations.length).toBeGreaterThan(0);
    expect(manifest.artifacts.map((a) => a.key)).toEqual(expect.arrayContaining(before.publications.map((p) => p.pdfKey)));
    await first.app.close();

    await wipe(config);
    // Restoring onto an installation that has data needs --force; an empty one does not.
    const { report } = await restore(config, file);
    expect(report.problems).toEqual([]);
    expect(report.artifactsChecked).toBeGreaterThanOrEqual(2);
    expect(report.signaturesChecked).toBe(2);
    await expect(restore(config, file)).rejects.toThrow(/--force/);

    second = await TestApp.start({ database: config.database, dataDir: config.dataDir, storage: config.storage, redis: config.redis, chromiumPath, runJobs: false });
    const after = {
      packages: await second.dataSource.getRepository(PackageEntity).find({ where: { id: In(world.packageIds) }, order: { id: 'ASC' } }),
      publications: await second.dataSource.getRepository(PublicationEntity).find({ order: { id: 'ASC' } }),
      signatures: await second.dataSource.getRepository(SignatureEntity).find({ order: { id: 'ASC' } }),
    };
    expect(after).toEqual(before);
    // The portal serves the restored PDF, byte for byte what was published; the signature verifies.
    const pub = after.publications[0]!;
    const pdf = await second.http().get(`/api/public/publications/${pub.id}.pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const v = await second.ok<{ verifySignature: any }>(VERIFY, { hash: after.signatures[0]!.documentHash });
    expect(v.verifySignature).toMatchObject({ valid: true, kind: 'DOCUMENT' });

    // The check finds what a bad restore would leave: a missing PDF, a signed document changed.
    if (config.storage.kind === 'local') rmSync(join(config.storage.dir, pub.pdfKey));
    const revision = await second.dataSource.getRepository(PackageRevisionEntity).findOneByOrFail({ id: after.signatures[0]!.revisionId });
    await second.dataSource.getRepository(PackageRevisionEntity).update({ id: revision.id }, { document: { ...revision.document, selfEvaluation: { ...revision.document.selfEvaluation, goal: { ...revision.document.selfEvaluation.goal, actual: revision.document.selfEvaluation.goal.actual + '（事后改动）' } } } });
    const broken = await verify(config);
    expect(broken.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`publication ${pub.id}: artifact .* is missing`)),
        expect.stringMatching(new RegExp(`signature ${after.signatures[0]!.id}: the signed document no longer hashes`)),
      ]),
    );
    writeFileSync(file, 'not an archive');
    await expect(restore(config, file, { force: true })).rejects.toThrow();
    rmSync(file, { force: true });
  }, 300_000);
});
