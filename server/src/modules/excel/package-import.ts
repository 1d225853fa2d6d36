import type ExcelJS from 'exceljs';
import {
  BANDS,
  BAND_LABELS,
  ErrorCode,
  ID_PATTERN,
  LEVEL1,
  LEVEL2,
  LEVEL2_BY_LEVEL1,
  LEVEL2_LABELS,
  actualEntryText,
  computeFigures,
  dropInvalidInputsUnder,
  formatTarget,
  expandForm,
  formSetOf,
  formWords,
  normalizeDecimal,
  oneLine,
  parseMoney,
  parsePackageDocument,
  bindPath,
  PROBE,
  probeDocument,
  resolveLabel,
  setAt,
  valueAt,
  type CampaignContext,
  type EvaluationTemplate,
  type ExpandedForm,
  type FormLayout,
  type FormSet,
  type GridCell,
  type GridRow,
  type IndicatorRow,
  type IndicatorRows,
  type Level1,
  type Level2,
  type ListRows,
  type MoneyCell,
  type Operator,
  type PackageDocument,
  type QualitativeBand,
} from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { helperColumns } from './form-sheet.js';
import { cellText, findSheet, normalizeLabel, readCell, rowCells, where, type CellRead } from './sheet-reader.js';

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

export interface PackageImportOptions {
  template: EvaluationTemplate;
  context: CampaignContext;
  /** The campaign's form set; absent: the default set. */
  formSet?: FormSet;
}

export const FORMULA_POLICY =
  '公式不会被计算：填报单元格中的公式将被拒绝（请粘贴为数值），计算项单元格中的公式及其缓存值一律忽略，由系统重新计算。';

const MAX_COL = 14;
const COMPUTED = '计算项：由系统根据填报数重新计算，不采用文件中的数值';
const FIXED_TEXT = '固定文字由系统根据评价年度和单位生成，不从文件导入';
const WORKFLOW = '由审批流程填写（报送日期、签章人），不从文件导入';
const PLACEHOLDER = /^[.…。·、\-—无]*$/;

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
  plain(cell: ExcelJS.Cell, label: string): Extract<CellRead, { kind: 'empty' | 'number' | 'text' }> | null {
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
    const r = this.plain(cell, label);
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
    const r = this.plain(cell, label);
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
    const r = this.plain(cell, label);
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

  text(cell: ExcelJS.Cell, path: string | null, label: string): string | undefined {
    const r = this.plain(cell, label);
    if (!r) return undefined;
    const t = r.kind === 'empty' ? '' : r.kind === 'number' ? numberToDecimal(r.value) : r.text.replace(/\r\n/g, '\n').trim();
    if (path) this.record(cell, path, t);
    return t;
  }
}

function structural(messageZh: string): DomainError {
  return new DomainError(ErrorCode.FILE_REJECTED, messageZh);
}

class Ids {
  private used = new Set<string>();
  constructor(private prefix: string) {}
  take(...candidates: (string | null | undefined)[]): string {
    for (const c of candidates) {
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

// ---------------------------------------------------------------------------------------
// 年度指标值 / 实际完成值 as people write them

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

/** The 二级指标 a level cell names ("社会成本指标"); its 一级 follows from it. */
function matchLevel2(text: string): { level1: Level1; level2: Level2 } | null {
  const t = normalizeLabel(text);
  if (!t) return null;
  const level2 = LEVEL2.find((l) => t.startsWith(LEVEL2_LABELS[l].zh.replace(/指标$/, '')));
  if (!level2) return null;
  const level1 = LEVEL1.find((l) => LEVEL2_BY_LEVEL1[l].includes(level2))!;
  return { level1, level2 };
}

/** Target and actual from their cells' texts (the operator helper decides between a number and 定性). */
function readTargetActual(
  r: Reader,
  cells: { target: ExcelJS.Cell; actual: ExcelJS.Cell },
  texts: { target: string; actual: string; operator: string },
  level1: Level1,
  actualLabel: string,
): { target: IndicatorRow['target']; actual: IndicatorRow['actual'] } | null {
  const opWord = texts.operator ? operatorWord(texts.operator) : null;
  const tParsed = parseValueText(texts.target);
  const qualitative = opWord === 'QUALITATIVE' || (texts.target !== '' && tParsed.value === null);
  if (qualitative) {
    const m = /^(部分达成|未达成|达成)\s*[:：]?\s*(.*)$/s.exec(texts.actual);
    const band: QualitativeBand | null = m ? (BANDS.find((b) => BAND_LABELS[b].zh === m[1]) ?? null) : null;
    return {
      target: { operator: 'QUALITATIVE', value: null, unit: '', text: texts.target },
      actual: { value: null, unit: '', ...(m ? { text: m[2]!.trim() } : texts.actual ? { text: texts.actual } : {}), ...(band ? { band } : {}) },
    };
  }
  const operator: Operator = tParsed.operator ?? opWord ?? (level1 === 'COST' ? 'LE' : 'GE');
  const target = { operator, value: tParsed.value, unit: tParsed.unit, ...(texts.target ? { raw: texts.target } : {}) };
  if (texts.actual === '') return { target, actual: { value: null, unit: '' } };
  const a = parseValueText(texts.actual);
  if (a.value === null) {
    r.issue(cells.actual, `${actualLabel}：「${texts.actual}」不是数值（定量指标须填一个数，如“95%”“30次”）`);
    return null;
  }
  return { target, actual: { value: a.value, unit: a.unit, raw: texts.actual } };
}

// ---------------------------------------------------------------------------------------
// The generic reader: a sheet read by walking its form's layout

/** Labels compare after normalizeLabel and without the year, so last year's template still reads. */
const sameLabel = (sheet: string, expected: string) => {
  const a = normalizeLabel(sheet).replace(/\d{4}年/g, '年');
  const b = normalizeLabel(expected).replace(/\d{4}年/g, '年');
  return a !== '' && b !== '' && (a === b || a.startsWith(b));
};

type Step =
  | { kind: 'row'; grid: GridRow; anchor: GridCell | null; anchorText: string; required: boolean }
  | { kind: 'group'; spec: ListRows | IndicatorRows; template: GridRow };

/** The layout, laid out over a probe document, as the steps the reader walks: static rows and one template row per group. */
function stepsOf(form: ExpandedForm): Step[] {
  const steps: Step[] = [];
  const seen = new Set<string>();
  for (const row of form.rows) {
    if (row.group) {
      if (seen.has(row.group.id)) continue;
      const template = form.rows.find((x) => x.group?.id === row.group!.id && x.source === 'item');
      if (!template) continue;
      seen.add(row.group.id);
      steps.push({ kind: 'group', spec: row.group, template });
      continue;
    }
    const anchor = row.cells.find((c) => ((c.role === 'label' || c.role === 'header') && oneLine(c.text).trim() !== '' && !c.spec.text?.zh.includes('{unitName}')) || c.prefix) ?? null;
    steps.push({
      kind: 'row',
      grid: row,
      anchor,
      anchorText: anchor ? oneLine(anchor.prefix ?? anchor.text) : '',
      required: row.cells.some((c) => c.role === 'input'),
    });
  }
  return steps;
}

/** A cell's field label after the form's name, an item named by what the sheet's row calls it. */
const partsLabel = (cell: GridCell, words: Record<string, string>, name: string | null) =>
  (cell.labelParts ?? []).map((p) => ('list' in p ? resolveLabel(p.itemLabel, { ...words, name: name ?? p.id }).zh : p.zh)).join(' › ');

interface FormRead {
  r: Reader;
  /** The sheet row after the form's last row (the footer follows). */
  end: number;
}

function readForm(ws: ExcelJS.Worksheet, form: ExpandedForm, doc: PackageDocument, base: PackageDocument): FormRead {
  const r = new Reader(ws);
  const { layout, words } = form;
  const sheetName = layout.name.zh;
  const text = (row: number, col: number) => cellText(ws.getCell(row, col));
  const master = (row: number, col: number) => {
    const c = ws.getCell(row, col);
    return c.isMerged ? c.master : c;
  };
  r.ignore(ws.getCell(1, 1), '标题', '标题由系统根据评价年度生成');
  if (form.subtitle) {
    const lead = oneLine(form.subtitle).split(/[:：]/)[0]!;
    for (let row = 2; row <= 3; row++) if (sameLabel(text(row, 1), lead)) r.ignore(ws.getCell(row, 1), lead, FIXED_TEXT);
  }
  const helpers = helperColumns(form);
  const steps = stepsOf(form);
  const rowMatches = (row: number, step: Extract<Step, { kind: 'row' }>) => !!step.anchor && sameLabel(text(row, step.anchor.col + 1), step.anchorText);
  const findRow = (step: Extract<Step, { kind: 'row' }>, from: number) => {
    for (let row = from; row <= ws.rowCount; row++) if (rowMatches(row, step)) return row;
    return null;
  };
  const firstAnchored = steps.find((s): s is Extract<Step, { kind: 'row' }> => s.kind === 'row' && s.required && !!s.anchor);
  if (firstAnchored && findRow(firstAnchored, 1) === null) {
    throw structural(`「${sheetName}」中找不到「${firstAnchored.anchorText}」：这不是本系统的${sheetName}模板`);
  }

  let cursor = 1;
  steps.forEach((step, i) => {
    if (step.kind === 'row') {
      let row: number | null;
      if (!step.anchor) row = cursor;
      else if (step.required) row = findRow(step, cursor);
      else {
        // A row with nothing to type (a header, a total, "……") is taken only before the next row that must be there.
        const found = findRow(step, cursor);
        const nextRequired = steps.slice(i + 1).find((s): s is Extract<Step, { kind: 'row' }> => s.kind === 'row' && s.required && !!s.anchor);
        const limit = nextRequired ? (findRow(nextRequired, cursor) ?? Infinity) : Infinity;
        row = found !== null && found < limit ? found : null;
      }
      if (row === null) {
        if (step.required) throw structural(`「${sheetName}」中找不到「${step.anchorText}」行：请使用本系统导出的模板`);
        return;
      }
      readStaticRow(r, ws, step.grid, row, doc, words);
      cursor = row + 1;
      return;
    }
    // A group runs from here to the next static row that can be found.
    let end = ws.rowCount + 1;
    for (const next of steps.slice(i + 1)) {
      if (next.kind !== 'row' || !next.anchor) continue;
      const found = findRow(next, cursor);
      if (found !== null) {
        end = found;
        break;
      }
    }
    // Without a following row (a form's last group), the footer ends it.
    for (let row = cursor; row < end; row++) {
      const first = rowCells(ws, row, MAX_COL).map(({ cell }) => cellText(cell)).find((t) => t.trim() !== '') ?? '';
      if (form.footer.some((f) => normalizeLabel(first).startsWith(normalizeLabel(f.text)))) {
        end = row;
        break;
      }
    }
    const headerAbove = (col: number) =>
      form.rows
        .slice(0, step.template.index)
        .flatMap((x) => x.cells)
        .filter((c) => c.header && c.col === col)
        .pop();
    readGroup(r, ws, step.spec, step.template, cursor, end, doc, base, words, helpers, master, headerAbove, form.item);
    cursor = end;
  });
  return { r, end: cursor };
}

function readStaticRow(r: Reader, ws: ExcelJS.Worksheet, grid: GridRow, row: number, doc: PackageDocument, words: Record<string, string>): void {
  for (const cell of grid.cells) {
    const at = ws.getCell(row, cell.col + 1 + (cell.prefix !== undefined ? cell.colSpan - 1 : 0));
    const label = partsLabel(cell, words, null);
    if (cell.role === 'computed') r.ignore(at, label);
    else if (cell.role === 'filled') r.ignore(at, label, WORKFLOW);
    else if (cell.role === 'label' && cell.spec.text?.zh.includes('{unitName}')) {
      const header = grid.cells.find((c) => c.role === 'header');
      r.ignore(at, header ? oneLine(header.text) : oneLine(cell.text), '由系统根据账号所属单位填写');
    }
    if (cell.role !== 'input' || !cell.path) continue;
    if (cell.prefix !== undefined && readCell(at).kind === 'empty') {
      // "其中：一般公共预算：150.31" in the label cell, as on the paper form.
      const labelCell = ws.getCell(row, cell.col + 1);
      const t = normalizeLabel(cellText(labelCell));
      const rest = t.slice(normalizeLabel(cell.prefix).length).replace(/^[:：]/, '');
      if (rest) {
        const p = parseMoney(rest);
        if (!p.ok) r.issue(labelCell, `${label}：「${rest}」${p.messageZh}`);
        else {
          r.record(labelCell, cell.path, p.value);
          setAt(doc, cell.path, p.value);
        }
        continue;
      }
    }
    const v = readValue(r, at, cell, cell.path, label);
    if (v !== undefined) setAt(doc, cell.path, v);
  }
}

/** One input cell by its format; undefined when it cannot be used (an issue is recorded). */
function readValue(r: Reader, at: ExcelJS.Cell, cell: GridCell, path: string, label: string): unknown {
  switch (cell.format) {
    case 'money4':
      return r.money(at, path, label);
    case 'signedMoney4':
      return r.money(at, path, label, true);
    case 'count':
      return r.count(at, path, label);
    case 'area':
      return r.decimal(at, path, label, 4, '(?:㎡|m2|平方米)');
    case 'points':
      return r.decimal(at, path, label, 2, '分');
    default:
      return r.text(at, path, label);
  }
}

function readGroup(
  r: Reader,
  ws: ExcelJS.Worksheet,
  spec: ListRows | IndicatorRows,
  template: GridRow,
  from: number,
  to: number,
  doc: PackageDocument,
  base: PackageDocument,
  words: Record<string, string>,
  helpers: Map<string, number>,
  master: (row: number, col: number) => ExcelJS.Cell,
  headerAbove: (col: number) => GridCell | undefined,
  item: ExpandedForm['item'],
): void {
  const listPath = bindPath(spec.list, item?.path, item?.id);
  const previous = ((valueAt(base, listPath) as { id: string }[] | undefined) ?? []) as unknown as Record<string, unknown>[];
  const ids = new Ids(spec.idPrefix);
  const used = new Set<string>();
  const cells = template.cells.filter((c) => !c.level);
  const levelCol = (level: 'level1' | 'level2') => template.cells.find((c) => c.level === level)?.col;
  const idHelper = (spec.helpers ?? []).find((h) => !h.field);
  const idCol = idHelper ? helpers.get(idHelper.header.zh) : undefined;
  const operatorHelper = (spec.helpers ?? []).find((h) => h.format === 'operator');
  const operatorCol = operatorHelper ? helpers.get(operatorHelper.header.zh) : undefined;
  const field = (c: GridCell) => (c.spec.field ?? '').replace(/^\$\.?/, '');
  const nameCell = cells.find((c) => field(c) === 'name');
  const placeholder = spec.kind === 'list' && spec.placeholder ? spec.placeholder : PLACEHOLDER;
  const items: Record<string, unknown>[] = [];
  const itemText = (name: string) => resolveLabel(spec.itemLabel, { ...words, name }).zh;
  const l2Cell = template.cells.find((c) => c.level === 'level2');
  const levelHeader = l2Cell ? oneLine(headerAbove(l2Cell.col)?.text ?? '') : '';

  for (let row = from; row < to; row++) {
    const at = (c: GridCell) => ws.getCell(row, c.col + 1);
    const inputs = cells.filter((c) => c.role === 'input');
    const name = nameCell ? cellText(at(nameCell)).trim() : '';
    const others = inputs.filter((c) => c !== nameCell && field(c) !== 'id');
    const anyValue = others.some((c) => readCell(at(c)).kind !== 'empty');
    const code = inputs.find((c) => c.format === 'code');
    const codeText = code ? cellText(at(code)).trim() : '';
    if (!anyValue && !codeText && (name === '' || placeholder.test(normalizeLabel(name)))) continue;

    let levels: { level1: Level1; level2: Level2 } | null = null;
    if (spec.kind === 'indicators') {
      const l2 = levelCol('level2');
      const l2Text = l2 !== undefined ? cellText(master(row, l2 + 1)) : '';
      levels = matchLevel2(l2Text);
      if (!levels) {
        r.issue(master(row, (l2 ?? 0) + 1), `${itemText(name)}：无法识别${levelHeader}「${l2Text.replace(/\s+/g, '')}」`);
        continue;
      }
    }
    const fileId = idCol ? cellText(ws.getCell(row, idCol)).trim() : '';
    const match = previous.find(
      (p) => !used.has(String(p.id)) && spec.matchBy.every((k) => (k === 'name' ? p.name === name : levels ? p[k] === levels[k as 'level1' | 'level2'] : true)),
    );
    const id = ids.take(ID_PATTERN.test(fileId) ? fileId : null, codeText ? `${spec.idPrefix}-${codeText}` : null, match ? String(match.id) : null);
    used.add(id);
    const itemPath = `${listPath}[${id}]`;
    const itemName = name || (codeText ? codeText : String(row));
    const label = (c: GridCell) => partsLabel(c, words, itemName);
    const item: Record<string, unknown> = { id };
    let ok = true;
    const texts: Record<string, string> = {};
    for (const c of cells) {
      if (c.role === 'computed') r.ignore(at(c), label(c));
      if (c.role !== 'input') continue;
      const f = field(c);
      if (c.format === 'code') continue;
      if (c.format === 'target' || c.format === 'actual') {
        const v = r.text(at(c), null, label(c));
        if (v === undefined) ok = false;
        else texts[f] = v;
        continue;
      }
      const v = readValue(r, at(c), c, `${itemPath}.${f}`, label(c));
      if (v === undefined) ok = false;
      else item[f] = v;
    }
    if (!ok) continue;
    if (spec.kind === 'indicators' && levels) {
      const target = cells.find((c) => c.format === 'target')!;
      const actual = cells.find((c) => c.format === 'actual')!;
      const ta = readTargetActual(
        r,
        { target: at(target), actual: at(actual) },
        { target: texts[field(target)] ?? '', actual: texts[field(actual)] ?? '', operator: operatorCol ? cellText(ws.getCell(row, operatorCol)) : '' },
        levels.level1,
        label(actual),
      );
      if (!ta) continue;
      // A cell that still reads as the draft's own row prints it keeps the draft's value (its typed wording included).
      const mine = previous.find((p) => p.id === id) as unknown as IndicatorRow | undefined;
      const same = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
      if (mine && same(formatTarget(mine.target), texts[field(target)] ?? '')) {
        ta.target = mine.target;
        if (same(actualEntryText(mine.actual, mine.target), texts[field(actual)] ?? '')) ta.actual = mine.actual;
      }
      r.record(at(target), `${itemPath}.target`, ta.target);
      r.record(at(actual), `${itemPath}.actual`, ta.actual);
      if (item.weight === null) {
        r.issue(at(cells.find((c) => field(c) === 'weight')!), `${label(cells.find((c) => field(c) === 'weight')!)}：未填写`);
        continue;
      }
      items.push({ id, level1: levels.level1, level2: levels.level2, name: item.name, target: ta.target, actual: ta.actual, weight: item.weight, score: item.score, deviationReason: item.deviationReason });
      continue;
    }
    items.push(item);
  }
  setAt(doc, listPath, items);
}

/** 填表人 and 联系电话 are the unit's (the layout's footer fields); 填报日期 and the signature come from the workflow. */
function readFooter(ws: ExcelJS.Worksheet, r: Reader, layout: FormLayout, from: number, doc: PackageDocument): void {
  const items = layout.footer ?? [];
  if (!items.length) return;
  const re = new RegExp(`^(${items.map((i) => i.label.zh).join('|')})\\s*[:：]\\s*(.*)$`, 's');
  const found = new Map<string, string | null>();
  for (let row = from; row <= Math.min(ws.rowCount, from + 6); row++) {
    for (const { cell } of rowCells(ws, row, MAX_COL)) {
      const m = re.exec(cellText(cell).trim());
      if (!m) continue;
      const item = items.find((i) => i.label.zh === m[1])!;
      const value = m[2]!.trim();
      if (item.field) {
        found.set(item.field, value || null);
        r.record(cell, item.field, value || null);
      } else if (value) r.ignored.push({ cell: where(ws, cell), label: item.label.zh, value, reason: WORKFLOW });
    }
  }
  for (const [path, value] of found) setAt(doc, path, value);
}

function laidOut(layout: FormLayout, set: FormSet, base: PackageDocument, options: PackageImportOptions, itemId?: string): ExpandedForm {
  const probe = probeDocument([layout], base);
  if (layout.perItem && itemId) {
    // The probe's one item takes the sheet's id, so the cells bind to that item's paths.
    setAt(probe, layout.perItem.list, [{ ...(valueAt(probe, `${layout.perItem.list}[${PROBE}]`) as object), id: itemId }]);
  }
  return expandForm(layout, {
    ...(layout.perItem && itemId ? { item: { id: itemId } } : {}),
    document: probe,
    figures: computeFigures(probe, options.template),
    template: options.template,
    words: formWords(options.context, set.words),
    overrides: set.labelOverrides,
    medium: 'sheet',
  });
}

/**
 * A per-item form (one sheet per item, "项目支出绩效自评表（1）"…): each sheet reads into the
 * item whose id it carries (a new item when it carries none), the sheets together making the
 * list; fields no sheet shows keep the draft's values.
 */
function readPerItem(wb: ExcelJS.Workbook, layout: FormLayout, set: FormSet, base: PackageDocument, document: PackageDocument, options: PackageImportOptions): Reader[] {
  const perItem = layout.perItem!;
  const key = normalizeLabel(layout.name.zh);
  const sheets = wb.worksheets.filter((ws) => normalizeLabel(ws.name).startsWith(key));
  const previous = ((valueAt(base, perItem.list) as { id: string }[] | undefined) ?? []);
  const ids = new Ids(perItem.idPrefix);
  const idCol = (id: string) => helperColumns(laidOut(layout, set, base, options, id)).get(perItem.itemLabel.zh)!;
  const col = idCol(PROBE);
  const items = sheets.map((ws) => {
    const id = ids.take(cellText(ws.getCell(1, col)).trim());
    return { ws, id, item: { ...structuredClone(previous.find((p) => p.id === id) ?? {}), id } };
  });
  setAt(document, perItem.list, items.map((i) => i.item));
  return items.map(({ ws, id }) => {
    const form = laidOut(layout, set, base, options, id);
    const { r, end } = readForm(ws, form, document, base);
    readFooter(ws, r, layout, end, document);
    return r;
  });
}

/**
 * Reads a filled official template (the workbook the export writes) into a copy of the draft,
 * each sheet by walking its form's layout: rows are found by their labels, list rows between
 * them; input cells are read by their format; computed cells are reported and ignored;
 * formulas in input cells are refused. Throws FILE_REJECTED for a file that is not the
 * template and VALIDATION_FAILED (details.issues: [{ cell, messageZh }]) for cells that cannot be used.
 */
export function importPackageWorkbook(wb: ExcelJS.Workbook, base: PackageDocument, options: PackageImportOptions): PackageImportResult {
  const set = options.formSet ?? formSetOf(null);
  const layouts = set.forms.filter((f) => !f.perItem);
  const sheets = layouts.map((layout) => ({ layout, ws: findSheet(wb, layout.name.zh) }));
  const document: PackageDocument = structuredClone(base);
  const readers: Reader[] = [];
  const keptFromDraft: string[] = [];
  const missing = sheets.filter((s) => !s.ws && s.layout.printed).map((s) => s.layout.name.zh);
  if (missing.length) {
    throw new DomainError(ErrorCode.FILE_REJECTED, `工作簿中缺少工作表「${missing.join('」「')}」（现有：${wb.worksheets.map((w) => w.name).join('、') || '无'}）：请使用本系统导出的模板`, {
      sheets: wb.worksheets.map((w) => w.name),
    });
  }
  for (const layout of set.forms.filter((f) => f.perItem)) readers.push(...readPerItem(wb, layout, set, base, document, options));
  for (const { layout, ws } of sheets) {
    if (!ws) {
      keptFromDraft.push(`${layout.name.zh}（工作簿中没有此表，保留草稿原值）`);
      continue;
    }
    const form = laidOut(layout, set, base, options);
    const { r, end } = readForm(ws, form, document, base);
    readFooter(ws, r, layout, end, document);
    readers.push(r);
  }
  // The file replaces the tables it carries: what was typed into them and kept as not-a-number goes too.
  dropInvalidInputsUnder(document, [...new Set(readers.flatMap((r) => r.imported.map((i) => i.path.split(/[.[]/)[0]!)))]);
  const issues = readers.flatMap((r) => r.issues);
  if (!issues.length) {
    const parsed = parsePackageDocument(document);
    if (!parsed.ok) {
      const cellOf = new Map(readers.flatMap((r) => [...r.cellOfPath]));
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
    imported: readers.flatMap((r) => r.imported),
    ignored: readers.flatMap((r) => r.ignored),
    keptFromDraft: [...keptFromDraft, 'report（自评报告各章节不在Excel中，保留草稿原文）', 'explanations（警告说明不在Excel中，保留草稿原文）'],
  };
}
