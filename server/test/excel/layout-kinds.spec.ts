import ExcelJS from 'exceljs';
import { HUNAN_FORM_SET, LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, type FormLayout, type FormSet } from '@zipin/shared';
import { buildPackageWorkbook } from '../../src/modules/excel/package-export.js';
import { importPackageWorkbook } from '../../src/modules/excel/package-import.js';
import { packageHtml } from '../../src/modules/render/templates/package-document.js';
import { seedExportInput } from '../golden/seed-export.js';
import { seedRenderModel } from '../render/seed-model.js';

const L = (zh: string, en = zh) => ({ zh, en });

/**
 * A form printed once per item of a list (as the 项目支出绩效自评表 is once per project): a
 * fixture over the 专项 list. Its copies print, export to a sheet each and read back into
 * the item each sheet carries, with no code that knows the form.
 */
const PER_FUND: FormLayout = {
  id: 'fundSheet',
  name: L('专项资金情况表'),
  title: L('{year}年度专项资金情况表'),
  printed: true,
  sheetWidth: 100,
  fontSize: 9.5,
  className: 'fund-sheet',
  perItem: { list: 'basicData.projects.specialFunds', idPrefix: 'sf', itemLabel: L('专项「{name}」') },
  columns: [
    { key: 'a', width: 25 },
    { key: 'b', width: 25 },
    { key: 'c', width: 25 },
    { key: 'd', width: 25 },
  ],
  rows: [
    { kind: 'row', cells: [{ role: 'header', text: L('专项名称') }, { role: 'input', cols: 3, field: '$.name', format: 'text', align: 'left' }] },
    {
      kind: 'row',
      cells: [
        { role: 'header', text: L('{year}年预算数') },
        { role: 'input', field: '$.currentBudget', format: 'money4' },
        { role: 'header', text: L('{year}年决算数') },
        { role: 'input', field: '$.currentFinal', format: 'money4' },
      ],
    },
  ],
};
const SET: FormSet = { ...HUNAN_FORM_SET, id: 'per-fund', forms: [PER_FUND] };

function withFunds() {
  const doc = structuredClone(SEED_2024_LUKOU_GSL);
  doc.basicData.projects.specialFunds = [
    { id: 'sf-1', name: '招商引资专项', previousFinal: '1', currentBudget: '12.5', currentFinal: '12.4999' },
    { id: 'sf-2', name: '商会建设专项', previousFinal: '2', currentBudget: '4', currentFinal: '4' },
  ];
  return doc;
}

describe('a per-item form', () => {
  it('prints once per item', () => {
    const html = packageHtml(seedRenderModel({ document: withFunds(), formSet: SET }));
    expect(html.match(/2024年度专项资金情况表/g)).toHaveLength(2);
    expect(html).toContain('招商引资专项');
    expect(html).toContain('商会建设专项');
  });

  it('exports a sheet per item and reads each back into its item', async () => {
    const doc = withFunds();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildPackageWorkbook({ ...seedExportInput(), document: doc, formSet: SET }).xlsx.writeBuffer()) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['专项资金情况表（1）', '专项资金情况表（2）']);
    const second = wb.getWorksheet('专项资金情况表（2）')!;
    expect(second.getCell('B2').value).toBe('商会建设专项');
    second.getCell('D3').value = 3.5;
    const result = importPackageWorkbook(wb, doc, { template: LUKOU_2024_TEMPLATE, context: seedExportInput().context, formSet: SET });
    const expected = withFunds();
    expected.basicData.projects.specialFunds[1]!.currentFinal = '3.5';
    // previousFinal is on no sheet: it keeps the draft's value.
    expect(result.document.basicData.projects.specialFunds).toEqual(expected.basicData.projects.specialFunds);
    expect(result.imported).toEqual(expect.arrayContaining([{ cell: '专项资金情况表（2）!D3', path: 'basicData.projects.specialFunds[sf-2].currentFinal', value: '3.5' }]));
  });
});

/** Cells the workflow fills (a cover's 报告日期, an opinion box): printed, exported, never imported. */
describe('filled cells', () => {
  const COVER: FormLayout = {
    id: 'coverFixture',
    name: L('封面'),
    title: L('{year}年度部门整体支出绩效自评材料'),
    printed: true,
    sheetWidth: 100,
    fontSize: 12,
    className: 'cover-fixture',
    columns: [
      { key: 'a', width: 30 },
      { key: 'b', width: 70 },
    ],
    rows: [
      { kind: 'row', cells: [{ role: 'header', text: L('报告日期') }, { role: 'filled', fill: 'reportDate', align: 'left' }] },
      { kind: 'row', minHeight: 80, cells: [{ role: 'header', text: L('单位负责人意见') }, { role: 'filled', fill: 'unitHeadOpinion', align: 'left' }] },
      { kind: 'row', cells: [{ role: 'header', text: L('财政部门审核意见') }, { role: 'filled', fill: 'bureauOpinion', align: 'left' }] },
    ],
  };
  const SET: FormSet = { ...HUNAN_FORM_SET, id: 'cover-fixture', forms: [COVER] };
  const filled = { reportDate: '2025年5月20日', unitHeadOpinion: '同意报送。单位负责人（演示） 2025.5.20', bureauOpinion: null };

  it('prints the workflow’s values and leaves an unfilled box empty', () => {
    const html = packageHtml(seedRenderModel({ formSet: SET, filled }));
    expect(html).toContain('2025年5月20日');
    expect(html).toContain('同意报送。单位负责人（演示） 2025.5.20');
    expect(html).toMatch(/财政部门审核意见<\/th><td class="text"><\/td>/);
  });

  it('exports them and reports them as the workflow’s when a workbook comes back', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildPackageWorkbook({ ...seedExportInput(), formSet: SET, filled }).xlsx.writeBuffer()) as ArrayBuffer);
    const ws = wb.getWorksheet('封面')!;
    expect(ws.getCell('B2').value).toBe('2025年5月20日');
    ws.getCell('B4').value = '通过';
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    const result = importPackageWorkbook(wb, doc, { template: LUKOU_2024_TEMPLATE, context: seedExportInput().context, formSet: SET });
    expect(result.document).toEqual(doc);
    expect(result.ignored).toEqual(expect.arrayContaining([expect.objectContaining({ cell: '封面!B4', value: '通过', reason: expect.stringContaining('审批流程') })]));
  });
});
