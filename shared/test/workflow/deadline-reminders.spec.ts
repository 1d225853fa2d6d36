import { DEADLINE_REMINDERS, REMINDED_ROLES, REMINDED_STATES, REMINDER_WINDOW_MS, WITH_UNIT_STATES, reminderPlan } from '../../src/index.js';

const DAY = 86_400_000;
const deadline = new Date('2025-05-31T09:00:00Z');

describe('deadline reminders', () => {
  it('plans three days before, a day before and a minute after the deadline', () => {
    const plan = reminderPlan(deadline, new Date('2025-05-01T00:00:00Z'));
    expect(plan.map((r) => [r.reminder, r.at.toISOString(), r.status])).toEqual([
      ['BEFORE_3_DAYS', '2025-05-28T09:00:00.000Z', 'PLANNED'],
      ['BEFORE_1_DAY', '2025-05-30T09:00:00.000Z', 'PLANNED'],
      ['OVERDUE', '2025-05-31T09:01:00.000Z', 'PLANNED'],
    ]);
    expect(REMINDER_WINDOW_MS).toEqual({ before: 3 * DAY, after: 60_000 });
  });

  it('does not send a "before" reminder late; the overdue one goes out at once', () => {
    const twoDaysBefore = new Date(deadline.getTime() - 2 * DAY);
    expect(reminderPlan(deadline, twoDaysBefore).map((r) => r.status)).toEqual(['SKIPPED', 'PLANNED', 'PLANNED']);
    const after = new Date(deadline.getTime() + DAY);
    expect(reminderPlan(deadline, after).map((r) => r.status)).toEqual(['SKIPPED', 'SKIPPED', 'AT_ONCE']);
  });

  it('reminds exactly the units still holding their package: the head alone while it awaits signing', () => {
    expect([...REMINDED_STATES].sort()).toEqual([...WITH_UNIT_STATES].sort());
    expect(REMINDED_ROLES.AWAITING_SIGNOFF).toEqual(['UNIT_HEAD']);
    expect(REMINDED_ROLES.DRAFT).toEqual(['FILLER', 'UNIT_HEAD']);
    expect(new Set(DEADLINE_REMINDERS.map((r) => r.title)).size).toBe(3);
  });
});
