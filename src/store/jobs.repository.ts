import { randomUUID } from 'node:crypto';
import type { ClaimedJob, JobRecord, JobRepository, JobRequest, JobStatus } from '../app/shared/jobs.ts';
import type { SqlExecutor } from './sql-client.ts';

type Row = Record<string, unknown>;

const ERROR_CHARS = 500;

/** The columns a claimed job and a job record share. */
const jobFields = (r: Row) => ({
  id: Number(r.id),
  kind: String(r.kind),
  key: String(r.key),
  tenantId: (r.tenant_id as string | null) ?? null,
  payload: r.payload,
  attempts: Number(r.attempts),
  maxAttempts: r.max_attempts === null ? null : Number(r.max_attempts),
  runAt: new Date(r.run_at as Date),
});

const toClaimed = (r: Row): ClaimedJob => ({ ...jobFields(r), lease: String(r.lease) });

const toRecord = (r: Row): JobRecord => ({
  ...jobFields(r),
  status: r.status as JobStatus,
  lastError: (r.last_error as string | null) ?? null,
  doneAt: r.done_at ? new Date(r.done_at as Date) : null,
});

// Whose claim may change a row: the same lease token, the job still pending. A worker whose lease
// ran out and was taken by another claim finds a different token and changes nothing.
const HELD = "id = $1 AND lease = $2 AND status = 'pending'";
// Back to pending at $3, or sooner if a kick asked for it while the job was claimed (least() skips NULLs).
const DUE_AGAIN = 'run_at = least($3::timestamptz, rerun_at), rerun_at = NULL, locked_until = NULL, lease = NULL';

/** The jobs table in Postgres: several instances claim from it together (FOR UPDATE SKIP LOCKED). */
export class SqlJobRepository implements JobRepository {
  constructor(private readonly db: SqlExecutor) {}

  async schedule(job: JobRequest): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO jobs (tenant_id, kind, key, payload, max_attempts, run_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO NOTHING RETURNING id`,
      [job.tenantId ?? null, job.kind, job.key, JSON.stringify(job.payload ?? null), job.maxAttempts ?? null, job.runAt],
    );
    return rows.length === 1;
  }

  async runSoon(key: string, at: Date): Promise<void> {
    // While claimed, run_at is the time the running attempt was due; the kick is kept for when it ends.
    await this.db.query(
      `UPDATE jobs SET run_at = CASE WHEN locked_until >= $2 THEN run_at ELSE least(run_at, $2) END,
                       rerun_at = CASE WHEN locked_until >= $2 THEN least(rerun_at, $2) ELSE rerun_at END
        WHERE key = $1 AND status = 'pending'`,
      [key, at],
    );
  }

  async claimDue(now: Date, limit: number, leaseMs: number, kinds?: readonly string[]): Promise<ClaimedJob[]> {
    const rows = await this.db.query<Row>(
      `UPDATE jobs SET lease = $3, locked_until = $4, attempts = attempts + 1, rerun_at = NULL
        WHERE id IN (SELECT id FROM jobs
                      WHERE status = 'pending' AND run_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
                        AND ($5::text[] IS NULL OR kind = ANY($5::text[]))
                      ORDER BY run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now, limit, randomUUID(), new Date(now.getTime() + leaseMs), kinds ? [...kinds] : null],
    );
    return rows.map(toClaimed).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
  }

  async complete(job: ClaimedJob, at: Date): Promise<boolean> {
    return this.changed(`UPDATE jobs SET status = 'done', done_at = $3, last_error = NULL, locked_until = NULL, lease = NULL, rerun_at = NULL WHERE ${HELD} RETURNING id`, [job.id, job.lease, at]);
  }

  async reschedule(job: ClaimedJob, runAt: Date, error?: string): Promise<boolean> {
    return this.changed(`UPDATE jobs SET ${DUE_AGAIN}, attempts = 0, last_error = $4 WHERE ${HELD} RETURNING id`, [job.id, job.lease, runAt, error === undefined ? null : error.slice(0, ERROR_CHARS)]);
  }

  async retryLater(job: ClaimedJob, runAt: Date, error: string): Promise<boolean> {
    return this.changed(`UPDATE jobs SET ${DUE_AGAIN}, last_error = $4 WHERE ${HELD} RETURNING id`, [job.id, job.lease, runAt, error.slice(0, ERROR_CHARS)]);
  }

  async fail(job: ClaimedJob, error: string, at: Date): Promise<boolean> {
    return this.changed(`UPDATE jobs SET status = 'failed', done_at = $3, last_error = $4, locked_until = NULL, lease = NULL, rerun_at = NULL WHERE ${HELD} RETURNING id`, [
      job.id,
      job.lease,
      at,
      error.slice(0, ERROR_CHARS),
    ]);
  }

  async get(key: string): Promise<JobRecord | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM jobs WHERE key = $1', [key]);
    return r && toRecord(r);
  }

  async countByStatus(): Promise<Partial<Record<JobStatus, number>>> {
    const rows = await this.db.query<{ status: JobStatus; n: number }>('SELECT status, count(*)::int AS n FROM jobs GROUP BY status');
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  private async changed(text: string, params: readonly unknown[]): Promise<boolean> {
    return (await this.db.query(text, params)).length === 1;
  }
}
