#!/usr/bin/env node
// Scheduled publication under load: N approved packages all due at the same moment, published
// by W worker contexts (startWorker, each with its own warm Chromium) on MariaDB + BullMQ, or by
// the single embedded process on SQLite. Prints the lateness distribution (published − scheduled)
// and throughput, and checks that each package was published exactly once.
//
//   node bench/publish.bench.mjs [--packages 200] [--workers 2] [--backend scaled|embedded] [--chromium npm|system|/path]
//
// scaled needs MariaDB (zipin/zipin@127.0.0.1) and Redis (127.0.0.1:6379), like the scaled tests
// (override with ZIPIN_TEST_MYSQL_URL / ZIPIN_TEST_REDIS_URL). Runs the TypeScript sources
// through server/test/publication/support/ts-loader.mjs (no build step).
import { register } from 'node:module';

register('../server/test/publication/support/ts-loader.mjs', import.meta.url);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const PACKAGES = Number(opt('packages', 200));
const WORKERS = Number(opt('workers', 2));
const backend = opt('backend', 'scaled');
const chromiumArg = opt('chromium', process.env.CHROMIUM_PATH ?? 'npm');
process.env.ZIPIN_TEST_BACKEND = backend;

// worker.ts loads reflect-metadata before anything decorated.
const { startWorker } = await import('../server/src/worker.ts');
const { TestApp } = await import('../server/test/support/test-app.ts');
const { approvePackages, buildPublicationWorld } = await import('../server/test/support/factories-publication.ts');
const { TransactionService } = await import('../server/src/database/transaction.service.ts');
const { PublicationService } = await import('../server/src/modules/publication/publication.service.ts');
const { PublicationEntity } = await import('../server/src/modules/publication/publication.entity.ts');
const { PackageEntity } = await import('../server/src/modules/package/package.entity.ts');
const { Renderer } = await import('../server/src/modules/render/renderer.ts');

const chromiumPath = chromiumArg === 'system' ? null : chromiumArg;
const scaled = backend === 'scaled';
const api = await TestApp.start({ chromiumPath, runJobs: !scaled });
const workers = [];
try {
  const setupStarted = Date.now();
  const world = await buildPublicationWorld(api, { units: PACKAGES, login: false });
  await approvePackages(api, world, world.packageIds);
  const admin = { userId: world.admin.id, role: 'ADMIN', unitId: null, bureauId: world.bureauId };
  const lead = 15_000;
  const publishAt = new Date(Date.now() + lead);
  await api.get(TransactionService).run(async (tx) => {
    for (const id of world.packageIds) await api.get(PublicationService).scheduleIn(tx, admin, 'SCHEDULE', id, publishAt, 5);
  });
  if (scaled) for (let i = 0; i < WORKERS; i++) workers.push(await startWorker({ ...api.config, runJobs: true }));
  console.log(`set up ${PACKAGES} packages in ${Date.now() - setupStarted} ms; all due at ${publishAt.toISOString()}`);

  const pkgs = api.dataSource.getRepository(PackageEntity);
  for (;;) {
    const n = await pkgs.createQueryBuilder('p').where('p.id IN (:...ids)', { ids: world.packageIds }).andWhere('p.state = :s', { s: 'PUBLISHED' }).getCount();
    if (n === PACKAGES) break;
    if (Date.now() > publishAt.getTime() + 15 * 60_000) throw new Error(`only ${n}/${PACKAGES} published after 15 minutes`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const rows = await api.dataSource.getRepository(PublicationEntity).createQueryBuilder('p').where('p.packageId IN (:...ids)', { ids: world.packageIds }).getMany();
  const once = rows.length === PACKAGES && new Set(rows.map((r) => r.packageId)).size === PACKAGES;
  const late = rows.map((r) => r.publishedAt.getTime() - publishAt.getTime()).sort((a, b) => a - b);
  const pct = (p) => late[Math.min(late.length - 1, Math.ceil((p / 100) * late.length) - 1)];
  const span = late[late.length - 1] / 1000;
  const printed = scaled ? workers.map((w) => w.get(Renderer).printed) : [api.get(Renderer).printed];
  console.log(`${backend}, ${scaled ? `${WORKERS} workers` : '1 embedded process'}, Chromium ${chromiumArg}`);
  console.log(`lateness p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${late[late.length - 1]} ms`);
  console.log(`throughput ${(PACKAGES / span).toFixed(1)} packages/s; PDFs printed per process: ${printed.join(' / ')}`);
  console.log(`exactly once: ${once ? 'yes' : 'NO'} (${rows.length} publications for ${PACKAGES} packages)`);
  if (!once) process.exitCode = 1;
} finally {
  for (const w of workers) await w.close();
  await api.close();
}
