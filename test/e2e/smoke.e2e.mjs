export const name = 'the client loads, and a demo user signs in and sees their home';

export async function run({ browser, baseUrl, shot, expect }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').waitFor();
  await shot(page, 'login');
  await page.getByTestId('login-username').fill('gsl.filler');
  await page.getByTestId('login-password').fill('Zipin@2024');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('my-packages').waitFor({ timeout: 15_000 });
  await shot(page, 'home');
  expect((await page.textContent('body')).includes('工商业联合会'), 'the filler sees their unit');
  expect(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  await context.close();
}
