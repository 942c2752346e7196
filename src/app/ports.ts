import type { Cadence, EnrollmentStatus, ProgramRules, Role, TopicChoice } from '../domain/programs/program.ts';
import type { BusyInterval, IsoDate, RecurrenceFacts, SchedulingPerson, SlotCandidate } from '../domain/scheduling/types.ts';
import type { DirectoryChange, DirectoryPerson } from '../domain/shared/directory.ts';

/** The time, so that use cases and tests agree on "now". */
export interface Clock {
  now(): Date;
}

/** One page of a directory delta round. The last page carries the link that starts the next round. */
export interface DirectoryPage {
  changes: DirectoryChange[];
  deltaLink: string | undefined;
}

/** Reads the org chart from the identity provider (Microsoft Graph users/delta). */
export interface DirectorySource {
  /**
   * Streams one delta round: from scratch without a link, or only the changes since `deltaLink`.
   * @throws AppError `graph_error` when Graph refuses; a link Graph has forgotten gives code `conflict`.
   */
  delta(deltaLink: string | undefined): AsyncIterable<DirectoryPage>;
}

export interface SyncState {
  deltaLink: string;
  lastFullSyncAt: Date;
  lastSyncAt: Date;
}

/** A person with their place in the hierarchy. */
export interface PlacedPerson extends DirectoryPerson {
  /** Depth in the hierarchy: 0 for the top (no manager), 1 for their reports, … */
  level: number;
}

/** The synced org chart, per tenant. */
export interface DirectoryRepository {
  ensureTenant(tenantId: string): Promise<void>;
  /** Applies one page of changes; idempotent, so a round replayed after a failure is harmless. */
  applyChanges(tenantId: string, changes: DirectoryChange[], at: Date): Promise<void>;
  /** After a full round that started at `since`: people it did not return have left. */
  markUnseenRemoved(tenantId: string, since: Date): Promise<void>;
  getSyncState(tenantId: string): Promise<SyncState | undefined>;
  saveSyncState(tenantId: string, deltaLink: string, full: boolean, at: Date): Promise<void>;
  /** Active or disabled people, not removed ones. */
  countPeople(tenantId: string): Promise<number>;
  getPerson(tenantId: string, id: string): Promise<PlacedPerson | undefined>;
  /** The person's managers, nearest first, up to the top. Stops at a cycle rather than looping. */
  managerChain(tenantId: string, id: string): Promise<DirectoryPerson[]>;
  directReports(tenantId: string, id: string): Promise<DirectoryPerson[]>;
  /** True when one of the two is in the other's manager chain. */
  inSameReportingLine(tenantId: string, a: string, b: string): Promise<boolean>;
}

export interface ProgramRecord extends ProgramRules {
  tenantId: string;
  id: string;
  name: string;
  description: string;
  seniority: { minLevelGap: number; minTenureYearsGap: number; combine: 'levels' | 'tenure' | 'either' | 'both' };
  mentorCapacity: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProgramRepository {
  insert(p: ProgramRecord): Promise<void>;
  update(p: ProgramRecord): Promise<void>;
  get(tenantId: string, id: string): Promise<ProgramRecord | undefined>;
  list(tenantId: string): Promise<ProgramRecord[]>;
  /** Pending and approved enrollments per program. */
  counts(tenantId: string): Promise<Map<string, { pending: number; approved: number }>>;
}

export interface EnrollmentRecord {
  tenantId: string;
  id: string;
  programId: string;
  userId: string;
  role: Role;
  teach: TopicChoice[];
  learn: TopicChoice[];
  goals: string[];
  cadence: Cadence;
  status: EnrollmentStatus;
  approverId: string | null;
  approverKind: 'manager' | 'programAdmin' | null;
  approverUnreachable: boolean;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  version: number;
  remindedAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnrollmentRepository {
  /** @throws AppError `conflict` when the person already has a live enrollment in the program. */
  insert(e: EnrollmentRecord): Promise<void>;
  update(e: EnrollmentRecord): Promise<void>;
  get(tenantId: string, id: string): Promise<EnrollmentRecord | undefined>;
  /** The row, locked until the transaction ends: concurrent decisions on it queue up. */
  getForUpdate(tenantId: string, id: string): Promise<EnrollmentRecord | undefined>;
  listForUser(tenantId: string, userId: string): Promise<EnrollmentRecord[]>;
  /** The approved enrollments of a program, oldest first. */
  listApproved(tenantId: string, programId: string): Promise<EnrollmentRecord[]>;
  /** Topic ids chosen by live (pending or approved) enrollments of a program. */
  topicsInUse(tenantId: string, programId: string): Promise<Set<string>>;
  /** Pending enrollments of every tenant, oldest first. */
  listPending(limit: number): Promise<EnrollmentRecord[]>;
}

/** Where the bot reaches a person: their 1:1 conversation with Flipside. */
export interface ConversationRef {
  tenantId: string;
  userId: string;
  conversationId: string;
  serviceUrl: string;
  blockedAt: Date | null;
}

export interface ConversationRepository {
  save(ref: Omit<ConversationRef, 'blockedAt'>): Promise<void>;
  get(tenantId: string, userId: string): Promise<ConversationRef | undefined>;
  markBlocked(tenantId: string, userId: string, at: Date): Promise<void>;
}

export interface AdminRepository {
  record(tenantId: string, userId: string, at: Date): Promise<void>;
  list(tenantId: string): Promise<string[]>;
}

/** What an outbox message is about, so that delivery outcomes can be told back to it. */
export type OutboxPurpose = { kind: 'approval-request'; enrollmentId: string } | { kind: 'other' };

export interface OutboxMessage {
  tenantId: string;
  /** Same key, same message: enqueueing it again does nothing. */
  dedupeKey: string;
  recipientId: string;
  kind: 'send' | 'update';
  /** For updates: the dedupe key of the message whose activity is replaced. */
  updatesKey?: string;
  /** A group chat to post in (a pair's chat) instead of the recipient's 1:1 chat with Flipside. */
  chatId?: string;
  /** The Bot Framework activity to send (type message, attachments…). */
  activity: Record<string, unknown>;
  purpose?: OutboxPurpose;
}

export interface OutboxRow extends OutboxMessage {
  id: number;
  attempts: number;
  status: 'pending' | 'sent' | 'blocked' | 'failed';
  conversationId: string | null;
  activityId: string | null;
}

export interface OutboxRepository {
  enqueue(m: OutboxMessage): Promise<void>;
  /** Claims due messages for `leaseMs` (FOR UPDATE SKIP LOCKED), oldest first. */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  markSent(id: number, conversationId: string, activityId: string, at: Date): Promise<void>;
  retryLater(id: number, at: Date, error: string): Promise<void>;
  /** Puts a claimed message back, due at `at`, without counting the attempt (rate limits, ordering). */
  release(id: number, at: Date): Promise<void>;
  /** Not sent and not to be: the person blocked the bot, or the message failed for good. */
  markUndeliverable(id: number, status: 'blocked' | 'failed', error: string): Promise<void>;
  findByKey(dedupeKey: string): Promise<OutboxRow | undefined>;
  /** Messages of kind `send` whose key starts with `prefix`, oldest first. */
  sendsWithPrefix(prefix: string): Promise<OutboxRow[]>;
  countByStatus(): Promise<Record<string, number>>;
}

/** Every repository, and transactions over them. */
export interface Store {
  directory: DirectoryRepository;
  programs: ProgramRepository;
  enrollments: EnrollmentRepository;
  conversations: ConversationRepository;
  admins: AdminRepository;
  outbox: OutboxRepository;
  matching: MatchingRepository;
  bookings: BookingRepository;
  /** Runs `fn` in one transaction: all of it lands, or none of it. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
}

/** Why a message could not be delivered this time. */
export type DeliveryFailure =
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** The person blocked or removed the bot (403 MessageWritesBlocked): stop, do not retry. */
  | { kind: 'blocked'; reason: string }
  | { kind: 'failed'; reason: string };

export class DeliveryError extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(failure.reason);
    this.name = 'DeliveryError';
  }
}

/** Sends and updates bot messages in a person's conversation (the Bot Connector). */
export interface ChatSender {
  /** @returns the new activity's id. @throws DeliveryError */
  send(ref: ConversationRef, activity: Record<string, unknown>): Promise<string>;
  /** @throws DeliveryError */
  update(ref: ConversationRef, activityId: string, activity: Record<string, unknown>): Promise<void>;
}

/** Makes sure Flipside is installed for a person (through Graph) and finds their 1:1 chat with it. */
export interface ChatInstaller {
  /** The chat id of the person's 1:1 chat with Flipside, installing the app first if needed; undefined when it cannot be installed (e.g. a disabled account). */
  personalChat(userId: string): Promise<string | undefined>;
}

/** A pair as matching keeps it (ids only; names are looked up when shown). */
export interface PairRecord {
  mentorId: string;
  menteeId: string;
  score: number;
  reasons: string[];
  locked: boolean;
  manual: boolean;
}

export interface MatchingDraft {
  status: 'draft' | 'published';
  runAt: Date;
  publishedAt: Date | null;
  pairs: PairRecord[];
  unmatched: { menteeId: string; reason: string }[];
  removals: { mentorId: string; menteeId: string }[];
  stats: { mentors: number; mentees: number; matched: number; eligiblePairs: number; optimalityGap: number; milliseconds: number };
}

export interface MatchingRepository {
  getDraft(tenantId: string, programId: string): Promise<MatchingDraft | undefined>;
  saveDraft(tenantId: string, programId: string, draft: MatchingDraft): Promise<void>;
  insertPairs(tenantId: string, programId: string, pairs: PairRecord[], at: Date): Promise<void>;
  /** Everyone each person was ever paired with, in any program of the tenant. */
  previousPartners(tenantId: string): Promise<Map<string, string[]>>;
  /** Published pairs a person is in. */
  pairsOf(tenantId: string, userId: string): Promise<(PairRecord & { programId: string; publishedAt: Date })[]>;
}

/** Working hours and time zone of people, from their mailbox settings. */
export interface WorkingHoursSource {
  /** Missing people (no mailbox, an error) are left out of the map. */
  workingHours(userIds: string[]): Promise<Map<string, { timeZone: string; start: string; end: string }>>;
}

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

export interface BookingRecord {
  tenantId: string;
  programId: string;
  menteeId: string;
  mentorId: string;
  /** Whose calendar holds the series (the mentor by default). */
  organizerId: string;
  status: BookingStatus;
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
  /** The time picked; once booked, its first and last occurrence are the series' own. */
  chosen: OfferedSlot | null;
  pickedBy: string | null;
  eventId: string | null;
  joinUrl: string | null;
  /** Why no meeting could be booked (or the last error while retrying), in plain words. */
  problem: string | null;
  /** Failed tries of the current step, for backoff. */
  tries: number;
  nextAttemptAt: Date;
  endedAt: Date | null;
}

export interface BookingRepository {
  /** Bookings (status finding) for newly published pairs; a pair that has one keeps it. */
  insertMany(records: Pick<BookingRecord, 'tenantId' | 'programId' | 'menteeId' | 'mentorId' | 'organizerId'>[], at: Date): Promise<void>;
  get(tenantId: string, programId: string, menteeId: string): Promise<BookingRecord | undefined>;
  /** The row, locked until the transaction ends: concurrent picks on it queue up. */
  getForUpdate(tenantId: string, programId: string, menteeId: string): Promise<BookingRecord | undefined>;
  /** Claims due bookings in a working status for `leaseMs` (FOR UPDATE SKIP LOCKED), oldest first. */
  claimDue(status: 'finding' | 'booking' | 'ending', now: Date, limit: number, leaseMs: number): Promise<BookingRecord[]>;
  /** Writes the record back and releases its lease. */
  save(record: BookingRecord, at: Date): Promise<void>;
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
