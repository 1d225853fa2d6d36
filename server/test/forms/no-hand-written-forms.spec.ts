import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORM_SETS, LEVEL1_LABELS, LEVEL2_LABELS, formOnMedium, type CellSpec, type FormLayout, type Label, type Medium } from '@zipin/shared';

/**
 * The official forms are data (shared/src/forms): no row list or field label of a form may be
 * written out again in the renderers or the Excel code, or the copies would drift apart.
 */
const here = dirname(fileURLToPath(import.meta.url));
/** Each folder with the medium it draws: the Excel code is checked against the forms a workbook carries (the 封面 is printed only). */
const FOLDERS: [string, Medium][] = [
  ['../../src/modules/render', 'print'],
  ['../../src/modules/excel', 'sheet'],
];

/** Labels that were hand-written before the forms became data. */
const OLD_LABELS = ['公车运行维护', '纳入专户管理的非税收入拨款', '偏差原因分析及改进措施', '年度资金总额', '按收入性质分', '楼堂馆所控制情况', '厉行节约保障措施', '财政供养人员情况', '本级专项资金', '行编号', '比较方式', '附：预算明细', '年初预算（按功能分类）', '工资福利支出'];

/** Every fixed text of every layout, cut at campaign words and line breaks; fragments of 4+ characters. */
function layoutTexts(layout: FormLayout): string[] {
  const labels: (Label | undefined)[] = [layout.title, ...(layout.notes ?? []), ...(layout.footer ?? []).map((f) => f.label), layout.sheetSubtitle];
  const cell = (c: CellSpec) => labels.push(c.text, c.name, c.prefix);
  for (const row of layout.rows) {
    if (row.kind === 'row') {
      row.cells.forEach(cell);
      labels.push(row.name, row.parent);
      continue;
    }
    [...row.cells, ...row.empty].forEach(cell);
    labels.push(row.itemLabel, row.addLabel, ...(row.helpers ?? []).map((h) => h.header));
    if (row.kind === 'indicators') labels.push(row.level1Text);
    else labels.push(row.parent);
  }
  return labels
    .filter((l): l is Label => !!l)
    .flatMap((l) => l.zh.split(/\{\w+\}|\n/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 4 && /[\u4e00-\u9fff]/.test(s));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('official forms written once', () => {
  const textsOn = (medium?: Medium) => [
    ...new Set([
      ...OLD_LABELS,
      ...Object.values(FORM_SETS).flatMap((s) => s.forms.filter((f) => !medium || formOnMedium(f, medium)).flatMap(layoutTexts)),
      ...[...Object.values(LEVEL1_LABELS), ...Object.values(LEVEL2_LABELS)].map((l) => l.zh),
    ]),
  ];
  const texts = textsOn();

  it('collects the layouts’ texts', () => {
    expect(texts.length).toBeGreaterThan(60);
    expect(texts).toEqual(expect.arrayContaining(['公车运行维护', '纳入专户管理的非税收入拨款', '偏差原因分析及改进措施', '服务对象满意度指标']));
  });

  it('collects the 封面 and the 项目支出绩效自评表 too', () => {
    expect(texts).toEqual(expect.arrayContaining(['单位负责人意见', '财政部门审核意见', '年度项目支出绩效自评表']));
  });

  it.each(FOLDERS.map(([f, medium]) => [relative(here, join(here, f)).replace(/^(\.\.\/)+/, ''), join(here, f), medium] as const))('finds no form label written out in %s', (_name, folder, medium) => {
    const texts = textsOn(medium);
    const found: string[] = [];
    for (const file of files(folder)) {
      // Comments may name a form's fields to say why; code and strings may not.
      const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
      for (const t of texts) if (source.includes(t)) found.push(`${relative(folder, file)}: ${t}`);
    }
    expect(found).toEqual([]);
  });
});
