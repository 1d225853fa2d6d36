/**
 * Spreadsheet-like keys in a form table: Enter / ↓ go to the cell below, ↑ above,
 * ← → to the neighbour when the caret is at the edge of the text. Cells are inputs marked
 * `data-nav`; "below" is the nearest input in the next row by horizontal position.
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

function navInputs(root: HTMLElement): HTMLInputElement[] {
  return Array.from(root.querySelectorAll<HTMLInputElement>('input[data-nav]')).filter((el) => !el.disabled);
}

function rowOf(el: HTMLElement): HTMLTableRowElement | null {
  return el.closest('tr');
}

export function moveFocus(root: HTMLElement, from: HTMLInputElement, dir: 'up' | 'down' | 'left' | 'right'): HTMLInputElement | null {
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

export function useGridNavigation(root: Ref<HTMLElement | null>) {
  function onKeydown(ev: KeyboardEvent) {
    const t = ev.target as HTMLElement | null;
    if (!root.value || !(t instanceof HTMLInputElement) || !t.hasAttribute('data-nav')) return;
    if (ev.isComposing || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    let dir: 'up' | 'down' | 'left' | 'right' | null = null;
    if (ev.key === 'Enter' || ev.key === 'ArrowDown') dir = ev.shiftKey && ev.key === 'Enter' ? 'up' : 'down';
    else if (ev.key === 'ArrowUp') dir = 'up';
    else if (ev.key === 'ArrowLeft' && t.selectionStart === 0 && t.selectionEnd === 0) dir = 'left';
    else if (ev.key === 'ArrowRight' && t.selectionStart === t.value.length) dir = 'right';
    if (!dir) return;
    const next = moveFocus(root.value, t, dir);
    if (next) {
      ev.preventDefault();
      next.focus();
      next.select();
    }
  }
  onMounted(() => root.value?.addEventListener('keydown', onKeydown));
  onBeforeUnmount(() => root.value?.removeEventListener('keydown', onKeydown));
  return { onKeydown };
}
