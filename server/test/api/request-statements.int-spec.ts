/**
 * What the filler's two hot requests cost in SQL, with the client's own operations (the copy in
 * bench/lib/operations.mjs): the package query reads the package row, and nothing the process
 * already knows (session, user names, campaign, unit, and at this version the revisions, comment
 * threads and audit trail); an autosave sends the guarded UPDATE and the save's INSERT in one
 * transaction. And the caches that make it so drop what a write changed.
 */
import type { Logger } from 'typeorm';
import { SEED_2024_LUKOU_GSL } from '@zipin/shared';
import { PACKAGE_QUERY, SAVE_MUTATION } from '../../../bench/lib/operations.mjs';

/** The client's autosave with the server's checks asked for as well. */
const SAVE_WITH_CHECKS = SAVE_MUTATION.replace('summary { ...SummaryFields }', 'summary { ...SummaryFields } checks { code key }');
import { TestApp } from '../support/test-app.js';
import { TEST_BACKEND } from '../support/backend.js';
import { buildWorld, errorCode, TEST_PASSWORD } from '../support/factories.js';

/** The SQL statements the data source runs while `work` runs (the job relay's polling left out). */
async function statements(app: TestApp, work: () => Promise<unknown>): Promise<string[]> {
  const logger = app.dataSource.logger as Logger;
  const original = logger.logQuery.bind(logger);
  const seen: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    if (!/[`"]job[`"]/.test(query)) seen.push(query);
    return original(query, parameters, runner);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const edited = (doc: any, n: number) => ({ ...doc, selfEvaluation: { ...doc.selfEvaluation, goal: { ...doc.selfEvaluation.goal, actual: `完成情况（第${n}次保存）` } } });

describe('the filler’s package query and autosave', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('reads a package in one statement once session, campaign, unit, comments and audit trail at its version are known', async () => {
    const w = await buildWorld(app);
    const filler = w.users['a1.filler']!;
    await app.ok(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token);
    let pkg: any;
    const sent = await statements(app, async () => {
      pkg = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    });
    expect(pkg.id).toBe(w.packages.a1);
    expect(pkg.unit.name).toBeTruthy();
    expect(pkg.campaign.template).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/FROM [`"]package[`"]/);
  });

  it('shows a comment, a reply and an audit line written without a new version on the next read', async () => {
    const w = await buildWorld(app);
    const filler = w.users['a1.filler']!;
    const before = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    await app.ok(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token);
    const added = (await app.ok<any>('mutation($p: ID!, $path: String!, $b: String!) { addComment(packageId: $p, path: $path, body: $b) { id } }', { p: before.id, path: 'selfEvaluation.goal.actual', b: '请写明次数' }, filler.token)).addComment;
    const withComment = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    expect(withComment.version).toBe(before.version);
    expect(withComment.comments.map((c: any) => c.id)).toEqual([...before.comments.map((c: any) => c.id), added.id]);

    await app.ok('mutation($c: ID!, $b: String!) { replyComment(commentId: $c, body: $b) { id } }', { c: added.id, b: '已补充' }, filler.token);
    const withReply = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    expect(withReply.comments.find((c: any) => c.id === added.id).replies.map((r: any) => r.body)).toEqual(['已补充']);

    // A reminder's line, say: recorded through the repository like every audit event.
    const { AuditEventEntity } = await import('../../src/modules/workflow/audit-event.entity.js');
    await app.dataSource.getRepository(AuditEventEntity).insert({ packageId: before.id, actorId: null, actorRole: 'ADMIN', action: 'REMIND', fromState: null, toState: null, reason: '提醒', details: null, at: new Date() });
    const withLine = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    expect(withLine.version).toBe(before.version);
    expect(withLine.auditTrail.map((e: any) => e.action)).toEqual([...before.auditTrail.map((e: any) => e.action), 'REMIND']);
  });

  it('autosaves in at most 4 statements and answers the version, the summary and only what changed', async () => {
    const w = await buildWorld(app);
    const filler = w.users['a1.filler']!;
    const first = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    // The client's autosave asks for no checks (it runs the same rules itself); asked for, they
    // come only when they changed. The statements are counted with them asked for.
    // The seed has checks of its own: the first save changes them, the next (a wording edit) does not.
    const seeded = (await app.ok<any>(SAVE_WITH_CHECKS, { input: { packageId: first.id, baseVersion: first.version, document: clone(SEED_2024_LUKOU_GSL), saveId: `s-${first.id}-0` } }, filler.token)).savePackage;
    expect(seeded.version).toBe(first.version + 1);
    expect(seeded.checks).not.toBeNull();
    expect(seeded.document).toBeNull();

    // A concrete 完成情况 clears the seed's 过于笼统 warning: the answer carries the new checks.
    const fixed = (await app.ok<any>(SAVE_WITH_CHECKS, { input: { packageId: first.id, baseVersion: seeded.version, document: edited(SEED_2024_LUKOU_GSL, 1), saveId: `s-${first.id}-1` } }, filler.token)).savePackage;
    expect(seeded.checks.map((c: any) => c.code)).toContain('GOAL_ACTUAL_VAGUE');
    expect(fixed.checks.map((c: any) => c.code)).not.toContain('GOAL_ACTUAL_VAGUE');
    expect(fixed.summary.warningCount).toBe(seeded.summary.warningCount - 1);

    // Another wording of it changes no check: the answer says so with null.
    let answer: any;
    const sent = await statements(app, async () => {
      answer = (await app.ok<any>(SAVE_WITH_CHECKS, { input: { packageId: first.id, baseVersion: fixed.version, document: edited(SEED_2024_LUKOU_GSL, 2), saveId: `s-${first.id}-2` } }, filler.token)).savePackage;
    });
    expect(answer.version).toBe(fixed.version + 1);
    expect(answer.checks).toBeNull();
    expect(answer.document).toBeNull();
    expect(answer.summary).toEqual(fixed.summary);
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(sent.filter((s) => /^UPDATE/.test(s))).toHaveLength(1);

    // What was saved is what the next read gives, checks included.
    const read = (await app.ok<any>(PACKAGE_QUERY, { id: first.id }, filler.token)).package;
    expect(read.version).toBe(answer.version);
    expect(read.document.selfEvaluation.goal.actual).toBe('完成情况（第2次保存）');
    const checks = (await app.ok<any>('query($id: ID!) { package(id: $id) { checks { key } } }', { id: first.id }, filler.token)).package.checks;
    expect(checks.map((c: any) => c.key)).toEqual(fixed.checks.map((c: any) => c.key));
  });

  it('leaves the document out of a read at the version the client holds, and sends it once the package moved on', async () => {
    const w = await buildWorld(app);
    const filler = w.users['a1.filler']!;
    const held = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    expect(held.unchanged).toBe(false);
    let same: any;
    const sent = await statements(app, async () => {
      same = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1, knownVersion: held.version }, filler.token)).package;
    });
    expect(same.unchanged).toBe(true);
    expect(same.document).toBeNull();
    expect(same.version).toBe(held.version);
    expect(same.summary).toEqual(held.summary);
    expect(sent.length).toBeLessThanOrEqual(3);

    await app.ok(SAVE_MUTATION, { input: { packageId: held.id, baseVersion: held.version, document: edited(held.document, 3), saveId: `cond-${held.id}` } }, filler.token);
    const moved = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1, knownVersion: held.version }, filler.token)).package;
    expect(moved.unchanged).toBe(false);
    expect(moved.version).toBe(held.version + 1);
    expect(moved.document.selfEvaluation.goal.actual).toBe('完成情况（第3次保存）');
  });

  it('answers a retried save with the version it made, and a stale one with a conflict', async () => {
    const w = await buildWorld(app);
    const filler = w.users['a1.filler']!;
    const p = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    const input = { packageId: p.id, baseVersion: p.version, document: edited(p.document, 7), saveId: `retry-${p.id}` };
    const a = (await app.ok<any>(SAVE_MUTATION, { input }, filler.token)).savePackage;
    const b = (await app.ok<any>(SAVE_MUTATION, { input }, filler.token)).savePackage;
    expect(b.version).toBe(a.version);
    const stale = await app.gql(SAVE_MUTATION, { input: { ...input, saveId: `stale-${p.id}` } }, filler.token);
    expect(errorCode(stale)).toBe('VERSION_CONFLICT');
    expect(stale.errors![0]!.extensions!.details.currentVersion).toBe(a.version);
  });

  it('shows a renamed unit and a changed campaign title on the next read', async () => {
    const w = await buildWorld(app);
    const filler = w.users['a1.filler']!;
    const before = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    const { UnitEntity } = await import('../../src/modules/org/unit.entity.js');
    const { CampaignEntity } = await import('../../src/modules/campaign/campaign.entity.js');
    await app.dataSource.getRepository(UnitEntity).update({ id: w.units.a1 }, { name: `${before.unit.name}（更名）` });
    await app.dataSource.getRepository(CampaignEntity).update({ id: w.campaigns.a }, { title: '新标题' });
    const after = (await app.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    expect(after.unit.name).toBe(`${before.unit.name}（更名）`);
    expect(after.campaign.title).toBe('新标题');
  });

  it('refuses a session at once after sign-out and after a password change elsewhere', async () => {
    const w = await buildWorld(app);
    const filler = w.users['a1.filler']!;
    const other = await app.login(filler.username, TEST_PASSWORD);
    await app.ok('{ me { id } }', {}, other);
    await app.ok('mutation { logout }', {}, other);
    expect((await app.ok<any>('{ me { id } }', {}, other)).me).toBeNull();

    const second = await app.login(filler.username, TEST_PASSWORD);
    await app.ok('{ me { id } }', {}, second);
    await app.ok('mutation($i: ChangePasswordInput!) { changePassword(input: $i) }', { i: { currentPassword: TEST_PASSWORD, newPassword: 'Another-pass-2024' } }, filler.token);
    expect((await app.ok<any>('{ me { id } }', {}, second)).me).toBeNull();
    expect((await app.ok<any>('{ me { id } }', {}, filler.token)).me.id).toBe(filler.id);
  });
});

// Two API processes on one database: what one writes, the other's caches drop (over Redis).
(TEST_BACKEND === 'scaled' ? describe : describe.skip)('two API processes on one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await TestApp.start({ runJobs: false });
    const c = a.config;
    b = await TestApp.start({ database: c.database, redis: c.redis, dataDir: c.dataDir, storage: c.storage, runJobs: false });
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
  });

  it('signs a session out of both, and shows the other’s renamed unit', async () => {
    const w = await buildWorld(a);
    const filler = w.users['a1.filler']!;
    const token = await a.login(filler.username, TEST_PASSWORD);
    const before = (await b.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, token)).package;
    await b.ok('{ me { id } }', {}, token);

    const { UnitEntity } = await import('../../src/modules/org/unit.entity.js');
    await a.dataSource.getRepository(UnitEntity).update({ id: w.units.a1 }, { name: `${before.unit.name}（更名）` });
    await a.ok('mutation { logout }', {}, token);
    // Pub/sub delivers in milliseconds; the loop only waits for that, it asserts no timing.
    let me: unknown = 'signed in';
    for (let i = 0; i < 100 && me !== null; i++) {
      me = (await b.ok<any>('{ me { id } }', {}, token)).me;
      if (me !== null) await new Promise((r) => setTimeout(r, 20));
    }
    expect(me).toBeNull();
    expect(errorCode(await b.gql(PACKAGE_QUERY, { id: w.packages.a1 }, token))).toBe('UNAUTHENTICATED');
    const after = (await b.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    expect(after.unit.name).toBe(`${before.unit.name}（更名）`);
  });

  it('shows on one process a comment written through the other, at the same version', async () => {
    const w = await buildWorld(a);
    const filler = w.users['a1.filler']!;
    const before = (await b.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package;
    const added = (await a.ok<any>('mutation($p: ID!, $path: String!, $b: String!) { addComment(packageId: $p, path: $path, body: $b) { id } }', { p: before.id, path: 'selfEvaluation.goal.actual', b: '另一进程的意见' }, filler.token)).addComment;
    let ids: string[] = [];
    for (let i = 0; i < 100 && !ids.includes(added.id); i++) {
      ids = (await b.ok<any>(PACKAGE_QUERY, { id: w.packages.a1 }, filler.token)).package.comments.map((c: any) => c.id);
      if (!ids.includes(added.id)) await new Promise((r) => setTimeout(r, 20));
    }
    expect(ids).toContain(added.id);
  });
});
