/**
 * Sessions: every occurrence of a pair's series, what Flipside prepares for it (the agenda), what
 * it observes (attendance from the Teams meeting) and what it learns (each person's feedback).
 */
import type { StepFailure } from '../booking/ports.ts';

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
  topic: string;
  /** When the agenda went to the pair's chat; null before. */
  agendaSentAt: Date | null;
  /** Minutes both were in the meeting together, from the attendance report; null when not read. */
  minutesTogether: number | null;
  /** Why attendance could not be read (then feedback decides), in plain words. */
  attendanceProblem: string | null;
  version: number;
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
 * (`/users/{organizer}/onlineMeetings?$filter=JoinWebUrl eq '…'`) when its id is not known yet,
 * then its `attendanceReports`, then each report overlapping the session with
 * `$expand=attendanceRecords`.
 */
export interface AttendanceReader {
  attendance(queries: AttendanceQuery[]): Promise<Map<string, AttendanceAnswer>>;
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
