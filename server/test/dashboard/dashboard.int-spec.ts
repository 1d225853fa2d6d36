import { PACKAGE_STATES } from '@zipin/shared';
import { TransactionService } from '../../src/database/transaction.service.js';
import { CampaignService } from '../../src/modules/campaign/campaign.service.js';
import { OrgService } from '../../src/modules/org/org.service.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, errorCode, type World } from '../support/factories.js';
import { download, readWorkbook } from '../excel/excel-helpers.js';
import { EXCELLENT, FAIR, GOOD, LOW_EXECUTION, countQueries, packageOfUnit, setDeadline, setPackage } from './dashboard-helpers.js';

const PROGRESS = `query($id: ID!, $first: Int, $offset: Int) { campaignProgress(campaignId: $id, warningsFirst: $first, warningsOffset: $offset) {
  headline { units handedIn overdue approved published averageScore withErrors withWarnings }
  byState { state count } overdueUnits { code name } overdue { packageId unitCode unitName state } gradeDistribution { grade count }
  scoreHistogram { bucket count } warnings { packageId unitName unitCode state level errorCount warningCount flags overdue } warningTotal } }`;

interface Warning { packageId: string; unitName: string; unitCode: string; state: string; level: string; errorCount: number; warningCount: number; flags: string[]; overdue: boolean }
interface Progress {
  headline: { units: number; handedIn: number; overdue: number; approved: number; published: number; averageScore: string | null; withErrors: number; withWarnings: number };
  byState: { state: string; count: number }[];
  overdueUnits: { code: string; name: string }[];
  overdue: { packageId: string; unitCode: string; unitName: string; state: string }[];
  gradeDistribution: { grade: string; count: number }[];
  scoreHistogram: { bucket: string; count: number }[];
  warnings: Warning[];
  warningTotal: number;
}

const asMap = (rows: { count: number }[], key: string) => Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [(r as Record<string, unknown>)[key], r.count]));

describe('the bureau dashboard and the campaign summary', () => {
  let app: TestApp;
  let w: World;
  let ids: Record<'a1' | 'a2' | 'e0' | 'e1' | 'e2', string>;
  const as = (key: string) => w.users[key]!.token;
  const DAY = 86_400_000;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app, { extraUnitsInA: 3 });
    const units = await app.get(OrgService).listUnits(w.bureaus.a);
    const extra = units.filter((u) => u.code.startsWith('9')).sort((x, y) => x.code.localeCompare(y.code));
    ids = { a1: w.packages.a1, a2: w.packages.a2, e0: await packageOfUnit(app, extra[0]!.id), e1: await packageOfUnit(app, extra[1]!.id), e2: await packageOfUnit(app, extra[2]!.id) };
    const at = new Date(Date.now() - 2 * DAY);
    await setPackage(app, ids.a1, 'DRAFT', EXCELLENT());
    await setPackage(app, ids.a2, 'SUBMITTED', LOW_EXECUTION(), { submittedAt: at });
    await setPackage(app, ids.e0, 'RETURNED', GOOD(), { submittedAt: at });
    await setPackage(app, ids.e1, 'APPROVED', FAIR(), { submittedAt: at, approvedAt: at });
    await setPackage(app, ids.e2, 'AWAITING_SIGNOFF');
    await setDeadline(app, w.campaigns.a, new Date(Date.now() - DAY));
  });
  afterAll(() => app?.close());

  it('counts packages by stage, grades and buckets only the handed-in packages, and lists overdue units with their packages', async () => {
    const p = (await app.ok<{ campaignProgress: Progress }>(PROGRESS, { id: w.campaigns.a }, as('a.reviewer'))).campaignProgress;
    expect(asMap(p.byState, 'state')).toEqual({ DRAFT: 1, SUBMITTED: 1, RETURNED: 1, APPROVED: 1, AWAITING_SIGNOFF: 1 });
    // Every state of the shared table, the 主管部门 stage included, even at zero.
    expect(p.byState.map((s) => s.state)).toEqual(PACKAGE_STATES);
    // The draft (优 by its own numbers) and the returned package (良) are not the units' word yet.
    expect(asMap(p.gradeDistribution, 'grade')).toEqual({ EXCELLENT: 1, FAIR: 1 });
    expect(p.scoreHistogram.map((b) => b.bucket)).toEqual(['0-10', '10-20', '20-30', '30-40', '40-50', '50-60', '60-70', '70-80', '80-90', '90-100']);
    expect(asMap(p.scoreHistogram, 'bucket')).toEqual({ '90-100': 1, '70-80': 1 });
    expect(p.overdueUnits.map((u) => u.code)).toEqual(['001', '9000', '9002']);
    expect(p.overdue.map((o) => [o.unitCode, o.packageId, o.state])).toEqual([
      ['001', ids.a1, 'DRAFT'],
      ['9000', ids.e0, 'RETURNED'],
      ['9002', ids.e2, 'AWAITING_SIGNOFF'],
    ]);
  });

  it('heads the dashboard with numbers equal to direct SQL counts over the package rows', async () => {
    const p = (await app.ok<{ campaignProgress: Progress }>(PROGRESS, { id: w.campaigns.a }, as('a.admin'))).campaignProgress;
    const one = async (sql: string) => Number(Object.values((await app.dataSource.query(sql, [w.campaigns.a]))[0] as object)[0] ?? 0);
    const handed = "('SUBMITTED','IN_REVIEW','APPROVED','SCHEDULED','PUBLISHED')";
    const avg = (await app.dataSource.query(`SELECT AVG(declaredTotal) AS a FROM package WHERE campaignId = ? AND state IN ${handed} AND declaredTotal IS NOT NULL`, [w.campaigns.a]))[0].a;
    expect(p.headline).toEqual({
      units: await one('SELECT COUNT(*) FROM package WHERE campaignId = ?'),
      handedIn: await one(`SELECT COUNT(*) FROM package WHERE campaignId = ? AND state IN ${handed}`),
      overdue: await one("SELECT COUNT(*) FROM package WHERE campaignId = ? AND state IN ('DRAFT','RETURNED','AWAITING_SIGNOFF')"),
      approved: await one("SELECT COUNT(*) FROM package WHERE campaignId = ? AND state IN ('APPROVED','SCHEDULED','PUBLISHED')"),
      published: await one("SELECT COUNT(*) FROM package WHERE campaignId = ? AND state = 'PUBLISHED'"),
      averageScore: Number(avg).toFixed(2),
      withErrors: await one('SELECT COUNT(*) FROM package WHERE campaignId = ? AND errorCount > 0'),
      withWarnings: p.warningTotal - (await one('SELECT COUNT(*) FROM package WHERE campaignId = ? AND errorCount > 0')),
    });
    expect(p.headline).toMatchObject({ units: 5, handedIn: 2, overdue: 3, approved: 1, published: 0, averageScore: '86.33' });
    expect(p.headline.withErrors).toBeGreaterThan(0);
  });

  it('lists red warnings (open errors) before yellow ones (bureau flags, unexplained warnings), paged', async () => {
    const p = (await app.ok<{ campaignProgress: Progress }>(PROGRESS, { id: w.campaigns.a }, as('a.admin'))).campaignProgress;
    const of = (id: string) => p.warnings.find((x) => x.packageId === id)!;
    expect(of(ids.a2).flags).toEqual(expect.arrayContaining(['HIGH_SCORE_LOW_EXECUTION', 'UNSPENT_SHARE_HIGH', 'STAFFING_OVER_QUOTA']));
    expect(of(ids.a2).overdue).toBe(false);
    expect(of(ids.a1).flags).toEqual(['STAFFING_OVER_QUOTA', 'PUBLIC_FUNDS_OVER_BUDGET']);
    expect(of(ids.a1).overdue).toBe(true);
    // Only the dashboard's codes are named as flags.
    expect(p.warnings.flatMap((x) => x.flags)).not.toContain('GOAL_ACTUAL_VAGUE');
    // A blank package waiting for sign-off still carries its errors: it is red, not "no warnings".
    const rows = await app.dataSource.query('SELECT id, errorCount, unexplainedWarningCount, flags FROM package WHERE campaignId = ?', [w.campaigns.a]);
    for (const row of rows as { id: string; errorCount: number; unexplainedWarningCount: number }[]) {
      const shown = p.warnings.find((x) => x.packageId === row.id);
      if (Number(row.errorCount) > 0) expect(shown).toMatchObject({ level: 'RED', errorCount: Number(row.errorCount) });
      else if (Number(row.unexplainedWarningCount) > 0) expect(shown?.level).toBe('YELLOW');
    }
    const levels = p.warnings.map((x) => x.level);
    expect(levels).toEqual([...levels].sort((x, y) => (x === y ? 0 : x === 'RED' ? -1 : 1)));
    expect(p.warningTotal).toBe(p.warnings.length);
    // The queue filters on the same codes in package.flags.
    const flagged = await app.dataSource.query('SELECT flags FROM package WHERE id = ?', [ids.a2]);
    expect(String(flagged[0].flags).split(',')).toEqual(expect.arrayContaining(['HIGH_SCORE_LOW_EXECUTION', 'UNSPENT_SHARE_HIGH']));

    const first = (await app.ok<{ campaignProgress: Progress }>(PROGRESS, { id: w.campaigns.a, first: 2, offset: 0 }, as('a.admin'))).campaignProgress;
    const second = (await app.ok<{ campaignProgress: Progress }>(PROGRESS, { id: w.campaigns.a, first: 2, offset: 2 }, as('a.admin'))).campaignProgress;
    expect(first.warnings).toHaveLength(2);
    expect(first.warningTotal).toBe(p.warningTotal);
    expect([...first.warnings, ...second.warnings].map((x) => x.packageId)).toEqual(p.warnings.slice(0, first.warnings.length + second.warnings.length).map((x) => x.packageId));
  });

  it('marks each package overdue in lists, from its campaign’s deadline', async () => {
    const res = await app.ok<{ packages: { nodes: { id: string; overdue: boolean }[] } }>(
      'query($c: ID!) { packages(filter: { campaignId: $c }) { nodes { id overdue } } }',
      { c: w.campaigns.a },
      as('a.reviewer'),
    );
    const overdue = Object.fromEntries(res.packages.nodes.map((n) => [n.id, n.overdue]));
    expect(overdue).toEqual({ [ids.a1]: true, [ids.a2]: false, [ids.e0]: true, [ids.e1]: false, [ids.e2]: true });
  });

  it('keeps the dashboard to a constant number of queries however many packages there are', async () => {
    const query = () => app.ok(PROGRESS, { id: w.campaigns.a }, as('a.reviewer'));
    // Session look-ups (and their occasional refresh) are not the dashboard's: count what reads packages.
    const dashboardSql = /package|campaign/i;
    const small = await countQueries(app, query, dashboardSql);
    await app.get(TransactionService).run(async (tx) => {
      for (let i = 0; i < 25; i++) await app.get(OrgService).createUnit(tx, { bureauId: w.bureaus.a, code: `8${String(i).padStart(3, '0')}`, name: `甲区新增单位${i}` });
      await app.get(CampaignService).open(tx, w.bureaus.a, w.campaigns.a);
    });
    const large = await countQueries(app, query, dashboardSql);
    expect(large.queries).toBe(small.queries);
    expect(small.queries).toBeGreaterThanOrEqual(5);
    expect(small.queries).toBeLessThanOrEqual(10);
    const p = (large.result as { campaignProgress: Progress }).campaignProgress;
    expect(p.overdueUnits).toHaveLength(28);
  });

  it('shows a campaign only to its own bureau’s reviewers and admins', async () => {
    expect(errorCode(await app.gql(PROGRESS, { id: w.campaigns.a }, as('b.reviewer')))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(PROGRESS, { id: w.campaigns.a }, as('a1.filler')))).toBe('FORBIDDEN');
  });

  it('exports the campaign summary: one row per unit with stage, dates, rate, totals, grade, warnings and overdue', async () => {
    const res = await download(app, `/api/campaigns/${w.campaigns.a}/summary.xlsx`, as('a.reviewer'));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2024年度绩效自评汇总表.xlsx')}`);
    const ws = (await readWorkbook(res.body)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('2024年度部门整体支出绩效自评汇总表');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(['序号', '单位编码', '单位名称', '办理阶段', '报送时间', '审核通过时间', '公开时间', '预算执行率', '自评总分', '系统建议总分', '等级', '警示', '是否逾期']);
    const rows = new Map<string, unknown[]>();
    for (let r = 4; r <= ws.rowCount; r++) {
      const v = ws.getRow(r).values as unknown[];
      rows.set(String(v[2]), v);
    }
    expect(rows.size).toBe(30);
    const a1 = rows.get('001')!;
    expect(a1.slice(3, 5)).toEqual(['甲区工商业联合会', '草稿']);
    expect(a1.slice(8, 12)).toEqual([1, 97, 95.14, '优']);
    expect(String(a1[12])).toContain('实际在职人数超过编制数');
    expect(a1[13]).toBe('是');
    const a2 = rows.get('002')!;
    expect(a2[4]).toBe('已报送');
    expect(a2[5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(a2[8]).toBeCloseTo(0.6653, 6);
    expect(a2[9]).toBe(93.65);
    expect(a2[11]).toBe('优');
    expect(String(a2[12])).toContain('自评得分高而预算执行率偏低');
    expect(a2[13]).toBe('否');
    expect(rows.get('9000')!.slice(4, 5)).toEqual(['已退回']);
    expect([rows.get('9000')![9], rows.get('9000')![11]]).toEqual([87, '良']);
    expect([rows.get('9001')![4], rows.get('9001')![9], rows.get('9001')![11], rows.get('9001')![13]]).toEqual(['审核通过', 79, '中', '否']);
    const blank = rows.get('9002')!;
    expect([blank[4], blank[9], blank[11], blank[13]]).toEqual(['待单位负责人签章', undefined, undefined, '是']);
  });

  it('refuses the summary to units and to other bureaus', async () => {
    expect((await download(app, `/api/campaigns/${w.campaigns.a}/summary.xlsx`, as('a1.filler'))).status).toBe(403);
    expect((await download(app, `/api/campaigns/${w.campaigns.a}/summary.xlsx`, as('b.admin'))).status).toBe(404);
  });
});
