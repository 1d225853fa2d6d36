import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { NotificationEntity } from '../../src/modules/notification/notification.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, type World } from '../support/factories.js';

describe('deadline reminders', () => {
  let app: TestApp;
  let w: World;
  beforeAll(async () => {
    app = await TestApp.start();
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  it('reminds the units still owing their package once the deadline passes, once', async () => {
    const admin = w.users['a.admin']!.token;
    const passed = new Date(Date.now() - 3_600_000).toISOString();
    await app.ok('mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id } }', {
      id: w.campaigns.a, i: { submissionDeadline: passed, publicationDeadline: new Date(Date.now() + 86_400_000).toISOString() },
    }, admin);
    await app.drainJobs();
    const reminders = await app.dataSource.getRepository(NotificationEntity).findBy({ kind: 'REMIND_OVERDUE' });
    const unitUsers = ['a1.filler', 'a1.head', 'a2.filler', 'a2.head'].map((k) => w.users[k]!.id).sort();
    expect(reminders.map((n) => n.userId).sort()).toEqual(unitUsers);
    expect(await app.dataSource.getRepository(AuditEventEntity).countBy({ action: 'REMIND' })).toBe(2);

    // The dashboard and the list agree that both units are overdue.
    const reviewer = w.users['a.reviewer']!.token;
    const overdue = await app.ok<{ packages: { totalCount: number }; campaignProgress: { overdueUnits: unknown[] } }>(
      'query($c: ID!) { packages(filter: { overdue: true }) { totalCount } campaignProgress(campaignId: $c) { overdueUnits { id } } }', { c: w.campaigns.a }, reviewer);
    expect(overdue.packages.totalCount).toBe(2);
    expect(overdue.campaignProgress.overdueUnits).toHaveLength(2);

    // Saving the campaign again re-enqueues nothing new and reminds nobody twice.
    await app.ok('mutation($id: ID!) { updateCampaign(id: $id, input: { title: "关于开展2024年度绩效自评工作的通知（重发）" }) { id } }', { id: w.campaigns.a }, admin);
    await app.drainJobs();
    expect(await app.dataSource.getRepository(NotificationEntity).countBy({ kind: 'REMIND_OVERDUE' })).toBe(4);
  });
});
