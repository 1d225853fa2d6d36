import { jest } from '@jest/globals';
import { In, Like } from 'typeorm';
import { ManualClock } from '../../src/common/clock.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { JobEntity } from '../../src/jobs/job.entity.js';
import { NotificationEntity } from '../../src/modules/notification/notification.entity.js';
import { PublicationEntity } from '../../src/modules/publication/publication.entity.js';
import { PUBLISH_MAX_TRIES, PublicationService } from '../../src/modules/publication/publication.service.js';
import { PublicationSweep } from '../../src/modules/publication/publication.sweep.js';
import { PublicationPdfService } from '../../src/modules/render/publication-pdf.service.js';
import { RenderEntity } from '../../src/modules/render/render.entity.js';
import { RenderService } from '../../src/modules/render/render.service.js';
import { Renderer } from '../../src/modules/render/renderer.js';
import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { TEST_BACKEND } from '../support/backend.js';
import { TestApp } from '../support/test-app.js';
import { approvePackages, buildPublicationWorld, pkgRow, type PubWorld } from '../support/factories-publication.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';
const MINUTE = 60_000;
const SCHEDULE = `mutation($p: ID!, $v: Int!, $at: DateTime) { schedulePublication(packageId: $p, expectedVersion: $v, publishAt: $at) { id state version publishAt } }`;
const RESCHEDULE = `mutation($p: ID!, $v: Int!, $at: DateTime!) { reschedulePublication(packageId: $p, expectedVersion: $v, publishAt: $at) { id state version } }`;
const DESK = `query { packages(filter: { states: [APPROVED, SCHEDULED] }, first: 100) { nodes { id state publicationPdf { status renderId error } publicationHold { heldAt tries reason } } } }`;

/**
 * The due-time step on a clock the test moves: no job runs by itself (runJobs off), so each run
 * of the step is the test's own call, and "an hour later" takes no time.
 */
describe(`publication at its time, on a moved clock (${TEST_BACKEND})`, () => {
  let app: TestApp;
  let world: PubWorld;
  const clock = new ManualClock();
  const ids = () => world.packageIds;
  let statements = 0;

  beforeAll(async () => {
    app = await TestApp.start({ chromiumPath, runJobs: false }, { clock });
    world = await buildPublicationWorld(app, { units: 14 });
    await approvePackages(app, world, world.packageIds.slice(0, 13));
    // Counts every SQL statement the app sends (the logger sees each one, logging on or off).
    const logger = app.dataSource.logger;
    const counting = Object.create(logger) as typeof logger;
    counting.logQuery = (...args: Parameters<typeof logger.logQuery>) => {
      statements++;
      if (process.env.SHOW_SQL) console.log(String(args[0]).slice(0, 160));
      return logger.logQuery(...args);
    };
    (app.dataSource as { logger: typeof logger }).logger = counting;
    (app.dataSource.driver as unknown as { connection: { logger: typeof logger } }).connection.logger = counting;
  }, 120_000);
  afterAll(() => app?.close());

  /** The copy to be published, rendered as the prepare job would (the job queue is off here). */
  async function renderAhead(packageIds: string[]): Promise<void> {
    for (const id of packageIds) {
      const render = await app.get(PublicationPdfService).prepare(id);
      await app.get(RenderService).execute(render!.id);
    }
  }
  async function schedule(id: string, at: Date) {
    const v = (await pkgRow(app, id)).version;
    return app.gql<{ schedulePublication: { version: number } }>(SCHEDULE, { p: id, v, at: at.toISOString() }, world.admin.token);
  }
  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const before = statements;
    const result = await work();
    return { result, statements: statements - before };
  }

  it('publishes all packages due at one instant in a few statements whatever their number, exactly once with two runs at once', async () => {
    const [one, ...rest] = ids().slice(0, 9);
    await renderAhead([one!, ...rest]);
    const t1 = new Date(clock.nowMs() + MINUTE);
    const t2 = new Date(clock.nowMs() + 2 * MINUTE);
    const t3 = new Date(clock.nowMs() + 3 * MINUTE);
    for (const id of [one!]) expect((await schedule(id, t1)).errors).toBeUndefined();
    for (const id of rest.slice(0, 4)) expect((await schedule(id, t2)).errors).toBeUndefined();
    for (const id of rest.slice(4)) expect((await schedule(id, t3)).errors).toBeUndefined();
    const versions = new Map((await Promise.all(rest.map((id) => pkgRow(app, id)))).map((p) => [p.id, p.version]));

    // Before its time nothing moves.
    expect(await app.get(PublicationService).publishDue()).toEqual({ published: 0, waiting: 0, blocked: 0 });

    clock.set(t1);
    const single = await counted(() => app.get(PublicationService).publishDue());
    expect(single.result.published).toBe(1);
    clock.set(t2);
    const four = await counted(() => app.get(PublicationService).publishDue());
    expect(four.result.published).toBe(4);
    // One package or four: the same statements (the due query, the lock, one INSERT or UPDATE per
    // table; the four units have no staff to notify, so no notice INSERT).
    expect(four.statements).toBeLessThanOrEqual(single.statements);
    expect(single.statements).toBeLessThanOrEqual(12);

    // Two workers at the same instant: each package goes out once.
    clock.set(t3);
    const [a, b] = await Promise.all([app.get(PublicationService).publishDue(), app.get(PublicationService).publishDue()]);
    expect(a.published + b.published).toBe(4);

    const all = [one!, ...rest];
    const publications = await app.dataSource.getRepository(PublicationEntity).findBy({ packageId: In(all) });
    expect(publications).toHaveLength(9);
    expect(new Set(publications.map((p) => p.packageId)).size).toBe(9);
    expect(await app.dataSource.getRepository(AuditEventEntity).countBy({ packageId: In(all), action: 'PUBLISH' })).toBe(9);
    for (const id of rest) {
      const row = await pkgRow(app, id);
      expect(row.state).toBe('PUBLISHED');
      expect(row.version).toBe(versions.get(id)! + 1);
      const pub = publications.find((p) => p.packageId === id)!;
      expect(row.publicationId).toBe(pub.id);
      expect(pub.publishedAt.getTime()).toBe(row.publishAt!.getTime());
      const render = await app.dataSource.getRepository(RenderEntity).findOneByOrFail({ id: pub.renderId });
      expect(render).toMatchObject({ purpose: 'PUBLISHED', status: 'DONE', sha256: pub.pdfSha256 });
    }
    // The unit's filler and head of the first package hear of it, once.
    const notes = await app.dataSource.getRepository(NotificationEntity).findBy({ packageId: one!, kind: 'PUBLISH' });
    expect(notes.map((n) => n.userId).sort()).toEqual([world.filler.id, world.head.id].sort());
    // Again, later: nothing left to do.
    clock.advance(MINUTE);
    expect((await app.get(PublicationService).publishDue()).published).toBe(0);
  }, 180_000);

  it('holds a due package whose PDF never comes after a bounded number of tries, tells the bureau once, and the desk shows it', async () => {
    const id = ids()[9]!;
    const at = new Date(clock.nowMs() + MINUTE);
    expect((await schedule(id, at)).errors).toBeUndefined();
    clock.set(at);
    for (let i = 1; i < PUBLISH_MAX_TRIES; i++) {
      expect(await app.get(PublicationService).publishDue()).toEqual({ published: 0, waiting: 1, blocked: 0 });
      expect((await pkgRow(app, id)).publishTries).toBe(i);
      clock.advance(MINUTE);
    }
    // Each try asked for the next one.
    expect(await app.dataSource.getRepository(JobEntity).countBy({ name: 'package.publish', jobKey: Like('package.publish.retry.%') })).toBeGreaterThan(0);
    expect(await app.get(PublicationService).publishDue()).toEqual({ published: 0, waiting: 0, blocked: 1 });
    // Held: further runs and the sweep leave it alone, and nobody is told twice.
    expect(await app.get(PublicationService).publishDue()).toEqual({ published: 0, waiting: 0, blocked: 0 });
    const row = await pkgRow(app, id);
    expect(row.state).toBe('SCHEDULED');
    expect(row.publishBlockedAt).not.toBeNull();
    const events = await app.dataSource.getRepository(AuditEventEntity).findBy({ packageId: id, action: 'PUBLISH_BLOCKED' });
    expect(events).toHaveLength(1);
    expect(events[0]!.reason).toBe(`到公开时间后${PUBLISH_MAX_TRIES}次仍未生成 PDF`);
    const alerts = await app.dataSource.getRepository(NotificationEntity).findBy({ packageId: id, kind: 'PUBLISH_BLOCKED' });
    expect(alerts.map((n) => n.userId).sort()).toEqual([world.admin.id, world.reviewer.id].sort());
    expect(alerts[0]!.body).toContain('公开台');
    const desk = await app.ok<{ packages: { nodes: any[] } }>(DESK, {}, world.admin.token);
    expect(desk.packages.nodes.find((n) => n.id === id)).toMatchObject({
      publicationPdf: { status: 'MISSING' }, // the job queue is off here: its render was asked for, never run
      publicationHold: { tries: PUBLISH_MAX_TRIES - 1, reason: `到公开时间后${PUBLISH_MAX_TRIES}次仍未生成 PDF` },
    });

    // Rescheduled once the PDF exists: the hold is lifted and it goes out at the new time.
    await renderAhead([id]);
    const next = new Date(clock.nowMs() + MINUTE);
    const moved = await app.gql(RESCHEDULE, { p: id, v: row.version, at: next.toISOString() }, world.admin.token);
    expect(moved.errors).toBeUndefined();
    expect(await pkgRow(app, id)).toMatchObject({ publishTries: 0, publishBlockedAt: null });
    clock.set(next);
    expect((await app.get(PublicationService).publishDue()).published).toBe(1);
  }, 120_000);

  it('a publication that cannot render is held at its time and the bureau told; scheduling it again is refused in Chinese and English', async () => {
    const id = ids()[10]!;
    const at = new Date(clock.nowMs() + MINUTE);
    expect((await schedule(id, at)).errors).toBeUndefined();
    // The template cannot be rendered (a crashing browser, a broken template): the render fails for good.
    const renderer = app.get(Renderer);
    const spy = jest.spyOn(renderer, 'pdf').mockRejectedValue(new Error('Target page, context or browser has been closed'));
    try {
      const render = await app.get(PublicationPdfService).prepare(id);
      await expect(app.get(RenderService).execute(render!.id, { attempt: 5, maxAttempts: 5 })).rejects.toThrow();
    } finally {
      spy.mockRestore();
    }
    const failed = await app.dataSource.getRepository(RenderEntity).findOneByOrFail({ id: (await pkgRow(app, id)).publishRenderId! });
    expect(failed.status).toBe('FAILED');

    clock.set(at);
    // No tries to wait out: a failed PDF holds the schedule at once.
    expect(await app.get(PublicationService).publishDue()).toEqual({ published: 0, waiting: 0, blocked: 1 });
    const events = await app.dataSource.getRepository(AuditEventEntity).findBy({ packageId: id, action: 'PUBLISH_BLOCKED' });
    expect(events).toHaveLength(1);
    expect(events[0]!.reason).toMatch(/^PDF 生成失败：/);
    expect(await app.dataSource.getRepository(NotificationEntity).countBy({ packageId: id, kind: 'PUBLISH_BLOCKED' })).toBe(2);

    const v = (await pkgRow(app, id)).version;
    const refused = await app.gql(RESCHEDULE, { p: id, v, at: new Date(clock.nowMs() + MINUTE).toISOString() }, world.admin.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('PUBLICATION_PDF_FAILED');
    expect(refused.errors?.[0]?.message).toContain('PDF 生成失败');
    expect(refused.errors?.[0]?.extensions?.details?.reasonEn).toContain('failed to render');
    // Nothing of the refused schedule stayed, but the PDF is asked for again.
    expect((await pkgRow(app, id)).version).toBe(v);
    const prepares = await app.dataSource.getRepository(JobEntity).findBy({ name: 'package.prepare-pdf' });
    expect(prepares.filter((j) => j.payload.packageId === id && j.createdAt.getTime() >= clock.nowMs()).length).toBeGreaterThan(0);
    const again = await app.get(PublicationPdfService).prepare(id);
    expect(again!.id).not.toBe(failed.id);
    expect(again!.status).toBe('QUEUED');
  }, 120_000);

  it('renders the copy again only when what it shows changes (here, a new opinion on the approval)', async () => {
    const id = ids()[11]!;
    await renderAhead([id]);
    const first = (await pkgRow(app, id)).publishRenderId!;
    expect((await app.get(PublicationPdfService).prepare(id))!.id).toBe(first);
    await app.get(TransactionService).run((tx) =>
      tx.manager.getRepository(AuditEventEntity).insert({
        packageId: id,
        actorId: world.reviewer.id,
        actorRole: 'REVIEWER',
        action: 'APPROVE',
        fromState: 'IN_REVIEW',
        toState: 'APPROVED',
        reason: '同意公开，请按期整改。',
        details: null,
        at: clock.now(),
      }),
    );
    const second = await app.get(PublicationPdfService).prepare(id);
    expect(second!.id).not.toBe(first);
    const old = await app.dataSource.getRepository(RenderEntity).findOneByOrFail({ id: first });
    expect(second!.modelHash).not.toBe(old.modelHash);
    expect((await pkgRow(app, id)).publishRenderId).toBe(second!.id);
  }, 60_000);

  it('the sweep finds a backlog in one query and queues one catch-up run; the clock also decides what is in the past', async () => {
    const backlog = [ids()[12]!];
    await renderAhead(backlog);
    const at = new Date(clock.nowMs() + MINUTE);
    for (const id of backlog) expect((await schedule(id, at)).errors).toBeUndefined();
    clock.set(new Date(at.getTime() + 10 * MINUTE)); // the workers were down for ten minutes
    const swept = await counted(() => app.get(PublicationSweep).sweep(clock.now()));
    // One query for what is due, one enqueue (and, with BullMQ, the relay's own look at the outbox).
    expect(swept.statements).toBeLessThanOrEqual(10);
    const minute = Math.floor(clock.nowMs() / MINUTE);
    const catchUp = await app.dataSource.getRepository(JobEntity).findOneByOrFail({ jobKey: `package.publish.sweep.${minute}` });
    expect(catchUp.payload).toEqual({ dueAtMs: at.getTime() });
    expect((await app.get(PublicationService).publishDue(catchUp.payload.dueAtMs as number)).published).toBe(1);

    // Ten minutes on the app's clock: a time five minutes from the wall clock is already past.
    const stale = await schedule(ids()[13]!, new Date(Date.now() + 5 * MINUTE));
    expect(stale.errors?.[0]?.extensions?.code).toBe('TRANSITION_NOT_ALLOWED');
  }, 60_000);
});
