import { PasswordService } from '../../src/modules/auth/password.service.js';
import { UnitEntity } from '../../src/modules/org/unit.entity.js';
import { UserEntity } from '../../src/modules/org/user.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, type World } from '../support/factories.js';
import { download, readWorkbook, upload, writeWorkbook } from './excel-helpers.js';

describe('units and accounts from a spreadsheet', () => {
  let app: TestApp;
  let w: World;
  let template: Buffer;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
    const res = await download(app, '/api/admin/units-template.xlsx', as('a.admin'));
    expect(res.status).toBe(200);
    template = res.body;
  });
  afterAll(() => app?.close());

  async function filled(rows: string[][]): Promise<Buffer> {
    const wb = await readWorkbook(template);
    const ws = wb.worksheets[0]!;
    ws.spliceRows(3, 1);
    rows.forEach((r, i) => r.forEach((v, c) => (ws.getCell(3 + i, c + 1).value = v || null)));
    return writeWorkbook(wb);
  }

  it('offers a template with the agreed columns, to admins only', async () => {
    const ws = (await readWorkbook(template)).worksheets[0]!;
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['单位编码', '单位名称', '单位类别', '填表人账号', '填表人姓名', '填表人电话', '单位负责人账号', '单位负责人姓名', '单位负责人电话']);
    expect((await download(app, '/api/admin/units-template.xlsx', as('a.reviewer'))).status).toBe(403);
  });

  it('shows what would change in a dry run, refuses the file while it has conflicts, then applies it in one go', async () => {
    const taken = w.users['b1.filler']!.username;
    const withConflict = await filled([
      ['003', '甲区统计局', '行政单位', 'tj.filler', '统计局填表人', '0731-1', 'tj.head', '统计局负责人', ''],
      ['002', '甲区教育局（含教研室）', '', '', '', '', '', '', ''],
      ['001', '甲区工商业联合会', '群团组织', w.users['a1.filler']!.username, '', '', taken, '', ''],
      ['003', '重复编码', '', '', '', '', '', '', ''],
    ]);
    const dry = await upload(app, '/api/admin/units-import.xlsx?dryRun=true', as('a.admin'), withConflict);
    expect(dry.status).toBe(200);
    expect(dry.body.newUnits.map((u: { code: string }) => u.code)).toEqual(['003']);
    expect(dry.body.renamedUnits).toEqual([expect.objectContaining({ code: '002', name: '甲区教育局（含教研室）', previousName: '甲区教育局' })]);
    expect(dry.body.newUsers.map((u: { username: string }) => u.username)).toEqual(['tj.filler', 'tj.head']);
    expect(dry.body.existingUsers.map((u: { username: string }) => u.username)).toEqual([w.users['a1.filler']!.username]);
    expect(dry.body.conflicts.map((c: { cell: string }) => c.cell)).toEqual(['G5', 'A6']);
    expect(dry.body.initialPasswords).toBeUndefined();

    const refused = await upload(app, '/api/admin/units-import.xlsx', as('a.admin'), withConflict);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.message).toContain(`账号「${taken}」不可用，请换一个账号名`);
    expect(await app.dataSource.getRepository(UnitEntity).countBy({ bureauId: w.bureaus.a, code: '003' })).toBe(0);

    const clean = await filled([
      ['003', '甲区统计局', '行政单位', 'tj.filler', '统计局填表人', '0731-1', 'tj.head', '统计局负责人', ''],
      ['002', '甲区教育局（含教研室）', '', '', '', '', '', '', ''],
    ]);
    const applied = await upload(app, '/api/admin/units-import.xlsx', as('a.admin'), clean);
    expect(applied.status).toBe(200);
    expect(applied.body.dryRun).toBe(false);
    expect(applied.body.initialPasswords.map((p: { username: string }) => p.username)).toEqual(['tj.filler', 'tj.head']);
    const units = await app.dataSource.getRepository(UnitEntity).findBy({ bureauId: w.bureaus.a });
    expect(units.find((u) => u.code === '002')!.name).toBe('甲区教育局（含教研室）');
    const filler = await app.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'tj.filler' });
    expect(filler).toMatchObject({ role: 'FILLER', unitId: units.find((u) => u.code === '003')!.id, displayName: '统计局填表人', phone: '0731-1' });
    const password = applied.body.initialPasswords[0].password as string;
    expect(filler.passwordHash).not.toContain(password);
    expect(await app.login('tj.filler', password)).toBeTruthy();
    expect(app.get(PasswordService).problem(password)).toBeNull();
  });

  it('answers a username held in another bureau exactly as one held elsewhere in this bureau, naming neither holder', async () => {
    const elsewhere = w.users['b1.filler']!;
    const ownBureau = w.users['a2.head']!;
    const file = await filled([['001', '甲区工商业联合会', '', elsewhere.username, '', '', ownBureau.username, '', '']]);
    const dry = await upload(app, '/api/admin/units-import.xlsx?dryRun=true', as('a.admin'), file);
    const messages = dry.body.conflicts.map((c: { messageZh: string }) => c.messageZh) as string[];
    expect(messages).toEqual([`第3行：账号「${elsewhere.username}」不可用，请换一个账号名`, `第3行：账号「${ownBureau.username}」不可用，请换一个账号名`]);
    const holders = await app.dataSource.getRepository(UserEntity).findBy([{ username: elsewhere.username }, { username: ownBureau.username }]);
    const units = await app.dataSource.getRepository(UnitEntity).findBy(holders.map((h) => ({ id: h.unitId! })));
    const revealing = [...holders.map((h) => h.displayName), ...units.map((u) => u.name), '财政局', '填表人', '负责人', w.bureaus.b];
    for (const m of messages) for (const word of revealing) expect(m).not.toContain(word);
    const refused = await upload(app, '/api/admin/units-import.xlsx', as('a.admin'), file);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.message).not.toContain(w.bureaus.b);
  });
});
