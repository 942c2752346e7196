/**
 * Changes to a running program reach the booked series: HR sees before saving how many series an
 * edit changes and how; saving records one change per series and schedules a durable job for each,
 * which updates the series in Outlook (length, end date, recurrence) and tells the pair once, or
 * tells them it cannot follow (the new cadence no longer fits both calendars) with "Find another time".
 */
import { seriesChangeCard } from '../../cards/index.ts';
import type { ProgramChangePreview, SeriesChanges } from '../../contracts/program-life.ts';
import type { ProgramInput } from '../../contracts/programs.ts';
import { needsCalendarCheck, pastDate, seriesChange, type SeriesChange } from '../../domain/programs/changes.ts';
import { evaluateSlot, expandOccurrences, toRecurrence } from '../../domain/scheduling/index.ts';
import type { SlotCandidate } from '../../domain/scheduling/types.ts';
import { contextOf, DAY_MS, remainingPeriod, showInChat, type BookingDeps, type PairContext } from '../booking/context.ts';
import { CHECK_DAYS, withoutOwnSeries } from '../booking/find.ts';
import type { BookingRecord } from '../booking/ports.ts';
import { seriesWords } from '../booking/words.ts';
import type { Actor } from '../shared/actor.ts';
import { cardActivity, personRef, unknownPerson } from '../shared/cards.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import type { ProgramRecord, SeriesChangeRecord } from './ports.ts';
import { today } from './programs.ts';
import { tabLink } from '../../cards/tab-link.ts';

/** The job that applies one program edit to one series. */
export const APPLY_SERIES_CHANGE = 'apply-series-change';

export interface SeriesChangeKey {
  tenantId: string;
  programId: string;
  menteeId: string;
  changeId: string;
}

type Booked = BookingRecord & { status: 'booked' };
const isBooked = (b: BookingRecord): b is Booked => b.status === 'booked' && !!b.eventId && !!b.chosen;

function requireAdmin(actor: Actor) {
  if (!actor.isProgramAdmin) throw new AppError('forbidden', 'Only program admins (the Program.Admin role) can create or change programs.');
}

/** What `next` does to each booked series of the program. */
async function changesOf(store: Store, current: ProgramRecord, next: Pick<ProgramRecord, 'startsOn' | 'endsOn' | 'sessionMinutes' | 'cadences'>) {
  const booked = (await store.bookings.listForProgram(current.tenantId, current.id)).filter(isBooked);
  const changed: { b: Booked; change: SeriesChange }[] = [];
  for (const b of booked) {
    const change = seriesChange(current, next, { durationMinutes: b.chosen.durationMinutes, cadence: b.chosen.cadence });
    if (change) changed.push({ b, change });
  }
  return { booked: booked.length, changed };
}

/**
 * Before saving an edit: how many booked series it changes and how, per pair. Reads only.
 * @throws AppError `forbidden`, `not_found`, `bad_request` naming a date set in the past.
 */
export async function previewProgramChange(deps: { store: Store; clock: Clock }, actor: Actor, id: string, input: ProgramInput): Promise<ProgramChangePreview> {
  requireAdmin(actor);
  const current = await deps.store.programs.get(actor.tenantId, id);
  if (!current) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  const past = pastDate(input, today(deps.clock), current);
  if (past) throw new AppError('bad_request', `${past.field}: ${past.message}`, { field: past.field });
  const { booked, changed } = await changesOf(deps.store, current, input);
  const people = await deps.store.directory.getPeople(
    actor.tenantId,
    changed.flatMap(({ b }) => [b.mentorId, b.menteeId]),
  );
  const ref = (userId: string) => {
    const p = people.get(userId);
    return p ? personRef(p) : unknownPerson(userId);
  };
  return {
    booked,
    changes: changed.map(({ b, change }) => ({ mentor: ref(b.mentorId), mentee: ref(b.menteeId), summary: change.summary, calendarCheck: needsCalendarCheck(change) })),
  };
}

/**
 * Inside the transaction that saves an edit: one change per booked series it changes, each with
 * its job (due now). Saving the same edit twice changes nothing more.
 */
export async function followProgramChange(tx: Store, clock: Clock, current: ProgramRecord, next: ProgramRecord): Promise<number> {
  const { changed } = await changesOf(tx, current, next);
  const now = clock.now();
  const changeId = `${next.updatedAt.getTime()}`;
  for (const { b, change } of changed) {
    const key: SeriesChangeKey = { tenantId: b.tenantId, programId: b.programId, menteeId: b.menteeId, changeId };
    await tx.seriesChanges.insert({
      ...key,
      status: 'pending',
      summary: change.summary,
      target: { durationMinutes: change.after.durationMinutes, cadence: change.after.cadence },
      problem: null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.jobs.schedule({ kind: APPLY_SERIES_CHANGE, key: `series-change:${b.tenantId}:${b.programId}:${b.menteeId}:${changeId}`, runAt: now, payload: key, tenantId: b.tenantId });
  }
  return changed.length;
}

/** Share of the checked sessions that must be free for both for a changed series to count as fitting (as when booking). */
const MIN_FREE_SHARE = 0.5;

/** Why the changed series no longer fits both calendars, or null when it does. */
async function calendarProblem(deps: BookingDeps, ctx: PairContext & { b: Booked }, slot: SlotCandidate, period: { startDate: string; endDate: string }): Promise<string | null> {
  const now = deps.clock.now();
  const start = new Date(Math.max(now.getTime(), Date.parse(`${period.startDate}T00:00:00Z`) - DAY_MS));
  const end = new Date(Math.min(start.getTime() + CHECK_DAYS * DAY_MS, Date.parse(`${period.endDate}T00:00:00Z`) + 2 * DAY_MS));
  const mail = (p: PairContext['mentor']) => ({ id: p.id, mail: p.mail ?? p.userPrincipalName ?? p.id });
  const schedules = await deps.calendars.schedules([mail(ctx.mentor), mail(ctx.mentee)], start, end);
  const mentor = schedules.get(ctx.mentor.id);
  const mentee = schedules.get(ctx.mentee.id);
  if (!mentor?.ok || !mentee?.ok) throw new Error(`could not read the pair's calendars: ${(!mentor?.ok && mentor?.reason) || (!mentee?.ok && mentee?.reason) || 'no answer'}`);
  const candidate = evaluateSlot(
    {
      mentor: { workingHours: mentor.workingHours, busy: withoutOwnSeries(mentor.busy, ctx.b) },
      mentee: { workingHours: mentee.workingHours, busy: withoutOwnSeries(mentee.busy, ctx.b) },
      organizer: ctx.b.organizerId === ctx.mentor.id ? 'mentor' : 'mentee',
      cadence: slot.cadence,
      durationMinutes: slot.durationMinutes,
      program: period,
      checkWindow: { start, end },
    },
    { dayOfWeek: slot.dayOfWeek, startTime: slot.startTime },
  );
  if (!candidate) return 'The program holds no more sessions at your time.';
  if (candidate.checkedOccurrences > 0 && candidate.freeOccurrences / candidate.checkedOccurrences < MIN_FREE_SHARE) {
    return `The new settings no longer fit both your calendars: your time is free for both in only ${candidate.freeOccurrences} of the next ${candidate.checkedOccurrences} sessions.`;
  }
  // A series booked inside both working days must stay there; one booked outside them with consent keeps that consent.
  if (ctx.b.chosen.withinWorkingHoursEveryDate && !candidate.withinWorkingHoursEveryDate)
    return 'The new settings no longer fit both your calendars: the longer meeting runs outside someone’s working hours.';
  return null;
}

/**
 * The job: applies one program edit to one booked series. The series is moved in Outlook (length,
 * end date, recurrence, from tomorrow on) when the new settings still fit both calendars; the pair
 * gets one notice either way. Throws on a Graph failure worth retrying (the job retries with backoff).
 */
export async function applySeriesChange(deps: BookingDeps, key: SeriesChangeKey): Promise<'applied' | 'failed' | 'skipped'> {
  const { store } = deps;
  const change = await store.transaction((tx) => tx.seriesChanges.getForUpdate(key.tenantId, key.programId, key.menteeId, key.changeId));
  if (!change || change.status !== 'pending') return 'skipped';
  const b = await store.bookings.get(key.tenantId, key.programId, key.menteeId);
  const ctx = b && (await contextOf(store, b));
  if (!b || !ctx || typeof ctx === 'string' || !isBooked(b)) {
    // Looking for another time, or ended: new times are found under the new settings anyway.
    await settleChange(deps, change, 'failed', typeof ctx === 'string' ? ctx : 'The series is not booked right now: the next times offered follow the new settings.', null);
    return 'failed';
  }
  const booked = { ...ctx, b };
  const now = deps.clock.now();
  const period = remainingPeriod(ctx.program, now);
  const slot: SlotCandidate = { ...b.chosen, durationMinutes: change.target.durationMinutes, cadence: change.target.cadence };
  const recurrence = toRecurrence(slot, period);
  if (!recurrence) {
    await settleChange(deps, change, 'failed', 'The program now ends before your next session.', booked);
    return 'failed';
  }
  const needsCheck = change.target.durationMinutes > b.chosen.durationMinutes || change.target.cadence !== b.chosen.cadence;
  const problem = needsCheck ? await calendarProblem(deps, booked, slot, period) : null;
  if (problem) {
    await settleChange(deps, change, 'failed', problem, booked);
    return 'failed';
  }
  const outcome = await deps.writer.moveSeries(b.organizerId, b.eventId, recurrence);
  if (!outcome.ok) {
    if (outcome.retry) throw new Error(`Graph: ${outcome.reason}`);
    await settleChange(deps, change, 'failed', `Flipside could not update your series in Outlook: ${outcome.reason}`, booked);
    return 'failed';
  }
  const sessions = expandOccurrences(slot, period);
  await store.transaction(async (tx) => {
    const fresh = await tx.bookings.getForUpdate(b.tenantId, b.programId, b.menteeId);
    if (!fresh || !isBooked(fresh) || fresh.eventId !== b.eventId) return;
    const next: BookingRecord = {
      ...fresh,
      chosen: { ...fresh.chosen, ...slot, firstOccurrence: recurrence.range.startDate, lastOccurrence: recurrence.range.endDate, occurrences: sessions.length },
      joinUrl: outcome.joinUrl ?? fresh.joinUrl,
      version: fresh.version + 1,
    };
    await tx.bookings.save(next, now);
    // The booking card shows the series as it is now; the sessions follow (write-sessions).
    await showInChat(tx, { ...booked, b: next }, deps.settings, now);
    await noticeAndSave(tx, deps, change, 'applied', null, { ...booked, b: next as Booked });
  });
  return 'applied';
}

async function settleChange(deps: BookingDeps, change: SeriesChangeRecord, status: 'failed', problem: string, ctx: (PairContext & { b: Booked }) | null): Promise<void> {
  await deps.store.transaction((tx) => noticeAndSave(tx, deps, change, status, problem, ctx));
}

/** Records the outcome and tells the pair in their chat, once per change. */
async function noticeAndSave(tx: Store, deps: BookingDeps, change: SeriesChangeRecord, status: 'applied' | 'failed', problem: string | null, ctx: (PairContext & { b: Booked }) | null): Promise<void> {
  const now = deps.clock.now();
  await tx.seriesChanges.save({ ...change, status, problem, updatedAt: now });
  if (!ctx?.b.chatId) return;
  const { b } = ctx;
  const first = expandOccurrences(b.chosen, { startDate: b.chosen.firstOccurrence, endDate: b.chosen.lastOccurrence })[0];
  const card = seriesChangeCard({
    program: { name: ctx.program.name },
    mentor: personRef(ctx.mentor),
    mentee: personRef(ctx.mentee),
    summary: change.summary,
    outcome:
      status === 'applied'
        ? { kind: 'applied', when: first ? seriesWords(first, b.chosen.cadence, { zone: b.zones[b.mentorId] ?? 'UTC', office: ctx.mentor.officeLocation }) : null }
        : { kind: 'failed', reason: problem ?? '' },
    programId: b.programId,
    menteeId: b.menteeId,
    version: b.version,
    tabUrl: tabLink(deps.settings.tabUrl, '/mentoring'),
  });
  await tx.outbox.enqueue({
    tenantId: b.tenantId,
    dedupeKey: `series-change:${change.changeId}:${b.programId}:${b.menteeId}`,
    recipientId: b.mentorId,
    chatId: b.chatId ?? undefined,
    kind: 'send',
    activity: cardActivity(card, status === 'applied' ? `${ctx.program.name} has changed: your series is updated` : `${ctx.program.name} has changed: find another time`),
  });
}

/** HR's view after saving: where each pair's latest series change stands. */
export async function seriesChanges(deps: { store: Store }, actor: Actor, programId: string): Promise<SeriesChanges> {
  requireAdmin(actor);
  if (!(await deps.store.programs.get(actor.tenantId, programId))) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  const rows = await deps.store.seriesChanges.latest(actor.tenantId, programId);
  const bookings = new Map((await deps.store.bookings.listForProgram(actor.tenantId, programId)).map((b) => [b.menteeId, b]));
  const people = await deps.store.directory.getPeople(
    actor.tenantId,
    rows.flatMap((r) => [r.menteeId, bookings.get(r.menteeId)?.mentorId ?? r.menteeId]),
  );
  const ref = (userId: string) => {
    const p = people.get(userId);
    return p ? personRef(p) : unknownPerson(userId);
  };
  return {
    changes: rows.map((r) => ({
      mentor: ref(bookings.get(r.menteeId)?.mentorId ?? ''),
      mentee: ref(r.menteeId),
      summary: r.summary,
      status: r.status,
      problem: r.problem,
      at: r.updatedAt.toISOString(),
    })),
  };
}
