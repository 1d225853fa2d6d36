import { createHash } from 'node:crypto';
import { TransactionService } from '../../src/database/transaction.service.js';
import { JobEntity } from '../../src/jobs/job.entity.js';
import { NotificationEntity } from '../../src/modules/notification/notification.entity.js';
import { PublicationEntity } from '../../src/modules/publication/publication.entity.js';
import { PublicationService } from '../../src/modules/publication/publication.service.js';
import { seedPublicationDemo } from '../../src/modules/publication/publication-demo.js';
import { PublicationSweep } from '../../src/modules/publication/publication.sweep.js';
import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { SignatureEntity } from '../../src/modules/workflow/signature.entity.js';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { PUBLISH_QUEUE_NAME } from '../../src/jobs/queue-tokens.js';
import { RenderEntity } from '../../src/modules/render/render.entity.js';
import { TEST_BACKEND } from '../support/backend.js';
import { TestApp } from '../support/test-app.js';
import { approvePackages, buildPublicationWorld, pkgRow, publishableSeed, type PubWorld } from '../support/factories-publication.js';
import { PackageRevisionEntity } from '../../src/modules/package/package-revision.entity.js';
import { waitFor } from '../support/wait.js';
import { pdfPagesText, popplerAvailable } from '../render/pdf-tools.js';

const PKG = 'id state version publishAt publishedAt';
const PUBLIC = 'publicationId packageId unitName fiscalYear bureauName publishedAt retractedAt retractReason pdfUrl htmlUrl pdfSha256 totalScore grade gradeLabel signerName';
const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';

function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('scheduled publication', () => {
  let app: TestApp;
  let world: PubWorld;

  beforeAll(async () => {
    app = await TestApp.start({ chromiumPath });
    world = await buildPublicationWorld(app, { units: 8 });
    await approvePackages(app, world, [...world.packageIds.slice(0, 5), ...world.packageIds.slice(6)]);
  }, 90_000);
  afterAll(() => app?.close());

  const schedule = (packageId: string, expectedVersion: number, publishAt?: Date) =>
    app.gql<{ schedulePublication: any }>(
      `mutation($p: ID!, $v: Int!, $at: DateTime) { schedulePublication(packageId: $p, expectedVersion: $v, publishAt: $at) { ${PKG} } }`,
      { p: packageId, v: expectedVersion, at: publishAt?.toISOString() ?? null },
      world.admin.token,
    );

  async function publishedRow(packageId: string) {
    return waitFor(() => app.dataSource.getRepository(PublicationEntity).findOneBy({ packageId }), 60_000, 'the publication');
  }

  it("schedules for the campaign's publication deadline by default, with one delayed job and the copy to publish asked for", async () => {
    const id = world.packageIds[4]!;
    const res = await schedule(id, 5);
    expect(res.errors).toBeUndefined();
    const pkg = res.data!.schedulePublication;
    expect(pkg.state).toBe('SCHEDULED');
    const row = await pkgRow(app, id);
    const campaign = await app.dataSource.getRepository('CampaignEntity').findOneByOrFail({ id: world.campaignId });
    expect(row.publishAt?.getTime()).toBe((campaign as { publicationDeadline: Date }).publicationDeadline.getTime());
    const jobs = await app.dataSource.getRepository(JobEntity).findBy({ name: 'package.publish' });
    const mine = jobs.filter((j) => j.payload.dueAtMs === row.publishAt!.getTime());
    expect(mine).toHaveLength(1);
    expect(mine[0]!.jobKey).toBe(`package.publish.${row.publishAt!.getTime()}`);
    expect(mine[0]!.runAt.getTime()).toBeGreaterThan(Date.now() + 20 * 86_400_000);
    // The PDF that will go public is rendered now, weeks before its time.
    await app.drainJobs(60_000);
    const ready = await pkgRow(app, id);
    const render = await app.dataSource.getRepository(RenderEntity).findOneByOrFail({ id: ready.publishRenderId! });
    expect(render).toMatchObject({ purpose: 'PUBLISHED', status: 'DONE' });
    expect(render.modelHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a time in the past, a unit user, and a package that is not approved', async () => {
    const past = await schedule(world.packageIds[3]!, 5, new Date(Date.now() - 60_000));
    expect(past.errors?.[0]?.extensions?.code).toBe('PUBLISH_TIME_INVALID');
    const byFiller = await app.gql(`mutation($p: ID!) { schedulePublication(packageId: $p, expectedVersion: 5) { id } }`, { p: world.packageIds[3] }, world.filler.token);
    expect(byFiller.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const draft = await schedule(world.packageIds[5]!, 1, new Date(Date.now() + 60_000));
    expect(draft.errors?.[0]?.extensions?.code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('publishes at the scheduled time exactly once, with the PDF, on the portal', async () => {
    const id = world.packageIds[0]!;
    const at = new Date(Date.now() + 1_500);
    const res = await schedule(id, 5, at);
    expect(res.errors).toBeUndefined();
    await waitFor(async () => Date.now() > at.getTime(), 5_000);
    await app.drainJobs(60_000);
    const publication = await publishedRow(id);
    const pkg = await pkgRow(app, id);
    expect(pkg.state).toBe('PUBLISHED');
    expect(pkg.publicationId).toBe(publication.id);
    expect(publication.publishedAt.getTime()).toBeGreaterThanOrEqual(at.getTime());

    // A duplicate job, a retry, a second worker: nothing changes.
    await expect(app.get(PublicationService).publishDue(at.getTime())).resolves.toMatchObject({ published: 0 });
    await app.get(TransactionService).run((tx) => app.get(PublicationService).enqueueDue(tx, at, `package.publish.${at.getTime()}.r1`));
    await app.drainJobs(60_000);
    expect(await app.dataSource.getRepository(PublicationEntity).countBy({ packageId: id })).toBe(1);
    expect(await app.dataSource.getRepository(AuditEventEntity).countBy({ packageId: id, action: 'PUBLISH' })).toBe(1);

    const years = await app.ok<{ publicYears: number[] }>('{ publicYears }');
    expect(years.publicYears).toEqual([2024]);
    const list = await app.ok<{ publicPackages: { totalCount: number; nodes: any[] } }>(
      `query($y: Int, $q: String) { publicPackages(fiscalYear: $y, search: $q) { totalCount nodes { ${PUBLIC} } } }`,
      { y: 2024, q: '工商业' },
    );
    expect(list.publicPackages.totalCount).toBe(1);
    const node = list.publicPackages.nodes[0];
    expect(node).toMatchObject({ packageId: id, unitName: '测试区工商业联合会', bureauName: '测试区财政局', fiscalYear: 2024, retractedAt: null, signerName: '负责人（测试）', totalScore: '97', grade: 'EXCELLENT', gradeLabel: '优' });
    const none = await app.ok<{ publicPackages: { totalCount: number } }>(`{ publicPackages(search: "100%_") { totalCount } }`);
    expect(none.publicPackages.totalCount).toBe(0);

    const pdfRes = await app.http().get(node.pdfUrl).buffer(true).parse(binary);
    expect(pdfRes.status).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    expect(pdfRes.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2024年度测试区工商业联合会整体支出绩效自评材料.pdf')}`);
    const pdf = pdfRes.body as Buffer;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(node.pdfSha256);
    if (popplerAvailable()) {
      const text = pdfPagesText(pdf).join('').replace(/\s+/g, '');
      expect(text).toContain('单位负责人签字：负责人（测试）');
      // The 封面's 财政部门 box carries the bureau's approval.
      expect(text).toContain('审核人（测试）');
      expect(text).not.toContain('预览稿');
    }

    const htmlRes = await app.http().get(node.htmlUrl);
    expect(htmlRes.status).toBe(200);
    expect(htmlRes.headers['content-type']).toContain('text/html');
    expect(htmlRes.text).toContain('2024年度部门（单位）整体支出绩效评价基础数据表');
    expect(htmlRes.text).toContain('测试区工商业联合会');
    expect(htmlRes.text).toContain(node.pdfSha256);

    const feed = await app.http().get('/api/public/feed.atom');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.text).toContain(`urn:uuid:${publication.id}`);
    expect(feed.text).toContain('2024年度测试区工商业联合会整体支出绩效自评材料');

    // Anyone can check a downloaded file: the same bytes verify, one changed byte does not.
    const ok = await app.http().post('/api/public/verify').set('content-type', 'application/pdf').send(pdf);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ valid: true, kind: 'PUBLISHED', publicationId: publication.id, unitName: '测试区工商业联合会', signerName: '负责人（测试）' });
    const tampered = Buffer.from(pdf);
    tampered[tampered.length - 10] ^= 1;
    const bad = await app.http().post('/api/public/verify').set('content-type', 'application/pdf').send(tampered);
    expect(bad.body.valid).toBe(false);
    const byHash = await app.http().post(`/api/public/verify?sha256=${node.pdfSha256}`);
    expect(byHash.body.valid).toBe(true);
    const notPdf = await app.http().post('/api/public/verify').set('content-type', 'application/octet-stream').send(Buffer.from('hello'));
    expect(notPdf.status).toBe(400);
  }, 120_000);

  it('publishes the copy rendered ahead (the approval on its cover), while the signed PDF still verifies as signed', async () => {
    const id = world.packageIds[1]!;
    const signature = await app.dataSource.getRepository(SignatureEntity).findOneByOrFail({ packageId: id });
    const { RenderService } = await import('../../src/modules/render/render.service.js');
    await app.get(TransactionService).run((tx) => app.get(RenderService).request(tx, { packageId: id, revisionId: signature.revisionId, purpose: 'SIGNED', requestedById: world.head.id }));
    await app.drainJobs(60_000);
    const signed = await app.dataSource.getRepository(SignatureEntity).findOneByOrFail({ id: signature.id });
    expect(signed.pdfHash).toMatch(/^[0-9a-f]{64}$/);
    const at = new Date(Date.now() + 1_200);
    expect((await schedule(id, 5, at)).errors).toBeUndefined();
    await waitFor(async () => Date.now() > at.getTime(), 5_000);
    await app.drainJobs(60_000);
    const publication = await publishedRow(id);
    const copy = await app.dataSource.getRepository(RenderEntity).findOneByOrFail({ id: publication.renderId });
    expect(copy.purpose).toBe('PUBLISHED');
    expect(publication.pdfSha256).toBe(copy.sha256);
    expect(publication.signatureId).toBe(signature.id);
    const asSigned = await app.http().post(`/api/public/verify?sha256=${signed.pdfHash}`);
    expect(asSigned.body).toMatchObject({ valid: true, signerName: '负责人（测试）' });
  }, 120_000);

  it('ignores the old job after a reschedule and after unscheduling', async () => {
    const id = world.packageIds[2]!;
    const first = new Date(Date.now() + 1_000);
    expect((await schedule(id, 5, first)).errors).toBeUndefined();
    const later = new Date(Date.now() + 3_600_000);
    const moved = await app.gql<{ reschedulePublication: any }>(
      `mutation($p: ID!, $v: Int!, $at: DateTime!) { reschedulePublication(packageId: $p, expectedVersion: $v, publishAt: $at) { ${PKG} } }`,
      { p: id, v: 6, at: later.toISOString() },
      world.reviewer.token,
    );
    expect(moved.errors).toBeUndefined();
    await waitFor(async () => Date.now() > first.getTime(), 5_000);
    await app.drainJobs(30_000);
    let pkg = await pkgRow(app, id);
    expect(pkg.state).toBe('SCHEDULED');
    expect(pkg.publishAt?.getTime()).toBe(later.getTime());
    // The old job ran and found its time stale.
    const old = await app.dataSource.getRepository(JobEntity).findOneByOrFail({ jobKey: `package.publish.${first.getTime()}` });
    expect(old.status).toBe('DONE');

    const off = await app.gql(`mutation($p: ID!, $v: Int!) { unschedulePublication(packageId: $p, expectedVersion: $v) { ${PKG} } }`, { p: id, v: 7 }, world.admin.token);
    expect(off.errors).toBeUndefined();
    await expect(app.get(PublicationService).publishDue()).resolves.toMatchObject({ published: 0 });
    pkg = await pkgRow(app, id);
    expect(pkg.state).toBe('APPROVED');
    expect(pkg.publishAt).toBeNull();
    expect(await app.dataSource.getRepository(PublicationEntity).countBy({ packageId: id })).toBe(0);
  }, 60_000);

  it('retracts with a reason: the page then says when and why, the PDF is gone', async () => {
    const id = world.packageIds[0]!;
    const publication = await app.dataSource.getRepository(PublicationEntity).findOneByOrFail({ packageId: id });
    const pkg = await pkgRow(app, id);
    const byReviewer = await app.gql(`mutation($p: ID!, $v: Int!) { retractPublication(packageId: $p, expectedVersion: $v, reason: "数据有误") { id } }`, { p: id, v: pkg.version }, world.reviewer.token);
    expect(byReviewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await app.gql(`mutation($p: ID!, $v: Int!) { retractPublication(packageId: $p, expectedVersion: $v, reason: " ") { id } }`, { p: id, v: pkg.version }, world.admin.token);
    expect(noReason.errors?.[0]?.extensions?.code).toBe('REASON_REQUIRED');
    const res = await app.gql<{ retractPublication: any }>(
      `mutation($p: ID!, $v: Int!) { retractPublication(packageId: $p, expectedVersion: $v, reason: "基础数据表<公用经费>填报有误") { ${PKG} } }`,
      { p: id, v: pkg.version },
      world.admin.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.retractPublication.state).toBe('APPROVED');
    const page = await app.http().get(`/api/public/publications/${publication.id}.html`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/已于\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d撤回：基础数据表&lt;公用经费&gt;填报有误/);
    expect(page.text).not.toContain('整体支出绩效评价基础数据表</h1>');
    const pdf = await app.http().get(`/api/public/publications/${publication.id}.pdf`);
    expect(pdf.status).toBe(404);
    const one = await app.ok<{ publicPackage: any }>(`query($id: ID!) { publicPackage(publicationId: $id) { ${PUBLIC} } }`, { id: publication.id });
    expect(one.publicPackage).toMatchObject({ retractReason: '基础数据表<公用经费>填报有误', pdfUrl: null });
    const verify = await app.http().post(`/api/public/verify?sha256=${publication.pdfSha256}`);
    expect(verify.body).toMatchObject({ valid: false, kind: 'PUBLISHED' });
    expect(verify.body.messageZh).toContain('撤回');
    const list = await app.ok<{ publicPackages: { totalCount: number } }>('{ publicPackages { totalCount } }');
    expect(list.publicPackages.totalCount).toBe(1); // only package 1's publication is still up
  }, 60_000);

  it('does not publish a package whose checks now find errors, and tells the bureau once', async () => {
    const id = world.packageIds[3]!;
    // Approved under older rules: today's checks find an error in the frozen revision.
    const broken = publishableSeed();
    broken.selfEvaluation.indicators[0]!.score = '50'; // above its weight of 5
    await app.get(TransactionService).run((tx) => tx.manager.getRepository(PackageRevisionEntity).update({ packageId: id }, { document: broken }));
    const at = new Date(Date.now() + 1_000);
    expect((await schedule(id, 5, at)).errors).toBeUndefined();
    // The copy to be published is refused by the checks; at its time the schedule is held.
    await waitFor(() => app.dataSource.getRepository(AuditEventEntity).findOneBy({ packageId: id, action: 'PUBLISH_BLOCKED' }), 60_000, 'the hold');
    expect((await pkgRow(app, id)).state).toBe('SCHEDULED');
    const events = await app.dataSource.getRepository(AuditEventEntity).findBy({ packageId: id, action: 'PUBLISH_BLOCKED' });
    expect(events).toHaveLength(1);
    expect(events[0]!.reason).toContain('错误');
    const notes = await app.dataSource.getRepository(NotificationEntity).findBy({ packageId: id, kind: 'PUBLISH_BLOCKED' });
    expect(notes.map((n) => n.userId).sort()).toEqual([world.admin.id, world.reviewer.id].sort());
    // The sweep does not keep retrying a refused package.
    await app.get(PublicationSweep).sweep(new Date());
    await app.drainJobs(30_000);
    expect(await app.dataSource.getRepository(AuditEventEntity).countBy({ packageId: id, action: 'PUBLISH_BLOCKED' })).toBe(1);
    expect(await app.dataSource.getRepository(PublicationEntity).countBy({ packageId: id })).toBe(0);
  }, 60_000);

  it('re-queues a due publication whose job was lost', async () => {
    const id = world.packageIds[4]!; // scheduled for the deadline in the first test
    const pkg = await pkgRow(app, id);
    const at = new Date(Date.now() + 800);
    const moved = await app.gql(`mutation($p: ID!, $v: Int!, $at: DateTime!) { reschedulePublication(packageId: $p, expectedVersion: $v, publishAt: $at) { id } }`, { p: id, v: pkg.version, at: at.toISOString() }, world.admin.token);
    expect(moved.errors).toBeUndefined();
    // Lose the job: embedded, its row; with BullMQ, the job in Redis (a flush or a failover),
    // leaving the row saying DISPATCHED.
    const key = `package.publish.${at.getTime()}`;
    if (TEST_BACKEND === 'embedded') {
      await app.get(TransactionService).run((tx) => tx.manager.getRepository(JobEntity).delete({ jobKey: key }));
    } else {
      await waitFor(async () => (await app.dataSource.getRepository(JobEntity).findOneByOrFail({ jobKey: key })).status === 'DISPATCHED', 10_000, 'the relay');
      await app.get<Queue>(getQueueToken(PUBLISH_QUEUE_NAME) as any).remove(key);
    }
    await waitFor(async () => Date.now() > at.getTime() + 1_000, 5_000);
    if (TEST_BACKEND === 'embedded') await app.drainJobs(30_000);
    expect((await pkgRow(app, id)).state).toBe('SCHEDULED');
    // The sweep finds it past its time and queues one catch-up run for everything overdue.
    await app.get(PublicationSweep).sweep(new Date());
    await waitFor(async () => (await pkgRow(app, id)).state === 'PUBLISHED', 60_000, 'the publication');
    expect(await app.dataSource.getRepository(PublicationEntity).countBy({ packageId: id })).toBe(1);
  }, 90_000);

  it('seeds the demo: one package published right after start-up, one scheduled for later', async () => {
    const [now, later] = [world.packageIds[6]!, world.packageIds[7]!];
    await app.get(TransactionService).run((tx) =>
      seedPublicationDemo(app.get(PublicationService), tx, { bureauId: world.bureauId, actorUserId: world.admin.id, publishNowPackageId: now, scheduleLaterPackageId: later }),
    );
    // The queue runs it on its own (no drain: the lost job of the previous test stays open in Redis mode).
    await waitFor(async () => (await pkgRow(app, now)).state === 'PUBLISHED', 60_000, 'the demo publication');
    const scheduled = await pkgRow(app, later);
    expect(scheduled.state).toBe('SCHEDULED');
    expect(scheduled.publishAt!.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(await app.dataSource.getRepository(PublicationEntity).countBy({ packageId: now })).toBe(1);
  }, 90_000);
});
