/**
 * What the dashboard reads: raw aggregates of one program, computed by the database. Every count
 * comes with the number of distinct people it is about, so the privacy rule can be applied to it
 * before anything leaves the use case. Raw aggregates never reach the API.
 */
import type { Role } from '../../domain/programs/program.ts';

/**
 * Where each enrolled person stands now (one state per person, from their latest enrollment in the
 * program and the pair they are in). Together the states add up to everyone who enrolled.
 */
export const PERSON_STATES = [
  'pending',
  'declined',
  'expired',
  'withdrawnBeforeApproval',
  'withdrawnBeforeMatch',
  'unmatched',
  'matchedWaiting',
  'closedBeforeBooking',
  'bookedWaiting',
  'closedBeforeActive',
  'active',
  'closedActive',
  'completed',
] as const;
export type PersonState = (typeof PERSON_STATES)[number];

/** A group's figures: people in each state, per department (null: not in the directory or no department). */
export interface StateCount {
  department: string | null;
  state: PersonState;
  people: number;
}

/** Sessions of one week (Monday, UTC), by planned start. */
export interface WeekSessions {
  week: string; // yyyy-mm-dd
  planned: number;
  held: number;
  people: number;
}

/** Totals over the program's sessions. `due`: not cancelled and already ended. */
export interface SessionTotals {
  planned: number;
  due: number;
  held: number;
  /** Pairs with a booked series. */
  bookedPairs: number;
  /** People in pairs with at least one session due. */
  duePeople: number;
  bookedPeople: number;
}

export interface RatingCount {
  rating: number;
  answers: number;
  people: number;
}

export interface WeekRating {
  week: string;
  sum: number;
  answers: number;
  people: number;
}

/** Per department, each person counted in their own department: their sessions, and the ratings they gave. */
export interface DepartmentActivity {
  department: string | null;
  /** Person-sessions due and held (a session counts once for each of its two people). */
  due: number;
  held: number;
  activePeople: number;
  ratingSum: number;
  ratings: number;
  raters: number;
}

export type Direction = 'up' | 'back' | 'together';

/** Sessions by what their topic is: taught up (the junior teaches), taught back (the senior shares), or together (first, mid-point, closing, open). */
export interface DirectionActivity {
  direction: Direction;
  planned: number;
  held: number;
  people: number;
  ratingSum: number;
  ratings: number;
  raters: number;
}

/** A published pair as HR needs to see it to act: the one place with names. */
export interface PairWatch {
  mentorId: string;
  mentorName: string | null;
  menteeId: string;
  menteeName: string | null;
  bookingStatus: string | null;
  /** Sessions due so far (ended, not cancelled), held, and the last held one's start. */
  due: number;
  held: number;
  lastHeldAt: Date | null;
  /** The last two sessions due (ended, not cancelled) were both missed. */
  missedTwice: boolean;
  publishedAt: Date;
  /** A "no" at the fit check that HR has not decided on yet. */
  fitCheckNo: boolean;
  /** The junior mentor asked HR to get in touch in a confidential check-in. */
  askedForHr: boolean;
}

/** Fit-check answers of one kind ('unanswered': asked, not answered yet). */
export interface FitCheckCount {
  answer: 'yes' | 'notSure' | 'no' | 'unanswered';
  answers: number;
  people: number;
}

/**
 * One topic's self-ratings: the people who rated it at enrollment (the closing survey keeps that
 * rating as 'before'; enrollment's own level where it does not), and of them those who rated it at
 * the end too (skill_ratings stage 'end', written by the closing survey) with the sums of both.
 */
export interface TopicSkills {
  topicId: string;
  topic: string;
  ratedBefore: number;
  ratedBoth: number;
  beforeSum: number;
  afterSum: number;
}

/** The closing surveys of a program: who they went to, and the answers (never what changed for them). */
export interface ClosingCounts {
  /** People in pairs whose closing surveys went out. */
  sent: number;
  /** Answers, and the distinct people who gave them. */
  answered: { answers: number; people: number };
  overall: RatingCount[];
  recommend: YesNoCount;
  keepMeeting: YesNoCount;
}

export interface YesNoCount {
  yes: { answers: number; people: number };
  no: { answers: number; people: number };
}

export interface DashboardRaw {
  states: StateCount[];
  weeks: WeekSessions[];
  totals: SessionTotals;
  ratings: RatingCount[];
  ratingWeeks: WeekRating[];
  departments: DepartmentActivity[];
  directions: DirectionActivity[];
  /** The pairs the attention list may name (at least those; not ending or ended). */
  pairs: PairWatch[];
  /** Fit checks: all asked (rows, distinct people), and per answer. */
  fitChecks: { asked: { answers: number; people: number }; answers: FitCheckCount[] };
  skills: TopicSkills[];
  /** Distinct people with a 'before' and a 'both' rating of any topic. */
  skillPeople: { before: number; both: number };
  closing: ClosingCounts;
}

/** One row of the enrollee list. */
export interface EnrolleeRow {
  enrollmentId: string;
  userId: string;
  name: string | null;
  department: string | null;
  role: Role;
  status: 'pending' | 'approved' | 'declined' | 'expired' | 'withdrawn';
  approverKind: 'manager' | 'programAdmin' | null;
  approverId: string | null;
  approverName: string | null;
  approverUnreachable: boolean;
  /** Reminders sent to the approver (the sweep's and HR's). */
  reminders: number;
  remindedAt: Date | null;
  matched: boolean;
  /** The partner's name when matched (their mentor or mentee). */
  partnerName: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** A session of a pair, as HR's export gives it (no free text, no private answer). */
export interface SessionExportRow {
  mentorId: string;
  mentorName: string | null;
  menteeId: string;
  menteeName: string | null;
  n: number;
  of: number;
  startsAt: Date;
  endsAt: Date;
  status: string;
  minutesTogether: number | null;
  topic: string;
}

export interface DashboardRepository {
  /** The raw aggregates of a program at `now`. */
  aggregates(tenantId: string, programId: string, now: Date): Promise<DashboardRaw>;
  /** The program's published pairs with their sessions so far, at `now`. */
  pairs(tenantId: string, programId: string, now: Date): Promise<PairWatch[]>;
  /** Every enrollee's latest enrollment in the program, oldest first. */
  enrollees(tenantId: string, programId: string): Promise<EnrolleeRow[]>;
  /** The pairs' sessions, streamed in pages (by pair, then start): never all rows in memory at once. */
  streamSessions(tenantId: string, programId: string, pageSize?: number): AsyncIterable<SessionExportRow[]>;
  /** The program's smallest group to show (null: the default). */
  minGroup(tenantId: string, programId: string): Promise<number | null>;
  setMinGroup(tenantId: string, programId: string, k: number): Promise<void>;
}
