import type { SessionCounts, SessionRecord, SessionRepository } from '../app/sessions/ports.ts';
import { ts, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

/** After the end: the feedback cards go out once attendance is settled, or this long after the end at the latest. */
export const FEEDBACK_AFTER_MS = 15 * 60_000;
export const FEEDBACK_LATEST_MS = 2 * 3_600_000;

function toSession(r: Row): SessionRecord {
  return {
    tenantId: String(r.tenant_id),
    id: String(r.id),
    programId: String(r.program_id),
    menteeId: String(r.mentee_id),
    mentorId: String(r.mentor_id),
    n: Number(r.n),
    of: Number(r.of),
    start: new Date(r.starts_at as string),
    end: new Date(r.ends_at as string),
    originalStart: new Date(r.original_start as string),
    status: r.status as SessionRecord['status'],
    source: r.source as SessionRecord['source'],
    topic: r.topic as SessionRecord['topic'],
    agendaSentAt: ts(r.agenda_sent_at),
    attendanceDueAt: ts(r.attendance_due_at),
    attendanceTries: Number(r.attendance_tries),
    feedbackSentAt: ts(r.feedback_sent_at),
    minutesTogether: r.minutes_together === null ? null : Number(r.minutes_together),
    attendanceProblem: (r.attendance_problem as string | null) ?? null,
    version: Number(r.version),
  };
}

const COLUMNS = `tenant_id, id, program_id, mentee_id, mentor_id, n, of, starts_at, ends_at, original_start, status, source, topic,
  agenda_sent_at, attendance_due_at, attendance_tries, attendance_problem, minutes_together, feedback_sent_at, version, created_at, updated_at`;

const values = (s: SessionRecord, at: Date) => [
  s.tenantId,
  s.id,
  s.programId,
  s.menteeId,
  s.mentorId,
  s.n,
  s.of,
  s.start,
  s.end,
  s.originalStart,
  s.status,
  s.source,
  JSON.stringify(s.topic),
  s.agendaSentAt,
  s.attendanceDueAt,
  s.attendanceTries,
  s.attendanceProblem,
  s.minutesTogether,
  s.feedbackSentAt,
  s.version,
  at,
  at,
];

/** `$1, $2, …` for row `i` of a multi-row insert of `width` columns. */
const placeholders = (i: number, width: number) => `(${Array.from({ length: width }, (_, j) => `$${i * width + j + 1}`).join(', ')})`;
const WIDTH = 22;
/** Postgres takes at most 65535 parameters in one statement. */
const ROWS_PER_STATEMENT = 1_000;

/** Sessions in Postgres: written in bulk, the due ones taken with SKIP LOCKED so instances share the work. */
export class SqlSessionRepository implements SessionRepository {
  constructor(private readonly db: SqlExecutor) {}

  async get(tenantId: string, id: string): Promise<SessionRecord | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM sessions WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r && toSession(r);
  }

  async getForUpdate(tenantId: string, id: string): Promise<SessionRecord | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM sessions WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, id]);
    return r && toSession(r);
  }

  async listForPair(tenantId: string, programId: string, menteeId: string): Promise<SessionRecord[]> {
    const rows = await this.db.query<Row>('SELECT * FROM sessions WHERE tenant_id = $1 AND program_id = $2 AND mentee_id = $3 ORDER BY starts_at, n', [tenantId, programId, menteeId]);
    return rows.map(toSession);
  }

  async listForPairs(tenantId: string, pairs: { programId: string; menteeId: string }[]): Promise<Map<string, SessionRecord[]>> {
    const out = new Map<string, SessionRecord[]>();
    if (pairs.length === 0) return out;
    const rows = await this.db.query<Row>(
      `SELECT s.* FROM sessions s JOIN unnest($2::uuid[], $3::uuid[]) AS k(program_id, mentee_id) ON s.program_id = k.program_id AND s.mentee_id = k.mentee_id
        WHERE s.tenant_id = $1 ORDER BY s.starts_at, s.n`,
      [tenantId, pairs.map((p) => p.programId), pairs.map((p) => p.menteeId)],
    );
    for (const s of rows.map(toSession)) {
      const key = `${s.programId}:${s.menteeId}`;
      out.set(key, [...(out.get(key) ?? []), s]);
    }
    return out;
  }

  async insertMany(records: SessionRecord[], at: Date): Promise<void> {
    for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
      const chunk = records.slice(i, i + ROWS_PER_STATEMENT);
      await this.db.query(
        `INSERT INTO sessions (${COLUMNS}) VALUES ${chunk.map((_, j) => placeholders(j, WIDTH)).join(', ')}`,
        chunk.flatMap((s) => values(s, at)),
      );
    }
  }

  async saveMany(records: SessionRecord[], at: Date): Promise<void> {
    for (let i = 0; i < records.length; i += ROWS_PER_STATEMENT) {
      const chunk = records.slice(i, i + ROWS_PER_STATEMENT);
      await this.db.query(
        `UPDATE sessions s SET n = v.n::int, of = v.of::int, starts_at = v.starts_at::timestamptz, ends_at = v.ends_at::timestamptz, status = v.status, source = v.source,
                topic = v.topic::jsonb, agenda_sent_at = v.agenda_sent_at::timestamptz, attendance_due_at = v.attendance_due_at::timestamptz,
                attendance_tries = v.attendance_tries::int, attendance_problem = v.attendance_problem, minutes_together = v.minutes_together::int,
                feedback_sent_at = v.feedback_sent_at::timestamptz, version = v.version::int, locked_until = NULL, updated_at = v.updated_at::timestamptz
           FROM (VALUES ${chunk.map((_, j) => placeholders(j, WIDTH)).join(', ')})
             AS v(tenant_id, id, program_id, mentee_id, mentor_id, n, of, starts_at, ends_at, original_start, status, source, topic,
                  agenda_sent_at, attendance_due_at, attendance_tries, attendance_problem, minutes_together, feedback_sent_at, version, created_at, updated_at)
          WHERE s.tenant_id = v.tenant_id::uuid AND s.id = v.id::uuid`,
        chunk.flatMap((s) => values(s, at)),
      );
    }
  }

  async lockDueAgendas(now: Date, limit: number): Promise<SessionRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT s.* FROM sessions s JOIN programs p ON p.tenant_id = s.tenant_id AND p.id = s.program_id
        WHERE s.agenda_sent_at IS NULL AND s.status IN ('planned', 'moved') AND s.ends_at > $1
          AND s.starts_at - make_interval(hours => p.agenda_lead_hours) <= $1
        ORDER BY s.starts_at LIMIT $2 FOR UPDATE OF s SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(toSession);
  }

  async claimDueAttendance(now: Date, limit: number, leaseMs: number): Promise<SessionRecord[]> {
    const rows = await this.db.query<Row>(
      `UPDATE sessions SET locked_until = $3
        WHERE (tenant_id, id) IN (
          SELECT tenant_id, id FROM sessions
           WHERE attendance_due_at IS NOT NULL AND attendance_due_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
           ORDER BY attendance_due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now, limit, new Date(now.getTime() + leaseMs)],
    );
    return rows.map(toSession).sort((a, b) => a.end.getTime() - b.end.getTime());
  }

  async lockDueFeedback(now: Date, limit: number): Promise<SessionRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM sessions
        WHERE feedback_sent_at IS NULL AND status <> 'cancelled' AND ends_at <= $1::timestamptz - make_interval(secs => $3)
          AND (attendance_due_at IS NULL OR ends_at <= $1::timestamptz - make_interval(secs => $4))
        ORDER BY ends_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit, FEEDBACK_AFTER_MS / 1000, FEEDBACK_LATEST_MS / 1000],
    );
    return rows.map(toSession);
  }

  async nextMilestoneAfter(now: Date): Promise<Date | null> {
    const [r] = await this.db.query<Row>(
      `SELECT min(t) AS t FROM (
         SELECT min(s.starts_at - make_interval(hours => p.agenda_lead_hours)) AS t FROM sessions s JOIN programs p ON p.tenant_id = s.tenant_id AND p.id = s.program_id
          WHERE s.agenda_sent_at IS NULL AND s.status IN ('planned', 'moved') AND s.starts_at - make_interval(hours => p.agenda_lead_hours) > $1
         UNION ALL SELECT min(attendance_due_at) FROM sessions WHERE attendance_due_at > $1
         UNION ALL SELECT min(ends_at + make_interval(secs => $2)) FROM sessions WHERE feedback_sent_at IS NULL AND status <> 'cancelled' AND ends_at + make_interval(secs => $2) > $1
         UNION ALL SELECT min(ends_at + make_interval(secs => $3)) FROM sessions WHERE feedback_sent_at IS NULL AND status <> 'cancelled' AND attendance_due_at IS NOT NULL AND ends_at + make_interval(secs => $3) > $1
       ) AS due`,
      [now, FEEDBACK_AFTER_MS / 1000, FEEDBACK_LATEST_MS / 1000],
    );
    return ts(r?.t);
  }

  async nextStartAfter(now: Date): Promise<Date | null> {
    const [r] = await this.db.query<Row>(`SELECT min(starts_at) AS t FROM sessions WHERE status IN ('planned', 'moved') AND starts_at > $1`, [now]);
    return ts(r?.t);
  }

  async countsForProgram(tenantId: string, programId: string): Promise<Map<string, SessionCounts>> {
    const rows = await this.db.query<Row>('SELECT mentee_id, status, count(*)::int AS n FROM sessions WHERE tenant_id = $1 AND program_id = $2 GROUP BY mentee_id, status', [tenantId, programId]);
    const out = new Map<string, SessionCounts>();
    for (const r of rows) {
      const c = out.get(String(r.mentee_id)) ?? { held: 0, partlyHeld: 0, missed: 0, cancelled: 0, planned: 0, total: 0 };
      const n = Number(r.n);
      const status = String(r.status);
      if (status === 'held') c.held += n;
      else if (status === 'partly_held') c.partlyHeld += n;
      else if (status === 'missed') c.missed += n;
      else if (status === 'cancelled') c.cancelled += n;
      else c.planned += n;
      if (status !== 'cancelled') c.total += n;
      out.set(String(r.mentee_id), c);
    }
    return out;
  }
}
