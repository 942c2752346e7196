import type { BookingRecord, BookingRepository } from '../app/booking/ports.ts';
import type { SlotCandidate } from '../domain/scheduling/types.ts';
import { ts, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

/** Statuses whose row must hold the picked time, and those that must also hold the series' event. */
const PICKED = new Set(['booking', 'booked', 'ending']);
const SERIES = new Set(['booked', 'ending']);

export function toBookingRecord(r: Row): BookingRecord {
  const record = {
    tenantId: String(r.tenant_id),
    programId: String(r.program_id),
    menteeId: String(r.mentee_id),
    mentorId: String(r.mentor_id),
    organizerId: String(r.organizer_id),
    status: r.status as BookingRecord['status'],
    attempt: Number(r.attempt),
    version: Number(r.version),
    chatId: (r.chat_id as string | null) ?? null,
    chatReady: r.chat_ready === true,
    zones: (r.zones as Record<string, string> | null) ?? {},
    offer: (r.offer as SlotCandidate[] | null) ?? [],
    chosen: (r.chosen as SlotCandidate | null) ?? null,
    pickedBy: (r.picked_by as string | null) ?? null,
    eventId: (r.event_id as string | null) ?? null,
    joinUrl: (r.join_url as string | null) ?? null,
    problem: (r.problem as string | null) ?? null,
    tries: Number(r.tries),
    nextAttemptAt: ts(r.next_attempt_at)!,
    endedAt: ts(r.ended_at),
  };
  // The table's CHECK constraints keep these true; a row that breaks them is a bug, not a state.
  if ((PICKED.has(record.status) && !record.chosen) || (SERIES.has(record.status) && !record.eventId)) {
    throw new Error(`booking ${record.programId}/${record.menteeId} is ${record.status} without ${record.chosen ? 'an event' : 'a picked time'}`);
  }
  return record as BookingRecord;
}

const KEY = 'tenant_id = $1 AND program_id = $2 AND mentee_id = $3';

/** Pairs' meeting series in Postgres; several instances can work the due ones together (SKIP LOCKED). */
export class SqlBookingRepository implements BookingRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insertMany(records: Pick<BookingRecord, 'tenantId' | 'programId' | 'menteeId' | 'mentorId' | 'organizerId'>[], at: Date): Promise<void> {
    for (const r of records) {
      await this.db.query(
        `INSERT INTO bookings (tenant_id, program_id, mentee_id, mentor_id, organizer_id, status, next_attempt_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'finding', $6, $6, $6) ON CONFLICT (tenant_id, program_id, mentee_id) DO NOTHING`,
        [r.tenantId, r.programId, r.menteeId, r.mentorId, r.organizerId, at],
      );
    }
  }

  async get(tenantId: string, programId: string, menteeId: string): Promise<BookingRecord | undefined> {
    const [r] = await this.db.query<Row>(`SELECT * FROM bookings WHERE ${KEY}`, [tenantId, programId, menteeId]);
    return r && toBookingRecord(r);
  }

  async getForUpdate(tenantId: string, programId: string, menteeId: string): Promise<BookingRecord | undefined> {
    const [r] = await this.db.query<Row>(`SELECT * FROM bookings WHERE ${KEY} FOR UPDATE`, [tenantId, programId, menteeId]);
    return r && toBookingRecord(r);
  }

  async claimDue<S extends 'finding' | 'booking' | 'ending'>(status: S, now: Date, limit: number, leaseMs: number): Promise<(BookingRecord & { status: S })[]> {
    const rows = await this.db.query<Row>(
      `UPDATE bookings SET locked_until = $4
        WHERE (tenant_id, program_id, mentee_id) IN (
          SELECT tenant_id, program_id, mentee_id FROM bookings
           WHERE status = $1 AND next_attempt_at <= $2 AND (locked_until IS NULL OR locked_until < $2)
           ORDER BY next_attempt_at, created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [status, now, limit, new Date(now.getTime() + leaseMs)],
    );
    // Every row returned has `status` S (the WHERE clause), so toRecord gives S's variant.
    return rows.map(toBookingRecord).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime()) as (BookingRecord & { status: S })[];
  }

  async save(b: BookingRecord, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE bookings SET status = $4, attempt = $5, version = $6, chat_id = $7, offer = $8, chosen = $9, picked_by = $10, event_id = $11,
              join_url = $12, problem = $13, tries = $14, next_attempt_at = $15, ended_at = $16, locked_until = NULL, updated_at = $17,
              chat_ready = $18, zones = $19
        WHERE ${KEY}`,
      [
        b.tenantId,
        b.programId,
        b.menteeId,
        b.status,
        b.attempt,
        b.version,
        b.chatId,
        JSON.stringify(b.offer),
        b.chosen ? JSON.stringify(b.chosen) : null,
        b.pickedBy,
        b.eventId,
        b.joinUrl,
        b.problem,
        b.tries,
        b.nextAttemptAt,
        b.endedAt,
        at,
        b.chatReady,
        JSON.stringify(b.zones),
      ],
    );
  }

  async saveMany(records: readonly BookingRecord[], at: Date): Promise<void> {
    // One statement for a batch of pairs; a key given twice keeps its last record, as saving one by one would.
    const last = new Map(records.map((b) => [`${b.tenantId}|${b.programId}|${b.menteeId}`, b]));
    if (last.size === 0) return;
    const rows = [...last.values()].map((b) => ({
      tenant_id: b.tenantId,
      program_id: b.programId,
      mentee_id: b.menteeId,
      status: b.status,
      attempt: b.attempt,
      version: b.version,
      chat_id: b.chatId,
      offer: b.offer,
      chosen: b.chosen,
      picked_by: b.pickedBy,
      event_id: b.eventId,
      join_url: b.joinUrl,
      problem: b.problem,
      tries: b.tries,
      next_attempt_at: b.nextAttemptAt,
      ended_at: b.endedAt,
      chat_ready: b.chatReady,
      zones: b.zones,
    }));
    await this.db.query(
      `UPDATE bookings AS b SET status = r.status, attempt = r.attempt, version = r.version, chat_id = r.chat_id, offer = r.offer, chosen = NULLIF(r.chosen, 'null'),
              picked_by = r.picked_by, event_id = r.event_id, join_url = r.join_url, problem = r.problem, tries = r.tries, next_attempt_at = r.next_attempt_at,
              ended_at = r.ended_at, locked_until = NULL, updated_at = $2, chat_ready = r.chat_ready, zones = r.zones
         FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id uuid, program_id uuid, mentee_id uuid, status text, attempt integer, version integer, chat_id text, offer jsonb,
              chosen jsonb, picked_by uuid, event_id text, join_url text, problem text, tries integer, next_attempt_at timestamptz, ended_at timestamptz, chat_ready boolean, zones jsonb)
        WHERE b.tenant_id = r.tenant_id AND b.program_id = r.program_id AND b.mentee_id = r.mentee_id`,
      [JSON.stringify(rows), at],
    );
  }

  async listForProgram(tenantId: string, programId: string): Promise<BookingRecord[]> {
    return (await this.db.query<Row>('SELECT * FROM bookings WHERE tenant_id = $1 AND program_id = $2 ORDER BY created_at, mentee_id', [tenantId, programId])).map(toBookingRecord);
  }
}
