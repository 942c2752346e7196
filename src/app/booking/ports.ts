import type { BusyInterval, IsoDate, RecurrenceFacts, SchedulingPerson, SlotCandidate } from '../../domain/scheduling/types.ts';

/** A person's calendar over a window, as the slot finder needs it. */
export type PersonSchedule =
  | { ok: true; workingHours: SchedulingPerson['workingHours']; busy: BusyInterval[] }
  /** Graph could not read this mailbox (e.g. ErrorMailboxStoreUnavailable): say so, don't guess. */
  | { ok: false; reason: string };

/** Free/busy and working hours of many people at once (Graph getSchedule). */
export interface CalendarGateway {
  /** Each person's schedule over [start, end), keyed by user id; the window must be under 62 days. */
  schedules(people: { id: string; mail: string }[], start: Date, end: Date): Promise<Map<string, PersonSchedule>>;
}

/**
 * A pair's recurring meeting, from looking for times to the booked series:
 * finding → choosing (times offered in the pair's chat) → booking (one was picked) → booked;
 * unbookable when nothing fits or Graph refuses for good; ending → ended when the pair ends.
 */
export type BookingStatus = 'finding' | 'choosing' | 'booking' | 'booked' | 'unbookable' | 'ending' | 'ended';

/** A time offered to a pair; an alternative says what it asks of them ("30 minutes instead of 45"). */
export type OfferedSlot = SlotCandidate & { note?: string };

/** What every booking has, whatever its status. */
interface BookingFields {
  tenantId: string;
  programId: string;
  menteeId: string;
  mentorId: string;
  /** Whose calendar holds the series (the mentor by default). */
  organizerId: string;
  /** Each search for times is one attempt; the series' Graph transactionId derives from it. */
  attempt: number;
  /** Bumped on every change; card actions carry it so stale clicks are recognised. */
  version: number;
  /** The pair's group chat with Flipside. */
  chatId: string | null;
  /** Flipside is installed in that chat. */
  chatReady: boolean;
  /** Each person's IANA zone (by user id), from their calendar. */
  zones: Record<string, string>;
  /** The times offered, best first. */
  offer: OfferedSlot[];
  pickedBy: string | null;
  joinUrl: string | null;
  /** Why no meeting could be booked (or the last error while retrying), in plain words. */
  problem: string | null;
  /** Failed tries of the current step, for backoff. */
  tries: number;
  nextAttemptAt: Date;
  endedAt: Date | null;
}

/**
 * A booking, by status: a picked time from `booking` on; the series' event from `booked` on (kept
 * while the pair looks for another time, so that the same event moves).
 * `chosen` is the time picked; once booked, its first and last occurrence are the series' own.
 */
export type BookingRecord = BookingFields &
  (
    | { status: 'finding' | 'choosing' | 'unbookable' | 'ended'; chosen: OfferedSlot | null; eventId: string | null }
    | { status: 'booking'; chosen: OfferedSlot; eventId: string | null }
    | { status: 'booked' | 'ending'; chosen: OfferedSlot; eventId: string }
  );

export interface BookingRepository {
  /** Bookings (status finding) for newly published pairs; a pair that has one keeps it. */
  insertMany(records: Pick<BookingRecord, 'tenantId' | 'programId' | 'menteeId' | 'mentorId' | 'organizerId'>[], at: Date): Promise<void>;
  get(tenantId: string, programId: string, menteeId: string): Promise<BookingRecord | undefined>;
  /** The row, locked until the transaction ends: concurrent picks on it queue up. */
  getForUpdate(tenantId: string, programId: string, menteeId: string): Promise<BookingRecord | undefined>;
  /** Claims due bookings in a working status for `leaseMs` (FOR UPDATE SKIP LOCKED), oldest first. */
  claimDue<S extends 'finding' | 'booking' | 'ending'>(status: S, now: Date, limit: number, leaseMs: number): Promise<(BookingRecord & { status: S })[]>;
  /** Writes the record back and releases its lease. */
  save(record: BookingRecord, at: Date): Promise<void>;
  /** `save` for a batch of records in one statement. */
  saveMany(records: readonly BookingRecord[], at: Date): Promise<void>;
  listForProgram(tenantId: string, programId: string): Promise<BookingRecord[]>;
}

/** A failure of one Graph step for one item: worth retrying later, or final. */
export type StepFailure = { ok: false; reason: string; retry: boolean };

/** Group chats for pairs (Graph POST /chats), with Flipside installed so the bot may post there. */
export interface PairChatMaker {
  /** Creates one group chat per request. Per key: the chat id, or why not. */
  createChats(requests: { key: string; memberIds: string[]; topic: string }[]): Promise<Map<string, { ok: true; chatId: string } | StepFailure>>;
  /** Installs Flipside in each chat (already installed counts as done). Per chat id: done, or why not. */
  installIn(chatIds: string[]): Promise<Map<string, { ok: true } | StepFailure>>;
}

/** One recurring Outlook event to create in the organizer's calendar. */
export interface SeriesRequest {
  key: string;
  organizerId: string;
  /** Same id, same series: a retried request never creates a second one. */
  transactionId: string;
  subject: string;
  bodyHtml: string;
  attendees: { mail: string; name: string }[];
  recurrence: RecurrenceFacts;
}

export type SeriesOutcome = { ok: true; eventId: string; joinUrl: string | null } | StepFailure;

/** Writes the pairs' meeting series (Graph events with a Teams link). */
export interface CalendarWriter {
  /** Creates the series (batched). Per request key: the event, or why not. */
  createSeries(requests: SeriesRequest[]): Promise<Map<string, SeriesOutcome>>;
  /** Moves an existing series to another recurrence. */
  moveSeries(organizerId: string, eventId: string, recurrence: RecurrenceFacts): Promise<SeriesOutcome>;
  /** Ends the series after `lastDate` (a date in the series' zone), or cancels it entirely when null. */
  endSeries(organizerId: string, eventId: string, lastDate: IsoDate | null): Promise<{ ok: true } | StepFailure>;
}
