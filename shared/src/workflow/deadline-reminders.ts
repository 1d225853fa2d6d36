import type { PackageState, Role } from './workflow-table.js';

/**
 * The reminders (催办) sent before and after a campaign's submission deadline: when, with what
 * title, and to whom. The server schedules and sends them from this; the campaign editor shows
 * the same plan for a deadline being edited.
 */
export type DeadlineReminder = 'BEFORE_3_DAYS' | 'BEFORE_1_DAY' | 'OVERDUE';

const DAY_MS = 86_400_000;

export const DEADLINE_REMINDERS: readonly { reminder: DeadlineReminder; offsetMs: number; title: string }[] = [
  { reminder: 'BEFORE_3_DAYS', offsetMs: -3 * DAY_MS, title: '自评材料报送截止还有3天' },
  { reminder: 'BEFORE_1_DAY', offsetMs: -DAY_MS, title: '自评材料明天截止报送' },
  // A minute after the deadline: a package handed in at the last moment is not told it is late.
  { reminder: 'OVERDUE', offsetMs: 60_000, title: '自评材料已超过报送截止时间' },
];

/** Who is reminded, by the stage of the unit's package; a package with the bureau is not reminded. */
export const REMINDED_ROLES: Readonly<Partial<Record<PackageState, readonly Role[]>>> = {
  DRAFT: ['FILLER', 'UNIT_HEAD'],
  RETURNED: ['FILLER', 'UNIT_HEAD'],
  AWAITING_SIGNOFF: ['UNIT_HEAD'],
};
export const REMINDED_STATES = Object.keys(REMINDED_ROLES) as PackageState[];

export interface PlannedReminder {
  reminder: DeadlineReminder;
  title: string;
  at: Date;
  /** PLANNED: sent at `at`; AT_ONCE: its time has passed and it goes out now (overdue only); SKIPPED: too late to be useful. */
  status: 'PLANNED' | 'AT_ONCE' | 'SKIPPED';
}

/** The reminders a deadline gives, seen from `now`: a "before" reminder whose time has passed is not sent late. */
export function reminderPlan(deadline: Date, now: Date = new Date()): PlannedReminder[] {
  return DEADLINE_REMINDERS.map((r) => {
    const at = new Date(deadline.getTime() + r.offsetMs);
    const past = at.getTime() <= now.getTime();
    return { reminder: r.reminder, title: r.title, at, status: !past ? 'PLANNED' : r.reminder === 'OVERDUE' ? 'AT_ONCE' : 'SKIPPED' };
  });
}

/** The earliest and latest offset from the deadline of any reminder. */
export const REMINDER_WINDOW_MS = {
  before: -Math.min(...DEADLINE_REMINDERS.map((r) => r.offsetMs)),
  after: Math.max(...DEADLINE_REMINDERS.map((r) => r.offsetMs)),
};
