/**
 * Durable jobs: work to do at a due time, kept in the database so that a restart loses nothing and
 * several instances share it. One-off jobs run once per dedupe key; recurring jobs (one row per
 * kind) are put back after each run. Delivery is at least once: a job whose worker died is run
 * again once its lease runs out, so handlers must be idempotent.
 */

/** A one-off job to run at (or after) `runAt`. */
export interface JobRequest {
  /** Which handler runs it. */
  kind: string;
  /** Dedupe key, unique across all jobs of every kind: the same key is scheduled once, ever. */
  key: string;
  /** When it becomes due. */
  runAt: Date;
  /** The handler's input, stored as JSON (so dates come back as strings); absent is stored as null. */
  payload?: unknown;
  tenantId?: string | null;
  /** Attempts before it fails for good; absent: its definition's. */
  maxAttempts?: number;
}

/** A job taken by one worker for the length of a lease. */
export interface ClaimedJob {
  id: number;
  kind: string;
  key: string;
  tenantId: string | null;
  /** As stored, not validated yet. */
  payload: unknown;
  /** Attempts made, this one included. */
  attempts: number;
  /** Null: its definition's. */
  maxAttempts: number | null;
  /** When it was due. */
  runAt: Date;
  /** The token of this claim: what the job's row is changed with, refused once another claim took it. */
  lease: string;
}

export type JobStatus = 'pending' | 'done' | 'failed';

/** A job as stored, for looking at it. */
export interface JobRecord {
  id: number;
  kind: string;
  key: string;
  tenantId: string | null;
  payload: unknown;
  status: JobStatus;
  /** Attempts made so far (since the last run, for a recurring job). */
  attempts: number;
  maxAttempts: number | null;
  /** When it is due next (pending), or was due last. */
  runAt: Date;
  /** Why the last attempt failed, at most 500 characters; null after a success. */
  lastError: string | null;
  /** When it was done or failed for good. */
  doneAt: Date | null;
}

/**
 * The jobs table. Every time comes from the caller (the app's clock), never from the database, so
 * that tests and the sandbox can move time.
 *
 * The methods taking a {@link ClaimedJob} change its row only while that claim holds it (the same
 * lease token, still pending) and return false otherwise, changing nothing: another worker took
 * the job after this lease ran out, and its outcome is the one that counts.
 */
export interface JobRepository {
  /** Adds a pending job. Returns false, changing nothing, when its key was ever used (even by a job done long ago). */
  schedule(job: JobRequest): Promise<boolean>;
  /**
   * Makes a pending job due at `at` if it was due later (never later). When the job is claimed
   * right now, it is due again at `at` once that run ends, whatever the run would set.
   */
  runSoon(key: string, at: Date): Promise<void>;
  /**
   * Takes up to `limit` pending jobs due at `now` and not held by another lease, oldest due
   * first, for `leaseMs`: each gets a fresh lease token and one more attempt. Several workers may
   * claim together; none gets a job another holds. `kinds` limits the claim to these kinds.
   */
  claimDue(now: Date, limit: number, leaseMs: number, kinds?: readonly string[]): Promise<ClaimedJob[]>;
  /** The job succeeded: done for good. */
  complete(job: ClaimedJob, at: Date): Promise<boolean>;
  /** A recurring job's run ended: pending again at `runAt`, attempts back to 0, with the run's error if it failed. */
  reschedule(job: ClaimedJob, runAt: Date, error?: string): Promise<boolean>;
  /** The attempt failed and there are attempts left: pending again at `runAt`. */
  retryLater(job: ClaimedJob, runAt: Date, error: string): Promise<boolean>;
  /** The job failed for good (out of attempts, or it can never succeed). */
  fail(job: ClaimedJob, error: string, at: Date): Promise<boolean>;
  get(key: string): Promise<JobRecord | undefined>;
  /** How many jobs are in each status (statuses with none are absent). */
  countByStatus(): Promise<Partial<Record<JobStatus, number>>>;
}
