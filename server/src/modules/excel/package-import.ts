import type ExcelJS from 'exceljs';
import {
  BANDS,
  BAND_LABELS,
  ErrorCode,
  ID_PATTERN,
  LEVEL1,
  LEVEL1_LABELS,
  LEVEL2_BY_LEVEL1,
  LEVEL2_LABELS,
  normalizeDecimal,
  parseMoney,
  parseDeadlineText,
  parsePackageDocument,
  dropInvalidInputsUnder,
  type BuildingRow,
  type FunctionBudgetRow,
  type IndicatorRow,
  type Level1,
  type Level2,
  type MoneyCell,
  type MoneyRow,
  type Operator,
  type PackageDocument,
  type QualitativeBand,
  type SpecialFundRow,
} from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import {
  BASIC_ID_COL,
  ECONOMIC_BLOCK,
  ECONOMIC_LABELS,
  EXPENDITURE_LABELS,
  FUNCTION_BLOCK,
  INCOME_LABELS,
  INDICATOR_HEADERS,
  MONEY_COLUMN_KEYS,
  MONEY_ROWS,
  SHEET_BASIC,
  SHEET_SELF,
  SUPPLEMENT_TITLE,
  moneyPath,
} from './package-layout.js';
import { cellRightOf, cellText, findLabelCell, findRow, findSheet, normalizeLabel, readCell, rowCells, rowLabel, where, type CellRead } from './sheet-reader.js';

export interface ImportedCell {
  cell: string;
  path: string;
  value: unknown;
}
export interface IgnoredCell {
  cell: string;
  label: string;
  value: string;
  reason: string;
}
export interface CellIssue {
  cell: string;
  messageZh: string;
}

export interface PackageImportResult {
  document: PackageDocument;
  imported: ImportedCell[];
  ignored: IgnoredCell[];
  /** Parts of the package the workbook does not carry; they keep the draft's values. */
  keptFromDraft: string[];
}

export const FORMULA_POLICY =
  '公式不会被计算：填报单元格中的公式将被拒绝（请粘贴为数值），计算项单元格中的公式及其缓存值一律忽略，由系统重新计算。';

const MAX_COL = 14;
const COMPUTED = '计算项：由系统根据填报数重新计算，不采用文件中的数值';

/** A number as Excel stored it, as a decimal string ("0.315"), float noise removed. */
export function numberToDecimal(n: number): string {
  let s = String(Number(n.toPrecision(15)));
  if (/e/i.test(s)) s = n.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

class Reader {
  imported: ImportedCell[] = [];
  ignored: IgnoredCell[] = [];
  issues: CellIssue[] = [];
  cellOfPath = new Map<string, string>();

  constructor(readonly ws: ExcelJS.Worksheet) {}

  issue(cell: ExcelJS.Cell | string, messageZh: string): void {
    this.issues.push({ cell: typeof cell === 'string' ? cell : where(this.ws, cell), messageZh });
  }

  record(cell: ExcelJS.Cell, path: string, value: unknown): void {
    const addr = where(this.ws, cell);
    this.imported.push({ cell: addr, path, value });
    this.cellOfPath.set(path, addr);
  }

  /** A computed cell or a label the system writes itself: its content is reported, never used. */
  ignore(cell: ExcelJS.Cell | null, label: string, reason = COMPUTED): void {
    if (!cell) return;
    const r = readCell(cell);
    if (r.kind === 'empty') return;
    const value = r.kind === 'formula' ? `=${r.formula}` : cellText(cell) || (r.kind === 'other' ? r.what : '');
    this.ignored.push({ cell: where(this.ws, cell), label, value, reason: r.kind === 'formula' ? `${reason}（含公式，未计算）` : reason });
  }

  /** Refuses formulas in input cells: nothing here evaluates them, and a cached result may be stale. */
  private noFormula(cell: ExcelJS.Cell, label: string): Extract<CellRead, { kind: 'empty' | 'number' | 'text' }> | null {
    const r = readCell(cell);
    if (r.kind === 'formula') {
      this.issue(cell, `${label}：含有公式（=${r.formula}），系统不计算公式，请将该单元格“粘贴为数值”后再导入`);
      return null;
    }
    if (r.kind === 'other') {
      this.issue(cell, `${label}：不能识别的内容（${r.what}）`);
      return null;
    }
    return r;
  }

  money(cell: ExcelJS.Cell, path: string, label: string, signed = false): MoneyCell | undefined {
    const r = this.noFormula(cell, label);
    if (!r) return undefined;
    if (r.kind === 'empty') {
      this.record(cell, path, null);
      return null;
    }
    const raw = r.kind === 'number' ? numberToDecimal(r.value) : r.text.normalize('NFKC');
    const p = parseMoney(raw, { allowNegative: signed });
    if (!p.ok) {
      this.issue(cell, `${label}：「${r.kind === 'number' ? raw : r.text}」${p.messageZh}`);
      return undefined;
    }
    this.record(cell, path, p.value);
    return p.value;
  }

  /** A non-negative decimal (area ㎡, weight, score), or null when empty. */
  decimal(cell: ExcelJS.Cell, path: string, label: string, maxDecimals: number, unit = ''): string | null | undefined {
    const r = this.noFormula(cell, label);
    if (!r) return undefined;
    if (r.kind === 'empty') {
      this.record(cell, path, null);
      return null;
    }
    let s = r.kind === 'number' ? numberToDecimal(r.value) : r.text.normalize('NFKC').replace(/\s+/g, '');
    if (unit) s = s.replace(new RegExp(`${unit}$`), '');
    const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(s);
    if (!m) {
      this.issue(cell, `${label}：「${r.kind === 'number' ? s : r.text}」必须是非负数字`);
      return undefined;
    }
    if ((m[2] ?? '').length > maxDecimals) {
      this.issue(cell, `${label}：「${s}」最多保留${maxDecimals}位小数`);
      return undefined;
    }
    const v = normalizeDecimal(s);
    this.record(cell, path, v);
    return v;
  }

  count(cell: ExcelJS.Cell, path: string, label: string): number | null | undefined {
    const r = this.noFormula(cell, label);
    if (!r) return undefined;
    if (r.kind === 'empty') {
      this.record(cell, path, null);
      return null;
    }
    const s = r.kind === 'number' ? numberToDecimal(r.value) : r.text.normalize('NFKC').replace(/\s+/g, '').replace(/人$/, '');
    if (!/^\d{1,7}$/.test(s)) {
      this.issue(cell, `${label}：「${r.kind === 'number' ? s : r.text}」必须是非负整数（人数）`);
      return undefined;
    }
    const n = Number(s);
    this.record(cell, path, n);
    return n;
  }

  text(cell: ExcelJS.Cell | null, path: string, label: string): string | undefined {
    if (!cell) return '';
    const r = this.noFormula(cell, label);
    if (!r) return undefined;
    const t = r.kind === 'empty' ? '' : r.kind === 'number' ? numberToDecimal(r.value) : r.text.replace(/\r\n/g, '\n').trim();
    this.record(cell, path, t);
    return t;
  }
}

function structural(messageZh: string): DomainError {
  return new DomainError(ErrorCode.FILE_REJECTED, messageZh);
}

/** Column of the header cell whose label starts with `label` on `row`. */
function headerCol(ws: ExcelJS.Worksheet, row: number, label: string, exact = false): number | null {
  const key = normalizeLabel(label);
  for (const { col, cell } of rowCells(ws, row, MAX_COL)) {
    const t = normalizeLabel(cellText(cell));
    if (exact ? t === key : t.includes(key)) return col;
  }
  return null;
}

class Ids {
  private used = new Set<string>();
  constructor(private prefix: string) {}
  take(preferred: string | null | undefined, fallback?: string | null): string {
    for (const c of [preferred, fallback]) {
      if (c && ID_PATTERN.test(c) && !this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
    for (let n = 1; ; n++) {
      const id = `${this.prefix}-${n}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

const isEllipsis = (s: string) => /^[.…。·、\-—]*$/.test(normalizeLabel(s));
const idIn = (ws: ExcelJS.Worksheet, row: number, col: number) => {
  const t = cellText(ws.getCell(row, col)).trim();
  return ID_PATTERN.test(t) ? t : null;
};

function readBasic(ws: ExcelJS.Worksheet, base: PackageDocument): { r: Reader; basicData: PackageDocument['basicData'] } {
  const r = new Reader(ws);
  const bd = structuredClone(base.basicData);
  r.ignore(ws.getCell(1, 1), '标题', '标题由系统根据评价年度生成');
  const unitRow = findRow(ws, ['单位名称'], 1, 3);
  if (unitRow) r.ignore(rowLabel(ws, unitRow)!.cell, '单位名称', '单位名称由系统根据账号所属单位填写');

  const sRow = findRow(ws, ['财政供养人员情况']);
  if (!sRow) throw structural(`「${SHEET_BASIC}」中找不到「财政供养人员情况」：这不是本系统的基础数据表模板`);
  const cAuth = headerCol(ws, sRow, '编制数');
  const cActual = headerCol(ws, sRow, '实际在职');
  const cRate = headerCol(ws, sRow, '控制率');
  if (!cAuth || !cActual) throw structural(`「${SHEET_BASIC}」第${sRow}行找不到「编制数」「实际在职人数」表头`);
  const a = r.count(ws.getCell(sRow + 1, cAuth), 'basicData.staffing.authorized', '编制数');
  const b = r.count(ws.getCell(sRow + 1, cActual), 'basicData.staffing.actual', '实际在职人数');
  if (a !== undefined) bd.staffing.authorized = a;
  if (b !== undefined) bd.staffing.actual = b;
  if (cRate) r.ignore(ws.getCell(sRow + 1, cRate), '控制率');

  const mRow = findRow(ws, ['经费控制情况'], sRow);
  const bRow = findRow(ws, ['楼堂馆所控制情况'], sRow);
  const aRow = findRow(ws, ['厉行节约保障措施'], sRow);
  if (!mRow || !bRow || !aRow) throw structural(`「${SHEET_BASIC}」中找不到「经费控制情况」「楼堂馆所控制情况」或「厉行节约保障措施」：这不是本系统的基础数据表模板`);
  const headerCells = rowCells(ws, mRow, MAX_COL).filter(({ cell }) => cellText(cell).trim() !== '');
  const valueCols = headerCells.slice(1, 4).map((h) => h.col);
  if (valueCols.length !== 3) throw structural(`「${SHEET_BASIC}」第${mRow}行应有上年决算数、本年预算数、本年决算数三列`);

  const labelOf = (row: number) => normalizeLabel(rowLabel(ws, row, 3)?.text ?? '');
  const rowsBetween = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  const moneyRows = rowsBetween(mRow + 1, bRow);
  let fundsRow: number | null = null;
  let publicRow: number | null = null;
  for (const spec of MONEY_ROWS) {
    const row = moneyRows.find((x) => (spec.listAfter ? labelOf(x).startsWith(spec.match) : labelOf(x) === spec.match));
    if (spec.listAfter) fundsRow = row ?? null;
    if (spec.match === '公用经费') publicRow = row ?? null;
    if (!row) {
      if (spec.input) throw structural(`「${SHEET_BASIC}」中找不到「${spec.match}」行：请使用本系统导出的模板`);
      continue;
    }
    const label = spec.match;
    if (!spec.input) {
      valueCols.forEach((c) => r.ignore(ws.getCell(row, c), `${label}（合计）`));
      continue;
    }
    const target = (spec.input.group ? (bd as unknown as Record<string, Record<string, MoneyRow>>)[spec.input.group]![spec.input.field] : (bd as unknown as Record<string, MoneyRow>)[spec.input.field])!;
    MONEY_COLUMN_KEYS.forEach((k, i) => {
      const v = r.money(ws.getCell(row, valueCols[i]!), `${moneyPath(spec)}.${k}`, `${label} › ${cellText(headerCells[i + 1]!.cell)}`, spec.input!.signed);
      if (v !== undefined) target[k] = v;
    });
  }

  // 本级专项资金: one row per fund between its heading and 公用经费.
  const fundIds = new Ids('sf');
  const funds: SpecialFundRow[] = [];
  if (fundsRow && publicRow) {
    for (const row of rowsBetween(fundsRow + 1, publicRow)) {
      const name = cellText(ws.getCell(row, 1)).trim();
      const anyValue = valueCols.some((c) => readCell(ws.getCell(row, c)).kind !== 'empty');
      if ((name === '' || isEllipsis(name)) && !anyValue) continue;
      const previous = base.basicData.projects.specialFunds.find((f) => f.name === name);
      const id = fundIds.take(idIn(ws, row, BASIC_ID_COL), previous?.id);
      const fund: SpecialFundRow = { id, name: isEllipsis(name) ? '' : name, previousFinal: null, currentBudget: null, currentFinal: null };
      r.record(ws.getCell(row, 1), `basicData.projects.specialFunds[${id}].name`, fund.name);
      MONEY_COLUMN_KEYS.forEach((k, i) => {
        const v = r.money(ws.getCell(row, valueCols[i]!), `basicData.projects.specialFunds[${id}].${k}`, `本级专项资金「${name}」`);
        if (v !== undefined) fund[k] = v;
      });
      funds.push(fund);
    }
  }
  bd.projects.specialFunds = funds;

  // 楼堂馆所: one row per project between its header and 厉行节约保障措施.
  const col = (label: string) => headerCol(ws, bRow, label);
  const bc = { approvedArea: col('批复规模'), actualArea: col('实际规模'), areaRate: col('规模控制率'), budgetInvestment: col('预算投资'), actualInvestment: col('实际投资'), investRate: col('投资概算控制率') };
  if (!bc.approvedArea || !bc.actualArea || !bc.budgetInvestment || !bc.actualInvestment) throw structural(`「${SHEET_BASIC}」第${bRow}行的楼堂馆所表头不完整`);
  const buildingIds = new Ids('bld');
  const buildings: BuildingRow[] = [];
  for (const row of rowsBetween(bRow + 1, aRow)) {
    const name = cellText(ws.getCell(row, 1)).trim();
    const cols = [bc.approvedArea, bc.actualArea, bc.budgetInvestment, bc.actualInvestment];
    if (name === '' && cols.every((c) => readCell(ws.getCell(row, c)).kind === 'empty')) continue;
    const previous = base.basicData.buildings.find((x) => x.name === name);
    const id = buildingIds.take(idIn(ws, row, BASIC_ID_COL), previous?.id);
    const p = `basicData.buildings[${id}]`;
    const label = `楼堂馆所「${name}」`;
    r.record(ws.getCell(row, 1), `${p}.name`, name);
    const building: BuildingRow = {
      id,
      name,
      approvedArea: r.decimal(ws.getCell(row, bc.approvedArea), `${p}.approvedArea`, `${label} › 批复规模`, 4, '(?:㎡|m2|平方米)') ?? null,
      actualArea: r.decimal(ws.getCell(row, bc.actualArea), `${p}.actualArea`, `${label} › 实际规模`, 4, '(?:㎡|m2|平方米)') ?? null,
      budgetInvestment: r.money(ws.getCell(row, bc.budgetInvestment), `${p}.budgetInvestment`, `${label} › 预算投资`) ?? null,
      actualInvestment: r.money(ws.getCell(row, bc.actualInvestment), `${p}.actualInvestment`, `${label} › 实际投资`) ?? null,
    };
    if (bc.areaRate) r.ignore(ws.getCell(row, bc.areaRate), `${label} › 规模控制率`);
    if (bc.investRate) r.ignore(ws.getCell(row, bc.investRate), `${label} › 投资概算控制率`);
    buildings.push(building);
  }
  bd.buildings = buildings;

  const aLabel = rowLabel(ws, aRow)!;
  const austerity = r.text(cellRightOf(ws, aRow, aLabel.col, 7), 'basicData.austerityMeasures', '厉行节约保障措施');
  if (austerity !== undefined) bd.austerityMeasures = austerity;

  readFooter(ws, r, aRow + 1, (name, phone) => {
    if (name !== undefined) bd.contact.fillerName = name;
    if (phone !== undefined) bd.contact.phone = phone;
  });
  return { r, basicData: bd };
}

/** 填表人 and 联系电话 are the unit's; 填报日期 and the signature come from the workflow. */
function readFooter(ws: ExcelJS.Worksheet, r: Reader, from: number, set: (name: string | null | undefined, phone: string | null | undefined) => void): void {
  let name: string | null | undefined;
  let phone: string | null | undefined;
  for (let row = from; row <= Math.min(ws.rowCount, from + 6); row++) {
    for (const { cell } of rowCells(ws, row, MAX_COL)) {
      const t = cellText(cell).trim();
      const m = /^(填表人|填报日期|联系电话|单位负责人签字)\s*[:：]\s*(.*)$/s.exec(t);
      if (!m) continue;
      const value = m[2]!.trim();
      if (m[1] === '填表人') {
        name = value || null;
        r.record(cell, 'basicData.contact.fillerName', name);
      } else if (m[1] === '联系电话') {
        phone = value || null;
        r.record(cell, 'basicData.contact.phone', phone);
      } else if (value) {
        r.ignored.push({ cell: where(ws, cell), label: m[1]!, value, reason: '由审批流程填写（报送日期、签章人），不从文件导入' });
      }
    }
  }
  set(name, phone);
}

const OPERATOR_FROM_TEXT: [RegExp, Operator][] = [
  [/^(?:≥|≧|>=|＞＝|不低于|不少于|大于等于|>|＞)/, 'GE'],
  [/^(?:≤|≦|<=|＜＝|不高于|不超过|小于等于|<|＜)/, 'LE'],
  [/^(?:=|＝|等于)/, 'EQ'],
];

function operatorWord(text: string): Operator | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!t) return null;
  if (/定性|QUALITATIVE/.test(t)) return 'QUALITATIVE';
  if (/^(≥|≧|>=|GE|不低于)/.test(t)) return 'GE';
  if (/^(≤|≦|<=|LE|不高于)/.test(t)) return 'LE';
  if (/^(=|EQ|等于)/.test(t)) return 'EQ';
  if (/^(BY|时限)/.test(t)) return 'BY';
  return null;
}

/** "≧95%" → operator GE, 95, "%"; "30次" → no operator, 30, "次"; "较好" → no number. */
function parseValueText(text: string): { operator: Operator | null; value: string | null; unit: string } {
  const t = text.trim();
  let operator: Operator | null = null;
  let rest = t;
  for (const [re, op] of OPERATOR_FROM_TEXT) {
    const m = re.exec(rest);
    if (m) {
      operator = op;
      rest = rest.slice(m[0].length).trim();
      break;
    }
  }
  const n = /^([+-]?\d[\d,，]*(?:\.\d+)?)\s*(.*)$/s.exec(rest.normalize('NFKC'));
  if (!n) return { operator, value: null, unit: '' };
  return { operator, value: normalizeDecimal(n[1]!.replace(/[,，+]/g, '')), unit: n[2]!.trim().replace(/％/g, '%') };
}

function matchLevel1(text: string): Level1 | null {
  const t = normalizeLabel(text);
  return LEVEL1.find((l) => t.startsWith(LEVEL1_LABELS[l].zh.replace(/指标$/, ''))) ?? null;
}

function matchLevel2(text: string, level1: Level1): Level2 | null {
  const t = normalizeLabel(text);
  return LEVEL2_BY_LEVEL1[level1].find((l) => t.startsWith(LEVEL2_LABELS[l].zh.replace(/指标$/, ''))) ?? null;
}

function readSelf(ws: ExcelJS.Worksheet, base: PackageDocument): { r: Reader; selfEvaluation: PackageDocument['selfEvaluation'] } {
  const r = new Reader(ws);
  const se = structuredClone(base.selfEvaluation);
  r.ignore(ws.getCell(1, 1), '标题', '标题由系统根据评价年度生成');
  const unitHeader = findLabelCell(ws, '预算部门(单位)名称', 1, 4, MAX_COL) ?? findLabelCell(ws, '市级预算部门', 1, 4, MAX_COL);
  if (unitHeader) r.ignore(cellRightOf(ws, unitHeader.row, unitHeader.col, MAX_COL), '单位名称', '单位名称由系统根据账号所属单位填写');

  const total = findLabelCell(ws, '年度资金总额', 1, 20, MAX_COL);
  if (!total) throw structural(`「${SHEET_SELF}」中找不到「年度资金总额」：这不是本系统的绩效自评表模板`);
  const hRow = [total.row - 1, total.row - 2, total.row].find((x) => x >= 1 && headerCol(ws, x, '年初预算数'));
  if (!hRow) throw structural(`「${SHEET_SELF}」中找不到「年初预算数」表头`);
  const budget = se.budget;
  for (const [key, label] of [
    ['initialBudget', '年初预算数'],
    ['annualBudget', '全年预算数'],
    ['execution', '全年执行数'],
  ] as const) {
    const c = headerCol(ws, hRow, label);
    if (!c) throw structural(`「${SHEET_SELF}」中找不到「${label}」表头`);
    const v = r.money(ws.getCell(total.row, c), `selfEvaluation.budget.${key}`, `年度资金总额 › ${label}`);
    if (v !== undefined) budget[key] = v;
  }
  for (const [label, reason] of [
    ['分值', '执行率分值由通知模板规定'],
    ['执行率', COMPUTED],
    ['得分', COMPUTED],
  ] as const) {
    const c = headerCol(ws, hRow, label, true);
    if (c) r.ignore(ws.getCell(total.row, c), `年度资金总额 › ${label}`, reason);
  }

  const goal = findLabelCell(ws, '预期目标', total.row, total.row + 12, MAX_COL);
  if (!goal) throw structural(`「${SHEET_SELF}」中找不到「年度总体目标 › 预期目标」`);
  const actualCol = headerCol(ws, goal.row, '实际完成情况');
  const splitRows = [total.row + 1, goal.row - 1] as const;
  const labelledMoney = (label: string, path: string) => {
    const hit = findLabelCell(ws, label, splitRows[0], splitRows[1], MAX_COL);
    if (!hit) return undefined;
    // "其中：一般公共预算：150.31" in one cell (as on the paper form), or the value in the next cell.
    const t = normalizeLabel(cellText(hit.cell));
    const rest = t.slice(normalizeLabel(label).length).replace(/^[:：]/, '');
    if (rest) {
      const p = parseMoney(rest);
      if (!p.ok) {
        r.issue(hit.cell, `${label}：「${rest}」${p.messageZh}`);
        return undefined;
      }
      r.record(hit.cell, path, p.value);
      return p.value;
    }
    const next = cellRightOf(ws, hit.row, hit.col, MAX_COL);
    return next ? r.money(next, path, label) : undefined;
  };
  for (const [k, label] of INCOME_LABELS) {
    const v = labelledMoney(label, `selfEvaluation.budget.byIncome.${k}`);
    if (v !== undefined) budget.byIncome[k] = v;
  }
  for (const [k, label] of EXPENDITURE_LABELS) {
    const v = labelledMoney(label, `selfEvaluation.budget.byExpenditure.${k}`);
    if (v !== undefined) budget.byExpenditure[k] = v;
  }
  const expected = r.text(ws.getCell(goal.row + 1, goal.col), 'selfEvaluation.goal.expected', '年度总体目标 › 预期目标');
  if (expected !== undefined) se.goal.expected = expected;
  if (actualCol) {
    const actual = r.text(ws.getCell(goal.row + 1, actualCol), 'selfEvaluation.goal.actual', '年度总体目标 › 实际完成情况');
    if (actual !== undefined) se.goal.actual = actual;
  }

  // 绩效指标.
  const head = findLabelCell(ws, INDICATOR_HEADERS.level1, goal.row + 1, goal.row + 6, MAX_COL);
  if (!head) throw structural(`「${SHEET_SELF}」中找不到绩效指标表头「一级指标」`);
  const H = INDICATOR_HEADERS;
  const hc = {
    level1: head.col,
    level2: headerCol(ws, head.row, H.level2),
    name: headerCol(ws, head.row, H.name),
    target: headerCol(ws, head.row, H.target),
    actual: headerCol(ws, head.row, H.actual),
    weight: headerCol(ws, head.row, H.weight, true),
    score: headerCol(ws, head.row, H.score, true),
    reason: headerCol(ws, head.row, '偏差原因'),
    operator: headerCol(ws, head.row, H.operator),
    id: headerCol(ws, head.row, H.id, true),
  };
  for (const [k, v] of Object.entries(hc)) {
    if (!v && k !== 'operator' && k !== 'id') throw structural(`「${SHEET_SELF}」第${head.row}行缺少绩效指标表头「${H[k as keyof typeof H]}」`);
  }
  const ids = new Ids('ind');
  const fileIds = new Set<string>();
  const rows: IndicatorRow[] = [];
  let row = head.row + 1;
  for (; row <= ws.rowCount; row++) {
    const first = normalizeLabel(rowLabel(ws, row, MAX_COL)?.text ?? '');
    if (first.startsWith('总分') || first.startsWith('填表人') || first.startsWith(normalizeLabel(SUPPLEMENT_TITLE).slice(0, 4))) break;
    const cell = (c: number) => ws.getCell(row, c);
    const name = cellText(cell(hc.name!)).trim();
    const valueCols = [hc.target!, hc.actual!, hc.weight!, hc.score!, hc.reason!];
    const anyValue = valueCols.some((c) => readCell(cell(c)).kind !== 'empty');
    if ((name === '' || normalizeLabel(name) === '无') && !anyValue) continue;
    const level1 = matchLevel1(cellText(cell(hc.level1)));
    const level2 = level1 ? matchLevel2(cellText(cell(hc.level2!)), level1) : null;
    if (!level1 || !level2) {
      r.issue(cell(level1 ? hc.level2! : hc.level1), `指标「${name}」：无法识别${level1 ? '二级' : '一级'}指标「${cellText(cell(level1 ? hc.level2! : hc.level1)).replace(/\s+/g, '')}」`);
      continue;
    }
    const fileId = hc.id ? idIn(ws, row, hc.id) : null;
    const previous = base.selfEvaluation.indicators.find((x) => x.level1 === level1 && x.level2 === level2 && x.name === name && !fileIds.has(x.id));
    const id = ids.take(fileId, previous?.id);
    fileIds.add(id);
    const p = (f: string) => `selfEvaluation.indicators[${id}].${f}`;
    const label = `指标「${name || row}」`;
    r.record(cell(hc.name!), p('name'), name);

    const opCell = hc.operator ? readCell(cell(hc.operator)) : { kind: 'empty' as const };
    const opWord = opCell.kind === 'text' ? operatorWord(opCell.text) : null;
    const targetRead = readCell(cell(hc.target!));
    const actualRead = readCell(cell(hc.actual!));
    for (const [c, what] of [
      [hc.target!, '年度指标值'],
      [hc.actual!, '实际完成值'],
    ] as const) {
      const x = readCell(cell(c));
      if (x.kind === 'formula') r.issue(cell(c), `${label} › ${what}：含有公式（=${x.formula}），系统不计算公式，请粘贴为数值`);
    }
    const targetText = targetRead.kind === 'text' ? targetRead.text.trim() : targetRead.kind === 'number' ? numberToDecimal(targetRead.value) : '';
    const actualText = actualRead.kind === 'text' ? actualRead.text.trim() : actualRead.kind === 'number' ? numberToDecimal(actualRead.value) : '';
    const tParsed = parseValueText(targetText);
    const qualitative = opWord === 'QUALITATIVE' || (targetText !== '' && tParsed.value === null);
    let target: IndicatorRow['target'];
    let actual: IndicatorRow['actual'];
    // A deadline target ("9月前", "年底前", "2023年9月30日前"): the month as the value, a date as text.
    const deadline = opWord === 'BY' || (/(?:前|底|年内)$/.test(targetText.replace(/\s+/g, '')) && parseDeadlineText(targetText) !== null);
    if (deadline) {
      const asPoint = (text: string) => {
        const p = parseDeadlineText(text);
        return p && p.year === undefined && p.day === undefined ? { value: String(p.month), unit: '月' } : { value: null, unit: '', ...(text ? { text } : {}) };
      };
      target = { operator: 'BY', ...asPoint(targetText), ...(targetText ? { raw: targetText } : {}) };
      actual = { ...asPoint(actualText), ...(actualText ? { raw: actualText } : {}) };
    } else if (qualitative) {
      target = { operator: 'QUALITATIVE', value: null, unit: '', text: targetText };
      // The band word, or the notice's fixed phrase (部分达成年度指标并具有一定效果 …), then the description.
      const m = /^(部分达成|未达成|达成)(?:年度指标(?:并具有一定效果|且效果较差)?)?\s*[:：]?\s*(.*)$/s.exec(actualText);
      const band: QualitativeBand | null = m ? (BANDS.find((b) => BAND_LABELS[b].zh === m[1]) ?? null) : null;
      actual = { value: null, unit: '', ...(m ? { text: m[2]!.trim() } : actualText ? { text: actualText } : {}), ...(band ? { band } : {}) };
    } else {
      const operator: Operator = tParsed.operator ?? opWord ?? (level1 === 'COST' ? 'LE' : 'GE');
      target = { operator, value: tParsed.value, unit: tParsed.unit, ...(targetText ? { raw: targetText } : {}) };
      if (actualText === '') actual = { value: null, unit: '' };
      else {
        const a = parseValueText(actualText);
        if (a.value === null) {
          r.issue(cell(hc.actual!), `${label} › 实际完成值：「${actualText}」不是数值（定量指标的实际完成值必须是一个数，如“95%”“30次”）`);
          continue;
        }
        actual = { value: a.value, unit: a.unit, raw: actualText };
      }
    }
    r.record(cell(hc.target!), p('target'), target);
    r.record(cell(hc.actual!), p('actual'), actual);
    const weight = r.decimal(cell(hc.weight!), p('weight'), `${label} › 分值`, 2, '分');
    const score = r.decimal(cell(hc.score!), p('score'), `${label} › 得分`, 2, '分');
    const reason = r.text(cell(hc.reason!), p('deviationReason'), `${label} › 偏差原因分析及改进措施`);
    if (weight === undefined || score === undefined || reason === undefined) continue;
    if (weight === null) {
      r.issue(cell(hc.weight!), `${label} › 分值：未填写`);
      continue;
    }
    rows.push({ id, level1, level2, name, target, actual, weight, score, deviationReason: reason });
  }
  se.indicators = rows;
  if (normalizeLabel(rowLabel(ws, row, MAX_COL)?.text ?? '').startsWith('总分')) {
    for (const { cell } of rowCells(ws, row, MAX_COL).slice(1)) r.ignore(cell, '总分');
  }

  // The supplement (年初预算按功能分类, 全年执行数按经济分类), when the file has it.
  const fn = findLabelCell(ws, FUNCTION_BLOCK, row, ws.rowCount, MAX_COL);
  const eco = findLabelCell(ws, ECONOMIC_BLOCK, row, ws.rowCount, MAX_COL);
  if (fn && eco && eco.row > fn.row) {
    const codeCol = headerCol(ws, fn.row, '科目编码');
    const nameCol = headerCol(ws, fn.row, '科目名称');
    const amountCol = headerCol(ws, fn.row, '金额');
    if (codeCol && nameCol && amountCol) {
      const fnIds = new Ids('fn');
      const list: FunctionBudgetRow[] = [];
      for (let x = fn.row + 1; x < eco.row; x++) {
        const code = cellText(ws.getCell(x, codeCol)).trim();
        const name = cellText(ws.getCell(x, nameCol)).trim();
        if (!code && !name && readCell(ws.getCell(x, amountCol)).kind === 'empty') continue;
        const id = fnIds.take(code ? `fn-${code}` : null, base.selfEvaluation.budget.initialByFunction.find((f) => f.name === name)?.id);
        r.record(ws.getCell(x, nameCol), `selfEvaluation.budget.initialByFunction[${id}].name`, name);
        const amount = r.money(ws.getCell(x, amountCol), `selfEvaluation.budget.initialByFunction[${id}].amount`, `年初预算（按功能分类）「${name}」`);
        list.push({ id, name, amount: amount ?? null });
      }
      budget.initialByFunction = list;
    }
    for (const [k, label] of ECONOMIC_LABELS) {
      const hit = findLabelCell(ws, label, eco.row + 1, eco.row + 6, MAX_COL);
      const next = hit ? cellRightOf(ws, hit.row, hit.col, MAX_COL) : null;
      if (!next) continue;
      const v = r.money(next, `selfEvaluation.budget.executionByEconomicClass.${k}`, `按经济分类 › ${label}`);
      if (v !== undefined) budget.executionByEconomicClass[k] = v;
    }
  }
  return { r, selfEvaluation: se };
}

/**
 * Reads a filled official template (the layout the export writes) into a copy of the draft.
 * Input cells are found by their labels; computed cells are reported and ignored; formulas in
 * input cells are refused. Throws FILE_REJECTED for a file that is not the template and
 * VALIDATION_FAILED (details.issues: [{ cell, messageZh }]) for cells that cannot be used.
 */
export function importPackageWorkbook(wb: ExcelJS.Workbook, base: PackageDocument): PackageImportResult {
  const basicWs = findSheet(wb, SHEET_BASIC);
  const selfWs = findSheet(wb, SHEET_SELF);
  if (!basicWs || !selfWs) {
    const missing = [basicWs ? null : SHEET_BASIC, selfWs ? null : SHEET_SELF].filter(Boolean).join('」「');
    throw new DomainError(ErrorCode.FILE_REJECTED, `工作簿中缺少工作表「${missing}」（现有：${wb.worksheets.map((w) => w.name).join('、') || '无'}）：请使用本系统导出的模板`, {
      sheets: wb.worksheets.map((w) => w.name),
    });
  }
  const basic = readBasic(basicWs, base);
  const self = readSelf(selfWs, base);
  const issues = [...basic.r.issues, ...self.r.issues];
  const document: PackageDocument = { ...structuredClone(base), basicData: basic.basicData, selfEvaluation: self.selfEvaluation };
  // The file replaces both tables: what was typed into them and kept as not-a-number goes too.
  dropInvalidInputsUnder(document, ['basicData', 'selfEvaluation']);
  if (!issues.length) {
    const parsed = parsePackageDocument(document);
    if (!parsed.ok) {
      const cellOf = new Map([...basic.r.cellOfPath, ...self.r.cellOfPath]);
      for (const i of parsed.issues) {
        let cell = '';
        for (let p = i.path; p && !cell; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') cell = cellOf.get(p) ?? '';
        issues.push({ cell, messageZh: i.messageZh });
      }
    }
  }
  if (issues.length) {
    const shown = issues.slice(0, 5).map((i) => (i.cell ? `${i.cell} ${i.messageZh}` : i.messageZh));
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `导入失败，共${issues.length}处问题，材料未作任何修改：${shown.join('；')}${issues.length > 5 ? '……' : ''}`, { issues });
  }
  return {
    document,
    imported: [...basic.r.imported, ...self.r.imported],
    ignored: [...basic.r.ignored, ...self.r.ignored],
    keptFromDraft: ['report（自评报告各章节不在Excel中，保留草稿原文）', 'explanations（警告说明不在Excel中，保留草稿原文）'],
  };
}
