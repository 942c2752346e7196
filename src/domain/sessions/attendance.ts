/** Whether a session was held, from the Teams meeting's attendance: pure rules, no I/O. */

export interface Interval {
  join: Date;
  leave: Date;
}

export type AttendanceStatus = 'held' | 'partly_held' | 'missed';

export interface AttendanceOutcome {
  status: AttendanceStatus;
  /** Whole minutes both were in the meeting at the same time. */
  minutesTogether: number;
  /** Whole minutes each person was in the meeting, by role. */
  minutes: { mentor: number; mentee: number };
}

/** Overlapping or touching intervals merged, in order. */
export function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.leave > i.join).sort((a, b) => a.join.getTime() - b.join.getTime());
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.join <= last.leave) last.leave = new Date(Math.max(last.leave.getTime(), i.leave.getTime()));
    else out.push({ join: i.join, leave: i.leave });
  }
  return out;
}

const minutesIn = (intervals: readonly Interval[]) => Math.floor(intervals.reduce((ms, i) => ms + (i.leave.getTime() - i.join.getTime()), 0) / 60_000);

/** Time both were in, from two merged lists. */
function together(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const join = Math.max(x.join.getTime(), y.join.getTime());
      const leave = Math.min(x.leave.getTime(), y.leave.getTime());
      if (leave > join) out.push({ join: new Date(join), leave: new Date(leave) });
    }
  }
  return out;
}

/**
 * Held when both were in the meeting together for at least `heldMinutes`; partly held when either
 * was there at all (a minute or more); missed when neither was. A meeting nobody joined has no
 * attendance report: the caller passes no intervals for either, which is missed.
 */
export function attendanceOutcome(mentor: readonly Interval[], mentee: readonly Interval[], heldMinutes: number): AttendanceOutcome {
  const a = merge(mentor);
  const b = merge(mentee);
  const minutes = { mentor: minutesIn(a), mentee: minutesIn(b) };
  const minutesTogether = minutesIn(together(a, b));
  const status: AttendanceStatus = minutesTogether >= heldMinutes ? 'held' : minutes.mentor >= 1 || minutes.mentee >= 1 ? 'partly_held' : 'missed';
  return { status, minutesTogether, minutes };
}
