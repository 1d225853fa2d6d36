import { SEED_2024_LUKOU_GSL, type PackageDocument } from '@zipin/shared';
import { TestApp } from '../support/test-app.js';
import { buildWorld, packageRow, type World } from '../support/factories.js';
import { cellWithText, download, readWorkbook, upload, writeWorkbook } from './excel-helpers.js';

const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }';

describe('deadline (时限) and qualitative rows in Excel', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  it('prints a month deadline as "9月前" and a date as written, and reads both back as "by" rows', async () => {
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    const month = doc.selfEvaluation.indicators.find((r) => r.id === 'ind-5')!;
    month.target = { operator: 'BY', value: '9', unit: '月' };
    month.actual = { value: '7', unit: '月' };
    const date = doc.selfEvaluation.indicators.find((r) => r.id === 'ind-4')!;
    date.target = { operator: 'BY', value: null, unit: '', text: '2024年9月30日前' };
    date.actual = { value: null, unit: '', text: '2024年10月8日' };
    const v = (await packageRow(app, w.packages.a1)).version;
    await app.ok(SAVE, { i: { packageId: w.packages.a1, baseVersion: v, document: doc } }, as('a1.filler'));
    const file = (await download(app, `/api/packages/${w.packages.a1}/export.xlsx`, as('a1.filler'))).body;
    const self = (await readWorkbook(file)).getWorksheet('绩效自评表')!;
    const at = cellWithText(self, '9月前');
    expect(self.getCell(Number(at.row), Number(at.col) + 1).value).toBe('7月');
    expect(cellWithText(self, '2024年9月30日前')).toBeDefined();

    const res = await upload(app, `/api/packages/${w.packages.b1}/import.xlsx`, as('b1.filler'), file);
    expect(res.status).toBe(200);
    const got = (await packageRow(app, w.packages.b1)).document as PackageDocument;
    expect(got.selfEvaluation.indicators.find((r) => r.id === 'ind-5')).toMatchObject({
      target: { operator: 'BY', value: '9', unit: '月', raw: '9月前' },
      actual: { value: '7', unit: '月', raw: '7月' },
    });
    expect(got.selfEvaluation.indicators.find((r) => r.id === 'ind-4')).toMatchObject({
      target: { operator: 'BY', value: null, text: '2024年9月30日前' },
      actual: { value: null, text: '2024年10月8日' },
    });
  });

  it('reads a qualitative actual written as the notice’s fixed phrase as its band', async () => {
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    const q = doc.selfEvaluation.indicators.find((r) => r.id === 'ind-6')!;
    q.target = { operator: 'QUALITATIVE', value: null, unit: '', text: '有效促进' };
    q.actual = { value: null, unit: '', band: 'PARTIAL' };
    const v = (await packageRow(app, w.packages.a2)).version;
    await app.ok(SAVE, { i: { packageId: w.packages.a2, baseVersion: v, document: doc } }, as('a2.filler'));
    const file = (await download(app, `/api/packages/${w.packages.a2}/export.xlsx`, as('a2.filler'))).body;
    const wb = await readWorkbook(file);
    const self = wb.getWorksheet('绩效自评表')!;
    const at = cellWithText(self, '部分达成');
    at.value = '部分达成年度指标并具有一定效果';
    const edited = await writeWorkbook(wb);
    const res = await upload(app, `/api/packages/${w.packages.b1}/import.xlsx`, as('b1.filler'), edited);
    expect(res.status).toBe(200);
    const got = (await packageRow(app, w.packages.b1)).document as PackageDocument;
    const actual = got.selfEvaluation.indicators.find((r) => r.id === 'ind-6')!.actual;
    expect(actual).toMatchObject({ value: null, band: 'PARTIAL' });
    expect(actual.text ?? '').toBe('');
  });
});
