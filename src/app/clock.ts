import type { Clock } from './ports.ts';

/** The real clock; tests pass their own. */
export const systemClock: Clock = { now: () => new Date() };
