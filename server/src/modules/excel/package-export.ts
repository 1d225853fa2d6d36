import type ExcelJS from 'exceljs';
import {
  BAND_LABELS,
  LEVEL1,
  LEVEL1_LABELS,
  LEVEL2_BY_LEVEL1,
  LEVEL2_LABELS,
  OPERATOR_SYMBOLS,
  deadlineText,
  computeFigures,
  formLabels,
  levelWeight,
  trimDecimal,
  type CampaignContext,
  type EvaluationTemplate,
  type IndicatorRow,
  type PackageDocument,
} from '@zipin/shared';
import {
  BASIC_COLS,
  BASIC_ID_COL,
  ECONOMIC_BLOCK,
  ECONOMIC_LABELS,
  EXPENDITURE_LABELS,
  FUNCTION_BLOCK,
  INCOME_LABELS,
  INDICATOR_HEADERS,
  MONEY_COL_STARTS,
  MONEY_COLUMN_KEYS,
  MONEY_ROWS,
  NOTE_TEXT,
  OPERATOR_WORDS,
  SELF_COLS,
  SELF_ID_COL,
  SELF_OPERATOR_COL,
  SHEET_BASIC,
  SHEET_SELF,
  SUPPLEMENT_TITLE,
  moneyRowOf,
} from './package-layout.js';
import { colLetter, moneyFormat, newWorkbook, pageSetup, put, putMoney, putPercent } from './xlsx-style.js';

export interface PackageExportInput {
  document: PackageDocument;
  template: EvaluationTemplate;
  context: CampaignContext;
  /** 填报日期 and 单位负责人签字 come from the workflow, never from the document. */
  filledOn: string | null;
  signerName: string | null;
}

const GREY = 'FF808080';
const HEAD_FILL = 'FFF2F2F2';

/** What the 年度指标值 cell shows: the form as printed when imported, else operator, number, unit. */
export function targetText(r: IndicatorRow): string {
  if (r.target.operator === 'QUALITATIVE') return r.target.text ?? '';
  if (r.target.raw !== undefined) return r.target.raw;
  if (r.target.operator === 'BY') return deadlineText(r) || (r.target.text ?? '');
  if (r.target.value === null) return '';
  return `${OPERATOR_SYMBOLS[r.target.operator]}${trimDecimal(r.target.value)}${r.target.unit}`;
}

export function actualText(r: IndicatorRow): string {
  if (r.target.operator === 'QUALITATIVE') {
    const band = r.actual.band ? BAND_LABELS[r.actual.band].zh : '';
    const text = r.actual.text ?? '';
    return band && text ? `${band}：${text}` : band || text;
  }
  if (r.actual.raw !== undefined) return r.actual.raw;
  if (r.actual.value === null) return r.target.operator === 'BY' ? (r.actual.text ?? '') : '';
  return `${trimDecimal(r.actual.value)}${r.actual.unit || r.target.unit}`;
}

function footer(ws: ExcelJS.Worksheet, row: number, cols: number, contact: PackageDocument['basicData']['contact'], input: PackageExportInput): void {
  const parts = [
    `填表人：${contact.fillerName ?? ''}`,
    `填报日期：${input.filledOn ?? ''}`,
    `联系电话：${contact.phone ?? ''}`,
    `单位负责人签字：${input.signerName ?? ''}`,
  ];
  // Four cells spread over the width; each is "label：value" so a person can type after the colon.
  const spans = cols === 7 ? [[1, 1], [2, 3], [4, 5], [6, 7]] : [[1, 3], [4, 5], [6, 7], [8, 9]];
  parts.forEach((text, i) => {
    const [a, b] = spans[i]!;
    put(ws, `${colLetter(a!)}${row}:${colLetter(b!)}${row}`, text, { border: false, align: 'left' });
  });
}

function basicSheet(wb: ExcelJS.Workbook, input: PackageExportInput, figures: ReturnType<typeof computeFigures>): void {
  const { document: doc, context } = input;
  const labels = formLabels(context);
  const bd = doc.basicData;
  const ws = wb.addWorksheet(SHEET_BASIC, { views: [{ showGridLines: false }] });
  ws.columns = [{ width: 34 }, ...Array.from({ length: 6 }, () => ({ width: 10 })), { width: 3 }, { width: 12 }];
  const L = (c: number) => colLetter(c);
  const triple = (_row: number, values: (c: number) => void) => MONEY_COL_STARTS.forEach((c) => values(c));

  put(ws, 'A1:G1', labels.basicDataTitle, { bold: true, size: 16, border: false });
  ws.getRow(1).height = 30;
  put(ws, 'A2:G2', `单位名称：${context.unitName ?? ''}`, { border: false, align: 'left' });
  let r = 3;
  put(ws, `A${r}:A${r + 1}`, '财政供养人员情况（人）', { bold: true, fill: HEAD_FILL });
  put(ws, `B${r}:C${r}`, '编制数', { bold: true, fill: HEAD_FILL });
  put(ws, `D${r}:E${r}`, labels.staffingActualHeader!, { bold: true, fill: HEAD_FILL });
  put(ws, `F${r}:G${r}`, '控制率', { bold: true, fill: HEAD_FILL });
  r++;
  put(ws, `B${r}:C${r}`, bd.staffing.authorized, {}, '0');
  put(ws, `D${r}:E${r}`, bd.staffing.actual, {}, '0');
  putPercent(ws, `F${r}:G${r}`, figures.staffing.controlRate);
  r++;
  put(ws, `A${r}`, '经费控制情况（万元）', { bold: true, fill: HEAD_FILL });
  [labels.previousFinalHeader!, labels.currentBudgetHeader!, labels.currentFinalHeader!].forEach((h, i) => {
    const c = MONEY_COL_STARTS[i]!;
    put(ws, `${L(c)}${r}:${L(c + 1)}${r}`, h, { bold: true, fill: HEAD_FILL });
  });
  put(ws, `${L(BASIC_ID_COL)}${r}`, INDICATOR_HEADERS.id, { border: false, color: GREY, size: 9 });
  r++;
  for (const spec of MONEY_ROWS) {
    put(ws, `A${r}`, spec.label, { align: 'left' });
    const values = spec.computed ? spec.computed(figures) : moneyRowOf(doc, spec);
    triple(r, (c) => putMoney(ws, `${L(c)}${r}:${L(c + 1)}${r}`, values[MONEY_COLUMN_KEYS[MONEY_COL_STARTS.indexOf(c as 2 | 4 | 6)]!]));
    r++;
    if (spec.listAfter) {
      const funds = bd.projects.specialFunds;
      if (!funds.length) {
        put(ws, `A${r}`, '    ……', { align: 'left' });
        triple(r, (c) => put(ws, `${L(c)}${r}:${L(c + 1)}${r}`, null));
        r++;
      }
      for (const f of funds) {
        put(ws, `A${r}`, `      ${f.name}`, { align: 'left' });
        triple(r, (c) => putMoney(ws, `${L(c)}${r}:${L(c + 1)}${r}`, f[MONEY_COLUMN_KEYS[MONEY_COL_STARTS.indexOf(c as 2 | 4 | 6)]!]));
        put(ws, `${L(BASIC_ID_COL)}${r}`, f.id, { border: false, color: GREY, size: 9 });
        r++;
      }
    }
  }
  const bHeaders = ['批复规模（㎡）', '实际规模（㎡）', '规模控制率', '预算投资（万元）', '实际投资（万元）', '投资概算控制率'];
  put(ws, `A${r}`, labels.buildingsHeader!, { bold: true, fill: HEAD_FILL });
  bHeaders.forEach((h, i) => put(ws, `${L(2 + i)}${r}`, h, { bold: true, fill: HEAD_FILL }));
  ws.getRow(r).height = 30;
  r++;
  const buildings = bd.buildings.length ? bd.buildings : [null];
  buildings.forEach((b, i) => {
    const f = b ? figures.buildings[i] : null;
    put(ws, `A${r}`, b?.name ?? null, { align: 'left' });
    put(ws, `B${r}`, b?.approvedArea != null ? Number(b.approvedArea) : null, {}, b?.approvedArea ? moneyFormat(b.approvedArea) : undefined);
    put(ws, `C${r}`, b?.actualArea != null ? Number(b.actualArea) : null, {}, b?.actualArea ? moneyFormat(b.actualArea) : undefined);
    putPercent(ws, `D${r}`, f?.areaControlRate ?? null);
    putMoney(ws, `E${r}`, b?.budgetInvestment ?? null);
    putMoney(ws, `F${r}`, b?.actualInvestment ?? null);
    putPercent(ws, `G${r}`, f?.investmentControlRate ?? null);
    if (b) put(ws, `${L(BASIC_ID_COL)}${r}`, b.id, { border: false, color: GREY, size: 9 });
    r++;
  });
  put(ws, `A${r}`, '厉行节约保障措施', { bold: true, fill: HEAD_FILL });
  put(ws, `B${r}:G${r}`, bd.austerityMeasures, { align: 'left' });
  ws.getRow(r).height = Math.min(400, Math.max(30, Math.ceil(bd.austerityMeasures.length / 36) * 15));
  r++;
  put(ws, `A${r}:G${r}`, NOTE_TEXT, { border: false, align: 'left', size: 9 });
  ws.getRow(r).height = 28;
  r++;
  footer(ws, r, BASIC_COLS, bd.contact, input);
  pageSetup(ws, `A1:G${r}`);
}

function selfSheet(wb: ExcelJS.Workbook, input: PackageExportInput, figures: ReturnType<typeof computeFigures>): void {
  const { document: doc, context, template } = input;
  const labels = formLabels(context);
  const se = doc.selfEvaluation;
  const b = se.budget;
  const ws = wb.addWorksheet(SHEET_SELF, { views: [{ showGridLines: false }] });
  ws.columns = [
    { width: 6 },
    { width: 10 },
    { width: 11 },
    { width: 22 },
    { width: 12 },
    { width: 12 },
    { width: 7 },
    { width: 7 },
    { width: 26 },
    { width: 3 },
    { width: 12 },
    { width: 10 },
  ];
  put(ws, 'A1:I1', labels.selfEvaluationTitle, { bold: true, size: 16, border: false });
  ws.getRow(1).height = 30;
  put(ws, 'A2:C2', labels.unitNameHeader, { bold: true, fill: HEAD_FILL });
  put(ws, 'D2:I2', context.unitName ?? '', { align: 'left' });
  put(ws, 'A3:A9', '年度预算申请（万元）', { bold: true, fill: HEAD_FILL });
  put(ws, 'B3:C3', null);
  ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'].forEach((h, i) => put(ws, `${colLetter(4 + i)}3`, h, { bold: true, fill: HEAD_FILL }));
  put(ws, 'B4:C4', '年度资金总额');
  putMoney(ws, 'D4', b.initialBudget);
  putMoney(ws, 'E4', b.annualBudget);
  putMoney(ws, 'F4', b.execution);
  put(ws, 'G4', Number(figures.budget.executionWeight), {}, '0.##');
  putPercent(ws, 'H4', figures.budget.executionRate);
  put(ws, 'I4', figures.budget.executionPoints === null ? null : Number(figures.budget.executionPoints), {}, '0.00');
  put(ws, 'B5:E5', '按收入性质分：', { align: 'left' });
  put(ws, 'F5:I5', '按支出性质分：', { align: 'left' });
  INCOME_LABELS.forEach(([k, zh], i) => {
    const row = 6 + i;
    put(ws, `B${row}:D${row}`, i === 0 ? `其中：${zh}` : zh, { align: 'left' });
    putMoney(ws, `E${row}`, b.byIncome[k]);
    const ex = EXPENDITURE_LABELS[i];
    if (ex) {
      put(ws, `F${row}:H${row}`, i === 0 ? `其中：${ex[1]}` : ex[1], { align: 'left' });
      putMoney(ws, `I${row}`, b.byExpenditure[ex[0]]);
    } else put(ws, `F${row}:I${row}`, null);
  });
  put(ws, 'A10:A11', '年度总体目标', { bold: true, fill: HEAD_FILL });
  put(ws, 'B10:E10', '预期目标', { bold: true, fill: HEAD_FILL });
  put(ws, 'F10:I10', '实际完成情况', { bold: true, fill: HEAD_FILL });
  put(ws, 'B11:E11', se.goal.expected, { align: 'left' });
  put(ws, 'F11:I11', se.goal.actual, { align: 'left' });
  ws.getRow(11).height = Math.min(300, Math.max(30, Math.ceil(Math.max(se.goal.expected.length, se.goal.actual.length) / 24) * 15));

  let r = 12;
  const headerRow = r;
  const H = INDICATOR_HEADERS;
  [H.level1, H.level2, H.name, H.target, H.actual, H.weight, H.score, H.reason].forEach((h, i) => put(ws, `${colLetter(2 + i)}${r}`, h, { bold: true, fill: HEAD_FILL }));
  put(ws, `${colLetter(SELF_OPERATOR_COL)}${r}`, `${H.operator}（≥/≤/=/定性）`, { border: false, color: GREY, size: 9 });
  put(ws, `${colLetter(SELF_ID_COL)}${r}`, H.id, { border: false, color: GREY, size: 9 });
  r++;
  for (const l1 of LEVEL1) {
    const l1Start = r;
    for (const l2 of LEVEL2_BY_LEVEL1[l1]) {
      const l2Start = r;
      const rows = se.indicators.filter((x) => x.level1 === l1 && x.level2 === l2);
      if (!rows.length) {
        put(ws, `D${r}`, '无', { align: 'left' });
        for (const c of ['E', 'F', 'G', 'H', 'I']) put(ws, `${c}${r}`, null);
        r++;
      }
      for (const row of rows) {
        put(ws, `D${r}`, row.name, { align: 'left' });
        put(ws, `E${r}`, targetText(row));
        put(ws, `F${r}`, actualText(row));
        put(ws, `G${r}`, Number(row.weight), {}, '0.##');
        put(ws, `H${r}`, row.score === null ? null : Number(row.score), {}, '0.##');
        put(ws, `I${r}`, row.deviationReason, { align: 'left' });
        put(ws, `${colLetter(SELF_OPERATOR_COL)}${r}`, OPERATOR_WORDS[row.target.operator], { border: false, color: GREY, size: 9 });
        put(ws, `${colLetter(SELF_ID_COL)}${r}`, row.id, { border: false, color: GREY, size: 9 });
        const longest = Math.max(row.name.length / 11, row.deviationReason.length / 13, 1);
        ws.getRow(r).height = Math.min(200, Math.max(18, Math.ceil(longest) * 14));
        r++;
      }
      put(ws, `C${l2Start}:C${r - 1}`, LEVEL2_LABELS[l2].zh);
    }
    put(ws, `B${l1Start}:B${r - 1}`, `${LEVEL1_LABELS[l1].zh}（${trimDecimal(levelWeight(template, l1))}分）`);
  }
  put(ws, `A${headerRow}:A${r - 1}`, '绩效指标', { bold: true, fill: HEAD_FILL });
  put(ws, `A${r}:F${r}`, '总分', { bold: true });
  put(ws, `G${r}`, Number(figures.scores.weightTotal), { bold: true }, '0.##');
  put(ws, `H${r}`, Number(figures.scores.declaredTotal), { bold: true }, '0.##');
  put(ws, `I${r}`, null);
  r++;
  footer(ws, r, SELF_COLS, doc.basicData.contact, input);
  const printEnd = r;
  r += 2;

  // Figures the report cites that the official form has no cell for; kept out of the print area.
  put(ws, `A${r}:I${r}`, SUPPLEMENT_TITLE, { bold: true, border: false, align: 'left' });
  r++;
  put(ws, `B${r}:D${r}`, FUNCTION_BLOCK, { bold: true, fill: HEAD_FILL });
  put(ws, `E${r}`, '科目编码', { bold: true, fill: HEAD_FILL });
  put(ws, `F${r}:H${r}`, '科目名称', { bold: true, fill: HEAD_FILL });
  put(ws, `I${r}`, '金额（万元）', { bold: true, fill: HEAD_FILL });
  r++;
  const fns = b.initialByFunction.length ? b.initialByFunction : [null];
  for (const fn of fns) {
    put(ws, `B${r}:D${r}`, null);
    put(ws, `E${r}`, fn ? fn.id.replace(/^fn-/, '') : null);
    put(ws, `F${r}:H${r}`, fn?.name ?? null, { align: 'left' });
    putMoney(ws, `I${r}`, fn?.amount ?? null);
    r++;
  }
  put(ws, `B${r}:D${r}`, ECONOMIC_BLOCK, { bold: true, fill: HEAD_FILL });
  put(ws, `E${r}:H${r}`, '经济分类', { bold: true, fill: HEAD_FILL });
  put(ws, `I${r}`, '金额（万元）', { bold: true, fill: HEAD_FILL });
  r++;
  for (const [k, zh] of ECONOMIC_LABELS) {
    put(ws, `B${r}:D${r}`, null);
    put(ws, `E${r}:H${r}`, zh, { align: 'left' });
    putMoney(ws, `I${r}`, b.executionByEconomicClass[k]);
    r++;
  }
  pageSetup(ws, `A1:I${printEnd}`, `${headerRow}:${headerRow}`);
}

/** The unit's two official forms as one workbook: sheets 基础数据表 and 绩效自评表. */
export function buildPackageWorkbook(input: PackageExportInput): ExcelJS.Workbook {
  const figures = computeFigures(input.document, input.template);
  const wb = newWorkbook();
  basicSheet(wb, input, figures);
  selfSheet(wb, input, figures);
  return wb;
}
