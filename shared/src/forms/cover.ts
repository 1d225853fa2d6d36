/**
 * 封面 (cover page) of the package. It shows nothing the unit types: every value is a filled
 * cell supplied by the workflow (package/cover.ts coverFilled: unit, 预算编码, year, method,
 * report date, and each opinion box's opinion, signer and date). A level that has not given
 * its opinion yet prints an empty box. Printed only (no sheet, no screen form).
 */
import { OPINION_LEVELS, OPINION_LEVEL_LABELS } from '../package/cover.js';
import type { CellSpec, FormLayout, Label, StaticRow } from './types.js';
import { L } from './words.js';

const field = (text: Label, fill: string): StaticRow => ({
  kind: 'row',
  id: fill,
  minHeight: 34,
  cells: [
    { role: 'header', text, align: 'center' },
    { role: 'filled', cols: 3, fill, format: 'text', align: 'left' },
  ],
});

/** One box per level that gives an opinion, in print order. */
const opinionRow = (level: (typeof OPINION_LEVELS)[number]): StaticRow => {
  const cells: CellSpec[] = [
    { role: 'header', text: OPINION_LEVEL_LABELS[level].title, align: 'center' },
    { role: 'filled', fill: `opinion.${level}.opinion`, format: 'longText', align: 'left' },
    { role: 'filled', fill: `opinion.${level}.signerName`, format: 'text', prefix: L('签字', 'signed'), align: 'left' },
    { role: 'filled', fill: `opinion.${level}.date`, format: 'text', prefix: L('日期', 'date'), align: 'left' },
  ];
  // The 主管部门's box belongs only to packages that pass through one (coverFilled names it then).
  const only = level === 'SUPERVISOR' ? { onlyWithFilled: `opinion.${level}.opinion` } : {};
  return { kind: 'row', id: `opinion-${level}`, className: 'opinion', cells, ...only };
};

export const COVER_LAYOUT: FormLayout = {
  id: 'cover',
  name: L('封面', 'Cover'),
  title: L('{year}年度部门（单位）整体支出绩效自评材料', 'Self-evaluation of the unit’s overall spending, {yearEn}'),
  printed: true,
  media: ['print'],
  sheetWidth: 100,
  fontSize: 14,
  className: 'cover',
  columns: [
    { key: 'label', width: 24 },
    { key: 'opinion', width: 28 },
    { key: 'signer', width: 24 },
    { key: 'date', width: 24 },
  ],
  rows: [
    field(L('单位名称', 'Unit'), 'unitName'),
    field(L('预算编码', 'Budget code'), 'budgetCode'),
    field(L('评价年度', 'Fiscal year'), 'fiscalYear'),
    field(L('评价方式', 'Method'), 'evaluationMethod'),
    field(L('报告日期', 'Report date'), 'reportDate'),
    ...OPINION_LEVELS.map(opinionRow),
  ],
};
