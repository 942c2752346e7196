import type { SeriesRepository, SeriesState } from '../app/sessions/ports.ts';
import { toBookingRecord } from './bookings.repository.ts';
import { ts, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

const toState = (r: Row): SeriesState => ({
  booking: toBookingRecord(r),
  sessionsVersion: Number(r.sessions_version),
  meetingId: (r.meeting_id as string | null) ?? null,
  dirty: r.series_dirty === true,
  checkedAt: ts(r.series_checked_at),
});

const KEY = 'tenant_id = $1 AND program_id = $2 AND mentee_id = $3';

/** The session loop's own columns of a pair's booking: which version its sessions come from, the meeting's id, Outlook reads. */
export class SqlSeriesRepository implements SeriesRepository {
  constructor(private readonly db: SqlExecutor) {}

  async listStale(limit: number): Promise<SeriesState[]> {
    const rows = await this.db.query<Row>(`SELECT * FROM bookings WHERE status IN ('booked', 'ending', 'ended') AND sessions_version < version ORDER BY updated_at LIMIT $1 FOR UPDATE SKIP LOCKED`, [
      limit,
    ]);
    return rows.map(toState);
  }

  async markWritten(b: { tenantId: string; programId: string; menteeId: string }, version: number): Promise<void> {
    await this.db.query(`UPDATE bookings SET sessions_version = GREATEST(sessions_version, $4) WHERE ${KEY}`, [b.tenantId, b.programId, b.menteeId, version]);
  }

  async listToCheck(before: Date, limit: number): Promise<SeriesState[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM bookings WHERE status = 'booked' AND sessions_version >= version AND (series_dirty OR series_checked_at IS NULL OR series_checked_at < $1)
        ORDER BY series_dirty DESC, series_checked_at NULLS FIRST LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [before, limit],
    );
    return rows.map(toState);
  }

  async markChecked(keys: { tenantId: string; programId: string; menteeId: string }[], at: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query(
      `UPDATE bookings b SET series_dirty = false, series_checked_at = $4 FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(tenant_id, program_id, mentee_id)
        WHERE b.tenant_id = k.tenant_id AND b.program_id = k.program_id AND b.mentee_id = k.mentee_id`,
      [keys.map((k) => k.tenantId), keys.map((k) => k.programId), keys.map((k) => k.menteeId), at],
    );
  }

  async markDirty(tenantId: string, organizerId: string): Promise<number> {
    const rows = await this.db.query<Row>(`UPDATE bookings SET series_dirty = true WHERE tenant_id = $1 AND organizer_id = $2 AND status = 'booked' RETURNING mentee_id`, [tenantId, organizerId]);
    return rows.length;
  }

  async setMeetingId(key: { tenantId: string; programId: string; menteeId: string }, meetingId: string): Promise<void> {
    await this.db.query(`UPDATE bookings SET meeting_id = $4 WHERE ${KEY}`, [key.tenantId, key.programId, key.menteeId, meetingId]);
  }

  async get(tenantId: string, programId: string, menteeId: string): Promise<SeriesState | undefined> {
    const [r] = await this.db.query<Row>(`SELECT * FROM bookings WHERE ${KEY}`, [tenantId, programId, menteeId]);
    return r && toState(r);
  }

  async organizers(tenantId: string): Promise<string[]> {
    const rows = await this.db.query<Row>(`SELECT DISTINCT organizer_id FROM bookings WHERE tenant_id = $1 AND status = 'booked' ORDER BY organizer_id`, [tenantId]);
    return rows.map((r) => String(r.organizer_id));
  }
}
