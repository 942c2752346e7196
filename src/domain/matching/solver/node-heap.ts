/**
 * A binary min-heap of (key, node) entries ordered by key, then by node id, so that equal keys pop
 * in a stable order and the solver's choices among ties do not depend on insertion history.
 * Entries are never updated in place: a better key is pushed again and stale ones are skipped by
 * the caller.
 */
export class NodeHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  private count = 0;

  constructor(initialCapacity: number) {
    const capacity = Math.max(16, initialCapacity);
    this.keys = new Float64Array(capacity);
    this.nodes = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  push(key: number, node: number): void {
    if (this.count === this.keys.length) this.grow();
    const keys = this.keys;
    const nodes = this.nodes;
    let at = this.count++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && nodes[parent]! < node)) break;
      keys[at] = pk;
      nodes[at] = nodes[parent]!;
      at = parent;
    }
    keys[at] = key;
    nodes[at] = node;
  }

  /** The smallest key; only valid when the heap is not empty. */
  peekKey(): number {
    return this.keys[0]!;
  }

  /** Removes the smallest entry and returns its node; read its key with `peekKey` first. */
  pop(): number {
    const keys = this.keys;
    const nodes = this.nodes;
    const top = nodes[0]!;
    const last = --this.count;
    if (last === 0) return top;
    const key = keys[last]!;
    const node = nodes[last]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last) {
        const ck = keys[child]!;
        const rk = keys[right]!;
        if (rk < ck || (rk === ck && nodes[right]! < nodes[child]!)) child = right;
      }
      const ck = keys[child]!;
      if (key < ck || (key === ck && node < nodes[child]!)) break;
      keys[at] = ck;
      nodes[at] = nodes[child]!;
      at = child;
    }
    keys[at] = key;
    nodes[at] = node;
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const nodes = new Int32Array(this.nodes.length * 2);
    keys.set(this.keys);
    nodes.set(this.nodes);
    this.keys = keys;
    this.nodes = nodes;
  }
}
