import type { ActionItemRecord, ActionItemRepository, FeedbackRecord, FeedbackRepository } from '../app/sessions/ports.ts';
import { ts, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

const toItem = (r: Row): ActionItemRecord => ({
  tenantId: String(r.tenant_id),
  id: String(r.id),
  programId: String(r.program_id),
  menteeId: String(r.mentee_id),
  sessionId: String(r.session_id),
  text: String(r.text),
  createdBy: String(r.created_by),
  fromFeedback: r.from_feedback === true,
  doneAt: ts(r.done_at),
  doneBy: (r.done_by as string | null) ?? null,
  createdAt: new Date(r.created_at as string),
});

const ITEM_INSERT = `INSERT INTO action_items (tenant_id, id, program_id, mentee_id, session_id, text, created_by, from_feedback, done_at, done_by, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (tenant_id, session_id, created_by, text) DO NOTHING RETURNING id`;
const itemValues = (i: ActionItemRecord) => [i.tenantId, i.id, i.programId, i.menteeId, i.sessionId, i.text, i.createdBy, i.fromFeedback, i.doneAt, i.doneBy, i.createdAt];

/** A pair's shared action items. */
export class SqlActionItemRepository implements ActionItemRepository {
  constructor(private readonly db: SqlExecutor) {}

  async listForPair(tenantId: string, programId: string, menteeId: string): Promise<ActionItemRecord[]> {
    return (await this.db.query<Row>('SELECT * FROM action_items WHERE tenant_id = $1 AND program_id = $2 AND mentee_id = $3 ORDER BY created_at, id', [tenantId, programId, menteeId])).map(toItem);
  }

  async add(item: ActionItemRecord): Promise<boolean> {
    return (await this.db.query(ITEM_INSERT, itemValues(item))).length === 1;
  }

  async get(tenantId: string, id: string): Promise<ActionItemRecord | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM action_items WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return r && toItem(r);
  }

  async setDone(tenantId: string, id: string, done: { by: string; at: Date } | null): Promise<ActionItemRecord | undefined> {
    const [r] = await this.db.query<Row>('UPDATE action_items SET done_at = $3, done_by = $4 WHERE tenant_id = $1 AND id = $2 RETURNING *', [tenantId, id, done?.at ?? null, done?.by ?? null]);
    return r && toItem(r);
  }

  async replaceFromFeedback(tenantId: string, sessionId: string, userId: string, items: ActionItemRecord[]): Promise<void> {
    const keep = items.map((i) => i.text);
    // Items still listed stay as they are (with their done state); the others go; new ones are added.
    await this.db.query('DELETE FROM action_items WHERE tenant_id = $1 AND session_id = $2 AND created_by = $3 AND from_feedback AND NOT (text = ANY($4::text[]))', [
      tenantId,
      sessionId,
      userId,
      keep,
    ]);
    for (const item of items) await this.db.query(ITEM_INSERT, itemValues(item));
  }
}

const toFeedback = (r: Row): FeedbackRecord => ({
  tenantId: String(r.tenant_id),
  sessionId: String(r.session_id),
  userId: String(r.user_id),
  happened: (r.happened as boolean | null) ?? null,
  usefulness: r.usefulness === null ? null : Number(r.usefulness),
  learned: String(r.learned),
  taught: String(r.taught),
  goalSteps: (r.goal_steps as FeedbackRecord['goalSteps']) ?? [],
  anotherTime: (r.another_time as boolean | null) ?? null,
  answeredAt: new Date(r.answered_at as string),
  updatedAt: new Date(r.updated_at as string),
});

/** Each person's one answer per session. */
export class SqlFeedbackRepository implements FeedbackRepository {
  constructor(private readonly db: SqlExecutor) {}

  async get(tenantId: string, sessionId: string, userId: string): Promise<FeedbackRecord | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM feedback WHERE tenant_id = $1 AND session_id = $2 AND user_id = $3', [tenantId, sessionId, userId]);
    return r && toFeedback(r);
  }

  async upsert(f: FeedbackRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO feedback (tenant_id, session_id, user_id, happened, usefulness, learned, taught, goal_steps, another_time, answered_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id, session_id, user_id) DO UPDATE SET happened = EXCLUDED.happened, usefulness = EXCLUDED.usefulness, learned = EXCLUDED.learned,
         taught = EXCLUDED.taught, goal_steps = EXCLUDED.goal_steps, another_time = EXCLUDED.another_time, updated_at = EXCLUDED.updated_at`,
      [f.tenantId, f.sessionId, f.userId, f.happened, f.usefulness, f.learned, f.taught, JSON.stringify(f.goalSteps), f.anotherTime, f.answeredAt, f.updatedAt],
    );
  }

  async listForUser(tenantId: string, userId: string, sessionIds: string[]): Promise<FeedbackRecord[]> {
    if (sessionIds.length === 0) return [];
    return (await this.db.query<Row>('SELECT * FROM feedback WHERE tenant_id = $1 AND user_id = $2 AND session_id = ANY($3::uuid[])', [tenantId, userId, sessionIds])).map(toFeedback);
  }

  async happenedFor(tenantId: string, sessionId: string): Promise<{ userId: string; happened: boolean | null }[]> {
    const rows = await this.db.query<Row>('SELECT user_id, happened FROM feedback WHERE tenant_id = $1 AND session_id = $2', [tenantId, sessionId]);
    return rows.map((r) => ({ userId: String(r.user_id), happened: (r.happened as boolean | null) ?? null }));
  }
}
