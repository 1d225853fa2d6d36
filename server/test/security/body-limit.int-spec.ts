/**
 * The JSON body limit follows the document schema: the largest documents the schema allows
 * are saved, anything over the computed limit is refused with an error naming it; every
 * response carries the anti-framing headers.
 */
import { LIMITS, LUKOU_2024_TEMPLATE, REPORT_SECTION_KEYS, maxDocumentJsonBytes, parsePackageDocument } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { jsonBodyLimitBytes } from '../../src/http-setup.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, packageRow, type World } from '../support/factories.js';

const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }';

describe('request body limit', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

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
    doc.report.chapters[REPORT_SECTION_KEYS[0]].text = 'x'.repeat(limit);
    const res = await app.http().post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${w.users['a1.filler']!.token}`)
      .send(JSON.stringify({ query: SAVE, variables: { i: { packageId: row.id, baseVersion: row.version, document: doc } } }));
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
