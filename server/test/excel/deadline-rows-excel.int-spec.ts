import { SEED_2024_LUKOU_GSL, type PackageDocument } from '@zipin/shared';
import { TestApp } from '../support/test-app.js';
import { buildWorld, packageRow, type World } from '../support/factories.js';
import { cellWithText, download, readWorkbook, upload } from './excel-helpers.js';

const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }';

describe('deadline (时限) rows in Excel', () => {
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
});
