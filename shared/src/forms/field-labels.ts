/**
 * The label of every field, read from the layouts: the one name a person sees for a cell in
 * the form, the PDF, the workbook, check messages, comment anchors, diffs and dialogs. The
 * index is built once by laying every form out over a probe document that has one item (id
 * "*") in every list, so list fields are found by pattern ("…specialFunds[*].currentBudget").
 */
import { computeFigures } from '../package/calculations.js';
import { emptyIndicator, emptyPackageDocument } from '../package/empty.js';
import type { PackageDocument } from '../package/model.js';
import { DEFAULT_TEMPLATE } from '../package/template.js';
import { bindPath, expandForm, labelPartText, setAt, type LabelPart } from './expand.js';
import { FORM_SETS, formSetOf } from './form-sets.js';
import type { FormLayout, FormSet, Label } from './types.js';
import { RELATIVE_WORDS, formWords, resolveLabel, type FormWords } from './words.js';
import type { CampaignContext } from '../package/model.js';

export const PROBE = '*';
const PLACEHOLDERS = Object.fromEntries(Object.keys(RELATIVE_WORDS).map((k) => [k, `{${k}}`])) as FormWords;

interface FieldEntry {
  form: Label;
  parts: LabelPart[];
}

/**
 * A document whose every list a layout repeats holds exactly one item, id "*" (a blank
 * indicator under 产出 for indicator blocks): laid out, it shows each row spec once, so its
 * grid tells where every cell of a list item goes (the Excel reader, the field labels).
 */
export function probeDocument(layouts: readonly FormLayout[], base: PackageDocument = emptyPackageDocument(DEFAULT_TEMPLATE)): PackageDocument {
  const doc = structuredClone(base);
  for (const layout of layouts) {
    const owner = layout.perItem ? `${layout.perItem.list}[${PROBE}]` : undefined;
    if (layout.perItem) setAt(doc, layout.perItem.list, [layout.perItem.newItem?.(PROBE) ?? { id: PROBE }]);
    for (const spec of layout.rows) {
      if (spec.kind === 'row') continue;
      const list = bindPath(spec.list, owner, PROBE);
      setAt(doc, list, [spec.kind === 'indicators' ? emptyIndicator(PROBE, 'OUTPUT') : { id: PROBE }]);
    }
  }
  return doc;
}

const indexes = new Map<string, Map<string, FieldEntry>>();

/** Pattern → label parts of every bound cell and sheet-read footer field of a form set. */
export function fieldIndex(set: FormSet): Map<string, FieldEntry> {
  const cached = indexes.get(set.id);
  if (cached) return cached;
  const index = new Map<string, FieldEntry>();
  const doc = probeDocument(set.forms);
  const figures = computeFigures(doc, DEFAULT_TEMPLATE);
  for (const layout of set.forms) {
    // Words stay placeholders here: a label is filled with the campaign's words when asked for.
    const form = expandForm(layout, {
      document: doc,
      figures,
      template: DEFAULT_TEMPLATE,
      words: PLACEHOLDERS,
      overrides: set.labelOverrides,
      medium: 'screen',
      ...(layout.perItem ? { item: { id: PROBE } } : {}),
    });
    // A per-item form's fields are named after its item first ("项目「…」 › 全年执行数").
    const itemPart: LabelPart[] = layout.perItem ? [{ list: layout.perItem.list, itemLabel: layout.perItem.itemLabel, id: PROBE }] : [];
    const put = (path: string, entry: FieldEntry) => {
      if (!index.has(path)) index.set(path, entry);
    };
    for (const row of form.rows) for (const cell of row.cells) if (cell.path && cell.labelParts) put(cell.path, { form: layout.name, parts: [...itemPart, ...cell.labelParts] });
    for (const f of layout.footer ?? []) if (f.field) put(f.field, { form: layout.name, parts: [f.label] });
  }
  indexes.set(set.id, index);
  return index;
}

/** Item ids of a path replaced by the probe id: "a[sf-1].b" → "a[*].b". */
function pattern(path: string): string {
  return path.replace(/\[[^\]]*\]/g, `[${PROBE}]`);
}

/** Item ids of a path, in order. */
function ids(path: string): string[] {
  return [...path.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
}

export interface FieldLabelOptions {
  /** Names list items by their names. */
  document?: PackageDocument;
  /** Fills the campaign's words (2024年决算数 instead of 本年决算数). */
  context?: CampaignContext;
  /** The campaign's form set (default: the default set). */
  formSetId?: string | null;
  /** A form set not in the catalogue (a fixture); wins over formSetId. */
  formSet?: FormSet;
}

/**
 * The layout's label of a path, or of its longest bound prefix ({ label, rest } with the
 * segments below the bound cell, "value" of "actual.value"); null when no form shows it.
 */
export function fieldLabel(path: string, options: FieldLabelOptions = {}): { label: Label; rest: string } | null {
  const set = options.formSet ?? formSetOf(options.formSetId);
  const index = fieldIndex(set);
  const words: FormWords = options.context ? formWords(options.context, set.words) : { ...RELATIVE_WORDS, ...set.words };
  let p = path;
  for (;;) {
    const entry = index.get(pattern(p));
    if (entry) {
      const itemIds = ids(p);
      let next = 0;
      const parts = entry.parts.map((part) => ('list' in part ? labelPartText({ ...part, list: withIds(part.list, itemIds), id: itemIds[next++] ?? part.id }, options.document, words) : resolveLabel(part, words)));
      const all = [resolveLabel(entry.form, words), ...parts];
      return { label: { zh: all.map((x) => x.zh).join(' › '), en: all.map((x) => x.en).join(' › ') }, rest: path.slice(p.length).replace(/^\./, '') };
    }
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
}

/** The last part of a field's label: its column ("2024年决算数"), or '' when no form shows the field. */
export function columnLabel(path: string, options: FieldLabelOptions = {}): Label {
  const shown = fieldLabel(path, options);
  if (!shown) return { zh: '', en: '' };
  return { zh: shown.label.zh.split(' › ').pop()!, en: shown.label.en.split(' › ').pop()! };
}

/** The probe ids of a list path replaced by the real ones, in order. */
function withIds(list: string, itemIds: string[]): string {
  let i = 0;
  return list.replace(/\[\*\]/g, () => `[${itemIds[i++] ?? PROBE}]`);
}

/** Every form set's index is built from data only; exported for tests. */
export function allFieldPatterns(): string[] {
  return Object.values(FORM_SETS).flatMap((s) => [...fieldIndex(s).keys()]);
}
