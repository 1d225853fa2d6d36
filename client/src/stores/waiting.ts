/** How many packages wait for the signed-in person to act (the 我的待办 badge): work, not messages. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { fetchWaitingForMe } from '@/api/packages-api.js';

export const useWaitingStore = defineStore('waiting', () => {
  const count = ref(0);

  async function load() {
    try {
      count.value = await fetchWaitingForMe();
    } catch {
      // The badge is a hint; the home page lists the same work and shows its own errors.
    }
  }

  return { count, load };
});
