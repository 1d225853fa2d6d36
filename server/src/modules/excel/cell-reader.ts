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
  normalizeDecimal,
  parseDeadlineText,
  parseMoney,
  type IndicatorRow,
  type Level1,
  type Level2,
  type MoneyCell,
  type Operator,
  type QualitativeBand,
} from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { cellText, normalizeLabel, readCell, where, type CellRead } from './sheet-reader.js';

/** Reading one cell of an imported workbook by its format, with the issues and reports a person is shown. */

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

export const COMPUTED = '计算项：由系统根据填报数重新计算，不采用文件中的数值';
export const FIXED_TEXT = '固定文字由系统根据评价年度和单位生成，不从文件导入';
export const WORKFLOW = '由审批流程填写（报送日期、签章人），不从文件导入';
export const PLACEHOLDER = /^[.…。·、\-—无]*$/;

/** A number as Excel stored it, as a decimal string ("0.315"), float noise removed. */
export function numberToDecimal(n: number): string {
  let s = String(Number(n.toPrecision(15)));
  if (/e/i.test(s)) s = n.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

export class Reader {
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

export function structural(messageZh: string): DomainError {
  return new DomainError(ErrorCode.FILE_REJECTED, messageZh);
}

export class Ids {
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

/** The 二级指标 a level cell names ("社会成本指标"); its 一级 follows from it. */
export function matchLevel2(text: string): { level1: Level1; level2: Level2 } | null {
  const t = normalizeLabel(text);
  if (!t) return null;
  const level2 = LEVEL2.find((l) => t.startsWith(LEVEL2_LABELS[l].zh.replace(/指标$/, '')));
  if (!level2) return null;
  const level1 = LEVEL1.find((l) => LEVEL2_BY_LEVEL1[l].includes(level2))!;
  return { level1, level2 };
}

/** Target and actual from their cells' texts (the operator helper decides between a number and 定性). */
export function readTargetActual(
  r: Reader,
  cells: { target: ExcelJS.Cell; actual: ExcelJS.Cell },
  texts: { target: string; actual: string; operator: string },
  level1: Level1,
  actualLabel: string,
): { target: IndicatorRow['target']; actual: IndicatorRow['actual'] } | null {
  const opWord = texts.operator ? operatorWord(texts.operator) : null;
  const tParsed = parseValueText(texts.target);
  const qualitative = opWord === 'QUALITATIVE' || (texts.target !== '' && tParsed.value === null);
  // A deadline target ("9月前", "年底前", "2023年9月30日前"): the month as the value, a date as text.
  const deadline = opWord === 'BY' || (/(?:前|底|年内)$/.test(texts.target.replace(/\s+/g, '')) && parseDeadlineText(texts.target) !== null);
  if (deadline) {
    const asPoint = (text: string) => {
      const p = parseDeadlineText(text);
      return p && p.year === undefined && p.day === undefined ? { value: String(p.month), unit: '月' } : { value: null, unit: '', ...(text ? { text } : {}) };
    };
    return {
      target: { operator: 'BY', ...asPoint(texts.target), ...(texts.target ? { raw: texts.target } : {}) },
      actual: { ...asPoint(texts.actual), ...(texts.actual ? { raw: texts.actual } : {}) },
    };
  }
  if (qualitative) {
    // The band word, or the notice's fixed phrase (部分达成年度指标并具有一定效果 …), then the description.
    const m = /^(部分达成|未达成|达成)(?:年度指标(?:并具有一定效果|且效果较差)?)?\s*[:：]?\s*(.*)$/s.exec(texts.actual);
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
