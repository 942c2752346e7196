/**
 * Pauses: either of a pair pauses their sessions until a date. A job cancels the Outlook
 * occurrences until then (and exactly those); the series goes on after. Resuming early sets the
 * series again from its next occurrence (Outlook drops the cancellations when the recurrence is set again).
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { isCalendarDate } from '../../contracts/fields.ts';
import type { BookingRecord } from '../booking/ports.ts';
import { ownSessions } from '../booking/context.ts';
import { toRecurrence } from '../../domain/scheduling/index.ts';
import type { SessionPair } from '../sessions/context.ts';
import { isSettled } from '../sessions/ports.ts';
import type { CardActor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import { currentPair, pairSessions, type CareDeps } from './context.ts';
import type { CarePairKey, PauseRecord } from './ports.ts';

const DAY_MS = 86_400_000;
/** The longest pause: long enough for a busy quarter-end, short enough that the pair is not forgotten. */
export const MAX_PAUSE_DAYS = 8 * 7;

const organizerZone = (b: BookingRecord) => b.zones[b.organizerId] ?? 'UTC';
const dayOf = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate()!;

/** The pair of `actor` in `programId` with mentee `menteeId`, booked; anyone else is refused. */
async function ownPair(store: Store, actor: CardActor, programId: string, menteeId: string): Promise<{ pair: SessionPair; key: CarePairKey }> {
  const b = await store.bookings.get(actor.tenantId, programId, menteeId);
  if (!b) throw new AppError('not_found', 'Flipside has no such pair.');
  if (actor.userId !== b.mentorId && actor.userId !== b.menteeId) throw new AppError('forbidden', 'Only the two of a pair can pause their sessions.');
  const key = { tenantId: actor.tenantId, programId, menteeId, mentorId: b.mentorId };
  const pair = await currentPair(store, key);
  if (!pair) throw new AppError('not_found', 'Flipside has no such pair.');
  return { pair, key };
}

/**
 * Pauses the pair's sessions until `untilDate` (inclusive, yyyy-mm-dd). Refused, naming the field,
 * for a date that is not after today, after the program's end or more than eight weeks away.
 * @throws AppError `bad_request`, `conflict` (already paused, or not booked), `forbidden`.
 */
export async function pausePair(deps: Pick<CareDeps, 'store' | 'clock'>, actor: CardActor, input: { programId: string; menteeId: string; untilDate: string }): Promise<PauseRecord> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const { pair, key } = await ownPair(tx, actor, input.programId, input.menteeId);
    const b = pair.booking;
    if (b.status !== 'booked') throw new AppError('conflict', 'There is no booked series to pause yet.');
    const today = dayOf(now, organizerZone(b));
    if (!isCalendarDate(input.untilDate)) throw new AppError('bad_request', 'untilDate must be a date (yyyy-mm-dd).', { field: 'untilDate' });
    if (input.untilDate <= today) throw new AppError('bad_request', 'Pause until a day after today.', { field: 'untilDate' });
    if (input.untilDate >= pair.program.endsOn) throw new AppError('bad_request', `The program ends on ${pair.program.endsOn}: pause until a day before it.`, { field: 'untilDate' });
    if (Date.parse(`${input.untilDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`) > MAX_PAUSE_DAYS * DAY_MS) {
      throw new AppError('bad_request', 'A pause can last at most eight weeks.', { field: 'untilDate' });
    }
    const pause: PauseRecord = { ...key, id: randomUUID(), pausedBy: actor.userId, untilDate: input.untilDate, status: 'cancelling', cancelled: [], problem: null, createdAt: now };
    if (!(await tx.care.addPause(pause))) throw new AppError('conflict', 'Your sessions are already paused.');
    await tellChat(
      tx,
      b,
      `pause:${pause.id}:start`,
      `**${nameOf(pair, actor.userId)} paused your sessions until ${dateWords(input.untilDate)}.** Flipside cancels your meetings until then in Outlook; the series goes on after. Either of you can resume early from the Flipside tab.`,
    );
    return pause;
  });
}

/**
 * Resumes early: the cancelled meetings still ahead come back (the job sets the series again from
 * tomorrow). @throws AppError `conflict` (not paused), `forbidden`.
 */
export async function resumePair(deps: Pick<CareDeps, 'store' | 'clock'>, actor: CardActor, input: { programId: string; menteeId: string }): Promise<PauseRecord> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const { pair } = await ownPair(tx, actor, input.programId, input.menteeId);
    const pause = await tx.care.openPause(actor.tenantId, input.programId, input.menteeId, true);
    if (!pause || pause.status === 'resuming') throw new AppError('conflict', 'Your sessions are not paused.');
    const next: PauseRecord = { ...pause, status: 'resuming', untilDate: dayOf(now, organizerZone(pair.booking)) };
    await tx.care.savePause(next, now);
    await tellChat(tx, pair.booking, `pause:${pause.id}:resume`, `**${nameOf(pair, actor.userId)} resumed your sessions early.** Your meetings are back in Outlook from tomorrow.`);
    return next;
  });
}

const nameOf = (pair: SessionPair, userId: string) => (userId === pair.mentor.id ? pair.mentor.displayName : pair.mentee.displayName);
const dateWords = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toFormat('cccc d LLLL');

async function tellChat(tx: Store, b: BookingRecord, key: string, text: string) {
  if (!b.chatId) return;
  await tx.outbox.enqueue({ tenantId: b.tenantId, dedupeKey: key, recipientId: b.mentorId, chatId: b.chatId, kind: 'send', activity: { type: 'message', textFormat: 'markdown', text } });
}

/**
 * The pause job: cancels the occurrences of new pauses in Outlook (and their sessions), ends pauses
 * whose date has passed (the series simply goes on), and puts series back for early resumes.
 * Returns how many pauses moved on.
 */
export async function workPauses(deps: CareDeps, limit = 50): Promise<number> {
  const now = deps.clock.now();
  let moved = 0;
  await deps.store.transaction(async (tx) => {
    for (const p of await tx.care.lockPausesToWork(dayOf(new Date(now.getTime() + DAY_MS), 'UTC'), limit)) {
      const pair = await currentPair(tx, p);
      const b = pair?.booking;
      if (!pair || !b || b.status === 'ended' || b.status === 'ending') {
        await tx.care.savePause({ ...p, status: 'over' }, now);
        continue;
      }
      const zone = organizerZone(b);
      if (p.status === 'cancelling') {
        if (!(await cancelUntil(tx, deps, p, b, zone))) continue;
        moved++;
      } else if (p.status === 'paused' && p.untilDate < dayOf(now, zone)) {
        await tx.care.savePause({ ...p, status: 'over' }, now);
        const next = (await pairSessions(tx, p)).find((s) => !isSettled(s) && s.start.getTime() > now.getTime());
        await tellChat(
          tx,
          b,
          `pause:${p.id}:over`,
          `**Welcome back!** Your pause has ended${next ? `: your next session is on ${DateTime.fromJSDate(next.start, { zone }).toFormat('cccc d LLLL')}` : ''}.`,
        );
        moved++;
      } else if (p.status === 'resuming') {
        const ahead = p.cancelled.some((iso) => Date.parse(iso) > now.getTime());
        // Setting the recurrence again from its next occurrence (same pattern, same phase) brings the
        // cancelled occurrences back, as in Outlook; the new booking version has the sessions written again.
        const next = ownSessions(b).find((o) => o.start.getTime() > now.getTime());
        const recurrence = ahead && next && b.status === 'booked' ? toRecurrence(b.chosen, { startDate: next.date, endDate: b.chosen.lastOccurrence }) : null;
        if (recurrence && b.status === 'booked') {
          const outcome = await deps.booking.writer.moveSeries(b.organizerId, b.eventId, recurrence);
          if (!outcome.ok && outcome.retry) {
            await tx.care.savePause({ ...p, problem: `Flipside could not put your meetings back yet: ${outcome.reason}` }, now);
            continue;
          }
          await tx.bookings.save({ ...b, version: b.version + 1, problem: outcome.ok ? null : outcome.reason }, now);
        }
        await tx.care.savePause({ ...p, status: 'over', problem: null }, now);
        moved++;
      }
    }
  });
  return moved;
}

/** Cancels this pause's occurrences (from now to its last day) in Outlook, and their sessions. True when all are done. */
async function cancelUntil(tx: Store, deps: CareDeps, p: PauseRecord, b: BookingRecord, zone: string): Promise<boolean> {
  const now = deps.clock.now();
  if (!b.eventId) return false;
  const to = new Date(Date.parse(`${p.untilDate}T00:00:00Z`) + 2 * DAY_MS);
  const answer = (await deps.series.instances([{ key: p.id, organizerId: b.organizerId, eventId: b.eventId, from: now, to }])).get(p.id);
  if (!answer || !answer.ok) {
    await tx.care.savePause({ ...p, problem: answer && !answer.ok ? answer.reason : 'no answer' }, now);
    return false;
  }
  const inPause = answer.deleted ? [] : answer.occurrences.filter((o) => !o.cancelled && o.start.getTime() > now.getTime() && dayOf(o.start, zone) <= p.untilDate);
  const results =
    inPause.length > 0
      ? await deps.occurrences.cancel(
          b.organizerId,
          inPause.map((o) => o.id),
          'Paused in Flipside: your reverse-mentoring sessions resume after the pause.',
        )
      : new Map();
  const done = inPause.filter((o) => results.get(o.id)?.ok);
  const failed = inPause.filter((o) => !results.get(o.id)?.ok);
  const cancelled = [...new Set([...p.cancelled, ...done.map((o) => o.originalStart.toISOString())])];
  const starts = new Set(cancelled.map((iso) => Date.parse(iso)));
  const sessions = (await pairSessions(tx, p)).filter((s) => !isSettled(s) && starts.has(s.originalStart.getTime()));
  await tx.sessions.saveMany(
    sessions.map((s) => ({ ...s, status: 'cancelled' as const, source: 'flipside' as const, attendanceDueAt: null, version: s.version + 1 })),
    now,
  );
  const problem = failed.length > 0 ? `Flipside could not cancel ${failed.length} meeting(s) yet: trying again.` : null;
  await tx.care.savePause({ ...p, cancelled, problem, status: failed.length > 0 ? 'cancelling' : 'paused' }, now);
  return failed.length === 0;
}
