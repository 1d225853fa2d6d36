/**
 * The units import hashes the new accounts' passwords before its write transaction (in small
 * batches, on the thread pool), so other users' writes are not held up while it runs; its
 * progress can be polled, and the result lists each account with its sheet row.
 */
import { jest } from '@jest/globals';
import { PASSWORD_HASHING } from '../../src/config/app-config.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { PasswordService } from '../../src/modules/auth/password.service.js';
import { UserEntity } from '../../src/modules/org/user.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, type World } from '../support/factories.js';
import { download, readWorkbook, writeWorkbook, XLSX } from '../excel/excel-helpers.js';

describe('units import hashing', () => {
  let app: TestApp;
  let w: World;
  let template: Buffer;
  beforeAll(async () => {
    // Production's cost: what is measured here is how the import lives with slow hashing.
    app = await TestApp.start({ runJobs: false, passwordHashing: PASSWORD_HASHING });
    w = await buildWorld(app);
    template = (await download(app, '/api/admin/units-template.xlsx', w.users['a.admin']!.token)).body;
  }, 60_000);
  afterAll(() => app?.close());
  afterEach(() => jest.restoreAllMocks());

  async function sheetWithUnits(n: number, prefix: string): Promise<Buffer> {
    const wb = await readWorkbook(template);
    const ws = wb.worksheets[0]!;
    for (let i = 0; i < n; i++) {
      const code = `${prefix}${String(i).padStart(3, '0')}`;
      ws.getRow(3 + i).values = [code, `测试单位${code}`, '行政单位', `${code}.filler`.toLowerCase(), '填表人', '', `${code}.head`.toLowerCase(), '负责人', ''];
    }
    return writeWorkbook(wb);
  }

  it('hashes every password outside the write transaction, and reports progress', async () => {
    const transactions = app.get(TransactionService);
    let inTransaction = 0;
    const run = transactions.run.bind(transactions);
    jest.spyOn(transactions, 'run').mockImplementation(((work: Parameters<typeof run>[0]) =>
      run(async (tx) => {
        inTransaction++;
        try {
          return await work(tx);
        } finally {
          inTransaction--;
        }
      })) as typeof transactions.run);
    const passwords = app.get(PasswordService);
    const hash = passwords.hash.bind(passwords);
    const hashedInside: number[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    jest.spyOn(passwords, 'hash').mockImplementation(async (p: string) => {
      if (inTransaction > 0) hashedInside.push(1);
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      try {
        return await hash(p);
      } finally {
        concurrent--;
      }
    });

    const file = await sheetWithUnits(30, 'H');
    const importId = `import-${Date.now()}`;
    const seen: { phase: string; done: number; total: number }[] = [];
    const upload = app.http().post(`/api/admin/units-import.xlsx?importId=${importId}`).set('authorization', `Bearer ${w.users['a.admin']!.token}`).set('content-type', XLSX).send(file);
    let finished = false;
    const poll = (async () => {
      while (!finished) {
        const res = await app.http().get(`/api/admin/units-import/${importId}/progress`).set('authorization', `Bearer ${w.users['a.admin']!.token}`);
        if (res.status === 200) seen.push(res.body);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const res = await upload;
    finished = true;
    await poll;

    expect(res.status).toBe(200);
    expect(res.body.initialPasswords).toHaveLength(60);
    expect(res.body.initialPasswords[0]).toMatchObject({ row: 3, username: 'h000.filler' });
    expect(hashedInside).toEqual([]);
    expect(maxConcurrent).toBeGreaterThan(1);
    expect(maxConcurrent).toBeLessThanOrEqual(4);
    // Progress was visible while hashing, with counts that only grew, and ended DONE.
    const hashing = seen.filter((p) => p.phase === 'HASHING');
    expect(hashing.length).toBeGreaterThan(0);
    expect(hashing.every((p) => p.total === 60)).toBe(true);
    expect(hashing.map((p) => p.done)).toEqual([...hashing.map((p) => p.done)].sort((a, b) => a - b));
    const last = await app.http().get(`/api/admin/units-import/${importId}/progress`).set('authorization', `Bearer ${w.users['a.admin']!.token}`);
    expect(last.body.phase).toBe('DONE');
    // Another bureau's admin cannot read it.
    expect((await app.http().get(`/api/admin/units-import/${importId}/progress`).set('authorization', `Bearer ${w.users['b.admin']!.token}`)).status).toBe(404);
    expect(await app.dataSource.getRepository(UserEntity).countBy({ bureauId: w.bureaus.a, mustChangePassword: true })).toBeGreaterThanOrEqual(60);
  }, 120_000);

  it('keeps other writes flowing while a large import hashes', async () => {
    const file = await sheetWithUnits(40, 'K');
    const transactions = app.get(TransactionService);
    const upload = app.http().post('/api/admin/units-import.xlsx').set('authorization', `Bearer ${w.users['a.admin']!.token}`).set('content-type', XLSX).send(file);
    const started = Date.now();
    const writes: number[] = [];
    const pending = upload.then((r) => r);
    let done = false;
    void pending.then(() => (done = true));
    while (!done) {
      const t = Date.now();
      await transactions.run(async ({ manager }) => manager.query('SELECT 1'));
      writes.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 25));
    }
    const res = await pending;
    expect(res.status).toBe(200);
    const elapsed = Date.now() - started;
    const worst = Math.max(...writes);
    console.log(`80 accounts imported in ${elapsed} ms; ${writes.length} other writes, slowest ${worst} ms`);
    // The write lock is held only for the inserts, never for the hashing (which is most of the time).
    expect(worst).toBeLessThan(elapsed / 2);
  }, 120_000);
});
