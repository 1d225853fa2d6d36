import { SEED_2024_LUKOU_GSL, formatTarget, type PackageDocument } from '@zipin/shared';
import { CampaignEntity } from '../../src/modules/campaign/campaign.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, packageRow, type World } from '../support/factories.js';
import { XLSX, cellWithText, download, makeZip, readWorkbook, upload, writeWorkbook, zipBomb } from './excel-helpers.js';

const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }';
const CREATE = 'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id formSetId } }';
const fields = (fiscalYear: number) => ({
  fiscalYear,
  title: '关于开展绩效自评工作的通知',
  documentNumber: '1号',
  template: 'lukou-2024',
  submissionDeadline: '2027-05-31T10:00:00Z',
  publicationDeadline: '2027-06-30T01:00:00Z',
});

describe('Excel export and import of a unit’s forms', () => {
  let app: TestApp;
  let w: World;
  let exported: Buffer;
  const as = (key: string) => w.users[key]!.token;
  const exportUrl = (id: string) => `/api/packages/${id}/export.xlsx`;
  const importUrl = (id: string, q = '') => `/api/packages/${id}/import.xlsx${q}`;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
    const v = (await packageRow(app, w.packages.a1)).version;
    await app.ok(SAVE, { i: { packageId: w.packages.a1, baseVersion: v, document: SEED_2024_LUKOU_GSL } }, as('a1.filler'));
    const res = await download(app, exportUrl(w.packages.a1), as('a1.filler'));
    expect(res.status).toBe(200);
    exported = res.body;
  });
  afterAll(() => app?.close());

  it('exports the two official forms with a UTF-8 file name, merged cells, number formats and A4 print setup', async () => {
    const res = await download(app, exportUrl(w.packages.a1), as('a.reviewer'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(res.headers['content-disposition']!.split("UTF-8''")[1]!)).toBe('2024年度甲区工商业联合会绩效自评基础数据表及自评表.xlsx');
    const wb = await readWorkbook(res.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['基础数据表', '绩效自评表', '预算明细']);
    // The 预算明细 the report cites is not an official form: a hidden sheet, never printed.
    expect(wb.worksheets.map((s) => s.state)).toEqual(['visible', 'visible', 'hidden']);
    const basic = wb.getWorksheet('基础数据表')!;
    expect(basic.getCell('A1').value).toBe('2024年度部门（单位）整体支出绩效评价基础数据表');
    expect(basic.getCell('A2').value).toBe('单位名称：甲区工商业联合会');
    expect(basic.getCell('A1').isMerged).toBe(true);
    expect(basic.pageSetup.paperSize).toBe(9);
    expect(basic.pageSetup.orientation).toBe('portrait');
    expect(basic.pageSetup.fitToWidth).toBe(1);
    expect(basic.pageSetup.printArea).toMatch(/^A1:G\d+$/);
    const reception = cellWithText(basic, '3、公务接待');
    const budget = basic.getCell(Number(reception.row), 4);
    expect(budget.value).toBe(0.315);
    expect(budget.numFmt).toBe('0.000');
    expect(budget.border.top?.style).toBe('thin');
    expect(basic.getCell(4, 6).value).toBe(1.4); // 控制率 7 ÷ 5
    expect(basic.getCell(4, 6).numFmt).toBe('0.00%');
    const self = wb.getWorksheet('绩效自评表')!;
    expect(self.getCell('A1').value).toBe('2024年度部门（单位）整体支出绩效自评表');
    expect(self.getCell('D2').value).toBe('甲区工商业联合会');
    expect(self.getCell('H4').value).toBe(1);
    expect(self.getCell('H4').numFmt).toBe('0.00%');
    const total = cellWithText(self, '总分');
    expect(self.getCell(Number(total.row), 8).value).toBe(97);
  });

  it('round-trips the seed: imported into another unit’s empty draft, its tables equal the original', async () => {
    const before = await packageRow(app, w.packages.a2);
    const dry = await upload(app, importUrl(w.packages.a2, '?dryRun=true'), as('a2.filler'), exported);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, saved: false, version: before.version });
    expect((await packageRow(app, w.packages.a2)).version).toBe(before.version);

    const res = await upload(app, importUrl(w.packages.a2, `?baseVersion=${before.version}`), as('a2.filler'), exported);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, saved: true, version: before.version + 1 });
    expect(res.body.imported.length).toBeGreaterThan(60);
    // Computed cells are reported, never used: 控制率, the 三公 total, 执行率, 总分 …
    const ignored = res.body.ignored.map((i: { label: string }) => i.label);
    // Named by the layouts' field labels (the same names the form and the messages use).
    expect(ignored).toEqual(expect.arrayContaining(['财政供养人员情况 › 控制率', '三公经费 › 2024年决算数', '年度预算申请 › 年度资金总额 › 执行率', '总分']));
    expect(res.body.formulaPolicy).toContain('公式不会被计算');

    const after = await packageRow(app, w.packages.a2);
    const doc = after.document as PackageDocument;
    expect(doc.basicData).toEqual(SEED_2024_LUKOU_GSL.basicData);
    // Targets read back as the form printed them (formatTarget, the PDF's wording: "≥95%", "≤101.01万元").
    const printed = structuredClone(SEED_2024_LUKOU_GSL.selfEvaluation);
    for (const row of printed.indicators) if (row.target.raw !== undefined) row.target.raw = formatTarget(row.target);
    expect(doc.selfEvaluation).toEqual(printed);
    // The report and the explanations are not in the workbook: they stay as they were in the draft.
    expect(doc.report).toEqual((before.document as PackageDocument).report);
    expect(doc.explanations).toEqual((before.document as PackageDocument).explanations);
    expect(after.lastEditedById).toBe(w.users['a2.filler']!.id);
    expect(after.declaredTotal).toBe('97.00');
  });

  it('round-trips special funds, buildings, qualitative and "=" indicators, keeping ids so comments stay anchored', async () => {
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    doc.basicData.projects.specialFunds = [{ id: 'sf-7', name: '招商引资专项（2024）', previousFinal: null, currentBudget: '12.5', currentFinal: '12.4999' }];
    doc.basicData.buildings = [{ id: 'bld-1', name: '办公楼维修', approvedArea: '100', actualArea: '120.5', budgetInvestment: '50', actualInvestment: '48.25' }];
    doc.basicData.contact.phone = '0731-27615141';
    const qualitative = doc.selfEvaluation.indicators.find((r) => r.id === 'ind-6')!;
    qualitative.target = { operator: 'QUALITATIVE', value: null, unit: '', text: '促进“两个健康”发展，完成3项重点工作' };
    qualitative.actual = { value: null, unit: '', text: '部分政策尚未落地', band: 'PARTIAL' };
    const eq = doc.selfEvaluation.indicators.find((r) => r.id === 'ind-2')!;
    eq.target = { operator: 'EQ', value: '58', unit: '人' };
    eq.actual = { value: '58', unit: '人' };
    const v = (await packageRow(app, w.packages.a2)).version;
    await app.ok(SAVE, { i: { packageId: w.packages.a2, baseVersion: v, document: doc } }, as('a2.filler'));
    const file = (await download(app, exportUrl(w.packages.a2), as('a2.head'))).body;
    const res = await upload(app, importUrl(w.packages.b1), as('b1.filler'), file);
    expect(res.status).toBe(200);
    const got = (await packageRow(app, w.packages.b1)).document as PackageDocument;
    // What the form printed is kept as raw (the model's "as printed on an imported form"): the
    // workbook prints 年度指标值 as the PDF does (formatTarget: "≥95%", "≤101.01万元").
    const expected = structuredClone(doc);
    for (const row of expected.selfEvaluation.indicators) if (row.target.operator !== 'QUALITATIVE') row.target.raw = formatTarget(row.target);
    expected.selfEvaluation.indicators.find((r) => r.id === 'ind-2')!.target.raw = '=58人';
    expected.selfEvaluation.indicators.find((r) => r.id === 'ind-2')!.actual.raw = '58人';
    expect(got.basicData).toEqual(expected.basicData);
    expect(got.selfEvaluation).toEqual(expected.selfEvaluation);
  });

  it('finds cells by their labels, whatever the spacing, full-width characters or inserted rows', async () => {
    const wb = await readWorkbook(exported);
    const basic = wb.getWorksheet('基础数据表')!;
    cellWithText(basic, '公用经费').value = '公 用 经 费';
    cellWithText(basic, '3、公务接待').value = '３、公务接待：';
    basic.spliceRows(3, 0, ['（本表由区财政局统一下发）']);
    wb.getWorksheet('绩效自评表')!.name = ' 绩效自评表 ';
    const res = await upload(app, importUrl(w.packages.a1, '?dryRun=true'), as('a1.filler'), await writeWorkbook(wb));
    expect(res.status).toBe(200);
    expect(res.body.changedFields).toEqual([]);
    const row = Number(cellWithText(basic, '公用经费').row);
    expect(res.body.imported).toEqual(expect.arrayContaining([{ cell: `基础数据表!F${row}`, path: 'basicData.publicFunds.total.currentFinal', value: '43.43' }]));
  });

  it('refuses an import by anyone but the unit’s filler, and into a package that is not editable', async () => {
    expect((await upload(app, importUrl(w.packages.a1), as('a1.head'), exported)).status).toBe(403);
    expect((await upload(app, importUrl(w.packages.a1), as('a2.filler'), exported)).body.code).toBe('NOT_IN_SCOPE');
    expect((await upload(app, importUrl(w.packages.b1), as('a1.filler'), exported)).body.code).toBe('NOT_IN_SCOPE');
    const stale = await upload(app, importUrl(w.packages.a1, '?baseVersion=1'), as('a1.filler'), exported);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
  });

  describe('hostile files change nothing and say why', () => {
    async function rejected(body: Buffer): Promise<{ code: string; message: string; details?: any }> {
      const before = await packageRow(app, w.packages.a1);
      const res = await upload(app, importUrl(w.packages.a1), as('a1.filler'), body);
      const after = await packageRow(app, w.packages.a1);
      expect(res.status).toBe(400);
      expect(after.version).toBe(before.version);
      expect(after.document).toEqual(before.document);
      return res.body as { code: string; message: string; details?: any };
    }

    async function edited(edit: (wb: Awaited<ReturnType<typeof readWorkbook>>) => void): Promise<Buffer> {
      const wb = await readWorkbook(exported);
      edit(wb);
      return writeWorkbook(wb);
    }

    it('rejects a file that is not a zip at all', async () => {
      const e = await rejected(Buffer.from('这不是Excel文件 just text, not a workbook'));
      expect(e.code).toBe('FILE_REJECTED');
      expect(e.message).toContain('不是 Excel 工作簿');
    });

    it('rejects an old binary .xls with advice to save as .xlsx', async () => {
      const e = await rejected(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]));
      expect(e.code).toBe('FILE_REJECTED');
      expect(e.message).toContain('.xls');
    });

    it('rejects a zip that is not a workbook', async () => {
      const e = await rejected(makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]));
      expect(e.code).toBe('FILE_REJECTED');
      expect(e.message).toContain('xl/workbook.xml');
    });

    it('rejects a workbook without the two sheets, naming the sheets it has', async () => {
      const body = await edited((wb) => {
        wb.worksheets[0]!.name = 'Sheet1';
      });
      const e = await rejected(body);
      expect(e.code).toBe('FILE_REJECTED');
      expect(e.message).toContain('缺少工作表「基础数据表」');
      expect(e.message).toContain('Sheet1');
    });

    it('rejects text in a number cell, naming the cell', async () => {
      let address = '';
      const body = await edited((wb) => {
        const ws = wb.getWorksheet('基础数据表')!;
        const row = Number(cellWithText(ws, '公用经费').row);
        ws.getCell(row, 6).value = '四十三万';
        address = ws.getCell(row, 6).address;
      });
      const e = await rejected(body);
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.message).toContain(`基础数据表!${address}`);
      expect(e.message).toContain('四十三万');
      expect(e.details.issues).toEqual([expect.objectContaining({ cell: `基础数据表!${address}` })]);
    });

    it('rejects a formula in an input cell instead of evaluating it', async () => {
      const body = await edited((wb) => {
        const ws = wb.getWorksheet('绩效自评表')!;
        ws.getCell('F4').value = { formula: 'E4*1', result: 150.31 } as never;
      });
      const e = await rejected(body);
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.message).toContain('绩效自评表!F4');
      expect(e.message).toContain('公式');
    });

    it('refuses a 50 MB body before reading it', async () => {
      const e = await rejected(Buffer.alloc(50 * 1024 * 1024, 0x41));
      expect(e.code).toBe('FILE_REJECTED');
      expect(e.message).toContain('10 MB');
    });

    it('refuses a zip bomb from its central directory before inflating it', async () => {
      const bomb = zipBomb(101);
      expect(bomb.length).toBeLessThan(200_000);
      const e = await rejected(bomb);
      expect(e.code).toBe('FILE_REJECTED');
      expect(e.message).toContain('压缩炸弹');
    });

    it('stops a bomb that lies about its size after the declared bytes', async () => {
      const e = await rejected(zipBomb(101, { lieAboutSize: true }));
      expect(e.code).toBe('FILE_REJECTED');
      expect(e.message).toContain('解压后大于声明的大小');
    });
  });

  /** A notice chooses the official forms it prints (a form set); the workbook follows it. */
  describe('the campaign’s form set', () => {
    afterAll(() => app.dataSource.getRepository(CampaignEntity).update({ id: w.campaigns.a }, { formSetId: 'hunan' }));

    it('defaults to today’s Hunan forms and accepts only a known form set', async () => {
      const existing = await app.ok<{ campaign: { formSetId: string } }>('query($id: ID!) { campaign(id: $id) { formSetId } }', { id: w.campaigns.a }, as('a.admin'));
      expect(existing.campaign.formSetId).toBe('hunan');
      const created = await app.ok<{ createCampaign: { formSetId: string } }>(CREATE, { i: { ...fields(2026), formSetId: 'hunan-provincial' } }, as('a.admin'));
      expect(created.createCampaign.formSetId).toBe('hunan-provincial');
      const unknown = await app.gql(CREATE, { i: { ...fields(2027), formSetId: 'no-such-forms' } }, as('a.admin'));
      expect(unknown.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
      expect(unknown.errors?.[0]?.message).toContain('表样「no-such-forms」不存在');
    });

    it('refuses to change the forms of a notice already opened', async () => {
      const res = await app.gql('mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id } }', { id: w.campaigns.a, i: { formSetId: 'hunan-provincial' } }, as('a.admin'));
      expect(res.errors?.[0]?.message).toContain('表样不能再修改');
    });

    it('exports and reads back the workbook in the campaign’s variant (省级专项资金, 部门（单位）名称)', async () => {
      await app.dataSource.getRepository(CampaignEntity).update({ id: w.campaigns.a }, { formSetId: 'hunan-provincial' });
      const doc = structuredClone(SEED_2024_LUKOU_GSL);
      doc.basicData.projects.specialFunds = [{ id: 'sf-1', name: '招商引资专项', previousFinal: null, currentBudget: '12.5', currentFinal: '12.4999' }];
      const v = (await packageRow(app, w.packages.a1)).version;
      await app.ok(SAVE, { i: { packageId: w.packages.a1, baseVersion: v, document: doc } }, as('a1.filler'));
      const file = (await download(app, `/api/packages/${w.packages.a1}/export.xlsx`, as('a1.filler'))).body;
      const wb = await readWorkbook(file);
      expect(cellWithText(wb.getWorksheet('基础数据表')!, '3、省级专项资金（一个专项一行）')).toBeDefined();
      expect(wb.getWorksheet('绩效自评表')!.getCell('A2').value).toBe('部门（单位）名称');
      const res = await upload(app, `/api/packages/${w.packages.a1}/import.xlsx?dryRun=true`, as('a1.filler'), file);
      expect(res.status).toBe(200);
      expect(res.body.changedFields).toEqual([]);
      expect(res.body.imported).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'basicData.projects.specialFunds[sf-1].currentFinal', value: '12.4999' })]));
    });
  });
});
