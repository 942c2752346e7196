import { csrFromEdges, type EdgeRows, type MenteeCsr } from './edge-rows.ts';

/** The first candidate graph, and what the pass that built it learned about the full problem. */
export interface CandidateSelection {
  readonly graph: MenteeCsr;
  /** Number of usable edges in the full problem (edges to mentors with capacity 0 are not). */
  readonly fullEdgeCount: number;
  /** Each mentee's best usable edges, kept to price later rounds without reading her row again. */
  readonly pool: EdgePool;
}

/**
 * Per mentee, a few of her usable edges (`count[j]` of them at `j * size`) and a bound on the
 * others: every usable edge (i, j) outside the pool has score − `refPrice[i]` <= `unseen[j]`
 * (-Infinity when there is none). The first pass keeps her best-scoring edges at reference prices
 * 0; a certificate that reads her row again keeps her best edges at its prices instead. At other
 * prices u, an outside edge is worth at most `unseen[j]` + max over i of (`refPrice[i]` − u(i)).
 */
export interface EdgePool {
  readonly size: number;
  readonly mentor: Int32Array;
  readonly score: Float64Array;
  readonly count: Int32Array;
  readonly unseen: Float64Array;
  readonly refPrice: Float64Array;
}

/** Best edges kept per mentee by the first pass (the candidate graph takes a prefix of them). */
const POOL_PER_MENTEE = 12;

/** Pool size for a first candidate list of `perMentee`: a few times longer, within bounds. */
function poolSizeFor(perMentee: number): number {
  return Math.max(perMentee, Math.min(POOL_PER_MENTEE, 4 * perMentee));
}

/** Rows sampled to estimate which mentors are over-demanded, before the main pass. */
const DEMAND_SAMPLE = 512;

/**
 * Picks each mentee's `perMentee` best-scoring edges, her `perMentee / 2` best edges to mentors
 * that are not over-demanded, and each mentor's `perMentor` best-scoring edges.
 *
 * Why the extra lists: when many mentees want the same few scarce topics, their best edges all
 * lead to the same few mentors and a candidate graph of best edges alone cannot match them all
 * (Hall's condition fails), which costs an extra round of pricing. Demand is estimated from the
 * best edges of a sample of rows, so this stays one pass over the full problem plus a small one.
 * Mentors with capacity 0 are left out: they can take nobody.
 */
export function selectCandidates(rows: EdgeRows, perMentee: number, perMentor: number): CandidateSelection {
  const m = rows.mentorCount;
  const n = rows.menteeCount;
  const capacities = rows.capacities;
  const rowMentor = new Int32Array(m);
  const rowScore = new Float64Array(m);

  const stride = Math.max(1, Math.floor(n / DEMAND_SAMPLE));
  const sampleMentor = new Int32Array(perMentee);
  const sampleScore = new Float64Array(perMentee);
  const demand = new Float64Array(m);
  for (let j = 0; j < n; j += stride) {
    const len = rows.readRow(j, rowMentor, rowScore);
    let count = 0;
    for (let t = 0; t < len; t++) {
      const i = rowMentor[t]!;
      if (capacities[i] === 0) continue;
      count = insertDescending(sampleMentor, sampleScore, 0, count, perMentee, i, rowScore[t]!);
    }
    for (let r = 0; r < count; r++) demand[sampleMentor[r]!]! += stride;
  }
  const congested = new Uint8Array(m);
  for (let i = 0; i < m; i++) congested[i] = demand[i]! > Math.min(capacities[i]!, n) ? 1 : 0;

  const perMenteeSpare = Math.ceil(perMentee / 2);
  const poolSize = poolSizeFor(perMentee);
  const topMentor = new Int32Array(n * poolSize);
  const topScore = new Float64Array(n * poolSize);
  const topCount = new Int32Array(n);
  const unseenMax = new Float64Array(n);
  const noEdgesYet = poolSize > 0 ? -Infinity : Infinity;
  const spareMentor = new Int32Array(n * perMenteeSpare);
  const spareScore = new Float64Array(n * perMenteeSpare);
  const spareCount = new Int32Array(n);

  const byMentorMentee = new Int32Array(m * perMentor);
  const byMentorScore = new Float64Array(m * perMentor);
  const byMentorCount = new Int32Array(m);
  // Lowest score a mentor's list holds once full; -Infinity while it still has room.
  const byMentorFloor = new Float64Array(m).fill(perMentor > 0 ? -Infinity : Infinity);

  let fullEdgeCount = 0;
  for (let j = 0; j < n; j++) {
    const len = rows.readRow(j, rowMentor, rowScore);
    const base = j * poolSize;
    const spareBase = j * perMenteeSpare;
    let count = 0;
    let floor = noEdgesYet;
    let unseen = -Infinity;
    let spare = 0;
    let spareFloor = perMenteeSpare > 0 ? -Infinity : Infinity;
    for (let t = 0; t < len; t++) {
      const i = rowMentor[t]!;
      if (capacities[i] === 0) continue;
      fullEdgeCount++;
      const s = rowScore[t]!;
      if (s > floor) {
        if (count === poolSize) unseen = floor;
        count = insertDescending(topMentor, topScore, base, count, poolSize, i, s);
        if (count === poolSize) floor = topScore[base + poolSize - 1]!;
      } else if (s > unseen) {
        unseen = s;
      }
      if (s > spareFloor && congested[i] === 0) {
        spare = insertDescending(spareMentor, spareScore, spareBase, spare, perMenteeSpare, i, s);
        if (spare === perMenteeSpare) spareFloor = spareScore[spareBase + perMenteeSpare - 1]!;
      }
      if (s > byMentorFloor[i]!) {
        const mb = i * perMentor;
        const c = byMentorCount[i]!;
        if (c < perMentor) {
          byMentorMentee[mb + c] = j;
          byMentorScore[mb + c] = s;
          byMentorCount[i] = c + 1;
          if (c + 1 === perMentor) byMentorFloor[i] = lowestOf(byMentorScore, mb, perMentor);
        } else {
          let low = mb;
          for (let r = mb + 1; r < mb + perMentor; r++) if (byMentorScore[r]! < byMentorScore[low]!) low = r;
          byMentorMentee[low] = j;
          byMentorScore[low] = s;
          byMentorFloor[i] = lowestOf(byMentorScore, mb, perMentor);
        }
      }
    }
    topCount[j] = count;
    unseenMax[j] = unseen;
    spareCount[j] = spare;
  }

  // Union of the lists, each edge once.
  const graphCount = (j: number): number => Math.min(perMentee, topCount[j]!);
  let capacity = 0;
  for (let j = 0; j < n; j++) capacity += graphCount(j) + spareCount[j]!;
  for (let i = 0; i < m; i++) capacity += byMentorCount[i]!;
  const edgeMentee = new Int32Array(capacity);
  const edgeMentor = new Int32Array(capacity);
  const edgeScore = new Float64Array(capacity);
  let edges = 0;
  const add = (j: number, i: number, s: number): void => {
    edgeMentee[edges] = j;
    edgeMentor[edges] = i;
    edgeScore[edges] = s;
    edges++;
  };
  for (let j = 0; j < n; j++) {
    const base = j * poolSize;
    for (let r = 0; r < graphCount(j); r++) add(j, topMentor[base + r]!, topScore[base + r]!);
    const spareBase = j * perMenteeSpare;
    for (let r = 0; r < spareCount[j]!; r++) {
      const i = spareMentor[spareBase + r]!;
      if (!listHas(topMentor, base, graphCount(j), i)) add(j, i, spareScore[spareBase + r]!);
    }
  }
  for (let i = 0; i < m; i++) {
    const mb = i * perMentor;
    for (let r = 0; r < byMentorCount[i]!; r++) {
      const j = byMentorMentee[mb + r]!;
      if (listHas(topMentor, j * poolSize, graphCount(j), i)) continue;
      if (listHas(spareMentor, j * perMenteeSpare, spareCount[j]!, i)) continue;
      add(j, i, byMentorScore[mb + r]!);
    }
  }
  return {
    graph: csrFromEdges(m, n, edgeMentee, edgeMentor, edgeScore, edges),
    fullEdgeCount,
    pool: { size: poolSize, mentor: topMentor, score: topScore, count: topCount, unseen: unseenMax, refPrice: new Float64Array(m) },
  };
}

/**
 * Inserts (mentor, score) into the descending list at `base` holding `count` of at most `limit`
 * entries, dropping the last one when full; equal scores keep their arrival order. Returns the new count.
 */
function insertDescending(
  mentors: Int32Array,
  scores: Float64Array,
  base: number,
  count: number,
  limit: number,
  mentor: number,
  score: number,
): number {
  if (limit === 0) return 0;
  if (count === limit && !(score > scores[base + limit - 1]!)) return count;
  let at = base + (count < limit ? count++ : limit - 1);
  while (at > base && scores[at - 1]! < score) {
    scores[at] = scores[at - 1]!;
    mentors[at] = mentors[at - 1]!;
    at--;
  }
  scores[at] = score;
  mentors[at] = mentor;
  return count;
}

/** Every usable edge of the problem as one candidate graph (the exact fallback). */
export function allEdges(rows: EdgeRows): MenteeCsr {
  const m = rows.mentorCount;
  const n = rows.menteeCount;
  const rowMentor = new Int32Array(m);
  const rowScore = new Float64Array(m);
  const start = new Int32Array(n + 1);
  let mentor = new Int32Array(Math.max(16, n));
  let score = new Float64Array(mentor.length);
  let edges = 0;
  for (let j = 0; j < n; j++) {
    const len = rows.readRow(j, rowMentor, rowScore);
    if (edges + len > mentor.length) {
      const size = Math.max(edges + len, 2 * mentor.length);
      const grownMentor = new Int32Array(size);
      const grownScore = new Float64Array(size);
      grownMentor.set(mentor.subarray(0, edges));
      grownScore.set(score.subarray(0, edges));
      mentor = grownMentor;
      score = grownScore;
    }
    for (let t = 0; t < len; t++) {
      const i = rowMentor[t]!;
      if (rows.capacities[i] === 0) continue;
      mentor[edges] = i;
      score[edges] = rowScore[t]!;
      edges++;
    }
    start[j + 1] = edges;
  }
  return { mentorCount: m, menteeCount: n, start, mentor: mentor.slice(0, edges), score: score.slice(0, edges) };
}

/** The graph with extra edges appended to their mentees' rows (existing order kept). */
export function withExtraEdges(
  graph: MenteeCsr,
  extraMentee: Int32Array,
  extraMentor: Int32Array,
  extraScore: Float64Array,
  extraCount: number,
): MenteeCsr {
  const old = graph.mentor.length;
  const total = old + extraCount;
  const edgeMentee = new Int32Array(total);
  for (let j = 0; j < graph.menteeCount; j++) edgeMentee.fill(j, graph.start[j]!, graph.start[j + 1]!);
  edgeMentee.set(extraMentee.subarray(0, extraCount), old);
  const edgeMentor = new Int32Array(total);
  edgeMentor.set(graph.mentor);
  edgeMentor.set(extraMentor.subarray(0, extraCount), old);
  const edgeScore = new Float64Array(total);
  edgeScore.set(graph.score);
  edgeScore.set(extraScore.subarray(0, extraCount), old);
  return csrFromEdges(graph.mentorCount, graph.menteeCount, edgeMentee, edgeMentor, edgeScore, total);
}

function lowestOf(values: Float64Array, from: number, count: number): number {
  let low = Infinity;
  for (let r = from; r < from + count; r++) if (values[r]! < low) low = values[r]!;
  return low;
}

function listHas(list: Int32Array, from: number, count: number, value: number): boolean {
  for (let r = from; r < from + count; r++) if (list[r] === value) return true;
  return false;
}

/**
 * Greedy matching of the candidate graph (mentees by `order`, each to her best candidate mentor
 * with room), then, for the mentees it leaves out, reads their full rows and adds their best
 * `perMentee` edges to mentors with room left, using up that room as it goes so that the
 * newcomers spread over different mentors. This repairs most of the cardinality a thin candidate
 * graph loses when many mentees want the same few mentors, for the price of reading only the
 * rows of those mentees instead of another pass over the whole problem.
 */
export function withRoomForTheLeftOut(
  rows: EdgeRows,
  graph: MenteeCsr,
  pool: EdgePool,
  capacities: Int32Array,
  order: Int32Array,
  perMentee: number,
): MenteeCsr {
  const m = graph.mentorCount;
  const room = capacities.slice();
  const leftOut: number[] = [];
  for (const j of order) {
    let best = -1;
    let bestScore = -Infinity;
    for (let e = graph.start[j]!; e < graph.start[j + 1]!; e++) {
      const i = graph.mentor[e]!;
      if (room[i]! > 0 && graph.score[e]! > bestScore) {
        bestScore = graph.score[e]!;
        best = i;
      }
    }
    if (best === -1) leftOut.push(j);
    else room[best]!--;
  }
  if (leftOut.length === 0) return graph;

  const rowMentor = new Int32Array(m);
  const rowScore = new Float64Array(m);
  const pickMentor = new Int32Array(perMentee);
  const pickScore = new Float64Array(perMentee);
  const extraMentee = new Int32Array(leftOut.length * perMentee);
  const extraMentor = new Int32Array(leftOut.length * perMentee);
  const extraScore = new Float64Array(leftOut.length * perMentee);
  let extra = 0;
  for (const j of leftOut) {
    // Her pool holds her best edges: read the whole row only when it has too few with room left.
    let count = 0;
    const base = j * pool.size;
    for (let r = 0; r < pool.count[j]!; r++) {
      const i = pool.mentor[base + r]!;
      if (room[i]! > 0) count = insertDescending(pickMentor, pickScore, 0, count, perMentee, i, pool.score[base + r]!);
    }
    if (count < perMentee && pool.unseen[j]! > -Infinity) {
      count = 0;
      const len = rows.readRow(j, rowMentor, rowScore);
      for (let t = 0; t < len; t++) {
        const i = rowMentor[t]!;
        if (room[i]! > 0) count = insertDescending(pickMentor, pickScore, 0, count, perMentee, i, rowScore[t]!);
      }
    }
    if (count > 0) room[pickMentor[0]!]!--;
    for (let r = 0; r < count; r++) {
      extraMentee[extra] = j;
      extraMentor[extra] = pickMentor[r]!;
      extraScore[extra] = pickScore[r]!;
      extra++;
    }
  }
  return withExtraEdges(graph, extraMentee, extraMentor, extraScore, extra);
}
