import { SEED_2024_LUKOU_GSL, addTwoProjects, diffDocuments, formatTarget, type PackageDocument } from '@zipin/shared';
import { TestApp } from '../support/test-app.js';
import { buildWorld, packageRow, type World } from '../support/factories.js';
import { cellWithText, download, readWorkbook, upload, writeWorkbook } from './excel-helpers.js';

const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }';
const exportUrl = (id: string) => `/api/packages/${id}/export.xlsx`;
const importUrl = (id: string, q = '') => `/api/packages/${id}/import.xlsx${q}`;

/** Targets read back as the form prints them (the workbook's wording). */
function asPrinted(doc: PackageDocument): PackageDocument {
  const out = structuredClone(doc);
  for (const t of out.projectEvaluations ?? []) for (const r of t.indicators) if (r.target.raw !== undefined) r.target.raw = formatTarget(r.target);
  return out;
}

describe('the 项目支出绩效自评表 in the workbook', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  it('writes a sheet per project table and reads an edited one back into that table', async () => {
    const doc = addTwoProjects(structuredClone(SEED_2024_LUKOU_GSL));
    await app.ok(SAVE, { i: { packageId: w.packages.a1, baseVersion: 1, document: doc } }, as('a1.filler'));
    const res = await download(app, exportUrl(w.packages.a1), as('a1.filler'));
    expect(res.status).toBe(200);
    const wb = await readWorkbook(res.body);
    expect(wb.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['基础数据表', '绩效自评表', '项目支出绩效自评表（1）', '项目支出绩效自评表（2）']));
    const p1 = wb.getWorksheet('项目支出绩效自评表（1）')!;
    const p2 = wb.getWorksheet('项目支出绩效自评表（2）')!;
    expect(p1.getCell(Number(cellWithText(p1, '项目名称').row), 4).value).toBe('招商引资专项');
    expect(p2.getCell(Number(cellWithText(p2, '上年结转资金').row), 4).value).toBe(2);
    // Printed as the form: the indicator ids stay outside the print area.
    expect(p1.pageSetup.printArea).toMatch(/^A1:I\d+$/);

    // Unchanged, the workbook reads back to the same tables.
    const same = await upload(app, importUrl(w.packages.a1, '?dryRun=true'), as('a1.filler'), res.body);
    expect(same.status).toBe(200);
    expect(same.body.changedFields).toEqual([]);
    const before = (await packageRow(app, w.packages.a1)).document as PackageDocument;

    // The filler corrects 引进项目数 and its score in the first table, and 主管部门 in the second.
    const ind3 = cellWithText(p1, '引进项目数');
    const row = Number(ind3.row);
    p1.getCell(row, 6).value = '3个';
    p1.getCell(row, 8).value = 20;
    p2.getCell(Number(cellWithText(p2, '主管部门').row), 4).value = '株洲市渌口区委统战部';
    const edited = await writeWorkbook(wb);
    const up = await upload(app, importUrl(w.packages.a1, `?baseVersion=${(await packageRow(app, w.packages.a1)).version}`), as('a1.filler'), edited);
    expect([up.status, up.body.saved]).toEqual([200, true]);
    const after = (await packageRow(app, w.packages.a1)).document as PackageDocument;
    const changes = diffDocuments(asPrinted(before), after).filter((c) => c.path.startsWith('projectEvaluations'));
    expect(changes.map((c) => [c.path, c.after])).toEqual([
      ['projectEvaluations[pe-1].indicators[ind-3].actual.raw', '3个'],
      ['projectEvaluations[pe-1].indicators[ind-3].actual.value', '3'],
      ['projectEvaluations[pe-1].indicators[ind-3].score', '20'],
      ['projectEvaluations[pe-2].department', '株洲市渌口区委统战部'],
    ]);
  });
});
