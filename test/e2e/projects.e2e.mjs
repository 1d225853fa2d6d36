// The 项目支出绩效自评表 as the filler works with it at 1440 px: a 专项 added on the 基础数据表
// is offered its table, which opens prefilled and is typed into; a table for another (结转)
// project is added, marked 结转 and removed after a second click; the 专项's table and the 专项
// go again. The changes autosave. The package is left as it was for the other journeys.
export const name = 'the filler fills the 项目支出绩效自评表 of a 专项 and of another project';

const PASSWORD = 'Zipin@2024';
// 水利局: a draft no other journey moves on (the seed's 工商联 is published by the main journey).
const UNIT_CODE = '212010';

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
    await page.getByTestId('login-username').fill('slj.filler');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId(`open-package-${UNIT_CODE}`).click();
    await page.getByTestId('checks-panel').first().waitFor();
    const cell = (path) => page.locator(`.cell-input[data-path="${path}"]`);
    const saved = () =>
      page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 20_000 });
    const basic = page.locator('[data-form="basicData"]');
    const bar = page.getByTestId('project-tables-bar');
    const tables = page.locator('[data-form="projectSelfEvaluation"]');

    // A 专项 on the 基础数据表.
    await basic.locator('h2').waitFor();
    await page.getByTestId('add-specialFunds').click();
    const fundRow = basic.locator('tr[data-item^="sf-"]').last();
    await fundRow.waitFor();
    const fundId = await fundRow.getAttribute('data-item');
    await cell(`basicData.projects.specialFunds[${fundId}].name`).fill('招商引资专项');
    await cell(`basicData.projects.specialFunds[${fundId}].currentBudget`).fill('12');
    await cell(`basicData.projects.specialFunds[${fundId}].currentFinal`).fill('11.5');
    await saved();

    // Its table is offered on the 项目支出绩效自评表 tab, and opens prefilled from the row.
    await page.locator('#tab-projectSelfEvaluation').click();
    await bar.waitFor();
    expect((await tables.count()) === 0, 'the seed has no project table');
    await page.getByTestId(`project-offer-${fundId}`).click();
    await tables.first().waitFor();
    expect((await tables.first().locator('h2').textContent()) === '2024年度项目支出绩效自评表', 'the table carries the campaign year');
    expect((await cell('projectEvaluations[pe-1].name').inputValue()) === '招商引资专项', 'the name comes from the 专项 row');
    expect((await cell('projectEvaluations[pe-1].funds.fiscal.execution').inputValue()) === '11.5', 'the execution comes from the 专项 row');
    expect((await page.getByTestId(`project-offer-${fundId}`).count()) === 0, 'the offer is gone once the table exists');
    await cell('projectEvaluations[pe-1].department').fill('株洲市渌口区水利局');
    await cell('projectEvaluations[pe-1].implementer').fill('株洲市渌口区水利局');
    await saved();
    await shot(page, 'filler-project-table-1440');

    // A table for another project, marked 结转, then removed after a second click.
    await page.getByTestId('project-add-other').click();
    await tables.nth(1).waitFor();
    await page.getByTestId('project-carried-pe-2').click();
    await saved();
    await page.getByTestId('project-remove-pe-2').click();
    await page.getByTestId('project-remove-cancel-pe-2').click();
    expect((await tables.count()) === 2, 'cancelling keeps the table');
    await page.getByTestId('project-remove-pe-2').click();
    await page.getByTestId('project-remove-confirm-pe-2').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-form="projectSelfEvaluation"]').length === 1);
    await saved();

    // Back as it was: the 专项's table and the 专项 go.
    await page.getByTestId('project-remove-pe-1').click();
    await page.getByTestId('project-remove-confirm-pe-1').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-form="projectSelfEvaluation"]').length === 0);
    await saved();
    await page.locator('#tab-basicData').click();
    await fundRow.locator('button.danger').click();
    await fundRow.waitFor({ state: 'detached' });
    await saved();
    expect(errors.length === 0, `no console errors: ${errors.join(' | ')}`);
  } finally {
    await context.close();
  }
}
