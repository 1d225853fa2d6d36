// The official forms as the filler works in them at 1440 px, both drawn from their layouts:
// a 专项 and a 楼堂馆所 row added, filled and removed, the footer's 填表人 typed, an indicator
// added under a 二级指标, switched to a 定性 target with a band and removed, a suggested score
// adopted and put back; the changes autosave. The seed package is left as it was: on the same
// server, the whole-life journey (which takes it to publication) runs after this one.
export const name = 'the filler grows and shrinks the official forms drawn from their layouts';
// campaign-rules reads the seed package's rules as its filler; the forms need it still a draft.
export const runsAfter = 'campaign-rules.e2e.mjs';

const PASSWORD = 'Zipin@2024';
const UNIT_CODE = '212001';

export async function run({ browser, baseUrl, shot, expect }) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const errors = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('gsl.filler');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId(`open-package-${UNIT_CODE}`).click();
    await page.getByTestId('checks-panel').first().waitFor();
    const cell = (path) => page.locator(`.cell-input[data-path="${path}"]`);
    const saved = () =>
      page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 20_000 });
    const basic = page.locator('[data-form="basicData"]');
    const selfEvaluation = page.locator('[data-form="selfEvaluation"]');

    // ---- 基础数据表: the official grid, with its title, merged headers and footer.
    await basic.locator('h2').waitFor();
    expect((await basic.locator('h2').textContent()) === '2024年度部门（单位）整体支出绩效评价基础数据表', 'the 基础数据表 carries the campaign year');
    expect((await basic.locator('tr[data-row="staffingHead"] th').first().getAttribute('rowspan')) === '2', 'the staffing header spans two rows');
    await shot(page, 'filler-basic-data-1440');

    // A 专项 row: added by the button of its group, filled, totalled, removed.
    const fundsBefore = await basic.locator('tr[data-item^="sf-"]').count();
    await page.getByTestId('add-specialFunds').click();
    const fundRow = basic.locator('tr[data-item^="sf-"]').last();
    await fundRow.waitFor();
    const fundId = await fundRow.getAttribute('data-item');
    await cell(`basicData.projects.specialFunds[${fundId}].name`).fill('乡村振兴专项');
    await cell(`basicData.projects.specialFunds[${fundId}].currentFinal`).fill('12.5');
    await page.waitForFunction(() => document.querySelector('[data-testid="computed-projects.specialFundsTotal.currentFinal"]')?.textContent?.trim() === '12.5');
    await saved();
    await shot(page, 'filler-basic-data-special-fund-added');
    await fundRow.locator('button.danger').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-form="basicData"] tr[data-item^="sf-"]').length === n, fundsBefore);
    await saved();

    // A 楼堂馆所 row: its control rates are computed as it is filled.
    await page.getByTestId('add-buildings').click();
    const building = basic.locator('tr[data-item^="bld-"]').last();
    await building.waitFor();
    const buildingId = await building.getAttribute('data-item');
    const b = (field) => cell(`basicData.buildings[${buildingId}].${field}`);
    await b('name').fill('机关办公楼维修');
    await b('approvedArea').fill('1200');
    await b('actualArea').fill('1140');
    await page.waitForFunction((id) => document.querySelector(`[data-testid="computed-buildings[${id}].areaControlRate"]`)?.textContent?.trim() === '95%', buildingId);
    await saved();
    await building.locator('button.danger').click();
    await building.waitFor({ state: 'detached' });

    // The footer's 填表人 is typed once, in the 基础数据表 (the 自评表 prints it), and put back.
    const filler = cell('basicData.contact.fillerName');
    const fillerBefore = await filler.inputValue();
    expect(fillerBefore !== '', 'the seed names its 填表人');
    await filler.fill(`${fillerBefore}乙`);
    await saved();
    expect((await page.locator('[data-form="selfEvaluation"] [data-testid="footer-fillerName"]').textContent()) === `${fillerBefore}乙`, 'the 自评表 prints the 填表人 typed in the 基础数据表');
    await filler.fill(fillerBefore);
    await saved();

    // ---- 绩效自评表.
    await page.locator('#tab-selfEvaluation').click();
    await selfEvaluation.locator('h2').waitFor();
    await shot(page, 'filler-self-evaluation-1440');
    const indicatorsBefore = await selfEvaluation.locator('tr[data-item^="ind-"]').count();
    await page.getByTestId('add-indicators-TIMELINESS').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-form="selfEvaluation"] tr[data-item^="ind-"]').length === n + 1, indicatorsBefore);
    const added = selfEvaluation.locator('tr[data-level2="TIMELINESS"][data-item]').last();
    const addedId = await added.getAttribute('data-item');
    await cell(`selfEvaluation.indicators[${addedId}].name`).fill('整改事项按期办结');
    await added.locator('select.op-select').selectOption('QUALITATIVE');
    await added.locator('select.band-select').selectOption('ACHIEVED');
    await saved();
    await shot(page, 'filler-self-evaluation-indicator-added');
    await added.locator('button.danger').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-form="selfEvaluation"] tr[data-item^="ind-"]').length === n, indicatorsBefore);

    // A suggested score adopted: the score becomes the suggestion and the button goes away.
    const adopt = page.locator('[data-testid^="use-suggestion-"]').first();
    const adoptId = (await adopt.getAttribute('data-testid')).replace('use-suggestion-', '');
    const suggestion = (await page.getByTestId(`suggestion-${adoptId}`).locator('span').first().textContent()).replace(/[^\d.]/g, '');
    const scoreCell = cell(`selfEvaluation.indicators[${adoptId}].score`);
    const declared = await scoreCell.inputValue();
    await adopt.click();
    await page.waitForFunction(
      ([id, v]) => document.querySelector(`.cell-input[data-path="selfEvaluation.indicators[${id}].score"]`)?.value === v,
      [adoptId, suggestion],
    );
    expect((await page.getByTestId(`use-suggestion-${adoptId}`).count()) === 0, 'an adopted suggestion offers no button');
    await saved();
    // The package is left as the seed has it: the other journeys run on the same data.
    await scoreCell.fill(declared);
    await page.getByTestId(`use-suggestion-${adoptId}`).waitFor();
    await saved();
    expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}
