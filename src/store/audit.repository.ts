import type { AuditAction, AuditDetails, AuditEntry, AuditRecord, AuditRepository } from '../app/audit/ports.ts';
import type { Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

/** The audit log in Postgres: appended to, read a page at a time, never updated except by erasure (ids → pseudonym). */
export class SqlAuditRepository implements AuditRepository {
  constructor(private readonly db: SqlExecutor) {}

  async record(e: AuditEntry): Promise<void> {
    await this.db.query('INSERT INTO audit_log (tenant_id, program_id, actor_id, action, subject_id, details, at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      e.tenantId,
      e.programId,
      e.actorId,
      e.action,
      e.subjectId ?? null,
      JSON.stringify(e.details ?? {}),
      e.at,
    ]);
  }

  async listForProgram(tenantId: string, programId: string, page: { before?: number; limit: number }): Promise<AuditRecord[]> {
    const rows = await this.db.query<Row>(`SELECT * FROM audit_log WHERE tenant_id = $1 AND program_id = $2 AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4`, [
      tenantId,
      programId,
      page.before ?? null,
      page.limit,
    ]);
    return rows.map((r) => ({
      id: Number(r.id),
      tenantId: String(r.tenant_id),
      programId: (r.program_id as string | null) ?? null,
      actorId: String(r.actor_id),
      action: r.action as AuditAction,
      subjectId: (r.subject_id as string | null) ?? null,
      details: r.details as AuditDetails,
      at: new Date(r.at as string),
    }));
  }
}
