import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionService } from '../../database/transaction.service.js';
import { IsSweepTask, SWEEP_INTERVAL_MS, type SweepTask } from '../../jobs/sweep.js';
import { PackageEntity } from '../package/package.entity.js';
import { PublicationService } from './publication.service.js';

/**
 * The schedule is in the package row; the due-time jobs are only a cache of it. Every minute one
 * query finds the instants with packages due (now or within the minute): anything already past
 * its time gets one catch-up run (which publishes all of it, however long the backlog), and each
 * instant of the coming minute its job, in case it was lost (with Redis, in a crash before the relay).
 */
@Injectable()
@IsSweepTask()
export class PublicationSweep implements SweepTask {
  private readonly logger = new Logger('PublicationSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionService,
    private readonly publications: PublicationService,
  ) {}

  async sweep(now: Date): Promise<void> {
    const rows: { at: Date | string }[] = await this.dataSource
      .getRepository(PackageEntity)
      .createQueryBuilder('p')
      .select('DISTINCT p.publishAt', 'at')
      .where('p.state = :state', { state: 'SCHEDULED' })
      .andWhere('p.publishBlockedAt IS NULL')
      .andWhere('p.publishAt <= :until', { until: new Date(now.getTime() + SWEEP_INTERVAL_MS) })
      .orderBy('p.publishAt', 'ASC')
      .limit(1_000)
      .getRawMany();
    if (!rows.length) return;
    const instants = rows.map((r) => asDate(r.at).getTime());
    const overdue = instants.filter((t) => t <= now.getTime());
    const coming = instants.filter((t) => t > now.getTime());
    const minute = Math.floor(now.getTime() / SWEEP_INTERVAL_MS);
    await this.transactions.run(async (tx) => {
      // Due by the latest overdue instant: the run then takes every package due up to it and after.
      if (overdue.length) await this.publications.enqueueDue(tx, new Date(overdue[overdue.length - 1]!), `package.publish.sweep.${minute}`);
      for (const t of coming) await this.publications.enqueueDue(tx, new Date(t));
    });
    if (overdue.length) this.logger.log('packages past their publication time: catch-up run queued');
  }
}

/** SQLite hands back the stored text of a raw DATETIME, MySQL a Date (both UTC). */
function asDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(/Z|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z');
}
