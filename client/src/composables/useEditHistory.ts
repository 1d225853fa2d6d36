/**
 * Undo and redo of cell edits (Ctrl+Z / Ctrl+Y), one step per typed cell, paste or delete.
 * A step holds each touched cell before and after, so undo writes the "before" states back
 * whatever happened in between (an autosave, a reload of the same version).
 */
import { ref } from 'vue';

export interface HistoryStep<S> {
  before: S[];
  after: S[];
}

export function useEditHistory<S>(limit = 200) {
  const done = ref<HistoryStep<S>[]>([]) as { value: HistoryStep<S>[] };
  const undone = ref<HistoryStep<S>[]>([]) as { value: HistoryStep<S>[] };

  function record(step: HistoryStep<S>) {
    if (step.before.length === 0) return;
    done.value = [...done.value.slice(-(limit - 1)), step];
    undone.value = [];
  }
  /** The step to reverse (its `before` states are what to write), or null. */
  function undo(): HistoryStep<S> | null {
    const step = done.value[done.value.length - 1];
    if (!step) return null;
    done.value = done.value.slice(0, -1);
    undone.value = [...undone.value, step];
    return step;
  }
  /** The step to replay (its `after` states are what to write), or null. */
  function redo(): HistoryStep<S> | null {
    const step = undone.value[undone.value.length - 1];
    if (!step) return null;
    undone.value = undone.value.slice(0, -1);
    done.value = [...done.value, step];
    return step;
  }
  function clear() {
    done.value = [];
    undone.value = [];
  }
  return {
    record,
    undo,
    redo,
    clear,
    canUndo: () => done.value.length > 0,
    canRedo: () => undone.value.length > 0,
  };
}
