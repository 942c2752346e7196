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

type Column = readonly [name: string, value: (p: ProgramRecord) => unknown];
const json = (value: unknown) => (value ? JSON.stringify(value) : null);

const KEY_COLUMNS: readonly Column[] = [
  ['tenant_id', (p) => p.tenantId],
  ['id', (p) => p.id],
];
/** What an edit writes (archiving has its own statement). */
const EDITABLE_COLUMNS: readonly Column[] = [
  ['name', (p) => p.name],
  ['description', (p) => p.description],
  ['starts_on', (p) => p.startsOn],
  ['ends_on', (p) => p.endsOn],
  ['enrollment_opens_on', (p) => p.enrollmentOpensOn],
  ['enrollment_closes_on', (p) => p.enrollmentClosesOn],
  ['cadences', (p) => p.cadences],
  ['session_minutes', (p) => p.sessionMinutes],
  ['topics', (p) => JSON.stringify(p.topics)],
  ['seniority', (p) => JSON.stringify(p.seniority)],
  ['mentor_capacity', (p) => p.mentorCapacity],
  ['updated_at', (p) => p.updatedAt],
  ['agenda_lead_hours', (p) => p.agendaLeadHours],
  ['held_minutes', (p) => p.heldMinutes],
  ['session_plan', (p) => json(p.sessionPlan)],
  ['matching_weights', (p) => json(p.matchingWeights)],
];
const CREATION_COLUMNS: readonly Column[] = [
  ['created_by', (p) => p.createdBy],
  ['created_at', (p) => p.createdAt],
];

export class SqlProgramRepository implements ProgramRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(p: ProgramRecord): Promise<void> {
    const columns = [...KEY_COLUMNS, ...EDITABLE_COLUMNS, ...CREATION_COLUMNS];
    const values = columns.map(([, value]) => value(p));
    await this.db.query(`INSERT INTO programs (${columns.map(([name]) => name).join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
  }

  async update(p: ProgramRecord): Promise<void> {
    const set = EDITABLE_COLUMNS.map(([name], i) => `${name} = $${i + 3}`).join(', ');
    await this.db.query(`UPDATE programs SET ${set} WHERE tenant_id = $1 AND id = $2`, [...KEY_COLUMNS.map(([, value]) => value(p)), ...EDITABLE_COLUMNS.map(([, value]) => value(p))]);
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
