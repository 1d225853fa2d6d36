/**
 * What an admin does to accounts: a password reset ends the user's sessions, lifts sign-in
 * locks, is audited, and leaves an account that can do nothing (and sign nothing) until its
 * owner chooses a new password; every admin action on accounts and units is in the trail.
 */
import { LUKOU_2024_TEMPLATE } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { UserEntity } from '../../src/modules/org/user.entity.js';
import { WorkflowActionsService } from '../../src/modules/workflow/workflow-actions.service.js';
import { toRequestUser } from '../../src/modules/auth/auth.service.js';
import { MAX_FAILED_LOGINS } from '../../src/modules/auth/login-throttle.service.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, buildWorld, errorCode, forceState, type World } from '../support/factories.js';

const PASSING = explainWarnings(repairSeed(), LUKOU_2024_TEMPLATE, { fiscalYear: 2024 });
const RESET = 'mutation($id: ID!, $p: String!) { resetUserPassword(id: $id, newPassword: $p) }';
const SIGN = 'mutation($id: ID!, $v: Int!, $pw: String!) { signPackage(packageId: $id, expectedVersion: $v, password: $pw) { state signature { signerName } } }';
const TRAIL = '{ userAuditTrail(first: 50) { action actorId subjectUserId subjectUnitId details } }';

describe('admin actions on accounts', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  it('a reset signs the user out, is audited, and blocks work and signing until the user sets their own password', async () => {
    const head = w.users['a1.head']!;
    const admin = w.users['a.admin']!;
    const row = await forceState(app, w.packages.a1, 'AWAITING_SIGNOFF', { document: PASSING });
    await app.ok(RESET, { id: head.id, p: 'Admin-set-pw-2025' }, admin.token);

    // The head's old session is gone.
    expect((await app.gql('{ me { id } }', {}, head.token)).data?.me).toBeNull();
    // The reset is in the admin trail.
    const trail = (await app.ok<{ userAuditTrail: any[] }>(TRAIL, {}, admin.token)).userAuditTrail;
    expect(trail[0]).toMatchObject({ action: 'RESET_PASSWORD', actorId: admin.id, subjectUserId: head.id, subjectUnitId: w.units.a1 });

    // Signing in with the admin-set password works, but only to choose a new one.
    const token = await app.login(head.username, 'Admin-set-pw-2025');
    expect((await app.ok<{ me: { mustChangePassword: boolean } }>('{ me { mustChangePassword } }', {}, token)).me.mustChangePassword).toBe(true);
    expect(errorCode(await app.gql('{ packages(first: 5) { totalCount } }', {}, token))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(errorCode(await app.gql(SIGN, { id: row.id, v: row.version, pw: 'Admin-set-pw-2025' }, token))).toBe('PASSWORD_CHANGE_REQUIRED');
    // The admin-set password cannot sign even past the guard (the service refuses it too).
    const user = await app.dataSource.getRepository(UserEntity).findOneByOrFail({ id: head.id });
    await expect(app.get(WorkflowActionsService).sign(toRequestUser({ ...user, mustChangePassword: false }, 'direct'), row.id, row.version, 'Admin-set-pw-2025')).rejects.toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect((await app.dataSource.getRepository(UserEntity).findOneByOrFail({ id: head.id })).mustChangePassword).toBe(true);

    // Keeping the admin's password is refused; a new one of the user's own clears the flag.
    const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) }';
    expect(errorCode(await app.gql(CHANGE, { c: 'Admin-set-pw-2025', n: 'Admin-set-pw-2025' }, token))).toBe('PASSWORD_TOO_WEAK');
    await app.ok(CHANGE, { c: 'Admin-set-pw-2025', n: 'Head-own-pw-2025' }, token);
    expect((await app.ok<{ me: { mustChangePassword: boolean } }>('{ me { mustChangePassword } }', {}, token)).me.mustChangePassword).toBe(false);
    const signed = await app.ok<{ signPackage: { state: string } }>(SIGN, { id: row.id, v: row.version, pw: 'Head-own-pw-2025' }, token);
    expect(signed.signPackage.state).toBe('SUBMITTED');
  }, 60_000);

  it('a reset lifts the sign-in lock of the account', async () => {
    const filler = w.users['a2.filler']!;
    for (let i = 0; i <= MAX_FAILED_LOGINS; i++) await app.gql('mutation($u: String!) { login(input: { username: $u, password: "wrong-pass-123" }) { token } }', { u: filler.username });
    const locked = await app.gql('mutation($u: String!) { login(input: { username: $u, password: "Reset-by-admin-9" }) { token } }', { u: filler.username });
    expect(errorCode(locked)).toBe('ACCOUNT_LOCKED');
    await app.ok(RESET, { id: filler.id, p: 'Reset-by-admin-9' }, w.users['a.admin']!.token);
    expect(await app.login(filler.username, 'Reset-by-admin-9')).toBeTruthy();
  });

  it('records every admin action on accounts and units, and an admin-created account must choose its own password', async () => {
    const admin = w.users['a.admin']!;
    const unit = (await app.ok<{ createUnit: { id: string } }>('mutation { createUnit(input: { code: "AUD1", name: "审计测试单位", category: "行政单位" }) { id } }', {}, admin.token)).createUnit.id;
    await app.ok('mutation($id: ID!) { setUnitActive(id: $id, active: false) { id } }', { id: unit }, admin.token);
    const created = (await app.ok<{ createUser: { id: string } }>('mutation { createUser(input: { username: "audit.reviewer", displayName: "审计", password: "Initial-pass-77", role: REVIEWER }) { id } }', {}, admin.token)).createUser.id;
    await app.ok('mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }', { id: created }, admin.token);
    await app.ok('mutation($id: ID!) { setUserActive(id: $id, active: true) { id } }', { id: created }, admin.token);
    await app.ok(RESET, { id: created, p: 'Second-pass-88x' }, admin.token);
    const trail = (await app.ok<{ userAuditTrail: any[] }>(TRAIL, {}, admin.token)).userAuditTrail;
    expect(trail.slice(0, 6).map((e) => [e.action, e.subjectUserId ?? e.subjectUnitId]).reverse()).toEqual([
      ['CREATE_UNIT', unit],
      ['SET_UNIT_ACTIVE', unit],
      ['CREATE_USER', created],
      ['SET_USER_ACTIVE', created],
      ['SET_USER_ACTIVE', created],
      ['RESET_PASSWORD', created],
    ]);
    expect(trail.every((e) => e.actorId === admin.id)).toBe(true);
    expect(JSON.stringify(trail)).not.toContain('Second-pass-88x');
    // Another bureau's admin sees none of it.
    const other = (await app.ok<{ userAuditTrail: any[] }>(TRAIL, {}, w.users['b.admin']!.token)).userAuditTrail;
    expect(other.filter((e) => e.subjectUserId === created)).toEqual([]);
    const token = await app.login('audit.reviewer', 'Second-pass-88x');
    expect((await app.ok<{ me: { mustChangePassword: boolean } }>('{ me { mustChangePassword } }', {}, token)).me.mustChangePassword).toBe(true);
  });
});
