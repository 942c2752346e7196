import { hash, hashString, Rng } from '../org/rng.ts';

/**
 * Who was in one occurrence's Teams meeting, generated from the org seed, the event, the
 * occurrence and the person, so a seed gives the same reports on every machine and every read.
 * Most invited people join; of those, some come late (up to 15 minutes) or leave early (up to 20).
 */

export type Intervals = { join: Date; leave: Date }[];

const MINUTE = 60_000;

export function generatedAttendance(options: {
  seed: number;
  eventId: string;
  originalStart: Date;
  start: Date;
  end: Date;
  personIds: readonly string[];
  joinRate: number;
}): Record<string, Intervals> {
  const { start, end } = options;
  const out: Record<string, Intervals> = {};
  for (const personId of options.personIds) {
    const rng = new Rng(hash(options.seed, hashString(options.eventId), hashString(options.originalStart.toISOString()), hashString(personId)));
    if (!rng.chance(options.joinRate)) continue;
    const late = rng.chance(0.3) ? rng.between(1, 15) * MINUTE : -rng.between(0, 2) * MINUTE;
    const early = rng.chance(0.25) ? rng.between(1, 20) * MINUTE : -rng.between(0, 3) * MINUTE;
    const join = Math.round(start.getTime() + late);
    const leave = Math.max(join + MINUTE, Math.round(end.getTime() - early));
    out[personId] = [{ join: new Date(join), leave: new Date(leave) }];
  }
  return out;
}
