import type { OutboxMessage, OutboxRepository, OutboxRow } from '../app/outbox/ports.ts';
import type { SqlExecutor } from './sql-client.ts';

import type { Row } from './rows.ts';

function toRow(r: Row): OutboxRow {
  return {
    id: Number(r.id),
    tenantId: String(r.tenant_id),
    dedupeKey: String(r.dedupe_key),
    recipientId: String(r.recipient_id),
    kind: r.kind as OutboxRow['kind'],
    ...(r.updates_key ? { updatesKey: String(r.updates_key) } : {}),
    ...(r.chat_id ? { chatId: String(r.chat_id) } : {}),
    activity: r.activity as Record<string, unknown>,
    ...(r.purpose ? { purpose: r.purpose as OutboxRow['purpose'] } : {}),
    attempts: Number(r.attempts),
    status: r.status as OutboxRow['status'],
    conversationId: (r.conversation_id as string | null) ?? null,
    activityId: (r.activity_id as string | null) ?? null,
  };
}

/** The outbox in Postgres: several instances can drain it together (FOR UPDATE SKIP LOCKED). */
export class SqlOutboxRepository implements OutboxRepository {
  constructor(private readonly db: SqlExecutor) {}

  async enqueue(m: OutboxMessage): Promise<void> {
    await this.db.query(
      `INSERT INTO outbox (tenant_id, dedupe_key, recipient_id, kind, updates_key, activity, purpose, chat_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING`,
      [m.tenantId, m.dedupeKey, m.recipientId, m.kind, m.updatesKey ?? null, JSON.stringify(m.activity), m.purpose ? JSON.stringify(m.purpose) : null, m.chatId ?? null],
    );
  }

  async enqueueMany(messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const rows = messages.map((m) => ({
      tenant_id: m.tenantId,
      dedupe_key: m.dedupeKey,
      recipient_id: m.recipientId,
      kind: m.kind,
      updates_key: m.updatesKey ?? null,
      activity: m.activity,
      purpose: m.purpose ?? null,
      chat_id: m.chatId ?? null,
    }));
    // In the list's order (ids are the send order); a key already there, or given twice, is skipped as enqueue skips it.
    await this.db.query(
      `INSERT INTO outbox (tenant_id, dedupe_key, recipient_id, kind, updates_key, activity, purpose, chat_id)
       SELECT (e->>'tenant_id')::uuid, e->>'dedupe_key', (e->>'recipient_id')::uuid, e->>'kind', e->>'updates_key', e->'activity', NULLIF(e->'purpose', 'null'), e->>'chat_id'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS m(e, n)
        ORDER BY n
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async existingKeys(dedupeKeys: readonly string[]): Promise<Set<string>> {
    if (dedupeKeys.length === 0) return new Set();
    const rows = await this.db.query<{ dedupe_key: string }>('SELECT dedupe_key FROM outbox WHERE dedupe_key = ANY($1::text[])', [[...dedupeKeys]]);
    return new Set(rows.map((r) => r.dedupe_key));
  }

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const rows = await this.db.query<Row>(
      `UPDATE outbox SET locked_until = $3, attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox
                      WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
                      ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now, limit, new Date(now.getTime() + leaseMs)],
    );
    return rows.map(toRow).sort((a, b) => a.id - b.id);
  }

  async markSent(id: number, conversationId: string, activityId: string, at: Date): Promise<void> {
    await this.db.query("UPDATE outbox SET status = 'sent', conversation_id = $2, activity_id = $3, sent_at = $4, locked_until = NULL, last_error = NULL WHERE id = $1", [
      id,
      conversationId,
      activityId,
      at,
    ]);
  }

  async retryLater(id: number, at: Date, error: string): Promise<void> {
    await this.db.query('UPDATE outbox SET next_attempt_at = $2, last_error = $3, locked_until = NULL WHERE id = $1', [id, at, error.slice(0, 500)]);
  }

  async release(id: number, at: Date): Promise<void> {
    await this.db.query('UPDATE outbox SET next_attempt_at = $2, attempts = greatest(attempts - 1, 0), locked_until = NULL WHERE id = $1', [id, at]);
  }

  async markUndeliverable(id: number, status: 'blocked' | 'failed', error: string): Promise<void> {
    await this.db.query('UPDATE outbox SET status = $2, last_error = $3, locked_until = NULL WHERE id = $1', [id, status, error.slice(0, 500)]);
  }

  async findByKey(dedupeKey: string): Promise<OutboxRow | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM outbox WHERE dedupe_key = $1', [dedupeKey]);
    return r && toRow(r);
  }

  async sendsWithPrefix(prefix: string): Promise<OutboxRow[]> {
    const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return (await this.db.query<Row>("SELECT * FROM outbox WHERE kind = 'send' AND dedupe_key LIKE $1 ORDER BY id", [like])).map(toRow);
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM outbox GROUP BY status');
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
