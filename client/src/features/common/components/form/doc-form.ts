/**
 * What the document forms need from their view, provided once and injected by every cell:
 * the document, live figures, problems and comments by field path, and how to edit.
 * The same forms serve the filler (editable) and the unit head and reviewer (read-only, with
 * the comment tool).
 */
import { computed, inject, provide, ref, watch, type ComputedRef, type InjectionKey, type Ref } from 'vue';
import {
  DEFAULT_TEMPLATE,
  formLabels,
  formSetOf,
  formWords,
  type CampaignContext,
  type CheckResult,
  type ComputedFigures,
  type EvaluationTemplate,
  type FormSet,
  type FormWords,
  type PackageDocument,
} from '@zipin/shared';
import type { Comment } from '@/api/types.js';
import { useEditHistory } from '@/composables/useEditHistory.js';
import { readCell, sameCell, writeCell, type CellKind, type CellState } from './cell-values.js';

/** One cell changed by typing, a paste, a delete or an undo. */
export interface CellChange {
  kind: CellKind;
  before: CellState;
  after: CellState;
}

export type Flag = 'error' | 'warning' | null;

export interface DocFormContext {
  doc: ComputedRef<PackageDocument>;
  figures: ComputedRef<ComputedFigures>;
  context: ComputedRef<CampaignContext>;
  /** The campaign's template: which 一级指标 a row prints under and each level's weight. */
  template: ComputedRef<EvaluationTemplate>;
  /** The official forms the campaign prints, and the campaign's words filled into their labels. */
  formSet: ComputedRef<FormSet>;
  words: ComputedRef<FormWords>;
  labels: ComputedRef<Record<string, string>>;
  editable: ComputedRef<boolean>;
  commentMode: Ref<boolean>;
  flagOf(path: string): Flag;
  problemsOf(path: string): CheckResult[];
  commentsOf(path: string): Comment[];
  edit(path: string, value: unknown): void;
  mutate(fn: (doc: PackageDocument) => void): void;
  /** A cell was clicked while the comment tool is on. */
  activate(path: string): void;
  /** The comment marker of a cell was clicked. */
  showComments(path: string): void;
  /** The cell's state in the document now. */
  readCell(path: string, kind: CellKind): CellState;
  /** Writes cells' `after` states in one edit; recorded as one undo step unless `record` is false. */
  applyCells(changes: readonly CellChange[], record?: boolean): void;
  /** Records cells already written (a typed cell, when it loses focus) as one undo step. */
  recordCells(changes: readonly CellChange[]): void;
  /** Reverses the last step (Ctrl+Z); returns its paths, or null when there is nothing to undo. */
  undo(): string[] | null;
  /** Replays the last undone step (Ctrl+Y). */
  redo(): string[] | null;
}

const KEY: InjectionKey<DocFormContext> = Symbol('doc-form');

/** Checks anchored on a whole list speak about its total row, not every cell in it. */
const LIST_ROOTS = new Set(['selfEvaluation.indicators', 'basicData', 'selfEvaluation', 'report']);

function parents(path: string): string[] {
  const out: string[] = [];
  let p = path;
  for (;;) {
    const dot = p.lastIndexOf('.');
    const br = p.lastIndexOf('[');
    const cut = Math.max(dot, br);
    if (cut <= 0) break;
    p = p.slice(0, cut);
    out.push(p);
  }
  return out;
}

export interface DocFormOptions {
  doc: () => PackageDocument | null;
  figures: () => ComputedFigures | null;
  context: () => CampaignContext;
  /** The campaign's template; the national default when absent (a view without the indicator block needs none). */
  template?: () => EvaluationTemplate;
  /** The campaign's form set id; the default set when absent. */
  formSetId?: () => string | null | undefined;
  checks: () => readonly CheckResult[];
  comments: () => readonly Comment[];
  editable: () => boolean;
  edit: (path: string, value: unknown) => void;
  mutate: (fn: (doc: PackageDocument) => void) => void;
  activate?: (path: string) => void;
  showComments?: (path: string) => void;
}

export function provideDocForm(o: DocFormOptions): DocFormContext {
  /** path → open problems (errors, and warnings nobody explained yet). */
  const problems = computed(() => {
    const m = new Map<string, CheckResult[]>();
    for (const c of o.checks()) {
      // Notes only say how a spelling was read: they flag no cell.
      if (c.severity === 'note' || (c.severity === 'warning' && c.explained)) continue;
      for (const p of c.paths) {
        const list = m.get(p);
        if (list) list.push(c);
        else m.set(p, [c]);
      }
    }
    return m;
  });
  const comments = computed(() => {
    const m = new Map<string, Comment[]>();
    for (const c of o.comments()) {
      if (c.resolvedAt) continue;
      const list = m.get(c.path);
      if (list) list.push(c);
      else m.set(c.path, [c]);
    }
    return m;
  });
  function problemsOf(path: string): CheckResult[] {
    const own = problems.value.get(path) ?? [];
    const inherited = parents(path)
      .filter((p) => !LIST_ROOTS.has(p))
      .flatMap((p) => problems.value.get(p) ?? []);
    return inherited.length ? [...own, ...inherited] : own;
  }
  const history = useEditHistory<CellChange>();
  watch(o.doc, () => history.clear());
  function write(states: { kind: CellKind; state: CellState }[]) {
    o.mutate((doc) => {
      for (const s of states) writeCell(doc, s.state, s.kind);
    });
  }
  const formSet = computed(() => formSetOf(o.formSetId?.()));
  const ctx: DocFormContext = {
    doc: computed(() => o.doc()!),
    figures: computed(() => o.figures()!),
    context: computed(() => o.context()),
    template: computed(() => o.template?.() ?? DEFAULT_TEMPLATE),
    formSet,
    words: computed(() => formWords(o.context(), formSet.value.words)),
    labels: computed(() => formLabels(o.context())),
    editable: computed(() => o.editable()),
    commentMode: ref(false),
    flagOf(path) {
      const list = problemsOf(path);
      if (list.some((c) => c.severity === 'error')) return 'error';
      return list.length ? 'warning' : null;
    },
    problemsOf,
    commentsOf: (path) => comments.value.get(path) ?? [],
    edit: (path, value) => o.edit(path, value),
    mutate: (fn) => o.mutate(fn),
    activate: (path) => o.activate?.(path),
    showComments: (path) => o.showComments?.(path),
    readCell: (path, kind) => readCell(o.doc()!, path, kind),
    applyCells(changes, record = true) {
      const real = changes.filter((c) => !sameCell(c.before, c.after));
      if (!real.length) return;
      write(real.map((c) => ({ kind: c.kind, state: c.after })));
      if (record) history.record({ before: real, after: real });
    },
    recordCells(changes) {
      const real = changes.filter((c) => !sameCell(c.before, c.after));
      if (real.length) history.record({ before: real, after: real });
    },
    undo() {
      const step = history.undo();
      if (!step) return null;
      write(step.before.map((c) => ({ kind: c.kind, state: c.before })));
      return step.before.map((c) => c.before.path);
    },
    redo() {
      const step = history.redo();
      if (!step) return null;
      write(step.after.map((c) => ({ kind: c.kind, state: c.after })));
      return step.after.map((c) => c.after.path);
    },
  };
  provide(KEY, ctx);
  return ctx;
}

export function useDocForm(): DocFormContext {
  const ctx = inject(KEY);
  if (!ctx) throw new Error('useDocForm() outside a document form');
  return ctx;
}

/** A fresh item id that the shared schema accepts ([A-Za-z0-9_-]). */
export function newItemId(prefix: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((t) => t.id));
  let n = taken.length + 1;
  while (ids.has(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

/**
 * The unit head's and the reviewer's read-only forms: clicking a cell opens the comment tool
 * on it, a comment marker opens the comments side panel on that field.
 */
export function provideReadOnlyDocForm(store: {
  document: PackageDocument | null;
  figures: ComputedFigures | null;
  context: CampaignContext;
  template: EvaluationTemplate;
  checks: readonly CheckResult[];
  pkg: { comments: readonly Comment[] } | null;
}) {
  const side = ref('checks');
  const highlightPath = ref<string | null>(null);
  const commentPath = ref<string | null>(null);
  const commentOpen = ref(false);
  const form = provideDocForm({
    doc: () => store.document,
    figures: () => store.figures,
    context: () => store.context,
    template: () => store.template,
    checks: () => store.checks,
    comments: () => store.pkg?.comments ?? [],
    editable: () => false,
    edit: () => undefined,
    mutate: () => undefined,
    activate: (path) => {
      commentPath.value = path;
      commentOpen.value = true;
    },
    showComments: (path) => {
      side.value = 'comments';
      highlightPath.value = path;
    },
  });
  return { form, side, highlightPath, commentPath, commentOpen };
}
