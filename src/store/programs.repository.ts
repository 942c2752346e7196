import type { AdminRepository, ProgramCounts, ProgramRecord, ProgramRepository } from '../app/programs/ports.ts';
import { date, isUuid, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

function toProgram(r: Row): ProgramRecord {
  return {
    tenantId: String(r.tenant_id),
    id: String(r.id),
    name: String(r.name),
    description: String(r.description),
    startsOn: date(r.starts_on),
    endsOn: date(r.ends_on),
    enrollmentOpensOn: date(r.enrollment_opens_on),
    enrollmentClosesOn: date(r.enrollment_closes_on),
    cadences: r.cadences as ProgramRecord['cadences'],
    sessionMinutes: Number(r.session_minutes),
    topics: r.topics as ProgramRecord['topics'],
    seniority: r.seniority as ProgramRecord['seniority'],
    mentorCapacity: Number(r.mentor_capacity),
    agendaLeadHours: Number(r.agenda_lead_hours),
    heldMinutes: Number(r.held_minutes),
    sessionPlan: (r.session_plan as ProgramRecord['sessionPlan']) ?? null,
    matchingWeights: (r.matching_weights as ProgramRecord['matchingWeights']) ?? null,
    archivedAt: r.archived_at ? new Date(r.archived_at as string) : null,
    createdBy: String(r.created_by),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

export class SqlProgramRepository implements ProgramRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(p: ProgramRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO programs (tenant_id, id, name, description, starts_on, ends_on, enrollment_opens_on, enrollment_closes_on, cadences,
         session_minutes, topics, seniority, mentor_capacity, created_by, created_at, updated_at, agenda_lead_hours, held_minutes, session_plan,
         matching_weights)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [
        p.tenantId,
        p.id,
        p.name,
        p.description,
        p.startsOn,
        p.endsOn,
        p.enrollmentOpensOn,
        p.enrollmentClosesOn,
        p.cadences,
        p.sessionMinutes,
        JSON.stringify(p.topics),
        JSON.stringify(p.seniority),
        p.mentorCapacity,
        p.createdBy,
        p.createdAt,
        p.updatedAt,
        p.agendaLeadHours,
        p.heldMinutes,
        p.sessionPlan ? JSON.stringify(p.sessionPlan) : null,
        p.matchingWeights ? JSON.stringify(p.matchingWeights) : null,
      ],
    );
  }

  async update(p: ProgramRecord): Promise<void> {
    await this.db.query(
      `UPDATE programs SET name = $3, description = $4, starts_on = $5, ends_on = $6, enrollment_opens_on = $7, enrollment_closes_on = $8,
         cadences = $9, session_minutes = $10, topics = $11, seniority = $12, mentor_capacity = $13, updated_at = $14,
         agenda_lead_hours = $15, held_minutes = $16, session_plan = $17, matching_weights = $18
       WHERE tenant_id = $1 AND id = $2`,
      [
        p.tenantId,
        p.id,
        p.name,
        p.description,
        p.startsOn,
        p.endsOn,
        p.enrollmentOpensOn,
        p.enrollmentClosesOn,
        p.cadences,
        p.sessionMinutes,
        JSON.stringify(p.topics),
        JSON.stringify(p.seniority),
        p.mentorCapacity,
        p.updatedAt,
        p.agendaLeadHours,
        p.heldMinutes,
        p.sessionPlan ? JSON.stringify(p.sessionPlan) : null,
        p.matchingWeights ? JSON.stringify(p.matchingWeights) : null,
      ],
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

  async setArchived(tenantId: string, id: string, at: Date | null): Promise<void> {
    await this.db.query('UPDATE programs SET archived_at = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, id, at]);
  }

  async deleteUnused(tenantId: string, id: string): Promise<boolean> {
    const [used] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM enrollments WHERE tenant_id = $1 AND program_id = $2', [tenantId, id]);
    if ((used?.n ?? 0) > 0) return false;
    await this.db.query('DELETE FROM matching_drafts WHERE tenant_id = $1 AND program_id = $2', [tenantId, id]);
    await this.db.query('DELETE FROM programs WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return true;
  }

  async counts(tenantId: string): Promise<Map<string, ProgramCounts>> {
    const rows = await this.db.query<{ program_id: string; pending: number; approved: number; enrolled: number }>(
      `SELECT program_id, count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'approved')::int AS approved, count(*)::int AS enrolled
         FROM enrollments WHERE tenant_id = $1 GROUP BY program_id`,
      [tenantId],
    );
    return new Map(rows.map((r) => [r.program_id, { pending: r.pending, approved: r.approved, enrolled: r.enrolled }]));
  }
}

export class SqlAdminRepository implements AdminRepository {
  constructor(private readonly db: SqlExecutor) {}

  async record(tenantId: string, userId: string, at: Date): Promise<void> {
    await this.db.query('INSERT INTO program_admins (tenant_id, user_id, seen_at) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, user_id) DO UPDATE SET seen_at = $3', [tenantId, userId, at]);
  }

  async list(tenantId: string): Promise<string[]> {
    return (await this.db.query<{ user_id: string }>('SELECT user_id FROM program_admins WHERE tenant_id = $1 ORDER BY seen_at', [tenantId])).map((r) => r.user_id);
  }
}
