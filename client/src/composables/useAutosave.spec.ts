import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ref, shallowRef } from 'vue';
import { SEED_2024_LUKOU_GSL, setInvalidInput, type PackageDocument } from '@zipin/shared';
import { ApiError } from '@/api/errors.js';
import type { PackageDetail, SaveAnswer } from '@/api/types.js';
import { AUTOSAVE_DELAY_MS, useAutosave } from './useAutosave.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const pkgAt = (version: number, document: PackageDocument = clone(SEED_2024_LUKOU_GSL)) =>
  ({ id: 'pkg-1', version, document, state: 'DRAFT', availableActions: ['SUBMIT'], comments: [] }) as unknown as PackageDetail;
/** A save's lean answer: the version it made; the document as the client has it. */
const savedAt = (version: number, over: Partial<SaveAnswer> = {}): SaveAnswer =>
  ({ version, lastEditedAt: new Date().toISOString(), summary: { errorCount: 0, warningCount: 0, unexplainedWarningCount: 0, executionRate: null, declaredTotal: null, suggestedTotal: null, grade: null, canSubmit: true }, document: null, ...over }) as SaveAnswer;
const settle = async () => {
  for (let i = 0; i < 6; i++) await Promise.resolve();
};

function harness(first = pkgAt(3)) {
  const savePackage = vi.fn<(i: { packageId: string; baseVersion: number; document: PackageDocument; saveId: string }) => Promise<SaveAnswer>>();
  const fetchPackage = vi.fn<(id: string) => Promise<PackageDetail>>();
  const pkg = shallowRef<PackageDetail | null>(null);
  const document = ref<PackageDocument | null>(null);
  const baseDocument = shallowRef<PackageDocument | null>(null);
  const version = ref(0);
  const a = useAutosave({ pkg, document, baseDocument, version, editable: () => true, savePackage, fetchPackage });
  a.adoptServer(first, { replaceDocument: true });
  a.saveState.value = 'saved';
  const edit = (fn: (d: PackageDocument) => void) => {
    fn(document.value!);
    a.changed();
  };
  return { a, savePackage, fetchPackage, document, version, edit, pkg };
}

describe('useAutosave states', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('goes dirty → saving → saved, once, after the typing pause', async () => {
    const h = harness();
    let release!: () => void;
    h.savePackage.mockImplementation(() => new Promise((r) => (release = () => r(savedAt(4)))));
    h.edit((d) => (d.basicData.staffing.actual = 6));
    expect(h.a.status.value).toBe('dirty');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await settle();
    expect(h.a.status.value).toBe('saving');
    release();
    await settle();
    expect(h.a.status.value).toBe('saved');
    expect(h.version.value).toBe(4);
    expect(h.savePackage).toHaveBeenCalledTimes(1);
    expect(localStorage.getItem('zipin.draft.pkg-1')).toBeNull();
  });

  it('queues offline with a local backup and retries the same saveId', async () => {
    const h = harness();
    h.savePackage.mockRejectedValueOnce(new ApiError('NETWORK', 'Failed to fetch'));
    h.savePackage.mockImplementation(async () => savedAt(4));
    h.edit((d) => (d.basicData.staffing.actual = 6));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await settle();
    expect(h.a.status.value).toBe('offline');
    expect(h.a.hasUnsaved.value).toBe(true);
    expect(localStorage.getItem('zipin.draft.pkg-1')).toContain('"actual":6');
    h.a.retryNow();
    await settle();
    expect(h.savePackage.mock.calls[1]![0].saveId).toBe(h.savePackage.mock.calls[0]![0].saveId);
    expect(h.a.status.value).toBe('saved');
  });

  it('opens a conflict on a stale version and saves nothing until the person chooses', async () => {
    const h = harness();
    const theirs = clone(SEED_2024_LUKOU_GSL);
    theirs.basicData.austerityMeasures = '他人修改';
    h.savePackage.mockRejectedValueOnce(new ApiError('VERSION_CONFLICT', 'conflict'));
    h.fetchPackage.mockResolvedValue(pkgAt(5, theirs));
    h.edit((d) => (d.basicData.staffing.actual = 6));
    await h.a.flush();
    await settle();
    expect(h.a.status.value).toBe('conflict');
    expect(h.a.conflict.value!.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['basicData.staffing.actual', 'basicData.austerityMeasures']));
    h.edit((d) => (d.basicData.staffing.authorized = 9));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 3);
    await settle();
    expect(h.savePackage).toHaveBeenCalledTimes(1);
    h.a.takeTheirs();
    expect(h.a.status.value).toBe('saved');
    expect(h.document.value!.basicData.austerityMeasures).toBe('他人修改');
  });

  it('says invalid, never plain saved, while a cell holds text that is not a number', async () => {
    const h = harness();
    h.savePackage.mockImplementation(async () => savedAt(4));
    h.edit((d) => {
      d.basicData.publicFunds.total.currentFinal = null;
      setInvalidInput(d, 'basicData.publicFunds.total.currentFinal', '1O5.2');
    });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await settle();
    // Saved as typed, so a reload shows the typo; but the status says it is an error.
    expect(h.savePackage.mock.calls[0]![0].document.invalidInputs).toEqual({ 'basicData.publicFunds.total.currentFinal': '1O5.2' });
    expect(h.a.saveState.value).toBe('saved');
    expect(h.a.status.value).toBe('invalid');
    expect(h.a.invalidCount.value).toBe(1);
    h.edit((d) => {
      d.basicData.publicFunds.total.currentFinal = '105.2';
      setInvalidInput(d, 'basicData.publicFunds.total.currentFinal', undefined);
    });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await settle();
    expect(h.a.status.value).toBe('saved');
  });

  it('marks a refused save (validation) as an error, keeping the edits', async () => {
    const h = harness();
    h.savePackage.mockRejectedValueOnce(new ApiError('VALIDATION_FAILED', '填写内容有误'));
    h.edit((d) => (d.basicData.staffing.actual = 6));
    await h.a.flush();
    await settle();
    expect(h.a.status.value).toBe('error');
    expect(h.document.value!.basicData.staffing.actual).toBe(6);
    expect(h.a.lastError.value!.code).toBe('VALIDATION_FAILED');
  });

  it('takes the version and summary from a lean answer, and the document only when the server sends it', async () => {
    const h = harness();
    const summary = { ...savedAt(4).summary, warningCount: 2, canSubmit: false };
    h.savePackage.mockImplementation(async () => savedAt(4, { summary }));
    h.edit((d) => (d.basicData.staffing.actual = 6));
    await h.a.flush();
    await settle();
    expect(h.version.value).toBe(4);
    expect(h.pkg.value!.summary).toEqual(summary);
    // The base is the document sent: typing the same again saves nothing.
    expect(h.pkg.value!.document.basicData.staffing.actual).toBe(6);
    await h.a.flush();
    expect(h.savePackage).toHaveBeenCalledTimes(1);

    // A document the server stored otherwise replaces the client's base.
    const stored = clone(h.document.value!);
    stored.basicData.austerityMeasures = '服务器保存的';
    h.savePackage.mockImplementation(async () => savedAt(5, { document: stored } as Partial<SaveAnswer>));
    h.edit((d) => (d.basicData.staffing.actual = 7));
    await h.a.flush();
    await settle();
    expect(h.version.value).toBe(5);
    expect(h.pkg.value!.document.basicData.austerityMeasures).toBe('服务器保存的');
    // What the person typed stays in the working copy.
    expect(h.document.value!.basicData.staffing.actual).toBe(7);
  });
});
