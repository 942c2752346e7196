/**
 * Seeded hashing and random numbers for the sandbox generator. Everything in the sandbox
 * organisation derives from these, never from Math.random or the clock, so that a seed
 * reproduces the same tenant on every machine.
 */

/** Murmur3's 32-bit finaliser: a cheap, well-mixed bijection on 32-bit integers. */
function fmix(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines 32-bit integers into one well-mixed unsigned 32-bit hash (order matters). */
export function hash(a: number, b: number, c = 0, d = 0): number {
  let h = fmix(a + 0x9e3779b9);
  h = fmix(h ^ Math.imul(b | 0, 0xcc9e2d51) ^ 0x1b873593);
  h = fmix(h ^ Math.imul(c | 0, 0x1b873593) ^ 0x6b43a9b5);
  h = fmix(h ^ Math.imul(d | 0, 0xe6546b64) ^ 0x85ebca6b);
  return h;
}

/** FNV-1a over the UTF-16 code units, then mixed: a stable 32-bit hash of a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

/** A small, fast seeded generator (mulberry32) with the helpers the generator needs. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform float in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A uniformly chosen element; the array must not be empty. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** An index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(word: number): string {
  return (HEX[(word >>> 24) & 0xff] ?? '') + (HEX[(word >>> 16) & 0xff] ?? '') + (HEX[(word >>> 8) & 0xff] ?? '') + (HEX[word & 0xff] ?? '');
}

/**
 * A lowercase, version-4-shaped GUID derived from (seed, index, salt). Entra ids are GUIDs,
 * and code under test may parse them, so the sandbox's ids have the same shape.
 */
export function guid(seed: number, index: number, salt = 0): string {
  const a = hash(seed, index, salt, 0x6c1d);
  const b = fmix(a ^ 0x2545f491);
  const c = fmix(b + 0x9e3779b9);
  const d = fmix(c ^ 0x85ebca6b);
  const bVersioned = ((b & 0xffff0fff) | 0x00004000) >>> 0;
  const cVariant = ((c & 0x3fffffff) | 0x80000000) >>> 0;
  const hb = hex32(bVersioned);
  const hc = hex32(cVariant);
  return `${hex32(a)}-${hb.slice(0, 4)}-${hb.slice(4)}-${hc.slice(0, 4)}-${hc.slice(4)}${hex32(d)}`;
}

/** Maps any finite number (negative, fractional, beyond 2^32) to a 32-bit seed. */
export function seed32(seed: number): number {
  return hashString(`flipside-sandbox:${seed}`);
}
