// Single sign-on, on a server of its own (its own port and data folder) configured for a real
// OpenID provider started here, matching accounts by the staff number (工号) an admin links:
// the admin links the 民政局 head's account; someone the provider knows but no account names is
// refused on the login page; the head signs in at the provider's page, lands in the app, signs
// the 民政局 package after signing in again at the provider, sees the audit trail say so, and
// signing out passes through the provider's sign-out back to the login page.
import { startProvider, PROVIDER_PASSWORD } from '../../server/test/support/oidc-provider.mjs';

export const name = 'a unit head signs in through single sign-on and signs after signing in again at the provider';

const DEMO_PASSWORD = 'Zipin@2024';
const MZJ = '212006'; // 株洲市渌口区民政局: 待单位负责人签章 in the demo data
const HEAD_AT_PROVIDER = 'wang.wu';

export async function run({ browser, shot, expect, startServer, freePort }) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const provider = await startProvider({ redirectUris: [`${baseUrl}/api/auth/oidc/callback`], postLogoutRedirectUris: [`${baseUrl}/login`] });
  const server = await startServer({
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_MATCH: 'external-id',
    OIDC_CLAIM: 'staff_no',
  });
  const contexts = [];
  const problems = [];
  async function browserFor(who) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    // Two servers and a provider start on a shared machine: a slow step is not a failure.
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`${who} console: ${m.text()}`));
    return page;
  }
  /** At the provider's own page: its account name and password. */
  async function atProvider(page, login, { again = false } = {}) {
    await page.waitForURL((u) => u.origin === provider.issuer);
    await page.locator('#login').waitFor();
    if (again) expect((await page.locator('main').innerText()).includes('请再次输入统一身份认证密码'), 'the provider asks for the password again, though its session is open');
    await page.locator('#login').fill(login);
    await page.locator('#password').fill(PROVIDER_PASSWORD);
    await page.locator('#provider-submit').click();
  }
  const field = (page, id) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

  try {
    // ---- 1. The admin (a password account) links the 民政局 head to the provider's staff number.
    const admin = await browserFor('admin');
    await admin.goto(`${baseUrl}/login`);
    await admin.getByTestId('login-sso').waitFor();
    await admin.getByTestId('login-username').fill('admin');
    await admin.getByTestId('login-password').fill(DEMO_PASSWORD);
    await admin.getByTestId('login-submit').click();
    await admin.waitForURL((u) => !u.pathname.startsWith('/login'));
    await admin.goto(`${baseUrl}/admin/org`);
    await admin.getByRole('tab', { name: '用户' }).click();
    await admin.getByTestId('users').waitFor();
    await admin.getByTestId('edit-user-mzj.head').click();
    await admin.getByTestId('edit-user-dialog').waitFor();
    await field(admin, 'edit-user-external-id').fill(`S-${HEAD_AT_PROVIDER}`);
    await shot(admin, 'admin-links-staff-number');
    await admin.getByTestId('edit-user-save').click();
    await admin.getByTestId('edit-user-dialog').waitFor({ state: 'hidden' });
    await admin.getByTestId('edit-user-mzj.head').click();
    expect((await field(admin, 'edit-user-external-id').inputValue()) === `S-${HEAD_AT_PROVIDER}`, 'the staff number is kept on the account');
    await admin.keyboard.press('Escape');

    // ---- 2. Someone the provider knows but no account here names is refused on the login page.
    const stranger = await browserFor('stranger');
    await stranger.goto(`${baseUrl}/login`);
    await stranger.getByTestId('login-sso').waitFor();
    expect((await stranger.getByTestId('login-sso').innerText()).includes('统一身份认证登录'), 'the button carries the configured label');
    await shot(stranger, 'login-page-with-sso');
    await stranger.getByTestId('login-sso').click();
    await atProvider(stranger, 'li.si');
    await stranger.waitForURL((u) => u.origin === baseUrl && u.pathname === '/login');
    await stranger.getByTestId('login-error').waitFor();
    const refusal = await stranger.getByTestId('login-error').innerText();
    expect(refusal.includes('未关联') && refusal.includes('管理员'), `the refusal says the identity is not linked and whom to ask: ${refusal}`);
    expect(!stranger.url().includes('sso_error'), 'the code does not stay in the address');
    await shot(stranger, 'unknown-identity-refused');

    // ---- 3. The head signs in at the provider's page and lands in the app.
    const head = await browserFor('mzj.head');
    await head.goto(`${baseUrl}/login`);
    await head.getByTestId('login-sso').click();
    await atProvider(head, HEAD_AT_PROVIDER);
    await head.waitForURL((u) => u.origin === baseUrl && !u.pathname.startsWith('/login'));
    await head.getByTestId('user-menu').waitFor();
    expect((await head.getByTestId('user-menu').innerText()).includes('民政局负责人'), 'signed in as the linked account');
    await head.getByTestId(`open-package-${MZJ}`).click();
    await head.locator('[data-testid="package-header"][data-state="AWAITING_SIGNOFF"]').waitFor();
    await head.getByTestId('signoff-summary').waitFor();
    await shot(head, 'head-signed-in-through-sso');

    // ---- 4. Signing: no password field; a fresh sign-in at the provider, then back to the dialog.
    await head.getByTestId('sign-button').click();
    await head.getByTestId('sign-dialog').waitFor();
    expect((await head.getByTestId('sign-password').count()) === 0, 'no password field for an SSO head');
    expect(await head.getByTestId('sign-confirm').isDisabled(), 'signing waits for the fresh sign-in');
    await shot(head, 'sign-dialog-asks-for-sso');
    // The opinion typed before leaving for the provider is still there on the way back.
    const opinionTyped = '同意报送。经单位负责人审阅，数据属实。';
    const opinionField = () => head.locator('textarea[data-testid="sign-opinion"], [data-testid="sign-opinion"] textarea').first();
    await opinionField().fill(opinionTyped);
    await head.getByTestId('sign-sso-reauth').click();
    await atProvider(head, HEAD_AT_PROVIDER, { again: true });
    await head.waitForURL((u) => u.origin === baseUrl && u.pathname.startsWith('/packages/'));
    await head.getByTestId('sign-sso-verified').waitFor();
    expect(!head.url().includes('fresh_auth'), 'the marker does not stay in the address');
    expect((await opinionField().inputValue()) === opinionTyped, `the typed opinion came back from the provider: ${await opinionField().inputValue()}`);
    await shot(head, 'back-from-provider-verified');
    await head.getByTestId('sign-confirm').click();
    await head.locator('[data-testid="package-header"][data-state="SUBMITTED"]').waitFor();
    await head.getByTestId('signature-info').waitFor();
    await head.locator('#tab-audit').click();
    const signedWith = head.getByTestId('audit-signed-with').last();
    await signedWith.waitFor();
    expect((await signedWith.innerText()).includes('统一身份认证'), 'the audit trail says the signature was verified through single sign-on');
    await head.getByText(opinionTyped).first().waitFor();
    await shot(head, 'signed-audit-trail-says-sso');

    // ---- 5. Signing out ends the local session and passes through the provider's sign-out.
    await head.getByTestId('user-menu').click();
    await head.getByTestId('logout').click();
    await head.waitForURL((u) => u.origin === provider.issuer);
    await head.locator('#confirm-logout').click();
    await head.waitForURL((u) => u.origin === baseUrl && u.pathname === '/login');
    await head.getByTestId('login-sso').waitFor();
    const me = await head.evaluate(() =>
      fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) }).then((r) => r.json()),
    );
    expect(me.data.me === null, 'the session has ended');
    await shot(head, 'signed-out');

    expect(problems.length === 0, `no console or page errors:\n${problems.join('\n')}`);
  } catch (err) {
    console.log(server.output().split('\n').slice(-30).join('\n'));
    throw err;
  } finally {
    for (const c of contexts) await c.close();
    await server.stop();
    await provider.close();
  }
}
