/**
 * The local backup of unsaved edits (localStorage): nothing typed is lost on reload or offline.
 * One entry per package, written on every edit, removed once the server holds the same text.
 */
import type { PackageDocument } from '@zipin/shared';

export interface LocalDraft {
  packageId: string;
  /** The server version the edits started from. */
  baseVersion: number;
  /** The server's document at baseVersion (for reapplying the edits on a newer version). */
  baseDocument: PackageDocument;
  document: PackageDocument;
  updatedAt: string;
}

const key = (packageId: string) => `zipin.draft.${packageId}`;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readDraft(packageId: string): LocalDraft | null {
  const raw = storage()?.getItem(key(packageId));
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as LocalDraft;
    return d && d.packageId === packageId && d.document ? d : null;
  } catch {
    return null;
  }
}

export function writeDraft(draft: LocalDraft): boolean {
  try {
    storage()?.setItem(key(draft.packageId), JSON.stringify(draft));
    return true;
  } catch {
    // Quota exceeded: the edits still live in memory and in the save queue.
    return false;
  }
}

export function clearDraft(packageId: string): void {
  storage()?.removeItem(key(packageId));
}

/** Which revision of a package a user last looked at (for "what changed since I saw it"). */
export function readSeenRevision(userId: string, packageId: string): string | null {
  return storage()?.getItem(`zipin.seen.${userId}.${packageId}`) ?? null;
}

export function writeSeenRevision(userId: string, packageId: string, revisionId: string): void {
  try {
    storage()?.setItem(`zipin.seen.${userId}.${packageId}`, revisionId);
  } catch {
    /* not essential */
  }
}
