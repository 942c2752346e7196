/**
 * A set of half-open UTC intervals [start, end) in ms, sorted and merged once so that each
 * question about a candidate meeting is a binary search instead of a scan over every interval.
 */
export class IntervalSet {
  private readonly starts: number[];
  private readonly ends: number[];

  private constructor(starts: number[], ends: number[]) {
    this.starts = starts;
    this.ends = ends;
  }

  /** Builds the set from intervals in any order; empty intervals are ignored, touching ones merged. */
  static from(intervals: Iterable<readonly [number, number]>): IntervalSet {
    const sorted = [...intervals].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const [s, e] of sorted) {
      const last = ends.length - 1;
      if (last >= 0 && s <= (ends[last] as number)) {
        if (e > (ends[last] as number)) ends[last] = e;
      } else {
        starts.push(s);
        ends.push(e);
      }
    }
    return new IntervalSet(starts, ends);
  }

  get size(): number {
    return this.starts.length;
  }

  /** The merged intervals, ascending. */
  toArray(): Array<[number, number]> {
    return this.starts.map((s, i) => [s, this.ends[i] as number]);
  }

  /** Index of the last interval starting at or before `t`, or -1. */
  private lastStartingAtOrBefore(t: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The intervals that overlap [from, to), ascending. */
  overlapping(from: number, to: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let i = Math.max(0, this.lastStartingAtOrBefore(from));
    for (; i < this.starts.length && (this.starts[i] as number) < to; i++) {
      if ((this.ends[i] as number) > from) out.push([this.starts[i] as number, this.ends[i] as number]);
    }
    return out;
  }

  /** Whether any interval overlaps [start, end). */
  overlaps(start: number, end: number): boolean {
    const i = this.lastStartingAtOrBefore(start);
    if (i >= 0 && (this.ends[i] as number) > start) return true;
    const next = this.starts[i + 1];
    return next !== undefined && next < end;
  }

  /** Index of the interval that contains all of [start, end), or -1. */
  indexContaining(start: number, end: number): number {
    const i = this.lastStartingAtOrBefore(start);
    return i >= 0 && (this.ends[i] as number) >= end ? i : -1;
  }

  /** Start of the interval at `index` (from `indexContaining`). */
  startAt(index: number): number {
    return this.starts[index] as number;
  }

  /** End of the interval at `index` (from `indexContaining`). */
  endAt(index: number): number {
    return this.ends[index] as number;
  }

  /**
   * How far (ms) [start, end) sticks out of the nearest interval: 0 when it is
   * contained, otherwise the time before the interval's start plus the time after its end,
   * minimised over the intervals on either side. Infinity for an empty set.
   */
  stretchNeeded(start: number, end: number): number {
    const i = this.lastStartingAtOrBefore(start);
    return Math.min(this.stretchTo(i, start, end), this.stretchTo(i + 1, start, end));
  }

  /**
   * How `stretchNeeded` splits: the time [start, end) begins before the nearest interval's start
   * and the time it runs on after that interval's end (both 0 when contained; Infinity for an
   * empty set).
   */
  stretchParts(start: number, end: number): { before: number; after: number } {
    const i = this.lastStartingAtOrBefore(start);
    const j = this.stretchTo(i, start, end) <= this.stretchTo(i + 1, start, end) ? i : i + 1;
    const s = this.starts[j];
    const e = this.ends[j];
    if (s === undefined || e === undefined) return { before: Number.POSITIVE_INFINITY, after: Number.POSITIVE_INFINITY };
    return { before: Math.max(0, s - start), after: Math.max(0, end - e) };
  }

  /** How much of [start, end) the intervals cover, in ms. */
  coveredMs(start: number, end: number): number {
    return this.overlapping(start, end).reduce((sum, [s, e]) => sum + Math.min(e, end) - Math.max(s, start), 0);
  }

  private stretchTo(index: number, start: number, end: number): number {
    const s = this.starts[index];
    const e = this.ends[index];
    if (s === undefined || e === undefined) return Number.POSITIVE_INFINITY;
    return Math.max(0, s - start) + Math.max(0, end - e);
  }
}
