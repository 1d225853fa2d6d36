/**
 * Autosave of one open package: every edit is written to a local backup at once and saved
 * ~1.5 s after the last keystroke. A save carries the version it started from (optimistic
 * locking) and a saveId; a save that failed on the network is retried with the SAME saveId and
 * the same snapshot, so the server answers a retry of a save it already applied without making
 * a new version. A stale version opens a conflict (theirs vs mine, field by field) and nothing is
 * saved until the person chooses.
 *
 * `status` is what the person is told: it is never plain 已保存 while a cell holds text that is
 * not a number (doc.invalidInputs): that is 'invalid' — saved as typed, and an error.
 */
import { computed, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { canonicalJson, diffDocuments, invalidInputCount, type FieldChange, type PackageDocument } from '@zipin/shared';
import { toApiError, type ApiError } from '@/api/errors.js';
import type { PackageDetail, SaveAnswer } from '@/api/types.js';
import { applyChanges, structuredCloneSafe } from '@/stores/doc-path.js';
import { clearDraft, readDraft, writeDraft } from '@/stores/local-drafts.js';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error';
/** What the save indicator says: a save state, or 'invalid' (saved, but some cells hold text that is not a number). */
export type SaveStatus = SaveState | 'invalid';

export const AUTOSAVE_DELAY_MS = 1500;
export const RETRY_BASE_MS = 2000;
export const RETRY_MAX_MS = 30000;

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

export interface AutosaveDeps {
  /** The open package (null when none). */
  pkg: ShallowRef<PackageDetail | null>;
  /** My working copy. */
  document: Ref<PackageDocument | null>;
  /** The server's document at `version`: what my unsaved edits started from. */
  baseDocument: ShallowRef<PackageDocument | null>;
  version: Ref<number>;
  editable: () => boolean;
  savePackage: (input: { packageId: string; baseVersion: number; document: PackageDocument; saveId: string }) => Promise<SaveAnswer>;
  fetchPackage: (id: string) => Promise<PackageDetail>;
}

export function useAutosave(deps: AutosaveDeps) {
  const { pkg, document, baseDocument, version } = deps;
  const saveState = ref<SaveState>('idle');
  const lastSavedAt = ref<Date | null>(null);
  const lastError = ref<ApiError | null>(null);
  const conflict = shallowRef<Conflict | null>(null);
  const restoredFromBackup = ref(false);
  const retryAttempt = ref(0);
  const invalidCount = computed(() => invalidInputCount(document.value));
  const status = computed<SaveStatus>(() => (saveState.value === 'saved' && invalidCount.value > 0 ? 'invalid' : saveState.value));
  const hasUnsaved = computed(() => ['dirty', 'saving', 'offline', 'conflict', 'error'].includes(saveState.value));

  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: PendingSave | null = null;
  let savePromise: Promise<void> | null = null;
  let baseCanonical = '';
  let pendingResolvers: (() => void)[] = [];

  function clearTimers() {
    if (timer) clearTimeout(timer);
    if (retryTimer) clearTimeout(retryTimer);
    timer = retryTimer = null;
  }

  function reset() {
    clearTimers();
    baseCanonical = '';
    saveState.value = 'idle';
    lastError.value = null;
    conflict.value = null;
    restoredFromBackup.value = false;
    inFlight = null;
    savePromise = null;
    retryAttempt.value = 0;
  }

  /** The server's package becomes the base (and, when asked or when there is none, the working copy). */
  function adoptServer(next: PackageDetail, opts: { replaceDocument: boolean }) {
    pkg.value = next;
    version.value = next.version;
    baseDocument.value = next.document;
    baseCanonical = canonicalJson(next.document);
    if (opts.replaceDocument || !document.value) document.value = structuredCloneSafe(next.document);
  }

  /**
   * A save's answer becomes the base: the new version and summary, and the document as sent
   * unless the server says it stored another (it keeps carried figures).
   */
  function adoptSave(saved: SaveAnswer, sent: PendingSave) {
    const current = pkg.value!;
    const stored = saved.document ?? sent.document;
    pkg.value = { ...current, version: saved.version, lastEditedAt: saved.lastEditedAt, summary: saved.summary, document: stored };
    version.value = saved.version;
    baseDocument.value = stored;
    baseCanonical = saved.document ? canonicalJson(stored) : sent.canonical;
  }

  /** Unsaved edits from an earlier visit (reload, crash, offline) come back. */
  function restoreBackup(p: PackageDetail) {
    const draft = readDraft(p.id);
    if (!draft) return;
    if (!deps.editable()) return; // kept: the package may become editable again after a return
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
      // Someone saved after these edits were made: the person chooses.
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

  /** After any edit of the working copy. */
  function changed() {
    backup();
    if (saveState.value === 'conflict') return;
    if (saveState.value !== 'saving' && saveState.value !== 'offline') saveState.value = 'dirty';
    schedule();
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
    if (!pkg.value || !document.value || !deps.editable()) return;
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
      const saved = await deps.savePackage({
        packageId: current.id,
        baseVersion: pending.baseVersion,
        document: pending.document,
        saveId: pending.saveId,
      });
      if (pkg.value?.id !== current.id) return; // navigated away meanwhile
      inFlight = null;
      retryAttempt.value = 0;
      lastError.value = null;
      adoptSave(saved, pending);
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
      if (err.code === 'VERSION_CONFLICT') await enterConflict();
      else saveState.value = 'error';
    } finally {
      if (inFlight === null) settlePending();
    }
  }

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
      const theirs = await deps.fetchPackage(current.id);
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
    saveState.value = deps.editable() ? 'saved' : 'idle';
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
    if (!deps.editable()) {
      saveState.value = 'idle';
      return skipped;
    }
    saveState.value = 'dirty';
    backup();
    await flush();
    return skipped;
  }

  return {
    saveState,
    status,
    invalidCount,
    lastSavedAt,
    lastError,
    conflict,
    restoredFromBackup,
    retryAttempt,
    hasUnsaved,
    reset,
    adoptServer,
    restoreBackup,
    changed,
    flush,
    retryNow,
    takeTheirs,
    reapplyMine,
  };
}
