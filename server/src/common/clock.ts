/**
 * The one source of "now" for time-dependent code (schedules, deadlines, reminders, the job
 * queue's delays). Production reads the system clock; tests hand in a ManualClock and move time
 * instead of sleeping.
 */
export abstract class Clock {
  abstract nowMs(): number;

  now(): Date {
    return new Date(this.nowMs());
  }
}

export class SystemClock extends Clock {
  nowMs(): number {
    return Date.now();
  }
}

/** A clock that stands still until told to move (it starts at the system time, or the one given). */
export class ManualClock extends Clock {
  private ms: number;

  constructor(start: Date | number = Date.now()) {
    super();
    this.ms = typeof start === 'number' ? start : start.getTime();
  }

  nowMs(): number {
    return this.ms;
  }

  advance(ms: number): Date {
    this.ms += ms;
    return this.now();
  }

  set(at: Date): void {
    this.ms = at.getTime();
  }
}
