/**
 * Prometheus metrics: off unless configured, then behind a token on the public port or open on
 * a port of their own; request, job, render, queue, package and publication figures scraped.
 */
import { In } from 'typeorm';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { TestApp } from '../support/test-app.js';
import { TEST_BACKEND } from '../support/backend.js';
import { approvePackages, buildPublicationWorld } from '../support/factories-publication.js';
import { waitFor } from '../support/wait.js';
import { freePort } from '../faults/support/processes.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? 'npm';
const TOKEN = 'metrics-token-0123456789abcdef';
const SCHEDULE = `mutation($id: ID!, $v: Int!, $at: DateTime) { schedulePublication(packageId: $id, expectedVersion: $v, publishAt: $at) { id state version } }`;

/** The value of one series in Prometheus text, e.g. sample(text, 'zipin_packages', { state: 'SCHEDULED' }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    const m = /^([^{ ]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return null;
}

describe('metrics', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  }, 60_000);
  const start = async (...args: Parameters<typeof TestApp.start>) => {
    const app = await TestApp.start(...args);
    apps.push(app);
    return app;
  };

  it('are off by default: /metrics does not exist', async () => {
    const app = await start({ runJobs: false });
    await app.http().get('/metrics').expect(404);
  });

  it('with a token: refused without it; requests by operation, queue depth, packages by state and publication lateness', async () => {
    const app = await start({ runJobs: false, metrics: { enabled: true, port: null, token: TOKEN } });
    const world = await buildPublicationWorld(app, { units: 2 });
    await approvePackages(app, world, world.packageIds);
    const publishAt = new Date(Date.now() + 1_000);
    for (const id of world.packageIds) await app.ok(SCHEDULE, { id, v: 5, at: publishAt.toISOString() }, world.admin.token);
    await app.gql('mutation { login(input: { username: "nobody", password: "wrong-password" }) { token } }');
    await new Promise((r) => setTimeout(r, 2_500));

    await app.http().get('/metrics').expect(404);
    await app.http().get('/metrics').set('authorization', 'Bearer wrong-token-0123456789abcd').expect(404);
    const res = await app.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    const text = res.text;
    expect(sample(text, 'zipin_graphql_operation_duration_seconds_count', { operation: 'mutation schedulePublication', outcome: 'ok' })).toBe(2);
    expect(sample(text, 'zipin_graphql_operation_duration_seconds_count', { operation: 'mutation login', outcome: 'INVALID_CREDENTIALS' })).toBe(1);
    expect(sample(text, 'zipin_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'zipin_packages', { state: 'SCHEDULED' })).toBe(2);
    // Embedded the rows wait in the table; scaled they are handed to BullMQ (DISPATCHED) and wait there.
    // Both packages are due at the same instant: one due-time job publishes them together.
    const waiting = (sample(text, 'zipin_job_queue_depth', { job: 'package.publish', status: 'PENDING' }) ?? 0) + (sample(text, 'zipin_job_queue_depth', { job: 'package.publish', status: 'DISPATCHED' }) ?? 0);
    expect(waiting).toBe(1);
    if (TEST_BACKEND === 'scaled') {
      const inBull = sample(text, 'zipin_bullmq_jobs', { state: 'delayed' })! + sample(text, 'zipin_bullmq_jobs', { state: 'waiting' })!;
      expect(inBull).toBeGreaterThanOrEqual(sample(text, 'zipin_job_queue_depth', { job: 'package.publish', status: 'DISPATCHED' }) ?? 0);
      expect(Number.isNaN(inBull)).toBe(false);
    }
    else expect(sample(text, 'zipin_bullmq_jobs', { state: 'waiting' })).toBeNull();
    expect(sample(text, 'zipin_publication_overdue_packages')).toBe(2);
    expect(sample(text, 'zipin_publication_lateness_seconds')).toBeGreaterThan(1);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).not.toBeNull();
  }, 60_000);

  it('on their own port: job counts and latency by name and state, and render time, after a publication', async () => {
    const port = await freePort();
    const app = await start({ runJobs: true, chromiumPath, metrics: { enabled: true, port, token: null } });
    await app.http().get('/metrics').expect(404);
    const world = await buildPublicationWorld(app, { units: 1 });
    await approvePackages(app, world, world.packageIds);
    await app.ok(SCHEDULE, { id: world.packageIds[0], v: 5, at: new Date(Date.now() + 500).toISOString() }, world.admin.token);
    const pkgs = app.dataSource.getRepository(PackageEntity);
    await waitFor(async () => (await pkgs.countBy({ id: In(world.packageIds), state: 'PUBLISHED' })) === 1, 120_000, 'the package published');
    await app.drainJobs(60_000);

    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    // The due-time run, and any run that waited for the PDF rendered after scheduling.
    const runs = sample(text, 'zipin_jobs_total', { job: 'package.publish', state: 'completed' })!;
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'zipin_job_duration_seconds_count', { job: 'package.publish', state: 'completed' })).toBe(runs);
    expect(sample(text, 'zipin_job_duration_seconds_sum', { job: 'package.publish', state: 'completed' })).toBeGreaterThan(0);
    expect(sample(text, 'zipin_render_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'zipin_render_duration_seconds_sum', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'zipin_packages', { state: 'PUBLISHED' })).toBe(1);
    expect(sample(text, 'zipin_publication_overdue_packages')).toBe(0);
  }, 180_000);
});
