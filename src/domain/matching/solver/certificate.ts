import type { EdgeRows, MenteeCsr } from './edge-rows.ts';
import type { CandidateSolution } from './shortest-augmenting-paths.ts';

/**
 * What one pass over every edge of the full problem says about a candidate solution.
 *
 * Cardinality: the mentees reachable by alternating paths from the unmatched ones, together with
 * the mentors they reach, give a König cover of the candidate graph whose weight is the number
 * matched. If it also covers every full edge, no matching of the full problem is larger.
 *
 * Score: for any mentor prices u >= 0, every edge obeys s(i,j) <= u(i) + a(j) with
 * a(j) = max over ALL of j's edges of s(i,j) - u(i). Summed over a matching of k mentees, that
 * gives total <= sum of capacity(i)·u(i) + the k largest a(j), a bound that needs no trust in
 * the solver. The prices come from the solver's potentials, which make the bound tight when the
 * candidate graph already holds an optimum.
 */
export interface Certificate {
  readonly matched: number;
  readonly totalScore: number;
  /** Bound on the best total among matchings of `matched` mentees; meaningful when `cardinalityProven`. */
  readonly upperBound: number;
  readonly cardinalityProven: boolean;
  /** Edges to add to the candidate graph (cover-breaking or price-violating), `extraCount` of them. */
  readonly extraMentee: Int32Array;
  readonly extraMentor: Int32Array;
  readonly extraScore: Float64Array;
  readonly extraCount: number;
}

/**
 * Checks a candidate solution against every edge of `rows` and proposes, per mentee, up to
 * `edgesPerMentee` (>= 1) edges to add: those that break the König cover (they may lengthen the
 * matching) and those that would loosen the bound (they beat her candidate edges at the current
 * prices or, for a left-out mentee, the worst matched one), the largest gains first.
 */
export function certify(
  rows: EdgeRows,
  graph: MenteeCsr,
  solution: CandidateSolution,
  capacities: Int32Array,
  edgesPerMentee: number,
): Certificate {
  const m = rows.mentorCount;
  const n = rows.menteeCount;
  const { menteeMentor, menteeScore, potential } = solution;
  const sinkPotential = potential[m + n]!;

  let matched = 0;
  let totalScore = 0;
  let scale = 1;
  for (let j = 0; j < n; j++) {
    if (menteeMentor[j] === -1) continue;
    matched++;
    totalScore += menteeScore[j]!;
    scale = Math.max(scale, Math.abs(menteeScore[j]!));
  }
  const tolerance = 1e-9 * scale;

  const price = new Float64Array(m);
  let priceTerm = 0;
  for (let i = 0; i < m; i++) {
    const u = sinkPotential - potential[i]!;
    price[i] = u > 0 ? u : 0;
    priceTerm += capacities[i]! * price[i]!;
  }

  const inCover = reachableFromUnmatched(graph, solution);
  const mentorReached = inCover.mentors;
  const menteeReached = inCover.mentees;

  const rowMentor = new Int32Array(m);
  const rowScore = new Float64Array(m);
  const best = new Float64Array(n);
  let bestCount = 0;
  let extraMentee = new Int32Array(Math.max(16, n));
  let extraMentor = new Int32Array(extraMentee.length);
  let extraScore = new Float64Array(extraMentee.length);
  let extraCount = 0;
  let uncovered = 0;
  const pickMentor = new Int32Array(edgesPerMentee);
  const pickScore = new Float64Array(edgesPerMentee);
  const pickGain = new Float64Array(edgesPerMentee);

  const push = (j: number, i: number, s: number): void => {
    if (extraCount === extraMentee.length) {
      const size = 2 * extraCount;
      const grownMentee = new Int32Array(size);
      const grownMentor = new Int32Array(size);
      const grownScore = new Float64Array(size);
      grownMentee.set(extraMentee);
      grownMentor.set(extraMentor);
      grownScore.set(extraScore);
      extraMentee = grownMentee;
      extraMentor = grownMentor;
      extraScore = grownScore;
    }
    extraMentee[extraCount] = j;
    extraMentor[extraCount] = i;
    extraScore[extraCount] = s;
    extraCount++;
  };

  // Best value of each mentee's candidate edges at these prices, and the lowest among the matched:
  // a left-out mentee's edge loosens the bound as soon as it beats that lowest matched value.
  const candidateBest = new Float64Array(n).fill(-Infinity);
  let matchedFloor = Infinity;
  for (let j = 0; j < n; j++) {
    for (let e = graph.start[j]!; e < graph.start[j + 1]!; e++) {
      const v = graph.score[e]! - price[graph.mentor[e]!]!;
      if (v > candidateBest[j]!) candidateBest[j] = v;
    }
    if (menteeMentor[j] !== -1) matchedFloor = Math.min(matchedFloor, candidateBest[j]!);
  }

  for (let j = 0; j < n; j++) {
    const reference = menteeMentor[j] === -1 ? Math.min(candidateBest[j]!, matchedFloor) : candidateBest[j]!;
    const threshold = reference + tolerance;
    const reached = menteeReached[j] === 1;
    const len = rows.readRow(j, rowMentor, rowScore);
    let rowBest = -Infinity;
    let picks = 0;
    for (let t = 0; t < len; t++) {
      const i = rowMentor[t]!;
      if (capacities[i] === 0) continue;
      const s = rowScore[t]!;
      const v = s - price[i]!;
      if (v > rowBest) rowBest = v;
      // Edges that matter: those breaking the cover (from a mentee the alternating paths reach,
      // they may lengthen the matching) and those beating the mentee's candidates at these prices.
      // Only the most promising few per mentee go to the next round.
      const breaksCover = reached && mentorReached[i] === 0;
      if (breaksCover) uncovered++;
      const wanted = breaksCover || v > threshold;
      if (wanted && (picks < edgesPerMentee || v > pickGain[picks - 1]!)) {
        let at = picks < edgesPerMentee ? picks++ : picks - 1;
        while (at > 0 && pickGain[at - 1]! < v) {
          pickGain[at] = pickGain[at - 1]!;
          pickMentor[at] = pickMentor[at - 1]!;
          pickScore[at] = pickScore[at - 1]!;
          at--;
        }
        pickGain[at] = v;
        pickMentor[at] = i;
        pickScore[at] = s;
      }
    }
    for (let r = 0; r < picks; r++) push(j, pickMentor[r]!, pickScore[r]!);
    if (rowBest > -Infinity) best[bestCount++] = rowBest;
  }

  return {
    matched,
    totalScore,
    upperBound: priceTerm + sumOfLargest(best.subarray(0, bestCount), matched),
    cardinalityProven: uncovered === 0,
    extraMentee,
    extraMentor,
    extraScore,
    extraCount,
  };
}

/** Mentees and mentors reachable by alternating paths from the unmatched mentees (1 = reached). */
function reachableFromUnmatched(
  graph: MenteeCsr,
  solution: CandidateSolution,
): { mentees: Uint8Array; mentors: Uint8Array } {
  const n = graph.menteeCount;
  const mentees = new Uint8Array(n);
  const mentors = new Uint8Array(graph.mentorCount);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let j = 0; j < n; j++) {
    if (solution.menteeMentor[j] === -1) {
      mentees[j] = 1;
      queue[tail++] = j;
    }
  }
  for (let head = 0; head < tail; head++) {
    const x = queue[head]!;
    for (let e = graph.start[x]!; e < graph.start[x + 1]!; e++) {
      const i = graph.mentor[e]!;
      if (mentors[i] === 1) continue;
      mentors[i] = 1;
      const first = solution.slotStart[i]!;
      const load = solution.mentorLoad[i]!;
      if (first + load < solution.slotStart[i + 1]!) {
        throw new Error('matching invariant broken: an augmenting path was left in the candidate graph');
      }
      for (let r = first; r < first + load; r++) {
        const y = solution.slotMentee[r]!;
        if (mentees[y] === 0) {
          mentees[y] = 1;
          queue[tail++] = y;
        }
      }
    }
  }
  return { mentees, mentors };
}

function sumOfLargest(values: Float64Array, k: number): number {
  if (k === 0) return 0;
  const sorted = k < values.length ? values.slice().sort() : values;
  let sum = 0;
  for (let r = Math.max(0, sorted.length - k); r < sorted.length; r++) sum += sorted[r]!;
  return sum;
}
