import { PublicationEntity } from '../../src/modules/publication/publication.entity.js';
import { TestApp } from '../support/test-app.js';
import { approvePackages, buildPublicationWorld, pkgRow, type PubWorld } from '../support/factories-publication.js';
import { waitFor } from '../support/wait.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';

/** A minimal multipart/form-data body as a browser's form sends it. */
function multipart(parts: { name: string; filename?: string; type?: string; data: Buffer | string }[]) {
  const boundary = `----zipinform${Date.now().toString(36)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = p.filename !== undefined ? `form-data; name="${p.name}"; filename="${p.filename}"` : `form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** Visible text of a page, roughly as a person (or a crawler) reads it. */
const textOf = (page: string) =>
  page
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, '');

describe('the public portal as server-rendered pages', () => {
  let app: TestApp;
  let world: PubWorld;
  let publication: PublicationEntity;

  beforeAll(async () => {
    app = await TestApp.start({ chromiumPath });
    world = await buildPublicationWorld(app, { units: 2 });
    await approvePackages(app, world, [world.packageIds[0]!]);
    const row = await pkgRow(app, world.packageIds[0]!);
    const at = new Date(Date.now() + 1500);
    await app.ok(
      `mutation($p: ID!, $v: Int!, $at: DateTime) { schedulePublication(packageId: $p, expectedVersion: $v, publishAt: $at) { id } }`,
      { p: row.id, v: row.version, at: at.toISOString() },
      world.admin.token,
    );
    publication = await waitFor(() => app.dataSource.getRepository(PublicationEntity).findOneBy({ packageId: row.id }), 90_000, 'the publication');
  }, 150_000);
  afterAll(() => app?.close());

  it('lists published packages as plain HTML with no script, a title, a description and a canonical URL', async () => {
    const res = await app.http().get('/portal').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).not.toMatch(/<script/i);
    expect(res.text).toMatch(/<title>部门整体支出绩效自评公开<\/title>/);
    expect(res.text).toMatch(/<meta name="description" content="[^"]+"/);
    expect(res.text).toContain(`<link rel="canonical" href="${app.config.publicUrl}/portal" />`);
    expect(res.text.match(/<main\b/g)).toHaveLength(1);
    expect(res.text).toContain('href="#main"'); // skip link
    const text = textOf(res.text);
    expect(text).toContain('2024年度测试区工商业联合会整体支出绩效自评材料');
    expect(text).not.toContain('测试区第2预算单位'); // approved only, never published
    expect(res.text).toContain(`href="/portal/p/${publication.id}"`);
    expect(res.text).toContain(`href="/api/public/publications/${publication.id}.pdf"`);
  });

  it('searches by unit name and filters by year through the query string, and says when nothing matches', async () => {
    const hit = await app.http().get('/portal').query({ q: '工商业', year: '2024' }).expect(200);
    expect(textOf(hit.text)).toContain('测试区工商业联合会');
    expect(hit.text).toContain('<option value="2024" selected>');
    expect(hit.text).toContain('value="工商业"');
    expect(hit.text).toContain('<meta name="robots" content="noindex" />');
    const miss = await app.http().get('/portal').query({ q: '不存在的单位%_' }).expect(200);
    expect(textOf(miss.text)).toContain('没有符合条件的公开材料');
    const otherYear = await app.http().get('/portal').query({ year: '2019' }).expect(200);
    expect(textOf(otherYear.text)).toContain('没有符合条件的公开材料');
  });

  it('shows the published document inline: the forms and the report, the PDF link and times in the bureau zone', async () => {
    const res = await app.http().get(`/portal/p/${publication.id}`).expect(200);
    expect(res.text).not.toMatch(/<script|<iframe/i);
    expect(res.text.match(/<main\b/g)).toHaveLength(1);
    expect(res.text).toContain(`<link rel="canonical" href="${app.config.publicUrl}/portal/p/${publication.id}" />`);
    const text = textOf(res.text);
    expect(text).toContain('部门（单位）整体支出绩效评价基础数据表');
    expect(text).toContain('部门（单位）整体支出绩效自评表');
    expect(text).toContain('部门基本情况');
    expect(text).toContain(publication.pdfSha256);
    // Asia/Shanghai is UTC+8 whatever the server's own zone.
    const shanghai = new Date(publication.publishedAt.getTime() + 8 * 3600_000);
    const expected = `${shanghai.getUTCFullYear()}年${shanghai.getUTCMonth() + 1}月${shanghai.getUTCDate()}日${String(shanghai.getUTCHours()).padStart(2, '0')}:${String(shanghai.getUTCMinutes()).padStart(2, '0')}`;
    expect(text).toContain(`公开时间：${expected}`);
    const pdf = await app.http().get(`/api/public/publications/${publication.id}.pdf`).buffer(true).parse(binary).expect(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers an unknown or malformed publication with a 404 page, not an error object', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'x'.repeat(80), '..%2F..%2Fetc']) {
      const res = await app.http().get(`/portal/p/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(textOf(res.text)).toContain('找不到该公开材料');
    }
  });

  it('verifies an uploaded PDF from a plain form post (multipart), and says why a wrong file is not valid', async () => {
    const pdf = (await app.http().get(`/api/public/publications/${publication.id}.pdf`).buffer(true).parse(binary)).body as Buffer;
    const good = multipart([{ name: 'file', filename: 'download.pdf', type: 'application/pdf', data: pdf }, { name: 'hash', data: '' }]);
    const ok = await app.http().post('/portal/verify').set('content-type', good.contentType).set('origin', app.config.publicUrl).send(good.body).expect(200);
    const okText = textOf(ok.text);
    expect(okText).toContain('文件真实有效');
    expect(okText).toContain('测试区工商业联合会');
    expect(ok.text).toContain(`href="/portal/p/${publication.id}"`);

    const tampered = Buffer.concat([pdf, Buffer.from('\n%tampered')]);
    const bad = multipart([{ name: 'file', filename: 'changed.pdf', type: 'application/pdf', data: tampered }]);
    const no = await app.http().post('/portal/verify').set('content-type', bad.contentType).set('origin', app.config.publicUrl).send(bad.body).expect(200);
    expect(textOf(no.text)).toContain('未能确认文件真实性');

    const notPdf = multipart([{ name: 'file', filename: 'photo.png', type: 'image/png', data: Buffer.from('\x89PNG\r\n') }]);
    const refused = await app.http().post('/portal/verify').set('content-type', notPdf.contentType).set('origin', app.config.publicUrl).send(notPdf.body).expect(400);
    expect(textOf(refused.text)).toContain('「photo.png」不是PDF文件');

    const empty = multipart([{ name: 'file', filename: '', type: 'application/octet-stream', data: '' }, { name: 'hash', data: '' }]);
    const nothing = await app.http().post('/portal/verify').set('content-type', empty.contentType).set('origin', app.config.publicUrl).send(empty.body).expect(400);
    expect(textOf(nothing.text)).toContain('请选择一个PDF文件，或填写SHA-256值');
  });

  it('verifies by a typed hash from the query string (the link on each package page)', async () => {
    const res = await app.http().get('/portal/verify').query({ hash: publication.pdfSha256 }).expect(200);
    expect(textOf(res.text)).toContain('文件真实有效');
    const bad = await app.http().get('/portal/verify').query({ hash: 'abc' }).expect(200);
    expect(textOf(bad.text)).toContain('不是有效的SHA-256值');
  });

  it('publishes a sitemap of the portal pages and a robots.txt that points at it', async () => {
    const map = await app.http().get('/sitemap.xml').expect(200);
    expect(map.headers['content-type']).toMatch(/application\/xml/);
    expect(map.text).toContain(`<loc>${app.config.publicUrl}/portal/p/${publication.id}</loc>`);
    const robots = await app.http().get('/robots.txt').expect(200);
    expect(robots.text).toContain(`Sitemap: ${app.config.publicUrl}/sitemap.xml`);
    expect(robots.text).toContain('Allow: /portal');
  });
});
