/**
 * A layout laid out for one document: every cell placed on the grid (row, column, spans, as
 * an HTML table or a worksheet places it), its text resolved and its value formatted. Each
 * medium draws an ExpandedForm; none of them walks the row specs itself, so they cannot
 * disagree on what a row contains, where it goes, or what a field is called.
 */
import type { ComputedFigures } from '../package/calculations.js';
import { compareDecimal, trimDecimal } from '../package/money.js';
import type { Decimal } from '../package/money.js';
import { LEVEL1, LEVEL1_LABELS, LEVEL2_BY_LEVEL1, LEVEL2_LABELS } from '../package/model.js';
import type { IndicatorRow, Level1, Level2, PackageDocument } from '../package/model.js';
import { levelWeight, scoringLevel } from '../package/template.js';
import type { EvaluationTemplate } from '../package/template.js';
import { entryText, printText } from './format.js';
import type { CellFormat, CellRole, CellSpec, FooterItem, FormLayout, IndicatorRows, Label, ListRows, Medium, RowSpec, SheetHelper } from './types.js';
import { fillWords, oneLine, resolveLabel, type FormWords } from './words.js';

export interface FormInput {
  document: PackageDocument;
  figures: ComputedFigures;
  template: EvaluationTemplate;
  words: FormWords;
  /** Cell texts a form set overrides, by cell key. */
  overrides?: Record<string, Label>;
  /** Rows limited to a medium are left out elsewhere. */
  medium: Medium;
  /** For a per-item layout: the item this copy of the form is about. */
  item?: { id: string };
  /** Values of filled cells by name (workflow and campaign facts); an absent one prints empty. */
  filled?: Record<string, string | null | undefined>;
}

/** A part of a field label: fixed text, or an item named by the document. */
export type LabelPart = Label | { list: string; itemLabel: Label; id: string };

export interface GridCell {
  /** 0-based row of the expanded table and column of the grid. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  role: CellRole;
  /** What paper shows: the label, the formatted value, "——". */
  text: string;
  /** What an input shows for editing (inputs only). */
  entry?: string;
  /** The bound or computed value (raw). */
  value?: unknown;
  /** The document path of an input ("basicData.projects.specialFunds[sf-1].currentBudget"). */
  path?: string;
  /** The computeFigures figure a computed cell shows ("buildings[bld-1].areaControlRate"). */
  computed?: string;
  format?: CellFormat;
  align: 'left' | 'center' | 'right';
  indent: number;
  vertical: boolean;
  small: boolean;
  header: boolean;
  /** A labelled value's label ("其中：一般公共预算"). */
  prefix?: string;
  /** A merged 一级/二级指标 cell of the indicator block. */
  level?: 'level1' | 'level2';
  /** The field's name after the form's name ("三公经费 › 公务接待 › 2024年预算数"), for inputs and computed cells. */
  labelParts?: LabelPart[];
  spec: CellSpec;
}

export interface GridRow {
  index: number;
  /** row: a static row; item: a list item; empty: the placeholder row of an empty list (or a 二级指标 with no indicator). */
  source: 'row' | 'item' | 'empty';
  /** The row spec's id (static rows) or the group's id (list/indicator rows). */
  specId?: string;
  group?: ListRows | IndicatorRows;
  itemId?: string;
  itemPath?: string;
  item?: unknown;
  level1?: Level1;
  level2?: Level2;
  cells: GridCell[];
  /** Sheet-only values beside the row (ids, 比较方式). */
  helpers: { spec: SheetHelper; text: string }[];
  minHeight?: number;
  className?: string;
  repeatOnEachPage: boolean;
}

export interface ExpandedForm {
  layout: FormLayout;
  title: string;
  subtitle: string | null;
  rows: GridRow[];
  notes: string[];
  footer: (FooterItem & { text: string })[];
  /** The first row of each group (list/indicator) by its id, and its last row. */
  groups: Record<string, { first: number; last: number }>;
  /** The campaign words the form was laid out with. */
  words: FormWords;
  /** The item a per-item form is about ("projectEvaluations[p-1]"); null for a form of the whole package. */
  item: { id: string; path: string } | null;
}

// ---------------------------------------------------------------------------------------
// Reading values

interface Segment {
  key: string;
  item?: string;
}

/** Splits "a.b[id].c" (the paths.ts syntax; ids have no dots or brackets). */
function segments(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)\[([^\]]*)\]$/.exec(part);
    out.push(m ? { key: m[1]!, item: m[2]! } : { key: part });
  }
  return out;
}

/** The value at a path of the document (or of the figures); list items by id. undefined when absent. */
export function valueAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const s of segments(path)) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s.key];
    if (s.item !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((x: unknown) => (x as { id?: unknown })?.id === s.item);
    }
  }
  return cur;
}

/**
 * Sets the value at a path of a document (list items by id; the item must exist). Returns
 * false when a parent is missing, so a caller never writes somewhere it did not mean to.
 */
export function setAt(root: unknown, path: string, value: unknown): boolean {
  const segs = segments(path);
  let cur: unknown = root;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (cur === null || typeof cur !== 'object') return false;
    const obj = cur as Record<string, unknown>;
    const lastSeg = i === segs.length - 1;
    if (s.item === undefined) {
      if (lastSeg) {
        obj[s.key] = value;
        return true;
      }
      cur = obj[s.key];
      continue;
    }
    const list = obj[s.key];
    if (!Array.isArray(list)) return false;
    const at = list.findIndex((x: unknown) => (x as { id?: unknown })?.id === s.item);
    if (at === -1) return false;
    if (lastSeg) {
      list[at] = value;
      return true;
    }
    cur = list[at];
  }
  return false;
}

/** "$.name" in item "basicData.buildings[bld-1]" → "basicData.buildings[bld-1].name"; "buildings[$]" → "buildings[bld-1]". */
export function bindPath(path: string, itemPath: string | undefined, itemId: string | undefined): string {
  if (path === '$') return itemPath ?? path;
  let out = path.startsWith('$.') && itemPath ? `${itemPath}${path.slice(1)}` : path;
  if (itemId !== undefined) out = out.replace(/\[\$\]/g, `[${itemId}]`);
  return out;
}

// ---------------------------------------------------------------------------------------
// The 绩效指标 block

export interface IndicatorBlock {
  level1: Level1;
  /** The template's weight of this level ("40"). */
  weight: Decimal;
  level2s: { level2: Level2; rows: IndicatorRow[] }[];
}

/**
 * The indicator rows as the form prints them: under each 一级指标 the rows that count towards
 * it. When the template gives 成本 no weight (the national 10/50/30/10), cost rows count
 * towards 产出 (scoringLevel) and print under 产出指标 with their own 二级指标; a 一级指标
 * with no weight and no rows is left out.
 */
export function indicatorBlocks(indicators: readonly IndicatorRow[], template: EvaluationTemplate): IndicatorBlock[] {
  const blocks: IndicatorBlock[] = [];
  for (const l1 of LEVEL1) {
    const rows = indicators.filter((r) => LEVEL1.includes(r.level1) && scoringLevel(template, r.level1) === l1);
    const own = LEVEL2_BY_LEVEL1[l1].map((level2) => ({ level2, rows: rows.filter((r) => r.level2 === level2) }));
    const folded = LEVEL1.filter((o) => o !== l1)
      .flatMap((o) => LEVEL2_BY_LEVEL1[o])
      .map((level2) => ({ level2, rows: rows.filter((r) => r.level2 === level2) }))
      .filter((g) => g.rows.length > 0);
    const weight = levelWeight(template, l1);
    if (rows.length === 0 && compareDecimal(weight, '0') === 0) continue;
    blocks.push({ level1: l1, weight, level2s: [...own, ...folded] });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------
// Expansion

interface Occupied {
  /** Rows still covered below the current one, or until the row spec with this id ends. */
  rows: number;
  through?: string;
  cell: GridCell;
}

class Builder {
  rows: GridRow[] = [];
  groups: Record<string, { first: number; last: number }> = {};
  private occupied: (Occupied | null)[];
  private headerAt: (GridCell | null)[];
  private throughCells: { cell: GridCell; through: string }[] = [];

  constructor(
    readonly layout: FormLayout,
    readonly input: FormInput,
  ) {
    this.occupied = layout.columns.map(() => null);
    this.headerAt = layout.columns.map(() => null);
  }

  label(spec: { text?: Label; key?: string }): Label {
    const base = (spec.key && this.input.overrides?.[spec.key]) || spec.text || { zh: '', en: '' };
    return resolveLabel(base, this.input.words);
  }

  /** Places a row's cells into the free columns, left to right. */
  addRow(
    specs: readonly CellSpec[],
    meta: Omit<GridRow, 'index' | 'cells' | 'helpers' | 'repeatOnEachPage'> & { repeatOnEachPage?: boolean },
    cellText: (spec: CellSpec) => Partial<GridCell>,
  ): GridRow {
    const index = this.rows.length;
    const row: GridRow = { ...meta, index, cells: [], helpers: [], repeatOnEachPage: meta.repeatOnEachPage ?? false };
    let col = 0;
    for (const spec of specs) {
      while (col < this.occupied.length && this.occupied[col]) col++;
      if (col >= this.occupied.length) throw new Error(`layout ${this.layout.id}: row ${index} has more cells than columns`);
      const colSpan = spec.cols ?? 1;
      const rowSpan = typeof spec.rows === 'number' ? spec.rows : 1;
      const cell: GridCell = {
        row: index,
        col,
        rowSpan,
        colSpan,
        role: spec.role,
        text: '',
        align: spec.align ?? 'center',
        indent: spec.indent ?? 0,
        vertical: spec.vertical ?? false,
        small: spec.small ?? false,
        header: spec.role === 'header',
        spec,
        ...cellText(spec),
      };
      if (spec.format) cell.format = spec.format;
      row.cells.push(cell);
      const covering: Occupied | null =
        typeof spec.rows === 'object' ? { rows: Infinity, through: spec.rows.through, cell } : rowSpan > 1 ? { rows: rowSpan - 1, cell } : null;
      if (typeof spec.rows === 'object') this.throughCells.push({ cell, through: spec.rows.through });
      for (let c = col; c < col + colSpan; c++) {
        this.occupied[c] = covering;
        if (cell.header) this.headerAt[c] = cell;
      }
      col += colSpan;
    }
    this.rows.push(row);
    // The cells covering this row from above move on by one row.
    for (let c = 0; c < this.occupied.length; c++) {
      const o = this.occupied[c];
      if (o && o.cell.row !== index && o.rows !== Infinity) {
        o.rows -= 1;
        if (o.rows <= 0) this.occupied[c] = null;
      } else if (o && o.cell.row === index && o.rows !== Infinity && o.rows <= 0) this.occupied[c] = null;
    }
    return row;
  }

  /** Ends a row spec: cells spanning through it stop at its last row. */
  endSpec(id: string | undefined, first: number): void {
    if (!id) return;
    const last = this.rows.length - 1;
    this.groups[id] = { first, last };
    for (const t of this.throughCells) {
      if (t.through !== id) continue;
      t.cell.rowSpan = Math.max(1, last - t.cell.row + 1);
      for (let c = 0; c < this.occupied.length; c++) if (this.occupied[c]?.cell === t.cell) this.occupied[c] = null;
    }
  }

  /** The block cell covering column 0 of the next row from above (财政供养人员情况, 年度预算申请 …). */
  blockAbove(): GridCell | null {
    return this.occupied[0]?.cell ?? null;
  }

  columnHeader(col: number): GridCell | null {
    return this.headerAt[col] ?? null;
  }
}

/** A row or column name in field labels: printed text on one line, without list numbering, 其中 or a closing colon. */
function shortName(text: string): string {
  return oneLine(text)
    .replace(/^(?:\d{1,2}|[一二三四五六七八九十]{1,3})、/, '')
    .replace(/^其中[:：]/, '')
    .replace(/[:：]$/, '');
}

function figure(input: FormInput, path: string): unknown {
  return valueAt(input.figures, path);
}

/** Lays a form out for a document. Pure; never throws on a document that passed parsePackageDocument. */
export function expandForm(layout: FormLayout, input: FormInput): ExpandedForm {
  const b = new Builder(layout, input);
  const words = input.words;
  const perItem = layout.perItem && input.item ? { path: `${layout.perItem.list}[${input.item.id}]`, id: input.item.id } : null;

  /** Text, value and path of a cell for the current item (or none). */
  const fill = (spec: CellSpec, ctx: { itemPath?: string; itemId?: string; item?: unknown } = {}): Partial<GridCell> => {
    const itemPath = ctx.itemPath ?? perItem?.path;
    const itemId = ctx.itemId ?? perItem?.id;
    switch (spec.role) {
      case 'label':
      case 'header':
        return { text: b.label(spec).zh };
      case 'filled':
        return { text: input.filled?.[spec.fill ?? ''] ?? '', ...(spec.prefix ? { prefix: resolveLabel(spec.prefix, words).zh } : {}) };
      case 'notApplicable':
        return { text: '——' };
      case 'blank':
        return { text: '' };
      case 'computed': {
        const computed = bindPath(spec.computed ?? '', itemPath, itemId);
        const value = figure(input, computed);
        return { computed, value, text: printText(spec.format, value, ctx.item), ...(spec.prefix ? { prefix: resolveLabel(spec.prefix, words).zh } : {}) };
      }
      case 'input': {
        const path = bindPath(spec.field ?? '', itemPath, itemId);
        const value = valueAt(input.document, path);
        const item = ctx.item ?? (itemPath ? valueAt(input.document, itemPath) : undefined);
        return {
          path,
          value,
          text: printText(spec.format, value, item),
          entry: entryText(spec.format, value, item),
          ...(spec.prefix ? { prefix: resolveLabel(spec.prefix, words).zh } : {}),
        };
      }
    }
  };

  const parentOf = (p?: Label): LabelPart[] => (p ? [resolveLabel(p, words)] : []);
  const nameOf = (cell: GridCell): Label => {
    const l = resolveLabel(cell.spec.name ?? (cell.spec.key ? input.overrides?.[cell.spec.key] : undefined) ?? cell.spec.text ?? { zh: cell.text, en: cell.text }, words);
    return { zh: shortName(l.zh), en: shortName(l.en) };
  };

  for (const spec of layout.rows) {
    const first = b.rows.length;
    if (spec.kind === 'row') {
      if (spec.media && !spec.media.includes(input.medium)) continue;
      if (spec.onlyWithFilled && !(input.filled && spec.onlyWithFilled in input.filled)) continue;
      const block = b.blockAbove();
      const row = b.addRow(
        spec.cells,
        { source: 'row', ...(spec.id ? { specId: spec.id } : {}), ...(spec.minHeight ? { minHeight: spec.minHeight } : {}), ...(spec.className ? { className: spec.className } : {}), repeatOnEachPage: spec.repeatOnEachPage ?? false },
        (c) => fill(c),
      );
      for (const cell of row.cells) {
        if (cell.role !== 'input' && cell.role !== 'computed' && cell.role !== 'filled') continue;
        const before: LabelPart[] = [...(block ? [nameOf(block)] : []), ...parentOf(spec.parent)];
        const left = row.cells.filter((c) => c.col < cell.col && (c.role === 'label' || c.role === 'header'));
        const rowHeader = left.find((c) => c.role === 'header');
        const rowLabel = spec.name ? resolveLabel(spec.name, words) : left[0] ? nameOf(left[0]) : null;
        const header = b.columnHeader(cell.col);
        cell.labelParts = cell.spec.name
          ? [...before, resolveLabel(cell.spec.name, words)]
          : rowHeader
            ? [...before, nameOf(rowHeader)]
            : [...before, ...(rowLabel ? [rowLabel] : []), ...(header && header.row < row.index ? [nameOf(header)] : [])];
      }
      b.endSpec(spec.id, first);
      continue;
    }
    const listPath = bindPath(spec.list, perItem?.path, perItem?.id);
    const items = (valueAt(input.document, listPath) as { id: string }[] | undefined) ?? [];
    const itemRow = (item: { id: string }, cells: readonly CellSpec[], extra: Partial<GridRow>, levelCells: CellSpec[] = []) => {
      const itemPath = `${listPath}[${item.id}]`;
      const row = b.addRow(
        [...levelCells, ...cells],
        { source: 'item', specId: spec.id, group: spec, itemId: item.id, itemPath, item, ...(spec.kind === 'list' && spec.className ? { className: spec.className } : {}), ...extra },
        (c) => fill(c, { itemPath, itemId: item.id, item }),
      );
      for (const cell of row.cells) {
        if (cell.role !== 'input' && cell.role !== 'computed') continue;
        const header = b.columnHeader(cell.col);
        cell.labelParts = [
          ...parentOf(spec.kind === 'list' ? spec.parent : undefined),
          { list: listPath, itemLabel: spec.itemLabel, id: item.id },
          ...(cell.spec.name ? [resolveLabel(cell.spec.name, words)] : header ? [nameOf(header)] : []),
        ];
      }
      row.helpers = (spec.helpers ?? []).map((h) => ({
        spec: h,
        text: h.field ? printText(h.format, valueAt(input.document, bindPath(h.field, itemPath, item.id)), item) : item.id,
      }));
      return row;
    };
    if (spec.kind === 'list') {
      if (items.length === 0) b.addRow(spec.empty, { source: 'empty', specId: spec.id, group: spec, ...(spec.className ? { className: spec.className } : {}) }, (c) => fill(c));
      for (const item of items) itemRow(item, spec.cells, {});
    } else {
      const rows = items as unknown as IndicatorRow[];
      for (const block of indicatorBlocks(rows, input.template)) {
        const l1Text = fillWords(resolveLabel(spec.level1Text, words).zh, { level1: LEVEL1_LABELS[block.level1].zh, weight: trimDecimal(block.weight) });
        const span = block.level2s.reduce((n, g) => n + Math.max(1, g.rows.length), 0);
        let firstOfBlock = true;
        for (const g of block.level2s) {
          const levelCells: CellSpec[] = [];
          const l2Span = Math.max(1, g.rows.length);
          const l1Spec: CellSpec = { ...spec.level1, role: 'label', rows: span, text: { zh: l1Text, en: l1Text } };
          const l2Spec: CellSpec = { ...spec.level2, role: 'label', rows: l2Span, text: { zh: LEVEL2_LABELS[g.level2].zh, en: LEVEL2_LABELS[g.level2].en } };
          const mark = (row: GridRow, withL1: boolean) => {
            const cells = row.cells;
            if (withL1) cells[0]!.level = 'level1';
            cells[withL1 ? 1 : 0]!.level = 'level2';
          };
          if (g.rows.length === 0) {
            const row = b.addRow([...(firstOfBlock ? [l1Spec] : []), l2Spec, ...spec.empty], { source: 'empty', specId: spec.id, group: spec, level1: block.level1, level2: g.level2 }, (c) => fill(c),
            );
            mark(row, firstOfBlock);
            firstOfBlock = false;
            continue;
          }
          g.rows.forEach((r, i) => {
            if (i === 0) {
              if (firstOfBlock) levelCells.push(l1Spec);
              levelCells.push(l2Spec);
            }
            const row = itemRow(r, spec.cells, { level1: block.level1, level2: g.level2 }, i === 0 ? levelCells : []);
            if (i === 0) mark(row, firstOfBlock);
            firstOfBlock = false;
          });
        }
      }
    }
    b.endSpec(spec.id, first);
  }

  const footer = (layout.footer ?? []).map((f) => ({ ...f, text: resolveLabel(f.label, words).zh }));
  return {
    layout,
    title: resolveLabel(layout.title, words).zh,
    subtitle: layout.sheetSubtitle ? resolveLabel(layout.sheetSubtitle, words).zh : null,
    rows: b.rows,
    notes: (layout.notes ?? []).map((n) => resolveLabel(n, words).zh),
    footer,
    groups: b.groups,
    words,
    item: perItem ? { id: perItem.id, path: perItem.path } : null,
  };
}

/**
 * A label part as text: an item by its name in the document ("指标「人员保障」"); an unnamed one
 * by its row ("指标 第2行"), a removed one as such; never by its internal id.
 */
export function labelPartText(part: LabelPart, document: PackageDocument | undefined, words: Record<string, string>): Label {
  if (!('list' in part)) return part;
  const list = document ? valueAt(document, part.list) : undefined;
  const index = part.id.startsWith('#') ? Number(part.id.slice(1)) : Array.isArray(list) ? list.findIndex((x: unknown) => (x as { id?: unknown })?.id === part.id) : -1;
  const item = Array.isArray(list) ? (list[index] as { name?: unknown } | undefined) : undefined;
  const name = typeof item?.name === 'string' ? item.name.trim() : '';
  if (name) return resolveLabel(part.itemLabel, { ...words, name });
  const l = resolveLabel(part.itemLabel, words);
  const where = (zh: boolean) => (index >= 0 && (item || !document) ? (zh ? ` 第${index + 1}行` : ` row ${index + 1}`) : document ? (zh ? ' （已删除的行）' : ' (a removed row)') : '');
  return { zh: l.zh.replace(/ ?「\{name\}」| ?\{name\}/, where(true)), en: l.en.replace(/ ?"\{name\}"| ?\{name\}/, where(false)) };
}

/** The rows of all the given specs (for renderers that need to know a row spec by id). */
export function rowSpecById(layout: FormLayout, id: string): RowSpec | undefined {
  return layout.rows.find((r) => ('id' in r ? r.id === id : false));
}

/** The full label of an input or computed cell: "基础数据表 › 三公经费 › 公务接待 › 2024年预算数" (items named from the document). */
export function cellLabel(form: ExpandedForm, cell: GridCell, document?: PackageDocument): Label {
  const parts = [resolveLabel(form.layout.name, form.words), ...(cell.labelParts ?? []).map((p) => labelPartText(p, document, form.words))];
  return { zh: parts.map((p) => p.zh).join(' › '), en: parts.map((p) => p.en).join(' › ') };
}
