// The bureau admin moves a notice's submission deadline in the campaign editor and sees, beside
// the date, who is reminded when for the new deadline (the reminder plan of @zipin/shared): a
// reminder whose time has passed is marked as not sent; the new deadline is saved and shown
// again. Works on a draft notice of its own (fiscal year 2018), so no unit is reminded and no
// other journey's notice moves.
export const name = 'an admin moves a deadline in the campaign editor and sees who is reminded when';

const YEAR = 2018;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** "2026/12/04 17:00" in Beijing time, as the plan prints a reminder's time. */
function beijing(at) {
  const d = new Date(at.getTime() + 8 * HOUR);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
/** What the date picker takes typed: "2026-12-04 17:00:00" in the browser's (Beijing) time. */
function typed(at) {
  return beijing(at).replaceAll('/', '-') + ':00';
}
/** 17:00 Beijing time, `days` days from now. */
function fivePm(days) {
  const d = new Date(Date.now() + days * DAY + 8 * HOUR);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 17 - 8, 0, 0));
}

export async function run({ baseUrl, shot, expect, signIn }) {
  const admin = await signIn('admin', { timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 1000 } });
  const { page } = admin;
  const gql = async (query, variables = {}) => {
    const res = await admin.context.request.post(`${baseUrl}/graphql`, { headers: { 'content-type': 'application/json', 'x-zipin-client': 'web' }, data: { query, variables } });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const dialog = page.locator('.el-dialog[data-testid="campaign-dialog"]');
  const plan = dialog.getByTestId('reminder-plan');
  const row = (reminder) => plan.getByTestId(`reminder-${reminder}`);
  try {
    const first = fivePm(20);
    const { createCampaign } = await gql(
      'mutation($in: CreateCampaignInput!) { createCampaign(input: $in) { id } }',
      { in: { fiscalYear: YEAR, title: `${YEAR}年度部门整体支出绩效自评`, documentNumber: '渌财通（2019）9号', template: 'lukou-2024', submissionDeadline: first.toISOString(), publicationDeadline: fivePm(60).toISOString() } },
    );

    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId(`edit-campaign-${YEAR}`).click();
    await plan.waitFor();
    // Three reminders, each at its time before or after the deadline, none yet past.
    expect((await row('BEFORE_3_DAYS').innerText()).includes(beijing(new Date(first.getTime() - 3 * DAY))), 'the first reminder is three days before the deadline');
    expect((await row('BEFORE_1_DAY').innerText()).includes(beijing(new Date(first.getTime() - DAY))), 'the second is a day before');
    expect((await row('OVERDUE').innerText()).includes(beijing(new Date(first.getTime() + 60_000))), 'the overdue one a minute after');
    for (const r of ['BEFORE_3_DAYS', 'BEFORE_1_DAY', 'OVERDUE']) expect((await row(r).innerText()).includes('将按时发送'), `${r} will be sent on time`);
    const audience = await plan.getByTestId('reminder-audience').innerText();
    expect(audience.includes('草稿、已退回的单位：填表人、单位负责人') && audience.includes('待单位负责人签章的单位：单位负责人'), `who is reminded, by stage: ${audience}`);
    await plan.getByTestId('reminder-not-open').waitFor();

    // Move the deadline to the day after tomorrow: three days before is already past.
    const moved = fivePm(2);
    const input = dialog.locator('input[aria-label="报送截止时间"]');
    await input.click();
    await input.fill(typed(moved));
    await input.press('Enter');
    await dialog.getByText('催办提醒安排').click();
    await row('BEFORE_3_DAYS').getByText('时间已过，不再发送').waitFor();
    expect((await row('BEFORE_1_DAY').innerText()).includes(beijing(new Date(moved.getTime() - DAY))), 'the day-before reminder follows the new deadline');
    expect((await row('BEFORE_1_DAY').innerText()).includes('将按时发送'), 'and will still be sent');
    await shot(page, 'moved-deadline-plan', 'admin-campaign-deadline');

    await dialog.getByTestId('campaign-save').click();
    await dialog.waitFor({ state: 'hidden' });
    const saved = (await gql('{ campaigns { id submissionDeadline } }')).campaigns.find((c) => c.id === createCampaign.id);
    expect(new Date(saved.submissionDeadline).getTime() === moved.getTime(), `the new deadline is saved (${saved.submissionDeadline})`);
    const listed = await page.getByTestId('campaigns').locator('tr', { hasText: `${YEAR}年度` }).innerText();
    expect(listed.includes(beijing(moved).replaceAll('/', '-')), `the list shows the new deadline: ${listed}`);

    // Opened again, the editor shows the saved deadline and its plan.
    await page.getByTestId(`edit-campaign-${YEAR}`).click();
    await row('BEFORE_3_DAYS').getByText('时间已过，不再发送').waitFor();
    expect((await input.inputValue()) === typed(moved), 'the picker shows the saved deadline');
    await dialog.locator('.el-dialog__footer button', { hasText: '取消' }).click();

    // The opened demo notice: its plan carries no "not yet opened" note.
    await page.getByTestId('edit-campaign-2024').click();
    await plan.waitFor();
    expect((await plan.getByTestId('reminder-not-open').count()) === 0, 'an opened notice sends its reminders');
    await shot(page, 'opened-campaign-plan');
    await dialog.locator('.el-dialog__footer button', { hasText: '取消' }).click();
    expect(admin.errors.length === 0, `no console errors: ${admin.errors.join('; ')}`);
  } finally {
    await admin.context.close();
  }
}
