import { Injectable } from '@nestjs/common';
import { JOB_DEFAULTS, type JobName, type JobOptions, type JobPayloads } from '@zipin/shared';
import type { Tx } from '../database/transaction.service.js';
import { newId } from '../database/columns.js';
import { JobEntity } from './job.entity.js';
import { JobBackend } from './job-backend.js';
import { Clock } from '../common/clock.js';

/**
 * The one way to enqueue. The job row is written inside the caller's transaction, so a
 * job exists exactly when what caused it committed; the backend is woken after the commit.
 */
@Injectable()
export class JobQueue {
  constructor(
    private readonly backend: JobBackend,
    private readonly clock: Clock,
  ) {}

  async enqueue<N extends JobName>(tx: Tx, name: N, payload: JobPayloads[N], options: JobOptions = {}): Promise<string | null> {
    const repo = tx.manager.getRepository(JobEntity);
    if (options.jobId) {
      const existing = await repo.findOne({ where: { jobKey: options.jobId }, select: { id: true } });
      if (existing) return null;
    }
    const defaults = JOB_DEFAULTS[name];
    const now = this.clock.now();
    const row = repo.create({
      id: newId(),
      name,
      payload: payload as Record<string, string | number>,
      jobKey: options.jobId ?? null,
      status: 'PENDING',
      runAt: new Date(now.getTime() + Math.max(0, options.delayMs ?? 0)),
      attempts: 0,
      maxAttempts: options.attempts ?? defaults.attempts,
      backoffMs: defaults.backoffMs,
      lastError: null,
      lockedUntil: null,
      createdAt: now,
      finishedAt: null,
    });
    // Two processes may pass the check above at once (each worker asks for the minute's sweep);
    // the unique key keeps one row, and the loser's insert is ignored rather than failing its caller.
    const inserted = await tx.manager.createQueryBuilder().insert().into(JobEntity).values(row).orIgnore().execute();
    if (options.jobId && !insertedRows(inserted.raw)) return null;
    tx.afterCommit(() => this.backend.kick());
    return row.id;
  }
}

/** Rows an INSERT wrote, from the driver's raw result (mysql2: affectedRows; better-sqlite3: changes). */
function insertedRows(raw: unknown): number {
  const r = raw as { affectedRows?: number; changes?: number } | undefined;
  return r?.affectedRows ?? r?.changes ?? 1;
}
