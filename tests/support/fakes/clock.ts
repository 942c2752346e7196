import type { Clock } from '../../../src/app/shared/clock.ts';

/** A clock the test sets and moves by hand, so that waits (backoff, leases, reminders) pass at once. */
export class FakeClock implements Clock {
  private ms: number;

  constructor(start: Date | number = Date.now()) {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('a clock moves forward: use set() to go back');
    this.ms += ms;
  }

  /** Puts the clock at `at`, forward or back (a test that means to go back says so). */
  set(at: Date | number): void {
    this.ms = new Date(at).getTime();
  }
}
