/**
 * The `limit` highest-gain edges of one row, and the highest gain among the others. Edges are
 * offered one by one; only those above `floor` need `add` (the rest only raise `dropped`).
 *
 * Why not a sorted list: a pool of a hundred edges or more per row, kept sorted by insertion, costs
 * more than reading the row. Here an edge above the floor is appended to a buffer twice the limit;
 * a full buffer is cut back to its best half (found by selection, not by sorting), which raises
 * the floor, so each edge costs O(1) amortized and the rows stay the cost that matters.
 */
export class TopEdges {
  readonly mentor: Int32Array;
  readonly score: Float64Array;
  readonly gain: Float64Array;
  private readonly order: Int32Array;
  private readonly spareMentor: Int32Array;
  private readonly spareScore: Float64Array;
  private readonly spareGain: Float64Array;
  count = 0;
  /** Gains at or below this cannot make the list. */
  floor = -Infinity;
  /** Highest gain among the edges offered and not kept. */
  dropped = -Infinity;

  constructor(readonly limit: number) {
    const size = 2 * Math.max(1, limit);
    this.mentor = new Int32Array(size);
    this.score = new Float64Array(size);
    this.gain = new Float64Array(size);
    this.order = new Int32Array(size);
    this.spareMentor = new Int32Array(size);
    this.spareScore = new Float64Array(size);
    this.spareGain = new Float64Array(size);
    this.reset();
  }

  reset(): void {
    this.count = 0;
    this.floor = this.limit > 0 ? -Infinity : Infinity;
    this.dropped = -Infinity;
  }

  /** Offers an edge whose gain is above `floor`. */
  add(mentor: number, score: number, gain: number): void {
    if (this.count === this.mentor.length) this.keepBest(this.limit);
    const at = this.count++;
    this.mentor[at] = mentor;
    this.score[at] = score;
    this.gain[at] = gain;
  }

  /**
   * Cuts the list to its best `limit` edges and returns how many there are: the best `sorted` of
   * them first, best first (equal gains in the order offered), then the others in the order offered.
   */
  finish(sorted: number): number {
    if (this.count > this.limit) this.keepBest(this.limit);
    const count = this.count;
    const head = Math.min(sorted, count);
    if (head === 0) return count;
    const { mentor, score, gain, order, spareMentor, spareScore, spareGain } = this;
    // Split at the head's cut (ties to the earliest), then sort the head alone.
    spareGain.set(gain.subarray(0, count));
    const cut = nthSmallest(spareGain, count, count - head);
    let above = 0;
    for (let k = 0; k < count; k++) if (gain[k]! > cut) above++;
    let ties = head - above;
    let front = 0;
    let back = head;
    for (let k = 0; k < count; k++) {
      const g = gain[k]!;
      const at = g > cut || (g === cut && ties-- > 0) ? front++ : back++;
      order[at] = k;
    }
    order.subarray(0, head).sort((a, b) => gain[b]! - gain[a]! || a - b);
    for (let k = 0; k < count; k++) {
      const from = order[k]!;
      spareMentor[k] = mentor[from]!;
      spareScore[k] = score[from]!;
      spareGain[k] = gain[from]!;
    }
    mentor.set(spareMentor.subarray(0, count));
    score.set(spareScore.subarray(0, count));
    gain.set(spareGain.subarray(0, count));
    return count;
  }

  /** Keeps the best `limit` edges in the order offered (ties at the cut go to the earliest). */
  private keepBest(limit: number): void {
    const { mentor, score, gain, spareGain } = this;
    const count = this.count;
    spareGain.set(gain.subarray(0, count));
    const cut = nthSmallest(spareGain, count, count - limit);
    let above = 0;
    for (let k = 0; k < count; k++) if (gain[k]! > cut) above++;
    let ties = limit - above;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const g = gain[k]!;
      if (g > cut || (g === cut && ties-- > 0)) {
        mentor[kept] = mentor[k]!;
        score[kept] = score[k]!;
        gain[kept] = g;
        kept++;
      } else if (g > this.dropped) {
        this.dropped = g;
      }
    }
    this.count = kept;
    this.floor = cut;
  }
}

/** The `k`-th smallest (from 0) of `values[0 .. count]`, which it reorders (Hoare's selection). */
function nthSmallest(values: Float64Array, count: number, k: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k]!;
}
