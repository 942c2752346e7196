import type { SeriesChangeRecord, SeriesChangeRepository } from '../app/programs/ports.ts';
import type { Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

function toChange(r: Row): SeriesChangeRecord {
  return {
    tenantId: String(r.tenant_id),
    programId: String(r.program_id),
    menteeId: String(r.mentee_id),
    changeId: String(r.change_id),
    status: r.status as SeriesChangeRecord['status'],
    summary: r.summary as string[],
    target: r.target as SeriesChangeRecord['target'],
    problem: (r.problem as string | null) ?? null,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

export class SqlSeriesChangeRepository implements SeriesChangeRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(r: SeriesChangeRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO series_changes (tenant_id, program_id, mentee_id, change_id, status, summary, target, problem, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [r.tenantId, r.programId, r.menteeId, r.changeId, r.status, JSON.stringify(r.summary), JSON.stringify(r.target), r.problem, r.createdAt, r.updatedAt],
    );
  }

  async getForUpdate(tenantId: string, programId: string, menteeId: string, changeId: string): Promise<SeriesChangeRecord | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM series_changes WHERE tenant_id = $1 AND program_id = $2 AND mentee_id = $3 AND change_id = $4 FOR UPDATE', [
      tenantId,
      programId,
      menteeId,
      changeId,
    ]);
    return row && toChange(row);
  }

  async save(r: SeriesChangeRecord): Promise<void> {
    await this.db.query('UPDATE series_changes SET status = $5, problem = $6, updated_at = $7 WHERE tenant_id = $1 AND program_id = $2 AND mentee_id = $3 AND change_id = $4', [
      r.tenantId,
      r.programId,
      r.menteeId,
      r.changeId,
      r.status,
      r.problem,
      r.updatedAt,
    ]);
  }

  async latest(tenantId: string, programId: string): Promise<SeriesChangeRecord[]> {
    const rows = await this.db.query<Row>(`SELECT DISTINCT ON (mentee_id) * FROM series_changes WHERE tenant_id = $1 AND program_id = $2 ORDER BY mentee_id, created_at DESC, change_id DESC`, [
      tenantId,
      programId,
    ]);
    return rows.map(toChange);
  }
}
