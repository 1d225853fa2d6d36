/** Lists of packages: my unit's packages, the reviewer desk queue, the publication schedule. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { WorkflowAction } from '@zipin/shared';
import * as api from '@/api/packages-api.js';
import { query } from '@/api/client.js';
import { CAMPAIGNS, UNITS } from '@/api/operations.js';
import { toApiError, type ApiError } from '@/api/errors.js';
import type { BatchResult, Campaign, PackageCounts, PackageFilter, PackageListItem, PackageSort, UnitRef } from '@/api/types.js';

export const usePackageListStore = defineStore('package-list', () => {
  const nodes = ref<PackageListItem[]>([]);
  const totalCount = ref(0);
  /** How many packages each filter choice would show, the other filters as they are. */
  const counts = ref<PackageCounts | null>(null);
  const sort = ref<PackageSort | null>(null);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  const filter = ref<PackageFilter>({});
  const page = ref({ first: 50, offset: 0 });
  const busy = ref<string | null>(null);
  /** What the queue's campaign and unit filters offer. */
  const campaigns = ref<Campaign[]>([]);
  const units = ref<UnitRef[]>([]);

  /** The bureau's staff pick any unit; a 主管部门's reviewers narrow by the units in their counts. */
  async function loadFilterOptions(withUnits: boolean) {
    const [c, u] = await Promise.all([query(CAMPAIGNS, {}), withUnits ? query(UNITS, { includeInactive: false }) : Promise.resolve(null)]);
    campaigns.value = c.campaigns;
    units.value = u?.units ?? [];
  }

  /** The publication desk's view of each listed package's PDF and hold, by package id. */
  const publicationStates = ref<Record<string, api.PublicationState>>({});
  /** Set while the publication desk owns the list: reloads after an action fetch the states too. */
  let withPublicationStates = false;

  /** The publication desk's lists: the packages and, beside them, their PDFs and holds. */
  async function loadDesk(next: PackageFilter) {
    await load(next, null, true);
  }

  /**
   * Loads the page; a new filter starts again at the first page, in the given order (the lists
   * share this store, so one view's sort never carries into another's).
   */
  async function load(next?: PackageFilter, nextSort: PackageSort | null = null, desk = false) {
    if (next) {
      withPublicationStates = desk;
      if (!desk) publicationStates.value = {};
      filter.value = next;
      sort.value = nextSort;
      page.value.offset = 0;
    }
    loading.value = true;
    try {
      const clean = Object.fromEntries(Object.entries(filter.value).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)));
      const data = await api.fetchPackages(clean, page.value.first, page.value.offset, sort.value);
      nodes.value = data.nodes;
      totalCount.value = data.totalCount;
      counts.value = data.counts;
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

  return { nodes, totalCount, counts, sort, loading, error, filter, page, busy, campaigns, units, publicationStates, loadFilterOptions, load, loadDesk, act, batchApprove, scheduleMany, publishNow };
});
