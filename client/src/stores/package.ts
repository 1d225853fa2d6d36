/**
 * The open package: the working copy of its document, live figures and checks (from
 * @zipin/shared, exactly what the server runs), autosave, conflicts, and workflow actions.
 *
 * Autosave: every edit is written to a local backup at once and saved ~1.5 s after the last
 * keystroke. A save carries the version it started from (optimistic locking) and a saveId; a
 * save that failed on the network is retried with the SAME saveId and the same snapshot, so
 * the server answers a retry of a save it already applied without making a new version.
 * Stores never touch the router or toasts: views read `saveState`, `lastError`, `conflict`.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import {
  DEFAULT_TEMPLATE,
  canonicalJson,
  computeFigures,
  diffDocuments,
  isEditable,
  runChecks,
  summarizeChecks,
  type CampaignContext,
  type EvaluationTemplate,
  type FieldChange,
  type PackageDocument,
  type WorkflowAction,
} from '@zipin/shared';
import * as api from '@/api/packages-api.js';
import { ApiError, toApiError } from '@/api/errors.js';
import type { Comment, DiffEntry, PackageDetail, Render } from '@/api/types.js';
import { applyChanges, setAt, structuredCloneSafe } from './doc-path.js';
import { clearDraft, readDraft, writeDraft } from './local-drafts.js';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error';

export const AUTOSAVE_DELAY_MS = 1500;
const RETRY_BASE_MS = 2000;
const RETRY_MAX_MS = 30000;

interface PendingSave {
  saveId: string;
  baseVersion: number;
  document: PackageDocument;
  canonical: string;
}

export interface Conflict {
  /** The package as the server has it now. */
  theirs: PackageDetail;
  /** My working copy when the conflict was found. */
  mine: PackageDocument;
  /** The server document my edits started from. */
  base: PackageDocument;
  /** Field by field: theirs → mine (what taking theirs would throw away). */
  changes: FieldChange[];
}

export function newSaveId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

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
  const saveState = ref<SaveState>('idle');
  const lastSavedAt = ref<Date | null>(null);
  const lastError = ref<ApiError | null>(null);
  const conflict = shallowRef<Conflict | null>(null);
  const restoredFromBackup = ref(false);
  const busyAction = ref<WorkflowAction | null>(null);
  const retryAttempt = ref(0);

  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: PendingSave | null = null;
  let savePromise: Promise<void> | null = null;
  let baseCanonical = '';

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
  const actions = computed<WorkflowAction[]>(() => pkg.value?.availableActions ?? []);
  /** Only the filler edits, and only while the package is a draft or returned (SUBMIT is theirs alone). */
  const editable = computed(() => !!pkg.value && isEditable(pkg.value.state) && actions.value.includes('SUBMIT'));
  const hasUnsaved = computed(() => ['dirty', 'saving', 'offline', 'conflict', 'error'].includes(saveState.value));
  const openComments = computed(() => (pkg.value?.comments ?? []).filter((c) => !c.resolvedAt));

  function clearTimers() {
    if (timer) clearTimeout(timer);
    if (retryTimer) clearTimeout(retryTimer);
    timer = retryTimer = null;
  }

  function reset() {
    clearTimers();
    pkg.value = null;
    document.value = null;
    baseDocument.value = null;
    baseCanonical = '';
    version.value = 0;
    saveState.value = 'idle';
    lastError.value = null;
    loadError.value = null;
    conflict.value = null;
    restoredFromBackup.value = false;
    inFlight = null;
    savePromise = null;
    retryAttempt.value = 0;
  }

  function adoptServer(next: PackageDetail, opts: { replaceDocument: boolean }) {
    pkg.value = next;
    version.value = next.version;
    baseDocument.value = next.document;
    baseCanonical = canonicalJson(next.document);
    if (opts.replaceDocument || !document.value) document.value = structuredCloneSafe(next.document);
  }

  async function load(id: string): Promise<void> {
    reset();
    loading.value = true;
    try {
      const p = await api.fetchPackage(id);
      adoptServer(p, { replaceDocument: true });
      saveState.value = editable.value ? 'saved' : 'idle';
      restoreBackup(p);
    } catch (e) {
      loadError.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  /** Unsaved edits from an earlier visit (reload, crash, offline) come back. */
  function restoreBackup(p: PackageDetail) {
    const draft = readDraft(p.id);
    if (!draft) return;
    if (!editable.value) return; // kept: the package may become editable again after a return
    if (canonicalJson(draft.document) === baseCanonical) {
      clearDraft(p.id);
      return;
    }
    restoredFromBackup.value = true;
    if (draft.baseVersion === p.version) {
      document.value = structuredCloneSafe(draft.document);
      saveState.value = 'dirty';
      schedule();
    } else {
      // Someone saved after these edits were made: the user chooses.
      conflict.value = {
        theirs: p,
        mine: draft.document,
        base: draft.baseDocument ?? p.document,
        changes: diffDocuments(p.document, draft.document),
      };
      document.value = structuredCloneSafe(draft.document);
      saveState.value = 'conflict';
    }
  }

  function backup() {
    if (!pkg.value || !document.value || !baseDocument.value) return;
    writeDraft({
      packageId: pkg.value.id,
      baseVersion: version.value,
      baseDocument: baseDocument.value,
      document: document.value,
      updatedAt: new Date().toISOString(),
    });
  }

  function afterEdit() {
    backup();
    if (saveState.value === 'conflict') return;
    if (saveState.value !== 'saving' && saveState.value !== 'offline') saveState.value = 'dirty';
    schedule();
  }

  /** Sets one field by path ("basicData.staffing.actual"). */
  function edit(path: string, value: unknown) {
    if (!editable.value || !document.value) return;
    setAt(document.value, path, value);
    afterEdit();
  }

  /** Structural edits (add or remove a row). */
  function mutate(fn: (doc: PackageDocument) => void) {
    if (!editable.value || !document.value) return;
    fn(document.value);
    afterEdit();
  }

  function schedule(delay = AUTOSAVE_DELAY_MS) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
  }

  /** Saves now (or waits for the save in flight, then saves what changed since). */
  async function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!pkg.value || !document.value || !editable.value) return;
    if (conflict.value) return;
    if (savePromise) {
      await savePromise;
      return flush();
    }
    const canonical = canonicalJson(document.value);
    if (canonical === baseCanonical) {
      saveState.value = 'saved';
      clearDraft(pkg.value.id);
      return;
    }
    const pending: PendingSave = {
      saveId: newSaveId(),
      baseVersion: version.value,
      document: structuredCloneSafe(document.value),
      canonical,
    };
    savePromise = send(pending);
    try {
      await savePromise;
    } finally {
      savePromise = null;
    }
  }

  async function send(pending: PendingSave): Promise<void> {
    const current = pkg.value;
    if (!current) return;
    inFlight = pending;
    saveState.value = 'saving';
    try {
      const saved = await api.savePackage({
        packageId: current.id,
        baseVersion: pending.baseVersion,
        document: pending.document,
        saveId: pending.saveId,
      });
      if (pkg.value?.id !== current.id) return; // navigated away meanwhile
      inFlight = null;
      retryAttempt.value = 0;
      lastError.value = null;
      adoptServer(saved, { replaceDocument: false });
      lastSavedAt.value = new Date();
      if (document.value && canonicalJson(document.value) === pending.canonical) {
        saveState.value = 'saved';
        clearDraft(current.id);
      } else {
        // Typed while saving: save again from the new version with a new saveId.
        saveState.value = 'dirty';
        backup();
        schedule();
      }
    } catch (e) {
      const err = toApiError(e);
      lastError.value = err;
      if (err.isNetwork || err.code === 'INTERNAL') {
        saveState.value = 'offline';
        retryLater(pending);
        // Keep the promise pending until the retry settles, so flush() callers wait for it.
        return new Promise<void>((resolve) => {
          pendingResolvers.push(resolve);
        });
      }
      inFlight = null;
      if (err.code === 'VERSION_CONFLICT') {
        await enterConflict();
      } else {
        saveState.value = 'error';
      }
    } finally {
      if (inFlight === null) settlePending();
    }
  }

  let pendingResolvers: (() => void)[] = [];
  function settlePending() {
    const r = pendingResolvers;
    pendingResolvers = [];
    r.forEach((f) => f());
  }

  function retryLater(pending: PendingSave) {
    if (retryTimer) clearTimeout(retryTimer);
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** retryAttempt.value);
    retryAttempt.value += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void send(pending);
    }, delay);
  }

  /** The browser says the network is back: retry the pending save now, same saveId. */
  function retryNow() {
    if (inFlight && saveState.value === 'offline') {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      void send(inFlight);
    }
  }

  async function enterConflict() {
    const current = pkg.value;
    if (!current || !document.value) return;
    saveState.value = 'conflict';
    try {
      const theirs = await api.fetchPackage(current.id);
      const mine = structuredCloneSafe(document.value);
      conflict.value = { theirs, mine, base: baseDocument.value ?? current.document, changes: diffDocuments(theirs.document, mine) };
    } catch (e) {
      lastError.value = toApiError(e);
    }
  }

  /** Conflict: drop my edits, continue from the server's version. */
  function takeTheirs() {
    const c = conflict.value;
    if (!c) return;
    conflict.value = null;
    adoptServer(c.theirs, { replaceDocument: true });
    clearDraft(c.theirs.id);
    saveState.value = editable.value ? 'saved' : 'idle';
  }

  /** Conflict: my edits (since my base) replayed on the server's version, then saved. */
  async function reapplyMine(): Promise<FieldChange[]> {
    const c = conflict.value;
    if (!c) return [];
    const mineChanges = diffDocuments(c.base, c.mine);
    const merged = structuredCloneSafe(c.theirs.document);
    const skipped = applyChanges(merged, mineChanges);
    conflict.value = null;
    adoptServer(c.theirs, { replaceDocument: false });
    document.value = merged;
    if (!editable.value) {
      saveState.value = 'idle';
      return skipped;
    }
    saveState.value = 'dirty';
    backup();
    await flush();
    return skipped;
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
        if (saveState.value !== 'saved') throw new ApiError('VALIDATION_FAILED', saveState.value === 'conflict' ? '请先处理保存冲突' : '材料尚未保存，请稍后再试');
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
    const fresh = await api.fetchPackage(current.id);
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
    const fresh = await api.fetchPackage(pkg.value.id);
    pkg.value = { ...pkg.value, comments: fresh.comments };
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
    if (!pkg.value) throw new ApiError('NOT_FOUND', '未打开材料');
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
    recordView,
    preview,
  };
});
