/**
 * One password rule wherever a password is set (an account made by an admin, an admin's reset,
 * the user's own change): at least ten characters and not on the list of common and leaked
 * passwords, refused with a message naming the rule, and nothing changed by a refusal.
 * (The units import and the first-admin command are covered by their own suites.)
 */
import { PASSWORD_MIN_LENGTH, PASSWORD_PROBLEMS, PASSWORD_RULE } from '@zipin/shared';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';
import { UserEntity } from '../../src/modules/org/user.entity.js';
import { PasswordService } from '../../src/modules/auth/password.service.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, buildWorld, errorCode, type World } from '../support/factories.js';
import { PUB_PASSWORD } from '../support/factories-publication.js';

const CREATE = 'mutation($u: String!, $p: String!) { createUser(input: { username: $u, displayName: "新账号", password: $p, role: REVIEWER }) { id } }';
const RESET = 'mutation($id: ID!, $p: String!) { resetUserPassword(id: $id, newPassword: $p) }';
const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) }';

/** Each refused for a different reason: short (and the old 8-with-digits rule), on the list, on the list in other case. */
const REFUSED: [string, keyof typeof PASSWORD_PROBLEMS][] = [
  ['abc12345', 'TOO_SHORT'],
  ['Zipin@202', 'TOO_SHORT'],
  ['password123', 'COMMON'],
  ['1234567890', 'COMMON'],
  ['QwertyUiop', 'COMMON'],
  ['1q2w3e4r5t', 'COMMON'],
  ['x'.repeat(129), 'TOO_LONG'],
];

describe('password policy', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  it('is ten characters and the common list, and names the rule in its default wording', () => {
    const passwords = app.get(PasswordService);
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    for (const [pw, rule] of REFUSED) expect([pw, passwords.problem(pw)]).toEqual([pw, rule]);
    // The demo password and the suites' own passwords are within the rule.
    for (const pw of [DEMO_PASSWORD, TEST_PASSWORD, PUB_PASSWORD, '十个汉字也是一个好密码', 'correct horse battery']) expect([pw, passwords.problem(pw)]).toEqual([pw, null]);
    expect(PASSWORD_RULE.zh).toContain('至少 10 位');
    expect(PASSWORD_RULE.en).toContain('at least 10 characters');
  });

  it.each(REFUSED)('refuses %s for an admin-made account, naming the rule, and makes no account', async (pw, rule) => {
    const username = `weak.${rule.toLowerCase()}.${pw.length}`;
    const res = await app.gql(CREATE, { u: username, p: pw }, w.users['a.admin']!.token);
    expect(errorCode(res)).toBe('PASSWORD_TOO_WEAK');
    expect(res.errors![0]!.message).toBe(PASSWORD_PROBLEMS[rule].zh);
    expect(res.errors![0]!.extensions).toMatchObject({ details: { rule, minLength: 10 } });
    expect(await app.dataSource.getRepository(UserEntity).existsBy({ username })).toBe(false);
  });

  it('refuses a weak reset and keeps the account as it was', async () => {
    const user = w.users['a2.filler']!;
    for (const [pw, rule] of REFUSED) {
      const res = await app.gql(RESET, { id: user.id, p: pw }, w.users['a.admin']!.token);
      expect([pw, errorCode(res), res.errors?.[0]?.message]).toEqual([pw, 'PASSWORD_TOO_WEAK', PASSWORD_PROBLEMS[rule].zh]);
    }
    // Still signed in, still with the old password, not asked to change it.
    expect((await app.ok<{ me: { mustChangePassword: boolean } }>('{ me { mustChangePassword } }', {}, user.token)).me.mustChangePassword).toBe(false);
    expect(await app.login(user.username, TEST_PASSWORD)).toBeTruthy();
  });

  it('refuses a weak new password of the user’s own, and accepts one within the rule', async () => {
    const user = w.users['a1.filler']!;
    for (const [pw, rule] of REFUSED) {
      const res = await app.gql(CHANGE, { c: TEST_PASSWORD, n: pw }, user.token);
      expect([pw, errorCode(res), res.errors?.[0]?.message]).toEqual([pw, 'PASSWORD_TOO_WEAK', PASSWORD_PROBLEMS[rule].zh]);
    }
    expect(await app.login(user.username, TEST_PASSWORD)).toBeTruthy();
    await app.ok(CHANGE, { c: TEST_PASSWORD, n: 'Filler-own-2026' }, user.token);
    expect(await app.login(user.username, 'Filler-own-2026')).toBeTruthy();
  });
});
