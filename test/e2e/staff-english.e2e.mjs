// The staff app in English, for everyone: every view of every role (filler, unit head, reviewer,
// 主管部门 supervisor, admin; the routes read from the router, so a new route without a visit here
// fails) is opened in English, each of its tabs clicked, and
//  - its visible text and its accessible names are scanned for Chinese outside data (unit and
//    people's names, campaign titles, what was typed into a package: containers marked
//    data-i18n-skip, or data-i18n-skip-attr="title" for one attribute); a hit names the view,
//    the element and the text;
//  - axe-core reports no serious or critical violation;
//  - the skip link is the first thing Tab reaches and leads into the one <main>.
// Read only: it opens packages and dialogs and cancels them, and signs in as people no other
// journey moves (zjj.head, reviewer2), so the demo data stay as they were for the next journeys.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const name = 'every staff view reads in English outside data and passes axe (skip link, one main, focus, Alt+C)';
export const expectedSeconds = 190;

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'Zipin@2024';
const here = dirname(fileURLToPath(import.meta.url));
/** The route names of the staff app, read from its router: the journey must visit each. */
const ROUTES = [...readFileSync(join(here, '..', '..', 'client', 'src', 'router', 'index.ts'), 'utf8').matchAll(/name: '([a-z-]+)'/g)].map((m) => m[1]);

/** Runs in the page: Chinese outside [data-i18n-skip], in text and in the names people hear. */
function findCjk() {
  const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;
  const skipped = (el) => !!el.closest('[data-i18n-skip]');
  const visible = (el) => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true }) && el.getClientRects().length > 0;
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const id = e.getAttribute('data-testid') ? `[data-testid=${e.getAttribute('data-testid')}]` : e.id ? `#${e.id}` : '';
      const cls = [...e.classList].filter((c) => !c.startsWith('is-')).slice(0, 2).map((c) => `.${c}`).join('');
      parts.unshift(`${e.tagName.toLowerCase()}${id}${cls}`);
      if (id) break;
    }
    return parts.join(' > ');
  };
  const hits = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent ?? '';
    const el = n.parentElement;
    if (!el || !CJK.test(text) || skipped(el) || !visible(el) || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
    hits.push({ element: describe(el), text: text.trim().slice(0, 60) });
  }
  for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt], [aria-placeholder]')) {
    if (skipped(el) || !visible(el)) continue;
    // data-i18n-skip-attr names an attribute that quotes data (a tooltip listing check messages).
    const dataAttrs = (el.getAttribute('data-i18n-skip-attr') ?? '').split(/\s+/);
    for (const attr of ['placeholder', 'aria-label', 'title', 'alt', 'aria-placeholder']) {
      if (dataAttrs.includes(attr)) continue;
      // A name people typed is quoted inside a sentence (indicator “…”), as QuotedText marks it in text.
      const v = el.getAttribute(attr)?.replace(/「[^」]*」|“[^”]*”|"[^"]*"/g, '');
      if (v && CJK.test(v)) hits.push({ element: `${describe(el)} @${attr}`, text: v.slice(0, 60) });
    }
  }
  // Form controls' values are what people typed, except a select's shown option (a label).
  if (CJK.test(document.title)) hits.push({ element: 'title', text: document.title });
  return hits;
}

export async function run({ browser, baseUrl, shot, expect }) {
  const problems = [];
  const errors = [];
  const contexts = [];
  const visited = new Set();
  let audited = 0;

  /**
   * A person's own browser in English. The first one chooses English on the login page (the
   * toggle there); the others have chosen it before (the saved choice).
   */
  async function open(username) {
    const first = !visited.has('login');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    // The init script runs in every frame, the PDF viewer's too, where there is no storage.
    if (!first)
      await context.addInitScript(() => {
        try {
          window.localStorage?.setItem('zipin.locale', 'en');
        } catch {}
      });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`${username} console: ${m.text()}`));
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').waitFor();
    if (first) {
      // The first field has the focus on load.
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('name'));
      expect(focused === 'username', `the username field has the focus on load (${focused})`);
      expect((await page.getByTestId('login-locale-toggle').innerText()).trim() === 'English', 'the login page offers English');
      await page.getByTestId('login-locale-toggle').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      expect((await page.locator('label[for="login-username"]').innerText()).trim() === 'Username', 'the login page turns English');
      await audit(page, 'login', 'login');
      await shot(page, 'login-en');
    }
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByTestId('my-packages').waitFor();
    return page;
  }

  async function axe(page, view) {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join(' | ')}`);
    });
    for (const v of violations) problems.push(`${view}: axe ${v}`);
  }

  /** One state of a view: Chinese outside data, axe, and the landmarks. */
  async function audit(page, route, view) {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(200);
    visited.add(route);
    audited += 1;
    for (const h of await page.evaluate(findCjk)) problems.push(`${view}: Chinese in ${h.element}: 「${h.text}」`);
    await axe(page, view);
    const landmarks = await page.evaluate(() => {
      const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].filter((e) => e.tabIndex >= 0 && !e.disabled && !e.closest('[inert], [aria-hidden="true"]'));
      return { mains: document.querySelectorAll('main, [role="main"]').length, first: focusable[0]?.className ?? null };
    });
    if (landmarks.mains !== 1) problems.push(`${view}: ${landmarks.mains} <main> landmarks, not one`);
    if (!String(landmarks.first).includes('skip-link')) problems.push(`${view}: the first focusable element is not the skip link (${landmarks.first})`);
  }

  /** The view, then each visible tab of it (document tabs and side panels). */
  async function auditWithTabs(page, route, view) {
    await audit(page, route, view);
    const tabs = page.locator('.el-tabs__item');
    const count = await tabs.count();
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      if (!(await tab.isVisible())) continue;
      const label = (await tab.innerText()).replace(/\s+/g, ' ').trim();
      await tab.click();
      await page.waitForTimeout(250);
      await audit(page, route, `${view} › ${label}`);
    }
  }

  async function openPackage(page, code) {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId(`open-package-${code}`).click();
    await page.getByTestId('package-title').waitFor();
  }

  /** Opens a dialog by its button, audits it, and closes it without saving. */
  async function auditDialog(page, route, view, opener) {
    await page.getByTestId(opener).click();
    const dialog = page.locator('.el-dialog:visible, .el-drawer:visible').first();
    await dialog.waitFor();
    await page.waitForTimeout(300);
    await audit(page, route, view);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }

  try {
    // 填表人: a draft with problems, the skip link, the Alt+C shortcut; then a returned package.
    const filler = await open('wlj.filler');
    await audit(filler, 'home', 'filler home');
    await shot(filler, 'filler-home-en');
    await openPackage(filler, '212007');
    await auditWithTabs(filler, 'package', 'filler workspace');
    await filler.locator('#tab-basicData').click();
    await filler.locator('#tab-checks').click();
    await shot(filler, 'filler-workspace-en');

    // From a fresh load, the first Tab reaches the skip link, and it leads into <main>.
    await filler.reload();
    await filler.getByTestId('package-title').waitFor();
    await filler.keyboard.press('Tab');
    const skip = await filler.evaluate(() => ({ cls: document.activeElement?.className ?? '', text: document.activeElement?.textContent?.trim() }));
    expect(String(skip.cls).includes('skip-link') && skip.text === 'Skip to main content', `Tab from the top reaches the skip link first (${JSON.stringify(skip)})`);
    await filler.keyboard.press('Enter');
    const inMain = await filler.evaluate(() => !!document.activeElement?.closest('main'));
    expect(inMain, 'the skip link moves the focus into <main>');

    // Alt+C from inside the grid lands on the check panel, and the UI says so.
    await filler.locator('#tab-selfEvaluation').click();
    await filler.locator('.cell-input').first().focus();
    await filler.keyboard.press('Alt+c');
    const inChecks = await filler.evaluate(() => !!document.activeElement?.closest('[data-testid="checks-panel"]'));
    expect(inChecks, 'Alt+C moves the focus to the check panel');
    expect((await filler.getByTestId('checks-shortcut').innerText()).includes('Alt+C'), 'the check panel shows its shortcut');

    await filler.goto(`${baseUrl}/change-password`);
    await filler.getByTestId('np-current').waitFor();
    await audit(filler, 'change-password', 'change password');
    await filler.goto(`${baseUrl}/no-such-page`);
    await filler.waitForLoadState('networkidle');
    await audit(filler, 'not-found', 'not found');

    const returned = await open('nyj.filler');
    await openPackage(returned, '212004');
    await auditWithTabs(returned, 'package', 'filler returned package');

    // 单位负责人: the sign-off desk of a package already approved (no other journey signs in as zjj.head).
    const head = await open('zjj.head');
    await audit(head, 'home', 'unit head home');
    await openPackage(head, '212005');
    await auditWithTabs(head, 'package', 'unit head sign-off desk');

    // 审核人: the queue, a package in review, the return dialog (cancelled).
    const reviewer = await open('reviewer');
    await audit(reviewer, 'home', 'reviewer home');
    await reviewer.goto(`${baseUrl}/review`);
    await reviewer.getByTestId('review-queue').waitFor();
    await audit(reviewer, 'review-queue', 'review queue');
    await shot(reviewer, 'review-queue-en');
    await openPackage(reviewer, '212003');
    await auditWithTabs(reviewer, 'package', 'reviewer package');
    await auditDialog(reviewer, 'package', 'reviewer return dialog', 'return-button');

    // 主管部门审核人: the school waiting for its supervisor.
    const supervisor = await open('jyj.supervisor');
    await audit(supervisor, 'home', 'supervisor home');
    await openPackage(supervisor, '212013');
    await auditWithTabs(supervisor, 'package', 'supervisor package');

    // 管理员: each admin view with its tabs, and the dialogs that create things (cancelled).
    const admin = await open('admin');
    await audit(admin, 'home', 'admin home');
    for (const [route, path] of [
      ['admin-dashboard', '/admin/dashboard'],
      ['admin-campaigns', '/admin/campaigns'],
      ['admin-org', '/admin/org'],
      ['admin-assignments', '/admin/assignments'],
      ['admin-publications', '/admin/publications'],
    ]) {
      await admin.goto(`${baseUrl}${path}`);
      await admin.locator('.el-table, .el-card').first().waitFor();
      await auditWithTabs(admin, route, `admin ${path}`);
    }
    await admin.goto(`${baseUrl}/admin/dashboard`);
    await admin.locator('.el-card').first().waitFor();
    await shot(admin, 'admin-dashboard-en');
    await admin.goto(`${baseUrl}/admin/campaigns`);
    await auditDialog(admin, 'admin-campaigns', 'new campaign dialog', 'new-campaign');
    await admin.goto(`${baseUrl}/admin/org`);
    await admin.locator('.el-table').first().waitFor();
    await auditDialog(admin, 'admin-org', 'new unit dialog', 'new-unit');

    // The scanner itself: planted Chinese outside data is found and named, inside data it is not.
    const key = (h) => `${h.element}|${h.text}`;
    const already = new Set((await admin.evaluate(findCjk)).map(key));
    const before = problems.length;
    await admin.evaluate(() => {
      document.querySelector('main')?.insertAdjacentHTML('beforeend', '<p data-testid="planted">已报送</p><p data-i18n-skip>株洲市渌口区财政局</p>');
    });
    for (const h of await admin.evaluate(findCjk)) if (!already.has(key(h))) problems.push(`planted: Chinese in ${h.element}: 「${h.text}」`);
    const planted = problems.splice(before);
    expect(planted.length === 1 && planted[0].includes('[data-testid=planted]') && planted[0].includes('已报送'), `the scanner names the element and the text, and leaves data alone: ${planted.join(' | ')}`);

    const missing = ROUTES.filter((r) => !visited.has(r));
    expect(ROUTES.length >= 10 && missing.length === 0, `every route of the staff app is visited in English (missing: ${missing.join(', ')})`);
    // The whole list goes to a file beside the screenshots; the message shows the first of each kind.
    const distinct = [...new Set(problems)];
    writeFileSync(join(here, 'screenshots', 'staff-english-problems.txt'), distinct.join('\n'));
    const byWhat = new Map();
    for (const p of distinct) {
      const what = p.replace(/^[^:]*: /, '');
      if (!byWhat.has(what)) byWhat.set(what, p);
    }
    expect(problems.length === 0, `${distinct.length} problems in ${audited} view states (all in test/e2e/screenshots/staff-english-problems.txt):\n${[...byWhat.values()].slice(0, 80).join('\n')}`);
    expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  } finally {
    for (const c of contexts) await c.close();
  }
}
