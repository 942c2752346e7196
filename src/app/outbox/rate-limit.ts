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
/**
 * All conversations together: 30 requests per second per app and tenant (sends, edits and member
 * lookups alike). The window is held 100 ms longer than a second, for the time between a request
 * being admitted here and reaching the Bot Connector (a member lookup's round trip before the
 * send, a busy event loop, the network): requests admitted apart can arrive closer together, and
 * the connector counts arrivals. That leaves 27 requests a second, 91 % of the limit.
 */
export const TENANT_LIMITS: Limit[] = [{ max: 30, windowMs: 1_100 }];

/** What the connector's answers must show before the limiter holds a whole key back. */
const THROTTLE_WINDOW_MS = 2_000;
const THROTTLE_MIN = 3;
const THROTTLE_SHARE = 0.3;

/**
 * Sliding-window limits per key, in this process. `acquire` takes slots under every key at once,
 * or says how long to wait before they could be free. `answered` feeds back what the connector
 * said: when a key's requests are throttled more than now and then (3 or more, and 30 % or more of
 * its answers in 2 s), the key is held back for Retry-After, so that every conversation slows down
 * together instead of each finding the limit on its own.
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();
  private readonly holds = new Map<string, number>();
  private readonly answers = new Map<string, { at: number; throttled: boolean }[]>();

  /**
   * @param keys each key with its limits and how many events this takes under it (default 1)
   * @returns 0 when the events are admitted (and counted), else the milliseconds to wait.
   */
  acquire(keys: { key: string; limits: Limit[]; cost?: number }[], nowMs: number): number {
    let wait = 0;
    for (const { key, limits, cost = 1 } of keys) {
      const held = this.holds.get(key);
      if (held !== undefined && held > nowMs) wait = Math.max(wait, held - nowMs);
      else if (held !== undefined) this.holds.delete(key);
      const longest = Math.max(...limits.map((l) => l.windowMs));
      const times = (this.events.get(key) ?? []).filter((t) => t > nowMs - longest);
      this.events.set(key, times);
      for (const l of limits) {
        const inWindow = times.filter((t) => t > nowMs - l.windowMs);
        // Room for `cost` more: the oldest events that have to leave the window first.
        const over = inWindow.length + Math.min(cost, l.max) - l.max;
        if (over > 0) wait = Math.max(wait, inWindow[over - 1]! + l.windowMs - nowMs + 1);
      }
    }
    if (wait > 0) return wait;
    for (const { key, cost = 1 } of keys) for (let i = 0; i < cost; i++) this.events.get(key)!.push(nowMs);
    return 0;
  }

  /** Admits nothing under `key` before `untilMs`. */
  hold(key: string, untilMs: number): void {
    this.holds.set(key, Math.max(untilMs, this.holds.get(key) ?? 0));
  }

  /**
   * What the connector answered a request admitted under `key`. @returns true when that made the
   * limiter hold the key back (for `retryAfterMs`, else a second; 100 ms at least).
   */
  answered(key: string, nowMs: number, answer: { throttled: boolean; retryAfterMs?: number }): boolean {
    const recent = (this.answers.get(key) ?? []).filter((a) => a.at > nowMs - THROTTLE_WINDOW_MS);
    recent.push({ at: nowMs, throttled: answer.throttled });
    this.answers.set(key, recent);
    if (!answer.throttled) return false;
    const throttled = recent.filter((a) => a.throttled).length;
    if (throttled < THROTTLE_MIN || throttled < THROTTLE_SHARE * recent.length) return false;
    this.hold(key, nowMs + Math.max(answer.retryAfterMs ?? 1_000, 100));
    this.answers.set(key, []); // the same evidence does not hold it again
    return true;
  }
}
