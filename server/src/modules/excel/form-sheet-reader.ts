import type ExcelJS from 'exceljs';
import {
  ID_PATTERN,
  actualEntryText,
  bindPath,
  formatTarget,
  oneLine,
  parseMoney,
  resolveLabel,
  setAt,
  valueAt,
  type ExpandedForm,
  type FormLayout,
  type GridCell,
  type GridRow,
  type IndicatorRow,
  type IndicatorRows,
  type Level1,
  type Level2,
  type ListRows,
  type PackageDocument,
} from '@zipin/shared';
import { FIXED_TEXT, Ids, PLACEHOLDER, Reader, WORKFLOW, matchLevel2, readTargetActual, structural } from './cell-reader.js';
import { helperColumns } from './form-sheet.js';
import { cellText, normalizeLabel, readCell, rowCells, where } from './sheet-reader.js';

/**
 * ONE sheet reader for every official form: it walks the form's layout (laid out over a
 * probe document, so every row spec shows once) down the sheet, finding rows by their labels
 * and list rows between them, and reads each input cell by its format.
 */

const MAX_COL = 14;

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

export function readForm(ws: ExcelJS.Worksheet, form: ExpandedForm, doc: PackageDocument, base: PackageDocument): FormRead {
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
export function readFooter(ws: ExcelJS.Worksheet, r: Reader, layout: FormLayout, from: number, doc: PackageDocument): void {
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
