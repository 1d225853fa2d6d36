/**
 * Sign-in throttling: counts are reserved atomically before a password is verified, so
 * guesses sent in parallel are bounded by the limit; locks are per (username, address) and
 * per address, so a stranger cannot lock the owner out; answers reveal no account state.
 */
import { jest } from '@jest/globals';
import { TransactionService } from '../../src/database/transaction.service.js';
import { PasswordService } from '../../src/modules/auth/password.service.js';
import { MAX_FAILED_LOGINS, MAX_FAILED_LOGINS_PER_ADDRESS } from '../../src/modules/auth/login-throttle.service.js';
import { OrgService } from '../../src/modules/org/org.service.js';
import { TestApp } from '../support/test-app.js';
import { TEST_PASSWORD, buildWorld, type World } from '../support/factories.js';

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token user { id } } }';

describe('sign-in throttling', () => {
  let app: TestApp;
  let w: World;
  let seq = 0;
  const passwords = () => app.get(PasswordService);

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    (app.app.getHttpAdapter().getInstance() as { set(k: string, v: string): void }).set('trust proxy', 'loopback');
    w = await buildWorld(app, { login: false });
  }, 60_000);
  afterAll(() => app?.close());
  afterEach(() => jest.restoreAllMocks());

  /** A fresh account per test, so no test sees another's counts. */
  async function freshUser(): Promise<string> {
    const username = `throttle.${Date.now().toString(36)}.${seq++}`;
    await app.get(TransactionService).run((tx) =>
      app.get(OrgService).createUser(tx, { username, displayName: '被测账号', password: TEST_PASSWORD, role: 'UNIT_HEAD', bureauId: w.bureaus.a, unitId: w.units.a1 }),
    );
    return username;
  }
  const address = () => `10.${seq % 250}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  async function login(username: string, password: string, from: string): Promise<string | null> {
    const res = await app.http().post('/graphql').set('content-type', 'application/json').set('x-forwarded-for', from).send({ query: LOGIN, variables: { input: { username, password } } });
    return res.body.errors?.[0]?.extensions?.code ?? null;
  }

  it('verifies at most the limit of 100 wrong guesses sent in parallel, and keeps the lock', async () => {
    const username = await freshUser();
    const from = address();
    const verify = jest.spyOn(passwords(), 'verify');
    const codes = await Promise.all(Array.from({ length: 100 }, (_, i) => login(username, `wrong-guess-${i}x`, from)));
    expect(verify.mock.calls.length).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    expect(codes.filter((c) => c !== 'INVALID_CREDENTIALS' && c !== 'ACCOUNT_LOCKED')).toEqual([]);
    // The right password from the guessing address is refused without being checked.
    verify.mockClear();
    expect(await login(username, TEST_PASSWORD, from)).toBe('ACCOUNT_LOCKED');
    expect(verify).not.toHaveBeenCalled();
    // The owner, from anywhere else, is not locked out by the stranger.
    expect(await login(username, TEST_PASSWORD, address())).toBeNull();
  }, 60_000);

  it('does not let a correct guess clear the checks still in flight', async () => {
    const username = await freshUser();
    const from = address();
    const real = passwords().verify.bind(passwords());
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let held = 0;
    const verify = jest.spyOn(passwords(), 'verify').mockImplementation(async (hash: string, pw: string) => {
      if (pw.startsWith('held-')) {
        held++;
        await gate;
      }
      return real(hash, pw);
    });
    const inFlight = Array.from({ length: MAX_FAILED_LOGINS - 1 }, (_, i) => login(username, `held-${i}`, from));
    while (held < MAX_FAILED_LOGINS - 1) await new Promise((r) => setTimeout(r, 10));
    expect(await login(username, TEST_PASSWORD, from)).toBeNull();
    verify.mockClear();
    // Four slots are still held: of ten more guesses, only one more may be checked.
    const more = await Promise.all(Array.from({ length: 10 }, (_, i) => login(username, `more-${i}x`, from)));
    expect(verify.mock.calls.length).toBe(1);
    expect(more.filter((c) => c === 'ACCOUNT_LOCKED').length).toBe(9);
    open();
    expect(await Promise.all(inFlight)).toEqual(Array(MAX_FAILED_LOGINS - 1).fill('INVALID_CREDENTIALS'));
    // 4 held failures + 1 more: the address is now locked for this account.
    expect(await login(username, TEST_PASSWORD, from)).toBe('ACCOUNT_LOCKED');
  }, 60_000);

  it('answers unknown usernames exactly like real ones, and names a disabled account only to its password', async () => {
    const real = await freshUser();
    const from = address();
    const unknown = `nobody.${Date.now().toString(36)}`;
    const answers = async (username: string) => {
      const out: (string | null)[] = [];
      for (let i = 0; i <= MAX_FAILED_LOGINS; i++) out.push(await login(username, `wrong-${i}x`, from));
      return out;
    };
    const forReal = await answers(real);
    const forUnknown = await answers(unknown);
    expect(forUnknown).toEqual(forReal);
    expect(forReal.at(-1)).toBe('ACCOUNT_LOCKED');

    const disabled = await freshUser();
    const row = await app.get(OrgService).users.findOneByOrFail({ username: disabled });
    await app.get(OrgService).users.update({ id: row.id }, { active: false });
    expect(await login(disabled, 'not-the-password1', address())).toBe('INVALID_CREDENTIALS');
    expect(await login(disabled, TEST_PASSWORD, address())).toBe('ACCOUNT_DISABLED');
  }, 60_000);

  it('locks an address that sprays wrong passwords across many usernames', async () => {
    const from = address();
    const verify = jest.spyOn(passwords(), 'verify').mockResolvedValue(false);
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ADDRESS; i++) expect(await login(`spray.${i}.${seq}`, 'guess-123456', from)).toBe('INVALID_CREDENTIALS');
    verify.mockRestore();
    const owner = await freshUser();
    expect(await login(owner, TEST_PASSWORD, from)).toBe('ACCOUNT_LOCKED');
    expect(await login(owner, TEST_PASSWORD, address())).toBeNull();
  }, 60_000);

  it('throttles re-entering the password to sign like a sign-in', async () => {
    const username = await freshUser();
    const user = await app.get(OrgService).users.findOneByOrFail({ username });
    const { AuthService } = await import('../../src/modules/auth/auth.service.js');
    const auth = app.get(AuthService);
    const verify = jest.spyOn(passwords(), 'verify');
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => auth.verifyPassword(user.id, `wrong-${i}x`)));
    expect(verify.mock.calls.length).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await expect(auth.verifyPassword(user.id, TEST_PASSWORD)).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
  }, 60_000);
});
