import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { NotificationEntity } from '../../src/modules/notification/notification.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, errorCode, type World } from '../support/factories.js';
import { setDeadline, setPackage } from './dashboard-helpers.js';

const REMIND = 'mutation($id: ID!, $m: String) { remindUnit(packageId: $id, message: $m) { packageId unitName recipients } }';
const REMIND_OVERDUE = 'mutation($c: ID!) { remindOverdue(campaignId: $c) { reminded skipped results { packageId unitName recipients } } }';
const INBOX = '{ inbox { kind title body packageId } }';

describe('reminders (催办)', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;
  const reminds = (packageId: string) => app.dataSource.getRepository(AuditEventEntity).find({ where: { packageId, action: 'REMIND' }, order: { id: 'ASC' } });
  const notes = (packageId: string) => app.dataSource.getRepository(NotificationEntity).count({ where: { packageId, kind: 'REMIND' } });

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  it('reminds a unit in one click: its filler and head are notified and the audit trail records who reminded', async () => {
    const res = await app.ok<{ remindUnit: { recipients: number; unitName: string } }>(REMIND, { id: w.packages.a1, m: '请于本周五前报送' }, as('a.reviewer'));
    expect(res.remindUnit).toMatchObject({ recipients: 2, unitName: '甲区工商业联合会' });
    for (const key of ['a1.filler', 'a1.head']) {
      const inbox = (await app.ok<{ inbox: { kind: string; body: string; packageId: string }[] }>(INBOX, {}, as(key))).inbox;
      const n = inbox.find((x) => x.kind === 'REMIND')!;
      expect(n.packageId).toBe(w.packages.a1);
      expect(n.body).toContain('请于本周五前报送');
    }
    expect((await app.ok<{ inbox: unknown[] }>(INBOX, {}, as('a2.filler'))).inbox).toEqual([]);
    const events = await reminds(w.packages.a1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: w.users['a.reviewer']!.id, actorRole: 'REVIEWER', fromState: 'DRAFT', toState: 'DRAFT', reason: '请于本周五前报送' });
    const trail = await app.ok<{ package: { auditTrail: { action: string; actor: { id: string } | null }[] } }>(
      'query($id: ID!) { package(id: $id) { auditTrail { action actor { id } } } }', { id: w.packages.a1 }, as('a1.filler'));
    expect(trail.package.auditTrail.some((e) => e.action === 'REMIND' && e.actor?.id === w.users['a.reviewer']!.id)).toBe(true);
  });

  it('does not remind the same unit twice within a few minutes (a double click)', async () => {
    const res = await app.gql(REMIND, { id: w.packages.a1 }, as('a.admin'));
    expect(errorCode(res)).toBe('DUPLICATE');
    expect(await reminds(w.packages.a1)).toHaveLength(1);
  });

  it('cannot remind a unit of another bureau, and units cannot remind at all', async () => {
    expect(errorCode(await app.gql(REMIND, { id: w.packages.a2 }, as('b.reviewer')))).toBe('NOT_IN_SCOPE');
    expect(errorCode(await app.gql(REMIND, { id: w.packages.a2 }, as('a1.filler')))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(REMIND_OVERDUE, { c: w.campaigns.a }, as('b.admin')))).toBe('NOT_FOUND');
    expect(await reminds(w.packages.a2)).toHaveLength(0);
    expect(await notes(w.packages.a2)).toBe(0);
  });

  it('does not remind a unit whose package is already with the bureau', async () => {
    await setPackage(app, w.packages.a2, 'SUBMITTED');
    const res = await app.gql(REMIND, { id: w.packages.a2 }, as('a.reviewer'));
    expect(errorCode(res)).toBe('TRANSITION_NOT_ALLOWED');
    expect(res.errors![0]!.message).toContain('已报送');
    await setPackage(app, w.packages.a2, 'DRAFT');
  });

  it('reminds every overdue unit at once, only after the deadline, skipping one reminded minutes ago', async () => {
    const early = await app.ok<{ remindOverdue: { reminded: number } }>(REMIND_OVERDUE, { c: w.campaigns.a }, as('a.admin'));
    expect(early.remindOverdue.reminded).toBe(0);
    await setDeadline(app, w.campaigns.a, new Date(Date.now() - 60_000));
    const res = await app.ok<{ remindOverdue: { reminded: number; skipped: number; results: { packageId: string; recipients: number }[] } }>(REMIND_OVERDUE, { c: w.campaigns.a }, as('a.admin'));
    expect(res.remindOverdue).toMatchObject({ reminded: 1, skipped: 1 });
    expect(res.remindOverdue.results).toEqual([{ packageId: w.packages.a2, unitName: '甲区教育局', recipients: 2 }]);
    expect(await notes(w.packages.a2)).toBe(2);
    const events = await reminds(w.packages.a2);
    expect(events.map((e) => [e.actorRole, e.details?.overdue])).toEqual([['ADMIN', true]]);
    expect(await reminds(w.packages.b1)).toHaveLength(0);
  });
});
