/** Assignment in advance (预先分配): the bureau's units with their assignees, each reviewer's workload, and the packages of a campaign. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { mutate, query } from '@/api/client.js';
import { toApiError, type ApiError } from '@/api/errors.js';
import * as op from '@/api/operations.js';
import type * as G from '@/api/generated/graphql.js';

export type AssignUnit = G.UnitsQuery['units'][number];
export type Workload = G.ReviewerWorkloadQuery['reviewerWorkload'][number];
export type AssignPackage = G.AssignmentPackagesQuery['packages']['nodes'][number];
export type AssignResult = G.AssignReviewerMutation['assignReviewer'];
export type ReviewStage = G.ReviewStage;

export const useAssignmentStore = defineStore('assignment', () => {
  const units = ref<AssignUnit[]>([]);
  const workload = ref<Workload[]>([]);
  const packages = ref<AssignPackage[]>([]);
  const packageTotal = ref(0);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const [u, w] = await Promise.all([query(op.UNITS, { includeInactive: false }), query(op.REVIEWER_WORKLOAD, {})]);
      units.value = u.units;
      workload.value = w.reviewerWorkload;
      error.value = null;
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  /** One page of a campaign's packages; throws (the view shows the error above the table). */
  async function loadPackages(filter: G.PackageFilterInput, first: number, offset: number): Promise<void> {
    const page = (await query(op.ASSIGNMENT_PACKAGES, { filter, first, offset })).packages;
    packages.value = page.nodes;
    packageTotal.value = page.totalCount;
  }

  /** Mutations throw; afterwards the units and the workload are reloaded (the view reloads its package page). */
  async function assign(input: G.AssignReviewerInput): Promise<AssignResult> {
    const r = (await mutate(op.ASSIGN_REVIEWER, { input })).assignReviewer;
    await load();
    return r;
  }
  async function reassignWork(input: G.ReassignWorkInput): Promise<AssignResult> {
    const r = (await mutate(op.REASSIGN_REVIEWER_WORK, { input })).reassignReviewerWork;
    await load();
    return r;
  }

  return { units, workload, packages, packageTotal, loading, error, load, loadPackages, assign, reassignWork };
});
