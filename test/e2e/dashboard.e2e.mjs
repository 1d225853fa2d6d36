// The bureau admin's dashboard: headline numbers as the API counts them, charts readable as
// tables, red/yellow warnings with links, 催报 with the message shown before it is sent, and
// the summary workbook. The demo campaign's deadline is moved into the past for the overdue
// part and put back afterwards (the other journeys share the server).
export const name = 'the admin dashboard tells the truth: headline numbers, charts as tables, warnings, 催报 with a preview, summary export';

export async function run({ baseUrl, shot, expect, signIn }) {
  const { context, page, errors } = await signIn('admin', { viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const gql = async (query, variables = {}) => {
    const res = await context.request.post(`${baseUrl}/graphql`, { data: { query, variables }, headers: { 'content-type': 'application/json', 'x-zipin-client': 'web' } });
    const body = await res.json();
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };


  const { campaigns } = await gql('{ campaigns { id submissionDeadline publicationDeadline } }');
  const campaign = campaigns[0];
  const originalDeadline = campaign.submissionDeadline;
  await gql('mutation($id: ID!, $at: DateTime!) { updateCampaign(id: $id, input: { submissionDeadline: $at }) { id } }', { id: campaign.id, at: new Date(Date.now() - 86_400_000).toISOString() });
  try {
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('dashboard-headline').waitFor();
    await page.locator('canvas').first().waitFor();
    const api = (await gql('query($id: ID!) { campaignProgress(campaignId: $id) { headline { units handedIn overdue approved published averageScore withErrors withWarnings } overdue { packageId unitName } warningTotal } }', { id: campaign.id })).campaignProgress;
    const shown = async (id) => (await page.getByTestId(id).locator('.n').innerText()).trim();
    const expected = {
      'headline-units': String(api.headline.units),
      'headline-handed-in': String(api.headline.handedIn),
      'headline-overdue': String(api.headline.overdue),
      'headline-approved': String(api.headline.approved),
      'headline-published': String(api.headline.published),
      'headline-average': api.headline.averageScore ?? '—',
      'headline-red': String(api.headline.withErrors),
      'headline-yellow': String(api.headline.withWarnings),
    };
    for (const [id, value] of Object.entries(expected)) expect((await shown(id)) === value, `${id} shows ${value} (shows ${await shown(id)})`);
    expect(api.headline.overdue > 0, 'the demo has overdue units once the deadline has passed');
    expect(api.headline.withErrors > 0, 'the demo drafts carry errors: the warnings card is not empty');
    await page.waitForTimeout(800); // charts animate in
    await shot(page, 'dashboard');

    // The warnings list is not empty and links to the package.
    const warningRows = page.getByTestId('warnings-table').locator('tbody tr');
    expect((await warningRows.count()) === Math.min(api.warningTotal, 20), 'the warnings table shows the first page');
    expect((await page.getByTestId('warnings-table').innerText()).includes('红色'), 'red warnings are labelled');

    // Per 主管部门: each one's packages as the API counts them, the direct ones last.
    const { bySupervisor } = (await gql('query($id: ID!) { campaignProgress(campaignId: $id) { bySupervisor { supervisorCode supervisorName units withUnit withSupervisor handedIn approved overdue } } }', { id: campaign.id })).campaignProgress;
    expect(bySupervisor.some((r) => r.supervisorName === '株洲市渌口区教育局'), `the demo's 教育局 is a 主管部门: ${JSON.stringify(bySupervisor)}`);
    const supervisorRows = page.getByTestId('by-supervisor').locator('tbody tr');
    expect((await supervisorRows.count()) === bySupervisor.length, 'a row per 主管部门, and one for the direct packages');
    for (const [i, r] of bySupervisor.entries()) {
      const cells = (await supervisorRows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim());
      const want = [r.supervisorName ?? '直接报送财政局', ...[r.units, r.withUnit, r.withSupervisor, r.handedIn, r.approved, r.overdue].map(String)];
      expect(JSON.stringify(cells) === JSON.stringify(want), `row ${i} shows ${want.join(' ')} (shows ${cells.join(' ')})`);
    }
    expect(bySupervisor.reduce((n, r) => n + r.units, 0) === api.headline.units && bySupervisor.reduce((n, r) => n + r.overdue, 0) === api.headline.overdue, 'the rows add up to the headline');
    await page.getByTestId('by-supervisor').scrollIntoViewIfNeeded();
    await shot(page, 'by-supervisor');

    // Each chart can be read as a table.
    for (const key of ['state', 'grade', 'score']) {
      await page.getByTestId(`as-table-${key}`).click();
      const table = page.getByTestId(`table-${key}`);
      expect(await table.isVisible(), `the ${key} chart shows as a table`);
      expect((await table.locator('tbody tr').count()) > 0, `the ${key} table has rows`);
    }
    await shot(page, 'dashboard-tables');
    for (const key of ['state', 'grade', 'score']) await page.getByTestId(`as-table-${key}`).click();

    // 催报 one unit: the dialog shows the exact words, the typed note appears in them.
    const first = api.overdue[0];
    await page.getByTestId(`remind-${first.packageId}`).click();
    const dialog = page.getByTestId('remind-dialog');
    await page.getByTestId('remind-preview').waitFor();
    expect((await page.getByTestId('remind-preview').innerText()).includes(first.unitName), 'the preview names the unit');
    await page.locator('textarea#remind-message').fill('请于本周五前报送。');
    expect((await page.getByTestId('remind-preview').innerText()).includes('留言：请于本周五前报送。'), 'the note is part of the preview');
    await shot(page, 'remind-preview', 'admin-remind');
    await page.getByTestId('remind-send').click();
    await page.locator('.el-message--success').first().waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // 催报 all: the unit reminded a moment ago is skipped, not reminded twice.
    await page.getByTestId('remind-all').click();
    await page.getByTestId('remind-preview').waitFor();
    await page.getByTestId('remind-send').click();
    const message = page.locator('.el-message--success', { hasText: '个单位' });
    await message.waitFor();
    expect((await message.innerText()).includes('5 分钟内已催报过'), 'the reminded unit is skipped');

    // The summary workbook downloads from the screen.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dashboard-export').click()]);
    expect(download.suggestedFilename().endsWith('.xlsx'), `the export is a workbook (${download.suggestedFilename()})`);
  } finally {
    await gql('mutation($id: ID!, $at: DateTime!) { updateCampaign(id: $id, input: { submissionDeadline: $at }) { id } }', { id: campaign.id, at: originalDeadline });
  }
  expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  await context.close();
}
