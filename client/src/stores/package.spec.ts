import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, type PackageDocument } from '@zipin/shared';
import { ApiError } from '@/api/errors.js';
import type { PackageDetail, SaveAnswer } from '@/api/types.js';

vi.mock('@/api/packages-api.js', () => ({
  fetchPackage: vi.fn(),
  savePackage: vi.fn(),
  transition: vi.fn(),
  revisionDiff: vi.fn(),
  addComment: vi.fn(),
  replyComment: vi.fn(),
  resolveComment: vi.fn(),
  requestPreview: vi.fn(),
  fetchRender: vi.fn(),
}));

const api = await import('@/api/packages-api.js');
const { usePackageStore, AUTOSAVE_DELAY_MS } = await import('./package.js');

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A save's lean answer: the version it made; the document as the client has it. */
function savedAt(version: number, over: Partial<SaveAnswer> = {}): SaveAnswer {
  const summary = { errorCount: 0, warningCount: 0, unexplainedWarningCount: 0, executionRate: null, declaredTotal: null, suggestedTotal: null, grade: null, canSubmit: true };
  return { version, lastEditedAt: new Date().toISOString(), summary, document: null, ...over } as SaveAnswer;
}

function makePackage(version: number, document: PackageDocument = clone(SEED_2024_LUKOU_GSL), over: Partial<PackageDetail> = {}): PackageDetail {
  return {
    id: 'pkg-1',
    state: 'DRAFT',
    version,
    fiscalYear: 2024,
    unit: { id: 'u1', code: '212001', name: '株洲市渌口区工商业联合会' },
    campaign: {
      id: 'c1',
      fiscalYear: 2024,
      title: '2024年度部门整体支出绩效自评',
      documentNumber: '渌财通（2025）4号',
      template: LUKOU_2024_TEMPLATE,
      submissionDeadline: '2025-05-31T16:00:00.000Z',
      publicationDeadline: '2025-06-30T16:00:00.000Z',
      timezone: 'Asia/Shanghai',
    },
    document,
    summary: { errorCount: 0, warningCount: 0, unexplainedWarningCount: 0, executionRate: null, declaredTotal: null, suggestedTotal: null, grade: null, canSubmit: false },
    availableActions: ['SUBMIT'],
    claimedBy: null,
    lastEditedBy: null,
    lastEditedAt: null,
    submittedAt: null,
    approvedAt: null,
    publishAt: null,
    publishedAt: null,
    signature: null,
    comments: [],
    auditTrail: [],
    revisions: [],
    returnedRevisionId: null,
    unchanged: false,
    flags: [],
    stage: null,
    assignee: null,
    supervisorUnit: null,
    opinions: [],
    ...over,
  };
}

const fetchPackage = vi.mocked(api.fetchPackage);
const savePackage = vi.mocked(api.savePackage);

/** Lets pending promise callbacks run under fake timers. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('package store autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    setActivePinia(createPinia());
    fetchPackage.mockReset();
    savePackage.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once, 1.5 s after the last keystroke, with the latest text and the base version', async () => {
    fetchPackage.mockResolvedValue(makePackage(3));
    savePackage.mockImplementation(async () => savedAt(4));
    const store = usePackageStore();
    await store.load('pkg-1');
    expect(store.saveState).toBe('saved');

    store.edit('basicData.staffing.actual', 6);
    vi.advanceTimersByTime(1000);
    store.edit('basicData.staffing.actual', 5);
    expect(store.saveState).toBe('dirty');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    expect(savePackage).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await settle();

    expect(savePackage).toHaveBeenCalledTimes(1);
    const input = savePackage.mock.calls[0]![0];
    expect(input.baseVersion).toBe(3);
    expect(input.document.basicData.staffing.actual).toBe(5);
    expect(input.saveId).toMatch(/.{8,}/);
    expect(store.saveState).toBe('saved');
    expect(store.version).toBe(4);
  });

  it('retries a save that failed on the network with the same saveId and the same snapshot', async () => {
    fetchPackage.mockResolvedValue(makePackage(3));
    savePackage.mockRejectedValueOnce(new ApiError('NETWORK', 'Failed to fetch'));
    savePackage.mockImplementation(async () => savedAt(4));
    const store = usePackageStore();
    await store.load('pkg-1');

    store.edit('basicData.publicFunds.total.currentFinal', '43.4');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await settle();
    expect(store.saveState).toBe('offline');
    expect(localStorage.getItem('zipin.draft.pkg-1')).toContain('43.4');

    // Typed while offline: must not change what the retry sends.
    store.edit('basicData.publicFunds.total.currentFinal', '43.43');
    vi.advanceTimersByTime(2000);
    await settle();

    const [first, retry] = savePackage.mock.calls.map((c) => c[0]);
    expect(retry!.saveId).toBe(first!.saveId);
    expect(retry!.document.basicData.publicFunds.total.currentFinal).toBe('43.4');
    expect(retry!.baseVersion).toBe(3);

    // The edit made while offline goes next, as a new save from the new version.
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await settle();
    expect(savePackage).toHaveBeenCalledTimes(3);
    const next = savePackage.mock.calls[2]![0];
    expect(next.saveId).not.toBe(first!.saveId);
    expect(next.baseVersion).toBe(4);
    expect(next.document.basicData.publicFunds.total.currentFinal).toBe('43.43');
    expect(store.saveState).toBe('saved');
    expect(localStorage.getItem('zipin.draft.pkg-1')).toBeNull();
  });

  it('retries at once when the browser comes back online', async () => {
    fetchPackage.mockResolvedValue(makePackage(3));
    savePackage.mockRejectedValueOnce(new ApiError('NETWORK', 'offline'));
    savePackage.mockImplementation(async () => savedAt(4));
    const store = usePackageStore();
    await store.load('pkg-1');
    store.edit('basicData.staffing.authorized', 6);
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await settle();
    expect(store.saveState).toBe('offline');
    store.retryNow();
    await settle();
    expect(savePackage).toHaveBeenCalledTimes(2);
    expect(savePackage.mock.calls[1]![0].saveId).toBe(savePackage.mock.calls[0]![0].saveId);
    expect(store.saveState).toBe('saved');
  });

  it('shows a conflict with the diff when someone saved first, and can take theirs', async () => {
    fetchPackage.mockResolvedValueOnce(makePackage(3));
    const theirsDoc = clone(SEED_2024_LUKOU_GSL);
    theirsDoc.basicData.austerityMeasures = '他人修改的措施';
    fetchPackage.mockResolvedValueOnce(makePackage(5, theirsDoc, { lastEditedBy: { id: 'u9', displayName: '另一位填表人', role: 'FILLER' } }));
    savePackage.mockRejectedValueOnce(new ApiError('VERSION_CONFLICT', 'conflict', { currentVersion: 5 }));
    const store = usePackageStore();
    await store.load('pkg-1');

    store.edit('basicData.staffing.actual', 5);
    await store.flush();
    await settle();

    expect(store.saveState).toBe('conflict');
    const paths = store.conflict!.changes.map((c) => c.path);
    expect(paths).toContain('basicData.staffing.actual');
    expect(paths).toContain('basicData.austerityMeasures');
    // Nothing else is saved while the conflict is open.
    store.edit('basicData.staffing.authorized', 7);
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2);
    await settle();
    expect(savePackage).toHaveBeenCalledTimes(1);

    store.takeTheirs();
    expect(store.saveState).toBe('saved');
    expect(store.version).toBe(5);
    expect(store.document!.basicData.austerityMeasures).toBe('他人修改的措施');
    expect(store.document!.basicData.staffing.actual).toBe(SEED_2024_LUKOU_GSL.basicData.staffing.actual);
    expect(localStorage.getItem('zipin.draft.pkg-1')).toBeNull();
  });

  it('reapplies my edits on top of theirs and saves from their version', async () => {
    fetchPackage.mockResolvedValueOnce(makePackage(3));
    const theirsDoc = clone(SEED_2024_LUKOU_GSL);
    theirsDoc.basicData.austerityMeasures = '他人修改的措施';
    fetchPackage.mockResolvedValueOnce(makePackage(5, theirsDoc));
    savePackage.mockRejectedValueOnce(new ApiError('VERSION_CONFLICT', 'conflict', { currentVersion: 5 }));
    savePackage.mockImplementation(async () => savedAt(6));
    const store = usePackageStore();
    await store.load('pkg-1');

    store.edit('basicData.staffing.actual', 5);
    await store.flush();
    await settle();
    expect(store.saveState).toBe('conflict');

    await store.reapplyMine();
    await settle();
    const last = savePackage.mock.calls.at(-1)![0];
    expect(last.baseVersion).toBe(5);
    expect(last.document.basicData.staffing.actual).toBe(5);
    expect(last.document.basicData.austerityMeasures).toBe('他人修改的措施');
    expect(store.saveState).toBe('saved');
    expect(store.version).toBe(6);
  });

  it('restores unsaved edits from the local backup after a reload', async () => {
    fetchPackage.mockResolvedValue(makePackage(3));
    savePackage.mockRejectedValue(new ApiError('NETWORK', 'offline'));
    const first = usePackageStore();
    await first.load('pkg-1');
    first.edit('basicData.contact.phone', '0731-00000000');
    first.reset();

    setActivePinia(createPinia());
    savePackage.mockReset();
    savePackage.mockImplementation(async () => savedAt(4));
    const second = usePackageStore();
    await second.load('pkg-1');
    expect(second.restoredFromBackup).toBe(true);
    expect(second.document!.basicData.contact.phone).toBe('0731-00000000');
    expect(second.saveState).toBe('dirty');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await settle();
    expect(savePackage).toHaveBeenCalledTimes(1);
    expect(second.saveState).toBe('saved');
  });

  it('opens a conflict when the backup was made on an older version than the server has', async () => {
    localStorage.setItem(
      'zipin.draft.pkg-1',
      JSON.stringify({ packageId: 'pkg-1', baseVersion: 2, baseDocument: SEED_2024_LUKOU_GSL, document: { ...clone(SEED_2024_LUKOU_GSL), explanations: { 'X@y': '本机未保存的说明' } }, updatedAt: '' }),
    );
    fetchPackage.mockResolvedValue(makePackage(3));
    const store = usePackageStore();
    await store.load('pkg-1');
    expect(store.saveState).toBe('conflict');
    expect(store.conflict!.changes.map((c) => c.path)).toContain('explanations.X@y');
  });

  it('recomputes figures and checks live from the shared rules on every edit', async () => {
    fetchPackage.mockResolvedValue(makePackage(3));
    const store = usePackageStore();
    await store.load('pkg-1');
    expect(store.figures!.staffing.controlRate).toBe('140.00');
    expect(store.checks.some((c) => c.code === 'STAFFING_OVER_QUOTA')).toBe(true);
    store.edit('basicData.staffing.actual', 5);
    expect(store.figures!.staffing.controlRate).toBe('100.00');
    expect(store.checks.some((c) => c.code === 'STAFFING_OVER_QUOTA')).toBe(false);
  });

  it('does not edit or save a package the user may not edit', async () => {
    fetchPackage.mockResolvedValue(makePackage(3, undefined, { state: 'SUBMITTED', availableActions: ['WITHDRAW'] }));
    const store = usePackageStore();
    await store.load('pkg-1');
    store.edit('basicData.staffing.actual', 1);
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2);
    await settle();
    expect(store.document!.basicData.staffing.actual).toBe(7);
    expect(savePackage).not.toHaveBeenCalled();
  });
});

describe('reapplying my edits after a conflict', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    setActivePinia(createPinia());
    fetchPackage.mockReset();
    savePackage.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it('keeps a typo I typed as typed on top of their version', async () => {
    const P = 'basicData.publicFunds.total.currentFinal';
    fetchPackage.mockResolvedValueOnce(makePackage(3));
    const theirsDoc = clone(SEED_2024_LUKOU_GSL);
    theirsDoc.basicData.austerityMeasures = '他人修改的措施';
    fetchPackage.mockResolvedValueOnce(makePackage(5, theirsDoc));
    savePackage.mockRejectedValueOnce(new ApiError('VERSION_CONFLICT', 'conflict', { currentVersion: 5 }));
    savePackage.mockImplementation(async () => savedAt(6));
    const store = usePackageStore();
    await store.load('pkg-1');
    store.mutate((d) => {
      d.basicData.publicFunds.total.currentFinal = null;
      d.invalidInputs = { [P]: '1O5.2' };
    });
    await store.flush();
    await settle();
    expect(store.saveState).toBe('conflict');
    const skipped = await store.reapplyMine();
    await settle();
    expect(skipped).toEqual([]);
    const last = savePackage.mock.calls.at(-1)![0];
    expect(last.document.invalidInputs).toEqual({ [P]: '1O5.2' });
    expect(last.document.basicData.publicFunds.total.currentFinal).toBeNull();
    expect(last.document.basicData.austerityMeasures).toBe('他人修改的措施');
  });
});
