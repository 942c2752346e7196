import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrFromEdges, type MenteeCsr } from './edge-rows.ts';
import { solveCandidates, type CandidateSolution } from './shortest-augmenting-paths.ts';

/** Most matched, then the highest total, by trying every assignment. */
function bruteForce(graph: MenteeCsr, capacities: Int32Array): { matched: number; totalScore: number } {
  const left = Array.from(capacities);
  let best = { matched: 0, totalScore: 0 };
  const visit = (j: number, matched: number, total: number): void => {
    if (j === graph.menteeCount) {
      if (matched > best.matched || (matched === best.matched && total > best.totalScore + 1e-12)) best = { matched, totalScore: total };
      return;
    }
    visit(j + 1, matched, total);
    for (let e = graph.start[j]!; e < graph.start[j + 1]!; e++) {
      const i = graph.mentor[e]!;
      if (left[i] === 0) continue;
      left[i]!--;
      visit(j + 1, matched + 1, total + graph.score[e]!);
      left[i]!++;
    }
  };
  visit(0, 0, 0);
  return best;
}

function summary(solution: CandidateSolution, graph: MenteeCsr, capacities: Int32Array): { matched: number; totalScore: number } {
  const load = new Int32Array(capacities.length);
  let matched = 0;
  let totalScore = 0;
  solution.menteeMentor.forEach((i, j) => {
    if (i === -1) return;
    let found = false;
    for (let e = graph.start[j]!; e < graph.start[j + 1]!; e++) if (graph.mentor[e] === i && graph.score[e] === solution.menteeScore[j]) found = true;
    expect(found).toBe(true);
    load[i]!++;
    matched++;
    totalScore += solution.menteeScore[j]!;
  });
  load.forEach((used, i) => expect(used).toBeLessThanOrEqual(capacities[i]!));
  return { matched, totalScore };
}

/** Mentors × mentees cells: 0 no edge, 1 an edge from the first round on, 2 an edge added later. */
function graphs(capacities: number[], menteeCount: number, cells: { round: number; score: number }[]): { capacities: Int32Array; first: MenteeCsr; full: MenteeCsr } {
  const m = capacities.length;
  const build = (upTo: number): MenteeCsr => {
    const mentee: number[] = [];
    const mentor: number[] = [];
    const score: number[] = [];
    for (let j = 0; j < menteeCount; j++) {
      for (let i = 0; i < m; i++) {
        const cell = cells[(j * m + i) % cells.length]!;
        if (cell.round === 0 || cell.round > upTo) continue;
        mentee.push(j);
        mentor.push(i);
        score.push(cell.score);
      }
    }
    return csrFromEdges(m, menteeCount, Int32Array.from(mentee), Int32Array.from(mentor), Float64Array.from(score), mentee.length);
  };
  return { capacities: Int32Array.from(capacities), first: build(1), full: build(2) };
}

/** Contended: a few mentors everyone wants (high scores), many rounds of added edges. */
const largerRounds = fc
  .record({
    capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 30 }),
    menteeCount: fc.integer({ min: 4, max: 40 }),
    cells: fc.array(
      fc.record({
        round: fc.integer({ min: 0, max: 2 }),
        score: fc.oneof(
          fc.integer({ min: 0, max: 8 }).map((q) => q / 8),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
      }),
      { minLength: 97, maxLength: 97 },
    ),
  })
  .map(({ capacities, menteeCount, cells }) => graphs(capacities, menteeCount, cells));

/** A graph, a subset of its edges (an earlier round's candidates) and the capacities. */
const rounds = fc
  .record({
    capacities: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 5 }),
    menteeCount: fc.integer({ min: 1, max: 7 }),
    cells: fc.array(
      fc.record({
        // 0: no edge, 1: an edge from the first round on, 2: an edge added later.
        round: fc.integer({ min: 0, max: 2 }),
        score: fc.oneof(
          fc.integer({ min: -4, max: 12 }).map((q) => q / 4),
          fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true }),
        ),
      }),
      { minLength: 35, maxLength: 35 },
    ),
  })
  .map(({ capacities, menteeCount, cells }) => {
    const m = capacities.length;
    const build = (upTo: number): MenteeCsr => {
      const mentee: number[] = [];
      const mentor: number[] = [];
      const score: number[] = [];
      for (let j = 0; j < menteeCount; j++) {
        for (let i = 0; i < m; i++) {
          const cell = cells[j * 5 + i]!;
          if (cell.round === 0 || cell.round > upTo) continue;
          mentee.push(j);
          mentor.push(i);
          score.push(cell.score);
        }
      }
      return csrFromEdges(m, menteeCount, Int32Array.from(mentee), Int32Array.from(mentor), Float64Array.from(score), mentee.length);
    };
    return { capacities: Int32Array.from(capacities), first: build(1), full: build(2) };
  });

describe('solveCandidates', () => {
  it('warm-started from an earlier round over fewer edges, reaches the same optimum as a cold solve', () => {
    fc.assert(
      fc.property(rounds, ({ capacities, first, full }) => {
        const earlier = solveCandidates(first, capacities);
        const warm = summary(solveCandidates(full, capacities, earlier), full, capacities);
        const cold = summary(solveCandidates(full, capacities), full, capacities);
        const best = bruteForce(full, capacities);
        expect(warm.matched).toBe(best.matched);
        expect(cold.matched).toBe(best.matched);
        expect(warm.totalScore).toBeCloseTo(best.totalScore, 9);
        expect(cold.totalScore).toBeCloseTo(best.totalScore, 9);
      }),
      { numRuns: 600 },
    );
  });

  it('warm-started on larger pools, matches as many with the same total as a cold solve', () => {
    fc.assert(
      fc.property(largerRounds, ({ capacities, first, full }) => {
        const earlier = solveCandidates(first, capacities);
        const warm = summary(solveCandidates(full, capacities, earlier), full, capacities);
        const cold = summary(solveCandidates(full, capacities), full, capacities);
        expect(warm.matched).toBe(cold.matched);
        expect(warm.totalScore).toBeCloseTo(cold.totalScore, 9);
      }),
      { numRuns: 300 },
    );
  });
});
