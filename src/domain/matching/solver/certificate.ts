import type { EdgePool } from './candidates.ts';
import type { EdgeRows, MenteeCsr } from './edge-rows.ts';
import type { CandidateSolution } from './shortest-augmenting-paths.ts';
import { TopEdges } from './top-edges.ts';

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
  /** Some edge is known to break the cover: the matching may be too small (repair rounds are free). */
  readonly coverBroken: boolean;
  /** Edges to add to the candidate graph (cover-breaking or price-violating), `extraCount` of them. */
  readonly extraMentee: Int32Array;
  readonly extraMentor: Int32Array;
  readonly extraScore: Float64Array;
  readonly extraCount: number;
  /** Mentees whose rows were read in full. */
  readonly rowsRead: number;
  /** Edges checked one by one (`EdgeRows.readEdges`) instead of reading their rows. */
  readonly edgesChecked: number;
  /**
   * Mentees whose pool could not settle their part of the certificate (an edge outside it might
   * break the cover or beat her candidates); 0 when `readRows` was asked for, which reads them.
   */
  readonly uncertain: number;
}

/**
 * Checks a candidate solution against every edge of the full problem and proposes, per mentee, up
 * to `edgesPerMentee` (>= 1) edges to add: those that break the König cover (they may lengthen
 * the matching) and those that would loosen the bound (they beat her candidate edges at the
 * current prices or, for a left-out mentee, the worst matched one), the largest gains first.
 *
 * Most mentees are settled by their pool alone: no edge outside it is worth more than its bound
 * (see `EdgePool`), which bounds her term of the certificate. A mentee whose pool cannot settle
 * it (an outside edge might beat her candidates, or break the cover from a mentee the alternating
 * paths reach) is `uncertain`; with `readRows` her row is read and checked edge by edge, and her
 * pool is refilled with her best edges at these prices (a new epoch of the pool); otherwise her
 * term uses the bound and the cover is not proven. When the rows can be read edge by edge
 * (`EdgeRows.readEdges`) and only a few mentors outside her pool could hide a better edge (those
 * whose price fell by more than her margin since her pool was filled), those edges alone are
 * checked, in either mode, and settle her part without reading her row: late in the search, when
 * prices move little, that is a few dozen edges instead of a whole row.
 */
export function certify(rows: EdgeRows, graph: MenteeCsr, pool: EdgePool, solution: CandidateSolution, capacities: Int32Array, edgesPerMentee: number, readRows: boolean): Certificate {
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
  let uncertain = 0;
  let coverUnknown = 0;
  let rowsRead = 0;
  const pickMentor = new Int32Array(edgesPerMentee);
  const pickScore = new Float64Array(edgesPerMentee);
  const pickGain = new Float64Array(edgesPerMentee);
  // inGraph[i] === j + 1: edge (i, j) is already a candidate.
  const inGraph = new Int32Array(m);
  let refilled = 0;
  const newEpoch = pool.prices.length;
  const listed = new Int32Array(m);
  const refill = new TopEdges(pool.size);

  // Best value of each mentee's candidate edges at these prices, and the lowest among the matched:
  // a left-out mentee's edge loosens the bound as soon as it beats that lowest matched value.
  const candidateBest = new Float64Array(n).fill(-Infinity);
  let matchedFloor = Infinity;
  for (let j = 0; j < n; j++) {
    let top = -Infinity;
    for (let e = graph.start[j]!; e < graph.start[j + 1]!; e++) {
      const v = graph.score[e]! - price[graph.mentor[e]!]!;
      if (v > top) top = v;
    }
    candidateBest[j] = top;
    if (menteeMentor[j] !== -1 && top < matchedFloor) matchedFloor = top;
  }

  const poolSize = pool.size;
  const readEdges = rows.readEdges?.bind(rows);
  const checkLimit = Math.max(1, Math.floor(m / CHECKS_PER_ROW));
  const checkMentor = new Int32Array(checkLimit);
  const checkScore = new Float64Array(checkLimit);
  const spotMentor = new Int32Array(poolSize + checkLimit);
  const spotScore = new Float64Array(poolSize + checkLimit);
  let edgesChecked = 0;
  const drift = pool.prices.map((prices) => priceDrops(prices, price, capacities));
  for (let j = 0; j < n; j++) {
    const reference = menteeMentor[j] === -1 ? Math.min(candidateBest[j]!, matchedFloor) : candidateBest[j]!;
    const threshold = reference + tolerance;
    const reached = menteeReached[j] === 1;
    const unseen = pool.unseen[j]!;
    const fromPool = j * poolSize;
    for (let r = fromPool; r < fromPool + pool.count[j]!; r++) listed[pool.mentor[r]!] = j + 1;
    // When no edge outside her pool can be worth more than her reference, the pool alone gives
    // the same extras and the same term as her whole row.
    const drop = drift[pool.epoch[j]!]!;
    let settled = unseen === -Infinity || (!reached && outsideAtMost(drop, listed, j + 1, reference - unseen));
    // Not settled, yet only a few mentors outside her pool could hide a better edge (their prices
    // fell by more than her margin): check those edges alone, when the rows allow it, instead of
    // reading her row. Every other outside edge is worth at most `unseen + restDrop` <= reference.
    let checked = 0;
    let restDrop = -Infinity;
    if (!settled && !reached && readEdges !== undefined && countAbove(drop, reference - unseen) <= checkLimit + pool.count[j]!) {
      const margin = reference - unseen;
      const { drop: dropOf, order } = drop;
      let k = 0;
      for (; k < order.length; k++) {
        const i = order[k]!;
        if (!(dropOf[i]! > margin)) break;
        if (listed[i] === j + 1) continue;
        if (checked === checkLimit) break;
        checkMentor[checked++] = i;
      }
      if (k === order.length || !(dropOf[order[k]!]! > margin)) {
        restDrop = k < order.length ? dropOf[order[k]!]! : -Infinity;
        readEdges(j, checkMentor, checked, checkScore);
        edgesChecked += checked;
        settled = true;
      } else {
        checked = 0;
      }
    }
    const read = !settled && readRows;
    if (!settled && !readRows) {
      uncertain++;
      if (reached) coverUnknown++;
    }
    for (let e = graph.start[j]!; e < graph.start[j + 1]!; e++) inGraph[graph.mentor[e]!] = j + 1;

    let len: number;
    let mentors: Int32Array;
    let scores: Float64Array;
    if (read) {
      refilled++;
      pool.epoch[j] = newEpoch;
      len = rows.readRow(j, rowMentor, rowScore);
      mentors = rowMentor;
      scores = rowScore;
      rowsRead++;
    } else if (checked > 0) {
      // Her pool and the edges checked, in one list (edges that do not exist left out).
      len = pool.count[j]!;
      spotMentor.set(pool.mentor.subarray(fromPool, fromPool + len));
      spotScore.set(pool.score.subarray(fromPool, fromPool + len));
      for (let r = 0; r < checked; r++) {
        const s = checkScore[r]!;
        if (s !== s) continue;
        spotMentor[len] = checkMentor[r]!;
        spotScore[len] = s;
        len++;
      }
      mentors = spotMentor;
      scores = spotScore;
    } else {
      len = pool.count[j]!;
      mentors = pool.mentor.subarray(fromPool, fromPool + len);
      scores = pool.score.subarray(fromPool, fromPool + len);
    }
    let rowBest = -Infinity;
    let picks = 0;
    refill.reset();
    let refillFloor = refill.floor;
    for (let t = 0; t < len; t++) {
      const i = mentors[t]!;
      if (capacities[i] === 0) continue;
      const s = scores[t]!;
      const v = s - price[i]!;
      if (v > rowBest) rowBest = v;
      if (read) {
        // Refill her pool with her best edges at these prices.
        if (v > refillFloor) {
          refill.add(i, s, v);
          refillFloor = refill.floor;
        } else if (v > refill.dropped) {
          refill.dropped = v;
        }
      }
      if (inGraph[i] === j + 1) continue;
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
    if (read) {
      const kept = refill.finish(0);
      pool.mentor.set(refill.mentor.subarray(0, kept), fromPool);
      pool.score.set(refill.score.subarray(0, kept), fromPool);
      pool.count[j] = kept;
      pool.unseen[j] = refill.dropped;
    } else if (!settled && unseen + drop.largest > rowBest) {
      rowBest = unseen + drop.largest;
    } else if (checked > 0 && unseen + restDrop > rowBest) {
      rowBest = unseen + restDrop;
    }
    if (candidateBest[j]! > rowBest) rowBest = candidateBest[j]!;
    if (picks > 0 && extraCount + picks > extraMentee.length) {
      const size = Math.max(2 * extraMentee.length, extraCount + picks);
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
    for (let r = 0; r < picks; r++) {
      extraMentee[extraCount] = j;
      extraMentor[extraCount] = pickMentor[r]!;
      extraScore[extraCount] = pickScore[r]!;
      extraCount++;
    }
    if (rowBest > -Infinity) best[bestCount++] = rowBest;
  }

  if (refilled > 0) pool.prices.push(price);

  return {
    matched,
    totalScore,
    upperBound: priceTerm + sumOfLargest(best.subarray(0, bestCount), matched),
    cardinalityProven: uncovered === 0 && coverUnknown === 0,
    coverBroken: uncovered > 0,
    extraMentee,
    extraMentor,
    extraScore,
    extraCount,
    rowsRead,
    edgesChecked,
    uncertain,
  };
}

/**
 * Checking one edge alone (`EdgeRows.readEdges`) costs about as much as reading this many in a
 * row: a mentee with more than a row's worth of edges to check has her row read instead.
 */
const CHECKS_PER_ROW = 8;

/** How far each usable mentor's price fell since `before`, and the mentors by that drop, largest first. */
interface PriceDrops {
  readonly drop: Float64Array;
  readonly order: Int32Array;
  readonly largest: number;
}

function priceDrops(before: Float64Array, now: Float64Array, capacities: Int32Array): PriceDrops {
  const m = now.length;
  const drop = new Float64Array(m);
  let usable = 0;
  for (let i = 0; i < m; i++) {
    drop[i] = before[i]! - now[i]!;
    if (capacities[i]! > 0) usable++;
  }
  const order = new Int32Array(usable);
  usable = 0;
  for (let i = 0; i < m; i++) if (capacities[i]! > 0) order[usable++] = i;
  order.sort((a, b) => drop[b]! - drop[a]! || a - b);
  return { drop, order, largest: usable > 0 ? drop[order[0]!]! : -Infinity };
}

/** How many usable mentors' prices fell by more than `margin` (a binary search of the order). */
function countAbove(drops: PriceDrops, margin: number): number {
  const { drop, order } = drops;
  let low = 0;
  let high = order.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (drop[order[mid]!]! > margin) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Whether every edge outside a mentee's pool is worth at most `margin` more than her pool's
 * bound: true when each mentor whose price fell by more than `margin` is in her pool
 * (`listed[i] === mark`). Since her pool is short, so is the walk.
 */
function outsideAtMost(drops: PriceDrops, listed: Int32Array, mark: number, margin: number): boolean {
  const { drop, order } = drops;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (!(drop[i]! > margin)) return true;
    if (listed[i] !== mark) return false;
  }
  return true;
}

/** Mentees and mentors reachable by alternating paths from the unmatched mentees (1 = reached). */
function reachableFromUnmatched(graph: MenteeCsr, solution: CandidateSolution): { mentees: Uint8Array; mentors: Uint8Array } {
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
