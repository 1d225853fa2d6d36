/** My notifications (在办事项 and reminders). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { mutate, query } from '@/api/client.js';
import { toApiError, type ApiError } from '@/api/errors.js';
import { INBOX, MARK_READ } from '@/api/operations.js';
import type { Notification } from '@/api/types.js';

export const useInboxStore = defineStore('inbox', () => {
  const items = ref<Notification[]>([]);
  const unreadCount = ref(0);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(first = 30) {
    loading.value = true;
    try {
      const data = await query(INBOX, { unreadOnly: false, first });
      items.value = data.inbox;
      unreadCount.value = data.unreadCount;
      error.value = null;
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  async function markRead(ids: string[] | null) {
    await mutate(MARK_READ, { ids });
    const now = new Date().toISOString();
    items.value = items.value.map((n) => (ids === null || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n));
    unreadCount.value = items.value.filter((n) => !n.readAt).length;
  }

  return { items, unreadCount, loading, error, load, markRead };
});
