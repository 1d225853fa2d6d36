// The reviewer's desk as a decision: 领取 opens the package; 审核通过 asks for confirmation with
// the score, grade, warnings and their explanations, and refuses while a field comment is open;
// the return dialog lists the comments it sends and will not go without a reason; the queue
// sorts and pages over 200+ packages, and ↓ then Enter opens a row.
// Everything it moves is its own: units (codes 39xxxx) and accounts the admin creates here,
// whose packages enter the demo campaign as drafts (the desk's default view shows no drafts).
import { NEW_PASSWORD, gql, tokenFor, unitAwaitingSignOff } from './lib/api.mjs';

export const name = 'the reviewer desk: claim opens, approval is confirmed, returns list their comments, the queue sorts and pages 200+ packages';

const QUEUE_UNITS = 210;
const REVIEW_UNIT = { code: '399001', name: '审核确认演练单位' };

export async function run({ baseUrl, shot, expect, signIn }) {
  const admin = await tokenFor(baseUrl);
  const approved = (await gql(baseUrl, '{ packages(filter: { search: "212005" }) { nodes { id campaign { id } } } }', {}, admin)).packages.nodes[0];
  const campaignId = approved.campaign.id;
  const document = (await gql(baseUrl, 'query($id: ID!) { package(id: $id) { document } }', { id: approved.id }, admin)).package.document;

  // ---- The package to decide on: signed by its head, so it waits for a reviewer.
  const r = await unitAwaitingSignOff(baseUrl, admin, REVIEW_UNIT, campaignId, document);
  const sign = async (pkg) =>
    (await gql(baseUrl, 'mutation($p: ID!, $v: Int!, $pw: String!) { signPackage(packageId: $p, expectedVersion: $v, password: $pw) { id version } }', { p: pkg.id, v: pkg.version, pw: NEW_PASSWORD }, r.head)).signPackage;
  await sign(r.pkg);

  // ---- 200+ packages for the queue: drafts of units of this journey.
  for (let i = 1; i <= QUEUE_UNITS; i++) {
    await gql(baseUrl, 'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }', { input: { code: `39${String(i).padStart(4, '0')}`, name: `队列演练单位${String(i).padStart(3, '0')}`, category: '事业单位' } }, admin);
  }
  await gql(baseUrl, 'mutation($id: ID!) { openCampaign(id: $id) { id } }', { id: campaignId }, admin);

  const { context, page, errors } = await signIn('reviewer', { viewport: { width: 1440, height: 900 } });
  try {
    // ---- 领取 opens the package.
    await page.goto(`${baseUrl}/review`);
    await page.getByTestId('filter-search').fill(REVIEW_UNIT.code);
    await page.getByTestId('filter-search').press('Enter');
    await page.getByTestId(`claim-${REVIEW_UNIT.code}`).click();
    await page.waitForURL(/\/packages\//);
    await page.locator('[data-testid="package-header"][data-state="IN_REVIEW"]').waitFor();

    // A field comment, open on the package (the comment tool's dialog is the main journey's).
    const indicator = document.selfEvaluation.indicators[0];
    const commentPath = `selfEvaluation.indicators[${indicator.id}].name`;
    const reviewer = await tokenFor(baseUrl, 'reviewer');
    const comment = (await gql(baseUrl, 'mutation($p: ID!, $path: String!, $b: String!) { addComment(packageId: $p, path: $path, body: $b) { id } }', { p: r.pkg.id, path: commentPath, b: '指标名称与预算批复不一致，请核对。' }, reviewer)).addComment;
    await page.reload();
    await page.locator('[data-testid="package-header"][data-state="IN_REVIEW"]').waitFor();

    // ---- 审核通过 asks first, shows the figures and warnings, and is blocked by the open comment.
    await page.getByTestId('approve-button').click();
    const dialog = page.getByTestId('approve-dialog');
    await dialog.waitFor();
    const score = (await page.getByTestId('approve-score').innerText()).trim();
    expect(/^\d+(\.\d+)?$/.test(score), `the dialog shows the score (${score})`);
    expect((await page.getByTestId('approve-grade').innerText()).trim().length > 0, 'and the grade');
    const warnings = page.getByTestId('approve-warnings');
    expect(await warnings.count(), 'the warnings are listed');
    expect((await warnings.innerText()).includes('单位说明：'), "with the unit's explanations");
    await page.getByTestId('approve-blocked').waitFor();
    expect((await page.getByTestId('approve-open-comments').innerText()).includes('指标名称与预算批复不一致'), 'the open comment is shown');
    expect(await page.getByTestId('approve-confirm').isDisabled(), 'approval is refused while a comment is open');
    await shot(page, 'approve-blocked');
    await page.getByTestId('approve-show-comments').click();
    await dialog.waitFor({ state: 'hidden' });

    // ---- The return dialog lists the comment it sends and refuses to go without a reason.
    await page.getByTestId('return-button').click();
    const ret = page.getByTestId('return-dialog');
    await ret.waitFor();
    const listed = await page.getByTestId('return-comment').allInnerTexts();
    expect(listed.length === 1 && listed[0].includes('指标名称与预算批复不一致') && !listed[0].includes('selfEvaluation'), `the comment is listed under its field label: ${listed.join(' | ')}`);
    await page.getByTestId('return-confirm').click();
    await page.getByTestId('return-reason-error').waitFor();
    await shot(page, 'return-needs-reason');
    await page.getByTestId('return-reason').fill('请按字段意见核对指标名称后重新报送。');
    await page.getByTestId('return-confirm').click();
    await page.locator('[data-testid="package-header"][data-state="RETURNED"]').waitFor();

    // The unit answers: the comment resolved, resubmitted and signed again.
    await gql(baseUrl, 'mutation($c: ID!) { resolveComment(commentId: $c) { id } }', { c: comment.id }, r.filler);
    let pkg = (await gql(baseUrl, 'query($id: ID!) { package(id: $id) { id version } }', { id: r.pkg.id }, r.filler)).package;
    pkg = (await gql(baseUrl, 'mutation($p: ID!, $v: Int!) { submitPackage(packageId: $p, expectedVersion: $v) { id version } }', { p: pkg.id, v: pkg.version }, r.filler)).submitPackage;
    await sign(pkg);

    // ---- Claimed again from the package, approved with an opinion chosen from the phrases.
    await page.reload();
    await page.getByTestId('claim-button').click();
    await page.locator('[data-testid="package-header"][data-state="IN_REVIEW"]').waitFor();
    await page.getByTestId('approve-button').click();
    await dialog.waitFor();
    expect(!(await page.getByTestId('approve-blocked').count()), 'nothing blocks it once the comment is resolved');
    await page.getByTestId('approve-phrase-同意报送').click();
    expect((await page.getByTestId('approve-opinion').inputValue()) === '同意报送', 'a phrase fills the opinion');
    await page.getByTestId('approve-opinion').fill('同意报送。指标名称已核对。');
    await shot(page, 'approve-confirm');
    await page.getByTestId('approve-confirm').click();
    await page.locator('[data-testid="package-header"][data-state="APPROVED"]').waitFor();
    await shot(page, 'approved');

    // ---- The queue over this journey's 210 drafts: sorted by unit code, descending, paged.
    await page.goto(`${baseUrl}/review`);
    await page.getByTestId('review-queue').waitFor();
    await page.getByTestId('filter-stage').click();
    const stageDraft = page.getByTestId('filter-stage-DRAFT');
    await stageDraft.waitFor();
    expect(/（\d+）/.test(await stageDraft.innerText()), 'each stage shows its count');
    await stageDraft.click();
    for (const s of ['SUBMITTED', 'IN_REVIEW']) await page.getByTestId(`filter-stage-${s}`).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('filter-search').fill('队列演练单位');
    await page.getByTestId('filter-search-button').click();
    const pager = page.getByTestId('queue-pagination');
    await page.waitForFunction((n) => document.querySelector('[data-testid="queue-pagination"]')?.textContent?.includes(`共 ${n} 条`), QUEUE_UNITS);
    const codes = async () => page.locator('[data-testid^="queue-open-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid').replace('queue-open-', '')));
    expect((await codes()).length === 50, 'a page holds 50');
    const header = page.locator('.el-table__header th').filter({ hasText: '单位' });
    await header.locator('.caret-wrapper .descending').click();
    await page.waitForFunction(() => document.querySelector('[data-testid^="queue-open-"]')?.getAttribute('data-testid') === 'queue-open-390210');
    const first = await codes();
    expect(first[0] === '390210' && first[49] === '390161', `sorted by code, descending: ${first[0]} … ${first[49]}`);
    await shot(page, 'queue-sorted');
    await pager.locator('.el-pager li').filter({ hasText: /^5$/ }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid^="queue-open-"]')?.getAttribute('data-testid') === 'queue-open-390010');
    const last = await codes();
    expect(last.length === 10 && last[9] === '390001', `the fifth page holds the last ten: ${last.join(',')}`);
    await shot(page, 'queue-last-page');

    // ---- From the keyboard: ↓ moves to the next row, Enter opens it.
    await page.locator('[data-testid="queue-open-390010"]').focus();
    await page.keyboard.press('ArrowDown');
    expect((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'queue-open-390009', '↓ moves to the next row');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/packages\//);
    await page.getByTestId('package-title').waitFor();
    expect((await page.getByTestId('package-title').innerText()).includes('队列演练单位009'), 'Enter opened that row');

    // ---- The other filters: the campaign, the unit, who holds it (with counts), the page size.
    await page.goto(`${baseUrl}/review`);
    await page.getByTestId('review-queue').waitFor();
    await page.getByTestId('filter-campaign').click();
    await page.locator('.el-select-dropdown__item:visible').first().click();
    await page.getByTestId('filter-assignee').click();
    const mine = page.getByTestId('filter-assignee-me');
    const mineLabel = await mine.innerText();
    expect(/分配给我（\d+）/.test(mineLabel), 'who holds it, with a count');
    const heldCount = Number(mineLabel.match(/（(\d+)）/)[1]);
    await mine.click();
    // The filtered page replaces the unfiltered one once its answer arrives (no loading mask may show first).
    const filtered = await page
      .waitForFunction((n) => document.querySelectorAll('[data-testid="review-queue"] .el-table__row').length <= n, heldCount, { timeout: 15_000 })
      .then(() => true, () => false);
    const held = await page.locator('[data-testid="review-queue"] .el-table__row').count();
    expect(filtered, `the rows are those held by me (${held} rows, ${heldCount} held)`);
    await page.getByTestId('queue-pagination').locator('.el-select').click();
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '20条/页' }).click();
    await shot(page, 'queue-filters');
    // The approved package of this journey, by its unit, once every stage is let in.
    await page.getByTestId('filter-assignee').locator('.el-select__wrapper').hover();
    await page.getByTestId('filter-assignee').locator('.el-select__clear').click();
    await page.getByTestId('filter-stage').locator('.el-select__wrapper').hover();
    await page.getByTestId('filter-stage').locator('.el-select__clear').click();
    await page.getByTestId('filter-unit').click();
    await page.keyboard.type('399001');
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: REVIEW_UNIT.name }).click();
    await page.getByTestId(`queue-open-${REVIEW_UNIT.code}`).waitFor();

    expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}
