/**
 * The full assignment problem by dense indices, read one mentee at a time. The solver never holds
 * more than a candidate subset of the edges, so a pool whose complete edge list would not fit in
 * memory (20,000 × 20,000 is 400 million pairs) can still be solved and certified against every
 * edge, by computing each mentee's row on demand.
 */
export interface EdgeRows {
  readonly mentorCount: number;
  readonly menteeCount: number;
  /** Per mentor, the most mentees it may take: an integer >= 0. */
  readonly capacities: ArrayLike<number>;
  /**
   * Writes the edges of `mentee` into `mentors` / `scores` from index 0 and returns how many
   * there are. Both buffers hold `mentorCount` entries. Scores are finite; the order of the edges
   * must be the same on every call, since ties are broken by it.
   */
  readRow(mentee: number, mentors: Int32Array, scores: Float64Array): number;
  /**
   * Optional: writes the score of edge (`mentors[k]`, `mentee`) into `scores[k]` for each k below
   * `count`, NaN where there is no such edge; each the same score `readRow` gives, to the last bit.
   * With it, a certificate checks the few edges a price change could have made better instead of
   * reading the mentee's whole row.
   */
  readEdges?(mentee: number, mentors: Int32Array, count: number, scores: Float64Array): void;
}

/** Edges grouped by mentee (compressed sparse rows): mentee j owns `start[j]` to `start[j + 1]`. */
export interface MenteeCsr {
  readonly mentorCount: number;
  readonly menteeCount: number;
  readonly start: Int32Array;
  readonly mentor: Int32Array;
  readonly score: Float64Array;
}

/** Groups edges given by parallel arrays into rows, keeping their relative order within a mentee. */
export function csrFromEdges(mentorCount: number, menteeCount: number, edgeMentee: Int32Array, edgeMentor: Int32Array, edgeScore: Float64Array, edgeCount: number): MenteeCsr {
  const start = new Int32Array(menteeCount + 1);
  for (let e = 0; e < edgeCount; e++) start[edgeMentee[e]! + 1]!++;
  for (let j = 0; j < menteeCount; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, menteeCount);
  const mentor = new Int32Array(edgeCount);
  const score = new Float64Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const at = fill[edgeMentee[e]!]!++;
    mentor[at] = edgeMentor[e]!;
    score[at] = edgeScore[e]!;
  }
  return { mentorCount, menteeCount, start, mentor, score };
}

/** Serves rows straight from a CSR, for inputs whose edges are all listed. */
export function csrEdgeRows(csr: MenteeCsr, capacities: ArrayLike<number>): EdgeRows {
  return {
    mentorCount: csr.mentorCount,
    menteeCount: csr.menteeCount,
    capacities,
    readRow(mentee, mentors, scores) {
      const a = csr.start[mentee]!;
      const b = csr.start[mentee + 1]!;
      mentors.set(csr.mentor.subarray(a, b));
      scores.set(csr.score.subarray(a, b));
      return b - a;
    },
  };
}
