/**
 * The end of a program for a pair: skills rated before and after, the closing survey, the
 * completion card and, with the junior mentor's consent, a note of recognition to their manager.
 */

/** When a skill was rated: at enrollment, at the mid-point review, at the end. */
export type SkillStage = 'before' | 'mid' | 'end';

export interface SkillRating {
  tenantId: string;
  programId: string;
  userId: string;
  topicId: string;
  stage: SkillStage;
  /** 1–5, the person's own rating. */
  level: number;
  ratedAt: Date;
}

/** One topic's change across a program's participants (only people rated before and at the end count). */
export interface TopicSkillChange {
  topicId: string;
  people: number;
  before: number;
  after: number;
  /** Mean of each person's change (after − before). */
  change: number;
}

export interface SkillRepository {
  /** Writes the ratings; a person's second rating of a topic at a stage replaces the first. */
  rate(ratings: SkillRating[]): Promise<void>;
  /** One person's ratings in a program, every stage. */
  forPerson(tenantId: string, programId: string, userId: string): Promise<SkillRating[]>;
  /**
   * Per topic of a program, the change from before to the end across the people who rated both
   * (for the program's dashboard: the caller hides topics rated by fewer than five people).
   */
  programChange(tenantId: string, programId: string): Promise<TopicSkillChange[]>;
}

export interface PairKey {
  tenantId: string;
  programId: string;
  menteeId: string;
}

/** One person's closing survey. `whatChanged` is theirs alone. */
export interface ClosingSurveyRecord extends PairKey {
  userId: string;
  /** Overall value of the program, 1–5. */
  overall: number;
  recommend: boolean;
  whatChanged: string;
  /** The junior mentor agreed that their manager gets a note of recognition. */
  recognitionConsent: boolean;
  /** The pair means to keep meeting on their own after the program. */
  keepMeeting: boolean;
  answeredAt: Date;
}

export interface ClosingRepository {
  /**
   * Booked pairs whose last session ended before `before` and whose closing has not gone out,
   * locked for this transaction (SKIP LOCKED); `markSent` in the same transaction takes them off.
   */
  lockDue(before: Date, limit: number): Promise<PairKey[]>;
  markSent(key: PairKey, at: Date): Promise<void>;
  /** When the pair's closing surveys went out; undefined before. */
  sentAt(key: PairKey): Promise<Date | undefined>;
  getSurvey(key: PairKey, userId: string): Promise<ClosingSurveyRecord | undefined>;
  /** Records the answer once: false, changing nothing, when this person already answered. */
  insertSurvey(record: ClosingSurveyRecord): Promise<boolean>;
  /** The earliest end of a booked pair's sessions still ahead after `now`, for sandbox time. */
  nextDueAfter(now: Date, delayMs: number): Promise<Date | null>;
}
