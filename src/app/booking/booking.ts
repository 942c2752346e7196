import { createHash } from 'node:crypto';
import { audit } from '../audit/audit.ts';
import type { BookingCardVM } from '../../cards/types.ts';
import type { ProgramBookings } from '../../contracts/matching.ts';
import { expandOccurrences, toRecurrence } from '../../domain/scheduling/index.ts';
import type { SlotCandidate } from '../../domain/scheduling/types.ts';
import type { Actor, CardActor } from '../shared/actor.ts';
import { personRef } from '../shared/cards.ts';
import {
  bookingCardVM,
  contextOf,
  contextsOf,
  failed,
  keyOf,
  LEASE_MS,
  ownSessions,
  remainingPeriod,
  seriesPeriod,
  settle,
  settleMany,
  showInChat,
  type BookingDeps,
  type BookingSettings,
  type PairContext,
  type PairKey,
} from './context.ts';
import { bookingView, type LocalClock } from './words.ts';
import { AppError } from '../shared/errors.ts';
import type { BookingRecord, SeriesRequest } from './ports.ts';
import type { Clock } from '../shared/clock.ts';
import type { PairRecord } from '../matching/ports.ts';
import type { Store } from '../store.ts';

import { findTimes, SAVE_BATCH } from './find.ts';
import { tabLink } from '../../cards/tab-link.ts';

export { findTimes };
export type { BookingDeps, BookingSettings } from './context.ts';

// ─── Publishing ──────────────────────────────────────────────────────────────────────────────────

/** Bookings for newly published pairs, inside the publishing transaction; the job takes it from there. */
export async function queueBookings(tx: Store, organizer: BookingSettings['organizer'], tenantId: string, programId: string, pairs: PairRecord[], at: Date): Promise<void> {
  await tx.bookings.insertMany(
    pairs.map((p) => ({ tenantId, programId, menteeId: p.menteeId, mentorId: p.mentorId, organizerId: organizer === 'mentor' ? p.mentorId : p.menteeId })),
    at,
  );
}

// ─── The pair's clicks ───────────────────────────────────────────────────────────────────────────

type Person = CardActor;

async function pairFor(store: Store, actor: Person, key: { programId: string; menteeId: string }, forUpdate: boolean): Promise<PairContext> {
  const b = forUpdate ? await store.bookings.getForUpdate(actor.tenantId, key.programId, key.menteeId) : await store.bookings.get(actor.tenantId, key.programId, key.menteeId);
  if (!b) throw new AppError('not_found', 'Flipside has no meeting series for this pair.');
  const ctx = await contextOf(store, b);
  if (typeof ctx === 'string') throw new AppError('conflict', `This pair has ended: ${ctx}`);
  if (actor.userId !== b.mentorId && actor.userId !== b.menteeId) {
    throw new AppError('forbidden', `Only ${ctx.mentor.displayName} and ${ctx.mentee.displayName} can choose their meeting time.`);
  }
  return ctx;
}

function requireLive(ctx: PairContext): void {
  if (ctx.b.status === 'ending' || ctx.b.status === 'ended') throw new AppError('conflict', `This pair has ended, so there is nothing to book. ${ctx.b.problem ?? ''}`.trim());
}

/** The booking card as it stands now (the card's refresh; never changes anything). */
export async function viewBooking(deps: Pick<BookingDeps, 'store' | 'clock' | 'settings'>, actor: Person, key: { programId: string; menteeId: string }): Promise<BookingCardVM> {
  return bookingCardVM(await pairFor(deps.store, actor, key, false), deps.settings, deps.clock.now());
}

/**
 * One of the pair picks an offered time. The choice is recorded at once, so the card shows it to
 * both; the booking job (kicked right after) books it, together with any other picks that are due,
 * in one `$batch`, with a transactionId so a retry never makes a second series.
 * Someone outside the pair is refused (`forbidden`); a time that was not offered, or a pair that
 * has ended, is answered with the card as it stands and the reason on top.
 */
export async function pickSlot(deps: BookingDeps, actor: Person, input: { programId: string; menteeId: string; slotId: string; version: number }): Promise<BookingCardVM> {
  return withNotice(deps, actor, input, () => pick(deps, actor, input));
}

/**
 * A click one of the pair may make but that cannot be taken now (a time not offered, a pair that
 * ended) is answered with the card as it stands and the reason on top: Teams shows the answer in
 * place of the card for that person, so a bare error card would take their choices away.
 * Someone outside the pair gets the error itself.
 */
async function withNotice(deps: BookingDeps, actor: Person, key: { programId: string; menteeId: string }, act: () => Promise<BookingCardVM>): Promise<BookingCardVM> {
  try {
    return await act();
  } catch (error) {
    if (!(error instanceof AppError) || !error.expose || error.code === 'forbidden' || error.code === 'not_found') throw error;
    const card = await viewBooking(deps, actor, key).catch(() => {
      throw error;
    });
    return { ...card, notice: error.message };
  }
}

async function pick(deps: BookingDeps, actor: Person, input: { programId: string; menteeId: string; slotId: string; version: number }): Promise<BookingCardVM> {
  await deps.store.transaction(async (tx) => {
    const ctx = await pairFor(tx, actor, input, true);
    requireLive(ctx);
    const { b } = ctx;
    if (b.status !== 'choosing' || b.version !== input.version) {
      // A second click, or a card that is out of date: show what is true now.
      if ((b.status === 'booking' || b.status === 'booked') && b.chosen?.id === input.slotId) return;
      if (b.status !== 'choosing') throw new AppError('conflict', 'These times are no longer on offer: the card shows where things stand now.');
    }
    const slot = b.offer.find((s) => s.id === input.slotId);
    if (!slot) throw new AppError('bad_request', 'That time is not one Flipside offered you. Pick one of the times on the card.', { field: 'slotId' });
    const next: BookingRecord = { ...b, status: 'booking', chosen: slot, pickedBy: actor.userId, version: b.version + 1, tries: 0, problem: null, nextAttemptAt: deps.clock.now() };
    await tx.bookings.save(next, deps.clock.now());
    await showInChat(tx, { ...ctx, b: next }, deps.settings, deps.clock.now());
  });
  return viewBooking(deps, actor, input);
}

/**
 * One of the pair asks for other times: Flipside looks again (keeping the current series until
 * they pick a new one, which then moves it).
 */
export async function rescheduleBooking(deps: BookingDeps, actor: Person, input: { programId: string; menteeId: string; version: number }): Promise<BookingCardVM> {
  return withNotice(deps, actor, input, () => reschedule(deps, actor, input));
}

async function reschedule(deps: BookingDeps, actor: Person, input: { programId: string; menteeId: string; version: number }): Promise<BookingCardVM> {
  await deps.store.transaction(async (tx) => {
    const ctx = await pairFor(tx, actor, input, true);
    requireLive(ctx);
    const { b } = ctx;
    if (b.status === 'finding' || b.status === 'booking') return; // already on it
    const next: BookingRecord = { ...b, status: 'finding', attempt: b.attempt + 1, version: b.version + 1, offer: [], tries: 0, problem: null, nextAttemptAt: deps.clock.now() };
    await tx.bookings.save(next, deps.clock.now());
    await showInChat(tx, { ...ctx, b: next }, deps.settings, deps.clock.now());
  });
  return viewBooking(deps, actor, input);
}

// ─── Booking the series (a job, kicked right after a pick) ───────────────────────────────────────

/** The series' Graph transactionId: the same for every retry of one attempt, new for the next. */
export function transactionIdOf(b: PairKey & { attempt: number }): string {
  const h = createHash('sha256').update(`flipside:${b.tenantId}:${b.programId}:${b.menteeId}:${b.attempt}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function seriesRequest(ctx: PairContext, settings: BookingSettings, recurrence: SeriesRequest['recurrence']): SeriesRequest {
  const { b, program, mentor, mentee } = ctx;
  const body = [
    `<p>Your <b>${escapeHtml(program.name)}</b> reverse-mentoring session: ${escapeHtml(mentor.displayName)} mentors ${escapeHtml(mentee.displayName)} on new tools and ways of working, and learns about the business in return.</p>`,
    '<p>Before each session an agenda arrives in your Flipside pair chat; afterwards each of you gets a short private feedback card.</p>',
    `<p><a href="${escapeHtml(tabLink(settings.tabUrl, '/mentoring'))}">Open your pair's page in Flipside</a></p>`,
  ].join('');
  return {
    key: keyOf(b),
    organizerId: b.organizerId,
    transactionId: transactionIdOf(b),
    subject: `Reverse mentoring: ${mentor.displayName} & ${mentee.displayName}`,
    bodyHtml: body,
    attendees: [mentor, mentee].map((p) => ({ mail: p.mail ?? p.userPrincipalName ?? p.id, name: p.displayName })),
    recurrence,
  };
}

/**
 * Books what was picked: new series in `$batch`es (20 a request), moved series one PATCH each.
 * A retried request carries the same transactionId, so Graph returns the series it already made.
 */
export async function bookChosen(deps: BookingDeps, limit = 1_000): Promise<number> {
  const now = deps.clock.now();
  const claimed = await deps.store.bookings.claimDue('booking', now, limit, LEASE_MS);
  const creates: { ctx: PairContext; request: SeriesRequest; chosen: SlotCandidate }[] = [];
  let done = 0;
  const found = await contextsOf(deps.store, claimed);
  for (const [i, b] of claimed.entries()) {
    const ctx = found[i]!;
    if (typeof ctx === 'string') {
      await deps.store.bookings.save({ ...b, status: 'ended', version: b.version + 1, problem: ctx, endedAt: now }, now);
      continue;
    }
    const period = remainingPeriod(ctx.program, now);
    const recurrence = toRecurrence(b.chosen, period);
    const sessions = expandOccurrences(b.chosen, period);
    if (!recurrence || sessions.length === 0) {
      await settle(deps, ctx, { ...b, status: 'unbookable', version: b.version + 1, problem: 'The program ends before the next session of that time.' });
      continue;
    }
    const chosen: SlotCandidate = { ...b.chosen, firstOccurrence: recurrence.range.startDate, lastOccurrence: recurrence.range.endDate, occurrences: sessions.length };
    if (b.eventId) {
      const outcome = await deps.writer.moveSeries(b.organizerId, b.eventId, recurrence);
      await settle(deps, ctx, outcome.ok ? bookedWith(b, chosen, outcome) : failed(deps, b, outcome, 'Flipside could not move your series'));
      done += outcome.ok ? 1 : 0;
    } else {
      creates.push({ ctx, request: seriesRequest(ctx, deps.settings, recurrence), chosen });
    }
  }
  const outcomes = await deps.writer.createSeries(creates.map((c) => c.request));
  const settled: { ctx: PairContext; next: BookingRecord }[] = [];
  for (const { ctx, request, chosen } of creates) {
    const outcome = outcomes.get(request.key) ?? { ok: false, reason: 'no answer', retry: true };
    settled.push({ ctx, next: outcome.ok ? bookedWith(ctx.b, chosen, outcome) : failed(deps, ctx.b, outcome, 'Flipside could not book your series') });
    done += outcome.ok ? 1 : 0;
  }
  for (let i = 0; i < settled.length; i += SAVE_BATCH) await settleMany(deps, settled.slice(i, i + SAVE_BATCH));
  return done;
}

function bookedWith(b: BookingRecord, chosen: SlotCandidate, series: { eventId: string; joinUrl: string | null }): BookingRecord {
  return { ...b, status: 'booked', chosen, eventId: series.eventId, joinUrl: series.joinUrl ?? b.joinUrl, problem: null, tries: 0, version: b.version + 1 };
}

// ─── Ending ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The pair ended (someone left the program, or HR ended it): a booked series ends from the next
 * session on (the job trims it in Outlook); anything not booked yet simply stops.
 */
export async function endBooking(tx: Store, settings: Pick<BookingSettings, 'tabUrl'>, key: PairKey, reason: string, now: Date): Promise<void> {
  const b = await tx.bookings.getForUpdate(key.tenantId, key.programId, key.menteeId);
  if (!b || b.status === 'ended' || b.status === 'ending') return;
  const next: BookingRecord =
    b.eventId && b.chosen
      ? { ...b, status: 'ending', chosen: b.chosen, eventId: b.eventId, version: b.version + 1, problem: reason, tries: 0, nextAttemptAt: now }
      : { ...b, status: 'ended', version: b.version + 1, problem: reason, endedAt: now };
  await tx.bookings.save(next, now);
  const ctx = await contextOf(tx, next);
  if (typeof ctx !== 'string') await showInChat(tx, ctx, settings, now);
}

/**
 * HR ends a published pair from the Meetings view: the series ends from the next session on and
 * both are told in their chat. Returns the program's meetings as they stand.
 * @throws AppError `forbidden` (not a program admin), `not_found` (no such pair).
 */
export async function endPair(
  deps: { store: Store; clock: Clock; settings: Pick<BookingSettings, 'tabUrl'> },
  actor: Actor,
  programId: string,
  menteeId: string,
  viewerZone: string | null = null,
): Promise<ProgramBookings> {
  mustAdminMeetings(actor);
  const key = { tenantId: actor.tenantId, programId, menteeId };
  if (!(await deps.store.bookings.get(key.tenantId, programId, menteeId))) throw new AppError('not_found', 'This program has no published pair with that mentee.', { field: 'menteeId' });
  await deps.store.transaction(async (tx) => {
    await endBooking(tx, deps.settings, key, 'Your program admin ended this pair.', deps.clock.now());
    await audit(tx, deps.clock, actor, 'pair.ended', { programId, subjectId: menteeId });
  });
  return programBookings(deps, actor, programId, viewerZone);
}

/** One booking round: times for new pairs, picked series booked, ended series trimmed. Returns how many moved on. */
export async function bookingRound(deps: BookingDeps): Promise<number> {
  return (await findTimes(deps)) + (await bookChosen(deps)) + (await endSeriesDue(deps));
}

/** Trims ending series in Outlook: the last session kept is the last one before today. */
export async function endSeriesDue(deps: BookingDeps, limit = 100): Promise<number> {
  const now = deps.clock.now();
  let done = 0;
  for (const b of await deps.store.bookings.claimDue('ending', now, limit, LEASE_MS)) {
    const past = ownSessions(b).filter((o) => o.start.getTime() < now.getTime());
    const outcome = await deps.writer.endSeries(b.organizerId, b.eventId, past.at(-1)?.date ?? null);
    const next: BookingRecord = outcome.ok ? { ...b, status: 'ended', version: b.version + 1, endedAt: now, tries: 0 } : failed(deps, b, outcome, 'Flipside could not end your series');
    // Giving up on ending leaves the series as it is; say so rather than pretend it ended.
    const settled = next.status === 'unbookable' ? { ...next, status: 'ended' as const, endedAt: now, problem: `${next.problem} — please delete the remaining sessions by hand.` } : next;
    await deps.store.transaction(async (tx) => {
      await tx.bookings.save(settled, now);
      const ctx = await contextOf(tx, settled);
      if (typeof ctx !== 'string') await showInChat(tx, ctx, deps.settings, now);
    });
    done += outcome.ok ? 1 : 0;
  }
  return done;
}

// ─── Views ───────────────────────────────────────────────────────────────────────────────────────

/** A pair's series as one of them sees it in the tab, in their own clock. */
export async function bookingFor(deps: { store: Store; clock: Clock }, tenantId: string, programId: string, menteeId: string, viewerId: string) {
  const b = await deps.store.bookings.get(tenantId, programId, menteeId);
  const program = b && (await deps.store.programs.get(tenantId, programId));
  if (!b || !program) return null;
  const now = deps.clock.now();
  const viewer = await deps.store.directory.getPerson(tenantId, viewerId);
  return bookingView(b, seriesPeriod(b, program, now), { zone: b.zones[viewerId] ?? 'UTC', office: viewer?.officeLocation ?? null }, now);
}

/**
 * HR's view of a program's series: how many are where, and each pair's state. Times are said in
 * HR's own clock (`viewerZone`, the browser's IANA zone, named by HR's office when it lies there),
 * or in each pair's organizer's when the tab did not say.
 */
export async function programBookings(deps: { store: Store; clock: Clock }, actor: Actor, programId: string, viewerZone: string | null = null): Promise<ProgramBookings> {
  mustAdminMeetings(actor);
  const { tenantId } = actor;
  const program = await deps.store.programs.get(tenantId, programId);
  if (!program) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  const now = deps.clock.now();
  const out: ProgramBookings = { counts: {}, pairs: [] };
  const sessions = await deps.store.sessions.countsForProgram(tenantId, programId);
  const none = { held: 0, partlyHeld: 0, missed: 0, cancelled: 0, planned: 0, total: 0 };
  const viewer: LocalClock | null = viewerZone ? { zone: viewerZone, office: (await deps.store.directory.getPerson(tenantId, actor.userId))?.officeLocation ?? null } : null;
  for (const b of await deps.store.bookings.listForProgram(tenantId, programId)) {
    const [mentor, mentee] = await Promise.all([deps.store.directory.getPerson(tenantId, b.mentorId), deps.store.directory.getPerson(tenantId, b.menteeId)]);
    const organizer = b.organizerId === b.mentorId ? mentor : mentee;
    const view = bookingView(b, seriesPeriod(b, program, now), viewer ?? { zone: b.zones[b.organizerId] ?? 'UTC', office: organizer?.officeLocation ?? null }, now);
    out.counts[view.status] = (out.counts[view.status] ?? 0) + 1;
    if (!mentor || !mentee) continue;
    out.pairs.push({ mentor: personRef(mentor), mentee: personRef(mentee), booking: view, sessions: sessions.get(b.menteeId) ?? none });
  }
  return out;
}

function mustAdminMeetings(actor: Actor): void {
  if (!actor.isProgramAdmin) throw new AppError('forbidden', "Only program admins (the Program.Admin role) can see and end pairs' meetings.");
}
