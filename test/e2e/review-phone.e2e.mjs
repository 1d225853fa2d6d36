// The unit head on a phone (390 × 844): from the home list to the summary, the PDF of what is
// signed, the return dialog, and signing with the password; the page never scrolls sideways.
// The unit and its accounts are this journey's own (code 399002), made through the API.
import { NEW_PASSWORD, gql, tokenFor, unitAwaitingSignOff } from './lib/api.mjs';

export const name = 'the unit head reads, opens the PDF and signs on a phone without sideways scrolling';

const UNIT = { code: '399002', name: '手机签章演练单位' };

export async function run({ browser, baseUrl, shot, expect }) {
  const admin = await tokenFor(baseUrl);
  const approved = (await gql(baseUrl, '{ packages(filter: { search: "212005" }) { nodes { id campaign { id } } } }', {}, admin)).packages.nodes[0];
  const document = (await gql(baseUrl, 'query($id: ID!) { package(id: $id) { document } }', { id: approved.id }, admin)).package.document;
  const u = await unitAwaitingSignOff(baseUrl, admin, UNIT, approved.campaign.id, document);

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const noSidewaysScroll = async (where) => {
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(scroll <= width, `${where}: no sideways scroll (page ${scroll} px wide in a ${width} px window)`);
  };
  try {
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill(u.headUsername);
    await page.getByTestId('login-password').fill(NEW_PASSWORD);
    await page.getByTestId('login-submit').tap();
    await page.getByTestId('my-packages').waitFor();
    await page.getByTestId('waiting-badge').waitFor();
    expect((await page.getByTestId('waiting-badge').innerText()).includes('1'), 'the badge counts the one package waiting for the head');
    await noSidewaysScroll('home');
    await shot(page, 'home');

    await page.getByTestId(`open-package-${UNIT.code}`).tap();
    await page.getByTestId('sign-button').waitFor();
    await page.getByTestId('signoff-preview-open').waitFor({ timeout: 60_000 });
    const href = await page.getByTestId('signoff-preview-open').getAttribute('href');
    const pdf = await context.request.get(new URL(href, baseUrl).toString());
    expect(pdf.ok() && (await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'the PDF opens');
    await noSidewaysScroll('sign-off');
    await shot(page, 'summary');

    await page.getByTestId('return-button').tap();
    await page.getByTestId('return-dialog').waitFor();
    await noSidewaysScroll('return dialog');
    await shot(page, 'return-dialog');
    await page.getByTestId('return-dialog').getByRole('button', { name: '取消' }).tap();
    await page.getByTestId('return-dialog').waitFor({ state: 'hidden' });

    await page.getByTestId('sign-button').tap();
    await page.getByTestId('sign-dialog').waitFor();
    await page.getByTestId('sign-password').fill(NEW_PASSWORD);
    // The opinion for the cover: a common phrase, tapped, then added to.
    await page.getByTestId('sign-phrase-同意').tap();
    const opinion = page.locator('textarea[data-testid="sign-opinion"], [data-testid="sign-opinion"] textarea').first();
    expect((await opinion.inputValue()) === '同意', 'the tapped phrase fills the opinion');
    await opinion.fill('同意，手机签章');
    await noSidewaysScroll('sign dialog');
    await shot(page, 'sign-dialog');
    await page.getByTestId('sign-confirm').tap();
    await page.locator('[data-testid="package-header"][data-state="SUBMITTED"]').waitFor();
    await page.getByTestId('signature-info').waitFor();
    await noSidewaysScroll('signed');
    await shot(page, 'signed');
    expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}
