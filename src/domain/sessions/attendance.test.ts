import { describe, expect, it } from 'vitest';
import { attendanceOutcome, type Interval } from './attendance.ts';

const at = (minute: number) => new Date(Date.UTC(2027, 2, 2, 10, minute));
const span = (from: number, to: number): Interval => ({ join: at(from), leave: at(to) });

describe('attendanceOutcome (held when both were in together for the program’s minutes; 10 here)', () => {
  it.each([
    { case: 'both there the whole time', mentor: [span(0, 45)], mentee: [span(0, 45)], status: 'held', together: 45 },
    { case: 'both there exactly 10 minutes together', mentor: [span(0, 45)], mentee: [span(35, 50)], status: 'held', together: 10 },
    { case: 'a late joiner, 5 minutes together', mentor: [span(0, 45)], mentee: [span(40, 45)], status: 'partly_held', together: 5 },
    { case: 'one never came', mentor: [span(0, 30)], mentee: [], status: 'partly_held', together: 0 },
    { case: 'both there, never at the same time', mentor: [span(0, 10)], mentee: [span(20, 30)], status: 'partly_held', together: 0 },
    { case: 'a dropped connection: two intervals that add up', mentor: [span(0, 45)], mentee: [span(0, 6), span(8, 14)], status: 'held', together: 12 },
    { case: 'overlapping intervals of one person counted once', mentor: [span(0, 45)], mentee: [span(0, 8), span(4, 8)], status: 'partly_held', together: 8 },
    { case: 'nobody joined (the meeting never started)', mentor: [], mentee: [], status: 'missed', together: 0 },
    { case: 'under a minute each', mentor: [{ join: at(0), leave: new Date(at(0).getTime() + 30_000) }], mentee: [], status: 'missed', together: 0 },
  ])('$case → $status', ({ mentor, mentee, status, together }) => {
    const outcome = attendanceOutcome(mentor, mentee, 10);
    expect(outcome.status).toBe(status);
    expect(outcome.minutesTogether).toBe(together);
  });
});
