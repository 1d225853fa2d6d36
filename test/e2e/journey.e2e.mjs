// The whole life of the seed package, through the UI only, one browser context per person:
// the filler (gsl.filler) fixes what the checks flag and submits; the unit head (gsl.head)
// returns it once, then signs; the reviewer returns it with two field comments; the filler
// resolves them; the head signs again; the reviewer reads the diff, approves and schedules
// publication a few seconds ahead; the public portal shows it, its PDF downloads and verifies.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const name = 'a package goes from the seed draft through sign-off, review and return to the public portal';
export const expectedSeconds = 140;
// It takes the seed package to publication: the journeys that need it still a draft come first.
export const runsAfter = 'forms.e2e.mjs';

const PASSWORD = 'Zipin@2024';
const UNIT_CODE = '212001'; // 株洲市渌口区工商业联合会, the real seed package
const UNIT_NAME = '株洲市渌口区工商业联合会';
const ind = (id, field) => `selfEvaluation.indicators[${id}].${field}`;

/** What the unit writes for each warning the checks panel asks it to explain, by check code. */
const EXPLANATIONS = {
  STAFFING_OVER_QUOTA: '实际在职7人中2人为区委组织部临时借调人员，编制仍为5人，借调文件已随材料报送。',
  PUBLIC_FUNDS_OVER_BUDGET: '年中承办全区民营企业座谈会等活动，追加公用经费12.63万元，追加批复已随材料报送。',
  INDICATOR_LABEL_MISMATCH: '该指标实际反映公用经费总额，名称沿用了年初绩效目标表的写法。',
  TOTAL_DIFFERS_FROM_SUGGESTION: '成本指标得分已按偏差原因复核，自评总分保留97分的理由见各行偏差原因分析。',
  GOAL_ACTUAL_VAGUE: '具体完成情况见各项绩效指标的实际完成值。',
  BUDGET_ADJUSTED_MIDYEAR: '年中追加人员经费和招商引资工作经费共18.5万元，追加批复已随材料报送。',
};

/** With DOC_SHOTS=1 the journey also writes the README's screenshots (one viewport each). */
const docsDir = process.env.DOC_SHOTS ? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots') : null;

export async function run({ browser, baseUrl, shot, expect }) {
  const contexts = [];
  const pageErrors = [];

  async function open(username) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => pageErrors.push(`${username ?? 'public'}: ${e.message}`));
    if (username) {
      await page.goto(`${baseUrl}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('my-packages').waitFor();
    }
    return page;
  }

  /** Opens the seed package from the signed-in user's home list. */
  async function openFromHome(page) {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId(`open-package-${UNIT_CODE}`).click();
    await page.getByTestId('package-title').waitFor();
    // Attached, not visible: a returned package opens its side panel on the comments.
    await page.getByTestId('checks-panel').first().waitFor({ state: 'attached' });
  }

  const stateIs = (page, state) => page.locator(`[data-testid="package-header"][data-state="${state}"]`).waitFor();
  const cell = (page, path) => page.locator(`.cell-input[data-path="${path}"]`);
  const readOnlyCell = (page, path) => page.locator(`.cell-text[data-path="${path}"]`);

  /** Waits until autosave has caught up with the last edit. */
  async function saved(page) {
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 20_000 });
  }

  async function confirmMessageBox(page) {
    await page.locator('.el-message-box .el-button--primary').click();
  }

  async function submitAsFiller(page) {
    const submit = page.getByTestId('submit-button');
    await submit.waitFor();
    expect(await submit.isEnabled(), 'the submit button is enabled once every error is fixed and every warning explained');
    await submit.click();
    await confirmMessageBox(page);
    await stateIs(page, 'AWAITING_SIGNOFF');
  }

  async function signAsHead(page, docName) {
    await openFromHome(page);
    await stateIs(page, 'AWAITING_SIGNOFF');
    await page.getByTestId('sign-button').click();
    await page.getByTestId('sign-password').fill(PASSWORD);
    await snap(page, 'head-sign-dialog', docName);
    await page.getByTestId('sign-confirm').click();
    await stateIs(page, 'SUBMITTED');
    await page.getByTestId('signature-info').waitFor();
  }

  /** A screenshot of the page as a person sees it: scrolled to the top, toasts gone. */
  async function snap(page, label, docName) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
    await shot(page, label);
    if (docsDir && docName) {
      mkdirSync(docsDir, { recursive: true });
      await page.screenshot({ path: join(docsDir, `${docName}.png`) });
    }
  }

  try {
    // ---- 1. The filler opens the seed package and sees its problems flagged.
    const filler = await open('gsl.filler');
    await snap(filler, 'filler-home');
    await openFromHome(filler);
    await stateIs(filler, 'DRAFT');
    for (const code of ['SCORE_ABOVE_SUGGESTION_NO_REASON', 'ACTUAL_NOT_A_POINT_VALUE', 'REPORT_SECTION_EMPTY']) {
      expect((await filler.getByTestId(`check-${code}`).count()) > 0, `the checks panel flags ${code}`);
    }
    expect(!(await filler.getByTestId('submit-button').isEnabled()), 'submission is blocked while errors remain');
    await snap(filler, 'filler-checks-flagged', 'filler-workspace-checks');

    // ---- 2. Fixes the errors: reasons on the overrun cost rows, 可持续 actual as a number, chapter 十.
    await filler.locator('#tab-selfEvaluation').click();
    await cell(filler, ind('ind-7', 'actual.value')).fill('85');
    await cell(filler, ind('ind-9', 'deviationReason')).fill('原因：年内增加1名聘用人员，人员经费超出指标值。措施：严格控制编外用工，2025年人员保障控制在指标值以内。');
    await cell(filler, ind('ind-10', 'deviationReason')).fill('原因：商会活动增加，办公经费超出指标值。措施：压减一般性支出，严格执行公用经费预算。');
    await snap(filler, 'filler-self-evaluation-fixed');
    await filler.locator('#tab-report').click();
    await cell(filler, 'report.chapters.other.text').fill('本单位无其他需要说明的情况。');
    await filler.locator('#tab-basicData').click();
    expect((await filler.getByTestId('check-SCORE_ABOVE_SUGGESTION_NO_REASON').count()) === 0, 'the cost rows are no longer flagged once they carry a reason');
    expect((await filler.getByTestId('check-ACTUAL_NOT_A_POINT_VALUE').count()) === 0, 'the 可持续 actual is a point value now');
    expect((await filler.getByTestId('checks-error-count').textContent()).includes('0'), 'no error is left');

    // ---- 3. Explains the warnings the rows cannot explain, in the checks panel.
    const unexplained = await filler
      .locator('[data-testid="checks-panel"] textarea.explain-input')
      .evaluateAll((els) => els.filter((e) => !e.value).map((e) => e.closest('[data-check-key]').getAttribute('data-check-key')));
    expect(unexplained.length > 0, 'some warnings ask for an explanation');
    for (const key of unexplained) {
      const code = key.split('@')[0];
      expect(EXPLANATIONS[code], `the journey knows how to explain ${code}`);
      await filler.locator(`[data-check-key="${key}"] textarea.explain-input`).fill(EXPLANATIONS[code]);
    }
    await saved(filler);
    await snap(filler, 'filler-saved-ready-to-submit');

    // The PDF preview renders the draft as it now stands.
    await filler.getByTestId('preview-button').click();
    await filler.getByTestId('preview-download').waitFor({ timeout: 60_000 });
    const previewStatus = await filler.evaluate(async () => {
      const res = await fetch(document.querySelector('[data-testid="preview-download"]').getAttribute('href'));
      const head = new Uint8Array(await res.arrayBuffer()).subarray(0, 4);
      return { status: res.status, head: String.fromCharCode(...head) };
    });
    expect(previewStatus.status === 200 && previewStatus.head === '%PDF', `the preview is a PDF (HTTP ${previewStatus.status})`);
    await snap(filler, 'filler-pdf-preview');
    await filler.keyboard.press('Escape');
    await filler.getByTestId('preview-dialog').waitFor({ state: 'hidden' });
    await submitAsFiller(filler);
    await snap(filler, 'filler-submitted');

    // ---- 4. The unit head returns it with a comment.
    const head = await open('gsl.head');
    await openFromHome(head);
    await stateIs(head, 'AWAITING_SIGNOFF');
    await snap(head, 'head-signoff-view');
    await head.getByTestId('return-button').click();
    await head.getByTestId('return-reason').fill('年度总体目标的实际完成情况只写了“完成情况好”，请写明具体完成了哪些工作。');
    await head.getByTestId('return-confirm').click();
    await stateIs(head, 'DRAFT');
    await snap(head, 'head-returned');

    // ---- 5. The filler fixes it and resubmits.
    await openFromHome(filler);
    await filler.getByTestId('return-reason').waitFor();
    await filler.locator('#tab-selfEvaluation').click();
    await cell(filler, 'selfEvaluation.goal.actual').fill('全年召开招商会议、走访企业和基层商会30次，服务会员企业58家，提交参政议政建议2件，五项重点工作全部按期完成。');
    await saved(filler);
    await snap(filler, 'filler-fixed-after-head-return');
    await submitAsFiller(filler);

    // ---- 6. The unit head signs, re-entering the password.
    await signAsHead(head, 'unit-head-sign-off');
    await snap(head, 'head-signed');

    // ---- 7. The reviewer claims it and returns it with comments on two fields.
    const reviewer = await open('reviewer');
    await reviewer.goto(`${baseUrl}/review`);
    await reviewer.getByTestId('review-queue').waitFor();
    // 领取 opens the package it claimed.
    await reviewer.getByTestId(`claim-${UNIT_CODE}`).click();
    await reviewer.waitForURL(/\/packages\//);
    await stateIs(reviewer, 'IN_REVIEW');
    await reviewer.locator('#tab-selfEvaluation').click();
    await reviewer.getByTestId('comment-tool').click();
    const comments = [
      [ind('ind-10', 'name'), '指标名称“办公经费”与基础数据表不一致，这里填的是公用经费的数，请改为“公用经费”。'],
      [ind('ind-9', 'deviationReason'), '偏差原因请写明超支金额和原因对应的具体事项。'],
    ];
    for (const [path, body] of comments) {
      await readOnlyCell(reviewer, path).click();
      await reviewer.getByTestId('comment-body').fill(body);
      await reviewer.getByTestId('comment-submit').click();
      await reviewer.getByTestId(`comment-marker-${path}`).waitFor();
    }
    await reviewer.locator('#tab-comments').click();
    await snap(reviewer, 'reviewer-comments', 'reviewer-field-comments');
    await reviewer.getByTestId('return-button').click();
    await reviewer.getByTestId('return-reason').fill('请按字段意见修改后重新报送。');
    await reviewer.getByTestId('return-confirm').click();
    await stateIs(reviewer, 'RETURNED');
    await snap(reviewer, 'reviewer-returned');

    // ---- 8. The filler resolves the comments and resubmits.
    await openFromHome(filler);
    await stateIs(filler, 'RETURNED');
    expect((await filler.locator('.side-area .el-tabs__item.is-active').innerText()).includes('审核意见'), 'the returned package opens on the comments');
    await filler.locator('#tab-selfEvaluation').click();
    for (const [path] of comments) await filler.getByTestId(`comment-marker-${path}`).waitFor();
    await cell(filler, ind('ind-10', 'name')).fill('公用经费');
    await cell(filler, ind('ind-9', 'deviationReason')).fill('原因：年内新增1名聘用人员，人员经费决算106.88万元，超出指标值5.87万元。措施：严格控制编外用工，2025年人员保障控制在指标值以内。');
    await saved(filler);
    await filler.locator('#tab-comments').click();
    for (let i = 0; i < comments.length; i++) {
      const resolve = filler.locator('[data-testid^="resolve-"]').first();
      await resolve.click();
      await filler.waitForFunction((left) => document.querySelectorAll('[data-testid^="resolve-"]').length === left, comments.length - i - 1);
    }
    await snap(filler, 'filler-comments-resolved');
    await submitAsFiller(filler);

    // ---- 9. The unit head signs again.
    await signAsHead(head);

    // ---- 10. The reviewer sees the diff, approves and schedules publication a few seconds ahead.
    await reviewer.goto(`${baseUrl}/review`);
    // 领取 opens the package it claimed.
    await reviewer.getByTestId(`claim-${UNIT_CODE}`).click();
    await reviewer.waitForURL(/\/packages\//);
    await stateIs(reviewer, 'IN_REVIEW');
    await reviewer.getByTestId('resubmission-note').waitFor();
    await reviewer.locator('#tab-diff').click();
    const diffText = await reviewer.getByTestId('diff-table').textContent();
    expect(diffText.includes('公用经费'), 'the diff shows the renamed indicator');
    await snap(reviewer, 'reviewer-diff', 'reviewer-diff');
    await reviewer.getByTestId('approve-button').click();
    await reviewer.getByTestId('approve-dialog').waitFor();
    await reviewer.getByTestId('approve-confirm').click();
    await stateIs(reviewer, 'APPROVED');
    await reviewer.getByTestId('schedule-button').click();
    const when = await reviewer.evaluate(() => {
      const d = new Date(Date.now() + 30_000);
      const p = (n) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    });
    const picker = reviewer.locator('[data-testid="schedule-dialog"] input').first();
    await picker.click();
    await picker.fill(when);
    await picker.press('Enter');
    await snap(reviewer, 'reviewer-schedule');
    await reviewer.getByTestId('schedule-confirm').click();
    await stateIs(reviewer, 'SCHEDULED');
    await snap(reviewer, 'reviewer-scheduled');

    // ---- 11. The public portal lists it once the publish job has run.
    const visitor = await open(null);
    const deadline = Date.now() + 75_000;
    let publicationId = null;
    for (;;) {
      await visitor.goto(`${baseUrl}/portal`);
      await visitor.waitForLoadState('networkidle');
      const link = visitor.locator('[data-testid^="portal-open-"]', { hasText: UNIT_NAME }).first();
      if (await link.count()) {
        publicationId = (await link.getAttribute('data-testid')).replace('portal-open-', '');
        break;
      }
      expect(Date.now() < deadline, 'the package appears on the public portal within a minute of its publication time');
      await visitor.waitForTimeout(3000);
    }
    await snap(visitor, 'portal-list');
    await visitor.getByTestId(`portal-open-${publicationId}`).click();
    await visitor.getByTestId('portal-pdf').waitFor();
    await visitor.locator('.package-doc table.form').first().waitFor();
    await snap(visitor, 'portal-package', 'public-portal');

    // ---- 12. Its PDF downloads and verifies.
    const pdfUrl = await visitor.getByTestId('portal-pdf').getAttribute('href');
    // The portal's pages allow no script to fetch anything (CSP): download as the browser's own request.
    const response = await visitor.request.get(new URL(pdfUrl, baseUrl).toString());
    const pdf = { status: response.status() };
    const buffer = await response.body();
    expect(pdf.status === 200, `the PDF downloads (HTTP ${pdf.status})`);
    expect(buffer.subarray(0, 4).toString('latin1') === '%PDF', 'the download is a PDF');
    await visitor.goto(`${baseUrl}/portal/verify`);
    await visitor.getByTestId('verify-file').setInputFiles({ name: 'zipin-2024-gsl.pdf', mimeType: 'application/pdf', buffer });
    await visitor.getByTestId('verify-button').click();
    const verdict = visitor.getByTestId('verify-result');
    await verdict.waitFor();
    expect((await verdict.getAttribute('data-valid')) === 'true', 'the published PDF verifies against its recorded hash');
    await snap(visitor, 'portal-verified');

    // ---- 13. The bureau's dashboard counts it as published.
    const admin = await open('admin');
    await admin.getByTestId('nav-dashboard').click();
    await admin.locator('canvas').first().waitFor();
    await admin.waitForTimeout(1000); // charts animate in
    await snap(admin, 'admin-dashboard', 'admin-dashboard');

    expect(pageErrors.length === 0, `no page errors: ${pageErrors.join('; ')}`);
  } finally {
    for (const c of contexts) await c.close().catch(() => undefined);
  }
}
