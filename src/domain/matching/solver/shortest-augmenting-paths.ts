import type { MenteeCsr } from './edge-rows.ts';
import { NodeHeap } from './node-heap.ts';

/**
 * A lexicographically optimal b-matching of a candidate graph, with the node potentials that
 * prove it: every residual arc has a non-negative reduced cost.
 *
 * Node ids: mentor i is `i`, mentee j is `mentorCount + j`, the sink is `mentorCount + menteeCount`.
 * Arc costs are negated scores, so a shortest path is a best-scoring one.
 */
export interface CandidateSolution {
  /** Mentor of each mentee, -1 when unmatched. */
  readonly menteeMentor: Int32Array;
  /** Score of each mentee's matched edge (meaningless when unmatched). */
  readonly menteeScore: Float64Array;
  readonly mentorLoad: Int32Array;
  /** Mentor i's mentees are `slotMentee[slotStart[i] .. slotStart[i] + mentorLoad[i]]`. */
  readonly slotStart: Int32Array;
  readonly slotMentee: Int32Array;
  readonly potential: Float64Array;
}

/**
 * Solves "most matched mentees, then the highest total score" on a candidate graph by successive
 * shortest augmenting paths (Dijkstra over reduced costs), one mentee at a time, in `order`
 * (default: input order).
 *
 * Why this is optimal: the matching is kept optimal for the mentees processed so far. Adding a
 * mentee, the new optimum differs by one alternating path starting at it, ending either at a mentor
 * with room (one more matched, always preferred) or, when no mentor with room is reachable, at an
 * already matched mentee who gives up her place if that raises the total score. Both are found by
 * the same Dijkstra, so no big-M constant (and its loss of floating-point precision) is needed.
 *
 * Capacities are handled on the mentor node itself; `warmMentorPotential` (mentor prices from an
 * earlier solve over fewer edges) only changes the speed, never the result's optimality.
 */
export function solveCandidates(graph: MenteeCsr, capacities: Int32Array, warmMentorPotential?: Float64Array, order?: Int32Array): CandidateSolution {
  const m = graph.mentorCount;
  const n = graph.menteeCount;
  const sink = m + n;
  const { start, mentor: edgeMentor, score: edgeScore } = graph;

  const potential = new Float64Array(m + n + 1);
  if (warmMentorPotential) {
    let lowest = Infinity;
    for (let i = 0; i < m; i++) {
      potential[i] = warmMentorPotential[i]!;
      if (potential[i]! < lowest) lowest = potential[i]!;
    }
    // Every mentor has room at the start, so the sink must sit at or below all of them.
    potential[sink] = m > 0 ? lowest : 0;
  }

  const slotStart = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) slotStart[i + 1] = slotStart[i]! + capacities[i]!;
  const slotMentee = new Int32Array(slotStart[m]!);
  const mentorLoad = new Int32Array(m);
  const menteeMentor = new Int32Array(n).fill(-1);
  const menteeScore = new Float64Array(n);

  let scale = 0;
  for (let e = 0; e < edgeScore.length; e++) scale = Math.max(scale, Math.abs(edgeScore[e]!));
  // A swap must gain more than rounding noise, or equal-score solutions would churn.
  const minGain = 1e-12 * (1 + scale);

  const dist = new Float64Array(m + n + 1);
  const reached = new Int32Array(m + n + 1);
  const settled = new Int32Array(m + n + 1);
  const settledList = new Int32Array(m + n + 1);
  const viaMentee = new Int32Array(m);
  const viaScore = new Float64Array(m);
  const heap = new NodeHeap(4 * (m + n));
  let epoch = 0;

  const assignTo = (i: number, x: number, s: number): void => {
    slotMentee[slotStart[i]! + mentorLoad[i]!] = x;
    mentorLoad[i]!++;
    menteeMentor[x] = i;
    menteeScore[x] = s;
  };
  const release = (i: number, x: number): void => {
    const first = slotStart[i]!;
    const last = first + mentorLoad[i]! - 1;
    for (let r = first; r <= last; r++) {
      if (slotMentee[r] === x) {
        slotMentee[r] = slotMentee[last]!;
        break;
      }
    }
    mentorLoad[i]!--;
    menteeMentor[x] = -1;
  };
  // Walks the predecessor chain back from mentor `end` to the new mentee, shifting each mentee
  // on the path to the mentor after it.
  const shiftAlong = (end: number): void => {
    let i = end;
    for (;;) {
      const x = viaMentee[i]!;
      const from = menteeMentor[x]!;
      if (from !== -1) release(from, x);
      assignTo(i, x, viaScore[i]!);
      if (from === -1) return;
      i = from;
    }
  };

  for (let step = 0; step < n; step++) {
    const j = order ? order[step]! : step;
    const a = start[j]!;
    const b = start[j + 1]!;
    if (a === b) continue;
    const source = m + j;
    // Nothing enters an unprocessed mentee, so her potential is free: make her best arc tight.
    let best = -Infinity;
    for (let e = a; e < b; e++) {
      const v = edgeScore[e]! + potential[edgeMentor[e]!]!;
      if (v > best) best = v;
    }
    potential[source] = best;

    epoch++;
    heap.clear();
    let settledCount = 0;
    dist[source] = 0;
    reached[source] = epoch;
    heap.push(0, source);
    let limit = Infinity;
    let exitMentor = -1;
    // Best distance to the sink found so far: nothing at or beyond it can be on a shorter path.
    let bound = Infinity;

    while (heap.size > 0) {
      const key = heap.peekKey();
      const v = heap.pop();
      if (settled[v] === epoch || key > dist[v]!) continue;
      settled[v] = epoch;
      if (v === sink) {
        limit = key;
        break;
      }
      settledList[settledCount++] = v;
      if (v < m) {
        const pv = potential[v]!;
        if (mentorLoad[v]! < capacities[v]!) {
          const exit = pv - potential[sink]!;
          if (exit <= 0) {
            // The sink cannot get closer than the smallest key in the heap: stop here.
            limit = key;
            exitMentor = v;
            break;
          }
          const nd = key + exit;
          if (nd < bound) {
            reached[sink] = epoch;
            dist[sink] = nd;
            bound = nd;
            exitMentor = v;
            heap.push(nd, sink);
          }
        }
        const first = slotStart[v]!;
        const last = first + mentorLoad[v]!;
        for (let r = first; r < last; r++) {
          const y = slotMentee[r]!;
          const node = m + y;
          let rc = menteeScore[y]! + pv - potential[node]!;
          if (rc < 0) rc = 0;
          const nd = key + rc;
          if (nd <= bound && (reached[node] !== epoch || nd < dist[node]!)) {
            reached[node] = epoch;
            dist[node] = nd;
            heap.push(nd, node);
          }
        }
      } else {
        const x = v - m;
        const own = menteeMentor[x]!;
        const px = potential[v]!;
        const to = start[x + 1]!;
        for (let e = start[x]!; e < to; e++) {
          const i = edgeMentor[e]!;
          if (i === own) continue;
          const s = edgeScore[e]!;
          let rc = px - s - potential[i]!;
          if (rc < 0) rc = 0;
          const nd = key + rc;
          if (nd <= bound && (reached[i] !== epoch || nd < dist[i]!)) {
            reached[i] = epoch;
            dist[i] = nd;
            viaMentee[i] = x;
            viaScore[i] = s;
            heap.push(nd, i);
          }
        }
      }
    }

    if (exitMentor !== -1 && limit !== Infinity) {
      shiftAlong(exitMentor);
    } else {
      // No mentor with room is reachable: the best a newcomer can do is take the place of a
      // reachable matched mentee, if that raises the total score.
      let drop = -1;
      let dropCost = Infinity;
      for (let r = 0; r < settledCount; r++) {
        const v = settledList[r]!;
        if (v < m || v === source) continue;
        const cost = dist[v]! + potential[v]!;
        if (cost < dropCost) {
          dropCost = cost;
          drop = v;
        }
      }
      if (drop === -1 || potential[source]! - dropCost <= minGain) continue;
      limit = dist[drop]!;
      const y = drop - m;
      const from = menteeMentor[y]!;
      release(from, y);
      shiftAlong(from);
    }

    for (let r = 0; r < settledCount; r++) {
      const v = settledList[r]!;
      const d = dist[v]!;
      if (d < limit) potential[v]! += d - limit;
    }
  }

  // Left-out mentees keep the potentials they had when they were left out, which still prove
  // the matching optimal but not that leaving them out was: a later edge may look profitable to
  // them. One more Dijkstra, from all of them at once, gives potentials that also prove the
  // second, so that the certificate's bound is tight (see certificate.ts).
  heap.clear();
  epoch++;
  let anyLeftOut = false;
  for (let j = 0; j < n; j++) {
    if (menteeMentor[j] !== -1 || start[j] === start[j + 1]) continue;
    const node = m + j;
    // Distances are measured from a common origin behind every left-out mentee.
    dist[node] = -potential[node]!;
    reached[node] = epoch;
    heap.push(dist[node]!, node);
    anyLeftOut = true;
  }
  if (!anyLeftOut) return { menteeMentor, menteeScore, mentorLoad, slotStart, slotMentee, potential };

  let settledCount = 0;
  let farthest = -Infinity;
  while (heap.size > 0) {
    const key = heap.peekKey();
    const v = heap.pop();
    if (settled[v] === epoch || key > dist[v]!) continue;
    settled[v] = epoch;
    settledList[settledCount++] = v;
    if (key > farthest) farthest = key;
    if (v < m) {
      const last = slotStart[v]! + mentorLoad[v]!;
      for (let r = slotStart[v]!; r < last; r++) {
        const node = m + slotMentee[r]!;
        let rc = menteeScore[slotMentee[r]!]! + potential[v]! - potential[node]!;
        if (rc < 0) rc = 0;
        if (reached[node] !== epoch || key + rc < dist[node]!) {
          reached[node] = epoch;
          dist[node] = key + rc;
          heap.push(key + rc, node);
        }
      }
    } else {
      const x = v - m;
      const own = menteeMentor[x]!;
      for (let e = start[x]!; e < start[x + 1]!; e++) {
        const i = edgeMentor[e]!;
        if (i === own) continue;
        let rc = potential[v]! - edgeScore[e]! - potential[i]!;
        if (rc < 0) rc = 0;
        if (reached[i] !== epoch || key + rc < dist[i]!) {
          reached[i] = epoch;
          dist[i] = key + rc;
          heap.push(key + rc, i);
        }
      }
    }
  }
  // Shift by min(distance, limit) - limit: reduced costs stay non-negative for any limit at or
  // beyond the farthest distance, and this limit also puts every matched mentee at or above the
  // left-out ones (none can profitably replace another, so reached ones already are).
  let limit = farthest;
  for (let j = 0; j < n; j++) {
    if (menteeMentor[j] !== -1 && settled[m + j] !== epoch) limit = Math.max(limit, -potential[m + j]!);
  }
  for (let r = 0; r < settledCount; r++) {
    const v = settledList[r]!;
    potential[v]! += dist[v]! - limit;
  }
  return { menteeMentor, menteeScore, mentorLoad, slotStart, slotMentee, potential };
}
