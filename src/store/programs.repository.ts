import { AppError } from '../app/errors.ts';
import type { AdminRepository, ConversationRef, ConversationRepository, EnrollmentRecord, EnrollmentRepository, ProgramRecord, ProgramRepository } from '../app/ports.ts';
import type { SqlExecutor } from './sql-client.ts';

type Row = Record<string, unknown>;
const date = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const ts = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function toProgram(r: Row): ProgramRecord {
  return {
    tenantId: String(r.tenant_id), id: String(r.id), name: String(r.name), description: String(r.description),
    startsOn: date(r.starts_on), endsOn: date(r.ends_on), enrollmentOpensOn: date(r.enrollment_opens_on), enrollmentClosesOn: date(r.enrollment_closes_on),
    cadences: r.cadences as ProgramRecord['cadences'], sessionMinutes: Number(r.session_minutes), topics: r.topics as ProgramRecord['topics'],
    seniority: r.seniority as ProgramRecord['seniority'], mentorCapacity: Number(r.mentor_capacity), createdBy: String(r.created_by),
    createdAt: new Date(r.created_at as string), updatedAt: new Date(r.updated_at as string),
  };
}

export class SqlProgramRepository implements ProgramRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(p: ProgramRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO programs (tenant_id, id, name, description, starts_on, ends_on, enrollment_opens_on, enrollment_closes_on, cadences,
         session_minutes, topics, seniority, mentor_capacity, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [p.tenantId, p.id, p.name, p.description, p.startsOn, p.endsOn, p.enrollmentOpensOn, p.enrollmentClosesOn, p.cadences,
        p.sessionMinutes, JSON.stringify(p.topics), JSON.stringify(p.seniority), p.mentorCapacity, p.createdBy, p.createdAt, p.updatedAt],
    );
  }

  async update(p: ProgramRecord): Promise<void> {
    await this.db.query(
      `UPDATE programs SET name = $3, description = $4, starts_on = $5, ends_on = $6, enrollment_opens_on = $7, enrollment_closes_on = $8,
         cadences = $9, session_minutes = $10, topics = $11, seniority = $12, mentor_capacity = $13, updated_at = $14
       WHERE tenant_id = $1 AND id = $2`,
      [p.tenantId, p.id, p.name, p.description, p.startsOn, p.endsOn, p.enrollmentOpensOn, p.enrollmentClosesOn, p.cadences,
        p.sessionMinutes, JSON.stringify(p.topics), JSON.stringify(p.seniority), p.mentorCapacity, p.updatedAt],
    );
  }

  async get(tenantId: string, id: string): Promise<ProgramRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.query<Row>('SELECT * FROM programs WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return row && toProgram(row);
  }

  async list(tenantId: string): Promise<ProgramRecord[]> {
    return (await this.db.query<Row>('SELECT * FROM programs WHERE tenant_id = $1 ORDER BY starts_on DESC, name', [tenantId])).map(toProgram);
  }

  async counts(tenantId: string): Promise<Map<string, { pending: number; approved: number }>> {
    const rows = await this.db.query<{ program_id: string; pending: number; approved: number }>(
      `SELECT program_id, count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'approved')::int AS approved
         FROM enrollments WHERE tenant_id = $1 GROUP BY program_id`,
      [tenantId],
    );
    return new Map(rows.map((r) => [r.program_id, { pending: r.pending, approved: r.approved }]));
  }
}

function toEnrollment(r: Row): EnrollmentRecord {
  return {
    tenantId: String(r.tenant_id), id: String(r.id), programId: String(r.program_id), userId: String(r.user_id),
    role: r.role as EnrollmentRecord['role'], teach: r.teach as EnrollmentRecord['teach'], learn: r.learn as EnrollmentRecord['learn'],
    goals: r.goals as string[], cadence: r.cadence as EnrollmentRecord['cadence'], status: r.status as EnrollmentRecord['status'],
    approverId: (r.approver_id as string | null) ?? null, approverKind: (r.approver_kind as EnrollmentRecord['approverKind']) ?? null,
    approverUnreachable: Boolean(r.approver_unreachable), decidedBy: (r.decided_by as string | null) ?? null, decidedAt: ts(r.decided_at),
    decisionNote: (r.decision_note as string | null) ?? null, version: Number(r.version), remindedAt: ts(r.reminded_at),
    expiresAt: new Date(r.expires_at as string), createdAt: new Date(r.created_at as string), updatedAt: new Date(r.updated_at as string),
  };
}

const ENROLLMENT_VALUES = (e: EnrollmentRecord) => [
  e.tenantId, e.id, e.programId, e.userId, e.role, JSON.stringify(e.teach), JSON.stringify(e.learn), JSON.stringify(e.goals), e.cadence, e.status,
  e.approverId, e.approverKind, e.approverUnreachable, e.decidedBy, e.decidedAt, e.decisionNote, e.version, e.remindedAt, e.expiresAt, e.createdAt, e.updatedAt,
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
      if ((error as { code?: string }).code === '23505') throw new AppError('conflict', 'You are already enrolled in this program: edit or withdraw that enrollment instead.', { field: 'programId', cause: error });
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

export class SqlConversationRepository implements ConversationRepository {
  constructor(private readonly db: SqlExecutor) {}

  async save(ref: Omit<ConversationRef, 'blockedAt'>): Promise<void> {
    // A new conversationUpdate (the person reinstalled the app) clears an earlier block.
    await this.db.query(
      `INSERT INTO conversations (tenant_id, user_id, conversation_id, service_url) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET conversation_id = $3, service_url = $4, blocked_at = NULL, updated_at = now()`,
      [ref.tenantId, ref.userId, ref.conversationId, ref.serviceUrl],
    );
  }

  async get(tenantId: string, userId: string): Promise<ConversationRef | undefined> {
    const [r] = await this.db.query<Row>('SELECT * FROM conversations WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId]);
    return r && { tenantId, userId, conversationId: String(r.conversation_id), serviceUrl: String(r.service_url), blockedAt: ts(r.blocked_at) };
  }

  async markBlocked(tenantId: string, userId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE conversations SET blocked_at = $3, updated_at = $3 WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId, at]);
  }
}

export class SqlAdminRepository implements AdminRepository {
  constructor(private readonly db: SqlExecutor) {}

  async record(tenantId: string, userId: string, at: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO program_admins (tenant_id, user_id, seen_at) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, user_id) DO UPDATE SET seen_at = $3',
      [tenantId, userId, at],
    );
  }

  async list(tenantId: string): Promise<string[]> {
    return (await this.db.query<{ user_id: string }>('SELECT user_id FROM program_admins WHERE tenant_id = $1 ORDER BY seen_at', [tenantId])).map((r) => r.user_id);
  }
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
