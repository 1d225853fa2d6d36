import { gql, tokenFor } from './lib/api.mjs';

export const name = 'after an admin reset, the unit head must choose a new password before anything else';

export async function run({ browser, baseUrl, shot, expect }) {
  // The admin resets a head's password (through the API; the admin screen is another journey).
  // 妇女联合会's head: an account no other journey signs in with, since it ends with a new password.
  const admin = await tokenFor(baseUrl);
  const users = (await gql(baseUrl, '{ users { id username } }', {}, admin)).users;
  const head = users.find((u) => u.username === 'fl.head');
  await gql(baseUrl, 'mutation($id: ID!, $p: String!) { resetUserPassword(id: $id, newPassword: $p) }', { id: head.id, p: 'Temp-reset-2025x' }, admin);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill('fl.head');
  await page.getByTestId('login-password').fill('Temp-reset-2025x');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('new-password-reason').waitFor({ timeout: 15_000 });
  expect(page.url().includes('/change-password'), `sent to the new-password page, not ${page.url()}`);
  expect((await page.getByTestId('new-password-reason').textContent()).includes('管理员重置了您的密码'), 'says why');
  await shot(page, 'forced');

  // Nowhere else is reachable meanwhile.
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('new-password-reason').waitFor();
  expect(page.url().includes('/change-password'), 'home redirects to the new-password page');

  // Two different new passwords are caught before sending.
  await page.getByTestId('np-current').fill('Temp-reset-2025x');
  await page.getByTestId('np-next').fill('Head-own-pw-2025');
  await page.getByTestId('np-confirm').fill('Head-own-pw-2026');
  await page.getByTestId('np-submit').click();
  await page.getByTestId('np-error').waitFor();
  expect((await page.getByTestId('np-error').textContent()).includes('不一致'), 'mismatch shown');
  await shot(page, 'mismatch');

  await page.getByTestId('np-confirm').fill('Head-own-pw-2025');
  await page.getByTestId('np-submit').click();
  await page.getByTestId('my-packages').waitFor({ timeout: 15_000 });
  await shot(page, 'home-after-change');
  expect(!page.url().includes('/change-password'), 'back home after the change');

  // The new password is the one that works now.
  const fresh = await tokenFor(baseUrl, 'fl.head', 'Head-own-pw-2025');
  const me = (await gql(baseUrl, '{ me { mustChangePassword } }', {}, fresh)).me;
  expect(me.mustChangePassword === false, 'flag cleared');

  // Signing out from the new-password page works too (a second reset).
  await gql(baseUrl, 'mutation($id: ID!, $p: String!) { resetUserPassword(id: $id, newPassword: $p) }', { id: head.id, p: 'Temp-reset-2026x' }, admin);
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill('fl.head');
  await page.getByTestId('login-password').fill('Temp-reset-2026x');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('np-logout').click();
  await page.getByTestId('login-username').waitFor();
  expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  await context.close();
}
