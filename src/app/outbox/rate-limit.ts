/** A limit: at most `max` events in any `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

/** Teams' limits per bot and conversation (PLATFORM.md). */
export const CONVERSATION_LIMITS: Limit[] = [
  { max: 7, windowMs: 1_000 },
  { max: 8, windowMs: 2_000 },
  { max: 60, windowMs: 30_000 },
  { max: 1_800, windowMs: 3_600_000 },
];
/** All conversations together: 30 requests per second per app and tenant. */
export const TENANT_LIMITS: Limit[] = [{ max: 30, windowMs: 1_000 }];

/**
 * Sliding-window limits per key, in this process. `acquire` takes a slot under every key at once,
 * or says how long to wait before any slot could be free.
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  /** @returns 0 when the event is admitted (and counted), else the milliseconds to wait. */
  acquire(keys: { key: string; limits: Limit[] }[], nowMs: number): number {
    let wait = 0;
    for (const { key, limits } of keys) {
      const longest = Math.max(...limits.map((l) => l.windowMs));
      const times = (this.events.get(key) ?? []).filter((t) => t > nowMs - longest);
      this.events.set(key, times);
      for (const l of limits) {
        const inWindow = times.filter((t) => t > nowMs - l.windowMs);
        if (inWindow.length >= l.max) wait = Math.max(wait, inWindow[inWindow.length - l.max]! + l.windowMs - nowMs + 1);
      }
    }
    if (wait > 0) return wait;
    for (const { key } of keys) this.events.get(key)!.push(nowMs);
    return 0;
  }
}
