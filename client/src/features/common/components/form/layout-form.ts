/**
 * Walking a FormLayout on screen. The layout is laid out for the live document by the shared
 * `expandForm` (the same grid the PDF and the workbook draw); this module only decides how a
 * placed cell becomes a control: which input kind a format edits as, which few cells show more
 * than their value (chosen by what they bind, never by row), how a row group grows and shrinks.
 * No row, column or field label is written here: they all come from the layout.
 */
import { computed, type Component } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  LEVEL1,
  LEVEL2_BY_LEVEL1,
  bindPath,
  emptyIndicator,
  expandForm,
  type CellSpec,
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
import { getAt, setAt } from '@/stores/doc-path.js';
import type { CellKind } from './cell-values.js';
import { newItemId, useDocForm, type DocFormContext } from './doc-form.js';
import IndicatorTargetCell from './cells/IndicatorTargetCell.vue';
import IndicatorActualCell from './cells/IndicatorActualCell.vue';
import IndicatorScoreCell from './cells/IndicatorScoreCell.vue';
import TotalScoreCell from './cells/TotalScoreCell.vue';

export type RowGroup = ListRows | IndicatorRows;

/** The layout laid out for the document of the surrounding form (one copy per item for a per-item layout). */
export function useExpandedForm(layout: () => FormLayout, item: () => { id: string } | undefined, filled: () => Record<string, string | null | undefined> | undefined) {
  const ctx = useDocForm();
  const { locale } = useI18n();
  const form = computed<ExpandedForm>(() => {
    const it = item();
    const values = filled();
    return expandForm(layout(), {
      document: ctx.doc.value,
      figures: ctx.figures.value,
      template: ctx.template.value,
      words: ctx.words.value,
      overrides: ctx.formSet.value.labelOverrides,
      medium: 'screen',
      lang: locale.value === 'en' ? 'en' : 'zh',
      ...(it ? { item: it } : {}),
      ...(values ? { filled: values } : {}),
    });
  });
  return { ctx, form };
}

/**
 * Stable keys for the rows of an expanded form: an item's row is keyed by its id and a static
 * row by its place among the static rows, so adding an item never re-creates (and blurs) the
 * cells of other rows.
 */
export function rowKeys(form: ExpandedForm): string[] {
  let nthStatic = 0;
  return form.rows.map((row) => {
    if (row.source === 'item') return `item:${row.specId}:${row.itemId}`;
    if (row.source === 'empty') return `empty:${row.specId}:${row.level2 ?? ''}`;
    return `row:${row.specId ?? nthStatic++}`;
  });
}

/** For every list a person can grow, the row whose first cell carries its "add" button: the heading row just above the list. */
export function addButtonRows(form: ExpandedForm): Map<number, ListRows> {
  const out = new Map<number, ListRows>();
  for (const spec of form.layout.rows) {
    if (spec.kind !== 'list' || !spec.addLabel) continue;
    const at = form.groups[spec.id];
    if (at) out.set(Math.max(0, at.first - 1), spec);
  }
  return out;
}

/**
 * Checks about an indicator list as a whole (分值合计 ≠ 100) point at the list's path; the
 * form shows them on the row that closes the block, its 总分: its first computed cell carries
 * the list's path, so a click on such a check lands there.
 */
export function listTotalCells(form: ExpandedForm, item: { id: string } | undefined): Map<GridCell, string> {
  const out = new Map<GridCell, string>();
  for (const spec of form.layout.rows) {
    if (spec.kind !== 'indicators') continue;
    const closing = form.rows[(form.groups[spec.id]?.last ?? -2) + 1];
    const cell = closing?.cells.find((c) => c.role === 'computed');
    if (cell) out.set(cell, listPathOf(form, spec, item));
  }
  return out;
}

/** The cell of an item's row that carries its "remove" button: its first input (the item's name). */
export function removableCell(row: GridRow): GridCell | undefined {
  if (row.source !== 'item' || !row.group?.addLabel) return undefined;
  return row.cells.find((c) => c.role === 'input' && !c.level);
}

/** The path of a group's list in the document (a per-item layout's "$.indicators" bound to its item). */
export function listPathOf(form: ExpandedForm, group: RowGroup, item: { id: string } | undefined): string {
  const per = form.layout.perItem && item ? { path: `${form.layout.perItem.list}[${item.id}]`, id: item.id } : null;
  return bindPath(group.list, per?.path, per?.id);
}

// ---------------------------------------------------------------------------------------
// Growing and shrinking row groups

function setDeep(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = target;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
  cur[keys[keys.length - 1]!] = value;
}

/** A blank item of a list, from the fields its row binds: texts empty, numbers not yet given. */
export function blankListItem(cells: readonly CellSpec[], id: string): Record<string, unknown> {
  const item: Record<string, unknown> = { id };
  for (const c of cells) {
    if (c.role !== 'input' || !c.field?.startsWith('$.') || c.field === '$.id') continue;
    setDeep(item, c.field.slice(2), c.format === 'text' || c.format === 'longText' ? '' : null);
  }
  return item;
}

/** The 一级指标 a 二级指标 belongs to (a cost row printed under 产出 is still a 成本 row). */
export function level1Of(level2: Level2): Level1 {
  return LEVEL1.find((l) => LEVEL2_BY_LEVEL1[l].includes(level2))!;
}

export function addListItem(ctx: DocFormContext, listPath: string, group: ListRows): void {
  ctx.mutate((d: PackageDocument) => {
    const list = getAt(d, listPath) as { id: string }[] | undefined;
    if (!Array.isArray(list)) return;
    list.push(blankListItem(group.cells, newItemId(group.idPrefix, list)) as { id: string });
  });
}

/** A new indicator under a 二级指标, placed after the rows of its level so the document reads in form order. */
export function addIndicator(ctx: DocFormContext, listPath: string, group: IndicatorRows, level2: Level2): void {
  const level1 = level1Of(level2);
  const order = LEVEL2_BY_LEVEL1[level1];
  ctx.mutate((d: PackageDocument) => {
    const list = getAt(d, listPath) as IndicatorRow[] | undefined;
    if (!Array.isArray(list)) return;
    let at = -1;
    list.forEach((r, i) => {
      if (r.level1 === level1 && order.indexOf(r.level2) <= order.indexOf(level2)) at = i;
    });
    list.splice(at + 1, 0, emptyIndicator(newItemId(group.idPrefix, list), level1, level2, '0'));
  });
}

export function removeItem(ctx: DocFormContext, listPath: string, id: string): void {
  ctx.mutate((d: PackageDocument) => {
    const list = getAt(d, listPath) as { id: string }[] | undefined;
    if (Array.isArray(list)) setAt(d, listPath, list.filter((x) => x.id !== id));
  });
}

// ---------------------------------------------------------------------------------------
// From a placed cell to a control

export interface InputControl {
  component: Component | null;
  /** DocCell's props when `component` is null. */
  kind: CellKind;
  rows?: number;
  maxlength?: number;
  multiline: boolean;
}

/** The input kind of a format; a 分值 must be given, a 得分 may be empty. */
function kindOf(cell: GridCell, row: GridRow): Pick<InputControl, 'kind' | 'rows' | 'maxlength' | 'multiline'> {
  switch (cell.format) {
    case 'money4':
      return { kind: 'money', multiline: false };
    case 'signedMoney4':
      return { kind: 'signedMoney', multiline: false };
    case 'count':
      return { kind: 'count', multiline: false };
    case 'area':
      return { kind: 'area', multiline: false };
    case 'percent2':
      return { kind: 'decimal', multiline: false };
    case 'points':
      return { kind: cell.path?.endsWith('.weight') ? 'weight' : 'score', multiline: false };
    case 'longText':
      return { kind: 'textarea', rows: cell.small ? 2 : 3, maxlength: 5000, multiline: true };
    case 'text':
      // An indicator's name wraps in its narrow column, as on paper.
      return row.group?.kind === 'indicators' ? { kind: 'textarea', rows: 2, maxlength: 200, multiline: false } : { kind: 'text', maxlength: 200, multiline: false };
    default:
      return { kind: 'text', multiline: false };
  }
}

/**
 * Cells that show more than their value on screen, chosen by the format or the figure they
 * bind: an indicator's target (operator + value or 定性 words), its actual (a band for 定性 rows), its
 * score (the suggested score and 采用), and the declared total (suggested total, grade).
 */
export function inputControl(cell: GridCell, row: GridRow): InputControl {
  const base = kindOf(cell, row);
  if (cell.format === 'target') return { ...base, component: IndicatorTargetCell };
  if (cell.format === 'actual') return { ...base, component: IndicatorActualCell };
  if (row.group?.kind === 'indicators' && cell.spec.field === '$.score') return { ...base, component: IndicatorScoreCell };
  return { ...base, component: null };
}

export function computedControl(cell: GridCell): Component | null {
  return cell.computed === 'scores.effectiveTotal' ? TotalScoreCell : null;
}


// ---------------------------------------------------------------------------------------
// Which tab shows a path

/** The document parts a layout binds ("basicData", "projectEvaluations"). */
export function documentPartsOf(layout: FormLayout): Set<string> {
  const part = (p: string) => /^[A-Za-z]+/.exec(p)?.[0] ?? '';
  const out = new Set<string>();
  if (layout.perItem) out.add(part(layout.perItem.list));
  for (const r of layout.rows) {
    if (r.kind !== 'row') {
      if (!r.list.startsWith('$')) out.add(part(r.list));
    } else for (const c of r.cells) if (c.field && !c.field.startsWith('$')) out.add(part(c.field));
  }
  return out;
}

/** The first tab whose forms bind the document part of a path (an explanation's by the path it explains). */
export function tabOfPathIn(tabs: readonly { id: string; forms: readonly { layout: FormLayout }[] }[], path: string): string | null {
  const inner = path.startsWith('explanations.') ? (path.split('@')[1] ?? '') : path;
  const part = /^[A-Za-z]+/.exec(inner)?.[0];
  if (!part) return null;
  return tabs.find((t) => t.forms.some((f) => documentPartsOf(f.layout).has(part)))?.id ?? null;
}
