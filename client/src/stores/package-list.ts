/** Lists of packages: my unit's packages, the reviewer desk queue, the publication schedule. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { WorkflowAction } from '@zipin/shared';
import * as api from '@/api/packages-api.js';
import { toApiError, type ApiError } from '@/api/errors.js';
import type { BatchResult, PackageFilter, PackageListItem } from '@/api/types.js';

export const usePackageListStore = defineStore('package-list', () => {
  const nodes = ref<PackageListItem[]>([]);
  const totalCount = ref(0);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const filter = ref<PackageFilter>({});
  const page = ref({ first: 50, offset: 0 });
  const busy = ref<string | null>(null);
  /** The publication desk's view of each listed package's PDF and hold, by package id. */
  const publicationStates = ref<Record<string, api.PublicationState>>({});
  /** Set while the publication desk owns the list: reloads after an action fetch the states too. */
  let withPublicationStates = false;

  /** The publication desk's lists: the packages and, beside them, their PDFs and holds. */
  async function loadDesk(next: PackageFilter) {
    await load(next, true);
  }

  async function load(next?: PackageFilter, desk = false) {
    if (next) {
      withPublicationStates = desk;
      if (!desk) publicationStates.value = {};
      filter.value = next;
      page.value.offset = 0;
    }
    loading.value = true;
    try {
      const clean = Object.fromEntries(Object.entries(filter.value).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)));
      const data = await api.fetchPackages(clean, page.value.first, page.value.offset);
      nodes.value = data.nodes;
      totalCount.value = data.totalCount;
      error.value = null;
      if (withPublicationStates) {
        const states = await api.fetchPublicationStates(clean, page.value.first, page.value.offset);
        publicationStates.value = Object.fromEntries(states.map((s) => [s.id, s]));
      }
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  /** A workflow action from a list row (claim, schedule …); the row is reloaded after. */
  async function act(item: PackageListItem, action: WorkflowAction, extras: api.TransitionExtras = {}) {
    busy.value = item.id;
    try {
      await api.transition(action, item.id, item.version, extras);
      await load();
    } finally {
      busy.value = null;
    }
  }

  async function batchApprove(ids: string[]): Promise<BatchResult[]> {
    busy.value = 'batch';
    try {
      const results = await api.batchApprove(ids);
      await load();
      return results;
    } finally {
      busy.value = null;
    }
  }

  async function scheduleMany(items: PackageListItem[], publishAt: string | null): Promise<BatchResult[]> {
    busy.value = 'batch';
    try {
      const results = await api.schedulePublications(items.map((i) => ({ packageId: i.id, expectedVersion: i.version })), publishAt);
      await load();
      return results;
    } finally {
      busy.value = null;
    }
  }

  async function publishNow(item: PackageListItem) {
    busy.value = item.id;
    try {
      await api.publishNow(item.id, item.version);
      await load();
    } finally {
      busy.value = null;
    }
  }

  return { nodes, totalCount, loading, error, filter, page, busy, publicationStates, load, loadDesk, act, batchApprove, scheduleMany, publishNow };
});
