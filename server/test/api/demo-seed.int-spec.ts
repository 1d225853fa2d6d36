import { DEMO_PLAN, DemoSeedService } from '../../src/demo/demo-seed.service.js';
import { DEMO_UNITS } from '../../src/demo/demo-accounts.js';
import { DEMO_PROJECTS } from '../../src/demo/demo-documents.js';
import { CampaignEntity } from '../../src/modules/campaign/campaign.entity.js';
import { UnitEntity } from '../../src/modules/org/unit.entity.js';
import { UserEntity } from '../../src/modules/org/user.entity.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { CommentEntity } from '../../src/modules/workflow/comment.entity.js';
import { TestApp } from '../support/test-app.js';

describe('the demo data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
  });
  afterAll(() => app?.close());

  async function snapshot() {
    const ds = app.dataSource;
    const units = await ds.getRepository(UnitEntity).find();
    const packages = await ds.getRepository(PackageEntity).find();
    const stateOf = (key: string) => {
      const unit = units.find((u) => u.code === DEMO_UNITS.find((d) => d.key === key)!.code)!;
      return packages.find((p) => p.unitId === unit.id)!;
    };
    return {
      counts: {
        units: units.length,
        users: await ds.getRepository(UserEntity).count(),
        campaigns: await ds.getRepository(CampaignEntity).count(),
        packages: packages.length,
        audit: await ds.getRepository(AuditEventEntity).count(),
        comments: await ds.getRepository(CommentEntity).count(),
      },
      versions: packages.map((p) => `${p.id}:${p.version}`).sort(),
      stateOf,
    };
  }

  it('puts the 2024 campaign and a package at every stage in an empty database, and a re-run adds nothing', async () => {
    const seed = app.get(DemoSeedService);
    expect((await seed.seedIfEmpty()).created).toBe(true);
    const first = await snapshot();
    // A dozen units, and two schools under 教育局 with its two 主管部门 reviewers.
    expect(first.counts).toMatchObject({ units: 14, users: 33, campaigns: 1, packages: 14 });

    const gsl = first.stateOf('gsl');
    expect(gsl.state).toBe('DRAFT');
    expect(gsl.errorCount).toBeGreaterThan(0);
    expect(gsl.declaredTotal).toBe('97.00');
    expect(gsl.suggestedTotal).toBe('95.14');

    const expected: Record<string, string> = { EMPTY: 'DRAFT', PARTIAL: 'DRAFT', RETURNED_BY_HEAD: 'DRAFT', SEED_DRAFT: 'DRAFT' };
    // Two approved units go on to publication: scheduled now, published by the job when jobs run.
    const scheduled: Record<string, string> = { sfj: 'SCHEDULED', tjj: 'SCHEDULED' };
    for (const plan of DEMO_PLAN) {
      const pkg = first.stateOf(plan.unitKey);
      expect([plan.unitKey, pkg.state]).toEqual([plan.unitKey, scheduled[plan.unitKey] ?? expected[plan.stage] ?? plan.stage]);
      if (['SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'AWAITING_SIGNOFF'].includes(plan.stage)) {
        expect([plan.unitKey, pkg.errorCount, pkg.unexplainedWarningCount]).toEqual([plan.unitKey, 0, 0]);
      }
    }
    expect(first.stateOf('wjj').claimedById).not.toBeNull();
    expect(first.stateOf('jyj').signatureId).not.toBeNull();
    expect(first.stateOf('nyj').returnedRevisionId).not.toBeNull();
    // The schools pass through 教育局 and go to `reviewer`, assigned in advance; 教育局's own package does not.
    const jyjUnit = first.stateOf('jyj').unitId;
    const reviewer = await app.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'reviewer' });
    for (const key of ['yz', 'xx']) expect([key, first.stateOf(key).supervisorUnitId, first.stateOf(key).assigneeId]).toEqual([key, jyjUnit, reviewer.id]);
    expect([first.stateOf('jyj').supervisorUnitId, first.stateOf('jyj').assigneeId]).toEqual([null, null]);
    expect(await app.dataSource.getRepository(UserEntity).countBy({ role: 'SUPERVISOR', unitId: jyjUnit })).toBe(2);
    expect(first.counts.comments).toBe(3);
    // Every demo 专项 has its 项目支出绩效自评表, linked by id, agreeing with the row.
    for (const key of Object.keys(DEMO_PROJECTS)) {
      const doc = first.stateOf(key).document;
      const funds = doc.basicData.projects.specialFunds;
      expect([key, funds.length]).toEqual([key, DEMO_PROJECTS[key]!.length]);
      expect(doc.projectEvaluations?.map((t) => t.specialFundId)).toEqual(funds.map((r) => r.id));
    }
    expect(first.stateOf('gsl').document.projectEvaluations).toBeUndefined();
    const inMinutes = (key: string) => (first.stateOf(key).publishAt!.getTime() - Date.now()) / 60_000;
    expect(inMinutes('sfj')).toBeLessThan(1);
    expect(inMinutes('tjj')).toBeGreaterThan(5);

    expect((await seed.seedIfEmpty()).created).toBe(false);
    const second = await snapshot();
    expect(second.counts).toEqual(first.counts);
    expect(second.versions).toEqual(first.versions);
  });
});
