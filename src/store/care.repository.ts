import type { CarePairKey, CarePairRecord, CareRepository, CareSettings, CheckInRecord, FitCheckRecord, PauseRecord } from '../app/care/ports.ts';
import { DEFAULT_CARE_SETTINGS } from '../app/care/ports.ts';
import { date, ts, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

const key = (r: Row): CarePairKey => ({ tenantId: String(r.tenant_id), programId: String(r.program_id), menteeId: String(r.mentee_id), mentorId: String(r.mentor_id) });

const toFit = (r: Row): FitCheckRecord => ({
  ...key(r),
  id: String(r.id),
  userId: String(r.user_id),
  askedAt: new Date(r.asked_at as string),
  answer: (r.answer as FitCheckRecord['answer']) ?? null,
  note: String(r.note),
  shareNote: r.share_note === true,
  answeredAt: ts(r.answered_at),
  decision: (r.decision as FitCheckRecord['decision']) ?? null,
  decidedBy: (r.decided_by as string | null) ?? null,
  decidedAt: ts(r.decided_at),
});

const toCheckIn = (r: Row): CheckInRecord => ({
  ...key(r),
  id: String(r.id),
  occasion: r.occasion as CheckInRecord['occasion'],
  askedAt: new Date(r.asked_at as string),
  speakOpenly: (r.speak_openly as CheckInRecord['speakOpenly']) ?? null,
  respectful: (r.respectful as CheckInRecord['respectful']) ?? null,
  forHr: String(r.for_hr),
  contactMe: r.contact_me === true,
  answeredAt: ts(r.answered_at),
});

const toCarePair = (r: Row): CarePairRecord => ({
  ...key(r),
  stalledSince: ts(r.stalled_since),
  stallReason: (r.stall_reason as string | null) ?? null,
  nudgedAt: ts(r.nudged_at),
  closeAskedAt: ts(r.close_asked_at),
  closedAt: ts(r.closed_at),
});

const toPause = (r: Row): PauseRecord => ({
  ...key(r),
  id: String(r.id),
  pausedBy: String(r.paused_by),
  untilDate: date(r.until_date),
  status: r.status as PauseRecord['status'],
  cancelled: r.cancelled as string[],
  problem: (r.problem as string | null) ?? null,
  createdAt: new Date(r.created_at as string),
});

const PAIR = 'tenant_id = $1 AND program_id = $2 AND mentee_id = $3 AND mentor_id = $4';
const pairArgs = (k: CarePairKey) => [k.tenantId, k.programId, k.menteeId, k.mentorId];

/** The care loop's tables. Private answers are read only through the use cases that keep them private. */
export class SqlCareRepository implements CareRepository {
  constructor(private readonly db: SqlExecutor) {}

  async settings(tenantId: string, programId: string): Promise<CareSettings> {
    const [r] = await this.db.query<Row>('SELECT * FROM care_settings WHERE tenant_id = $1 AND program_id = $2', [tenantId, programId]);
    return r ? { missedInRow: Number(r.missed_in_row), idleDays: Number(r.idle_days) } : { ...DEFAULT_CARE_SETTINGS };
  }

  async saveSettings(tenantId: string, programId: string, s: CareSettings, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO care_settings (tenant_id, program_id, missed_in_row, idle_days, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, program_id) DO UPDATE SET missed_in_row = $3, idle_days = $4, updated_at = $5`,
      [tenantId, programId, s.missedInRow, s.idleDays, at],
    );
  }

  async addFitCheck(r: FitCheckRecord): Promise<boolean> {
    const rows = await this.db.query<Row>(
      `INSERT INTO fit_checks (tenant_id, id, program_id, mentee_id, mentor_id, user_id, asked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, program_id, mentee_id, mentor_id, user_id) DO NOTHING RETURNING id`,
      [r.tenantId, r.id, r.programId, r.menteeId, r.mentorId, r.userId, r.askedAt],
    );
    return rows.length === 1;
  }

  async fitCheck(tenantId: string, id: string, forUpdate = false): Promise<FitCheckRecord | undefined> {
    const [r] = await this.db.query<Row>(`SELECT * FROM fit_checks WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [tenantId, id]);
    return r && toFit(r);
  }

  async fitChecksOfPair(k: CarePairKey): Promise<FitCheckRecord[]> {
    return (await this.db.query<Row>(`SELECT * FROM fit_checks WHERE ${PAIR} ORDER BY asked_at, user_id`, pairArgs(k))).map(toFit);
  }

  async fitChecksOfProgram(tenantId: string, programId: string): Promise<FitCheckRecord[]> {
    return (await this.db.query<Row>('SELECT * FROM fit_checks WHERE tenant_id = $1 AND program_id = $2 ORDER BY asked_at, user_id', [tenantId, programId])).map(toFit);
  }

  async saveFitCheck(r: FitCheckRecord): Promise<void> {
    await this.db.query(`UPDATE fit_checks SET answer = $3, note = $4, share_note = $5, answered_at = $6, decision = $7, decided_by = $8, decided_at = $9 WHERE tenant_id = $1 AND id = $2`, [
      r.tenantId,
      r.id,
      r.answer,
      r.note,
      r.shareNote,
      r.answeredAt,
      r.decision,
      r.decidedBy,
      r.decidedAt,
    ]);
  }

  async addCheckIn(r: CheckInRecord): Promise<boolean> {
    const rows = await this.db.query<Row>(
      `INSERT INTO check_ins (tenant_id, id, program_id, mentee_id, mentor_id, occasion, asked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, program_id, mentee_id, mentor_id, occasion) DO NOTHING RETURNING id`,
      [r.tenantId, r.id, r.programId, r.menteeId, r.mentorId, r.occasion, r.askedAt],
    );
    return rows.length === 1;
  }

  async checkIn(tenantId: string, id: string, forUpdate = false): Promise<CheckInRecord | undefined> {
    const [r] = await this.db.query<Row>(`SELECT * FROM check_ins WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [tenantId, id]);
    return r && toCheckIn(r);
  }

  async checkInsOfProgram(tenantId: string, programId: string): Promise<CheckInRecord[]> {
    return (await this.db.query<Row>('SELECT * FROM check_ins WHERE tenant_id = $1 AND program_id = $2 ORDER BY asked_at', [tenantId, programId])).map(toCheckIn);
  }

  async saveCheckIn(r: CheckInRecord): Promise<void> {
    await this.db.query(`UPDATE check_ins SET speak_openly = $3, respectful = $4, for_hr = $5, contact_me = $6, answered_at = $7 WHERE tenant_id = $1 AND id = $2`, [
      r.tenantId,
      r.id,
      r.speakOpenly,
      r.respectful,
      r.forHr,
      r.contactMe,
      r.answeredAt,
    ]);
  }

  async carePair(k: CarePairKey): Promise<CarePairRecord | undefined> {
    const [r] = await this.db.query<Row>(`SELECT * FROM care_pairs WHERE ${PAIR}`, pairArgs(k));
    return r && toCarePair(r);
  }

  async carePairsOfProgram(tenantId: string, programId: string): Promise<CarePairRecord[]> {
    return (await this.db.query<Row>('SELECT * FROM care_pairs WHERE tenant_id = $1 AND program_id = $2', [tenantId, programId])).map(toCarePair);
  }

  async saveCarePair(r: CarePairRecord, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO care_pairs (tenant_id, program_id, mentee_id, mentor_id, stalled_since, stall_reason, nudged_at, close_asked_at, closed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, program_id, mentee_id, mentor_id) DO UPDATE SET stalled_since = $5, stall_reason = $6, nudged_at = $7, close_asked_at = $8, closed_at = $9, updated_at = $10`,
      [...pairArgs(r), r.stalledSince, r.stallReason, r.nudgedAt, r.closeAskedAt, r.closedAt, at],
    );
  }

  async addPause(r: PauseRecord): Promise<boolean> {
    const rows = await this.db.query<Row>(
      `INSERT INTO pauses (tenant_id, id, program_id, mentee_id, mentor_id, paused_by, until_date, status, cancelled, problem, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) ON CONFLICT DO NOTHING RETURNING id`,
      [r.tenantId, r.id, r.programId, r.menteeId, r.mentorId, r.pausedBy, r.untilDate, r.status, JSON.stringify(r.cancelled), r.problem, r.createdAt],
    );
    return rows.length === 1;
  }

  async openPause(tenantId: string, programId: string, menteeId: string, forUpdate = false): Promise<PauseRecord | undefined> {
    const [r] = await this.db.query<Row>(`SELECT * FROM pauses WHERE tenant_id = $1 AND program_id = $2 AND mentee_id = $3 AND status <> 'over'${forUpdate ? ' FOR UPDATE' : ''}`, [
      tenantId,
      programId,
      menteeId,
    ]);
    return r && toPause(r);
  }

  async lockPausesToWork(today: string, limit: number): Promise<PauseRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM pauses WHERE status IN ('cancelling', 'resuming') OR (status = 'paused' AND until_date < $1) ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [today, limit],
    );
    return rows.map(toPause);
  }

  async savePause(r: PauseRecord, at: Date): Promise<void> {
    await this.db.query(`UPDATE pauses SET until_date = $3, status = $4, cancelled = $5, problem = $6, updated_at = $7 WHERE tenant_id = $1 AND id = $2`, [
      r.tenantId,
      r.id,
      r.untilDate,
      r.status,
      JSON.stringify(r.cancelled),
      r.problem,
      at,
    ]);
  }

  async repointPair(old: CarePairKey, mentorId: string, organizerId: string, pair: { score: number; reasons: string[] }, at: Date): Promise<boolean> {
    const rows = await this.db.query<Row>(
      `UPDATE bookings SET mentor_id = $5, organizer_id = $6, status = 'finding', attempt = attempt + 1, version = version + 1, chat_id = NULL, chat_ready = false,
              zones = '{}', offer = '[]', chosen = NULL, picked_by = NULL, event_id = NULL, join_url = NULL, problem = NULL, tries = 0, next_attempt_at = $7,
              ended_at = NULL, locked_until = NULL, meeting_id = NULL, series_dirty = false, series_checked_at = NULL, updated_at = $7
        WHERE ${PAIR} RETURNING mentee_id`,
      [...pairArgs(old), mentorId, organizerId, at],
    );
    if (rows.length === 0) return false;
    await this.db.query(`UPDATE pairs SET mentor_id = $5, score = $6, reasons = $7, published_at = $8 WHERE ${PAIR}`, [...pairArgs(old), mentorId, pair.score, JSON.stringify(pair.reasons), at]);
    return true;
  }

  async activeMenteeCounts(tenantId: string, programId: string): Promise<Map<string, number>> {
    const rows = await this.db.query<Row>(`SELECT mentor_id, count(*) AS n FROM bookings WHERE tenant_id = $1 AND program_id = $2 AND status NOT IN ('ending', 'ended') GROUP BY mentor_id`, [
      tenantId,
      programId,
    ]);
    return new Map(rows.map((r) => [String(r.mentor_id), Number(r.n)]));
  }

  async pairedMentees(tenantId: string, programId: string): Promise<Set<string>> {
    return new Set((await this.db.query<Row>('SELECT mentee_id FROM pairs WHERE tenant_id = $1 AND program_id = $2', [tenantId, programId])).map((r) => String(r.mentee_id)));
  }

  async bookedPairs(): Promise<CarePairKey[]> {
    return (await this.db.query<Row>("SELECT tenant_id, program_id, mentee_id, mentor_id FROM bookings WHERE status = 'booked' ORDER BY tenant_id, program_id, mentee_id")).map(key);
  }

  async addEndedPair(k: CarePairKey, reason: 'repair' | 'closed', at: Date): Promise<void> {
    await this.db.query(`INSERT INTO ended_pairs (tenant_id, program_id, mentor_id, mentee_id, reason, ended_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, [
      k.tenantId,
      k.programId,
      k.mentorId,
      k.menteeId,
      reason,
      at,
    ]);
  }

  async endedPartners(tenantId: string): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ mentor_id: string; mentee_id: string }>('SELECT mentor_id, mentee_id FROM ended_pairs WHERE tenant_id = $1', [tenantId]);
    const map = new Map<string, string[]>();
    const add = (a: string, b: string) => map.set(a, [...(map.get(a) ?? []), b]);
    for (const r of rows) {
      add(r.mentor_id, r.mentee_id);
      add(r.mentee_id, r.mentor_id);
    }
    return map;
  }
}
