import type { PairReason } from '../../domain/matching/reasons.ts';
/** A pair as matching keeps it (ids only; names are looked up when shown). */
export interface PairRecord {
  mentorId: string;
  menteeId: string;
  score: number;
  /** Codes, put in words when shown (`reasonWordsFor`); a string: stored before codes, shown as it is. */
  reasons: (PairReason | string)[];
  locked: boolean;
  manual: boolean;
  /** Published in an earlier round: kept as it is, with the capacity it uses. */
  published?: boolean;
}

export interface MatchingDraft {
  status: 'draft' | 'published';
  /** 1 until the first publishing; each run after a publishing starts the next round (absent: 1). */
  round?: number;
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
  /** A program's published pairs, of every round. */
  programPairs(tenantId: string, programId: string): Promise<(PairRecord & { publishedAt: Date })[]>;
  /** Published pairs a person is in. */
  pairsOf(tenantId: string, userId: string): Promise<(PairRecord & { programId: string; publishedAt: Date })[]>;
}

/** Working hours and time zone of people, from their mailbox settings. */
export interface WorkingHoursSource {
  /** Missing people (no mailbox, an error) are left out of the map. */
  workingHours(userIds: string[]): Promise<Map<string, { timeZone: string; start: string; end: string }>>;
}
