// The bureau admin sets a notice's scoring template: opens the opened demo notice — its 编辑
// button used to fail — and finds its template locked; creates a notice from the national
// module's preset, edits weights (a wrong sum is refused with the sum named) and rule
// parameters, saves, and edits them again while it is a draft. The filler then sees the rule in
// force next to each suggested score. (Refusal after opening through the API: campaign-rules.int-spec.ts.)
export const name = 'an admin sets a campaign’s weights and scoring rules from a preset; the filler sees the rule in force';

const PASSWORD = 'Zipin@2024';
// Before the demo's 2024 notice, left a draft: other journeys on this server keep seeing 2024 first
// and the units get no second package.
const YEAR = 2019;
// Deadlines ahead of today, whatever the fiscal year.
const DUE = new Date().getFullYear() + 1;

export async function run({ browser, baseUrl, shot, expect }) {
  const errors = [];
  const contexts = [];
  async function open(username) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${username} console: ${m.text()}`);
    });
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('my-packages').waitFor();
    return page;
  }
  const dialog = (page) => page.locator('.el-dialog[data-testid="campaign-dialog"]');
  /** Element Plus selects render their options in a popper outside the dialog. */
  async function choose(page, testid, label) {
    await dialog(page).locator(`[data-testid="${testid}"]`).click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: label }).first().click();
  }
  async function setNumber(page, testid, value) {
    const input = dialog(page).locator(`[data-testid="${testid}"] input`);
    await input.fill(String(value));
    await input.press('Tab');
  }
  const value = (page, testid) => dialog(page).locator(`[data-testid="${testid}"] input`).inputValue();
  const selected = (page, testid) => dialog(page).locator(`[data-testid="${testid}"]`).innerText();

  try {
    const admin = await open('admin');
    await admin.getByTestId('nav-campaigns').click();
    await admin.getByTestId('campaigns').waitFor();

    // 1. The opened demo notice: 编辑 opens (it threw on structuredClone before) with its template locked.
    await admin.getByTestId('edit-campaign-2024').click();
    await dialog(admin).waitFor();
    await dialog(admin).getByTestId('template-locked').waitFor();
    expect(await dialog(admin).locator('[data-testid="weight-output"] input').isDisabled(), 'an opened notice’s weights cannot be edited');
    expect((await selected(admin, 'rule-reverse')).includes('比例'), 'the demo notice scores ≤ rows by ratio');
    await shot(admin, 'opened-campaign-locked');
    await dialog(admin).locator('.el-dialog__footer button', { hasText: '取消' }).click();
    await dialog(admin).waitFor({ state: 'hidden' });

    // 2. A new notice from the national module's preset.
    await admin.getByTestId('new-campaign').click();
    await dialog(admin).waitFor();
    await setNumber(admin, 'campaign-fiscal-year', YEAR);
    await dialog(admin).getByTestId('campaign-title').fill(`${YEAR}年度部门整体支出绩效自评`);
    await dialog(admin).locator('input[aria-label="通知文号"]').fill(`测财通（${DUE}）2号`);
    await choose(admin, 'campaign-preset', '全国预算绩效管理系统规则');
    expect((await dialog(admin).getByTestId('preset-source').innerText()).includes('全国预算绩效管理信息系统'), 'the preset names its source');
    expect((await value(admin, 'weight-output')) === '50', 'the national preset’s 产出 is 50');
    expect((await selected(admin, 'rule-reverse')).includes('线性扣分'), 'the national preset deducts linearly');
    // A wrong sum is refused, naming it.
    await setNumber(admin, 'weight-output', 45);
    await dialog(admin).locator('.el-alert', { hasText: '各项权重之和为95，必须为100' }).waitFor();
    expect(await dialog(admin).getByTestId('campaign-save').isDisabled(), 'save is refused while the weights sum to 95');
    await shot(admin, 'weights-sum-refused');
    await setNumber(admin, 'weight-effect', 35);
    await dialog(admin).locator('.el-alert', { hasText: '各项权重之和' }).waitFor({ state: 'detached' });
    await choose(admin, 'rule-equal', '按正向指标');
    await setNumber(admin, 'rule-partial-min', 50);
    await setNumber(admin, 'rule-overshoot-flag', 30);
    await setNumber(admin, 'rule-overshoot-deduction', 2);
    await dialog(admin).getByTestId('rule-cap-total').click();
    await choose(admin, 'rule-split-basis', /^\s*全年执行数\s*$/);
    const dates = dialog(admin).locator('.el-date-editor input');
    for (const [i, when] of [[0, `${DUE}-05-31 18:00:00`], [1, `${DUE}-06-30 18:00:00`]]) {
      await dates.nth(i).click();
      await dates.nth(i).fill(when);
      await dates.nth(i).press('Enter');
      await admin.waitForTimeout(400); // the picker panel animates out
      // Where the panel stays open on a typed value, confirm it there (its last footer button is 确定).
      const ok = admin.locator('.el-picker-panel__footer:visible button').last();
      if (await ok.count()) await ok.click({ timeout: 5_000 });
    }
    await dialog(admin).locator('.el-dialog__header').click();
    expect(!(await dialog(admin).getByTestId('campaign-save').isDisabled()), 'save is enabled once weights sum to 100 and both deadlines are set');
    await shot(admin, 'new-campaign-rules');
    await dialog(admin).getByTestId('campaign-save').click();
    await admin.locator('.el-message', { hasText: '已保存' }).waitFor({ timeout: 3000 }).catch(async (e) => {
      await shot(admin, 'save-failed');
      throw new Error(`${e.message}: ${await admin.locator('.el-message').allInnerTexts()}`);
    });
    await dialog(admin).waitFor({ state: 'hidden' });

    // 3. Edit it again while it is a draft: the saved rules come back, and a change is kept.
    await admin.getByTestId(`edit-campaign-${YEAR}`).click();
    await dialog(admin).waitFor();
    expect((await value(admin, 'weight-output')) === '45' && (await value(admin, 'weight-effect')) === '35', 'the edited weights were saved');
    expect((await selected(admin, 'rule-split-basis')).trim() === '全年执行数', 'the split basis was saved');
    expect((await selected(admin, 'rule-equal')).includes('按正向指标'), 'the "=" rule was saved');
    expect((await value(admin, 'rule-partial-min')) === '50', 'the 80/50 bands were saved');
    expect((await value(admin, 'rule-overshoot-deduction')) === '2.00', 'the overshoot deduction was saved');
    expect((await dialog(admin).getByTestId('rule-cap-total').getAttribute('class')).includes('is-checked'), 'the cap was saved');
    await setNumber(admin, 'rule-deadline-late', 1);
    await choose(admin, 'rule-reverse', /^\s*比例/);
    await dialog(admin).getByTestId('campaign-save').click();
    await dialog(admin).waitFor({ state: 'hidden' });
    await admin.getByTestId(`edit-campaign-${YEAR}`).click();
    await dialog(admin).waitFor();
    expect((await value(admin, 'rule-deadline-late')) === '1.00', 'the per-month deadline deduction was saved');
    expect((await selected(admin, 'rule-reverse')).includes('比例'), 'the reverse rule change was saved');
    await dialog(admin).locator('.el-dialog__footer button', { hasText: '取消' }).click();
    await dialog(admin).waitFor({ state: 'hidden' });

    // 4. The filler sees the rule in force next to the suggested score of each row.
    const filler = await open('gsl.filler');
    await filler.getByTestId('open-package-212001').click();
    await filler.getByTestId('package-title').waitFor();
    await filler.locator('#tab-selfEvaluation').click();
    const cost = filler.getByTestId('suggestion-ind-9');
    await cost.waitFor();
    const hint = (await cost.getByTestId('rule-hint').innerText()).trim();
    expect(hint === '反向指标·按比例', `the 人员保障 row names its rule (got "${hint}")`);
    expect((await filler.getByTestId('suggestion-ind-1').getByTestId('rule-hint').innerText()).includes('正向指标'), 'a ≥ row names the positive rule');
    await cost.scrollIntoViewIfNeeded();
    await shot(filler, 'rule-hint');
    expect(errors.length === 0, `no console or page errors: ${errors.join('; ')}`);
  } finally {
    for (const c of contexts) await c.close();
  }
}
