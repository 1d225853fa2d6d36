import { SignatureEntity } from '../../src/modules/workflow/signature.entity.js';
import { RenderEntity } from '../../src/modules/render/render.entity.js';
import { ArtifactStorage } from '../../src/storage/artifact-storage.js';
import { JobEntity } from '../../src/jobs/job.entity.js';
import { RenderService } from '../../src/modules/render/render.service.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { TestApp } from '../support/test-app.js';
import { approvePackages, buildPublicationWorld, type PubWorld } from '../support/factories-publication.js';
import { waitFor } from '../support/wait.js';
import { createHash } from 'node:crypto';
import { pdfPagesText, popplerAvailable } from './pdf-tools.js';

const RENDER = 'id purpose status progress error downloadUrl pageCount sha256';
const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';

describe('PDF renders', () => {
  let app: TestApp;
  let world: PubWorld;

  beforeAll(async () => {
    app = await TestApp.start({ chromiumPath });
    world = await buildPublicationWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  async function finished(id: string, token: string) {
    return waitFor(async () => {
      const r = (await app.ok<{ render: { status: string } & Record<string, any> }>(`query($id: ID!) { render(id: $id) { ${RENDER} } }`, { id }, token)).render;
      return r.status === 'DONE' || r.status === 'FAILED' ? r : null;
    }, 60_000, 'the render to finish');
  }

  it('renders a preview of the live draft for the unit and lets only readers download it', async () => {
    const { requestPreview } = await app.ok<{ requestPreview: { id: string; status: string; progress: number } }>(
      `mutation($p: ID!) { requestPreview(packageId: $p) { ${RENDER} } }`,
      { p: world.packageIds[0] },
      world.filler.token,
    );
    expect(requestPreview.status).toBe('QUEUED');
    // A second click while it is queued gives the same render, not another job.
    const again = await app.ok<{ requestPreview: { id: string } }>(`mutation($p: ID!) { requestPreview(packageId: $p) { id } }`, { p: world.packageIds[0] }, world.filler.token);
    expect(again.requestPreview.id).toBe(requestPreview.id);

    await app.drainJobs(60_000);
    const done = await finished(requestPreview.id, world.filler.token);
    expect(done).toMatchObject({ status: 'DONE', progress: 100, error: null, downloadUrl: `/api/renders/${requestPreview.id}.pdf` });
    expect(done.pageCount).toBeGreaterThanOrEqual(3);

    const res = await app.http().get(done.downloadUrl).set('authorization', `Bearer ${world.reviewer.token}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(done.sha256);
    if (popplerAvailable()) expect(pdfPagesText(pdf)[0]).toContain('预览稿');

    const outsider = await app.http().get(done.downloadUrl).set('authorization', `Bearer ${world.outsider.token}`);
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('NOT_IN_SCOPE');
    const anonymous = await app.http().get(done.downloadUrl);
    expect(anonymous.status).toBe(401);
    const viaGraphql = await app.gql(`query($id: ID!) { render(id: $id) { id } }`, { id: done.id }, world.outsider.token);
    expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('NOT_IN_SCOPE');
  }, 90_000);

  it('refuses a preview of a package outside the user\'s unit', async () => {
    const res = await app.gql(`mutation($p: ID!) { requestPreview(packageId: $p) { id } }`, { p: world.packageIds[0] }, world.outsider.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_IN_SCOPE');
  });

  it('records the signed PDF hash on the signature and does not redo a finished render', async () => {
    await approvePackages(app, world, [world.packageIds[0]!]);
    const signature = await app.dataSource.getRepository(SignatureEntity).findOneByOrFail({ packageId: world.packageIds[0]! });
    const render = await app.get(TransactionService).run((tx) =>
      app.get(RenderService).request(tx, { packageId: world.packageIds[0]!, revisionId: signature.revisionId, purpose: 'SIGNED', requestedById: world.head.id }),
    );
    await app.drainJobs(60_000);
    const row = await app.dataSource.getRepository(RenderEntity).findOneByOrFail({ id: render.id });
    expect(row.status).toBe('DONE');
    const signed = await app.dataSource.getRepository(SignatureEntity).findOneByOrFail({ id: signature.id });
    expect(signed.pdfHash).toBe(row.sha256);
    expect(signed.pdfKey).toBe(row.artifactKey);
    const stored = await app.get(ArtifactStorage).get(row.artifactKey!);
    expect(createHash('sha256').update(stored!).digest('hex')).toBe(row.sha256);
    // Page 1 is the 封面; the 基础数据表 follows with its footer.
    if (popplerAvailable()) expect(pdfPagesText(stored!)[1]!.replace(/\s+/g, '')).toContain('单位负责人签字：负责人（测试）');

    // Running the job again (a retry after the work was done) changes nothing.
    await app.get(RenderService).execute(render.id);
    const after = await app.dataSource.getRepository(RenderEntity).findOneByOrFail({ id: render.id });
    expect(after.sha256).toBe(row.sha256);
    expect(after.finishedAt?.getTime()).toBe(row.finishedAt?.getTime());
  }, 90_000);
});

describe('PDF renders without a browser', () => {
  let app: TestApp;
  let world: PubWorld;

  beforeAll(async () => {
    app = await TestApp.start({ chromiumPath: '/nonexistent/chromium' });
    world = await buildPublicationWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  it('keeps the render queued with a Chinese reason and retries later', async () => {
    const { requestPreview } = await app.ok<{ requestPreview: { id: string } }>(`mutation($p: ID!) { requestPreview(packageId: $p) { id } }`, { p: world.packageIds[0] }, world.filler.token);
    const render = await waitFor(async () => {
      const r = (await app.ok<{ render: { status: string; error: string | null } }>(`query($id: ID!) { render(id: $id) { ${RENDER} } }`, { id: requestPreview.id }, world.filler.token)).render;
      return r.error ? r : null;
    }, 20_000, 'the render error');
    expect(render.status).toBe('QUEUED');
    expect(render.error).toContain('PDF 生成服务暂不可用');
    expect(render.error).toContain('CHROMIUM_PATH');
    // The render records its reason first; the queue records the failed attempt just after (on
    // BullMQ, in the worker's failure handler), so wait for that too.
    const jobs = app.dataSource.getRepository(JobEntity);
    const job = await waitFor(async () => {
      const j = await jobs.findOneByOrFail({ jobKey: `render.${requestPreview.id}` });
      return j.lastError ? j : null;
    }, 20_000, 'the job to record the failed attempt');
    // The queue keeps the job for another attempt (backoff), rather than failing it for good.
    expect(['PENDING', 'DISPATCHED', 'ACTIVE']).toContain(job.status);
    expect(job.lastError).toContain('暂不可用');
  }, 60_000);
});
