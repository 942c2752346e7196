import { AppError } from '../app/shared/errors.ts';
import type { EnrollmentRecord, EnrollmentRepository } from '../app/enrollment/ports.ts';
import { ts, isUuid, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

function toEnrollment(r: Row): EnrollmentRecord {
  return {
    tenantId: String(r.tenant_id),
    id: String(r.id),
    programId: String(r.program_id),
    userId: String(r.user_id),
    role: r.role as EnrollmentRecord['role'],
    teach: r.teach as EnrollmentRecord['teach'],
    learn: r.learn as EnrollmentRecord['learn'],
    goals: r.goals as string[],
    cadence: r.cadence as EnrollmentRecord['cadence'],
    status: r.status as EnrollmentRecord['status'],
    approverId: (r.approver_id as string | null) ?? null,
    approverKind: (r.approver_kind as EnrollmentRecord['approverKind']) ?? null,
    approverUnreachable: Boolean(r.approver_unreachable),
    decidedBy: (r.decided_by as string | null) ?? null,
    decidedAt: ts(r.decided_at),
    decisionNote: (r.decision_note as string | null) ?? null,
    version: Number(r.version),
    remindedAt: ts(r.reminded_at),
    expiresAt: new Date(r.expires_at as string),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

const ENROLLMENT_VALUES = (e: EnrollmentRecord) => [
  e.tenantId,
  e.id,
  e.programId,
  e.userId,
  e.role,
  JSON.stringify(e.teach),
  JSON.stringify(e.learn),
  JSON.stringify(e.goals),
  e.cadence,
  e.status,
  e.approverId,
  e.approverKind,
  e.approverUnreachable,
  e.decidedBy,
  e.decidedAt,
  e.decisionNote,
  e.version,
  e.remindedAt,
  e.expiresAt,
  e.createdAt,
  e.updatedAt,
];

export class SqlEnrollmentRepository implements EnrollmentRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(e: EnrollmentRecord): Promise<void> {
    try {
      await this.db.query(
        `INSERT INTO enrollments (tenant_id, id, program_id, user_id, role, teach, learn, goals, cadence, status, approver_id, approver_kind,
           approver_unreachable, decided_by, decided_at, decision_note, version, reminded_at, expires_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
        ENROLLMENT_VALUES(e),
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new AppError('conflict', 'You are already enrolled in this program: edit or withdraw that enrollment instead.', { field: 'programId', cause: error });
      throw error;
    }
  }

  async update(e: EnrollmentRecord): Promise<void> {
    await this.db.query(
      `UPDATE enrollments SET role = $5, teach = $6, learn = $7, goals = $8, cadence = $9, status = $10, approver_id = $11, approver_kind = $12,
         approver_unreachable = $13, decided_by = $14, decided_at = $15, decision_note = $16, version = $17, reminded_at = $18, expires_at = $19,
         updated_at = $20
       WHERE tenant_id = $1 AND id = $2 AND program_id = $3 AND user_id = $4`,
      [...ENROLLMENT_VALUES(e).slice(0, 19), e.updatedAt],
    );
  }

  async get(tenantId: string, id: string): Promise<EnrollmentRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.query<Row>('SELECT * FROM enrollments WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return row && toEnrollment(row);
  }

  async getForUpdate(tenantId: string, id: string): Promise<EnrollmentRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.query<Row>('SELECT * FROM enrollments WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, id]);
    return row && toEnrollment(row);
  }

  async listForUser(tenantId: string, userId: string): Promise<EnrollmentRecord[]> {
    return (await this.db.query<Row>('SELECT * FROM enrollments WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at DESC', [tenantId, userId])).map(toEnrollment);
  }

  async listApproved(tenantId: string, programId: string): Promise<EnrollmentRecord[]> {
    return (await this.db.query<Row>("SELECT * FROM enrollments WHERE tenant_id = $1 AND program_id = $2 AND status = 'approved' ORDER BY created_at, id", [tenantId, programId])).map(toEnrollment);
  }

  async topicsInUse(tenantId: string, programId: string): Promise<Set<string>> {
    const rows = await this.db.query<{ topic_id: string }>(
      `SELECT DISTINCT c->>'topicId' AS topic_id FROM enrollments e, jsonb_array_elements(e.teach || e.learn) c
        WHERE e.tenant_id = $1 AND e.program_id = $2 AND e.status IN ('pending', 'approved')`,
      [tenantId, programId],
    );
    return new Set(rows.map((r) => r.topic_id));
  }

  async listPending(limit: number): Promise<EnrollmentRecord[]> {
    return (await this.db.query<Row>("SELECT * FROM enrollments WHERE status = 'pending' ORDER BY created_at LIMIT $1", [limit])).map(toEnrollment);
  }
}
