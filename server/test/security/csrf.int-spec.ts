/**
 * Cross-site request forgery on REST: every state-changing route, found by walking the app's
 * own routing metadata (so a route added later is covered without editing this test), refuses
 * a cookie-only `text/plain` request from a foreign Origin before its handler runs, and accepts
 * the same request from the app (custom header or own Origin).
 */
import { restRoutes } from '../../src/common/route-catalogue.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, packageRow, type World } from '../support/factories.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'ALL']);

describe('CSRF on REST routes', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  const routes = () => restRoutes(app.app).filter((r) => STATE_CHANGING.has(r.method));
  /** A token of a role the route allows, so only the CSRF rule can refuse it. */
  const tokenFor = (r: ReturnType<typeof routes>[number]) => {
    const roles = r.access?.kind === 'roles' ? r.access.roles : [];
    const user = Object.values(w.users).find((u) => u.bureauId === w.bureaus.a && (!roles.length || roles.includes(u.role)) && (u.unitId === null || u.unitId === w.units.a1))!;
    return user.token;
  };
  const send = (r: ReturnType<typeof routes>[number], headers: Record<string, string>) => {
    const path = r.path.replace(/:[A-Za-z]+/g, w.packages.a1);
    const method = r.method === 'ALL' ? 'post' : (r.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete');
    const req = app.http()[method](path);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req.send('forged body');
  };

  it('finds the upload, import and verification routes among the state-changing ones', () => {
    const paths = routes().map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining([
      'POST /api/packages/:id/attachments',
      'POST /api/packages/:id/import.xlsx',
      'POST /api/admin/units-import.xlsx',
      'POST /api/public/verify',
    ]));
  });

  it('refuses a cookie-only text/plain request from a foreign Origin (or with no Origin) on every one of them', async () => {
    const before = await packageRow(app, w.packages.a1);
    const leaks: string[] = [];
    for (const r of routes()) {
      for (const origin of ['https://evil.example', null]) {
        const res = await send(r, { cookie: `zipin_session=${tokenFor(r)}`, 'content-type': 'text/plain', ...(origin ? { origin } : {}) });
        if (res.status !== 403 || res.body?.details?.reason !== 'CROSS_SITE_REQUEST') leaks.push(`${r.method} ${r.path} from ${origin ?? 'no origin'}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
      // A foreign Origin is refused even with the custom header or a non-simple type.
      const spoofed = await send(r, { cookie: `zipin_session=${tokenFor(r)}`, 'content-type': 'application/octet-stream', 'x-zipin-request': '1', origin: 'https://evil.example' });
      if (spoofed.body?.details?.reason !== 'CROSS_SITE_REQUEST') leaks.push(`${r.method} ${r.path} with header from evil origin: ${spoofed.status}`);
    }
    expect(leaks).toEqual([]);
    // Nothing reached a handler: the draft is untouched.
    const after = await packageRow(app, w.packages.a1);
    expect(after.version).toBe(before.version);
  });

  it('lets the same cookie request through from the app itself', async () => {
    const refusedAnyway: string[] = [];
    for (const r of routes()) {
      const cookie = `zipin_session=${tokenFor(r)}`;
      const variants: Record<string, string>[] = [{ 'x-zipin-request': '1', 'content-type': 'text/plain' }, { origin: 'http://127.0.0.1', host: '127.0.0.1', 'content-type': 'text/plain' }, { 'content-type': 'application/octet-stream' }];
      for (const headers of variants) {
        const res = await send(r, { cookie, ...headers });
        if (res.body?.details?.reason === 'CROSS_SITE_REQUEST') refusedAnyway.push(`${r.method} ${r.path} with ${JSON.stringify(headers)}`);
      }
      // Bearer-token clients carry no ambient credential.
      const bearer = await send(r, { authorization: `Bearer ${tokenFor(r)}`, 'content-type': 'text/plain', origin: 'https://evil.example' });
      if (bearer.body?.details?.reason === 'CROSS_SITE_REQUEST') refusedAnyway.push(`${r.method} ${r.path} with a Bearer token`);
    }
    expect(refusedAnyway).toEqual([]);
  });

  it('leaves reads alone', async () => {
    const res = await app.http().get('/api/health').set('origin', 'https://evil.example').set('cookie', `zipin_session=${w.users['a1.filler']!.token}`);
    expect(res.status).toBe(200);
  });
});
