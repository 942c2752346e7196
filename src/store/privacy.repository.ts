import type { ErasureRequest, ErasureSubject, ExportSections, PrivacyRepository } from '../app/data-rights/ports.ts';
import { INVENTORY, mentionPatterns } from './inventory.ts';
import { ts, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

function toRequest(r: Row): ErasureRequest {
  return {
    id: String(r.id),
    tenantId: String(r.tenant_id),
    userId: (r.user_id as string | null) ?? null,
    pseudonym: String(r.pseudonym),
    reason: r.reason as ErasureRequest['reason'],
    state: r.state as ErasureRequest['state'],
    requestedAt: new Date(r.requested_at as string),
    erasedAt: ts(r.erased_at),
    doneAt: ts(r.done_at),
  };
}

/** Export and erasure, table by table, as the inventory says. */
export class SqlPrivacyRepository implements PrivacyRepository {
  constructor(private readonly db: SqlExecutor) {}

  async exportPerson(tenantId: string, userId: string): Promise<ExportSections> {
    const out: ExportSections = {};
    for (const entry of INVENTORY) {
      if (entry.export) out[entry.export.section] = await this.db.query<Row>(entry.export.sql, [tenantId, userId]);
    }
    return out;
  }

  async erasePerson(subject: ErasureSubject): Promise<void> {
    for (const entry of INVENTORY) await entry.erase(this.db, subject);
  }

  async forgetPerson(tenantId: string, userId: string): Promise<void> {
    await this.db.query('DELETE FROM outbox WHERE tenant_id = $1::uuid AND recipient_id = $2::uuid', [tenantId, userId]);
    await this.db.query('DELETE FROM conversations WHERE tenant_id = $1::uuid AND user_id = $2::uuid', [tenantId, userId]);
  }

  async namesOf(tenantId: string, userId: string): Promise<string[]> {
    const [row] = await this.db.query<{ display_name: string; mail: string | null; user_principal_name: string | null }>(
      'SELECT display_name, mail, user_principal_name FROM directory_people WHERE tenant_id = $1 AND id = $2',
      [tenantId, userId],
    );
    return row ? [row.display_name, row.mail, row.user_principal_name].filter((n): n is string => !!n) : [];
  }

  async pseudonymsAmong(tenantId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ pseudonym: string }>('SELECT pseudonym FROM erasure_requests WHERE tenant_id = $1 AND pseudonym = ANY($2::uuid[])', [tenantId, ids]);
    return rows.map((r) => r.pseudonym);
  }

  async openRequest(r: ErasureRequest): Promise<ErasureRequest> {
    await this.db.query(
      `INSERT INTO erasure_requests (id, tenant_id, user_id, pseudonym, reason, state, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, user_id) WHERE user_id IS NOT NULL DO NOTHING`,
      [r.id, r.tenantId, r.userId, r.pseudonym, r.reason, r.state, r.requestedAt],
    );
    return (await this.requestOf(r.tenantId, r.userId!))!;
  }

  async requestOf(tenantId: string, userId: string): Promise<ErasureRequest | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM erasure_requests WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]);
    return row && toRequest(row);
  }

  async unfinished(limit: number): Promise<ErasureRequest[]> {
    return (await this.db.query<Row>("SELECT * FROM erasure_requests WHERE state <> 'done' ORDER BY requested_at, id LIMIT $1", [limit])).map(toRequest);
  }

  async saveRequest(r: ErasureRequest): Promise<void> {
    await this.db.query('UPDATE erasure_requests SET user_id = $2, state = $3, erased_at = $4, done_at = $5 WHERE id = $1', [r.id, r.userId, r.state, r.erasedAt, r.doneAt]);
  }

  async removedBefore(before: Date, limit: number): Promise<{ tenantId: string; userId: string }[]> {
    const rows = await this.db.query<{ tenant_id: string; id: string }>(
      `SELECT d.tenant_id, d.id FROM directory_people d
        WHERE d.removed_at IS NOT NULL AND d.removed_at <= $1
          AND NOT EXISTS (SELECT 1 FROM erasure_requests r WHERE r.tenant_id = d.tenant_id AND r.user_id = d.id)
        ORDER BY d.removed_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, userId: r.id }));
  }

  async queuedCardsNaming(s: ErasureSubject): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE tenant_id = $1::uuid AND status = 'pending' AND recipient_id <> $2::uuid AND activity::text ILIKE ANY($3::text[])",
      [s.tenantId, s.userId, mentionPatterns(s)],
    );
    return row?.n ?? 0;
  }

  async bookingsInFlight(tenantId: string, userId: string): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM bookings WHERE tenant_id = $1 AND (mentor_id = $2 OR mentee_id = $2) AND (status IN ('finding', 'booking', 'ending') OR (status = 'ended' AND sessions_version < version AND event_id IS NOT NULL))",
      [tenantId, userId],
    );
    return row?.n ?? 0;
  }
}
