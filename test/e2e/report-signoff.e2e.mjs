// The report editor and the sign-off desk, as people use them.
// The 妇女联合会 filler (fl.filler) works on a package drafted when the notice opened (an empty
// document): figures show as chips with live values, the 本单位无项目支出 claim is flagged once the
// tables show project spending, 插入正文 replaces the earlier draft (twice → still one), a typed
// {{constructor}} is refused with a message naming it and the package still renders to PDF.
// The 民政局 unit head (mzj.head) sees the PDF and a summary before signing, is told a wrong
// password at the field, signs with the right one, and after a withdrawal and a resubmission is
// shown what changed since that signature (not "first view").
export const name = 'the report editor cannot contradict the tables, and the unit head signs what the PDF shows';
export const expectedSeconds = 50;

const PASSWORD = 'Zipin@2024';
const FL = '212011'; // 株洲市渌口区妇女联合会: 草稿, empty
const MZJ = '212006'; // 株洲市渌口区民政局: 待单位负责人签章

export async function run({ browser, baseUrl, shot, expect }) {
  const contexts = [];
  const problems = [];

  async function open(username) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`${username}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${username} console: ${m.text()}`);
    });
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('my-packages').waitFor();
    return page;
  }

  async function openPackage(page, code) {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId(`open-package-${code}`).click();
    await page.getByTestId('package-title').waitFor();
    await page.getByTestId('checks-panel').first().waitFor();
  }

  const stateIs = (page, state) => page.locator(`[data-testid="package-header"][data-state="${state}"]`).waitFor();
  const cell = (page, path) => page.locator(`.cell-input[data-path="${path}"]`);
  const editor = (page, key) => page.locator(`.report-text[data-path="report.chapters.${key}.text"]`);
  const chips = (page, key) => editor(page, key).locator('.token-chip');
  async function saved(page) {
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved', null, { timeout: 20_000 });
  }
  /** The package as the server holds it, read with the page's own session. */
  const serverDocument = (page, code) =>
    page.evaluate(async (unitCode) => {
      const post = (query, variables) =>
        fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-zipin-client': 'web' }, body: JSON.stringify({ query, variables }) }).then((r) => r.json());
      const list = await post('query { packages(first: 50) { nodes { id version unit { code } } } }', {});
      const node = list.data.packages.nodes.find((n) => n.unit.code === unitCode);
      const one = await post('query($id: ID!) { package(id: $id) { id version document } }', { id: node.id });
      return one.data.package;
    }, code);
  async function snap(page, label) {
    await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
    await shot(page, label);
  }

  try {
    // ---- 1. The filler's report tab: one outline, chapters once, chips with live values.
    const filler = await open('fl.filler');
    await openPackage(filler, FL);
    await stateIs(filler, 'DRAFT');
    await filler.locator('#tab-report').click();
    await filler.getByTestId('report-outline').waitFor();
    expect((await filler.locator('[data-testid^="outline-"]').count()) === 18, 'the outline lists every section of the ten chapters');
    expect((await filler.getByTestId('outline-problems').textContent()).includes('七、存在的问题及原因分析'), 'the outline numbers 七 itself');
    expect((await filler.locator('.chapter-preview, .bound-sentence').count()) === 0, 'no chapter is shown a second time as a preview');
    expect((await filler.locator('.report select').count()) === 0, 'no native dropdown is left in the report');
    const overall = editor(filler, 'performanceOverall');
    await overall.waitFor();
    expect((await chips(filler, 'performanceOverall').count()) === 3, 'the drafted 整体支出 sentence shows its three figures as chips');
    const reportText = await filler.locator('.report-chapters').innerText();
    expect(!reportText.includes('{{'), 'no token syntax reaches the user');
    await filler.getByTestId('outline-performanceOverall').click();
    await snap(filler, 'filler-report-outline-chips');

    // A table figure typed in the 自评表 shows up in the chip at once.
    await filler.locator('#tab-selfEvaluation').click();
    await cell(filler, 'selfEvaluation.budget.annualBudget').fill('208.31');
    await cell(filler, 'selfEvaluation.budget.execution').fill('200');
    await filler.locator('#tab-report').click();
    await filler.waitForFunction(() => [...document.querySelectorAll('[data-path="report.chapters.performanceOverall.text"] .token-chip')].map((c) => c.textContent).join('|') === '208.31|200|96.01');
    await saved(filler);

    // ---- 2. The tables show project spending: the drafted 本单位无项目支出 is flagged.
    expect((await editor(filler, 'performanceProject').innerText()).includes('本单位无项目支出'), 'the empty-document draft says there was no project spending');
    await filler.locator('#tab-selfEvaluation').click();
    await cell(filler, 'selfEvaluation.budget.byExpenditure.project').fill('76.5');
    await filler.getByTestId('check-REPORT_CLAIM_CONTRADICTS_TABLES').first().waitFor();
    const claimText = await filler.getByTestId('check-REPORT_CLAIM_CONTRADICTS_TABLES').first().innerText();
    expect(claimText.includes('本单位无项目支出') && claimText.includes('76.5万元'), `the warning quotes the claim and the table figure: ${claimText}`);
    await filler.locator('#tab-report').click();
    await filler.locator('[data-testid="outline-performanceProject"][data-state="problem"]').waitFor();
    expect((await filler.getByTestId('chapter-problems-performanceProject').innerText()).includes('本单位无项目支出'), 'the chapter itself says what contradicts the tables');
    await saved(filler);
    await snap(filler, 'filler-report-claim-flagged');

    // ---- 3. 插入正文 replaces the earlier draft: the claim is gone, one sentence, chip 76.5.
    await filler.getByTestId('insert-bound-performanceProject').click();
    await filler.waitForFunction(() => document.querySelector('[data-path="report.chapters.performanceProject.text"]')?.innerText.trim() === '2024年项目支出76.5万元。');
    await filler.getByTestId('check-REPORT_CLAIM_CONTRADICTS_TABLES').first().waitFor({ state: 'detached' });
    expect(await filler.getByTestId('insert-bound-performanceProject').isDisabled(), 'a draft already in the text is not inserted again');

    // Twice in a chapter whose draft grows with the tables: still one drafted paragraph.
    const goals = editor(filler, 'performanceGoals');
    await goals.click();
    await filler.keyboard.press('Control+End');
    await filler.keyboard.type('全年工作有序推进。');
    await filler.locator('#tab-selfEvaluation').click();
    await cell(filler, 'selfEvaluation.budget.executionByEconomicClass.wages').fill('120');
    await filler.locator('#tab-report').click();
    await filler.getByTestId('insert-bound-performanceGoals').click();
    await filler.locator('#tab-selfEvaluation').click();
    await cell(filler, 'selfEvaluation.budget.executionByEconomicClass.goodsAndServices').fill('80');
    await filler.locator('#tab-report').click();
    await filler.getByTestId('insert-bound-performanceGoals').click();
    await filler.waitForFunction(() => document.querySelector('[data-path="report.chapters.performanceGoals.text"]')?.innerText.includes('商品和服务支出'));
    const goalsText = await goals.innerText();
    expect((goalsText.match(/年度总支出/g) ?? []).length === 1, `one drafted paragraph after two inserts: ${goalsText}`);
    expect(goalsText.includes('全年工作有序推进。'), 'the filler’s own sentence is kept');
    expect(goalsText.includes('工资福利支出120万元，占总支出的60%') && goalsText.includes('商品和服务支出80万元，占总支出的40%'), `the chips show the live figures: ${goalsText}`);
    await saved(filler);
    const stored = await serverDocument(filler, FL);
    const storedGoals = stored.document.report.chapters.performanceGoals.text;
    expect((storedGoals.match(/年度总支出/g) ?? []).length === 1 && storedGoals.includes('{{wagesShare}}'), `the server holds one drafted paragraph with its tokens: ${storedGoals}`);
    expect(stored.document.report.chapters.performanceProject.text === '2024年项目支出{{projectSpending}}万元。', 'the server holds the replaced draft');

    // The styled 插入表格数据… control puts a chip where the caret is.
    const other = editor(filler, 'other');
    await other.click();
    await filler.keyboard.type('全年总支出');
    await filler.getByTestId('insert-token-other').click();
    await filler.locator('.el-select-dropdown__item:visible', { hasText: '全年执行数（总支出，万元）' }).click();
    await filler.keyboard.type('万元。');
    await filler
      .waitForFunction(() => document.querySelector('[data-path="report.chapters.other.text"]')?.innerText.trim() === '全年总支出200万元。')
      .catch(async (e) => {
        throw new Error(`${e.message}; the chapter shows: ${JSON.stringify(await other.innerHTML())}`);
      });
    await saved(filler);
    expect((await serverDocument(filler, FL)).document.report.chapters.other.text === '全年总支出{{totalSpending}}万元。', 'the chip is stored as its token');
    // Enter starts a new line; pasted text arrives as plain text, a listed token in it becomes a chip.
    await other.click();
    await filler.keyboard.press('Control+End');
    await filler.keyboard.press('Enter');
    await other.evaluate((el) => {
      const data = new DataTransfer();
      data.setData('text/plain', '其中工资福利支出{{ wages }}万元。');
      data.setData('text/html', '<b style="color:red">其中工资福利支出</b>');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await filler.waitForFunction(() => document.querySelectorAll('[data-path="report.chapters.other.text"] .token-chip').length === 2);
    expect((await other.locator('b').count()) === 0, 'pasted formatting is dropped');
    await saved(filler);
    const pasted = (await serverDocument(filler, FL)).document.report.chapters.other.text;
    expect(pasted === '全年总支出{{totalSpending}}万元。\n其中工资福利支出{{wages}}万元。', `a new line and the pasted sentence are stored: ${JSON.stringify(pasted)}`);
    await snap(filler, 'filler-report-drafts-replaced');

    // ---- 4. {{constructor}} typed into a chapter: refused, named, not stored; the PDF still renders.
    const problemsEditor = editor(filler, 'problems');
    await problemsEditor.click();
    await filler.keyboard.type('存在的问题：{{constructor}}');
    const refusal = filler.getByTestId('report-token-problem');
    await refusal.waitFor();
    const refusalText = await refusal.innerText();
    expect(refusalText.includes('{{constructor}}') && refusalText.includes('无法识别的数据占位符'), `the refusal names the token: ${refusalText}`);
    await filler.locator('[data-testid="outline-problems"][data-state="problem"]').waitFor();
    expect((await problemsEditor.innerText()).includes('存在的问题：{{constructor}}'), 'what was typed stays in the editor as typed');
    await saved(filler);
    // Autosave stored the text up to the last keystroke that was still valid, never the token.
    expect(!(await serverDocument(filler, FL)).document.report.chapters.problems.text.includes('{{constructor}}'), 'the refused text is not stored');
    await snap(filler, 'filler-report-constructor-refused');

    // The server refuses it too, naming it, whatever client sends it.
    const direct = await filler.evaluate(async (unitCode) => {
      const post = (query, variables) =>
        fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-zipin-client': 'web' }, body: JSON.stringify({ query, variables }) }).then((r) => r.json());
      const list = await post('query { packages(first: 50) { nodes { id unit { code } } } }', {});
      const id = list.data.packages.nodes.find((n) => n.unit.code === unitCode).id;
      const pkg = (await post('query($id: ID!) { package(id: $id) { version document } }', { id })).data.package;
      const document = structuredClone(pkg.document);
      document.report.chapters.problems.text = '问题{{constructor}}、{{__proto__}}、{{toString}}';
      const res = await post('mutation($input: SavePackageInput!) { savePackage(input: $input) { package { version } } }', { input: { packageId: id, baseVersion: pkg.version, document } });
      return res.errors?.[0] ?? null;
    }, FL);
    expect(direct?.extensions?.code === 'VALIDATION_FAILED' && direct.message.includes('{{constructor}}'), `the server refuses the token: ${JSON.stringify(direct)}`);

    // The package renders: the preview PDF downloads.
    await filler.getByTestId('preview-button').click();
    await filler.getByTestId('preview-download').waitFor({ timeout: 60_000 });
    const pdf = await filler.evaluate(async () => {
      const res = await fetch(document.querySelector('[data-testid="preview-download"]').getAttribute('href'));
      return { status: res.status, head: String.fromCharCode(...new Uint8Array(await res.arrayBuffer()).subarray(0, 4)) };
    });
    expect(pdf.status === 200 && pdf.head === '%PDF', `the preview is a PDF (HTTP ${pdf.status})`);
    await filler.keyboard.press('Escape');
    await filler.getByTestId('preview-dialog').waitFor({ state: 'hidden' });

    // Fixing the text lifts the refusal and saves.
    await problemsEditor.fill('民营经济服务方式仍较单一。');
    await refusal.waitFor({ state: 'detached' });
    await saved(filler);
    expect((await serverDocument(filler, FL)).document.report.chapters.problems.text === '民营经济服务方式仍较单一。', 'the fixed text is stored');
    // Typed through a Chinese input method: the pinyin being composed is never stored, the characters are.
    await problemsEditor.click();
    await filler.keyboard.press('Control+End');
    const cdp = await filler.context().newCDPSession(filler);
    await cdp.send('Input.imeSetComposition', { text: 'gongzuo', selectionStart: 7, selectionEnd: 7 });
    await cdp.send('Input.imeSetComposition', { text: 'gongzuoxia', selectionStart: 10, selectionEnd: 10 });
    await cdp.send('Input.insertText', { text: '工作下' });
    await filler.waitForFunction(() => document.querySelector('[data-path="report.chapters.problems.text"]')?.innerText.trim() === '民营经济服务方式仍较单一。工作下');
    await saved(filler);
    const composed = (await serverDocument(filler, FL)).document.report.chapters.problems.text;
    expect(composed === '民营经济服务方式仍较单一。工作下', `the composed characters are stored, no pinyin: ${composed}`);

    // ---- 5. The unit head: PDF and summary before signing; wrong password at the field.
    const head = await open('mzj.head');
    await openPackage(head, MZJ);
    await stateIs(head, 'AWAITING_SIGNOFF');
    await head.getByTestId('signoff-summary').waitFor();
    const summaryText = await head.getByTestId('signoff-summary').innerText();
    expect(/自评总分\s*\d/.test(summaryText) && summaryText.includes('等级'), `the summary shows score and grade: ${summaryText}`);
    expect(summaryText.includes('这是您第一次查看该材料'), 'a head who never saw it is told it is the first view');
    expect(!/[A-Z]{3,}_[A-Z_]+|[a-z]+\.[a-z]+\.[a-zA-Z.[\]-]+/.test(summaryText), `no code or field path in the summary: ${summaryText}`);
    // Opened again (any browser: the server remembers the view), it is no longer a first view.
    const headAgain = await open('mzj.head');
    await openPackage(headAgain, MZJ);
    await headAgain.getByTestId('signoff-summary').waitFor();
    await headAgain.waitForFunction(() => !document.querySelector('[data-testid="summary-changes"]')?.textContent.includes('…'));
    const secondLook = (await headAgain.getByTestId('summary-changes').innerText()).replace(/\s+/g, ' ');
    expect(!secondLook.includes('第一次') && secondLook.includes('上次查看以来'), `a second look in another browser is not a first view: ${secondLook}`);
    await headAgain.context().close();
    await head.getByTestId('signoff-preview-frame').waitFor({ state: 'attached', timeout: 60_000 });
    const signedPdf = await head.evaluate(async () => {
      const url = document.querySelector('[data-testid="signoff-preview-frame"]').getAttribute('data').split('#')[0];
      const res = await fetch(url);
      return { status: res.status, head: String.fromCharCode(...new Uint8Array(await res.arrayBuffer()).subarray(0, 4)) };
    });
    expect(signedPdf.status === 200 && signedPdf.head === '%PDF', `the head’s preview is a PDF (HTTP ${signedPdf.status})`);
    expect((await head.locator('[data-testid="summary-warning-list"] li[data-explained]').count()) === 2, 'a long warning list is folded');
    await head.getByTestId('summary-warnings-toggle').click();
    // Unfolded: every warning of the demo package (its number follows the checks, not this test).
    const unfolded = await head.locator('[data-testid="summary-warning-list"] li[data-explained]').count();
    expect(unfolded > 2, `every warning with its explanation on request (${unfolded} shown)`);
    expect(((await head.getByTestId('signoff-preview-download').getAttribute('href')) ?? '').startsWith('/api/renders/'), 'a link opens the same PDF');
    await snap(head, 'head-signoff-preview-summary');

    // The tables, read-only, with the report shown once and its figures as chips.
    await head.getByTestId('view-tables').click();
    await head.locator('#tab-report').click();
    await head.locator('.chapter-text[data-path="report.chapters.performanceGoals.text"]').waitFor();
    expect((await head.locator('.report .cell-input').count()) === 0, 'no editor for the unit head');
    expect(!(await head.locator('.report').innerText()).includes('{{'), 'no token syntax in the read view');
    await head.getByTestId('view-pdf').click();
    await head.getByTestId('signoff-preview-frame').waitFor({ state: 'attached', timeout: 60_000 });

    await head.getByTestId('sign-button').click();
    await head.getByTestId('sign-password').fill('wrong-password-1');
    await head.getByTestId('sign-confirm').click();
    const fieldError = head.locator('[data-testid="sign-password-item"] .el-form-item__error');
    await fieldError.waitFor();
    expect((await fieldError.innerText()).includes('密码不正确'), 'the wrong password is said at the field');
    expect((await head.locator('.el-message--error').count()) === 0, 'no toast about it');
    expect(!(await head.locator('body').innerText()).includes('用户名'), 'nothing speaks of a username');
    await snap(head, 'head-wrong-password');
    await head.getByTestId('sign-password').fill(PASSWORD);
    await fieldError.waitFor({ state: 'detached', timeout: 3000 });
    await head.getByTestId('sign-confirm').click();
    await stateIs(head, 'SUBMITTED');
    await head.getByTestId('signature-info').waitFor();
    expect((await head.locator('.el-message--error').count()) === 0, 'no stale error remains after the signature');

    // ---- 6. Withdrawn and resubmitted: the head is shown the changes since that signature.
    await head.getByTestId('withdraw-button').click();
    await stateIs(head, 'DRAFT');
    const mzjFiller = await open('mzj.filler');
    await openPackage(mzjFiller, MZJ);
    await stateIs(mzjFiller, 'DRAFT');
    await mzjFiller.locator('#tab-report').click();
    await editor(mzjFiller, 'other').fill('本单位无其他需要说明的事项，特此说明。');
    await saved(mzjFiller);
    await mzjFiller.getByTestId('submit-button').click();
    await mzjFiller.locator('.el-message-box .el-button--primary').click();
    await stateIs(mzjFiller, 'AWAITING_SIGNOFF');
    await openPackage(head, MZJ);
    await stateIs(head, 'AWAITING_SIGNOFF');
    await head.getByTestId('signoff-summary').waitFor();
    await head.waitForFunction(() => !document.querySelector('[data-testid="summary-changes"]')?.textContent.includes('…'));
    const again = await head.getByTestId('signoff-summary').innerText();
    expect(!again.includes('这是您第一次查看该材料'), `a head who signed before is not told it is the first view: ${again}`);
    expect(again.includes('您上次签章以来'), `the changes are counted from the last signature: ${again}`);
    const changes = (await head.getByTestId('summary-changes').innerText()).replace(/\s+/g, ' ');
    expect(/修改 1 /.test(changes), `one field changed since the signature: ${changes}`);
    await head.getByTestId('summary-changes').click();
    await head.locator('#tab-diff[aria-selected="true"]').waitFor();
    await snap(head, 'head-signoff-after-resubmission');

    expect(problems.length === 0, `no page or console error:\n${problems.join('\n')}`);
  } finally {
    for (const c of contexts) await c.close();
  }
}
