/**
 * How long to wait before attempt `attempts + 1`: the server's Retry-After when it gave one, else
 * exponential backoff (500 ms doubling, capped at 5 minutes) with jitter over its upper half, so
 * that failures which happened together do not retry together.
 *
 * @param attempts the attempts made so far, the failed one included (1 after the first failure)
 * @param random a number in [0, 1); tests pass a fixed one
 */
export function backoffMs(attempts: number, retryAfterMs: number | undefined, random: () => number): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const base = Math.min(300_000, 500 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base / 2 + (base / 2) * random());
}
