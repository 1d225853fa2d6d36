import { LUKOU_2024_TEMPLATE } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { SessionEntity } from '../../src/modules/auth/session.entity.js';
import { OidcService } from '../../src/modules/auth/oidc.service.js';
import { UserEntity } from '../../src/modules/org/user.entity.js';
import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { sessionIdOf } from '../../src/modules/auth/auth.service.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, buildWorld, errorCode, packageRow, type World } from '../support/factories.js';
import { APP_ORIGIN, CLIENT_ID, ProviderBrowser, cookieFrom, oidcSettings, startOidcProvider, type RunningProvider } from '../support/oidc.js';

const PASSING = explainWarnings(repairSeed(), LUKOU_2024_TEMPLATE, { fiscalYear: 2024 });
const SIGN = 'mutation($id: ID!, $v: Int!, $pw: String!) { signPackage(packageId: $id, expectedVersion: $v, password: $pw) { state signature { signerName } } }';

describe('single sign-on through an OpenID provider', () => {
  let provider: RunningProvider;
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    provider = await startOidcProvider();
    app = await TestApp.start({ runJobs: false, oidc: oidcSettings(provider.issuer) });
    w = await buildWorld(app);
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  /** Starts a flow at the app: the provider's address and the sealed flow cookie. */
  async function begin(path = '/api/auth/oidc/login', sessionToken?: string) {
    const req = app.http().get(path);
    if (sessionToken) req.set('cookie', `zipin_session=${sessionToken}`);
    const res = await req;
    expect(res.status).toBe(302);
    return { location: res.headers.location as string, flow: cookieFrom(res, 'zipin_oidc') };
  }

  /** Brings the provider's answer to the app's callback as the browser would. */
  async function callback(back: URL, flow: string | null, sessionToken?: string) {
    expect(back.pathname).toBe('/api/auth/oidc/callback');
    const cookies = [flow ? `zipin_oidc=${flow}` : '', sessionToken ? `zipin_session=${sessionToken}` : ''].filter(Boolean).join('; ');
    const req = app.http().get(back.pathname + back.search);
    if (cookies) req.set('cookie', cookies);
    const res = await req;
    expect(res.status).toBe(302);
    const to = new URL(res.headers.location as string, APP_ORIGIN);
    return { to, error: to.searchParams.get('sso_error'), session: cookieFrom(res, 'zipin_session') };
  }

  async function ssoLogin(login: string, browser = new ProviderBrowser()) {
    const { location, flow } = await begin('/api/auth/oidc/login?redirect=/review');
    return { ...(await callback(await browser.signIn(location, login), flow)), browser };
  }

  const me = async (token: string) => (await app.ok<{ me: { username: string; sessionMethod: string } | null }>('{ me { username sessionMethod } }', {}, token)).me;

  it('tells the login page how to offer single sign-on', async () => {
    expect((await app.ok<{ signInOptions: { ssoLabel: string } }>('{ signInOptions { ssoLabel } }')).signInOptions.ssoLabel).toBe('统一身份认证登录');
  });

  it('signs an existing account in with the same kind of session a password opens', async () => {
    const user = w.users['a.reviewer']!;
    const { location } = await begin();
    const auth = new URL(location);
    expect(auth.origin).toBe(provider.issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('redirect_uri')).toBe(`${APP_ORIGIN}/api/auth/oidc/callback`);

    const r = await ssoLogin(user.username);
    expect(r.error).toBeNull();
    expect(r.to.pathname).toBe('/review');
    expect(r.session).toBeTruthy();
    expect(await me(r.session!)).toEqual({ username: user.username, sessionMethod: 'OIDC' });
    const row = await app.dataSource.getRepository(SessionEntity).findOneByOrFail({ id: sessionIdOf(app.config.sessionSecret, r.session!) });
    expect(row).toMatchObject({ userId: user.id, method: 'OIDC', freshAuthAt: null });
    // The local sign-out ends it like any session.
    await app.ok('mutation { logout }', {}, r.session!);
    expect(await me(r.session!)).toBeNull();
  });

  it('lets an account whose password an admin set work through SSO, where that password proves nothing', async () => {
    const user = w.users['a2.filler']!;
    await app.dataSource.getRepository(UserEntity).update({ id: user.id }, { mustChangePassword: true });
    try {
      const r = await ssoLogin(user.username);
      const seen = await app.ok<{ me: { mustChangePassword: boolean } }>('{ me { mustChangePassword } }', {}, r.session!);
      expect(seen.me.mustChangePassword).toBe(false);
      const res = await app.gql('query($id: ID!) { package(id: $id) { id } }', { id: w.packages.a2 }, r.session!);
      expect(res.errors).toBeUndefined();
      // Signed in with that password, the account is still held to choosing its own first.
      const withPassword = await app.login(user.username, TEST_PASSWORD);
      expect(errorCode(await app.gql('query($id: ID!) { package(id: $id) { id } }', { id: w.packages.a2 }, withPassword))).toBe('PASSWORD_CHANGE_REQUIRED');
    } finally {
      await app.dataSource.getRepository(UserEntity).update({ id: user.id }, { mustChangePassword: false });
    }
  });

  it('refuses a subject that names no account, and creates none', async () => {
    const before = await app.dataSource.getRepository(UserEntity).count();
    const r = await ssoLogin('nobody-here');
    expect(r.to.pathname).toBe('/login');
    expect(r.error).toBe('SSO_UNKNOWN_ACCOUNT');
    expect(r.session).toBeNull();
    expect(await app.dataSource.getRepository(UserEntity).count()).toBe(before);
  });

  it('refuses a disabled account', async () => {
    const user = w.users['b.reviewer']!;
    await app.dataSource.getRepository(UserEntity).update({ id: user.id }, { active: false });
    const r = await ssoLogin(user.username);
    expect(r.to.pathname).toBe('/login');
    expect(r.error).toBe('ACCOUNT_DISABLED');
    expect(r.session).toBeNull();
  });

  it('matches by the external id an admin put on the account, from the configured claim', async () => {
    const user = w.users['a.admin']!;
    const settings = app.config.oidc!;
    app.config.oidc = { ...settings, match: 'external-id', claim: 'staff_no' };
    try {
      // Not linked yet: the provider's staff number names no account.
      expect((await ssoLogin('zhang.san')).error).toBe('SSO_UNKNOWN_ACCOUNT');
      await app.ok('mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { externalId } }', { id: user.id, i: { externalId: 'S-zhang.san' } }, user.token);
      const other = w.users['a.reviewer2']!;
      const dup = await app.gql('mutation($id: ID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { externalId } }', { id: other.id, i: { externalId: 'S-zhang.san' } }, user.token);
      expect(errorCode(dup)).toBe('DUPLICATE');
      const r = await ssoLogin('zhang.san');
      expect(r.error).toBeNull();
      expect((await me(r.session!))!.username).toBe(user.username);
      // The username is no longer what counts.
      expect((await ssoLogin(user.username)).error).toBe('SSO_UNKNOWN_ACCOUNT');
    } finally {
      app.config.oidc = settings;
    }
  });

  it('refuses an answer whose state is not the one this browser sent, or with no flow cookie', async () => {
    const user = w.users['a.reviewer']!;
    const { location, flow } = await begin();
    const back = await new ProviderBrowser().signIn(location, user.username);
    const forged = new URL(back);
    forged.searchParams.set('state', 'another-state');
    const r = await callback(forged, flow);
    expect(r.error).toBe('SSO_FAILED');
    expect(r.session).toBeNull();
    // The real answer without the browser's cookie (someone else's browser) opens nothing either.
    const stolen = await callback(back, null);
    expect(stolen.error).toBe('SSO_FAILED');
    expect(stolen.session).toBeNull();
  });

  it('refuses an ID token whose nonce is not the one the flow sent', async () => {
    const user = w.users['a.reviewer']!;
    const oidc = app.get(OidcService);
    const { location, flow } = await begin();
    const original = oidc.unseal(flow!)!;
    const tampered = oidc.seal({ ...original, nonce: 'a-different-nonce' });
    const r = await callback(await new ProviderBrowser().signIn(location, user.username), tampered);
    expect(r.error).toBe('SSO_FAILED');
    expect(r.session).toBeNull();
    // A cookie altered by hand does not even open. The character replaced is the one compared, so
    // the altered cookie always differs (choosing by the last one left it unchanged 1 time in 64).
    expect(oidc.unseal(flow!.slice(0, -2) + (flow!.at(-2) === 'A' ? 'B' : 'A') + flow!.slice(-1))).toBeNull();
  });

  describe('a unit head signed in through SSO', () => {
    async function awaitingSignoff(id: string, unit: 'a1' | 'a2') {
      const filler = w.users[`${unit}.filler`]!.token;
      const v = (await packageRow(app, id)).version;
      const saved = await app.ok<{ savePackage: { package: { version: number } } }>('mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }', { i: { packageId: id, baseVersion: v, document: PASSING } }, filler);
      return (await app.ok<{ submitPackage: { version: number } }>('mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { version } }', { id, v: saved.savePackage.package.version }, filler)).submitPackage.version;
    }

    it('signs only after signing in again at the provider, and the audit trail says so', async () => {
      const head = w.users['a1.head']!;
      const id = w.packages.a1;
      const login = await ssoLogin(head.username);
      const token = login.session!;
      const v = await awaitingSignoff(id, 'a1');

      // The SSO session alone is not a fresh authentication.
      expect(errorCode(await app.gql(SIGN, { id, v, pw: '' }, token))).toBe('FRESH_AUTH_REQUIRED');

      const start = await begin(`/api/auth/oidc/reauth?returnTo=${encodeURIComponent(`/packages/${id}`)}`, token);
      const auth = new URL(start.location);
      expect(auth.searchParams.get('prompt')).toBe('login');
      expect(auth.searchParams.get('max_age')).toBe('0');
      // The provider still has this browser's session, yet asks for the password again.
      const back = await login.browser.signIn(start.location, head.username);
      const r = await callback(back, start.flow, token);
      expect(r.error).toBeNull();
      expect(r.to.pathname + r.to.search).toBe(`/packages/${id}?fresh_auth=1`);

      const signed = await app.ok<{ signPackage: { state: string; signature: { signerName: string } } }>(SIGN, { id, v, pw: '' }, token);
      expect(signed.signPackage.state).toBe('SUBMITTED');
      const event = await app.dataSource.getRepository(AuditEventEntity).findOneOrFail({ where: { packageId: id, action: 'SIGN' }, order: { at: 'DESC' } });
      expect(event.details).toMatchObject({ authMethod: 'OIDC' });
      // One fresh authentication, one signature.
      const row = await app.dataSource.getRepository(SessionEntity).findOneByOrFail({ id: sessionIdOf(app.config.sessionSecret, token) });
      expect(row.freshAuthAt).toBeNull();
    });

    it('refuses a re-authentication whose auth_time is older than the request', async () => {
      const head = w.users['a2.head']!;
      const id = w.packages.a2;
      const login = await ssoLogin(head.username);
      const token = login.session!;
      const v = await awaitingSignoff(id, 'a2');
      const start = await begin(`/api/auth/oidc/reauth?returnTo=/packages/${id}`, token);
      const r = await callback(await login.browser.signIn(start.location, head.username, { authAge: 600 }), start.flow, token);
      expect(r.to.pathname).toBe(`/packages/${id}`);
      expect(r.error).toBe('FRESH_AUTH_REQUIRED');
      expect(errorCode(await app.gql(SIGN, { id, v, pw: '' }, token))).toBe('FRESH_AUTH_REQUIRED');

      // Someone else signing in at the provider for the head's re-authentication proves nothing about the head.
      const again = await begin(`/api/auth/oidc/reauth?returnTo=/packages/${id}`, token);
      const other = await callback(await new ProviderBrowser().signIn(again.location, w.users['a2.filler']!.username), again.flow, token);
      expect(other.error).toBe('FRESH_AUTH_REQUIRED');
      expect(errorCode(await app.gql(SIGN, { id, v, pw: '' }, token))).toBe('FRESH_AUTH_REQUIRED');

      // The password still works for a head who knows it.
      const signed = await app.ok<{ signPackage: { state: string } }>(SIGN, { id, v, pw: TEST_PASSWORD }, token);
      expect(signed.signPackage.state).toBe('SUBMITTED');
      const event = await app.dataSource.getRepository(AuditEventEntity).findOneOrFail({ where: { packageId: id, action: 'SIGN' }, order: { at: 'DESC' } });
      expect(event.details).toMatchObject({ authMethod: 'PASSWORD' });
    });

    it('keeps the password for a head signed in with it: no SSO re-authentication, no empty password', async () => {
      const head = w.users['b1.head']!;
      const start = await app.http().get('/api/auth/oidc/reauth?returnTo=/packages/x').set('cookie', `zipin_session=${head.token}`);
      expect(start.status).toBe(302);
      expect(new URL(start.headers.location as string, APP_ORIGIN).searchParams.get('sso_error')).toBe('FORBIDDEN');
      expect(cookieFrom(start, 'zipin_oidc')).toBeNull();
      expect((await me(head.token))!.sessionMethod).toBe('PASSWORD');
    });
  });

  it('sends the browser to the provider’s sign-out, back to the login page', async () => {
    const res = await app.http().get('/api/auth/oidc/end-session');
    expect(res.status).toBe(302);
    const to = new URL(res.headers.location as string);
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe(`${APP_ORIGIN}/login`);
  });

  it('never sends the browser off the site after sign-in', async () => {
    for (const redirect of ['//evil.example', 'https://evil.example/', '/\\evil.example']) {
      const { flow } = await begin(`/api/auth/oidc/login?redirect=${encodeURIComponent(redirect)}`);
      expect(app.get(OidcService).unseal(flow!)!.returnTo).toBe('/');
    }
  });
});
