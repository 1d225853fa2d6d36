import type { Logger } from 'typeorm';
import { TestApp } from '../support/test-app.js';
import { buildWorld, forceState } from '../support/factories.js';

const LIST = `query($first: Int) { packages(first: $first) { totalCount nodes {
  id state version availableActions flags
  unit { id name code } campaign { id title packageCount }
  claimedBy { id displayName } lastEditedBy { id displayName }
  summary { errorCount grade canSubmit }
  checks { code key }
  signature { id } comments { id author { displayName } replies { id } } auditTrail { id actor { displayName } } revisions { id createdBy { displayName } }
} } }`;

/** Counts the SQL statements the data source runs while `work` runs. */
async function countQueries(app: TestApp, work: () => Promise<unknown>): Promise<{ count: number; statements: string[] }> {
  const logger = app.dataSource.logger as Logger;
  const original = logger.logQuery.bind(logger);
  const statements: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    // The job relay polls the outbox in the background (scaled mode); it is not the request's work.
    if (!/[`"]job[`"]/.test(query)) statements.push(query);
    return original(query, parameters, runner);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return { count: statements.length, statements };
}

async function listCount(units: number) {
  const app = await TestApp.start({ runJobs: false });
  try {
    const w = await buildWorld(app, { extraUnitsInA: units - 2 });
    // Give the list claimers to resolve: a few packages claimed by the reviewer.
    const reviewer = w.users['a.reviewer']!;
    await forceState(app, w.packages.a1, 'IN_REVIEW', { claimedById: reviewer.id });
    await forceState(app, w.packages.a2, 'IN_REVIEW', { claimedById: w.users['a.reviewer2']!.id });
    let total = 0;
    const measured = await countQueries(app, async () => {
      const data = await app.ok<{ packages: { totalCount: number; nodes: any[] } }>(LIST, { first: 100 }, reviewer.token);
      total = data.packages.nodes.length;
      expect(data.packages.nodes.filter((n) => n.claimedBy).length).toBe(2);
    });
    return { packages: total, ...measured };
  } finally {
    await app.close();
  }
}

describe('the package list', () => {
  it('runs the same number of SQL queries for 5 packages as for 40', async () => {
    const small = await listCount(5);
    const large = await listCount(40);
    expect(small.packages).toBe(5);
    expect(large.packages).toBe(40);
    expect(large.count).toBe(small.count);
    // session + user, count + page, then one query per kind of related row.
    expect(small.count).toBeLessThanOrEqual(14);
  });
});
