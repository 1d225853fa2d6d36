/**
 * A full journey against a real server started like `node dist/main.js` (JSON logs to a file):
 * every line is JSON, each request's lines carry its id and, where there is one, the user and
 * the package; the demo password, session tokens and document contents appear nowhere.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SEED_2024_LUKOU_GSL, type PackageDocument } from '@zipin/shared';
import { startApi } from '../../src/main.js';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';
import { repairSeed } from '../../src/demo/demo-documents.js';
import { createTestEnvironment, type TestEnvironment } from '../support/backend.js';

const FIELDS = 'id state version checks { severity key explained }';

describe('logs of a full journey', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication | null = null;
  let base = '';
  const logFile = () => join(env.config.dataDir, 'logs', 'zipin.log');

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await startApi({ ...env.config, demoData: true, runJobs: false, logFormat: 'json', logFile: logFile(), logLevel: 'debug' });
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  async function gql(query: string, variables: Record<string, unknown>, token?: string, requestId?: string) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: any; errors?: { message: string; extensions: Record<string, any> }[] };
    return { body, requestId: res.headers.get('x-request-id'), setCookie: res.headers.get('set-cookie') };
  }
  async function ok(query: string, variables: Record<string, unknown>, token?: string) {
    const { body } = await gql(query, variables, token);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }
  async function login(username: string) {
    const { body, setCookie } = await gql('mutation($i: LoginInput!) { login(input: $i) { token user { id } } }', { i: { username, password: DEMO_PASSWORD } });
    expect(setCookie).toContain(body.data.login.token);
    return { token: body.data.login.token as string, userId: body.data.login.user.id as string };
  }

  it('logs the journey in JSON with request, user and package ids, and no secret or document text', async () => {
    const filler = await login('gsl.filler');
    const head = await login('gsl.head');
    const reviewer = await login('reviewer');
    // A failed sign-in must not echo what was typed either.
    const failed = await gql('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username: 'gsl.head', password: `${DEMO_PASSWORD}-typo` } });
    expect(failed.body.errors?.[0]?.extensions.code).toBe('INVALID_CREDENTIALS');

    const list = await ok('{ packages(first: 5) { nodes { id version } } }', {}, filler.token);
    const { id, version } = list.packages.nodes[0];
    const marker = `日志里不应出现的正文${randomBytes(6).toString('hex')}`;
    const doc: PackageDocument = repairSeed(SEED_2024_LUKOU_GSL);
    doc.selfEvaluation.goal.actual += marker;
    const SAVE = `mutation($input: SavePackageInput!) { savePackage(input: $input) { package { ${FIELDS} } } }`;
    let pkg = (await ok(SAVE, { input: { packageId: id, baseVersion: version, document: doc } }, filler.token)).savePackage.package;
    const explanations = { ...doc.explanations };
    for (const c of pkg.checks) if (c.severity === 'warning' && !c.explained) explanations[c.key] = `已核实：${marker}`;
    pkg = (await ok(SAVE, { input: { packageId: id, baseVersion: pkg.version, document: { ...doc, explanations } } }, filler.token)).savePackage.package;
    pkg = (await ok('mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { id state version } }', { id, v: pkg.version }, filler.token)).submitPackage;
    expect(pkg.state).toBe('AWAITING_SIGNOFF');

    const SIGN = 'mutation($id: ID!, $v: Int!, $pw: String!) { signPackage(packageId: $id, expectedVersion: $v, password: $pw) { id state version } }';
    // A wrong password: the error answer names the request, and that id is in the log.
    const wrongId = `test-${randomBytes(8).toString('hex')}`;
    const wrong = await gql(SIGN, { id, v: pkg.version, pw: `${DEMO_PASSWORD}!` }, head.token, wrongId);
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_CREDENTIALS', requestId: wrongId });
    expect(wrong.requestId).toBe(wrongId);
    pkg = (await ok(SIGN, { id, v: pkg.version, pw: DEMO_PASSWORD }, head.token)).signPackage;
    expect(pkg.state).toBe('SUBMITTED');
    pkg = (await ok('mutation($id: ID!, $v: Int!) { claimPackage(packageId: $id, expectedVersion: $v) { id version } }', { id, v: pkg.version }, reviewer.token)).claimPackage;
    pkg = (await ok('mutation($id: ID!, $v: Int!) { approvePackage(packageId: $id, expectedVersion: $v) { id state version } }', { id, v: pkg.version }, reviewer.token)).approvePackage;
    expect(pkg.state).toBe('APPROVED');

    // A REST error names its request too.
    const missing = await fetch(`${base}/api/attachments/00000000-0000-0000-0000-000000000000`, { headers: { authorization: `Bearer ${filler.token}` } });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    const missingBody = (await missing.json()) as { code: string; requestId: string };
    expect(missingBody.requestId).toBe(missing.headers.get('x-request-id'));

    await app!.close();
    app = null;
    const text = readFileSync(logFile(), 'utf8');
    const lines = text.trim().split('\n');
    const entries = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(entries.length).toBeGreaterThan(20);

    for (const secret of [DEMO_PASSWORD, filler.token, head.token, reviewer.token, marker]) expect(text).not.toContain(secret);
    // Nest's own start-up lines go through the same logger.
    expect(entries.some((e) => e.context === 'NestApplication' || /Nest application/.test(e.msg))).toBe(true);

    const requestLines = entries.filter((e) => e.req);
    expect(requestLines.length).toBeGreaterThan(10);
    for (const e of requestLines) {
      expect(e.requestId ?? e.req.id).toBeTruthy();
      expect(e.req.headers).toBeUndefined();
    }
    const signLines = requestLines.filter((e) => e.operation === 'mutation signPackage');
    expect(signLines).toHaveLength(2);
    for (const e of signLines) expect(e).toMatchObject({ userId: head.userId, packageId: id });
    expect(signLines.find((e) => e.req.id === wrongId)).toMatchObject({ res: { statusCode: 200 } });
    const approveLine = requestLines.find((e) => e.operation === 'mutation approvePackage');
    expect(approveLine).toMatchObject({ userId: reviewer.userId, packageId: id });
    expect(requestLines.find((e) => e.req.id === missingBody.requestId)).toMatchObject({ userId: filler.userId, level: 40 });
  }, 180_000);
});
