/**
 * Spreadsheet behaviour on any table of DocCells, found by their attributes (not by form code):
 * an input cell is `input[data-nav][data-path][data-kind]` inside a `<td>`; every other `<td>`
 * is a cell that cannot be typed into (a label or a computed figure).
 *
 * - Enter / ↓ below, Shift+Enter / ↑ above, Tab / Shift+Tab next and previous, ← → at the edge of
 *   the text (or always while the cell is only selected);
 * - Shift+click and Shift+arrows select a rectangular block; Esc drops the block;
 * - Ctrl+C copies the block as tab-separated text (what Excel and WPS paste), Ctrl+V pastes a
 *   tab-separated block from the selected cell on, only into input cells: the cells it skipped
 *   are named in a message; Delete clears the block; Ctrl+Z / Ctrl+Y undo and redo typing,
 *   pastes and deletes.
 * Cells and columns are matched by position on screen, so a block copied from the printed form
 * lands on the same cells here.
 */
import { useI18n } from 'vue-i18n';
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import { cellFromText, type CellKind } from '@/features/common/components/form/cell-values.js';
import { useDocForm, type CellChange, type DocFormContext } from '@/features/common/components/form/doc-form.js';

type Dir = 'up' | 'down' | 'left' | 'right';

function navInputs(root: HTMLElement): HTMLInputElement[] {
  return Array.from(root.querySelectorAll<HTMLInputElement>('input[data-nav]')).filter((el) => !el.disabled);
}

function rowOf(el: HTMLElement): HTMLTableRowElement | null {
  return el.closest('tr');
}

export function moveFocus(root: HTMLElement, from: HTMLInputElement, dir: Dir): HTMLInputElement | null {
  const all = navInputs(root);
  const i = all.indexOf(from);
  if (i === -1) return null;
  if (dir === 'left') return all[i - 1] ?? null;
  if (dir === 'right') return all[i + 1] ?? null;
  const row = rowOf(from);
  const rect = from.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const step = dir === 'down' ? 1 : -1;
  // Walk rows in document order until one holds an input; pick the horizontally closest.
  let j = i + step;
  while (j >= 0 && j < all.length && rowOf(all[j]!) === row) j += step;
  if (j < 0 || j >= all.length) return null;
  const targetRow = rowOf(all[j]!);
  const candidates = all.filter((el) => rowOf(el) === targetRow);
  if (rect.width === 0) return step > 0 ? candidates[0]! : candidates[candidates.length - 1]!;
  let best = candidates[0]!;
  let bestD = Infinity;
  for (const c of candidates) {
    const r = c.getBoundingClientRect();
    const d = Math.abs(r.left + r.width / 2 - x);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** A grid position: an input cell, or a td that cannot be typed into. */
interface Unit {
  el: HTMLElement;
  input: HTMLInputElement | null;
  left: number;
  right: number;
}

function unitsOfRow(tr: HTMLTableRowElement): Unit[] {
  const out: Unit[] = [];
  for (const td of Array.from(tr.cells)) {
    const inputs = Array.from(td.querySelectorAll<HTMLInputElement>('input[data-nav][data-path]')).filter((el) => !el.disabled);
    if (inputs.length) {
      for (const input of inputs) {
        const box = (input.closest('.doc-cell') ?? input).getBoundingClientRect();
        out.push({ el: input.closest<HTMLElement>('.doc-cell') ?? input, input, left: box.left, right: box.right });
      }
    } else {
      const box = td.getBoundingClientRect();
      out.push({ el: td, input: null, left: box.left, right: box.right });
    }
  }
  return out.sort((a, b) => a.left - b.left);
}

function unitAt(units: Unit[], x: number): Unit | null {
  return units.find((u) => u.left - 0.5 <= x && x <= u.right + 0.5) ?? null;
}

const centre = (u: { left: number; right: number }) => (u.left + u.right) / 2;

/** What a person calls a cell that cannot take a value: its accessible name or its text. */
function unitName(u: Unit, blank: string): string {
  const labelled = u.el.querySelector<HTMLElement>('[aria-label]');
  // A computed cell's name ends with its value ("…（自动计算）：12", "… (computed): 12"): the name is enough.
  const name = (labelled?.getAttribute('aria-label') ?? u.el.textContent ?? '').replace(/(?:：[^：]*|: [^:]*)$/, '');
  return name.replace(/\s+/g, ' ').trim().slice(0, 40) || blank;
}

/** Tab-separated text as Excel/WPS put it on the clipboard: quoted cells may hold tabs, newlines, "". */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  const t = text.replace(/\r\n?/g, '\n');
  while (i < t.length) {
    const ch = t[i]!;
    if (quoted) {
      if (ch === '"' && t[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i += 1;
        continue;
      }
      cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i += 1;
    } else if (ch === '\t') {
      row.push(cell);
      cell = '';
      i += 1;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function toTsv(rows: readonly (readonly string[])[]): string {
  const q = (s: string) => (/[\t\n"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(q).join('\t')).join('\n');
}

export interface PasteReport {
  pasted: number;
  skipped: string[];
  outside: number;
}

export function useGridNavigation(root: Ref<HTMLElement | null>) {
  const { t } = useI18n();
  const list = (names: string[], max: number) => names.slice(0, max).join(t('grid.separator')) + (names.length > max ? t('grid.more') : '');
  let ctx: DocFormContext | null = null;
  try {
    ctx = useDocForm();
  } catch {
    ctx = null; // navigation only, outside a document form
  }
  /** The block: its anchor is the focused cell, its corner the other end. */
  const corner = ref<HTMLInputElement | null>(null);
  const lastPaste = ref<PasteReport | null>(null);
  let marked: HTMLElement[] = [];

  const rows = () => Array.from(root.value?.querySelectorAll<HTMLTableRowElement>('tr') ?? []);
  const active = (): HTMLInputElement | null => {
    const a = document.activeElement;
    return a instanceof HTMLInputElement && a.hasAttribute('data-nav') && root.value?.contains(a) ? a : null;
  };

  /** Units of the rectangle between two cells, row by row. */
  function block(a: HTMLElement, b: HTMLElement): Unit[][] {
    const all = rows();
    const ra = all.indexOf(rowOf(a)!);
    const rb = all.indexOf(rowOf(b)!);
    if (ra === -1 || rb === -1) return [];
    const boxA = (a.closest('.doc-cell') ?? a).getBoundingClientRect();
    const boxB = (b.closest('.doc-cell') ?? b).getBoundingClientRect();
    const x1 = Math.min(boxA.left, boxB.left);
    const x2 = Math.max(boxA.right, boxB.right);
    const out: Unit[][] = [];
    for (let r = Math.min(ra, rb); r <= Math.max(ra, rb); r++) {
      const units = unitsOfRow(all[r]!).filter((u) => centre(u) >= x1 - 0.5 && centre(u) <= x2 + 0.5);
      if (units.length) out.push(units);
    }
    return out;
  }

  function selection(): Unit[][] {
    const a = active();
    if (!a) return [];
    return block(a, corner.value && root.value?.contains(corner.value) ? corner.value : a);
  }

  function paint() {
    for (const el of marked) el.removeAttribute('data-selected');
    marked = [];
    const a = active();
    if (!a || !corner.value || corner.value === a) return;
    for (const row of selection()) {
      for (const u of row) {
        u.el.setAttribute('data-selected', '');
        marked.push(u.el);
      }
    }
  }

  function setCorner(el: HTMLInputElement | null) {
    corner.value = el;
    paint();
  }

  function go(next: HTMLInputElement | null, ev: Event) {
    if (!next) return;
    ev.preventDefault();
    setCorner(null);
    next.focus();
  }

  function commitActive() {
    active()?.dispatchEvent(new CustomEvent('cell-commit'));
  }

  function refresh(paths: readonly string[]) {
    if (!root.value) return;
    const set = new Set(paths);
    for (const el of root.value.querySelectorAll<HTMLElement>('[data-path]')) {
      if (set.has(el.dataset.path ?? '')) el.dispatchEvent(new CustomEvent('cell-reset'));
    }
  }

  function change(input: HTMLInputElement, text: string): CellChange | null {
    if (!ctx) return null;
    const kind = (input.dataset.kind ?? 'text') as CellKind;
    const path = input.dataset.path!;
    const before = ctx.readCell(path, kind);
    const w = cellFromText(kind, path, text, before, input.hasAttribute('data-nullable'));
    if (w.refused) return null;
    return { kind, before, after: w.state };
  }

  function clearSelection(ev: Event) {
    if (!ctx) return;
    commitActive();
    const changes: CellChange[] = [];
    const refused: string[] = [];
    for (const row of selection()) {
      for (const u of row) {
        if (!u.input) continue;
        const c = change(u.input, '');
        if (c) changes.push(c);
        else refused.push(u.input.getAttribute('aria-label') ?? '');
      }
    }
    ev.preventDefault();
    ctx.applyCells(changes);
    refresh(changes.map((c) => c.after.path));
    if (refused.length) ElMessage.warning(t('grid.notCleared', { n: refused.length, cells: refused.slice(0, 5).join(t('grid.separator')) }));
  }

  function paste(text: string): PasteReport | null {
    const a = active();
    if (!ctx || !a) return null;
    commitActive();
    const data = parseTsv(text);
    const sel = selection();
    // One value pasted over a selected block fills the block, as in Excel.
    if (data.length === 1 && data[0]!.length === 1 && sel.flat().length > 1) {
      const fill = sel.map((row) => row.map(() => data[0]![0]!));
      data.splice(0, 1, ...fill);
    }
    const topLeft = sel[0]?.[0]?.input ?? a;
    const all = rows();
    const r0 = all.indexOf(rowOf(topLeft)!);
    const anchorUnits = unitsOfRow(all[r0]!);
    const start = anchorUnits.findIndex((u) => u.input === topLeft);
    const columns = anchorUnits.slice(start).map(centre);
    const changes: CellChange[] = [];
    const skipped: string[] = [];
    let outside = 0;
    data.forEach((values, i) => {
      const tr = all[r0 + i];
      values.forEach((value, j) => {
        const x = columns[j];
        const unit = tr && x !== undefined ? unitAt(unitsOfRow(tr), x) : null;
        if (!unit) {
          outside += 1;
          return;
        }
        if (!unit.input) {
          skipped.push(t('grid.notInput', { cell: unitName(unit, t('grid.blank')) }));
          return;
        }
        const c = change(unit.input, value);
        if (c) changes.push(c);
        else skipped.push(t('grid.required', { cell: unit.input.getAttribute('aria-label') ?? '' }));
      });
    });
    ctx.applyCells(changes);
    refresh(changes.map((c) => c.after.path));
    // Select what was pasted, as Excel does.
    const last = changes[changes.length - 1];
    if (last && changes.length > 1) {
      const el = root.value?.querySelector<HTMLInputElement>(`input[data-path="${CSS.escape(last.after.path)}"]`);
      setCorner(el ?? null);
    }
    const report = { pasted: changes.length, skipped, outside };
    lastPaste.value = report;
    if (skipped.length || outside) {
      const parts = [t('grid.pasted', { n: changes.length })];
      if (skipped.length) parts.push(t('grid.skipped', { n: skipped.length, cells: list(skipped, 6) }));
      if (outside) parts.push(t('grid.outside', { n: outside }));
      ElMessage({ type: 'warning', message: parts.join(t('grid.partSeparator')), duration: 6000, customClass: 'paste-report' });
    }
    return report;
  }

  function undoRedo(which: 'undo' | 'redo', ev: Event) {
    if (!ctx) return;
    ev.preventDefault();
    commitActive();
    const paths = which === 'undo' ? ctx.undo() : ctx.redo();
    if (!paths) return;
    refresh(paths);
    const first = root.value?.querySelector<HTMLInputElement>(`input[data-path="${CSS.escape(paths[0]!)}"]`);
    const lastEl = root.value?.querySelector<HTMLInputElement>(`input[data-path="${CSS.escape(paths[paths.length - 1]!)}"]`);
    if (first && first !== active()) first.focus();
    setCorner(lastEl && lastEl !== first ? lastEl : null);
  }

  function onKeydown(ev: KeyboardEvent) {
    const t = ev.target as HTMLElement | null;
    if (!root.value || !(t instanceof HTMLInputElement) || !t.hasAttribute('data-nav')) return;
    if (ev.isComposing || ev.altKey) return;
    const editing = t.dataset.mode === 'edit';
    const mod = ev.ctrlKey || ev.metaKey;
    if (mod) {
      const k = ev.key.toLowerCase();
      if (k === 'z' && !ev.shiftKey) undoRedo('undo', ev);
      else if (k === 'y' || (k === 'z' && ev.shiftKey)) undoRedo('redo', ev);
      return;
    }
    if (!editing && (ev.key === 'Delete' || (ev.key === 'Backspace' && corner.value && corner.value !== t))) return clearSelection(ev);
    if (ev.key === 'Escape' && !editing) {
      setCorner(null);
      return;
    }
    if (ev.key === 'Tab') return go(moveFocus(root.value, t, ev.shiftKey ? 'left' : 'right'), ev);
    let dir: Dir | null = null;
    if (ev.key === 'Enter' || ev.key === 'ArrowDown') dir = ev.shiftKey && ev.key === 'Enter' ? 'up' : 'down';
    else if (ev.key === 'ArrowUp') dir = 'up';
    else if (ev.key === 'ArrowLeft' && (!editing || (t.selectionStart === 0 && t.selectionEnd === 0))) dir = 'left';
    else if (ev.key === 'ArrowRight' && (!editing || t.selectionStart === t.value.length)) dir = 'right';
    if (!dir) return;
    if (ev.shiftKey && ev.key.startsWith('Arrow') && !editing) {
      ev.preventDefault();
      const next = moveFocus(root.value, corner.value ?? t, dir);
      if (next) setCorner(next);
      return;
    }
    go(moveFocus(root.value, t, dir), ev);
  }

  function onMousedown(ev: MouseEvent) {
    const a = active();
    const target = (ev.target as HTMLElement | null)?.closest?.('td');
    if (!ev.shiftKey) {
      if (corner.value) setCorner(null); // a plain click (even on the active cell) starts a new selection
      return;
    }
    if (!a || !target || !root.value?.contains(target)) return;
    const input = target.querySelector<HTMLInputElement>('input[data-nav]');
    if (!input) return;
    ev.preventDefault();
    setCorner(input);
  }

  function onCopy(ev: ClipboardEvent) {
    const a = active();
    if (!a || !ev.clipboardData) return;
    if (a.dataset.mode === 'edit' && (!corner.value || corner.value === a)) return; // copying text inside the cell
    const rowsOut = selection().map((row) => row.map((u) => (u.input ? u.input.value : (u.el.textContent ?? '').replace(/\s+/g, ' ').trim())));
    if (!rowsOut.length) return;
    ev.clipboardData.setData('text/plain', toTsv(rowsOut));
    ev.preventDefault();
  }

  function onPaste(ev: ClipboardEvent) {
    const a = active();
    const text = ev.clipboardData?.getData('text/plain') ?? '';
    if (!a || !ctx) return;
    const multi = /[\t\n]/.test(text.replace(/\r?\n$/, ''));
    if (a.dataset.mode === 'edit' && !multi) return; // pasting into the text being edited
    ev.preventDefault();
    paste(text.replace(/\r?\n$/, ''));
  }

  function onFocusin() {
    // Moving to another cell (click, Tab, a check's link) starts a new selection.
    if (corner.value) setCorner(null);
  }

  const listeners: [string, EventListener][] = [
    ['keydown', onKeydown as EventListener],
    ['mousedown', onMousedown as EventListener],
    ['copy', onCopy as EventListener],
    ['paste', onPaste as EventListener],
    ['focusin', onFocusin as EventListener],
  ];
  onMounted(() => listeners.forEach(([n, f]) => root.value?.addEventListener(n, f, n === 'mousedown')));
  onBeforeUnmount(() => listeners.forEach(([n, f]) => root.value?.removeEventListener(n, f, n === 'mousedown')));
  return { onKeydown, paste, lastPaste, corner };
}
