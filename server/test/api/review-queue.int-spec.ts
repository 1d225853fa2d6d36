/**
 * The review queue over a generated bureau of 220 packages: every filter's total and the count
 * of every filter choice agree with a direct SQL count, sorted pages follow one order without
 * gaps or repeats, and "waiting for me" counts what the workflow leaves to the person.
 */
import { GRADES, PACKAGE_STATES, type Grade, type PackageState } from '@zipin/shared';
import { TransactionService } from '../../src/database/transaction.service.js';
import { CampaignEntity } from '../../src/modules/campaign/campaign.entity.js';
import { OrgService } from '../../src/modules/org/org.service.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, TEST_PASSWORD, type World } from '../support/factories.js';

const PACKAGES = 220;
const GRADE_ZH: Record<Grade, string> = { EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' };
const WITH_UNIT: PackageState[] = ['DRAFT', 'RETURNED', 'AWAITING_SIGNOFF'];
const SUPERVISOR_STAGE: PackageState[] = ['SUBMITTED_TO_SUPERVISOR', 'SUPERVISOR_REVIEW'];

const QUEUE = `query($filter: PackageFilterInput, $first: Int, $offset: Int, $sort: PackageSortInput) {
  packages(filter: $filter, first: $first, offset: $offset, sort: $sort) {
    totalCount
    nodes { id state unit { code } summary { declaredTotal grade warningCount } claimedBy { id } }
    counts { overdue withWarnings states { state count } grades { grade count } assignees { assigneeId count assignee { id displayName } } supervisors { supervisorUnitId count supervisorUnit { id name } } }
  }
}`;

interface Filter {
  states?: PackageState[];
  grade?: Grade;
  overdue?: boolean;
  hasWarnings?: boolean;
  assigneeId?: string;
  supervisorUnitId?: string;
}
interface Page {
  totalCount: number;
  nodes: { id: string; state: PackageState; unit: { code: string }; summary: { declaredTotal: string | null; grade: string | null; warningCount: number } }[];
  counts: {
    overdue: number;
    withWarnings: number;
    states: { state: PackageState; count: number }[];
    grades: { grade: Grade | null; count: number }[];
    assignees: { assigneeId: string | null; count: number; assignee: { id: string } | null }[];
    supervisors: { supervisorUnitId: string | null; count: number; supervisorUnit: { id: string } | null }[];
  };
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('the review queue', () => {
  let app: TestApp;
  let w: World;
  let bureauA: string;
  let reviewer: string;
  let reviewer2: string;
  let supervisor: { id: string; token: string };

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app, { extraUnitsInA: PACKAGES - 2 });
    bureauA = w.bureaus.a;
    reviewer = w.users['a.reviewer']!.id;
    reviewer2 = w.users['a.reviewer2']!.id;
    // a2 stands in as a 主管部门 over part of the bureau, with a SUPERVISOR account.
    const sup = await app.get(TransactionService).run((tx) =>
      app.get(OrgService).createUser(tx, { username: `a2.sup.${process.pid}`, displayName: '主管部门审核人（测试）', password: TEST_PASSWORD, role: 'SUPERVISOR', bureauId: bureauA, unitId: w.units.a2 }),
    );
    supervisor = { id: sup.id, token: await app.login(`a2.sup.${process.pid}`, TEST_PASSWORD) };
    const rnd = random(20241201);
    const repo = app.dataSource.getRepository(PackageEntity);
    const rows = await repo.find({ where: { bureauId: bureauA }, select: { id: true } });
    expect(rows).toHaveLength(PACKAGES);
    for (const { id } of rows) {
      const state = PACKAGE_STATES[Math.floor(rnd() * PACKAGE_STATES.length)]!;
      const grade = rnd() < 0.2 ? null : GRADES[Math.floor(rnd() * GRADES.length)]!;
      const pick = (...who: (string | null)[]) => who[Math.floor(rnd() * who.length)]!;
      const supervised = SUPERVISOR_STAGE.includes(state) || rnd() < 0.3;
      const claimed =
        state === 'IN_REVIEW' ? pick(reviewer, reviewer2) : state === 'SUPERVISOR_REVIEW' ? supervisor.id : state === 'APPROVED' ? pick(reviewer, reviewer2, null) : null;
      await repo.update(
        { id },
        {
          state,
          grade: grade ? GRADE_ZH[grade] : null,
          declaredTotal: grade ? (50 + Math.floor(rnd() * 5000) / 100).toFixed(2) : null,
          warningCount: Math.floor(rnd() * 3),
          claimedById: claimed,
          supervisorUnitId: supervised ? w.units.a2 : null,
          supervisorAssigneeId: supervised ? pick(supervisor.id, null) : null,
          assigneeId: pick(reviewer, reviewer2, null, null),
          submittedAt: WITH_UNIT.includes(state) ? null : new Date(Date.now() - Math.floor(rnd() * 30) * 86_400_000),
        },
      );
    }
    // Past the deadline: whatever is still with its unit is overdue.
    await app.dataSource.getRepository(CampaignEntity).update({ id: w.campaigns.a }, { submissionDeadline: new Date(Date.now() - 86_400_000) });
  }, 180_000);
  afterAll(() => app?.close());

  const q = (name: string) => app.dataSource.driver.escape(name);
  // Who holds it: the claimant, else the assignee of the stage it is in (主管部门 or bureau).
  const holder = () =>
    `COALESCE(p.${q('claimedById')}, CASE WHEN p.${q('state')} IN ('SUBMITTED_TO_SUPERVISOR', 'SUPERVISOR_REVIEW') THEN p.${q('supervisorAssigneeId')} ELSE p.${q('assigneeId')} END)`;
  /** The filter written as SQL by hand, apart from the service's query builder. */
  function where(f: Filter): { sql: string; params: unknown[] } {
    const parts = [`p.${q('bureauId')} = ?`];
    const params: unknown[] = [bureauA];
    const overdue = `(p.${q('state')} IN (${WITH_UNIT.map(() => '?').join(',')}) AND c.${q('submissionDeadline')} < ?)`;
    if (f.states?.length) {
      parts.push(`p.${q('state')} IN (${f.states.map(() => '?').join(',')})`);
      params.push(...f.states);
    }
    if (f.grade) {
      parts.push(`p.${q('grade')} = ?`);
      params.push(GRADE_ZH[f.grade]);
    }
    if (f.hasWarnings != null) parts.push(`p.${q('warningCount')} ${f.hasWarnings ? '> 0' : '= 0'}`);
    if (f.assigneeId) {
      parts.push(`${holder()} = ?`);
      params.push(f.assigneeId);
    }
    if (f.supervisorUnitId) {
      parts.push(`p.${q('supervisorUnitId')} = ?`);
      params.push(f.supervisorUnitId);
    }
    if (f.overdue != null) {
      parts.push(f.overdue ? overdue : `NOT ${overdue}`);
      // As the driver writes a datetime column (SQLite keeps text, MySQL a DATETIME).
      const column = app.dataSource.getMetadata(CampaignEntity).findColumnWithPropertyName('submissionDeadline')!;
      params.push(...WITH_UNIT, app.dataSource.driver.preparePersistentValue(new Date(), column));
    }
    return { sql: parts.join(' AND '), params };
  }
  async function sqlCount(f: Filter, extra?: { sql: string; params: unknown[] }): Promise<number> {
    const w1 = where(f);
    const rows: { n: number | string }[] = await app.dataSource.query(
      `SELECT COUNT(*) AS n FROM ${q('package')} p JOIN ${q('campaign')} c ON c.id = p.${q('campaignId')} WHERE ${w1.sql}${extra ? ` AND ${extra.sql}` : ''}`,
      [...w1.params, ...(extra?.params ?? [])],
    );
    return Number(rows[0]!.n);
  }
  const page = (filter: Filter, first = 50, offset = 0, sort?: { field: string; direction: string }, who = 'a.reviewer') =>
    app.ok<{ packages: Page }>(QUEUE, { filter, first, offset, sort }, w.users[who]!.token).then((d) => d.packages);

  const FILTERS: [string, Filter][] = [
    ['nothing', {}],
    ['the reviewer desk stages', { states: ['SUBMITTED', 'IN_REVIEW'] }],
    ['overdue', { overdue: true }],
    ['not overdue, with warnings, graded 良', { overdue: false, hasWarnings: true, grade: 'GOOD' }],
    ['one assignee in review without warnings', { states: ['IN_REVIEW', 'APPROVED'], assigneeId: 'reviewer2', hasWarnings: false }],
    ['one assignee anywhere', { assigneeId: 'reviewer' }],
    ['a 主管部门', { supervisorUnitId: 'a2' }],
  ];

  it.each(FILTERS)('counts the total and every filter choice as SQL does, filtered by %s', async (_label, raw) => {
    const f: Filter = {
      ...raw,
      ...(raw.assigneeId ? { assigneeId: raw.assigneeId === 'reviewer2' ? reviewer2 : reviewer } : {}),
      ...(raw.supervisorUnitId ? { supervisorUnitId: w.units.a2 } : {}),
    };
    const p = await page(f, 50);
    const total = await sqlCount(f);
    expect(total).toBeGreaterThan(0);
    expect(p.totalCount).toBe(total);
    expect(p.nodes).toHaveLength(Math.min(50, total));
    for (const s of PACKAGE_STATES) {
      const expected = await sqlCount({ ...f, states: [s] });
      expect([s, p.counts.states.find((c) => c.state === s)?.count]).toEqual([s, expected]);
    }
    for (const g of GRADES) {
      const expected = await sqlCount({ ...f, grade: g });
      expect([g, p.counts.grades.find((c) => c.grade === g)?.count]).toEqual([g, expected]);
    }
    const { grade: _g, ...noGrade } = f;
    expect(p.counts.grades.find((c) => c.grade === null)?.count).toBe(await sqlCount(noGrade, { sql: `p.${q('grade')} IS NULL`, params: [] }));
    expect(p.counts.overdue).toBe(await sqlCount({ ...f, overdue: true }));
    expect(p.counts.withWarnings).toBe(await sqlCount({ ...f, hasWarnings: true }));
    for (const who of [reviewer, reviewer2]) {
      const expected = await sqlCount({ ...f, assigneeId: who });
      expect(p.counts.assignees.find((a) => a.assigneeId === who)?.count ?? 0).toBe(expected);
    }
    const { assigneeId: _a, ...noAssignee } = f;
    expect(p.counts.assignees.find((a) => a.assigneeId === null)?.count ?? 0).toBe(await sqlCount(noAssignee, { sql: `${holder()} IS NULL`, params: [] }));
    expect(p.counts.assignees.find((a) => a.assigneeId === reviewer)?.assignee?.id ?? reviewer).toBe(reviewer);
    const { supervisorUnitId: _s, ...noSupervisor } = f;
    expect(p.counts.supervisors.find((c) => c.supervisorUnitId === w.units.a2)?.count ?? 0).toBe(await sqlCount({ ...noSupervisor, supervisorUnitId: w.units.a2 }));
    expect(p.counts.supervisors.find((c) => c.supervisorUnitId === null)?.count ?? 0).toBe(await sqlCount(noSupervisor, { sql: `p.${q('supervisorUnitId')} IS NULL`, params: [] }));
  });

  const byScoreDesc = (a: Page['nodes'][number], b: Page['nodes'][number]) => {
    const x = a.summary.declaredTotal;
    const y = b.summary.declaredTotal;
    if (x === null || y === null) return x === y ? a.unit.code.localeCompare(b.unit.code) : x === null ? 1 : -1;
    return Number(y) - Number(x) || a.unit.code.localeCompare(b.unit.code);
  };
  const byStateAsc = (a: Page['nodes'][number], b: Page['nodes'][number]) =>
    PACKAGE_STATES.indexOf(a.state) - PACKAGE_STATES.indexOf(b.state) || a.unit.code.localeCompare(b.unit.code);
  const byCodeDesc = (a: Page['nodes'][number], b: Page['nodes'][number]) => b.unit.code.localeCompare(a.unit.code);

  it.each([
    ['score, highest first, empty scores last', { field: 'SCORE', direction: 'DESC' }, byScoreDesc],
    ['workflow stage', { field: 'STATE', direction: 'ASC' }, byStateAsc],
    ['unit code, descending', { field: 'UNIT_CODE', direction: 'DESC' }, byCodeDesc],
  ] as const)('pages through all 220 packages sorted by %s, each once and in order', async (_label, sort, compare) => {
    const seen: Page['nodes'] = [];
    for (let offset = 0; ; offset += 50) {
      const p = await page({}, 50, offset, sort);
      expect(p.totalCount).toBe(PACKAGES);
      seen.push(...p.nodes);
      if (p.nodes.length < 50) break;
    }
    expect(seen).toHaveLength(PACKAGES);
    expect(new Set(seen.map((n) => n.id)).size).toBe(PACKAGES);
    expect(seen.map((n) => n.id)).toEqual([...seen].sort(compare).map((n) => n.id));
    // The last page holds the rest; past the end there is nothing.
    expect((await page({}, 50, 200, sort)).nodes).toHaveLength(20);
    expect((await page({}, 50, 400, sort)).nodes).toHaveLength(0);
  });

  it('sorts by grade best first or worst first, ungraded last either way', async () => {
    const grades = (await page({}, 200, 0, { field: 'GRADE', direction: 'DESC' })).nodes.map((n) => n.summary.grade);
    const rank = (g: string | null) => (g === null ? -1 : GRADES.length - GRADES.indexOf(g as Grade));
    expect(grades.map(rank)).toEqual([...grades.map(rank)].sort((a, b) => (a === -1 ? 1 : b === -1 ? -1 : b - a)));
    const asc = (await page({}, 200, 0, { field: 'GRADE', direction: 'ASC' })).nodes.map((n) => n.summary.grade);
    expect(asc[0]).toBe('POOR');
    expect(asc.at(-1)).toBeNull();
  });

  it("keeps the scope: bureau B sees none of them, a unit its own package only, a 主管部门's reviewer its subordinate units'", async () => {
    const sup = await app.ok<{ packages: Page }>(QUEUE, { first: 50 }, supervisor.token).then((d) => d.packages);
    expect(sup.totalCount).toBe(await sqlCount({ supervisorUnitId: w.units.a2 }));
    expect(sup.totalCount).toBeGreaterThan(0);
    const b = await page({}, 50, 0, undefined, 'b.reviewer');
    expect(b.totalCount).toBe(1);
    expect(b.counts.states.reduce((n, s) => n + s.count, 0)).toBe(1);
    const filler = await page({}, 50, 0, undefined, 'a1.filler');
    expect(filler.totalCount).toBe(1);
    expect(filler.nodes.map((n) => n.id)).toEqual([w.packages.a1]);
  });

  it('counts for 我的待办 what waits for the person: to claim what is theirs or nobody’s, to finish what they claimed, to schedule, to sign', async () => {
    const count = (who: string) => app.ok<{ waitingForMeCount: number }>('{ waitingForMeCount }', {}, w.users[who]!.token).then((d) => d.waitingForMeCount);
    const unassignedOrMine = (column: string) => ({ sql: `(p.${q(column)} IS NULL OR p.${q(column)} = ?)`, params: [reviewer] });
    const claimedByMe = { sql: `p.${q('claimedById')} = ?`, params: [reviewer] };
    const forReviewer =
      (await sqlCount({ states: ['APPROVED'] })) + (await sqlCount({ states: ['SUBMITTED'] }, unassignedOrMine('assigneeId'))) + (await sqlCount({ states: ['IN_REVIEW'] }, claimedByMe));
    expect(await count('a.reviewer')).toBe(forReviewer);
    const forSupervisor =
      (await sqlCount({ states: ['SUBMITTED_TO_SUPERVISOR'], supervisorUnitId: w.units.a2 }, { sql: `(p.${q('supervisorAssigneeId')} IS NULL OR p.${q('supervisorAssigneeId')} = ?)`, params: [supervisor.id] })) +
      (await sqlCount({ states: ['SUPERVISOR_REVIEW'], supervisorUnitId: w.units.a2 }, { sql: `p.${q('claimedById')} = ?`, params: [supervisor.id] }));
    expect(forSupervisor).toBeGreaterThan(0);
    expect((await app.ok<{ waitingForMeCount: number }>('{ waitingForMeCount }', {}, supervisor.token)).waitingForMeCount).toBe(forSupervisor);
    expect(await count('a.admin')).toBe(await sqlCount({ states: ['APPROVED'] }));
    const a1 = await app.dataSource.getRepository(PackageEntity).findOneByOrFail({ id: w.packages.a1 });
    expect(await count('a1.head')).toBe(a1.state === 'AWAITING_SIGNOFF' ? 1 : 0);
    expect(await count('a1.filler')).toBe(a1.state === 'DRAFT' || a1.state === 'RETURNED' ? 1 : 0);
  });

  it('refuses an unknown grade in the language of the user and in English', async () => {
    const res = await app.gql(QUEUE, { filter: { grade: 'SUPERB' } }, w.users['a.reviewer']!.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toBe('等级「SUPERB」无效');
    expect(res.errors?.[0]?.extensions?.messageEn).toBe('No such grade: “SUPERB”');
  });
});
