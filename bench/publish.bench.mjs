#!/usr/bin/env node
// Scheduled publication under load: N approved packages due within one window (default: 1,000
// spread over one minute), published by W worker processes' contexts (startWorker, each with its
// own warm Chromium) on MariaDB + BullMQ, or by the single embedded process on SQLite. Prints the
// lateness distribution (published − scheduled) and checks that each package was published once.
//
// As in production, each package's PDF is rendered ahead: scheduling (like approval) asks for the
// copy to be published, the workers render it, and only then does the window start (all packages
// are moved to their times in one transaction). `--fallback` schedules them straight into the
// window instead, so the PDFs race their due time (the due step retries, and a finished PDF wakes
// it): the path a package takes when it is published right after approval.
//
//   node bench/publish.bench.mjs [--packages 1000] [--window 60] [--workers 2] [--backend scaled|embedded]
//                                [--chromium npm|system|/path] [--fallback]
//
// scaled needs MariaDB and Redis, like the scaled tests: the user zipin/zipin@127.0.0.1 that
// .ci/run creates (it may create zipin% databases), and Redis at 127.0.0.1:6379 (override with
// ZIPIN_TEST_MYSQL_URL / ZIPIN_TEST_REDIS_URL). Runs the TypeScript sources through
// server/test/publication/support/ts-loader.mjs (no build step).
import { register } from 'node:module';
import { loadavg } from 'node:os';

register('../server/test/publication/support/ts-loader.mjs', import.meta.url);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const PACKAGES = Number(opt('packages', 1000));
const WINDOW_S = Number(opt('window', 60));
const WORKERS = Number(opt('workers', 2));
const backend = opt('backend', 'scaled');
const chromiumArg = opt('chromium', process.env.CHROMIUM_PATH ?? 'npm');
const fallback = args.includes('--fallback');
process.env.ZIPIN_TEST_BACKEND = backend;

// worker.ts loads reflect-metadata before anything decorated.
const { startWorker } = await import('../server/src/worker.ts');
const { TestApp } = await import('../server/test/support/test-app.ts');
const { approvePackages, buildPublicationWorld } = await import('../server/test/support/factories-publication.ts');
const { TransactionService } = await import('../server/src/database/transaction.service.ts');
const { PublicationService } = await import('../server/src/modules/publication/publication.service.ts');
const { PublicationEntity } = await import('../server/src/modules/publication/publication.entity.ts');
const { PackageEntity } = await import('../server/src/modules/package/package.entity.ts');
const { RenderEntity } = await import('../server/src/modules/render/render.entity.ts');
const { AuditEventEntity } = await import('../server/src/modules/workflow/audit-event.entity.ts');
const { Renderer } = await import('../server/src/modules/render/renderer.ts');

const chromiumPath = chromiumArg === 'system' ? null : chromiumArg;
const scaled = backend === 'scaled';
const api = await TestApp.start({ chromiumPath, runJobs: !scaled });
const workers = [];
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const wait = async (what, check, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};
try {
  const setupStarted = Date.now();
  const world = await buildPublicationWorld(api, { units: PACKAGES, login: false });
  await approvePackages(api, world, world.packageIds);
  const ids = world.packageIds;
  const admin = { userId: world.admin.id, role: 'ADMIN', unitId: null, bureauId: world.bureauId };
  const publications = api.get(PublicationService);
  const inTx = (work) => api.get(TransactionService).run(work);
  // Evenly over the window, whole milliseconds; package i at start + i·window/N.
  const timesFrom = (start) => ids.map((_, i) => new Date(start + Math.floor((i * WINDOW_S * 1000) / PACKAGES)));
  if (scaled) for (let i = 0; i < WORKERS; i++) workers.push(await startWorker({ ...api.config, runJobs: true }));
  console.log(`set up ${PACKAGES} approved packages in ${Date.now() - setupStarted} ms (load ${load()})`);

  let times;
  const pkgs = api.dataSource.getRepository(PackageEntity);
  if (!fallback) {
    // Scheduled far ahead, as after approval: the copies to be published are rendered meanwhile.
    const renderStarted = Date.now();
    await inTx(async (tx) => {
      for (const id of ids) await publications.scheduleIn(tx, admin, 'SCHEDULE', id, new Date(Date.now() + 86_400_000), 5);
    });
    const renders = api.dataSource.getRepository(RenderEntity);
    await wait('every PDF rendered ahead', async () => (await renders.createQueryBuilder('r').where('r.packageId IN (:...ids)', { ids }).andWhere("r.purpose = 'PUBLISHED' AND r.status = 'DONE'").getCount()) === PACKAGES, 60 * 60_000);
    console.log(`rendered ${PACKAGES} PDFs ahead in ${Date.now() - renderStarted} ms (load ${load()})`);
    // Then all are moved into the window in one transaction, which must commit before the window opens.
    const moveStarted = Date.now();
    times = timesFrom(Date.now() + 10_000 + PACKAGES * 60);
    await inTx(async (tx) => {
      for (const [i, id] of ids.entries()) await publications.scheduleIn(tx, admin, 'RESCHEDULE', id, times[i]);
    });
    console.log(`moved them into the window in ${Date.now() - moveStarted} ms; it opens ${times[0].getTime() - Date.now()} ms later`);
  } else {
    times = timesFrom(Date.now() + 10_000 + PACKAGES * 60);
    await inTx(async (tx) => {
      for (const [i, id] of ids.entries()) await publications.scheduleIn(tx, admin, 'SCHEDULE', id, times[i], 5);
    });
    console.log(`scheduled straight into the window (--fallback: the PDFs are rendered as their times come); it opens ${times[0].getTime() - Date.now()} ms later`);
  }
  const printedBefore = scaled ? workers.map((w) => w.get(Renderer).printed) : [api.get(Renderer).printed];
  const end = times[times.length - 1].getTime();

  await wait(
    'every package published',
    async () => (await pkgs.createQueryBuilder('p').where('p.id IN (:...ids)', { ids }).andWhere("p.state = 'PUBLISHED'").getCount()) === PACKAGES,
    end - Date.now() + 15 * 60_000,
  );
  const loadAfter = load();
  const rows = await api.dataSource.getRepository(PublicationEntity).createQueryBuilder('p').where('p.packageId IN (:...ids)', { ids }).getMany();
  const events = await api.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e').where('e.packageId IN (:...ids)', { ids }).andWhere("e.action = 'PUBLISH'").getCount();
  const once = rows.length === PACKAGES && new Set(rows.map((r) => r.packageId)).size === PACKAGES && events === PACKAGES;
  const due = new Map(ids.map((id, i) => [id, times[i].getTime()]));
  const late = rows.map((r) => r.publishedAt.getTime() - due.get(r.packageId)).sort((a, b) => a - b);
  const pct = (p) => late[Math.min(late.length - 1, Math.ceil((p / 100) * late.length) - 1)];
  const printed = scaled ? workers.map((w) => w.get(Renderer).printed) : [api.get(Renderer).printed];
  const early = late.filter((l) => l < 0).length;
  console.log(`${backend}, ${scaled ? `${WORKERS} workers` : '1 embedded process'}, Chromium ${chromiumArg}${fallback ? ', --fallback' : ', PDFs rendered ahead'}`);
  console.log(`${PACKAGES} packages due over ${WINDOW_S} s: lateness p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${late[late.length - 1]} ms${early ? `; ${early} EARLY` : ''}`);
  console.log(`PDFs printed per process before the window: ${printedBefore.join(' / ')}, during it: ${printed.map((n, i) => n - printedBefore[i]).join(' / ')}`);
  console.log(`exactly once: ${once ? 'yes' : 'NO'} (${rows.length} publications, ${events} PUBLISH events for ${PACKAGES} packages); load average after: ${loadAfter}`);
  if (!once || early) process.exitCode = 1;
} finally {
  for (const w of workers) await w.close();
  await api.close();
}
