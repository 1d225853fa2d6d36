import { Column, Entity, Index } from 'typeorm';
import type { JobName } from '@zipin/shared';
import { IdColumn, JsonColumn, TimeColumn } from '../database/columns.js';

export type JobStatus = 'PENDING' | 'DISPATCHED' | 'ACTIVE' | 'DONE' | 'FAILED';

/**
 * Every enqueued job, written in the transaction that caused it (an outbox). Embedded, the
 * in-process runner works from this table; with Redis, a relay hands PENDING rows to BullMQ,
 * so a job survives a Redis outage and is dispatched once Redis is back.
 */
@Entity('job')
@Index('ix_job_status_run_at', ['status', 'runAt'])
export class JobEntity {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 64 }) name: JobName;
  @JsonColumn() payload: Record<string, string | number>;
  /** Fixed job id: a second enqueue with the same key is a no-op. */
  @Column({ type: 'varchar', length: 200, nullable: true, unique: true }) jobKey: string | null;
  @Column({ type: 'varchar', length: 16 }) status: JobStatus;
  @TimeColumn() runAt: Date;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'int' }) maxAttempts: number;
  @Column({ type: 'int' }) backoffMs: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @TimeColumn({ nullable: true }) lockedUntil: Date | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn({ nullable: true }) finishedAt: Date | null;
}
