import { findRecurringSlots } from '../../domain/scheduling/index.ts';
import type { BusyInterval, ProgramPeriod } from '../../domain/scheduling/types.ts';
import { alternativeNote } from './words.ts';
import { attendees, contextsOf, DAY_MS, failed, keyOf, LEASE_MS, ownSessions, remainingPeriod, settle, settleMany, type BookingDeps, type PairContext } from './context.ts';

/** Pairs saved per transaction: a few statements per batch, whatever its size (see settleMany). */
export const SAVE_BATCH = 100;
import type { BookingRecord, OfferedSlot, PersonSchedule } from './ports.ts';

/** Eight weeks of free/busy predict the rest of a program well (and stay under getSchedule's 62 days). */
export const CHECK_DAYS = 56;

/** Drops a booked series' own sessions from free/busy, so looking for another time may keep it. */
export function withoutOwnSeries(busy: readonly BusyInterval[], b: BookingRecord): BusyInterval[] {
  const own = ownSessions(b);
  const near = (x: Date, y: Date) => Math.abs(x.getTime() - y.getTime()) < 60_000;
  return busy.filter((i) => !own.some((o) => near(o.start, i.start) && near(o.end, i.end)));
}

/** What to offer: the finder's slots, or its nearest alternatives with what each asks of the pair. */
function offerFrom(
  ctx: PairContext,
  mentor: PersonSchedule & { ok: true },
  mentee: PersonSchedule & { ok: true },
  window: { start: Date; end: Date },
  period: ProgramPeriod,
): { offer: OfferedSlot[]; problem: string | null } {
  const result = findRecurringSlots({
    mentor: { workingHours: mentor.workingHours, busy: withoutOwnSeries(mentor.busy, ctx.b), office: ctx.mentor.officeLocation },
    mentee: { workingHours: mentee.workingHours, busy: withoutOwnSeries(mentee.busy, ctx.b), office: ctx.mentee.officeLocation },
    organizer: ctx.b.organizerId === ctx.mentor.id ? 'mentor' : 'mentee',
    cadence: ctx.cadence,
    durationMinutes: ctx.program.sessionMinutes,
    program: period,
    checkWindow: window,
  });
  if (result.kind === 'slots') return { offer: [...result.slots], problem: null };
  const people = attendees(ctx);
  const alternatives = result.alternatives.slice(0, 3).map((alt) => ({ ...alt.slot, note: alternativeNote(alt, ctx.program.sessionMinutes, people.mentor, people.mentee) }));
  return { offer: alternatives, problem: result.message };
}

/**
 * Works the bookings that need times: creates each pair's group chat with Flipside in it, reads
 * every calendar involved in as few Graph requests as it can (getSchedule, 20 people a call, 20
 * calls a $batch), runs the slot finder and offers the best three times in the pair's chat. When
 * nothing fits as asked it offers the nearest alternatives; when nothing at all fits, it tells the
 * pair and HR why. Returns how many bookings it moved on.
 */
export async function findTimes(deps: BookingDeps, limit = 1_000): Promise<number> {
  const now = deps.clock.now();
  const claimed = await deps.store.bookings.claimDue('finding', now, limit, LEASE_MS);
  if (claimed.length === 0) return 0;
  const contexts: PairContext[] = [];
  const found = await contextsOf(deps.store, claimed);
  for (const [i, b] of claimed.entries()) {
    const ctx = found[i]!;
    if (typeof ctx === 'string') await deps.store.bookings.save({ ...b, status: 'ended', version: b.version + 1, problem: ctx, endedAt: now }, now);
    else contexts.push(ctx);
  }

  // The pair's chat: created once, Flipside installed once.
  const toCreate = contexts.filter((c) => !c.b.chatId);
  const created = await deps.chats.createChats(
    toCreate.map((c) => ({ key: keyOf(c.b), memberIds: [c.mentor.id, c.mentee.id], topic: `Mentoring: ${c.mentor.displayName.split(' ')[0]} & ${c.mentee.displayName.split(' ')[0]}` })),
  );
  const ready: PairContext[] = [];
  const chatsMade: PairContext[] = [];
  for (const c of contexts) {
    if (!c.b.chatId) {
      const outcome = created.get(keyOf(c.b));
      if (!outcome?.ok) {
        await settle(deps, c, failed(deps, c.b, outcome ?? { ok: false, reason: 'no answer', retry: true }, 'Flipside could not create your pair chat'));
        continue;
      }
      c.b = { ...c.b, chatId: outcome.chatId };
      chatsMade.push(c);
    }
    ready.push(c);
  }
  // Keep the chats even if what follows fails: saved at once, a batch a transaction.
  for (let i = 0; i < chatsMade.length; i += SAVE_BATCH) {
    await deps.store.bookings.saveMany(
      chatsMade.slice(i, i + SAVE_BATCH).map((c) => ({ ...c.b, nextAttemptAt: now })),
      now,
    );
  }
  const installs = await deps.chats.installIn(ready.filter((c) => !c.b.chatReady).map((c) => c.b.chatId!));
  const withApp: PairContext[] = [];
  for (const c of ready) {
    if (!c.b.chatReady) {
      const outcome = installs.get(c.b.chatId!);
      if (!outcome?.ok) {
        await settle(deps, c, failed(deps, c.b, outcome ?? { ok: false, reason: 'no answer', retry: true }, 'Flipside could not join your pair chat'));
        continue;
      }
      c.b = { ...c.b, chatReady: true };
    }
    withApp.push(c);
  }

  // Everyone's calendar, per program window, in one go.
  const byProgram = new Map<string, PairContext[]>();
  for (const c of withApp) byProgram.set(c.program.id, [...(byProgram.get(c.program.id) ?? []), c]);
  for (const group of byProgram.values()) {
    const program = group[0]!.program;
    const period = remainingPeriod(program, now);
    const start = new Date(Math.max(now.getTime(), Date.parse(`${period.startDate}T00:00:00Z`) - DAY_MS));
    const end = new Date(Math.min(start.getTime() + CHECK_DAYS * DAY_MS, Date.parse(`${program.endsOn}T00:00:00Z`) + 2 * DAY_MS));
    const people = new Map<string, { id: string; mail: string }>();
    for (const c of group) for (const p of [c.mentor, c.mentee]) people.set(p.id, { id: p.id, mail: p.mail ?? p.userPrincipalName ?? p.id });
    let schedules: Map<string, PersonSchedule>;
    try {
      schedules = await deps.calendars.schedules([...people.values()], start, end);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const c of group) await settle(deps, c, failed(deps, c.b, { ok: false, reason, retry: true }, 'Flipside could not read your calendars'));
      continue;
    }
    const settled: { ctx: PairContext; next: BookingRecord }[] = [];
    for (const c of group) {
      const mentor = schedules.get(c.mentor.id);
      const mentee = schedules.get(c.mentee.id);
      if (!mentor?.ok || !mentee?.ok) {
        const [who, schedule] = !mentor?.ok ? [c.mentor, mentor] : [c.mentee, mentee];
        const reason = schedule && !schedule.ok ? schedule.reason : 'no answer for this mailbox';
        settled.push({ ctx: c, next: failed(deps, c.b, { ok: false, reason, retry: true }, `Flipside could not read ${who.displayName}'s calendar`) });
        continue;
      }
      const zones = { [c.mentor.id]: mentor.workingHours.timeZone, [c.mentee.id]: mentee.workingHours.timeZone };
      const ctx = { ...c, b: { ...c.b, zones } };
      const { offer, problem } = offerFrom(ctx, mentor, mentee, { start, end }, period);
      const next: BookingRecord =
        offer.length > 0
          ? { ...ctx.b, status: 'choosing', offer, problem, tries: 0, version: ctx.b.version + 1 }
          : { ...ctx.b, status: 'unbookable', offer: [], problem, tries: 0, version: ctx.b.version + 1 };
      settled.push({ ctx, next });
    }
    for (let i = 0; i < settled.length; i += SAVE_BATCH) await settleMany(deps, settled.slice(i, i + SAVE_BATCH));
  }
  return contexts.length;
}
