import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** What a unit of work gets: the transaction's manager and a hook for after it commits. */
export interface Tx {
  manager: EntityManager;
  afterCommit(effect: () => unknown): void;
}

/**
 * Runs work in one transaction and its side effects (job kicks, live updates) only after
 * the commit. SQLite has one writer, so transactions there are queued rather than nested.
 */
@Injectable()
export class TransactionService {
  private readonly logger = new Logger('TransactionService');
  private sqliteQueue: Promise<void> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.runNow(work);
    // Awaited, not chained with then(): an error's async stack then names who asked for the work.
    const previous = this.sqliteQueue;
    let release!: () => void;
    this.sqliteQueue = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      return await this.runNow(work);
    } finally {
      release();
    }
  }

  private async runNow<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const effects: (() => unknown)[] = [];
    const result = await this.dataSource.transaction((manager) => work({ manager, afterCommit: (e) => effects.push(e) }));
    for (const effect of effects) {
      try {
        await effect();
      } catch (err) {
        // The transaction stands; a failed effect is repaired by the sweep, never rolled back.
        this.logger.warn(`after-commit effect failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return result;
  }
}
