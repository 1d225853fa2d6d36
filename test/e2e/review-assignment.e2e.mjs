// The admin's assignment screen: a unit to a bureau reviewer, 教育局's group to one of its own
// reviewers, removing that again, a package of its own, and 改派 of an away supervisor's work to a
// colleague; then the unit head signs with an opinion from the common phrases, which the history
// and the PDF cover's 单位负责人 box show, and the 主管部门 reviewer finds it under 分配给我.
// The unit and its accounts are this journey's own (code 399111), made through the API; whatever
// it assigns in the demo's 教育局 group it takes back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NEW_PASSWORD, gql, tokenFor, unitAwaitingSignOff } from './lib/api.mjs';

export const name = 'the admin assigns reviewers in advance (units, a 主管部门 group, a package), removes and reassigns; the head signs with an opinion';

const UNIT = { code: '399111', name: '分配演练学校' };
const shotsDir = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

export async function run({ browser, baseUrl, shot, expect, signIn }) {
  const admin = await tokenFor(baseUrl);
  const approved = (await gql(baseUrl, '{ packages(filter: { search: "212005" }) { nodes { id campaign { id } } } }', {}, admin)).packages.nodes[0];
  const document = (await gql(baseUrl, 'query($id: ID!) { package(id: $id) { document } }', { id: approved.id }, admin)).package.document;
  const u = await unitAwaitingSignOff(baseUrl, admin, UNIT, approved.campaign.id, document);
  const units = (await gql(baseUrl, '{ units { id code name } }', {}, admin)).units;
  const jyj = units.find((x) => x.code === '212002');
  await gql(baseUrl, 'mutation($u: ID!, $s: ID) { setUnitSupervisor(unitId: $u, supervisorUnitId: $s) { id } }', { u: u.unit.id, s: jyj.id }, admin);

  const { context, page, errors } = await signIn('admin');
  const field = (id) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
  const pick = async (testid, text) => {
    await page.getByTestId(testid).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click();
  };
  const confirmBox = async (question) => {
    const box = page.locator('.el-message-box');
    await box.waitFor();
    const said = await box.innerText();
    expect(said.includes(question), `the confirmation asks "${question}" (it says: ${said})`);
    await box.locator('.el-message-box__btns .el-button--primary').click();
    await box.waitFor({ state: 'hidden' });
  };
  const result = async (text) => {
    await page.locator('.el-message.assign-result', { hasText: text }).last().waitFor();
  };
  const unitRow = (code) => page.getByTestId('assign-unit-table').locator('tbody tr', { hasText: code });
  /** Waits until the cell says exactly this (the table reloads after each change). */
  const cell = (testid, text) => page.getByTestId(testid).filter({ hasText: new RegExp(`^\\s*${text.replace(/[()（）]/g, '\\$&')}\\s*$`) }).first().waitFor();
  try {
    await page.getByTestId('nav-assignments').click();
    await page.getByTestId('assign-unit-table').waitFor();
    await shot(page, 'units', 'admin-assignments');

    // ---- A unit to a bureau reviewer: search, select, assign, confirm, the count said.
    await field('assign-unit-search').fill(UNIT.code);
    await unitRow(UNIT.code).locator('.el-checkbox').click();
    await page.getByTestId('assign-units').click();
    await page.getByTestId('assign-dialog').waitFor();
    await page.getByTestId('assign-stage-BUREAU').click();
    await pick('assign-dialog-reviewer', '绩效科审核人二');
    await shot(page, 'assign-dialog');
    await page.getByTestId('assign-dialog-submit').click();
    await confirmBox('将 1 个单位 分配给 绩效科审核人二（演示）（财政局审核）？');
    await result('已分配 1 个单位、1 份材料');
    await cell(`unit-reviewer-${UNIT.code}`, '绩效科审核人二（演示）');
    await shot(page, 'unit-assigned');

    // ---- 教育局's group to one of its own reviewers (the 主管部门 stage), seen in every unit under it.
    await field('assign-unit-search').fill('');
    await page.getByTestId('assign-group').click();
    await page.getByTestId('assign-dialog').waitFor();
    await pick('assign-dialog-group', '教育局');
    await page.getByTestId('assign-stage-SUPERVISOR').click();
    await pick('assign-dialog-reviewer', '教育局计财股审核人二');
    await shot(page, 'group-dialog');
    await page.getByTestId('assign-dialog-submit').click();
    await confirmBox('将 「株洲市渌口区教育局」一组 分配给 教育局计财股审核人二（演示）（主管部门审核）？');
    await result('已分配 3 个单位');
    await pick('assign-unit-supervisor', '教育局');
    expect((await page.getByTestId('assign-unit-count').innerText()).includes('3'), 'the 主管部门 filter shows its three units');
    for (const code of ['212013', '212014', UNIT.code]) {
      await cell(`unit-supervisor-reviewer-${code}`, '教育局计财股审核人二（演示）');
    }
    await shot(page, 'group-assigned');

    // ---- Remove: the three selected at once (the demo's own schools go back to the pool).
    await page.getByTestId('assign-unit-table').locator('thead .el-checkbox').click();
    await page.getByTestId('unassign-units').click();
    await page.getByTestId('assign-dialog').waitFor();
    await page.getByTestId('assign-stage-SUPERVISOR').click();
    await page.getByTestId('assign-dialog-submit').click();
    await confirmBox('取消 3 个单位 的主管部门审核分配？');
    await result('已取消分配 3 个单位');
    await cell('unit-supervisor-reviewer-212013', '未分配');
    await pick('assign-unit-assigned', '未分配主管部门审核人');
    expect((await page.getByTestId('assign-unit-count').innerText()).includes('3'), 'the unassigned filter finds them');
    await shot(page, 'removed');

    // ---- By package: this unit's package alone to the first 教育局 reviewer.
    await page.getByRole('tab', { name: '按材料' }).click();
    await page.getByTestId('assign-package-table').waitFor();
    await field('assign-package-search').fill(UNIT.code);
    const pkgRow = page.getByTestId('assign-package-table').locator('tbody tr', { hasText: UNIT.code });
    await pkgRow.waitFor();
    await cell(`package-assignee-${UNIT.code}`, '绩效科审核人二（演示）');
    await pkgRow.locator('.el-checkbox').click();
    await page.getByTestId('assign-packages').click();
    await page.getByTestId('assign-dialog').waitFor();
    await page.getByTestId('assign-stage-SUPERVISOR').click();
    await pick('assign-dialog-reviewer', '教育局计财股审核人（演示）');
    await page.getByTestId('assign-dialog-submit').click();
    await confirmBox('将 1 份材料 分配给 教育局计财股审核人（演示）（主管部门审核）？');
    await result('已分配 1 份材料');
    await pkgRow.getByText('教育局计财股审核人（演示）').waitFor();
    await shot(page, 'package-assigned');

    // ---- Per reviewer: counts, and 改派 when the first 教育局 reviewer is away.
    await page.getByRole('tab', { name: '按审核人' }).click();
    await page.getByTestId('assign-reviewer-table').waitFor();
    await cell('workload-packages-jyj.supervisor', '1');
    await cell('workload-units-reviewer2', '1');
    await shot(page, 'reviewers');
    await page.getByTestId('workload-away-jyj.supervisor').click();
    await page.getByTestId('away-dialog').waitFor();
    await pick('away-to', '教育局计财股审核人二');
    await field('away-reason').fill('休假');
    await shot(page, 'away-dialog');
    await page.getByTestId('away-submit').click();
    await confirmBox('将 教育局计财股审核人（演示） 名下的 0 个单位、1 份材料改派给 教育局计财股审核人二（演示）？');
    await result('已改派 1 份材料');
    await cell('workload-packages-jyj.supervisor2', '1');
    await cell('workload-packages-jyj.supervisor', '0');
    await page.getByTestId('workload-show-reviewer2').click();
    await unitRow(UNIT.code).waitFor();
    expect((await page.getByTestId('assign-unit-count').innerText()).includes('1'), "查看单位 lists the reviewer's units");
    await shot(page, 'after-away');
    // The same screen in English (staff-english checks every tab for untranslated text).
    await page.getByTestId('locale-toggle').click();
    await page.getByRole('heading', { name: 'Assignments' }).waitFor();
    await shot(page, 'english');
    await page.getByTestId('locale-toggle').click();
    await page.getByRole('heading', { name: '审核分配' }).waitFor();
    const trail = (await gql(baseUrl, 'query($id: ID!) { package(id: $id) { auditTrail { action reason toUser { displayName } } } }', { id: u.pkg.id }, admin)).package.auditTrail;
    expect(trail.at(-1)?.action === 'ASSIGN' && trail.at(-1)?.reason === '休假' && trail.at(-1)?.toUser?.displayName === '教育局计财股审核人二（演示）', `the history records the reassignment and its reason: ${JSON.stringify(trail.at(-1))}`);
    expect(errors.length === 0, `no console errors (admin): ${errors.join('; ')}`);
  } finally {
    await context.close();
  }

  // ---- The head signs with an opinion: a phrase, then edited.
  const head = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const hp = await head.newPage();
  const headErrors = [];
  hp.on('console', (m) => m.type() === 'error' && headErrors.push(m.text()));
  hp.on('pageerror', (e) => headErrors.push(e.message));
  try {
    await hp.goto(`${baseUrl}/login`);
    await hp.getByTestId('login-username').fill(u.headUsername);
    await hp.getByTestId('login-password').fill(NEW_PASSWORD);
    await hp.getByTestId('login-submit').click();
    await hp.getByTestId(`open-package-${UNIT.code}`).click();
    await hp.getByTestId('sign-button').click();
    await hp.getByTestId('sign-dialog').waitFor();
    await hp.getByTestId('sign-phrase-同意报送').click();
    const opinion = hp.locator('textarea[data-testid="sign-opinion"], [data-testid="sign-opinion"] textarea').first();
    expect((await opinion.inputValue()) === '同意报送', 'the phrase fills the opinion');
    await opinion.fill('同意报送。经核实，数据真实准确。');
    await hp.getByTestId('sign-password').fill(NEW_PASSWORD);
    await shot(hp, 'sign-opinion');
    await hp.getByTestId('sign-confirm').click();
    await hp.locator('[data-testid="package-header"][data-state="SUBMITTED_TO_SUPERVISOR"]').waitFor();
    await hp.locator('.el-message', { hasText: '已签章，材料已报送主管部门审核' }).waitFor();
    await hp.getByRole('tab', { name: '操作记录' }).click();
    await hp.getByText('同意报送。经核实，数据真实准确。').first().waitFor();
    // The assignment taken away says so, and from whom; the later one says to whom, and from whom.
    const unassigned = hp.locator('.el-timeline-item', { hasText: '取消分配审核人' }).first();
    await unassigned.waitFor();
    expect((await unassigned.getByTestId('audit-from-user').innerText()).includes('教育局计财股审核人二（演示）'), 'the removal names the reviewer it was taken from');
    expect((await unassigned.getByTestId('audit-to-user').count()) === 0, 'a removal hands the package to nobody');
    const away = hp.locator('.el-timeline-item', { hasText: '休假' }).first();
    expect((await away.getByTestId('audit-from-user').innerText()).includes('教育局计财股审核人（演示）') && (await away.getByTestId('audit-to-user').innerText()).includes('教育局计财股审核人二（演示）'), 'the reassignment names both reviewers');
    await shot(hp, 'history');
    // The printed cover: the 单位负责人 box carries the opinion as written.
    const headToken = await tokenFor(baseUrl, u.headUsername, NEW_PASSWORD);
    let render = (await gql(baseUrl, 'mutation($p: ID!) { requestPreview(packageId: $p) { id status downloadUrl } }', { p: u.pkg.id }, headToken)).requestPreview;
    for (let i = 0; i < 240 && render.status !== 'DONE' && render.status !== 'FAILED'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      render = (await gql(baseUrl, 'query($id: ID!) { render(id: $id) { id status downloadUrl } }', { id: render.id }, headToken)).render;
    }
    expect(render.status === 'DONE', `the cover renders (${render.status})`);
    const pdf = await head.request.get(new URL(render.downloadUrl, baseUrl).toString());
    expect(pdf.ok(), 'the PDF opens');
    const dir = mkdtempSync(join(tmpdir(), 'assign-cover-'));
    writeFileSync(join(dir, 'p.pdf'), await pdf.body());
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', join(dir, 'p.pdf'), join(dir, 'cover')]);
    writeFileSync(join(shotsDir, 'review-assignment-cover.png'), readFileSync(join(dir, 'cover-1.png')));
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '2', join(dir, 'p.pdf'), '-']).toString();
    writeFileSync(join(shotsDir, 'review-assignment-cover.txt'), text);
    expect(text.replace(/\s/g, '').includes('同意报送。经核实，数据真实准确。'), "the cover prints the head's opinion (see review-assignment-cover.txt)");
    expect(headErrors.length === 0, `no console errors (head): ${headErrors.join('; ')}`);
  } finally {
    await head.close();
  }

  // ---- The 主管部门 reviewer finds it under 分配给我.
  const sup = await signIn('jyj.supervisor2');
  try {
    await sup.page.goto(`${baseUrl}/review`);
    await sup.page.getByTestId('review-queue').waitFor();
    await sup.page.getByTestId('filter-assignee').click();
    const mine = sup.page.getByTestId('filter-assignee-me');
    expect(/分配给我（1）/.test(await mine.innerText()), `one package assigned to the supervisor (${await mine.innerText()})`);
    await mine.click();
    await sup.page.getByTestId(`queue-open-${UNIT.code}`).waitFor();
    // Not claimed yet: the row says whom it is assigned to.
    expect((await sup.page.getByTestId(`queue-assignee-${UNIT.code}`).innerText()).includes('指派给：教育局计财股审核人二（演示）'), 'the queue row names the assignee of the stage');
    await shot(sup.page, 'supervisor-queue');
    expect(sup.errors.length === 0, `no console errors (supervisor): ${sup.errors.join('; ')}`);
  } finally {
    await sup.context.close();
  }
}
