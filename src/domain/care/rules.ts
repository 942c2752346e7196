/**
 * When the care loop steps in, as values: the early fit check, the junior mentor's check-ins, a
 * stalled pair, a pair to close, and what HR may see of the check-ins. No clock: `now` is given.
 */

/** What the rules need of a session. */
export interface CareSession {
  id: string;
  n: number;
  of: number;
  start: Date;
  end: Date;
  status: 'planned' | 'held' | 'partly_held' | 'missed' | 'cancelled' | 'moved';
}

export const DAY_MS = 86_400_000;
/** The fit check comes after the second held session, or this long after the first session, whichever is first. */
export const FIT_CHECK_AFTER_MS = 28 * DAY_MS;
/** HR is asked to close a pair after this long without a held session. */
export const CLOSE_AFTER_MS = 42 * DAY_MS;

const held = (s: CareSession) => s.status === 'held' || s.status === 'partly_held';
const live = (sessions: CareSession[]) => sessions.filter((s) => s.status !== 'cancelled').sort((a, b) => a.start.getTime() - b.start.getTime());

/** Whether the pair's fit check is due: two sessions held, or four weeks since the first session began. */
export function fitCheckDue(sessions: CareSession[], now: Date): boolean {
  const all = live(sessions);
  if (all.length === 0) return false;
  if (all.filter(held).length >= 2) return true;
  return now.getTime() >= all[0]!.start.getTime() + FIT_CHECK_AFTER_MS;
}

export type CheckInOccasion = 'third' | 'midpoint';

/** The session numbers at which the junior mentor is checked in with: the third, and the mid-point (the two may be one). */
export function checkInPoints(of: number): { occasion: CheckInOccasion; n: number }[] {
  const mid = Math.ceil(of / 2);
  const points: { occasion: CheckInOccasion; n: number }[] = [];
  if (of >= 3) points.push({ occasion: 'third', n: 3 });
  if (mid !== 3 && mid >= 1) points.push({ occasion: 'midpoint', n: mid });
  return points;
}

/** The check-ins due now: those whose session has ended (held, missed or just over). */
export function checkInsDue(sessions: CareSession[], now: Date): CheckInOccasion[] {
  const all = live(sessions);
  if (all.length === 0) return [];
  return checkInPoints(all[0]!.of)
    .filter((p) => {
      const s = all.find((x) => x.n === p.n);
      return s !== undefined && s.end.getTime() <= now.getTime();
    })
    .map((p) => p.occasion);
}

export interface Stall {
  /** In words for HR and the pair: "two sessions in a row were missed", "no session held in 21 days". */
  reason: string;
  /** The last held session (the stretch the stall belongs to), or null when none was held yet: one nudge per stretch. */
  lastHeldId: string | null;
  /** When the stretch without a held session began. */
  since: Date;
  /** Days since then. */
  idleDays: number;
}

/**
 * Whether the pair has stalled: `missedInRow` missed sessions in a row since the last held one,
 * or no session held for `idleDays` days (counted from the last held session, or the first
 * session's start when none was held). A pair whose sessions have not begun is not stalled.
 */
export function stallOf(sessions: CareSession[], now: Date, settings: { missedInRow: number; idleDays: number }): Stall | null {
  const all = live(sessions);
  const over = all.filter((s) => s.end.getTime() <= now.getTime());
  if (over.length === 0) return null;
  const lastHeld = [...over].reverse().find(held) ?? null;
  const since = lastHeld ? lastHeld.end : all[0]!.start;
  const after = lastHeld ? over.filter((s) => s.start.getTime() > lastHeld.start.getTime()) : over;
  const missed = after.filter((s) => s.status === 'missed').length;
  const idleDays = Math.floor((now.getTime() - since.getTime()) / DAY_MS);
  const words = (n: number) => (n === 2 ? 'two' : n === 3 ? 'three' : String(n));
  if (missed >= settings.missedInRow) {
    const n = settings.missedInRow;
    return { reason: n === 1 ? 'a session was missed' : `${words(n)} sessions in a row were missed`, lastHeldId: lastHeld?.id ?? null, since, idleDays };
  }
  if (idleDays >= settings.idleDays) return { reason: `no session held in ${idleDays} days`, lastHeldId: lastHeld?.id ?? null, since, idleDays };
  return null;
}

/** Whether HR should be asked to close the pair: six weeks without a held session. */
export function closeDue(sessions: CareSession[], now: Date): boolean {
  const all = live(sessions);
  if (all.length === 0 || all[0]!.start.getTime() > now.getTime()) return false;
  const lastHeld = [...all].reverse().find((s) => held(s) && s.end.getTime() <= now.getTime());
  const since = lastHeld ? lastHeld.end : all[0]!.start;
  return now.getTime() - since.getTime() >= CLOSE_AFTER_MS;
}

/** The fewest answers HR sees figures of: fewer could name a person. */
export const MIN_GROUP = 5;

export type Scale = 'yes' | 'mostly' | 'no';

/** Counts of one question's answers, or null when fewer than MIN_GROUP answered. */
export function scaleCounts(answers: (Scale | null)[]): Record<Scale, number> | null {
  const given = answers.filter((a): a is Scale => a !== null);
  if (given.length < MIN_GROUP) return null;
  const counts: Record<Scale, number> = { yes: 0, mostly: 0, no: 0 };
  for (const a of given) counts[a]++;
  return counts;
}

/** A check-in HR may read one by one: the mentor asked to be contacted, or flagged a concern (a "no", or words for HR). */
export function checkInVisibleToHr(c: { contactMe: boolean; speakOpenly: Scale | null; respectful: Scale | null; forHr: string; answeredAt: Date | null }): boolean {
  if (!c.answeredAt) return false;
  return c.contactMe || c.speakOpenly === 'no' || c.respectful === 'no' || c.forHr.trim().length > 0;
}
