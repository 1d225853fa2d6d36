import { onMounted, onUnmounted } from 'vue';
import { onLiveEvent, type LiveEvent } from '@/api/live.js';

/**
 * Listens to live events while the component is mounted. Bursts (a batch approval, a sweep)
 * are coalesced: `handler` runs at most once per `waitMs` with the events since the last run.
 */
export function useLiveEvents(handler: (events: LiveEvent[]) => void, options: { waitMs?: number; filter?: (e: LiveEvent) => boolean } = {}) {
  let pending: LiveEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let off: (() => void) | null = null;
  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length) handler(batch);
  };
  onMounted(() => {
    off = onLiveEvent((e) => {
      if (options.filter && !options.filter(e)) return;
      pending.push(e);
      timer ??= setTimeout(flush, options.waitMs ?? 150);
    });
  });
  onUnmounted(() => {
    off?.();
    if (timer) clearTimeout(timer);
  });
}
