import { selectCandidates, withBestAtPrices, withExtraEdges, withRoomForTheLeftOut } from './candidates.ts';
import { certify, type Certificate } from './certificate.ts';
import type { EdgeRows, MenteeCsr } from './edge-rows.ts';
import { solveCandidates, type CandidateSolution } from './shortest-augmenting-paths.ts';

/** How hard to work; see `assign` for the defaults and what each one trades. */
export interface SolveSettings {
  /** Keep going until the certified gap is zero. */
  readonly exact: boolean;
  readonly candidatesPerMentee: number;
  readonly candidatesPerMentor: number;
  /**
   * Pricing rounds after the first solve when not exact (cardinality repairs do not count);
   * Infinity: until the gap meets the target.
   */
  readonly maxPricingRounds: number;
  /** Stop pricing when the certified gap is at most this fraction of the total score. */
  readonly targetRelativeGap: number;
  readonly edgesPerMentee: number;
}

/** A solution by dense indices, with how it was reached. */
export interface IndexedSolution {
  readonly menteeMentor: Int32Array;
  readonly menteeScore: Float64Array;
  readonly matched: number;
  readonly totalScore: number;
  /** Certified bound on the optimum's total minus ours; 0 when proven optimal. */
  readonly optimalityGap: number;
  /** Candidate-graph solves performed. */
  readonly rounds: number;
  readonly candidateEdges: number;
  readonly usableEdges: number;
}

/** A round over the pools alone is worth a solve when they offer this many new edges per mentee. */
const POOL_ROUND_EXTRAS = 0.5;
const MAX_POOL_ROUNDS = 3;

/**
 * Solves the assignment over candidate edges and proves the result against every edge: solve,
 * certify, add the edges the certificate points at, solve again warm-started from the last
 * matching and its potentials (only the mentees the new edges tempt are placed again), and stop
 * as soon as the gap is proven small enough: zero when `exact`, the target otherwise, with no
 * round cap unless one is asked for. Cardinality is always made maximal (edges that break the
 * König cover are added until none do), however thin the candidate lists. When pricing stalls
 * with a gap left, every mentee's candidates widen by her best edges at the current prices, in
 * doubling steps: the graph never jumps to every edge at once.
 *
 * Every row is read once, by the pass that picks the candidates; it also keeps each mentee's best
 * edges in a pool with a bound on the rest. A certificate reads again only the rows of mentees
 * whose pools cannot settle their part (an edge outside might beat her candidates at the new
 * prices, or break the cover), and refills their pools at those prices: on large pools most of
 * the time goes into reading rows, so this is what the work is counted in. After the first solve,
 * the pools usually hold many better edges: solving again with them first (a round that reads no
 * row) brings the prices close enough that the rows read afterwards settle for good.
 */
export function solveRows(rows: EdgeRows, settings: SolveSettings): IndexedSolution {
  const n = rows.menteeCount;
  const capacities = new Int32Array(rows.mentorCount);
  for (let i = 0; i < rows.mentorCount; i++) capacities[i] = Math.min(rows.capacities[i]!, n);

  const selection = selectCandidates(rows, capacities, settings.candidatesPerMentee, settings.candidatesPerMentor);
  const usableEdges = selection.fullEdgeCount;
  const pool = selection.pool;
  let graph: MenteeCsr =
    selection.graph.mentor.length < usableEdges ? withRoomForTheLeftOut(rows, selection.graph, pool, selection.spare, capacities, byRegret(selection.graph), settings.edgesPerMentee) : selection.graph;
  let warm: CandidateSolution | undefined;
  let pricingRounds = 0;
  let poolRounds = 0;
  let rounds = 0;
  const maxPricingRounds = settings.exact ? Infinity : settings.maxPricingRounds;
  let widen = settings.edgesPerMentee;

  for (;;) {
    const complete = graph.mentor.length >= usableEdges;
    const solution = solveCandidates(graph, capacities, warm, byRegret(graph));
    rounds++;
    if (complete) return finish(solution, 0, rounds, graph.mentor.length, usableEdges);

    // First from the pools alone, reading no row: enough when every mentee's pool settles her
    // part. Otherwise read the rows the pools leave uncertain, and only those (even to repair a
    // cover the pools show broken: a round costs a solve, and the rows hold more repairs).
    let certificate = certify(rows, graph, pool, solution, capacities, settings.edgesPerMentee, false);
    let verdict = judge(certificate, settings);
    if (verdict.done) return finish(solution, verdict.gap, rounds, graph.mentor.length, usableEdges);
    // While the pools alone still hold many improving edges, another solve over them costs less
    // than reading rows, and the rows read afterwards are priced closer to the optimum.
    const poolRound = certificate.uncertain > 0 && certificate.extraCount >= POOL_ROUND_EXTRAS * n && poolRounds < MAX_POOL_ROUNDS && pricingRounds < maxPricingRounds;
    if (poolRound) {
      poolRounds++;
    } else if (certificate.uncertain > 0) {
      certificate = certify(rows, graph, pool, solution, capacities, settings.edgesPerMentee, true);
      verdict = judge(certificate, settings);
      if (verdict.done) return finish(solution, verdict.gap, rounds, graph.mentor.length, usableEdges);
    }
    if (!poolRound && !certificate.coverBroken) {
      if (pricingRounds >= maxPricingRounds && !settings.exact) return finish(solution, verdict.gap, rounds, graph.mentor.length, usableEdges);
      if (certificate.extraCount === 0) {
        // No edge beats its mentee's candidates at these prices, yet they certify no better (it
        // can happen when some mentees stay unmatched): widen every mentee's candidates by her
        // best edges at these prices, twice as many each time such a round comes, so that the
        // graph grows in steps, never to every edge at once.
        graph = withBestAtPrices(rows, graph, prices(solution, rows.mentorCount), widen);
        widen *= 2;
        warm = solution;
        continue;
      }
      pricingRounds++;
    }
    graph = withExtraEdges(graph, certificate.extraMentee, certificate.extraMentor, certificate.extraScore, certificate.extraCount);
    warm = solution;
  }
}

/**
 * Whether a certificate ends the search: cardinality proven and the gap within rounding noise
 * (proven optimal, gap 0) or, when not exact, within the target.
 */
function judge(certificate: Certificate, settings: SolveSettings): { done: boolean; gap: number } {
  const gap = Math.max(0, certificate.upperBound - certificate.totalScore);
  if (!certificate.cardinalityProven) return { done: false, gap };
  const tolerance = 1e-9 * Math.max(1, Math.abs(certificate.totalScore));
  if (gap <= tolerance) return { done: true, gap: 0 };
  return { done: !settings.exact && gap <= settings.targetRelativeGap * Math.abs(certificate.totalScore), gap };
}

/**
 * Mentees ordered by how much they lose if they miss their best candidate (best minus second-best
 * score), largest first, ties by index. The result does not depend on the order, the work does:
 * serving first those who would later displace others saves most of the displacement searches.
 */
function byRegret(graph: MenteeCsr): Int32Array {
  const n = graph.menteeCount;
  const regret = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let best = -Infinity;
    let second = -Infinity;
    for (let e = graph.start[j]!; e < graph.start[j + 1]!; e++) {
      const s = graph.score[e]!;
      if (s > best) {
        second = best;
        best = s;
      } else if (s > second) {
        second = s;
      }
    }
    regret[j] = best === -Infinity ? 0 : second === -Infinity ? Infinity : best - second;
  }
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  return order.sort((a, b) => regret[b]! - regret[a]! || a - b);
}

/** Mentor prices as the certificate reads them from a solution's potentials. */
function prices(solution: CandidateSolution, mentorCount: number): Float64Array {
  const sink = solution.potential[solution.potential.length - 1]!;
  const price = new Float64Array(mentorCount);
  for (let i = 0; i < mentorCount; i++) price[i] = Math.max(0, sink - solution.potential[i]!);
  return price;
}

function finish(solution: CandidateSolution, optimalityGap: number, rounds: number, candidateEdges: number, usableEdges: number): IndexedSolution {
  let matched = 0;
  let totalScore = 0;
  for (let j = 0; j < solution.menteeMentor.length; j++) {
    if (solution.menteeMentor[j] === -1) continue;
    matched++;
    totalScore += solution.menteeScore[j]!;
  }
  return {
    menteeMentor: solution.menteeMentor,
    menteeScore: solution.menteeScore,
    matched,
    totalScore,
    optimalityGap,
    rounds,
    candidateEdges,
    usableEdges,
  };
}
