import { Injectable } from '@nestjs/common';
import type { ImportProgress } from './units-import.service.js';

const KEEP_MS = 10 * 60_000;

/**
 * Where a running units import is (checking, hashing n of m passwords, writing, done), kept in
 * this process for the admin's page to poll by the import id it chose. In scaled mode the poll
 * must reach the same API process (it answers NOT_FOUND otherwise); the import itself is unaffected.
 */
@Injectable()
export class ImportProgressRegistry {
  private readonly entries = new Map<string, { bureauId: string; progress: ImportProgress; at: number }>();

  reporter(importId: string | undefined, bureauId: string): (p: ImportProgress) => void {
    if (!importId) return () => {};
    return (progress) => {
      this.sweep();
      this.entries.set(importId, { bureauId, progress, at: Date.now() });
    };
  }

  get(importId: string, bureauId: string): ImportProgress | null {
    const e = this.entries.get(importId);
    return e && e.bureauId === bureauId ? e.progress : null;
  }

  private sweep(): void {
    const cutoff = Date.now() - KEEP_MS;
    for (const [k, v] of this.entries) if (v.at < cutoff) this.entries.delete(k);
  }
}
