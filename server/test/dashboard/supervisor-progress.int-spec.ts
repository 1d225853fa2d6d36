/**
 * The dashboard's per-主管部门 view: for each 主管部门 the packages routed through it (by the
 * package's own route), where they stand, and how many are overdue; the packages going straight to
 * the bureau last; every number equal to a direct SQL count; another bureau's 主管部门 never shown.
 */
import { TransactionService } from '../../src/database/transaction.service.js';
import { CampaignEntity } from '../../src/modules/campaign/campaign.entity.js';
import { TestApp } from '../support/test-app.js';
import { forceState } from '../support/factories.js';
import { buildSupervisedWorld, type SupervisedWorld } from '../review/support.js';

const PROGRESS = `query($id: ID!) { campaignProgress(campaignId: $id) {
  headline { units overdue }
  bySupervisor { supervisorUnitId supervisorCode supervisorName units withUnit withSupervisor handedIn approved overdue }
} }`;

interface Row {
  supervisorUnitId: string | null;
  supervisorCode: string | null;
  supervisorName: string | null;
  units: number;
  withUnit: number;
  withSupervisor: number;
  handedIn: number;
  approved: number;
  overdue: number;
}

describe('dashboard per 主管部门', () => {
  let app: TestApp;
  let w: SupervisedWorld;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildSupervisedWorld(app);
  }, 60_000);
  afterAll(() => app?.close());

  const progress = async (key = 'a.admin') => (await app.ok<{ campaignProgress: { headline: { units: number; overdue: number }; bySupervisor: Row[] } }>(PROGRESS, { id: w.campaigns.a }, w.users[key]!.token)).campaignProgress;

  /** The same figures straight from the rows. */
  async function sqlCounts(campaignId: string, pastDeadline: boolean): Promise<Map<string | null, Omit<Row, 'supervisorCode' | 'supervisorName'>>> {
    const q = (sql: string) => app.dataSource.query(sql, [campaignId]) as Promise<{ sid: string | null; n: string | number }[]>;
    const per = async (where: string) => new Map((await q(`SELECT supervisorUnitId AS sid, COUNT(*) AS n FROM package WHERE campaignId = ? ${where} GROUP BY supervisorUnitId`)).map((r) => [r.sid, Number(r.n)]));
    const [units, withUnit, withSupervisor, handedIn, approved] = await Promise.all([
      per(''),
      per("AND state IN ('DRAFT','RETURNED','AWAITING_SIGNOFF')"),
      per("AND state IN ('SUBMITTED_TO_SUPERVISOR','SUPERVISOR_REVIEW')"),
      per("AND state NOT IN ('DRAFT','RETURNED','AWAITING_SIGNOFF')"),
      per("AND state IN ('APPROVED','SCHEDULED','PUBLISHED')"),
    ]);
    return new Map([...units.keys()].map((sid) => [sid, { supervisorUnitId: sid, units: units.get(sid) ?? 0, withUnit: withUnit.get(sid) ?? 0, withSupervisor: withSupervisor.get(sid) ?? 0, handedIn: handedIn.get(sid) ?? 0, approved: approved.get(sid) ?? 0, overdue: pastDeadline ? (withUnit.get(sid) ?? 0) : 0 }]));
  }

  async function expectMatchesSql(pastDeadline: boolean) {
    const rows = (await progress()).bySupervisor;
    const sql = await sqlCounts(w.campaigns.a, pastDeadline);
    expect(rows.map(({ supervisorCode: _c, supervisorName: _n, ...r }) => r)).toEqual(expect.arrayContaining([...sql.values()]));
    expect(rows).toHaveLength(sql.size);
    return rows;
  }

  it('shows each 主管部门 with its packages, and the direct ones last, as SQL counts them', async () => {
    const rows = await expectMatchesSql(false);
    expect(rows.map((r) => [r.supervisorCode, r.supervisorName])).toEqual([['002', '甲区教育局'], [null, null]]);
    expect(rows[0]).toMatchObject({ supervisorUnitId: w.units.a2, units: 1, withUnit: 1, withSupervisor: 0 });
    // Bureau B's 主管部门 and its school are not in bureau A's view.
    expect(rows.some((r) => r.supervisorUnitId === w.units.b1)).toBe(false);
  });

  it('follows the packages through the 主管部门 stage and the bureau, and counts the overdue after the deadline', async () => {
    await forceState(app, w.school.packageId, 'SUPERVISOR_REVIEW');
    await forceState(app, w.packages.a1, 'APPROVED');
    let rows = await expectMatchesSql(false);
    expect(rows[0]).toMatchObject({ withUnit: 0, withSupervisor: 1, handedIn: 1, approved: 0, overdue: 0 });
    expect(rows[1]).toMatchObject({ units: 2, withUnit: 1, handedIn: 1, approved: 1, overdue: 0 });

    await app.get(TransactionService).run(({ manager }) => manager.getRepository(CampaignEntity).update({ id: w.campaigns.a }, { submissionDeadline: new Date(Date.now() - 3_600_000) }));
    await forceState(app, w.school.packageId, 'RETURNED');
    rows = await expectMatchesSql(true);
    expect(rows[0]).toMatchObject({ withUnit: 1, withSupervisor: 0, overdue: 1 });
    expect(rows[1]).toMatchObject({ overdue: 1 });
    const p = await progress('a.reviewer');
    expect(p.headline.overdue).toBe(rows.reduce((n, r) => n + r.overdue, 0));
  });
});
