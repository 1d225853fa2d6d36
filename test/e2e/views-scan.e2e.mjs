// Internal codes never reach people: every view of every role (filler, unit head, reviewer,
// admin, public portal) is opened, each of its tabs clicked, and its visible text scanned for
// field paths (basicData.publicFunds.total), check codes (PUBLIC_FUNDS_OVER_BUDGET) and row ids
// (ind-3, sf-1). Any hit fails the journey, naming the view and the text around it.
// It opens packages as their unit heads, and the sign-off journey must still meet a head who has
// never opened its package: on the same server, it runs after that journey.
export const name = 'no field path, check code or row id appears in any view';
export const expectedSeconds = 95;
export const runsAfter = 'report-signoff.e2e.mjs';

const PASSWORD = 'Zipin@2024';
const PATTERNS = [
  ['field path', /[a-z]+\.[a-z]+\.[a-zA-Z.]+/g],
  ['code', /\b[A-Z]{3,}_[A-Z_]+\b/g],
  ['row id', /\b(?:ind|sf|bd|bld|fn|b)-\d+\b/g],
];

export async function run({ browser, baseUrl, shot, expect }) {
  const errors = [];
  const hits = [];
  const contexts = [];
  let scanned = 0;

  async function open(username) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${username} console: ${m.text()}`);
    });
    if (username !== 'public') {
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('my-packages').waitFor();
    }
    return page;
  }

  async function scan(page, view) {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    // Mail addresses (lower-case name@host.domain) are people's data an admin types, not internal
    // strings; a check key such as CODE@basicData.path is not one of them and is still scanned.
    const text = (await page.evaluate(() => document.body.innerText)).replace(/[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/g, '');
    scanned += 1;
    for (const [what, re] of PATTERNS) {
      for (const m of text.matchAll(re)) {
        const at = m.index ?? 0;
        hits.push(`${view}: ${what} 「${m[0]}」 in “…${text.slice(Math.max(0, at - 30), at + m[0].length + 30).replace(/\s+/g, ' ')}…”`);
      }
    }
  }

  /** Scans the view, then each of its tabs in turn (document tabs and side panels alike). */
  async function scanWithTabs(page, view) {
    await scan(page, view);
    const count = await page.locator('.el-tabs__item').count();
    for (let i = 0; i < count; i++) {
      const tab = page.locator('.el-tabs__item').nth(i);
      if (!(await tab.isVisible())) continue;
      const label = (await tab.innerText()).replace(/\s+/g, '');
      await tab.click();
      await page.waitForTimeout(300);
      await scan(page, `${view} › ${label}`);
    }
  }

  async function openPackage(page, code) {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId(`open-package-${code}`).click();
    await page.getByTestId('package-title').waitFor();
  }

  try {
    // 填表人: a draft with its problems (an unnamed row too), and a returned package.
    const filler = await open('wlj.filler');
    await scan(filler, 'filler home');
    await openPackage(filler, '212007');
    await filler.locator('#tab-selfEvaluation').click();
    // An indicator without a name must be named by its row, not its id.
    const firstName = filler.locator('.cell-input[data-path^="selfEvaluation.indicators["][data-path$="].name"]').first();
    const originalName = await firstName.inputValue();
    await firstName.fill('');
    await scanWithTabs(filler, 'filler workspace');
    await filler.locator('#tab-selfEvaluation').click();
    await filler.locator('#tab-checks').click();
    await filler.getByTestId('check-REQUIRED_TEXT_MISSING').first().waitFor();
    await shot(filler, 'filler-unnamed-row');
    await filler.locator('#tab-selfEvaluation').click();
    await firstName.fill(originalName);

    const returned = await open('nyj.filler');
    await openPackage(returned, '212004');
    await scanWithTabs(returned, 'filler returned package');

    // 单位负责人: the sign-off desk with its 修改对比 tab.
    const head = await open('mzj.head');
    await scan(head, 'unit head home');
    await openPackage(head, '212006');
    await scanWithTabs(head, 'unit head sign-off');
    await shot(head, 'unit-head-sign-off');

    // 审核人: the queue and a package in review.
    const reviewer = await open('reviewer');
    await reviewer.goto(`${baseUrl}/review`);
    await scan(reviewer, 'review queue');
    await openPackage(reviewer, '212003');
    await scanWithTabs(reviewer, 'reviewer package');
    await shot(reviewer, 'reviewer-package');

    // 管理员.
    const admin = await open('admin');
    for (const path of ['/admin/dashboard', '/admin/campaigns', '/admin/org', '/admin/assignments', '/admin/publications']) {
      await admin.goto(`${baseUrl}${path}`);
      await admin.locator('.el-table, .el-card, main').first().waitFor();
      await scanWithTabs(admin, `admin ${path}`);
    }

    // 公开查询.
    const portal = await open('public');
    await portal.goto(`${baseUrl}/portal`);
    await portal.locator('main, .portal').first().waitFor();
    await scan(portal, 'portal home');
    const link = portal.locator('a[href^="/portal/p/"]').first();
    if ((await link.count()) > 0) {
      await link.click();
      await portal.waitForLoadState('networkidle');
      await scanWithTabs(portal, 'portal package');
    }
    await portal.goto(`${baseUrl}/portal/verify`);
    await scan(portal, 'portal verify');

    // The scanner itself: each kind of internal string planted in a page is found.
    const before = hits.length;
    await portal.evaluate(() => document.body.insertAdjacentText('beforeend', ' PUBLIC_FUNDS_OVER_BUDGET@basicData.publicFunds.total.currentFinal 指标「ind-1」 '));
    await scan(portal, 'planted');
    const planted = hits.splice(before);
    expect(planted.length === 3, `the scanner finds a path, a code and an id: ${planted.join(' | ')}`);
    scanned -= 1;

    expect(scanned >= 25, `every view was scanned (${scanned})`);
    expect(hits.length === 0, `internal strings shown to people:\n${[...new Set(hits)].slice(0, 30).join('\n')}`);
    expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  } finally {
    for (const c of contexts) await c.close();
  }
}
