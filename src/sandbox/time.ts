/**
 * The sandbox's clock: real time plus an offset that only grows. A demo or a test moves it forward
 * to make a week of sessions happen in seconds (meetings end, attendance reports appear,
 * subscriptions expire), while it keeps ticking between moves so timeouts and backoffs still
 * behave. It never goes back: what has happened in the sandbox stays in its past.
 */
export class SandboxClock {
  #offsetMs = 0;

  /** How far ahead of real time the sandbox is (what is kept across a restart). */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  /** Moves forward only: a time at or before now() is refused, so nothing is un-happened. */
  set(to: Date): void {
    const ahead = to.getTime() - this.now().getTime();
    if (!Number.isFinite(ahead)) throw new RangeError('SandboxClock.set: not a valid date');
    if (ahead < 0) throw new RangeError(`SandboxClock.set: ${to.toISOString()} is before the sandbox's now (${this.now().toISOString()}); the clock moves forward only`);
    this.#offsetMs += ahead;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`SandboxClock.advance: ${ms} ms; the clock moves forward only`);
    this.#offsetMs += ms;
  }
}
