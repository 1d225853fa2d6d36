// The 主管部门's desk: its reviewer finds a subordinate unit's package in the queue, claims it
// (which opens it), hands it to a colleague with a reason (转交), and the colleague approves it
// with an opinion that then shows in the history; the bureau's queue filters by 主管部门, and the
// admin reassigns (改派) the package to a named bureau reviewer.
// The 主管部门, its unit and every account are this journey's own (codes 3991xx), made by the admin.
import { DEMO_PASSWORD as PASSWORD, NEW_PASSWORD, gql, tokenFor, newAccount, unitAwaitingSignOff } from './lib/api.mjs';

export const name = 'the 主管部门 desk: claim opens, 转交 with a reason, approval with an opinion on the record; the bureau filters by 主管部门; the admin 改派';

const SUPERVISOR = { code: '399100', name: '演练主管局' };
const UNIT = { code: '399101', name: '演练主管局下属中心' };

export async function run({ browser, baseUrl, shot, expect, signIn }) {
  const admin = await tokenFor(baseUrl);
  const approved = (await gql(baseUrl, '{ packages(filter: { search: "212005" }) { nodes { id campaign { id } } } }', {}, admin)).packages.nodes[0];
  const document = (await gql(baseUrl, 'query($id: ID!) { package(id: $id) { document } }', { id: approved.id }, admin)).package.document;
  const sup = (await gql(baseUrl, 'mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }', { input: { ...SUPERVISOR, category: '行政单位' } }, admin)).createUnit;
  await newAccount(baseUrl, admin, { username: 'u399100.sup1', displayName: '演练主管局审核人甲', role: 'SUPERVISOR', unitId: sup.id });
  await newAccount(baseUrl, admin, { username: 'u399100.sup2', displayName: '演练主管局审核人乙', role: 'SUPERVISOR', unitId: sup.id });
  const u = await unitAwaitingSignOff(baseUrl, admin, UNIT, approved.campaign.id, document);
  await gql(baseUrl, 'mutation($u: ID!, $s: ID) { setUnitSupervisor(unitId: $u, supervisorUnitId: $s) { id } }', { u: u.unit.id, s: sup.id }, admin);
  const signed = (await gql(baseUrl, 'mutation($p: ID!, $v: Int!, $pw: String!) { signPackage(packageId: $p, expectedVersion: $v, password: $pw) { state } }', { p: u.pkg.id, v: u.pkg.version, pw: NEW_PASSWORD }, u.head)).signPackage;
  expect(signed.state === 'SUBMITTED_TO_SUPERVISOR', `signing sends it to the 主管部门 first (${signed.state})`);

  const contexts = [];
  const errors = [];
  async function open(username, password = NEW_PASSWORD) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(`${username}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((x) => !x.pathname.startsWith('/login'));
    return page;
  }
  const stateIs = (page, state) => page.locator(`[data-testid="package-header"][data-state="${state}"]`).waitFor();
  try {
    // ---- The first supervisor claims it from the desk, which opens it, and hands it over.
    const sup1 = await open('u399100.sup1');
    await sup1.getByTestId('nav-review').click();
    await sup1.getByTestId(`claim-${UNIT.code}`).click();
    await sup1.waitForURL(/\/packages\//);
    await stateIs(sup1, 'SUPERVISOR_REVIEW');
    await sup1.getByTestId('transfer-button').click();
    await sup1.getByTestId('transfer-dialog').waitFor();
    await sup1.getByTestId('transfer-confirm').click();
    await sup1.getByTestId('transfer-problem').waitFor();
    await sup1.getByTestId('transfer-to').click();
    await sup1.locator('.el-select-dropdown__item').filter({ hasText: '演练主管局审核人乙' }).click();
    await sup1.getByTestId('transfer-reason').fill('本人下周出差，由乙同志接续审核。');
    await shot(sup1, 'transfer');
    await sup1.getByTestId('transfer-confirm').click();
    await sup1.getByTestId('transfer-dialog').waitFor({ state: 'hidden' });
    await sup1.waitForFunction(() => !document.querySelector('[data-testid="approve-button"]'));
    expect((await sup1.getByTestId('package-header').innerText()).includes('演练主管局审核人乙'), 'the colleague now holds it');

    // ---- The colleague approves with an opinion; it shows in the history with name and date.
    const sup2 = await open('u399100.sup2');
    await sup2.getByTestId('nav-review').click();
    await sup2.getByTestId(`queue-open-${UNIT.code}`).click();
    await stateIs(sup2, 'SUPERVISOR_REVIEW');
    await sup2.getByTestId('approve-button').click();
    await sup2.getByTestId('approve-dialog').waitFor();
    await sup2.locator('[data-testid^="approve-phrase-"]').first().click();
    await sup2.getByTestId('approve-opinion').fill('同意报送财政局。');
    await sup2.getByTestId('approve-confirm').click();
    await stateIs(sup2, 'SUBMITTED');
    await sup2.locator('#tab-audit').click();
    const supervisorOpinion = sup2.getByTestId('opinion-SUPERVISOR');
    await supervisorOpinion.waitFor();
    const text = await supervisorOpinion.innerText();
    expect(text.includes('同意报送财政局。') && text.includes('演练主管局审核人乙') && text.includes('演练主管局'), `the opinion is on the record: ${text}`);
    expect(await sup2.getByTestId('opinion-UNIT_HEAD').count(), "the head's opinion is there too");
    await shot(sup2, 'opinions');

    // ---- The bureau's desk narrows to a 主管部门's units, with the count beside each.
    const reviewer = await open('reviewer', PASSWORD);
    await reviewer.goto(`${baseUrl}/review`);
    await reviewer.getByTestId('review-queue').waitFor();
    await reviewer.getByTestId('filter-supervisor').click();
    const option = reviewer.locator('.el-select-dropdown__item:visible').filter({ hasText: SUPERVISOR.name });
    expect((await option.innerText()).includes('（1）'), 'the 主管部门 shows its one package');
    await option.click();
    await reviewer.waitForFunction(() => document.querySelectorAll('[data-testid^="queue-open-"]').length === 1);
    await reviewer.getByTestId(`queue-open-${UNIT.code}`).waitFor();
    await shot(reviewer, 'bureau-by-supervisor');

    // ---- 改派: the admin puts it in a named reviewer's hands before anyone claims it.
    const adminPage = await open('admin', PASSWORD);
    await adminPage.goto(`${baseUrl}/packages/${u.pkg.id}`);
    await stateIs(adminPage, 'SUBMITTED');
    await adminPage.getByTestId('reassign-button').click();
    await adminPage.getByTestId('transfer-dialog').waitFor();
    await adminPage.getByTestId('transfer-to').click();
    await adminPage.locator('.el-select-dropdown__item:visible').first().click();
    const chosen = (await adminPage.getByTestId('transfer-to').innerText()).trim();
    await shot(adminPage, 'reassign');
    await adminPage.getByTestId('transfer-confirm').click();
    await adminPage.getByTestId('transfer-dialog').waitFor({ state: 'hidden' });
    await adminPage.getByTestId('package-assignee').waitFor();
    expect((await adminPage.getByTestId('package-assignee').innerText()).includes(chosen), `assigned to ${chosen}`);
    expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  } finally {
    for (const c of contexts) await c.close();
  }
}
