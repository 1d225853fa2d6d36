// The publication desk as the bureau admin uses it: schedule several approved packages at once,
// see what goes out when and whether each one's PDF is ready, and publish one now after a confirmation.
export const name = 'the publication desk schedules many at once, shows what goes out when with each PDF, and publishes now after a confirmation';

const ZJJ = '212005'; // 住房和城乡建设局: approved in the demo
const TJJ = '212009'; // 统计局: scheduled ten minutes after start in the demo

export async function run({ baseUrl, shot, expect, signIn }) {
  const { context, page, errors } = await signIn('admin');
  await page.getByTestId('nav-publications').click();
  await page.getByTestId('publications').waitFor();

  // 待安排: the approved row says where its PDF to be published stands (rendered after approval).
  const row = page.getByTestId('publications').locator('tr', { has: page.getByTestId(`schedule-${ZJJ}`) });
  await row.getByTestId(`pdf-${ZJJ}`).waitFor();
  const firstStatus = await row.getByTestId(`pdf-${ZJJ}`).getAttribute('data-status');
  expect(['READY', 'RENDERING', 'MISSING'].includes(firstStatus), `the approved package's PDF is ready or on its way: ${firstStatus}`);
  // Then select it and schedule it (and whatever else is selectable) at once.
  await row.locator('.el-checkbox').click();
  await page.getByTestId('schedule-selected').click();
  await page.getByTestId('batch-dialog').waitFor();
  await shot(page, 'batch-dialog');
  await page.getByTestId('batch-confirm').click();
  await page.locator('.el-message--success', { hasText: '已安排' }).waitFor();
  await page.getByTestId('batch-dialog').waitFor({ state: 'hidden' });

  // 已安排: both scheduled packages are on the timeline.
  await page.getByTestId('pub-scheduled').click();
  await page.getByTestId('publication-timeline').waitFor();
  await page.getByTestId('publications').getByTestId('state-SCHEDULED').first().waitFor();
  expect((await page.getByTestId('pub-scheduled').locator('input').isChecked()), 'the 已安排 tab is the checked one');
  const timeline = await page.getByTestId('publication-timeline').innerText();
  expect(timeline.includes('住房和城乡建设局') && timeline.includes('统计局'), `the timeline lists both scheduled packages: ${timeline}`);
  // Each scheduled package's PDF is rendered ahead of its time: the desk shows it ready.
  const deadlinePdf = Date.now() + 90_000;
  for (;;) {
    const status = await page.getByTestId(`pdf-${ZJJ}`).getAttribute('data-status');
    if (status === 'READY') break;
    expect(status !== 'FAILED' && Date.now() < deadlinePdf, `the scheduled package's PDF gets rendered ahead (now ${status})`);
    await page.waitForTimeout(1500);
    await page.getByTestId('pub-approved').click();
    await page.getByTestId('pub-scheduled').click();
    await page.getByTestId(`pdf-${ZJJ}`).waitFor();
  }
  expect((await page.getByTestId(`pdf-${ZJJ}`).innerText()).includes('已生成'), 'the ready PDF reads 已生成');
  await page.waitForTimeout(400); // the tab and tags fade in
  await shot(page, 'timeline', 'admin-publications');

  // 立即公开 asks first; cancelling changes nothing.
  await page.getByTestId(`publish-now-${TJJ}`).click();
  await page.locator('.el-message-box').waitFor();
  await page.locator('.el-message-box').getByRole('button', { name: '取消' }).click();
  await page.locator('.el-message-box').waitFor({ state: 'hidden' });
  await page.getByTestId(`publish-now-${TJJ}`).click();
  await page.locator('.el-message-box').getByRole('button', { name: '立即公开' }).click();
  await page.locator('.el-message--success', { hasText: '立即公开' }).waitFor();

  // It reaches the portal within a minute (its PDF was rendered ahead; the due-time step only flips it).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const portal = await context.request.get(`${baseUrl}/portal?q=${encodeURIComponent('统计局')}`);
    if ((await portal.text()).includes('2024年度株洲市渌口区统计局整体支出绩效自评材料')) break;
    expect(Date.now() < deadline, 'the package published now appears on the portal');
    await page.waitForTimeout(1500);
  }
  await page.getByTestId('pub-published').click();
  await page.getByTestId('publications').locator('tr', { hasText: '统计局' }).first().waitFor();
  await shot(page, 'published');
  expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  await context.close();
}
