/**
 * Pairing both again after a fit-check "no": the old series ends in Outlook, and each of the two is
 * matched under the program's rules against people with room left — never with each other again.
 * The new pairs are told and book as any published pair does.
 */
import { matchCard } from '../../cards/index.ts';
import { refusal, scorePair, type Participant } from '../../domain/matching/rules.ts';
import { endBooking, queueBookings } from '../booking/booking.ts';
import { ownSessions } from '../booking/context.ts';
import { poolOf } from '../matching/matching.ts';
import { isSettled } from '../sessions/ports.ts';
import { cardActivity, personRef } from '../shared/cards.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import { currentPair, pairSessions, type CareDeps } from './context.ts';
import type { CarePairKey } from './ports.ts';

export const END_OLD_SERIES = 'care-end-series';

/** The job's payload: the old series to end after its last past session (null: cancel it all). */
export interface EndSeriesPayload {
  organizerId: string;
  eventId: string;
  lastDate: string | null;
}

function best(candidates: Participant[], score: (p: Participant) => { score: number; reasons: string[] } | null) {
  let found: { who: Participant; score: number; reasons: string[] } | null = null;
  for (const who of candidates) {
    const s = score(who);
    if (s && (!found || s.score > found.score)) found = { who, ...s };
  }
  return found;
}

/**
 * Re-pairs the two of `key` inside the caller's transaction. Returns what happened, in words for HR.
 * @throws AppError `conflict` when the pair already ended or was paired again.
 */
export async function repairPair(tx: Store, deps: CareDeps, key: CarePairKey): Promise<string> {
  const now = deps.clock.now();
  const pair = await currentPair(tx, key);
  if (!pair) throw new AppError('conflict', 'This pair has already ended or been paired again.');
  const b = (await tx.bookings.getForUpdate(key.tenantId, key.programId, key.menteeId))!;
  if (b.status === 'ending' || b.status === 'ended') throw new AppError('conflict', 'This pair has already ended.');
  const program = pair.program;
  await tx.care.addEndedPair(key, 'repair', now);

  const pool = await poolOf({ store: tx, clock: deps.clock, workingHours: deps.workingHours }, program);
  const active = await tx.care.activeMenteeCounts(key.tenantId, key.programId);
  const paired = await tx.care.pairedMentees(key.tenantId, key.programId);
  const never = (a: Participant, other: string) => ({ ...a, previousPartners: [...a.previousPartners, other] });
  const mentee = pool.byId.get(key.menteeId);
  const mentor = pool.byId.get(key.mentorId);
  const roomFor = (m: Participant) => (active.get(m.id) ?? 0) - (m.id === key.mentorId ? 1 : 0) < pool.capacity;
  const newMentor = mentee
    ? best(
        pool.mentors.filter((m) => m.id !== key.mentorId && m.id !== key.menteeId && roomFor(m)),
        (m) => (refusal(m, never(mentee, key.mentorId), pool.rules) ? null : scorePair(m, mentee, pool.rules)),
      )
    : null;
  const newMentee = mentor
    ? best(
        pool.mentees.filter((m) => m.id !== key.menteeId && m.id !== key.mentorId && !paired.has(m.id) && m.id !== newMentor?.who.id),
        (m) => (refusal(never(mentor, key.menteeId), m, pool.rules) ? null : scorePair(mentor, m, pool.rules)),
      )
    : null;

  const names = { mentor: pair.mentor.displayName, mentee: pair.mentee.displayName };
  const words: string[] = [];
  const kindly = 'Thank you both for the sessions you held together.';
  if (newMentor) {
    // The old series ends in Outlook (a durable job: retried, never twice), the sessions ahead are cancelled here.
    const past = ownSessions(b).filter((o) => o.start.getTime() < now.getTime());
    if (b.eventId) {
      const payload: EndSeriesPayload = { organizerId: b.organizerId, eventId: b.eventId, lastDate: past.at(-1)?.date ?? null };
      await tx.jobs.schedule({ kind: END_OLD_SERIES, key: `care:end-series:${key.tenantId}:${b.eventId}`, runAt: now, payload, tenantId: key.tenantId });
    }
    const ahead = (await pairSessions(tx, key)).filter((s) => !isSettled(s) && s.start.getTime() > now.getTime());
    await tx.sessions.saveMany(
      ahead.map((s) => ({ ...s, status: 'cancelled' as const, source: 'flipside' as const, attendanceDueAt: null, version: s.version + 1 })),
      now,
    );
    if (b.chatId) {
      await tx.outbox.enqueue({
        tenantId: key.tenantId,
        dedupeKey: `care:repair:${key.programId}:${key.menteeId}:${key.mentorId}:chat`,
        recipientId: key.mentorId,
        chatId: b.chatId,
        kind: 'send',
        activity: {
          type: 'message',
          textFormat: 'markdown',
          text: `**This pairing has ended.** HR is pairing each of you with someone new in ${program.name}, and your remaining meetings are cancelled. ${kindly}`,
        },
      });
    }
    const organizerId = deps.settings.organizer === 'mentor' ? newMentor.who.id : key.menteeId;
    await tx.care.repointPair(key, newMentor.who.id, organizerId, newMentor, now);
    await tellMatch(tx, deps, program, { mentorId: newMentor.who.id, menteeId: key.menteeId, reasons: newMentor.reasons });
    words.push(`${names.mentee} now learns from ${newMentor.who.name}.`);
  } else {
    // Nobody with room fits the mentee now: the pair simply ends (the booking job trims the series).
    await endBooking(tx, deps.settings, { tenantId: key.tenantId, programId: key.programId, menteeId: key.menteeId }, `HR ended this pairing so that each of you can be paired again. ${kindly}`, now);
    await tell(
      tx,
      key.tenantId,
      key.menteeId,
      `care:repair:${key.programId}:${key.menteeId}:${key.mentorId}:to:${key.menteeId}`,
      `Your pairing with ${names.mentor} in ${program.name} has ended. Nobody with room fits you right now; HR will pair you again when someone does. ${kindly}`,
    );
    words.push(`Nobody with room fits ${names.mentee} now.`);
  }
  if (newMentee) {
    const pairRecord = { mentorId: key.mentorId, menteeId: newMentee.who.id, score: newMentee.score, reasons: newMentee.reasons, locked: false, manual: false };
    await tx.matching.insertPairs(key.tenantId, key.programId, [pairRecord], now);
    await queueBookings(tx, deps.settings.organizer, key.tenantId, key.programId, [pairRecord], now);
    await tellMatch(tx, deps, program, pairRecord);
    words.push(`${names.mentor} now mentors ${newMentee.who.name}.`);
  } else {
    await tell(
      tx,
      key.tenantId,
      key.mentorId,
      `care:repair:${key.programId}:${key.menteeId}:${key.mentorId}:to:${key.mentorId}`,
      `Your pairing with ${names.mentee} in ${program.name} has ended. Nobody waiting fits you right now; HR will pair you again when someone does. ${kindly}`,
    );
    words.push(`Nobody waiting fits ${names.mentor} now.`);
  }
  return words.join(' ');
}

async function tell(tx: Store, tenantId: string, userId: string, dedupeKey: string, text: string) {
  await tx.outbox.enqueue({ tenantId, dedupeKey, recipientId: userId, kind: 'send', activity: { type: 'message', textFormat: 'markdown', text } });
}

/** Both of a new pair get the card that introduces their partner, as at publishing. */
async function tellMatch(tx: Store, deps: CareDeps, program: { id: string; name: string; tenantId: string }, p: { mentorId: string; menteeId: string; reasons: string[] }) {
  for (const [me, partner, role] of [
    [p.mentorId, p.menteeId, 'mentor'],
    [p.menteeId, p.mentorId, 'mentee'],
  ] as const) {
    const other = await tx.directory.getPerson(program.tenantId, partner);
    if (!other) continue;
    const card = matchCard({ program: { name: program.name }, role, partner: personRef(other), reasons: p.reasons, tabUrl: deps.settings.tabUrl });
    await tx.outbox.enqueue({
      tenantId: program.tenantId,
      dedupeKey: `match:${program.id}:${p.menteeId}:${p.mentorId}:to:${me}`,
      recipientId: me,
      kind: 'send',
      activity: cardActivity(card, `Meet your new ${role === 'mentor' ? 'mentee' : 'mentor'}: ${other.displayName}`),
    });
  }
}

/** The job: ends the old series after its last past session (or cancels it all when none was). */
export async function endOldSeries(deps: Pick<CareDeps, 'booking'>, payload: EndSeriesPayload): Promise<void> {
  const outcome = await deps.booking.writer.endSeries(payload.organizerId, payload.eventId, payload.lastDate);
  if (!outcome.ok && outcome.retry) throw new AppError('graph_error', `Flipside could not end the old series: ${outcome.reason}`);
  if (!outcome.ok) throw new AppError('graph_error', `Flipside could not end the old series (not retried): ${outcome.reason}`);
}
