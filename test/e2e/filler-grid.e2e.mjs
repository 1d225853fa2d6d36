// The filler's grid as a person uses it: typing, clicking, pasting from Excel/WPS (a TSV
// clipboard), undo, Delete, Esc. A typo is kept as typed, saved as typed, shown as an error and
// blocks submission; the server's row holds the text, never another number. Then a package the
// bureau returned opens on its comments, and a commented cell's last digit stays visible.
export const name = 'the filler types, pastes and undoes in the grid; a typo is kept as typed and blocks submission';

const PASSWORD = 'Zipin@2024';

export async function run({ browser, baseUrl, shot, expect }) {
  const errors = [];
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });

  const cell = (path) => page.locator(`.cell-input[data-path="${path}"]`);
  const value = (path) => cell(path).inputValue();
  const P = (row, col) => `basicData.threePublic.${row}.${col}`;
  const saveState = () => page.getAttribute('[data-testid="save-state"]', 'data-state');
  const settled = async (state) =>
    page.waitForFunction((s) => document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === s, state, { timeout: 20_000 });
  /** The document as the server stores it, through the same API the client uses. */
  const serverDocument = (id) =>
    page.evaluate(async (pkgId) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-zipin-client': 'web' },
        body: JSON.stringify({ query: 'query($id: ID!) { package(id: $id) { document } }', variables: { id: pkgId } }),
      });
      return (await res.json()).data.package.document;
    }, id);
  const pasteTsv = (tsv) =>
    page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, tsv);
  const copyTsv = () =>
    page.evaluate(() => {
      const dt = new DataTransfer();
      document.activeElement.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return dt.getData('text/plain');
    });
  const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

  try {
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('daj.filler');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('my-packages').waitFor();
    await page.getByTestId('open-package-212012').click();
    await page.getByTestId('checks-panel').first().waitFor();
    const packageId = page.url().split('/packages/')[1];
    expect(packageId, 'the package id is in the address');

    // ---- The typo: 1O5.2 (letter O) in a money cell.
    const typo = P('reception', 'currentBudget');
    await cell(typo).click();
    await page.keyboard.type('1O5.2');
    await page.keyboard.press('Enter');
    expect((await value(typo)) === '1O5.2', 'the cell keeps the typo exactly as typed');
    expect(await cell(typo).evaluate((el) => el.closest('.doc-cell').classList.contains('flag-error')), 'the typo cell is flagged red');
    await page.getByTestId('check-INPUT_NOT_A_NUMBER').first().waitFor();
    const checkText = await page.getByTestId('check-INPUT_NOT_A_NUMBER').first().innerText();
    expect(checkText.includes('公务接待') && checkText.includes('1O5.2'), `the check names the field and the text: ${checkText}`);
    await settled('invalid');
    const status = await page.getByTestId('save-state').innerText();
    expect(status.includes('不是有效数字'), `the status says the saved text is not a number: ${status}`);
    let doc = await serverDocument(packageId);
    expect(doc.invalidInputs?.[typo] === '1O5.2', `the server row holds the text: ${JSON.stringify(doc.invalidInputs)}`);
    expect(doc.basicData.threePublic.reception.currentBudget === null, 'the server row holds no number for the cell');
    await shot(page, 'typo-kept-as-typed');

    await page.reload();
    await page.getByTestId('checks-panel').first().waitFor();
    expect((await value(typo)) === '1O5.2', 'after a reload the cell still shows the typo');
    expect((await page.getByTestId('check-INPUT_NOT_A_NUMBER').count()) > 0, 'after a reload the check still lists it');
    expect(!(await page.getByTestId('submit-button').isEnabled()), 'submission is blocked');
    expect((await saveState()) === 'invalid', 'after a reload the status still says it is an error');

    // ---- Type-over: a click selects the cell; typing replaces its content.
    const over = P('overseas', 'previousFinal');
    await cell(over).click();
    await page.keyboard.type('0.314');
    await page.keyboard.press('Enter');
    await cell(over).click();
    expect((await cell(over).getAttribute('data-mode')) === 'select', 'a click selects the cell');
    await page.keyboard.type('0.3');
    await page.keyboard.press('Tab');
    expect((await value(over)) === '0.3', `typing over 0.314 gives 0.3, not 0.30.314: ${await value(over)}`);

    // ---- Esc cancels an edit; F2 edits in place; a double click edits in place.
    await cell(over).click();
    await page.keyboard.type('99');
    await page.keyboard.press('Escape');
    expect((await value(over)) === '0.3', 'Esc brings back what the cell held');
    await page.keyboard.press('F2');
    expect((await cell(over).getAttribute('data-mode')) === 'edit', 'F2 edits');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    expect((await value(over)) === '0.31', 'F2 appends at the end of the text');
    await cell(over).dblclick();
    expect((await cell(over).getAttribute('data-mode')) === 'edit', 'a double click edits');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    expect((await value(over)) === '0.3', 'editing in place after a double click');

    // ---- Full-width digits from a Chinese input method.
    const fw = P('reception', 'currentFinal');
    await cell(fw).click();
    await page.keyboard.insertText('２２');
    await page.getByTestId(`cell-note-${fw}`).waitFor();
    const note = await page.getByTestId(`cell-note-${fw}`).innerText();
    expect(note.includes('全角'), `the cell notes the full-width digits: ${note}`);
    await shot(page, 'full-width-note');
    await page.keyboard.press('Enter');
    expect((await value(fw)) === '22', 'full-width ２２ is taken as 22');
    expect(await page.getByTestId(`cell-note-mark-${fw}`).isVisible(), 'a mark stays on the normalised cell');

    // ---- Paste a block copied from Excel (3 columns × 4 rows): the 项目支出 total row cannot take values.
    await cell(over).click();
    await pasteTsv('1\t2\t3\r\n4\t5\t６\r\n7\t8\t9\r\n10\t11\t12\r\n');
    const pasted = [
      [P('overseas', 'previousFinal'), '1'],
      [P('overseas', 'currentBudget'), '2'],
      [P('overseas', 'currentFinal'), '3'],
      [P('reception', 'previousFinal'), '4'],
      [P('reception', 'currentBudget'), '5'],
      [P('reception', 'currentFinal'), '6'],
      ['basicData.projects.businessWork.previousFinal', '10'],
      ['basicData.projects.businessWork.currentBudget', '11'],
      ['basicData.projects.businessWork.currentFinal', '12'],
    ];
    for (const [path, v] of pasted) expect((await value(path)) === v, `pasted ${v} into ${path}: ${await value(path)}`);
    const report = await page.locator('.paste-report').first().innerText();
    expect(report.includes('已粘贴 9 格') && report.includes('3 格未粘贴') && report.includes('项目支出'), `the message names the skipped cells: ${report}`);
    await shot(page, 'paste-block');
    expect((await page.locator('td[data-selected], .doc-cell[data-selected]').count()) >= 9, 'the pasted block is selected');

    // ---- Undo of the paste, then redo, then undo again.
    await page.keyboard.press(`${mod}+z`);
    expect((await value(P('overseas', 'previousFinal'))) === '0.3', 'undo brings back 0.3');
    expect((await value(P('reception', 'currentBudget'))) === '1O5.2', 'undo brings back the kept typo');
    expect((await value('basicData.projects.businessWork.currentFinal')) === '', 'undo empties what the paste filled');
    await page.keyboard.press(`${mod}+y`);
    expect((await value(P('reception', 'currentFinal'))) === '6', 'redo pastes again');
    await page.keyboard.press(`${mod}+z`);
    expect((await value(P('reception', 'currentFinal'))) === '22', 'undo again');

    // ---- A block selected with Shift+click, copied as TSV, then cleared with Delete.
    await cell(P('vehiclePurchase', 'previousFinal')).click();
    await pasteTsv('1.5\t2.5\n3.5\t4.5');
    await cell(P('vehiclePurchase', 'previousFinal')).click();
    await cell(P('vehicleOperation', 'currentBudget')).click({ modifiers: ['Shift'] });
    expect((await page.locator('[data-selected]').count()) === 4, 'Shift+click selects a 2×2 block');
    const copied = await copyTsv();
    expect(copied === '1.5\t2.5\n3.5\t4.5', `Ctrl+C gives tab-separated text: ${JSON.stringify(copied)}`);
    await shot(page, 'block-selected');
    await page.keyboard.press('Delete');
    for (const path of [P('vehiclePurchase', 'previousFinal'), P('vehiclePurchase', 'currentBudget'), P('vehicleOperation', 'previousFinal'), P('vehicleOperation', 'currentBudget')]) {
      expect((await value(path)) === '', `Delete cleared ${path}`);
    }
    await page.keyboard.press(`${mod}+z`);
    expect((await value(P('vehicleOperation', 'currentBudget'))) === '4.5', 'undo of Delete');

    // ---- One value pasted over a selected block fills it.
    await cell(P('vehiclePurchase', 'previousFinal')).click();
    await cell(P('vehicleOperation', 'currentBudget')).click({ modifiers: ['Shift'] });
    await pasteTsv('０.５');
    for (const path of [P('vehiclePurchase', 'previousFinal'), P('vehiclePurchase', 'currentBudget'), P('vehicleOperation', 'previousFinal'), P('vehicleOperation', 'currentBudget')]) {
      expect((await value(path)) === '0.5', `one pasted value filled ${path}: ${await value(path)}`);
    }
    await page.keyboard.press(`${mod}+z`);
    expect((await value(P('vehiclePurchase', 'currentBudget'))) === '2.5', 'undo of the fill');

    // ---- Shift+arrows extend a block.
    await cell(P('vehiclePurchase', 'previousFinal')).click();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    expect((await page.locator('[data-selected]').count()) === 4, 'Shift+arrows select a 2×2 block');
    await page.keyboard.press('Escape');
    expect((await page.locator('[data-selected]').count()) === 0, 'Esc drops the block');

    // ---- The typo corrected: saved, the error gone.
    await cell(typo).click();
    await page.keyboard.type('105.2');
    await page.keyboard.press('Enter');
    await settled('saved');
    doc = await serverDocument(packageId);
    expect(!doc.invalidInputs, 'no kept typo once corrected');
    expect(doc.basicData.threePublic.reception.currentBudget === '105.2', 'the corrected number is stored');
    expect(doc.basicData.threePublic.overseas.previousFinal === '0.3', 'type-over stored 0.3');
    expect(doc.basicData.threePublic.reception.currentFinal === '22', 'full-width stored as 22');
    expect((await page.getByTestId('check-INPUT_NOT_A_NUMBER').count()) === 0, 'the check is gone');
    await shot(page, 'corrected');

    // ---- A package the bureau returned opens on its comments; the comment badge leaves the digits visible.
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('nyj.filler');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('my-packages').waitFor();
    await page.locator('[data-testid^="open-package-"]').first().click();
    await page.getByTestId('checks-panel').first().waitFor({ state: 'attached' });
    await page.locator('.side-area .el-tabs__item.is-active').waitFor();
    const activeTab = await page.locator('.side-area .el-tabs__item.is-active').innerText();
    expect(activeTab.includes('审核意见'), `a returned package opens on 审核意见: ${activeTab}`);
    await page.locator('#tab-selfEvaluation').click();
    const marker = page.locator('.comment-marker').first();
    await marker.waitFor();
    {
      const overlap = await marker.evaluate((m) => {
        const cellEl = m.closest('.doc-cell');
        const input = cellEl.querySelector('.cell-input, .cell-text');
        const pad = parseFloat(getComputedStyle(input).paddingRight);
        return { pad, width: m.getBoundingClientRect().width };
      });
      expect(overlap.pad >= overlap.width, `the text keeps clear of the badge: ${JSON.stringify(overlap)}`);
    }
    await shot(page, 'returned-opens-on-comments');

    expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}
