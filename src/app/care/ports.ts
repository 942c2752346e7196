/**
 * The care loop's records: the early fit check, the junior mentor's confidential check-ins, a
 * pair's stall and nudge, pauses, and pairs that ended early. A pair is (program, mentee, mentor):
 * a mentee paired again keeps their booking's key, so the mentor tells the two pairs apart.
 */
import type { IsoDate } from '../../domain/scheduling/types.ts';

export interface CarePairKey {
  tenantId: string;
  programId: string;
  menteeId: string;
  mentorId: string;
}

export type FitAnswer = 'yes' | 'not_sure' | 'no';

/** One person's private answer to "Is this pairing working for you?". `note` is theirs; HR reads it only when `shareNote`. */
export interface FitCheckRecord extends CarePairKey {
  id: string;
  userId: string;
  askedAt: Date;
  answer: FitAnswer | null;
  note: string;
  shareNote: boolean;
  answeredAt: Date | null;
  decision: 'keep' | 'repair' | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export type CheckInOccasion = 'third' | 'midpoint';
export type CheckInScale = 'yes' | 'mostly' | 'no';

/** The junior mentor's confidential check-in: program admins only, one by one only when asked to. */
export interface CheckInRecord extends CarePairKey {
  id: string;
  occasion: CheckInOccasion;
  askedAt: Date;
  speakOpenly: CheckInScale | null;
  respectful: CheckInScale | null;
  forHr: string;
  contactMe: boolean;
  answeredAt: Date | null;
}

export interface CarePairRecord extends CarePairKey {
  /** When the current stall began being seen (null: not stalled), and why in words. */
  stalledSince: Date | null;
  stallReason: string | null;
  nudgedAt: Date | null;
  closeAskedAt: Date | null;
  closedAt: Date | null;
}

export type PauseStatus = 'cancelling' | 'paused' | 'resuming' | 'over';

export interface PauseRecord extends CarePairKey {
  id: string;
  pausedBy: string;
  /** The last day of the pause (inclusive), in the organizer's calendar. */
  untilDate: IsoDate;
  status: PauseStatus;
  /** Original starts (ISO) of the occurrences it cancelled in Outlook. */
  cancelled: string[];
  problem: string | null;
  createdAt: Date;
}

export interface CareSettings {
  missedInRow: number;
  idleDays: number;
}

export const DEFAULT_CARE_SETTINGS: CareSettings = { missedInRow: 2, idleDays: 21 };

export interface CareRepository {
  settings(tenantId: string, programId: string): Promise<CareSettings>;
  saveSettings(tenantId: string, programId: string, settings: CareSettings, at: Date): Promise<void>;

  /** Adds the fit check unless this person was asked about this pair before; true when added. */
  addFitCheck(r: FitCheckRecord): Promise<boolean>;
  fitCheck(tenantId: string, id: string, forUpdate?: boolean): Promise<FitCheckRecord | undefined>;
  fitChecksOfPair(k: CarePairKey): Promise<FitCheckRecord[]>;
  fitChecksOfProgram(tenantId: string, programId: string): Promise<FitCheckRecord[]>;
  saveFitCheck(r: FitCheckRecord): Promise<void>;

  addCheckIn(r: CheckInRecord): Promise<boolean>;
  checkIn(tenantId: string, id: string, forUpdate?: boolean): Promise<CheckInRecord | undefined>;
  checkInsOfProgram(tenantId: string, programId: string): Promise<CheckInRecord[]>;
  saveCheckIn(r: CheckInRecord): Promise<void>;

  carePair(k: CarePairKey): Promise<CarePairRecord | undefined>;
  carePairsOfProgram(tenantId: string, programId: string): Promise<CarePairRecord[]>;
  saveCarePair(r: CarePairRecord, at: Date): Promise<void>;

  /** Adds the pause; false when the pair already has an open one. */
  addPause(r: PauseRecord): Promise<boolean>;
  openPause(tenantId: string, programId: string, menteeId: string, forUpdate?: boolean): Promise<PauseRecord | undefined>;
  /** Pauses in a working status (cancelling, resuming), or paused ones whose end date is before `today`, locked (SKIP LOCKED). */
  lockPausesToWork(today: IsoDate, limit: number): Promise<PauseRecord[]>;
  savePause(r: PauseRecord, at: Date): Promise<void>;

  /**
   * Re-points a mentee's pair and booking at a new mentor (after the fit check): the booking starts
   * again from finding times (a new attempt, so a new series), its old series' columns cleared.
   * False when the pair is no longer `old`.
   */
  repointPair(old: CarePairKey, mentorId: string, organizerId: string, pair: { score: number; reasons: string[] }, at: Date): Promise<boolean>;
  /** Mentees per mentor whose pair has not ended, in a program: the capacity they use. */
  activeMenteeCounts(tenantId: string, programId: string): Promise<Map<string, number>>;
  /** Mentees of a program who have a published pair (ended or not). */
  pairedMentees(tenantId: string, programId: string): Promise<Set<string>>;
  /** Every booked pair (its series in Outlook), of every tenant: what the care sweep looks at. */
  bookedPairs(): Promise<CarePairKey[]>;

  addEndedPair(k: CarePairKey, reason: 'repair' | 'closed', at: Date): Promise<void>;
  /** Everyone each person's pairs ended early with, in any program of the tenant. */
  endedPartners(tenantId: string): Promise<Map<string, string[]>>;
}

/** Cancels single occurrences of series in Outlook (`POST /users/{organizer}/events/{occurrenceId}/cancel`, in `$batch`es of 20). */
export interface OccurrenceCanceller {
  /** Per occurrence id: done (an occurrence already gone counts as done), or why not. */
  cancel(organizerId: string, occurrenceIds: string[], comment: string): Promise<Map<string, { ok: true } | { ok: false; reason: string; retry: boolean }>>;
}
