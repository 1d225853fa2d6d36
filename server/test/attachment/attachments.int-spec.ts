import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AttachmentEntity } from '../../src/modules/attachment/attachment.entity.js';
import { AttachmentService } from '../../src/modules/attachment/attachment.service.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, errorCode, forceState, type World } from '../support/factories.js';
import { pdfOfSize, sampleDocx, sampleJpeg, samplePdf, samplePng, sampleXlsx, zip } from './sample-files.js';

const MiB = 1024 * 1024;
const MIME = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
const LIST = `query($p: ID!) { attachments(packageId: $p) { id packageId indicatorId title fileName contentType size public downloadUrl uploadedBy { id role } } }`;
const SET_PUBLIC = `mutation($id: ID!, $pub: Boolean!) { setAttachmentPublic(id: $id, public: $pub) { id public } }`;
const DELETE = `mutation($id: ID!) { deleteAttachment(id: $id) }`;

function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('evidence attachments (佐证材料)', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  function upload(packageId: string, bytes: Buffer, query: Record<string, string>, token: string | null = as('a1.filler'), contentType = 'application/octet-stream') {
    const req = app.http().post(`/api/packages/${packageId}/attachments`).query(query).set('content-type', contentType);
    if (token) req.set('authorization', `Bearer ${token}`);
    return req.send(bytes);
  }

  function download(id: string, token: string | null, route = 'attachments') {
    const req = app.http().get(`/api/${route}/${id}`).buffer(true).parse(binary);
    if (token) req.set('authorization', `Bearer ${token}`);
    return req;
  }

  /** Every file the storage holds for a package's attachments. */
  function storedFiles(packageId: string): string[] {
    const storage = app.config.storage;
    if (storage.kind !== 'local') throw new Error('these tests read the local artifact folder');
    const dir = join(storage.dir, 'attachments', packageId);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  }

  const rowsOf = (packageId: string) => app.dataSource.getRepository(AttachmentEntity).find({ where: { packageId }, order: { createdAt: 'ASC', id: 'ASC' } });

  /** A refused upload changes nothing: no row and no stored bytes. */
  async function expectRejected(res: any, reason: string, packageId = w.packages.a1, before?: { rows: number; files: string[] }) {
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'FILE_REJECTED', details: { reason } });
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    if (before) {
      expect((await rowsOf(packageId)).length).toBe(before.rows);
      expect(storedFiles(packageId)).toEqual(before.files);
    }
  }

  const snapshot = async (packageId = w.packages.a1) => ({ rows: (await rowsOf(packageId)).length, files: storedFiles(packageId) });

  it.each([
    ['a PDF', () => samplePdf(), '满意度调查报告.pdf', MIME.pdf, 'pdf'],
    ['a PNG', () => samplePng(), '会议现场.png', MIME.png, 'png'],
    ['a JPEG (.jpg)', () => sampleJpeg(), '会议签到表.jpg', MIME.jpg, 'jpg'],
    ['a JPEG (.jpeg)', () => sampleJpeg(), 'photo.JPEG', MIME.jpg, 'jpg'],
    ['an Excel', () => sampleXlsx(), '问卷统计.xlsx', MIME.xlsx, 'xlsx'],
    ['a Word', () => sampleDocx(), '会议记录.docx', MIME.docx, 'docx'],
  ] as const)('accepts %s file, typed by its content and stored under a generated key', async (_kind, make, fileName, mime, ext) => {
    const bytes = await make();
    const res = await upload(w.packages.a1, bytes, { title: `佐证：${fileName}`, fileName });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ packageId: w.packages.a1, title: `佐证：${fileName}`, fileName, contentType: mime, size: bytes.length, public: false, indicatorId: null });
    expect(res.body.downloadUrl).toBe(`/api/attachments/${res.body.id}`);
    expect(storedFiles(w.packages.a1)).toContain(`${res.body.id}.${ext}`);
    const got = await download(res.body.id, as('a1.filler'));
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body, bytes)).toBe(0);
    expect(got.headers['content-type']).toBe(mime);
  });

  it('decides the type from the content whatever the request says, and downloads it safely with its Chinese name', async () => {
    const res = await upload(w.packages.a1, samplePng(), { title: '走访照片', fileName: '走访企业现场照片.png' }, as('a1.filler'), 'text/html');
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe(MIME.png);
    const got = await download(res.body.id, as('a.reviewer'));
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(`attachment; filename="_.png"; filename*=UTF-8''${encodeURIComponent('走访企业现场照片.png')}`);
    expect(got.headers['cache-control']).toContain('no-store');
  });

  it('refuses a file over 10 MB before reading it, and changes nothing', async () => {
    const before = await snapshot();
    const res = await upload(w.packages.a1, pdfOfSize(10 * MiB + 1), { title: '大文件', fileName: '大文件.pdf' });
    await expectRejected(res, 'TOO_LARGE', w.packages.a1, before);
    expect(res.body.message).toContain('10 MB');
  });

  it('stops reading a body without a declared length once it passes 10 MB', async () => {
    const before = await snapshot();
    const server = app.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const result = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/packages/${w.packages.a1}/attachments?fileName=stream.pdf&title=stream`,
          headers: { authorization: `Bearer ${as('a1.filler')}`, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      const chunk = pdfOfSize(MiB);
      let sent = 0;
      const write = () => {
        // One MiB at a time, eleven times: past the limit with no Content-Length to refuse up front.
        while (sent < 11) {
          sent += 1;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    await expectRejected(result, 'TOO_LARGE', w.packages.a1, before);
  });

  it('refuses a file named .pdf whose content is not a PDF', async () => {
    const before = await snapshot();
    const text = await upload(w.packages.a1, Buffer.from('这不是PDF，只是一段文字。'), { title: '伪装的文件', fileName: '调查报告.pdf' });
    await expectRejected(text, 'TYPE_NOT_ALLOWED', w.packages.a1, before);
    expect(text.body.message).toContain('只能上传');
    const png = await upload(w.packages.a1, samplePng(), { title: '伪装的图片', fileName: '调查报告.pdf' });
    await expectRejected(png, 'TYPE_MISMATCH', w.packages.a1, before);
    expect(png.body.message).toContain('PNG');
  });

  it('refuses types outside the list even when they are named like allowed ones', async () => {
    const before = await snapshot();
    await expectRejected(await upload(w.packages.a1, zip({ 'a.txt': 'x' }), { title: 'zip', fileName: '资料.docx' }), 'TYPE_NOT_ALLOWED', w.packages.a1, before);
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    await expectRejected(await upload(w.packages.a1, gif, { title: 'gif', fileName: '动图.png' }), 'TYPE_NOT_ALLOWED', w.packages.a1, before);
    await expectRejected(await upload(w.packages.a1, samplePdf(), { title: 'exe', fileName: 'setup.exe' }), 'TYPE_MISMATCH', w.packages.a1, before);
    await expectRejected(await upload(w.packages.a1, Buffer.alloc(0), { title: 'empty', fileName: 'empty.pdf' }), 'EMPTY', w.packages.a1, before);
  });

  it('strips directories, control characters and leading dots from a name, and never uses it as the storage key', async () => {
    const cases: [string, string][] = [
      ['../../../etc/passwd.pdf', 'passwd.pdf'],
      ['..\\..\\windows\\win.pdf', 'win.pdf'],
      ['...隐藏文件.pdf', '隐藏文件.pdf'],
      ['报告\u0000\u202E\u0007.pdf', '报告.pdf'],
      [`${'很长的文件名'.repeat(30)}.pdf`, `${'很长的文件名'.repeat(30)}`.slice(0, 96) + '.pdf'],
    ];
    for (const [given, kept] of cases) {
      const res = await upload(w.packages.a1, samplePdf(), { title: '路径测试', fileName: given });
      expect(res.status).toBe(201);
      expect(res.body.fileName).toBe(kept);
      expect(Array.from(res.body.fileName as string).length).toBeLessThanOrEqual(100);
      const row = await app.dataSource.getRepository(AttachmentEntity).findOneByOrFail({ id: res.body.id });
      expect(row.storageKey).toBe(`attachments/${w.packages.a1}/${res.body.id}.pdf`);
    }
    // Only generated names exist on disk, all inside the package's folder.
    for (const f of storedFiles(w.packages.a1)) expect(f).toMatch(/^[0-9a-f-]{36}\.(pdf|png|jpg|xlsx|docx)$/);
    const storage = app.config.storage as { dir: string };
    expect(readdirSync(storage.dir)).toEqual(['attachments']);
  });

  it('refuses an upload to a package whose attachments would pass 50 MB, and changes nothing', async () => {
    const pkg = w.packages.a2;
    const token = as('a2.filler');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await upload(pkg, pdfOfSize(10 * MiB), { title: `第${i + 1}份`, fileName: `part-${i + 1}.pdf` }, token);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const before = await snapshot(pkg);
    expect(before.rows).toBe(5);
    const res = await upload(pkg, samplePng(), { title: '再多一张', fileName: 'one-more.png' }, token);
    await expectRejected(res, 'PACKAGE_TOTAL_EXCEEDED', pkg, before);
    expect(res.body.message).toContain('50 MB');
    // Deleting one makes room again.
    expect((await app.ok<any>(DELETE, { id: ids[0] }, token)).deleteAttachment).toBe(true);
    expect((await upload(pkg, samplePng(), { title: '再多一张', fileName: 'one-more.png' }, token)).status).toBe(201);
    for (const id of ids.slice(1)) await app.ok(DELETE, { id }, token);
  }, 60_000);

  it('attaches a file to an indicator row that exists, and to nothing else', async () => {
    const pkg = (await app.ok<any>(`query($id: ID!) { package(id: $id) { document } }`, { id: w.packages.a1 }, as('a1.filler'))).package;
    const rowId = pkg.document.selfEvaluation.indicators[0].id as string;
    const ok = await upload(w.packages.a1, samplePdf(), { title: '问卷结果', fileName: '问卷.pdf', indicatorId: rowId });
    expect(ok.status).toBe(201);
    expect(ok.body.indicatorId).toBe(rowId);
    const before = await snapshot();
    const bad = await upload(w.packages.a1, samplePdf(), { title: '问卷结果', fileName: '问卷.pdf', indicatorId: 'ind-404' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(await snapshot()).toEqual(before);
  });

  it('takes uploads only from the unit’s filler, only while the package is editable', async () => {
    const before = await snapshot();
    const q = { title: 't', fileName: 'a.png' };
    expect((await upload(w.packages.a1, samplePng(), q, null)).status).toBe(401);
    const reviewer = await upload(w.packages.a1, samplePng(), q, as('a.reviewer'));
    expect([reviewer.status, reviewer.body.code]).toEqual([403, 'FORBIDDEN']);
    const head = await upload(w.packages.a1, samplePng(), q, as('a1.head'));
    expect([head.status, head.body.code]).toEqual([403, 'FORBIDDEN']);
    const otherUnit = await upload(w.packages.a1, samplePng(), q, as('a2.filler'));
    expect([otherUnit.status, otherUnit.body.code]).toEqual([403, 'NOT_IN_SCOPE']);
    const otherBureau = await upload(w.packages.a1, samplePng(), q, as('b1.filler'));
    expect([otherBureau.status, otherBureau.body.code]).toEqual([403, 'NOT_IN_SCOPE']);
    expect((await upload('no-such-package', samplePng(), q)).body.code).toBe('NOT_FOUND');
    await forceState(app, w.packages.a1, 'SUBMITTED');
    try {
      expect((await upload(w.packages.a1, samplePng(), q)).body.code).toBe('NOT_EDITABLE');
    } finally {
      await forceState(app, w.packages.a1, 'DRAFT');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets the unit and its bureau see and download attachments, and nobody else', async () => {
    const [first] = await rowsOf(w.packages.a1);
    for (const key of ['a1.filler', 'a1.head', 'a.reviewer', 'a.admin']) {
      const list = (await app.ok<{ attachments: any[] }>(LIST, { p: w.packages.a1 }, as(key))).attachments;
      expect(list.map((a) => a.id)).toContain(first!.id);
      expect((await download(first!.id, as(key))).status).toBe(200);
    }
    for (const key of ['a2.filler', 'b1.filler', 'b.reviewer', 'b.admin']) {
      expect(errorCode(await app.gql(LIST, { p: w.packages.a1 }, as(key)))).toBe('NOT_IN_SCOPE');
      const res = await download(first!.id, as(key));
      expect(res.status).toBe(403);
      expect(res.body.toString()).not.toContain('PDF');
    }
    expect((await download(first!.id, null)).status).toBe(401);
    expect((await download('no-such-id', as('a.reviewer'))).status).toBe(404);
    // The Package field, batched for a list.
    const page = await app.ok<any>(`{ packages { nodes { id attachments { id uploadedBy { role } } } } }`, {}, as('a.reviewer'));
    const a1 = page.packages.nodes.find((n: any) => n.id === w.packages.a1);
    const a2 = page.packages.nodes.find((n: any) => n.id === w.packages.a2);
    expect(a1.attachments.map((a: any) => a.id)).toEqual((await rowsOf(w.packages.a1)).map((r) => r.id));
    expect(a1.attachments[0].uploadedBy.role).toBe('FILLER');
    expect(a2.attachments).toHaveLength(1);
    const mine = await app.ok<any>(`{ packages { nodes { id attachments { id } } } }`, {}, as('a2.filler'));
    expect(mine.packages.nodes.map((n: any) => n.id)).toEqual([w.packages.a2]);
  });

  it('serves on the public route only public attachments of published packages', async () => {
    const pdf = await upload(w.packages.a1, samplePdf('public'), { title: '公开的满意度调查', fileName: '满意度调查.pdf' });
    const secret = await upload(w.packages.a1, samplePdf('private'), { title: '内部会议记录', fileName: '内部记录.pdf' });
    expect((await app.ok<any>(SET_PUBLIC, { id: pdf.body.id, pub: true }, as('a1.filler'))).setAttachmentPublic.public).toBe(true);
    // Draft: nothing is public yet, public flag or not.
    expect((await download(pdf.body.id, null, 'public/attachments')).status).toBe(404);
    await forceState(app, w.packages.a1, 'PUBLISHED');
    try {
      const got = await download(pdf.body.id, null, 'public/attachments');
      expect(got.status).toBe(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.body.toString('latin1')).toContain('(public)');
      expect((await download(secret.body.id, null, 'public/attachments')).status).toBe(404);
      const otherUnits = await rowsOf(w.packages.a2);
      expect((await download(otherUnits[0]!.id, null, 'public/attachments')).status).toBe(404);
      // The published PDF's index lists the public ones only; the unit's preview lists all.
      const service = app.get(AttachmentService);
      expect((await service.listForPackage(w.packages.a1, { publicOnly: true })).map((a) => a.title)).toEqual(['公开的满意度调查']);
      const all = await service.listForPackage(w.packages.a1, { publicOnly: false });
      expect(all.length).toBe((await rowsOf(w.packages.a1)).length);
      expect(all.find((a) => a.id === secret.body.id)).toEqual({ id: secret.body.id, title: '内部会议记录', fileName: '内部记录.pdf', contentType: 'application/pdf', size: secret.body.size, indicatorId: null });
      // The reviewer may withdraw a file from the portal, but not add one to a published package.
      expect(errorCode(await app.gql(SET_PUBLIC, { id: secret.body.id, pub: true }, as('a.reviewer')))).toBe('NOT_EDITABLE');
      expect((await app.ok<any>(SET_PUBLIC, { id: pdf.body.id, pub: false }, as('a.reviewer'))).setAttachmentPublic.public).toBe(false);
      expect((await download(pdf.body.id, null, 'public/attachments')).status).toBe(404);
    } finally {
      await forceState(app, w.packages.a1, 'DRAFT');
    }
  });

  it('decides who may mark an attachment public, and when', async () => {
    const res = await upload(w.packages.a1, samplePng(), { title: '公开测试', fileName: 'p.png' });
    const id = res.body.id as string;
    expect(errorCode(await app.gql(SET_PUBLIC, { id, pub: true }, as('a1.head')))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(SET_PUBLIC, { id, pub: true }, as('a2.filler')))).toBe('NOT_IN_SCOPE');
    expect(errorCode(await app.gql(SET_PUBLIC, { id, pub: true }, as('b.reviewer')))).toBe('NOT_IN_SCOPE');
    await forceState(app, w.packages.a1, 'IN_REVIEW');
    try {
      expect(errorCode(await app.gql(SET_PUBLIC, { id, pub: true }, as('a1.filler')))).toBe('NOT_EDITABLE');
      expect((await app.ok<any>(SET_PUBLIC, { id, pub: true }, as('a.reviewer'))).setAttachmentPublic.public).toBe(true);
    } finally {
      await forceState(app, w.packages.a1, 'DRAFT');
    }
    const row = await app.dataSource.getRepository(AttachmentEntity).findOneByOrFail({ id });
    expect(row.isPublic).toBe(true);
  });

  it('lets the filler delete an attachment while the package is editable, removing its stored file', async () => {
    const res = await upload(w.packages.a1, samplePng(), { title: '待删除', fileName: 'delete-me.png' });
    const id = res.body.id as string;
    expect(storedFiles(w.packages.a1)).toContain(`${id}.png`);
    expect(errorCode(await app.gql(DELETE, { id }, as('a.reviewer')))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(DELETE, { id }, as('a2.filler')))).toBe('NOT_IN_SCOPE');
    await forceState(app, w.packages.a1, 'SUBMITTED');
    try {
      expect(errorCode(await app.gql(DELETE, { id }, as('a1.filler')))).toBe('NOT_EDITABLE');
    } finally {
      await forceState(app, w.packages.a1, 'DRAFT');
    }
    expect((await app.ok<any>(DELETE, { id }, as('a1.filler'))).deleteAttachment).toBe(true);
    expect(await app.dataSource.getRepository(AttachmentEntity).findOneBy({ id })).toBeNull();
    expect(storedFiles(w.packages.a1)).not.toContain(`${id}.png`);
    expect((await download(id, as('a1.filler'))).status).toBe(404);
    expect(errorCode(await app.gql(DELETE, { id }, as('a1.filler')))).toBe('NOT_FOUND');
  });
});
