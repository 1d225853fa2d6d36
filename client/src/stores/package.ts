/**
 * The open package: the working copy of its document, live figures and checks (from
 * @zipin/shared, exactly what the server runs), autosave, conflicts, and workflow actions.
 *
 * Autosave, retries and conflicts are useAutosave's (composables/useAutosave.ts).
 * Stores never touch the router or toasts: views read `saveStatus`, `lastError`, `conflict`.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  DEFAULT_TEMPLATE,
  computeFigures,
  isEditable,
  runChecks,
  summarizeChecks,
  type CampaignContext,
  type EvaluationTemplate,
  type PackageDocument,
  type WorkflowAction,
} from '@zipin/shared';
import * as api from '@/api/packages-api.js';
import { ApiError, toApiError } from '@/api/errors.js';
import type { Comment, DiffEntry, PackageDetail, Render } from '@/api/types.js';
import { useAutosave } from '@/composables/useAutosave.js';
import { setAt } from './doc-path.js';

export { AUTOSAVE_DELAY_MS, newSaveId, type Conflict, type SaveState, type SaveStatus } from '@/composables/useAutosave.js';

/** The campaign's template, or the national default when the campaign has none. */
export function templateOf(pkg: Pick<PackageDetail, 'campaign'> | null): EvaluationTemplate {
  const t = pkg?.campaign?.template as EvaluationTemplate | null | undefined;
  return t && typeof t === 'object' && t.weights ? t : DEFAULT_TEMPLATE;
}

export const usePackageStore = defineStore('package', () => {
  const pkg = shallowRef<PackageDetail | null>(null);
  const document = ref<PackageDocument | null>(null);
  /** The server's document at `version`: what my unsaved edits started from. */
  const baseDocument = shallowRef<PackageDocument | null>(null);
  const version = ref(0);
  const loading = ref(false);
  const loadError = ref<ApiError | null>(null);
  const busyAction = ref<WorkflowAction | null>(null);
  const actions = computed<WorkflowAction[]>(() => pkg.value?.availableActions ?? []);
  /** Only the filler edits, and only while the package is a draft or returned (SUBMIT is theirs alone). */
  const editable = computed(() => !!pkg.value && isEditable(pkg.value.state) && actions.value.includes('SUBMIT'));
  const autosave = useAutosave({ pkg, document, baseDocument, version, editable: () => editable.value, savePackage: api.savePackage, fetchPackage: api.fetchPackage });
  const { saveState, status: saveStatus, invalidCount, lastSavedAt, lastError, conflict, restoredFromBackup, retryAttempt, hasUnsaved } = autosave;
  const { flush, retryNow, takeTheirs, reapplyMine, adoptServer } = autosave;

  const template = computed(() => templateOf(pkg.value));
  const context = computed<CampaignContext>(() => ({
    fiscalYear: pkg.value?.campaign.fiscalYear ?? pkg.value?.fiscalYear ?? new Date().getFullYear() - 1,
    unitName: pkg.value?.unit.name,
  }));
  const figures = computed(() => (document.value ? computeFigures(document.value, template.value) : null));
  const checks = computed(() =>
    document.value && figures.value ? runChecks(document.value, template.value, context.value, figures.value) : [],
  );
  const summary = computed(() => summarizeChecks(checks.value));
  const openComments = computed(() => (pkg.value?.comments ?? []).filter((c) => !c.resolvedAt));

  function reset() {
    autosave.reset();
    pkg.value = null;
    document.value = null;
    baseDocument.value = null;
    version.value = 0;
    loadError.value = null;
  }

  async function load(id: string): Promise<void> {
    reset();
    loading.value = true;
    try {
      const p = await api.fetchPackage(id);
      adoptServer(p, { replaceDocument: true });
      saveState.value = editable.value ? 'saved' : 'idle';
      autosave.restoreBackup(p);
    } catch (e) {
      loadError.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  /** Sets one field by path ("basicData.staffing.actual"). */
  function edit(path: string, value: unknown) {
    if (!editable.value || !document.value) return;
    setAt(document.value, path, value);
    autosave.changed();
  }

  /** Structural edits (add or remove a row), and cell writes. */
  function mutate(fn: (doc: PackageDocument) => void) {
    if (!editable.value || !document.value) return;
    fn(document.value);
    autosave.changed();
  }

  // ---------- workflow ----------
  async function runAction(action: WorkflowAction, extras: api.TransitionExtras = {}): Promise<void> {
    const current = pkg.value;
    if (!current) return;
    busyAction.value = action;
    lastError.value = null;
    try {
      if (editable.value) {
        await flush();
        if (saveState.value !== 'saved') throw saveState.value === 'conflict'
          ? new ApiError('VALIDATION_FAILED', '请先处理保存冲突', null, 'Resolve the save conflict first')
          : new ApiError('VALIDATION_FAILED', '材料尚未保存，请稍后再试', null, 'The package is not saved yet; try again in a moment');
      }
      await api.transition(action, current.id, version.value, extras);
      // The mutation returns the package; reload it whole so every field (comments, audit) is current.
      const fresh = await api.fetchPackage(current.id);
      adoptServer(fresh, { replaceDocument: true });
      saveState.value = editable.value ? 'saved' : 'idle';
    } catch (e) {
      lastError.value = toApiError(e);
      throw lastError.value;
    } finally {
      busyAction.value = null;
    }
  }

  async function refresh(): Promise<void> {
    const current = pkg.value;
    if (!current) return;
    const fresh = await api.fetchPackage(current.id, current);
    adoptServer(fresh, { replaceDocument: !hasUnsaved.value });
  }

  // ---------- comments ----------
  function upsertComment(c: Comment) {
    if (!pkg.value) return;
    const list = pkg.value.comments.slice();
    const i = list.findIndex((x) => x.id === c.id);
    if (i === -1) list.push(c);
    else list[i] = c;
    pkg.value = { ...pkg.value, comments: list };
  }

  async function addComment(path: string, body: string) {
    if (!pkg.value) return;
    upsertComment(await api.addComment(pkg.value.id, path, body));
  }

  async function replyComment(commentId: string, body: string) {
    const reply = await api.replyComment(commentId, body);
    // The server answers with the reply or the thread; refetch the thread list to be exact.
    if (reply.replies?.length || reply.id === commentId) upsertComment(reply);
    else await refreshComments();
  }

  async function resolveComment(commentId: string) {
    upsertComment(await api.resolveComment(commentId));
  }

  async function refreshComments() {
    if (!pkg.value) return;
    const fresh = await api.fetchPackage(pkg.value.id, pkg.value);
    pkg.value = { ...pkg.value, comments: fresh.comments };
  }

  // ---------- opinions and hand-over ----------
  const opinionPhrases = ref<string[]>([]);
  async function loadOpinionPhrases(): Promise<string[]> {
    if (!opinionPhrases.value.length) opinionPhrases.value = await api.fetchOpinionPhrases();
    return opinionPhrases.value;
  }

  /** The colleagues of the package's current stage, to hand it to (转交). */
  async function stageReviewers() {
    const p = pkg.value;
    if (!p?.stage) return [];
    return api.fetchStageReviewers(p.stage, p.stage === 'SUPERVISOR' ? (p.supervisorUnit?.id ?? null) : null);
  }

  // ---------- diff and preview ----------
  async function diffSince(revisionId: string): Promise<DiffEntry[]> {
    if (!pkg.value) return [];
    return api.revisionDiff(pkg.value.id, revisionId, null);
  }

  /** Records this look at the package on the server; returns the previous one (null on a first view). */
  async function recordView(): Promise<{ revisionId: string | null; viewedAt: string } | null> {
    if (!pkg.value) return null;
    return (await api.recordPackageView(pkg.value.id)).previous;
  }

  async function preview(onProgress: (r: Render) => void, pollMs = 1000, signal?: AbortSignal): Promise<Render> {
    if (!pkg.value) throw new ApiError('NOT_FOUND', '未打开材料', null, 'No package is open');
    if (editable.value) await flush();
    let r = await api.requestPreview(pkg.value.id);
    onProgress(r);
    while (r.status === 'QUEUED' || r.status === 'RUNNING') {
      if (signal?.aborted) return r;
      await new Promise((res) => setTimeout(res, pollMs));
      r = (await api.fetchRender(r.id)) ?? { ...r, status: 'FAILED', error: '渲染任务不存在' };
      onProgress(r);
    }
    return r;
  }

  return {
    pkg,
    document,
    baseDocument,
    version,
    loading,
    loadError,
    saveState,
    saveStatus,
    invalidCount,
    lastSavedAt,
    lastError,
    conflict,
    restoredFromBackup,
    busyAction,
    retryAttempt,
    template,
    context,
    figures,
    checks,
    summary,
    actions,
    editable,
    hasUnsaved,
    openComments,
    load,
    reset,
    edit,
    mutate,
    flush,
    retryNow,
    takeTheirs,
    reapplyMine,
    runAction,
    refresh,
    addComment,
    replyComment,
    resolveComment,
    diffSince,
    opinionPhrases,
    loadOpinionPhrases,
    stageReviewers,
    recordView,
    preview,
  };
});
