/** The time, so that use cases, jobs and tests agree on "now". */
export interface Clock {
  now(): Date;
}

/** The real clock; tests pass their own. */
export const systemClock: Clock = { now: () => new Date() };
