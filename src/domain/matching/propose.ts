import { assign } from './assign.ts';
import type { PairReason } from './reasons.ts';
import { refusal, scorePair, whyUnmatched, type MatchingRules, type Participant, type Refusal } from './rules.ts';

export interface ProposedPair {
  mentorId: string;
  menteeId: string;
  score: number;
  reasons: string[];
  /** The reasons as codes without names (what is stored). */
  codes: PairReason[];
}

export interface Proposal {
  pairs: ProposedPair[];
  unmatched: { menteeId: string; reason: string }[];
  eligiblePairs: number;
  totalScore: number;
  optimalityGap: number;
}

/**
 * The whole matching pipeline on a pool: every mentor × mentee pair is checked against the
 * must-rules and scored; the solver picks the best assignment (most mentees matched, then the
 * highest total score) within each mentor's capacity. `kept` pairs (locked or assigned by hand)
 * stay and use up capacity; `removed` pairs are never proposed. Each unmatched mentee gets the
 * reason nobody fits.
 */
export function proposeMatches(
  mentors: Participant[],
  mentees: Participant[],
  rules: MatchingRules,
  capacity: number,
  options: { kept?: { mentorId: string; menteeId: string }[]; removed?: { mentorId: string; menteeId: string }[] } = {},
): Proposal {
  const kept = options.kept ?? [];
  const removed = new Set((options.removed ?? []).map((r) => `${r.mentorId}|${r.menteeId}`));
  const keptMentees = new Set(kept.map((p) => p.menteeId));
  const used = new Map<string, number>();
  for (const p of kept) used.set(p.mentorId, (used.get(p.mentorId) ?? 0) + 1);

  const open = mentees.filter((m) => !keptMentees.has(m.id));
  const edges: { mentor: string; mentee: string; score: number }[] = [];
  const reasons = new Map<string, Pick<ProposedPair, 'reasons' | 'codes'>>();
  const refusals = new Map<string, Refusal[]>();
  for (const mentee of open) {
    const refused: Refusal[] = [];
    for (const mentor of mentors) {
      if (mentor.id === mentee.id) continue;
      const no = refusal(mentor, mentee, rules);
      if (no) {
        refused.push(no);
        continue;
      }
      if (removed.has(`${mentor.id}|${mentee.id}`)) continue;
      const scored = scorePair(mentor, mentee, rules);
      edges.push({ mentor: mentor.id, mentee: mentee.id, score: scored.score });
      reasons.set(`${mentor.id}|${mentee.id}`, { reasons: scored.reasons, codes: scored.codes });
    }
    refusals.set(mentee.id, refused);
  }
  const result = assign({
    mentors: mentors.map((m) => ({ id: m.id, capacity: Math.max(0, capacity - (used.get(m.id) ?? 0)) })),
    mentees: open.map((m) => ({ id: m.id })),
    edges,
  });
  const matched = new Set(result.pairs.map((p) => p.mentee));
  const eligible = new Set(edges.map((e) => e.mentee));
  return {
    pairs: result.pairs.map((p) => ({ mentorId: p.mentor, menteeId: p.mentee, score: p.score, ...(reasons.get(`${p.mentor}|${p.mentee}`) ?? { reasons: [], codes: [] }) })),
    unmatched: open
      .filter((m) => !matched.has(m.id))
      .map((m) => ({
        menteeId: m.id,
        reason: eligible.has(m.id) ? 'every mentor who fits already has as many mentees as they can take' : whyUnmatched(m, refusals.get(m.id) ?? [], 0),
      })),
    eligiblePairs: edges.length,
    totalScore: result.totalScore,
    optimalityGap: result.optimalityGap,
  };
}
