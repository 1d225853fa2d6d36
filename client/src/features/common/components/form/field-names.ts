/** Names of fields as the layouts give them, in the reader's language. */
import { cellLabel, describePath, labelPartText, resolveLabel, type ExpandedForm, type GridCell, type Label, type LabelPart } from '@zipin/shared';
import { useLabel } from '@/composables/useLabel.js';
import { useDocForm } from './doc-form.js';

/** Names of fields in the reader's language, from the layouts (the one label checks and comments use too). */
export function useFieldNames() {
  const ctx = useDocForm();
  const pick = useLabel();
  const options = () => ({ context: ctx.context.value, formSetId: ctx.formSet.value.id });
  return {
    /** An input's or a computed cell's accessible name: the one checks and comments use. */
    ofCell: (form: ExpandedForm, cell: GridCell) => pick(cellLabel(form, cell, ctx.doc.value)),
    /** A part of a field that has no cell of its own (the operator of a target). */
    ofPath: (path: string) => pick(describePath(path, ctx.doc.value, options())),
    /** The last name of a cell's label (the name of its column), e.g. as a placeholder. */
    lastPart: (form: ExpandedForm, cell: GridCell) => {
      const last = cell.labelParts?.[cell.labelParts.length - 1];
      return last ? pick(labelPartText(last, ctx.doc.value, form.words)) : '';
    },
    /** A list item named by the document ("指标「人员保障」"). */
    partText: (form: ExpandedForm, part: LabelPart): Label => labelPartText(part, ctx.doc.value, form.words),
    /** A layout's words ({fundsLevel} …) filled with the campaign's. */
    words: (label: Label): Label => resolveLabel(label, ctx.words.value),
    pick,
  };
}

