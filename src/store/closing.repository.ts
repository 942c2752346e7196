import type { ClosingRepository, ClosingSurveyRecord, PairKey, SkillRating, SkillRepository, TopicSkillChange } from '../app/closing/ports.ts';
import type { Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

export class SqlSkillRepository implements SkillRepository {
  constructor(private readonly db: SqlExecutor) {}

  async rate(ratings: SkillRating[]): Promise<void> {
    for (const r of ratings) {
      await this.db.query(
        `INSERT INTO skill_ratings (tenant_id, program_id, user_id, topic_id, stage, level, rated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (tenant_id, program_id, user_id, topic_id, stage) DO UPDATE SET level = $6, rated_at = $7`,
        [r.tenantId, r.programId, r.userId, r.topicId, r.stage, r.level, r.ratedAt],
      );
    }
  }

  async forPerson(tenantId: string, programId: string, userId: string): Promise<SkillRating[]> {
    const rows = await this.db.query<Row>('SELECT * FROM skill_ratings WHERE tenant_id = $1 AND program_id = $2 AND user_id = $3 ORDER BY topic_id, rated_at', [tenantId, programId, userId]);
    return rows.map((r) => ({
      tenantId: String(r.tenant_id),
      programId: String(r.program_id),
      userId: String(r.user_id),
      topicId: String(r.topic_id),
      stage: r.stage as SkillRating['stage'],
      level: Number(r.level),
      ratedAt: new Date(r.rated_at as string),
    }));
  }

  async programChange(tenantId: string, programId: string): Promise<TopicSkillChange[]> {
    const rows = await this.db.query<{ topic_id: string; people: number; before: number; after: number; change: number }>(
      `SELECT b.topic_id, count(*)::int AS people, avg(b.level)::float8 AS before, avg(e.level)::float8 AS after, avg(e.level - b.level)::float8 AS change
         FROM skill_ratings b
         JOIN skill_ratings e ON e.tenant_id = b.tenant_id AND e.program_id = b.program_id AND e.user_id = b.user_id AND e.topic_id = b.topic_id AND e.stage = 'end'
        WHERE b.tenant_id = $1 AND b.program_id = $2 AND b.stage = 'before'
        GROUP BY b.topic_id ORDER BY b.topic_id`,
      [tenantId, programId],
    );
    return rows.map((r) => ({ topicId: r.topic_id, people: r.people, before: Number(r.before), after: Number(r.after), change: Number(r.change) }));
  }
}

const keyArgs = (k: PairKey) => [k.tenantId, k.programId, k.menteeId];

export class SqlClosingRepository implements ClosingRepository {
  constructor(private readonly db: SqlExecutor) {}

  async lockDue(before: Date, limit: number): Promise<PairKey[]> {
    const rows = await this.db.query<{ tenant_id: string; program_id: string; mentee_id: string }>(
      `SELECT b.tenant_id, b.program_id, b.mentee_id FROM bookings b
        WHERE b.status = 'booked'
          AND NOT EXISTS (SELECT 1 FROM pair_closings c WHERE c.tenant_id = b.tenant_id AND c.program_id = b.program_id AND c.mentee_id = b.mentee_id)
          AND EXISTS (SELECT 1 FROM sessions s WHERE s.tenant_id = b.tenant_id AND s.program_id = b.program_id AND s.mentee_id = b.mentee_id AND s.status <> 'cancelled')
          AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.tenant_id = b.tenant_id AND s.program_id = b.program_id AND s.mentee_id = b.mentee_id
                            AND s.status <> 'cancelled' AND s.ends_at >= $1)
        ORDER BY b.tenant_id, b.program_id, b.mentee_id
        LIMIT $2 FOR UPDATE OF b SKIP LOCKED`,
      [before, limit],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, programId: r.program_id, menteeId: r.mentee_id }));
  }

  async markSent(key: PairKey, at: Date): Promise<void> {
    await this.db.query('INSERT INTO pair_closings (tenant_id, program_id, mentee_id, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [...keyArgs(key), at]);
  }

  async sentAt(key: PairKey): Promise<Date | undefined> {
    const [row] = await this.db.query<{ sent_at: string }>('SELECT sent_at FROM pair_closings WHERE tenant_id = $1 AND program_id = $2 AND mentee_id = $3', keyArgs(key));
    return row ? new Date(row.sent_at) : undefined;
  }

  async getSurvey(key: PairKey, userId: string): Promise<ClosingSurveyRecord | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM closing_surveys WHERE tenant_id = $1 AND program_id = $2 AND mentee_id = $3 AND user_id = $4', [...keyArgs(key), userId]);
    if (!r) return undefined;
    return {
      tenantId: String(r.tenant_id),
      programId: String(r.program_id),
      menteeId: String(r.mentee_id),
      userId: String(r.user_id),
      overall: Number(r.overall),
      recommend: Boolean(r.recommend),
      whatChanged: String(r.what_changed),
      recognitionConsent: Boolean(r.recognition_consent),
      keepMeeting: Boolean(r.keep_meeting),
      answeredAt: new Date(r.answered_at as string),
    };
  }

  async insertSurvey(s: ClosingSurveyRecord): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO closing_surveys (tenant_id, program_id, mentee_id, user_id, overall, recommend, what_changed, recognition_consent, keep_meeting, answered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING user_id`,
      [s.tenantId, s.programId, s.menteeId, s.userId, s.overall, s.recommend, s.whatChanged, s.recognitionConsent, s.keepMeeting, s.answeredAt],
    );
    return rows.length > 0;
  }

  async nextDueAfter(now: Date, delayMs: number): Promise<Date | null> {
    const [row] = await this.db.query<{ due: string | null }>(
      `SELECT min(last_end) AS due FROM (
         SELECT max(s.ends_at) AS last_end FROM bookings b JOIN sessions s ON s.tenant_id = b.tenant_id AND s.program_id = b.program_id AND s.mentee_id = b.mentee_id
          WHERE b.status = 'booked' AND s.status <> 'cancelled'
            AND NOT EXISTS (SELECT 1 FROM pair_closings c WHERE c.tenant_id = b.tenant_id AND c.program_id = b.program_id AND c.mentee_id = b.mentee_id)
          GROUP BY b.tenant_id, b.program_id, b.mentee_id) x
        WHERE last_end + make_interval(secs => $2::float8 / 1000) > $1`,
      [now, delayMs],
    );
    return row?.due ? new Date(new Date(row.due).getTime() + delayMs) : null;
  }
}
