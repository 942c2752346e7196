/** What booking a pair's series works from, and how its state is shown to the pair and HR. */
import { bookingAlertCard, bookingCard } from '../../cards/index.ts';
import type { BookingCardState, BookingCardVM } from '../../cards/types.ts';
import type { Cadence, ProgramPeriod } from '../../domain/scheduling/types.ts';
import type { DirectoryPerson } from '../../domain/shared/directory.ts';
import { cardActivity, personRef } from '../shared/cards.ts';
import { expandOccurrences } from '../../domain/scheduling/index.ts';
import { cadenceWords, dateWords, slotOption, type Attendee } from './words.ts';
import { backoffMs } from '../shared/backoff.ts';
import type { BookingRecord, CalendarGateway, CalendarWriter, OfferedSlot, PairChatMaker, StepFailure } from './ports.ts';
import type { Clock } from '../shared/clock.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import type { Store } from '../store.ts';
import type { OutboxMessage } from '../outbox/ports.ts';
import { tabLink } from '../../cards/tab-link.ts';

export interface BookingSettings {
  /** The tab's public address, for links in cards and event bodies. */
  tabUrl: string;
  /** Whose calendar holds the series. */
  organizer: 'mentor' | 'mentee';
}

export interface BookingDeps {
  store: Store;
  clock: Clock;
  settings: BookingSettings;
  calendars: CalendarGateway;
  chats: PairChatMaker;
  writer: CalendarWriter;
  random?: () => number;
}

export type PairKey = { tenantId: string; programId: string; menteeId: string };

export const LEASE_MS = 120_000;
/** Failed tries of one step before Flipside gives up and tells the pair and HR. */
export const MAX_TRIES = 8;
export const DAY_MS = 86_400_000;
const FREQUENCY: Record<Cadence, number> = { weekly: 3, biweekly: 2, monthly: 1 };

export interface PairContext {
  b: BookingRecord;
  program: ProgramRecord;
  mentor: DirectoryPerson;
  mentee: DirectoryPerson;
  cadence: Cadence;
}

export async function contextOf(store: Store, b: BookingRecord): Promise<PairContext | string> {
  const program = await store.programs.get(b.tenantId, b.programId);
  const [mentor, mentee] = await Promise.all([store.directory.getPerson(b.tenantId, b.mentorId), store.directory.getPerson(b.tenantId, b.menteeId)]);
  if (!program) return 'The program no longer exists.';
  if (!mentor || !mentor.accountEnabled) return `${mentor?.displayName ?? 'The mentor'} is no longer in the directory.`;
  if (!mentee || !mentee.accountEnabled) return `${mentee?.displayName ?? 'The mentee'} is no longer in the directory.`;
  // The pair meets as often as the one who asked for fewer sessions can keep up with.
  const cadences = await Promise.all(
    [b.mentorId, b.menteeId].map(async (id) => (await store.enrollments.listForUser(b.tenantId, id)).find((e) => e.programId === b.programId && e.status === 'approved')?.cadence),
  );
  const asked = cadences.filter((c): c is Cadence => c !== undefined);
  const cadence = asked.sort((x, y) => FREQUENCY[x] - FREQUENCY[y])[0] ?? program.cadences[0] ?? 'biweekly';
  return { b, program, mentor, mentee, cadence };
}

/**
 * `contextOf` for a batch of bookings in a few queries (each program once, its approved
 * enrollments once, everyone's directory entry in one query), not several per pair. Same answers
 * as `contextOf`, in the records' order.
 */
export async function contextsOf(store: Store, records: readonly BookingRecord[]): Promise<(PairContext | string)[]> {
  const out: (PairContext | string)[] = [];
  const byTenant = new Map<string, BookingRecord[]>();
  for (const b of records) byTenant.set(b.tenantId, [...(byTenant.get(b.tenantId) ?? []), b]);
  const programs = new Map<string, ProgramRecord | undefined>();
  const cadenceOf = new Map<string, Map<string, Cadence | undefined>>();
  const people = new Map<string, Map<string, DirectoryPerson | undefined>>();
  for (const [tenantId, group] of byTenant) {
    for (const programId of new Set(group.map((b) => b.programId))) {
      const key = `${tenantId}:${programId}`;
      programs.set(key, await store.programs.get(tenantId, programId));
      const approved = new Map<string, Cadence | undefined>();
      for (const e of await store.enrollments.listApproved(tenantId, programId)) if (e.status === 'approved' && !approved.has(e.userId)) approved.set(e.userId, e.cadence);
      cadenceOf.set(key, approved);
    }
    const ids = [...new Set(group.flatMap((b) => [b.mentorId, b.menteeId]))];
    const found: Map<string, DirectoryPerson | undefined> = new Map(await store.directory.getPeople(tenantId, ids));
    // Someone removed from the directory is absent from getPeople; their entry (for their name) comes one by one, rarely.
    for (const id of ids) if (!found.has(id)) found.set(id, await store.directory.getPerson(tenantId, id));
    people.set(tenantId, found);
  }
  for (const b of records) {
    const key = `${b.tenantId}:${b.programId}`;
    const program = programs.get(key);
    const mentor = people.get(b.tenantId)!.get(b.mentorId);
    const mentee = people.get(b.tenantId)!.get(b.menteeId);
    if (!program) out.push('The program no longer exists.');
    else if (!mentor || !mentor.accountEnabled) out.push(`${mentor?.displayName ?? 'The mentor'} is no longer in the directory.`);
    else if (!mentee || !mentee.accountEnabled) out.push(`${mentee?.displayName ?? 'The mentee'} is no longer in the directory.`);
    else {
      const approved = cadenceOf.get(key)!;
      const asked = [approved.get(b.mentorId), approved.get(b.menteeId)].filter((c): c is Cadence => c !== undefined);
      const cadence = asked.sort((x, y) => FREQUENCY[x] - FREQUENCY[y])[0] ?? program.cadences[0] ?? 'biweekly';
      out.push({ b, program, mentor, mentee, cadence });
    }
  }
  return out;
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The sessions still to come: from tomorrow (or the program's start) to its end. */
export function remainingPeriod(program: ProgramRecord, now: Date): ProgramPeriod {
  const tomorrow = isoDate(new Date(now.getTime() + DAY_MS));
  return { startDate: program.startsOn > tomorrow ? program.startsOn : tomorrow, endDate: program.endsOn };
}

/** The booked series' own dates (set when booking), else what remains of the program. */
export function seriesPeriod(b: BookingRecord, program: ProgramRecord, now: Date): ProgramPeriod {
  return b.chosen && b.eventId ? { startDate: b.chosen.firstOccurrence, endDate: b.chosen.lastOccurrence } : remainingPeriod(program, now);
}

/** The sessions of the series booked in Outlook; none before it is booked. */
export function ownSessions(b: BookingRecord) {
  return b.chosen && b.eventId ? expandOccurrences(b.chosen, { startDate: b.chosen.firstOccurrence, endDate: b.chosen.lastOccurrence }) : [];
}

/** One string per pair, to match a batch's answers back to its bookings. */
export const keyOf = (b: PairKey) => `${b.programId}:${b.menteeId}`;

export function attendees(ctx: PairContext): { mentor: Attendee; mentee: Attendee } {
  const zone = (id: string) => ctx.b.zones[id] ?? 'UTC';
  return {
    mentor: { id: ctx.mentor.id, name: ctx.mentor.displayName, zone: zone(ctx.mentor.id), office: ctx.mentor.officeLocation },
    mentee: { id: ctx.mentee.id, name: ctx.mentee.displayName, zone: zone(ctx.mentee.id), office: ctx.mentee.officeLocation },
  };
}

const GENERAL_ADVICE = ['Free up one regular slot in your calendars for the length of the program, then press Try again.', 'Ask your program admin about a shorter session or meeting less often.'];

/** The card in the pair's chat for the booking's current state. */
export function bookingCardVM(ctx: PairContext, settings: Pick<BookingSettings, 'tabUrl'>, now: Date): BookingCardVM {
  const { b, program } = ctx;
  const people = attendees(ctx);
  const period = seriesPeriod(b, program, now);
  const nameOf = (id: string | null) => (id === ctx.mentor.id ? ctx.mentor.displayName : id === ctx.mentee.id ? ctx.mentee.displayName : 'one of you');
  const option = (s: OfferedSlot) => slotOption(s, period, people.mentor, people.mentee, s.note);
  let state: BookingCardState;
  switch (b.status) {
    case 'finding':
      state = { kind: 'finding' };
      break;
    case 'choosing':
      state = { kind: 'offer', slots: b.offer.map(option), ...(b.problem ? { note: b.problem } : {}) };
      break;
    case 'booking':
      state = { kind: 'booking', slot: option(b.chosen), pickedBy: nameOf(b.pickedBy) };
      break;
    case 'booked': {
      const sessions = expandOccurrences(b.chosen, period);
      const zone = people.mentor.zone;
      state = {
        kind: 'booked',
        slot: option(b.chosen),
        pickedBy: b.pickedBy ? nameOf(b.pickedBy) : null,
        cadenceWords: cadenceWords(b.chosen.cadence),
        firstSession: sessions[0] ? dateWords(sessions[0].start, zone) : b.chosen.firstOccurrence,
        lastSession: sessions.at(-1) ? dateWords(sessions.at(-1)!.start, zone) : b.chosen.lastOccurrence,
        sessions: sessions.length,
        joinUrl: b.joinUrl,
      };
      break;
    }
    case 'unbookable':
      state = { kind: 'unbookable', reason: b.problem ?? 'Flipside could not book your sessions.', alternatives: GENERAL_ADVICE };
      break;
    default:
      state = { kind: 'ended', reason: b.problem ?? 'The pair has ended.' };
  }
  return {
    programId: b.programId,
    menteeId: b.menteeId,
    version: b.version,
    program: { name: program.name },
    mentor: personRef(ctx.mentor),
    mentee: personRef(ctx.mentee),
    durationMinutes: b.chosen?.durationMinutes ?? program.sessionMinutes,
    state,
    tabUrl: tabLink(settings.tabUrl, '/mentoring'),
  };
}

/** Per mentee and mentor: a mentee paired again (after the fit check) gets a new card in the new pair's chat. */
const cardKey = (b: PairKey & { mentorId: string }) => `booking:${b.programId}:${b.menteeId}:${b.mentorId}:card`;

/**
 * The outbox message that shows the booking's state in the pair's chat: the first card is sent,
 * every later state edits that same message, so both people always see one card with the truth.
 * `cardSent`: whether the pair's first card is in the outbox already. None without a chat.
 */
function chatMessage(ctx: PairContext, settings: Pick<BookingSettings, 'tabUrl'>, now: Date, cardSent: boolean): OutboxMessage | null {
  const { b } = ctx;
  if (!b.chatId) return null;
  const vm = bookingCardVM(ctx, settings, now);
  const activity = cardActivity(bookingCard(vm), `Mentoring sessions: ${ctx.mentor.displayName} & ${ctx.mentee.displayName}`);
  return cardSent
    ? { tenantId: b.tenantId, dedupeKey: `${cardKey(b)}:v${b.version}`, recipientId: b.mentorId, chatId: b.chatId, kind: 'update', updatesKey: cardKey(b), activity }
    : { tenantId: b.tenantId, dedupeKey: cardKey(b), recipientId: b.mentorId, chatId: b.chatId, kind: 'send', activity };
}

/** Shows the booking's state in the pair's chat (see `chatMessage`). */
export async function showInChat(tx: Store, ctx: PairContext, settings: Pick<BookingSettings, 'tabUrl'>, now: Date): Promise<void> {
  if (!ctx.b.chatId) return;
  const message = chatMessage(ctx, settings, now, !!(await tx.outbox.findByKey(cardKey(ctx.b))));
  if (message) await tx.outbox.enqueue(message);
}

/** The alert to the program's creator (HR) that a pair could not be booked, and why. */
function hrAlert(ctx: PairContext, settings: Pick<BookingSettings, 'tabUrl'>): OutboxMessage {
  const { b, program } = ctx;
  const card = bookingAlertCard({
    program: { name: program.name },
    mentor: personRef(ctx.mentor),
    mentee: personRef(ctx.mentee),
    reason: b.problem ?? 'Flipside could not book their sessions.',
    tabUrl: tabLink(settings.tabUrl, `/admin/programs/${program.id}/matching`),
  });
  return {
    tenantId: b.tenantId,
    dedupeKey: `booking:${b.programId}:${b.menteeId}:alert:${b.attempt}`,
    recipientId: program.createdBy,
    kind: 'send',
    activity: cardActivity(card, `No meeting time for ${ctx.mentor.displayName} & ${ctx.mentee.displayName}`),
  };
}

/** Tells the program's creator (HR) that a pair could not be booked, and why. */
export async function tellHr(tx: Store, ctx: PairContext, settings: Pick<BookingSettings, 'tabUrl'>): Promise<void> {
  await tx.outbox.enqueue(hrAlert(ctx, settings));
}

/** Saves a booking and shows its new state; a booking that could not be made is also told to HR. */
export async function settle(deps: BookingDeps, ctx: PairContext, next: BookingRecord): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    await tx.bookings.save(next, now);
    const changed = { ...ctx, b: next };
    await showInChat(tx, changed, deps.settings, now);
    if (next.status === 'unbookable') await tellHr(tx, changed, deps.settings);
  });
}

/**
 * `settle` for many bookings in one transaction of a few statements, whatever their number (the
 * records in one, which first cards are out in one, every card and alert in one). The batch
 * commits together or not at all; a retry of the round redoes it, and the outbox's keys keep the
 * cards from doubling. Same rows as `settle` one by one, in the same order.
 */
export async function settleMany(deps: BookingDeps, items: readonly { ctx: PairContext; next: BookingRecord }[]): Promise<void> {
  if (items.length === 0) return;
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    await tx.bookings.saveMany(
      items.map((i) => i.next),
      now,
    );
    const sent = await tx.outbox.existingKeys(items.filter((i) => i.next.chatId).map((i) => cardKey(i.next)));
    const messages: OutboxMessage[] = [];
    for (const { ctx, next } of items) {
      const changed = { ...ctx, b: next };
      const message = chatMessage(changed, deps.settings, now, sent.has(cardKey(next)));
      if (message) messages.push(message);
      // A later item of the same pair edits the card this one sends.
      if (message?.kind === 'send') sent.add(message.dedupeKey);
      if (next.status === 'unbookable') messages.push(hrAlert(changed, deps.settings));
    }
    await tx.outbox.enqueueMany(messages);
  });
}

/** A failed step: try again later with backoff, or give up after MAX_TRIES and say why. */
export function failed(deps: BookingDeps, b: BookingRecord, failure: StepFailure, what: string): BookingRecord {
  const tries = b.tries + 1;
  if (failure.retry && tries < MAX_TRIES) {
    const wait = backoffMs(tries, undefined, deps.random ?? Math.random);
    return { ...b, tries, problem: `${what}: ${failure.reason} (trying again)`, nextAttemptAt: new Date(deps.clock.now().getTime() + wait) };
  }
  return { ...b, tries, status: 'unbookable', version: b.version + 1, problem: `${what}: ${failure.reason}` };
}
