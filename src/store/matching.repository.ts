import type { MatchingDraft, MatchingRepository, PairRecord } from '../app/matching/ports.ts';
import type { SqlExecutor } from './sql-client.ts';

type StoredDraft = Omit<MatchingDraft, 'runAt' | 'publishedAt' | 'removals'> & { runAt: string; publishedAt: string | null };

export class SqlMatchingRepository implements MatchingRepository {
  constructor(private readonly db: SqlExecutor) {}

  async getDraft(tenantId: string, programId: string): Promise<MatchingDraft | undefined> {
    const [row] = await this.db.query<{ proposal: StoredDraft; removals: MatchingDraft['removals'] }>('SELECT proposal, removals FROM matching_drafts WHERE tenant_id = $1 AND program_id = $2', [
      tenantId,
      programId,
    ]);
    if (!row) return undefined;
    const p = row.proposal;
    return { ...p, runAt: new Date(p.runAt), publishedAt: p.publishedAt ? new Date(p.publishedAt) : null, removals: row.removals };
  }

  async saveDraft(tenantId: string, programId: string, draft: MatchingDraft): Promise<void> {
    const { removals, ...proposal } = draft;
    await this.db.query(
      `INSERT INTO matching_drafts (tenant_id, program_id, proposal, removals, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (tenant_id, program_id) DO UPDATE SET proposal = $3, removals = $4, updated_at = now()`,
      [tenantId, programId, JSON.stringify(proposal), JSON.stringify(removals)],
    );
  }

  async insertPairs(tenantId: string, programId: string, pairs: PairRecord[], at: Date): Promise<void> {
    for (const p of pairs) {
      await this.db.query(
        `INSERT INTO pairs (tenant_id, program_id, mentor_id, mentee_id, score, reasons, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (tenant_id, program_id, mentee_id) DO NOTHING`,
        [tenantId, programId, p.mentorId, p.menteeId, p.score, JSON.stringify(p.reasons), at],
      );
    }
  }

  async previousPartners(tenantId: string): Promise<Map<string, string[]>> {
    const rows = await this.db.query<{ mentor_id: string; mentee_id: string }>(
      'SELECT mentor_id, mentee_id FROM pairs WHERE tenant_id = $1 UNION SELECT mentor_id, mentee_id FROM ended_pairs WHERE tenant_id = $1',
      [tenantId],
    );
    const map = new Map<string, string[]>();
    const add = (a: string, b: string) => map.set(a, [...(map.get(a) ?? []), b]);
    for (const r of rows) {
      add(r.mentor_id, r.mentee_id);
      add(r.mentee_id, r.mentor_id);
    }
    return map;
  }

  async programPairs(tenantId: string, programId: string) {
    const rows = await this.db.query<{ mentor_id: string; mentee_id: string; score: number; reasons: string[]; published_at: Date }>(
      'SELECT * FROM pairs WHERE tenant_id = $1 AND program_id = $2 ORDER BY published_at, mentee_id',
      [tenantId, programId],
    );
    return rows.map((r) => ({
      mentorId: r.mentor_id,
      menteeId: r.mentee_id,
      score: Number(r.score),
      reasons: r.reasons,
      locked: true,
      manual: false,
      published: true,
      publishedAt: new Date(r.published_at),
    }));
  }

  async pairsOf(tenantId: string, userId: string) {
    const rows = await this.db.query<{ program_id: string; mentor_id: string; mentee_id: string; score: number; reasons: PairRecord['reasons']; published_at: Date }>(
      'SELECT * FROM pairs WHERE tenant_id = $1 AND (mentor_id = $2 OR mentee_id = $2) ORDER BY published_at DESC',
      [tenantId, userId],
    );
    return rows.map((r) => ({
      programId: r.program_id,
      mentorId: r.mentor_id,
      menteeId: r.mentee_id,
      score: Number(r.score),
      reasons: r.reasons,
      locked: false,
      manual: false,
      publishedAt: new Date(r.published_at),
    }));
  }
}
