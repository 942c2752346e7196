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
 * `warm`: the solution of an earlier round over a subset of these edges (the same mentors,
 * mentees and capacities). Its matching and potentials are kept: only the mentees that a new edge
 * would tempt at those prices (its reduced cost is negative) give up their place and are added
 * again, with the unmatched ones. A place given up at a mentor whose price is positive is held
 * for her (a held place is a search's goal like a mentor with room, with no exit cost), since
 * opening it would break the prices; the places nobody takes are opened at the end by searches
 * back from the sink, and the mentees then still unmatched are added once more. So a round costs
 * in proportion to what its new edges change, not to the pool. The result is the same optimum.
 */
export function solveCandidates(graph: MenteeCsr, capacities: Int32Array, warm?: CandidateSolution, order?: Int32Array): CandidateSolution {
  const m = graph.mentorCount;
  const n = graph.menteeCount;
  const sink = m + n;
  const { start, mentor: edgeMentor, score: edgeScore } = graph;

  const potential = warm ? warm.potential.slice() : new Float64Array(m + n + 1);
  const slotStart = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) slotStart[i + 1] = slotStart[i]! + capacities[i]!;
  const slotMentee = warm ? warm.slotMentee.slice() : new Int32Array(slotStart[m]!);
  const mentorLoad = warm ? warm.mentorLoad.slice() : new Int32Array(m);
  const menteeMentor = warm ? warm.menteeMentor.slice() : new Int32Array(n).fill(-1);
  const menteeScore = warm ? warm.menteeScore.slice() : new Float64Array(n);
  /** Places held at a mentor for a mentee who gave hers up (see `warm`). */
  const held = new Int32Array(m);
  let heldCount = 0;

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

  // Opens a held place nobody took, at mentor `k`: the shortest residual path from the sink to
  // `k` (the sink to a mentor that gives up a mentee, who moves to another mentor, ... who moves
  // to `k`; or straight from the sink, which drops the held place and lowers `k`'s price to
  // what the sink allows). Searched backwards from `k`, so that it stays near `k`; cardinality is
  // unchanged, and the potentials stay a proof, as after any Dijkstra. `into` lists each
  // mentor's edges by mentee.
  const towardMentor = new Int32Array(n);
  const towardScore = new Float64Array(n);
  const pathMentee = new Int32Array(n);
  const openHeldPlace = (k: number, into: MenteeCsr): void => {
    epoch++;
    heap.clear();
    let settledCount = 0;
    dist[k] = 0;
    reached[k] = epoch;
    heap.push(0, k);
    let limit = Infinity;
    let first = -1;
    const ps = potential[sink]!;
    while (heap.size > 0) {
      const key = heap.peekKey();
      const v = heap.pop();
      if (settled[v] === epoch || key > dist[v]!) continue;
      if (v === sink) {
        limit = key;
        break;
      }
      settled[v] = epoch;
      settledList[settledCount++] = v;
      if (v < m) {
        const pv = potential[v]!;
        if (mentorLoad[v]! + held[v]! > 0) {
          // The sink gives this mentor's place back: the path's first step.
          let rc = ps - pv;
          if (rc < 0) rc = 0;
          const nd = key + rc;
          if (reached[sink] !== epoch || nd < dist[sink]!) {
            reached[sink] = epoch;
            dist[sink] = nd;
            first = v;
            heap.push(nd, sink);
          }
        }
        // Mentees who could move to this mentor. Nothing at or beyond the sink's distance so far
        // can be on a shorter path to it (every reduced cost is >= 0): those are not pushed.
        const bound = reached[sink] === epoch ? dist[sink]! : Infinity;
        for (let e = into.start[v]!; e < into.start[v + 1]!; e++) {
          const x = into.mentor[e]!;
          if (menteeMentor[x] === -1 || menteeMentor[x] === v) continue;
          const node = m + x;
          let rc = potential[node]! - into.score[e]! - pv;
          if (rc < 0) rc = 0;
          const nd = key + rc;
          if (nd < bound && (reached[node] !== epoch || nd < dist[node]!)) {
            reached[node] = epoch;
            dist[node] = nd;
            towardMentor[x] = v;
            towardScore[x] = into.score[e]!;
            heap.push(nd, node);
          }
        }
      } else {
        // Her mentor may give her up.
        const y = v - m;
        const own = menteeMentor[y]!;
        let rc = menteeScore[y]! + potential[own]! - potential[v]!;
        if (rc < 0) rc = 0;
        const nd = key + rc;
        if ((reached[sink] !== epoch || nd < dist[sink]!) && (reached[own] !== epoch || nd < dist[own]!)) {
          reached[own] = epoch;
          dist[own] = nd;
          viaMentee[own] = y;
          heap.push(nd, own);
        }
      }
    }
    // `k` itself holds a place, so the sink is always reached.
    held[k]!--;
    heldCount--;
    // Everyone on the path leaves her mentor first, then takes the next one (a full mentor
    // takes a newcomer only once she has let hers go).
    let moves = 0;
    for (let i = first; i !== k; i = towardMentor[viaMentee[i]!]!) {
      const y = viaMentee[i]!;
      pathMentee[moves++] = y;
      release(i, y);
    }
    for (let r = 0; r < moves; r++) {
      const y = pathMentee[r]!;
      assignTo(towardMentor[y]!, y, towardScore[y]!);
    }
    for (let r = 0; r < settledCount; r++) {
      const v = settledList[r]!;
      const d = dist[v]!;
      if (d < limit) potential[v]! += limit - d;
    }
  };

  // Who is (re)added: everyone on a cold start; on a warm one the unmatched and those whom a new
  // edge tempts, each giving up her place (held when her mentor's price is positive).
  const pending = new Uint8Array(n);
  if (!warm) {
    pending.fill(1);
  } else {
    for (let j = 0; j < n; j++) {
      const own = menteeMentor[j]!;
      if (own === -1) {
        pending[j] = 1;
        continue;
      }
      const pj = potential[m + j]!;
      let tempted = false;
      for (let e = start[j]!; e < start[j + 1]!; e++) {
        const i = edgeMentor[e]!;
        if (i !== own && pj - edgeScore[e]! - potential[i]! < -minGain) {
          tempted = true;
          break;
        }
      }
      if (!tempted) continue;
      pending[j] = 1;
      release(own, j);
      if (potential[own]! < potential[sink]!) {
        held[own]!++;
        heldCount++;
      }
    }
  }

  const addMentee = (j: number): void => {
    const a = start[j]!;
    const b = start[j + 1]!;
    if (a === b) return;
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
        if (held[v]! > 0) {
          // A held place: taking it costs nothing more, and nothing in the heap is closer.
          limit = key;
          exitMentor = v;
          break;
        }
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
      if (held[exitMentor]! > 0) {
        held[exitMentor]!--;
        heldCount--;
      }
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
      if (drop === -1 || potential[source]! - dropCost <= minGain) return;
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
  };

  for (let step = 0; step < n; step++) {
    const j = order ? order[step]! : step;
    if (pending[j] === 1) addMentee(j);
  }
  if (warm) {
    if (heldCount > 0) {
      const into = byMentor(graph);
      for (let i = 0; i < m; i++) while (held[i]! > 0) openHeldPlace(i, into);
    }
    // The places opened may serve the mentees still unmatched: add them again.
    for (let step = 0; step < n; step++) {
      const j = order ? order[step]! : step;
      if (menteeMentor[j] === -1) addMentee(j);
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

/** The graph's edges grouped by mentor: `mentor[e]` holds the mentee of each, in `start` order. */
function byMentor(graph: MenteeCsr): MenteeCsr {
  const m = graph.mentorCount;
  const start = new Int32Array(m + 1);
  for (let e = 0; e < graph.mentor.length; e++) start[graph.mentor[e]! + 1]!++;
  for (let i = 0; i < m; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, m);
  const mentee = new Int32Array(graph.mentor.length);
  const score = new Float64Array(graph.mentor.length);
  for (let j = 0; j < graph.menteeCount; j++) {
    for (let e = graph.start[j]!; e < graph.start[j + 1]!; e++) {
      const at = fill[graph.mentor[e]!]!++;
      mentee[at] = j;
      score[at] = graph.score[e]!;
    }
  }
  return { mentorCount: graph.menteeCount, menteeCount: m, start, mentor: mentee, score };
}
