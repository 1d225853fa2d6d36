import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { PROCESS_ROLE } from '../ops/process-role.js';
import { PUBLISH_QUEUE, WORK_QUEUE } from '../jobs/queue-tokens.js';
import { PackageEntity } from '../modules/package/package.entity.js';
import { MetricsRecorder } from './metrics-recorder.js';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_SECONDS = [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300];

/**
 * One registry per process (not prom-client's global one, so two apps in one test process
 * never share counters). Request and job figures are counted as they happen; queue depth,
 * packages by state and publication lateness are read from the database at each scrape.
 */
@Injectable()
export class MetricsService extends MetricsRecorder {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly graphqlDuration: Histogram<'operation' | 'outcome'>;
  readonly jobsTotal: Counter<'job' | 'state'>;
  readonly jobDuration: Histogram<'job' | 'state'>;
  readonly renderDuration: Histogram<'outcome'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(PROCESS_ROLE) role = 'api',
  ) {
    super();
    this.registry.setDefaultLabels({ role });
    // Includes nodejs_eventloop_lag_seconds and its percentiles, heap and GC figures.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    const registers = [this.registry];
    this.httpDuration = new Histogram({ name: 'zipin_http_request_duration_seconds', help: 'HTTP requests by route (the pattern, not the URL) and status', labelNames: ['method', 'route', 'status'], buckets: SECONDS, registers });
    this.graphqlDuration = new Histogram({ name: 'zipin_graphql_operation_duration_seconds', help: 'GraphQL root fields ("mutation savePackage") by outcome (ok or the error code)', labelNames: ['operation', 'outcome'], buckets: SECONDS, registers });
    this.jobsTotal = new Counter({ name: 'zipin_jobs_total', help: 'Job runs by job name and outcome (completed, failed)', labelNames: ['job', 'state'], registers });
    this.jobDuration = new Histogram({ name: 'zipin_job_duration_seconds', help: 'How long a job run took, by job name and outcome', labelNames: ['job', 'state'], buckets: JOB_SECONDS, registers });
    this.renderDuration = new Histogram({ name: 'zipin_render_duration_seconds', help: 'Time to print one package PDF in Chromium', labelNames: ['outcome'], buckets: JOB_SECONDS, registers });

    const ds = this.dataSource;
    new Gauge({
      name: 'zipin_job_queue_depth',
      help: 'Jobs in the job table by name and status (PENDING/DISPATCHED/ACTIVE wait or run; FAILED gave up)',
      labelNames: ['job', 'status'],
      registers,
      async collect() {
        this.reset();
        const rows: { name: string; status: string; n: string | number }[] = await ds.query(
          "SELECT name, status, COUNT(*) AS n FROM job WHERE status <> 'DONE' GROUP BY name, status",
        );
        for (const r of rows) this.set({ job: r.name, status: r.status }, Number(r.n));
      },
    });
    const queues = [this.bullQueue(WORK_QUEUE), this.bullQueue(PUBLISH_QUEUE)].filter((q): q is Queue => q !== null);
    if (queues.length) {
      new Gauge({
        name: 'zipin_bullmq_jobs',
        help: 'Jobs in the BullMQ queues (work and publication) by state',
        labelNames: ['state'],
        registers,
        async collect() {
          const totals = new Map<string, number>();
          for (const queue of queues) {
            const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed', 'prioritized');
            for (const [state, n] of Object.entries(counts)) totals.set(state, (totals.get(state) ?? 0) + n);
          }
          for (const [state, n] of totals) this.set({ state }, n);
        },
      });
    }
    new Gauge({
      name: 'zipin_packages',
      help: 'Packages by state (材料状态)',
      labelNames: ['state'],
      registers,
      async collect() {
        this.reset();
        const rows: { state: string; n: string | number }[] = await ds.query('SELECT state, COUNT(*) AS n FROM package GROUP BY state');
        for (const r of rows) this.set({ state: r.state }, Number(r.n));
      },
    });
    new Gauge({
      name: 'zipin_publication_overdue_packages',
      help: 'Scheduled packages whose publication time has passed but are not yet public',
      registers,
      async collect() {
        this.set(await overdue(ds).getCount());
      },
    });
    new Gauge({
      name: 'zipin_publication_lateness_seconds',
      help: 'How late the most overdue scheduled publication is (0 when none is overdue)',
      registers,
      async collect() {
        const row = await overdue(ds).select('MIN(p.publishAt)', 'due').getRawOne<{ due: Date | string | null }>();
        const due = utcDate(row?.due ?? null);
        this.set(due ? Math.max(0, (Date.now() - due.getTime()) / 1000) : 0);
      },
    });
  }

  observeJob(job: string, state: 'completed' | 'failed', seconds: number): void {
    this.jobsTotal.inc({ job, state });
    this.jobDuration.observe({ job, state }, seconds);
  }

  observeRender(outcome: 'ok' | 'failed', seconds: number): void {
    this.renderDuration.observe({ outcome }, seconds);
  }

  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private bullQueue(token: symbol): Queue | null {
    try {
      return this.moduleRef.get<Queue>(token, { strict: false });
    } catch {
      return null;
    }
  }
}

function overdue(ds: DataSource) {
  return ds.getRepository(PackageEntity).createQueryBuilder('p').where('p.state = :s', { s: 'SCHEDULED' }).andWhere('p.publishAt <= :now', { now: new Date() });
}

/** A raw DATETIME: a Date from mysql2 (timezone Z), a zone-less UTC string from SQLite. */
function utcDate(v: Date | string | null): Date | null {
  if (v == null) return null;
  if (v instanceof Date) return v;
  return new Date(/Z|[+-]\d\d:?\d\d$/.test(v) ? v : v.replace(' ', 'T') + 'Z');
}
