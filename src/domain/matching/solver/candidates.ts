import { csrFromEdges, type EdgeRows, type MenteeCsr } from './edge-rows.ts';
import { TopEdges } from './top-edges.ts';

/** The first candidate graph, and what the pass that built it learned about the full problem. */
export interface CandidateSelection {
  readonly graph: MenteeCsr;
  /** Number of usable edges in the full problem (edges to mentors with capacity 0 are not). */
  readonly fullEdgeCount: number;
  /** Each mentee's best usable edges, kept to price later rounds without reading her row again. */
  readonly pool: EdgePool;
  /** Each mentee's best edges to mentors that are not over-demanded, best first. */
  readonly spare: EdgeLists;
}

/** Per mentee, up to `size` edges: `count[j]` of them at `j * size`. */
export interface EdgeLists {
  readonly size: number;
  readonly mentor: Int32Array;
  readonly score: Float64Array;
  readonly count: Int32Array;
}

/**
 * Per mentee, her best usable edges at the mentor prices her pool was filled at,
 * `prices[epoch[j]]`, and a bound on the others: every usable edge (i, j) outside the pool has
 * score − price(i) <= `unseen[j]` (-Infinity when there is none). The first pass fills every pool
 * at prices 0 (epoch 0); a certificate that reads a row again refills that mentee's pool at its
 * own prices, a new epoch. At other prices u, an outside edge (i, j) is worth at most
 * `unseen[j]` + (price(i) − u(i)): only mentors whose price fell by more than her margin can hide
 * a better edge, and a long pool usually holds them (see certificate.ts).
 */
export interface EdgePool extends EdgeLists {
  readonly unseen: Float64Array;
  readonly epoch: Int32Array;
  readonly prices: Float64Array[];
}

/**
 * Best edges kept per mentee in her pool (the candidate graph takes a prefix of them). Long pools
 * let most certificates settle a mentee without reading her row: prices move between rounds, and
 * a short pool leaves too narrow a margin between its edges and the rest of her row.
 */
const POOL_PER_MENTEE = 160;

/**
 * Pool size for a first candidate list of `perMentee`: many times longer, within bounds, and a
 * small part of a row (with few mentors, reading a row again costs little).
 */
function poolSizeFor(perMentee: number, mentorCount: number): number {
  return Math.max(perMentee, Math.min(POOL_PER_MENTEE, 16 * perMentee, Math.ceil(mentorCount / POOL_ROW_FRACTION)));
}

/** A pool holds at most about one edge in this many of a row. */
const POOL_ROW_FRACTION = 20;

/**
 * Rows sampled to estimate which mentors are over-demanded, before the main pass: this many, but
 * never more than one in `MIN_DEMAND_STRIDE` (on small pools the sample would cost a pass of its own).
 */
const DEMAND_SAMPLE = 512;
const MIN_DEMAND_STRIDE = 8;

/**
 * Picks each mentee's `perMentee` best-scoring edges, her `perMentee / 2` best edges to mentors
 * that are not over-demanded, her edge in a greedy matching made row by row, and each mentor's
 * `perMentor` best-scoring edges; keeps a longer list of each mentee's best edges in her pool, so
 * that later rounds can be priced without reading her row again.
 *
 * Why the extra lists: when many mentees want the same few scarce topics, their best edges all
 * lead to the same few mentors and a candidate graph of best edges alone cannot match them all
 * (Hall's condition fails), which costs an extra round of pricing. Demand is estimated from the
 * best edges of a sample of rows, so this stays one pass over the full problem plus a small one.
 * Mentors with capacity 0 are left out: they can take nobody. `capacities` are those of `rows`,
 * at most the number of mentees.
 */
export function selectCandidates(rows: EdgeRows, capacities: Int32Array, perMentee: number, perMentor: number): CandidateSelection {
  const m = rows.mentorCount;
  const n = rows.menteeCount;
  const rowMentor = new Int32Array(m);
  const rowScore = new Float64Array(m);

  const stride = Math.max(MIN_DEMAND_STRIDE, Math.floor(n / DEMAND_SAMPLE));
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
  const poolSize = poolSizeFor(perMentee, m);
  const topMentor = new Int32Array(n * poolSize);
  const topScore = new Float64Array(n * poolSize);
  const topCount = new Int32Array(n);
  const unseenMax = new Float64Array(n);
  const top = new TopEdges(poolSize);
  const spareMentor = new Int32Array(n * perMenteeSpare);
  const spareScore = new Float64Array(n * perMenteeSpare);
  const spareCount = new Int32Array(n);

  const byMentorMentee = new Int32Array(m * perMentor);
  const byMentorScore = new Float64Array(m * perMentor);
  const byMentorCount = new Int32Array(m);
  // Lowest score a mentor's list holds once full; -Infinity while it still has room.
  const byMentorFloor = new Float64Array(m).fill(perMentor > 0 ? -Infinity : Infinity);

  // A greedy matching made during the pass, row by row: each mentee's best edge to a mentor
  // with room left. With it in the graph, far fewer mentees are left out of the first solve.
  const room = capacities.slice();
  const greedyMentor = new Int32Array(n).fill(-1);
  const greedyScore = new Float64Array(n);

  let fullEdgeCount = 0;
  for (let j = 0; j < n; j++) {
    const len = rows.readRow(j, rowMentor, rowScore);
    const spareBase = j * perMenteeSpare;
    let free = -1;
    let freeScore = -Infinity;
    top.reset();
    let floor = top.floor;
    let dropped = -Infinity;
    let spare = 0;
    let spareFloor = perMenteeSpare > 0 ? -Infinity : Infinity;
    for (let t = 0; t < len; t++) {
      const i = rowMentor[t]!;
      if (capacities[i] === 0) continue;
      fullEdgeCount++;
      const s = rowScore[t]!;
      if (s > floor) {
        top.add(i, s, s);
        floor = top.floor;
      } else if (s > dropped) {
        dropped = s;
      }
      if (s > freeScore && room[i]! > 0) {
        free = i;
        freeScore = s;
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
    if (free !== -1) {
      room[free]!--;
      greedyMentor[j] = free;
      greedyScore[j] = freeScore;
    }
    if (dropped > top.dropped) top.dropped = dropped;
    const count = top.finish(perMentee);
    topMentor.set(top.mentor.subarray(0, count), j * poolSize);
    topScore.set(top.score.subarray(0, count), j * poolSize);
    topCount[j] = count;
    unseenMax[j] = top.dropped;
    spareCount[j] = spare;
  }

  // Union of the lists, each edge once.
  const graphCount = (j: number): number => Math.min(perMentee, topCount[j]!);
  let capacity = 0;
  for (let j = 0; j < n; j++) capacity += graphCount(j) + spareCount[j]! + 1;
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
    const i = greedyMentor[j]!;
    if (i !== -1 && !listHas(topMentor, base, graphCount(j), i) && !listHas(spareMentor, spareBase, spareCount[j]!, i)) {
      add(j, i, greedyScore[j]!);
    }
  }
  for (let i = 0; i < m; i++) {
    const mb = i * perMentor;
    for (let r = 0; r < byMentorCount[i]!; r++) {
      const j = byMentorMentee[mb + r]!;
      if (listHas(topMentor, j * poolSize, graphCount(j), i)) continue;
      if (listHas(spareMentor, j * perMenteeSpare, spareCount[j]!, i)) continue;
      if (greedyMentor[j] === i) continue;
      add(j, i, byMentorScore[mb + r]!);
    }
  }
  return {
    graph: csrFromEdges(m, n, edgeMentee, edgeMentor, edgeScore, edges),
    fullEdgeCount,
    pool: {
      size: poolSize,
      mentor: topMentor,
      score: topScore,
      count: topCount,
      unseen: unseenMax,
      epoch: new Int32Array(n),
      prices: [new Float64Array(m)],
    },
    spare: { size: perMenteeSpare, mentor: spareMentor, score: spareScore, count: spareCount },
  };
}

/**
 * Inserts (mentor, score) into the descending list at `base` holding `count` of at most `limit`
 * entries, dropping the last one when full; equal scores keep their arrival order. Returns the new count.
 */
function insertDescending(mentors: Int32Array, scores: Float64Array, base: number, count: number, limit: number, mentor: number, score: number): number {
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

/**
 * The graph with each mentee's `perMentee` best usable edges at mentor prices `price` (score −
 * price) added, those not already in it. One pass over every row.
 */
export function withBestAtPrices(rows: EdgeRows, graph: MenteeCsr, price: Float64Array, perMentee: number): MenteeCsr {
  const m = rows.mentorCount;
  const n = rows.menteeCount;
  const rowMentor = new Int32Array(m);
  const rowScore = new Float64Array(m);
  const inGraph = new Int32Array(m);
  const top = new TopEdges(perMentee);
  let extraMentee = new Int32Array(Math.max(16, n));
  let extraMentor = new Int32Array(extraMentee.length);
  let extraScore = new Float64Array(extraMentee.length);
  let extra = 0;
  for (let j = 0; j < n; j++) {
    for (let e = graph.start[j]!; e < graph.start[j + 1]!; e++) inGraph[graph.mentor[e]!] = j + 1;
    const len = rows.readRow(j, rowMentor, rowScore);
    top.reset();
    for (let t = 0; t < len; t++) {
      const i = rowMentor[t]!;
      if (rows.capacities[i] === 0 || inGraph[i] === j + 1) continue;
      const v = rowScore[t]! - price[i]!;
      if (v > top.floor) top.add(i, rowScore[t]!, v);
    }
    const count = top.finish(0);
    if (extra + count > extraMentee.length) {
      const size = Math.max(2 * extraMentee.length, extra + count);
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
    for (let r = 0; r < count; r++) {
      extraMentee[extra] = j;
      extraMentor[extra] = top.mentor[r]!;
      extraScore[extra] = top.score[r]!;
      extra++;
    }
  }
  return withExtraEdges(graph, extraMentee, extraMentor, extraScore, extra);
}

/** The graph with extra edges appended to their mentees' rows (existing order kept). */
export function withExtraEdges(graph: MenteeCsr, extraMentee: Int32Array, extraMentor: Int32Array, extraScore: Float64Array, extraCount: number): MenteeCsr {
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
 * with room), then, for the mentees it leaves out, adds their best `perMentee` edges to mentors
 * with room left, using up that room as it goes so that the newcomers spread over different
 * mentors. This repairs most of the cardinality a thin candidate graph loses when many mentees
 * want the same few mentors. Their edges come from the lists kept by the first pass; a row is
 * read only when those hold no mentor with room (on large pools, a row costs more than the rest).
 */
export function withRoomForTheLeftOut(rows: EdgeRows, graph: MenteeCsr, pool: EdgePool, spare: EdgeLists, capacities: Int32Array, order: Int32Array, perMentee: number): MenteeCsr {
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
  const seen = new Int32Array(m);
  for (const j of leftOut) {
    let count = 0;
    for (const list of [pool, spare]) {
      const base = j * list.size;
      for (let r = base; r < base + list.count[j]!; r++) {
        const i = list.mentor[r]!;
        if (room[i]! === 0 || seen[i] === j + 1) continue;
        seen[i] = j + 1;
        count = insertDescending(pickMentor, pickScore, 0, count, perMentee, i, list.score[r]!);
      }
    }
    if (count === 0 && pool.unseen[j]! > -Infinity) {
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
