/**
 * Sessions: every occurrence of a pair's series, what Flipside prepares for it (the agenda), what
 * it observes (attendance from the Teams meeting) and what it learns (each person's feedback).
 */
import type { GoalStep } from '../../cards/types.ts';
import type { SessionStep } from '../../domain/sessions/curriculum.ts';
import type { BookingRecord, StepFailure } from '../booking/ports.ts';

export type SessionStatus = 'planned' | 'held' | 'partly_held' | 'missed' | 'cancelled' | 'moved';
/** Where the status came from: the booked plan, Outlook (a moved or cancelled occurrence), the Teams attendance report, the pair's feedback, or Flipside itself (the series ended or moved). */
export type SessionSource = 'plan' | 'outlook' | 'attendance' | 'feedback' | 'flipside';

export interface SessionRecord {
  tenantId: string;
  id: string;
  programId: string;
  menteeId: string;
  mentorId: string;
  /** 1-based place in the pair's program; `of` is how many the series holds in all. */
  n: number;
  of: number;
  /** Planned start and end, UTC; a moved occurrence's are its new times. */
  start: Date;
  end: Date;
  /** The occurrence's start as the series first planned it: how Outlook's instances are matched back. */
  originalStart: Date;
  status: SessionStatus;
  source: SessionSource;
  /** The curriculum step suggested for this session. */
  topic: SessionStep;
  /** When the agenda went to the pair's chat; null before. */
  agendaSentAt: Date | null;
  /** When Flipside reads the Teams meeting's attendance next; null once settled (or with nothing to read). */
  attendanceDueAt: Date | null;
  attendanceTries: number;
  /** When the feedback cards went out; null before. */
  feedbackSentAt: Date | null;
  /** Minutes both were in the meeting together, from the attendance report; null when not read. */
  minutesTogether: number | null;
  /** Why attendance could not be read (then feedback decides), in plain words. */
  attendanceProblem: string | null;
  version: number;
}

/** A session is over (or never happened): nothing about it changes through Outlook any more. */
export const isSettled = (s: Pick<SessionRecord, 'status'>) => s.status === 'held' || s.status === 'partly_held' || s.status === 'missed' || s.status === 'cancelled';

export type SessionCounts = { held: number; partlyHeld: number; missed: number; cancelled: number; planned: number; total: number };

export interface SessionRepository {
  get(tenantId: string, id: string): Promise<SessionRecord | undefined>;
  /** The row, locked until the transaction ends. */
  getForUpdate(tenantId: string, id: string): Promise<SessionRecord | undefined>;
  /** A pair's sessions, cancelled ones included, by start. */
  listForPair(tenantId: string, programId: string, menteeId: string): Promise<SessionRecord[]>;
  /** Sessions of many pairs at once (keyed programId:menteeId), by start. */
  listForPairs(tenantId: string, pairs: { programId: string; menteeId: string }[]): Promise<Map<string, SessionRecord[]>>;
  insertMany(records: SessionRecord[], at: Date): Promise<void>;
  saveMany(records: SessionRecord[], at: Date): Promise<void>;
  /**
   * Sessions whose agenda is due at `now` (planned or moved, not sent, starting within their
   * program's lead time and not ended), locked for this transaction (SKIP LOCKED), earliest first.
   */
  lockDueAgendas(now: Date, limit: number): Promise<SessionRecord[]>;
  /** Sessions whose attendance is due, claimed for `leaseMs`. */
  claimDueAttendance(now: Date, limit: number, leaseMs: number): Promise<SessionRecord[]>;
  /** Sessions whose feedback cards are due (ended, attendance settled or waited for long enough), locked for this transaction. */
  lockDueFeedback(now: Date, limit: number): Promise<SessionRecord[]>;
  /** The next time after `now` at which an agenda, an attendance read or feedback falls due, if any. */
  nextMilestoneAfter(now: Date): Promise<Date | null>;
  /** The next start of a session still ahead, of any pair. */
  nextStartAfter(now: Date): Promise<Date | null>;
  countsForProgram(tenantId: string, programId: string): Promise<Map<string, SessionCounts>>;
}

/** What the session loop keeps about a pair's series beside its booking. */
export interface SeriesState {
  booking: BookingRecord;
  /** The booking version the sessions were written from. */
  sessionsVersion: number;
  meetingId: string | null;
  dirty: boolean;
  checkedAt: Date | null;
}

export interface SeriesRepository {
  /** Bookings whose sessions were written from an older version (booked, moved, ended since). */
  listStale(limit: number): Promise<SeriesState[]>;
  markWritten(b: BookingRecord, version: number): Promise<void>;
  /** Booked series to read from Outlook: those a notification marked, and those not read since `before`. */
  listToCheck(before: Date, limit: number): Promise<SeriesState[]>;
  markChecked(keys: { tenantId: string; programId: string; menteeId: string }[], at: Date): Promise<void>;
  /** A notification says this organizer's calendar changed: their booked series are read again. Returns how many. */
  markDirty(tenantId: string, organizerId: string): Promise<number>;
  setMeetingId(key: { tenantId: string; programId: string; menteeId: string }, meetingId: string): Promise<void>;
  get(tenantId: string, programId: string, menteeId: string): Promise<SeriesState | undefined>;
  /** Organizers of booked series in the tenant. */
  organizers(tenantId: string): Promise<string[]>;
}

export interface ActionItemRecord {
  tenantId: string;
  id: string;
  programId: string;
  menteeId: string;
  sessionId: string;
  text: string;
  createdBy: string;
  fromFeedback: boolean;
  doneAt: Date | null;
  doneBy: string | null;
  createdAt: Date;
}

export interface ActionItemRepository {
  listForPair(tenantId: string, programId: string, menteeId: string): Promise<ActionItemRecord[]>;
  /** Adds the item; false when this person already raised the same text at this session. */
  add(item: ActionItemRecord): Promise<boolean>;
  setDone(tenantId: string, id: string, done: { by: string; at: Date } | null): Promise<ActionItemRecord | undefined>;
  get(tenantId: string, id: string): Promise<ActionItemRecord | undefined>;
  /** The items a person raised in their feedback on a session, replaced by these (done ones they ticked stay done). */
  replaceFromFeedback(tenantId: string, sessionId: string, userId: string, items: ActionItemRecord[]): Promise<void>;
}

/** One person's answer about one session. `learned` and `taught` are theirs alone. */
export interface FeedbackRecord {
  tenantId: string;
  sessionId: string;
  userId: string;
  happened: boolean | null;
  usefulness: number | null;
  learned: string;
  taught: string;
  goalSteps: (GoalStep | null)[];
  anotherTime: boolean | null;
  answeredAt: Date;
  updatedAt: Date;
}

export interface FeedbackRepository {
  get(tenantId: string, sessionId: string, userId: string): Promise<FeedbackRecord | undefined>;
  /** Writes the one answer of this person for this session (a second write replaces the first). */
  upsert(record: FeedbackRecord): Promise<void>;
  /** One person's answers across sessions (for their own view only). */
  listForUser(tenantId: string, userId: string, sessionIds: string[]): Promise<FeedbackRecord[]>;
  /** Whether each person answered "it happened" (the only thing the pair's own status takes from feedback). */
  happenedFor(tenantId: string, sessionId: string): Promise<{ userId: string; happened: boolean | null }[]>;
}

export interface SubscriptionRecord {
  tenantId: string;
  organizerId: string;
  subscriptionId: string | null;
  clientState: string;
  expiresAt: Date | null;
  problem: string | null;
}

export interface SubscriptionRepository {
  list(tenantId: string): Promise<SubscriptionRecord[]>;
  byId(subscriptionId: string): Promise<SubscriptionRecord | undefined>;
  save(record: SubscriptionRecord, at: Date): Promise<void>;
  delete(tenantId: string, organizerId: string): Promise<void>;
}

// ─── Graph: the series' occurrences, the Teams meeting's attendance, change notifications ──────

/** One occurrence of a series as Outlook has it now. */
export interface Occurrence {
  /** The occurrence's own event id. */
  id: string;
  /** Where the series' pattern put it (UTC). */
  originalStart: Date;
  start: Date;
  end: Date;
  /** Moved or otherwise changed on its own (`type: exception`). */
  moved: boolean;
  cancelled: boolean;
}

export interface SeriesWindow {
  key: string;
  organizerId: string;
  eventId: string;
  from: Date;
  to: Date;
}

/** Reads series' occurrences (`GET /users/{id}/events/{seriesId}/instances`, in `$batch`es of 20). */
export interface SeriesReader {
  /** Per window key: the occurrences inside it, or why not. A series deleted in Outlook answers `{ ok: true, deleted: true }`. */
  instances(windows: SeriesWindow[]): Promise<Map<string, { ok: true; deleted: boolean; occurrences: Occurrence[] } | StepFailure>>;
}

/** One attendee's time in one report: who, and each join/leave interval. */
export interface AttendanceRecord {
  /** Entra object id when Teams knows it, else null (a guest or phone dial-in). */
  userId: string | null;
  email: string | null;
  intervals: { join: Date; leave: Date }[];
}

/** One attendance report: one per time the meeting ran (a recurring meeting has one per occurrence). */
export interface AttendanceReport {
  id: string;
  start: Date;
  end: Date;
  records: AttendanceRecord[];
}

/** The request for one session's attendance. */
export interface AttendanceQuery {
  key: string;
  organizerId: string;
  joinUrl: string;
  /** The online meeting's id when found before (it is found once per series, by its join URL). */
  meetingId: string | null;
  /** The session's planned window; reports overlapping it count. */
  start: Date;
  end: Date;
}

export type AttendanceAnswer =
  | { ok: true; meetingId: string; reports: AttendanceReport[] }
  /** The tenant does not let Flipside read attendance (no OnlineMeetingArtifact.Read.All, or no application access policy for the organizer). */
  | { ok: false; reason: string; retry: false; notAllowed: true }
  | (StepFailure & { notAllowed?: false });

/**
 * Reads attendance through Graph, in `$batch`es of 20: the meeting by join URL
 * (`/users/{organizer}/onlineMeetings?$filter=JoinWebUrl eq '…'`) when its id is not known yet
 * (normally it is: `meetingIds` finds it when the series is first read),
 * then its `attendanceReports`, then each report overlapping the session with
 * `$expand=attendanceRecords`.
 */
export interface AttendanceReader {
  attendance(queries: AttendanceQuery[]): Promise<Map<string, AttendanceAnswer>>;
  /**
   * Per request key: the series' online meeting id, found by its join URL (in `$batch`es of 20,
   * once per organizer and link), or why not (a 403 is a failure not worth retrying, its reason
   * saying what the tenant must grant). Run when the series is first read, so that attendance later
   * needs only the report reads.
   */
  meetingIds(requests: MeetingLookup[]): Promise<Map<string, { ok: true; meetingId: string } | StepFailure>>;
}

/** A series' online meeting to find by its join URL. */
export interface MeetingLookup {
  key: string;
  organizerId: string;
  joinUrl: string;
}

/** A Graph change-notification subscription, as Graph answered it. */
export interface SubscriptionInfo {
  id: string;
  resource: string;
  expiresAt: Date;
}

/** Graph subscriptions on organizers' events (`POST/PATCH/DELETE /subscriptions`). */
export interface SubscriptionGateway {
  /** Subscribes to `/users/{organizerId}/events` (created, updated, deleted). Graph calls `notificationUrl` with a validation token before it answers. */
  create(request: {
    organizerId: string;
    notificationUrl: string;
    lifecycleNotificationUrl: string;
    clientState: string;
    expiresAt: Date;
  }): Promise<{ ok: true; subscription: SubscriptionInfo } | StepFailure>;
  renew(subscriptionId: string, expiresAt: Date): Promise<{ ok: true; expiresAt: Date } | StepFailure | { ok: false; gone: true }>;
  delete(subscriptionId: string): Promise<void>;
}
