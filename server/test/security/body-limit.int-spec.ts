/**
 * The JSON body limit follows the document schema: the largest documents the schema allows
 * are saved, anything over the computed limit is refused with an error naming it; every
 * response carries the anti-framing headers.
 */
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIMITS, LUKOU_2024_TEMPLATE, REPORT_SECTION_KEYS, maxDocumentJsonBytes, parsePackageDocument } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { jsonBodyLimitBytes } from '../../src/http-setup.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, packageRow, type World } from '../support/factories.js';

/** Stands for the oversized chapter text in a request template. */
const FILL = '@@fill@@';
const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }';

describe('request body limit', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  /**
   * POSTs to /graphql the JSON `template` with its FILL string replaced by `fill` bytes of "x"
   * (Content-Length is the whole body's), streamed as a browser would send it; once the server
   * has answered, the rest is not sent. The limit is a few hundred MB: building that string and
   * writing all of it after the refusal only costs time.
   */
  async function postOversized(template: string, fill: number, token: string): Promise<{ status: number; body: any }> {
    const [head, tail] = template.split(JSON.stringify(FILL)).map((part) => Buffer.from(part));
    if (!head || !tail) throw new Error('template has no FILL');
    const server = app.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = httpRequest(
        { host: '127.0.0.1', port, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': head.length + 2 + fill + tail.length } },
        (res) => {
          answered = true;
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          });
        },
      );
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      const parts = function* () {
        yield Buffer.concat([head, Buffer.from('"')]);
        for (let left = fill; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
        yield Buffer.concat([Buffer.from('"'), tail]);
      };
      const it = parts();
      const pump = () => {
        for (;;) {
          if (answered || req.destroyed) return;
          const next = it.next();
          if (next.done) return void req.end();
          if (!req.write(next.value)) return void req.once('drain', pump);
        }
      };
      pump();
    });
  }

  /** Every report chapter at its maximum length in Chinese (3 bytes a character), explanations too. */
  function largestRealDocument() {
    const doc = explainWarnings(repairSeed(), LUKOU_2024_TEMPLATE, { fiscalYear: 2024 });
    for (const key of REPORT_SECTION_KEYS) doc.report.chapters[key].text = '绩'.repeat(LIMITS.textChars);
    doc.selfEvaluation.goal.expected = '目'.repeat(LIMITS.textChars);
    doc.selfEvaluation.goal.actual = '标'.repeat(LIMITS.textChars);
    for (const row of doc.selfEvaluation.indicators) row.deviationReason = '因'.repeat(LIMITS.textChars);
    return doc;
  }

  it('derives a limit no valid document can exceed', () => {
    const doc = largestRealDocument();
    expect(parsePackageDocument(doc).ok).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify(doc));
    expect(bytes).toBeGreaterThan(100 * 1024); // the old default refused it
    expect(bytes).toBeLessThan(maxDocumentJsonBytes());
    // A chapter of control characters (6 bytes each as JSON) is still within the bound.
    const worst = largestRealDocument();
    for (const key of REPORT_SECTION_KEYS) worst.report.chapters[key].text = '\u0001'.repeat(LIMITS.textChars);
    expect(Buffer.byteLength(JSON.stringify(worst))).toBeLessThan(maxDocumentJsonBytes());
  });

  it('saves the largest documents the schema allows', async () => {
    const row = await packageRow(app, w.packages.a1);
    const doc = largestRealDocument();
    const res = await app.gql(SAVE, { i: { packageId: row.id, baseVersion: row.version, document: doc } }, w.users['a1.filler']!.token);
    expect(res.errors).toBeUndefined();
    expect((await packageRow(app, row.id)).version).toBe(row.version + 1);
  }, 60_000);

  it('refuses a body over the limit, naming the limit, and changes nothing', async () => {
    const row = await packageRow(app, w.packages.a1);
    const limit = jsonBodyLimitBytes();
    const doc = largestRealDocument();
    doc.report.chapters[REPORT_SECTION_KEYS[0]].text = FILL;
    const res = await postOversized(JSON.stringify({ query: SAVE, variables: { i: { packageId: row.id, baseVersion: row.version, document: doc } } }), limit, w.users['a1.filler']!.token);
    expect(res.status).toBe(413);
    const error = res.body.errors[0];
    expect(error.extensions.code).toBe('REQUEST_TOO_LARGE');
    expect(error.extensions.details.limitBytes).toBe(limit);
    expect(error.message).toContain(`超过上限 ${(limit / 1024 / 1024).toFixed(1)} MB`);
    expect(error.message).toContain(`${REPORT_SECTION_KEYS.length} 章报告各 5,000 字`);
    expect((await packageRow(app, row.id)).version).toBe(row.version);
  }, 60_000);

  it('forbids framing on every response', async () => {
    for (const res of [await app.http().get('/api/health'), await app.http().post('/graphql').set('content-type', 'application/json').send({ query: '{ me { id } }' })]) {
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    }
  });
});
