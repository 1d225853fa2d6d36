import { SEED_2024_LUKOU_GSL } from '@zipin/shared';
import { TestApp } from '../support/test-app.js';
import { buildWorld, packageRow, type World } from '../support/factories.js';
import { cellWithText, download, readWorkbook, upload, writeWorkbook } from './excel-helpers.js';

const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }';

/** An Excel import takes a cell's number only when the cell says exactly that number. */
describe('Excel import of typed cells', () => {
  let app: TestApp;
  let w: World;
  let exported: Buffer;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
    const v = (await packageRow(app, w.packages.a1)).version;
    await app.ok(SAVE, { i: { packageId: w.packages.a1, baseVersion: v, document: SEED_2024_LUKOU_GSL } }, as('a1.filler'));
    exported = (await download(app, `/api/packages/${w.packages.a1}/export.xlsx`, as('a1.filler'))).body;
  });
  afterAll(() => app?.close());

  async function importWith(text: string) {
    const wb = await readWorkbook(exported);
    const ws = wb.getWorksheet('基础数据表')!;
    const row = Number(cellWithText(ws, '公用经费').row);
    ws.getCell(row, 6).value = text;
    const before = await packageRow(app, w.packages.a1);
    const res = await upload(app, `/api/packages/${w.packages.a1}/import.xlsx`, as('a1.filler'), await writeWorkbook(wb));
    const after = await packageRow(app, w.packages.a1);
    return { res, before, after, address: ws.getCell(row, 6).address };
  }

  it.each(['1O5.2', '15O', '1,2', '43.43元', '4 3'])('refuses 「%s」 in a money cell, naming the cell, and changes nothing', async (text) => {
    const { res, before, after, address } = await importWith(text);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain(`基础数据表!${address}`);
    expect(res.body.message).toContain(text);
    expect(after.version).toBe(before.version);
    expect(after.document).toEqual(before.document);
  });

  it.each([
    ['４３．４３', '43.43'],
    ['43.43万元', '43.43'],
    ['1,043.43', '1043.43'],
  ])('takes 「%s」 as %s (one meaning only)', async (text, value) => {
    const { res, after } = await importWith(text);
    expect(res.status).toBe(200);
    expect(after.document.basicData.publicFunds.total.currentFinal).toBe(value);
  });
});

describe('Excel import over a draft holding a kept typo', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  it('replaces the typo with the file’s number', async () => {
    const v = (await packageRow(app, w.packages.a1)).version;
    await app.ok(SAVE, { i: { packageId: w.packages.a1, baseVersion: v, document: SEED_2024_LUKOU_GSL } }, as('a1.filler'));
    const exported = (await download(app, `/api/packages/${w.packages.a1}/export.xlsx`, as('a1.filler'))).body;
    const typo = structuredClone(SEED_2024_LUKOU_GSL);
    typo.basicData.publicFunds.total.currentFinal = null;
    typo.invalidInputs = { 'basicData.publicFunds.total.currentFinal': '1O5.2' };
    const v2 = (await packageRow(app, w.packages.a1)).version;
    await app.ok(SAVE, { i: { packageId: w.packages.a1, baseVersion: v2, document: typo } }, as('a1.filler'));
    const res = await upload(app, `/api/packages/${w.packages.a1}/import.xlsx`, as('a1.filler'), exported);
    expect(res.status).toBe(200);
    const after = await packageRow(app, w.packages.a1);
    expect(after.document.invalidInputs).toBeUndefined();
    expect(after.document.basicData.publicFunds.total.currentFinal).toBe(SEED_2024_LUKOU_GSL.basicData.publicFunds.total.currentFinal);
  });
});
