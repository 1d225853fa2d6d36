/**
 * Smaller findings of the outside test: session ids at rest are keyed by SESSION_SECRET,
 * internal exception text never reaches Render.error, and an execution rate the summary column
 * cannot hold is stored as "not comparable" instead of failing the save (MariaDB) or lying.
 */
import { jest } from '@jest/globals';
import { LUKOU_2024_TEMPLATE } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { SessionEntity } from '../../src/modules/auth/session.entity.js';
import { sessionIdOf } from '../../src/modules/auth/auth.service.js';
import { Renderer } from '../../src/modules/render/renderer.js';
import { RENDER_FAILED_MESSAGE } from '../../src/modules/render/render.service.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, buildWorld, packageRow, type World } from '../support/factories.js';

describe('smaller findings', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: true });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(() => app?.close());
  afterEach(() => jest.restoreAllMocks());

  it('stores sessions under an HMAC of the token keyed by SESSION_SECRET', async () => {
    const u = w.users['a2.filler']!;
    const token = await app.login(u.username, TEST_PASSWORD);
    const ids = (await app.dataSource.getRepository(SessionEntity).findBy({ userId: u.id })).map((s) => s.id);
    expect(ids).toContain(sessionIdOf(app.config.sessionSecret, token));
    expect(ids).not.toContain(sessionIdOf('another-secret-of-at-least-32-characters', token));
    // A row id is not a token: presenting it signs nobody in.
    expect((await app.gql('{ me { id } }', {}, ids[0])).data?.me).toBeNull();
    expect((await app.gql('{ me { id } }', {}, token)).data?.me?.id).toBe(u.id);
  });

  it('keeps internal exception text out of Render.error', async () => {
    jest.spyOn(app.get(Renderer), 'pdf').mockRejectedValue(new Error('ENOENT: /opt/zipin/internal/chromium-profile/lock at Object.openSync'));
    const token = w.users['a1.filler']!.token;
    const { requestPreview } = await app.ok<{ requestPreview: { id: string } }>('mutation($p: ID!) { requestPreview(packageId: $p) { id } }', { p: w.packages.a1 }, token);
    await app.drainJobs().catch(() => undefined);
    const r = (await app.ok<{ render: { error: string | null } }>('query($id: ID!) { render(id: $id) { error } }', { id: requestPreview.id }, token)).render;
    expect(r.error).toBe(RENDER_FAILED_MESSAGE);
    expect(r.error).not.toMatch(/ENOENT|\/opt\/|openSync/);
  }, 60_000);

  it('saves a document whose execution rate is beyond the summary column, storing the rate as not comparable', async () => {
    const row = await packageRow(app, w.packages.a2);
    const doc = explainWarnings(repairSeed(), LUKOU_2024_TEMPLATE, { fiscalYear: 2024 });
    doc.selfEvaluation.budget.annualBudget = '0.0001';
    doc.selfEvaluation.budget.execution = '9999999999';
    const res = await app.gql('mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version summary { executionRate } } } }', { i: { packageId: row.id, baseVersion: row.version, document: doc } }, w.users['a2.filler']!.token);
    expect(res.errors).toBeUndefined();
    const after = await packageRow(app, row.id);
    expect(after.version).toBe(row.version + 1);
    expect(after.executionRate).toBeNull();
    // The document keeps exactly what was typed.
    expect(after.document.selfEvaluation.budget.execution).toBe('9999999999');
  }, 60_000);
});
