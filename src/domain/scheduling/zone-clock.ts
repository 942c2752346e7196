import { IANAZone } from 'luxon';
import { MS_PER_DAY, MS_PER_MINUTE, yearOfEpochDay } from './calendar-days.ts';

// Asking Intl (through luxon) for an offset costs several microseconds, too slow to do for every
// candidate slot on every date of every pair. A zone's offsets over a year are a step function
// with a handful of steps, so it is computed once per zone and year, kept, and searched.

interface YearSteps {
  /** Offset in minutes at the first instant of the sampled range. */
  initialOffset: number;
  /** UTC instants (ms) from which `offsets[i]` applies, ascending. */
  at: number[];
  offsets: number[];
}

// Two days is shorter than any gap between two transitions of a real zone, so no pair of
// transitions can hide between samples.
const SAMPLE_STEP_MS = 2 * MS_PER_DAY;
const MAX_CACHED_YEARS = 4_000;
const yearCache = new Map<string, YearSteps>();
const knownZones = new Set<string>();

function computeYear(zone: IANAZone, year: number): YearSteps {
  const from = Date.UTC(year, 0, 1) - MS_PER_DAY;
  const to = Date.UTC(year + 1, 0, 1) + MS_PER_DAY;
  const initialOffset = zone.offset(from);
  const at: number[] = [];
  const offsets: number[] = [];
  let previousTime = from;
  let previousOffset = initialOffset;
  for (let t = from + SAMPLE_STEP_MS; ; t = Math.min(t + SAMPLE_STEP_MS, to)) {
    const offset = zone.offset(t);
    if (offset !== previousOffset) {
      // Offsets change on whole minutes: bisect to the first minute of the new offset.
      let lo = previousTime;
      let hi = t;
      while (hi - lo > MS_PER_MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
        if (zone.offset(mid) === previousOffset) lo = mid;
        else hi = mid;
      }
      at.push(hi);
      offsets.push(offset);
    }
    previousTime = t;
    previousOffset = offset;
    if (t === to) break;
  }
  return { initialOffset, at, offsets };
}

function yearSteps(zoneName: string, zone: IANAZone, year: number): YearSteps {
  const key = `${zoneName}|${year}`;
  const cached = yearCache.get(key);
  if (cached !== undefined) return cached;
  if (yearCache.size >= MAX_CACHED_YEARS) yearCache.clear();
  const steps = computeYear(zone, year);
  yearCache.set(key, steps);
  return steps;
}

/**
 * Wall-clock arithmetic for one IANA zone over a range of local dates: UTC offset at an instant,
 * and the instant of a local date and time, with daylight-saving changes taken into account on
 * each date. Pure and deterministic; offsets per zone and year are memoised.
 */
export class ZoneClock {
  readonly zone: string;
  private readonly initialOffset: number;
  private readonly at: number[] = [];
  private readonly offsets: number[] = [];

  /**
   * @param firstDay first local epoch day the clock must answer for (a day of margin is added)
   * @param lastDay last local epoch day
   * @throws RangeError if `zone` is not a known IANA zone
   */
  constructor(zone: string, firstDay: number, lastDay: number) {
    if (!knownZones.has(zone)) {
      if (!IANAZone.isValidZone(zone)) throw new RangeError(`not an IANA time zone: ${zone}`);
      if (knownZones.size >= MAX_CACHED_YEARS) knownZones.clear();
      knownZones.add(zone);
    }
    this.zone = zone;
    const luxonZone = IANAZone.create(zone);
    const firstYear = yearOfEpochDay(firstDay - 1);
    const lastYear = yearOfEpochDay(lastDay + 1);
    let current = Number.NaN;
    let initial = 0;
    for (let year = firstYear; year <= lastYear; year++) {
      const steps = yearSteps(zone, luxonZone, year);
      if (year === firstYear) {
        initial = steps.initialOffset;
        current = initial;
      }
      for (let i = 0; i < steps.at.length; i++) {
        const offset = steps.offsets[i] as number;
        const time = steps.at[i] as number;
        const lastAt = this.at[this.at.length - 1];
        // Consecutive years overlap by a day: skip steps already recorded.
        if (offset === current || (lastAt !== undefined && time <= lastAt)) continue;
        this.at.push(time);
        this.offsets.push(offset);
        current = offset;
      }
    }
    this.initialOffset = initial;
  }

  /** Number of offset changes at or before a UTC instant. */
  private stepIndex(utcMs: number): number {
    const at = this.at;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((at[mid] as number) <= utcMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** UTC offset in minutes at a UTC instant (ms). */
  offsetAt(utcMs: number): number {
    const lo = this.stepIndex(utcMs);
    return lo === 0 ? this.initialOffset : (this.offsets[lo - 1] as number);
  }

  /**
   * The UTC offset in minutes if it is the same all through a local day (and some hours either
   * side), or null on and around a daylight-saving change. Lets callers turn many times of one
   * day into instants by arithmetic.
   */
  steadyOffsetOn(epochDay: number): number | null {
    // Local midnight lies between UTC-14 h and UTC+12 h of the same wall time: cover both ends.
    const from = epochDay * MS_PER_DAY - 14 * 60 * MS_PER_MINUTE;
    const to = (epochDay + 1) * MS_PER_DAY + 12 * 60 * MS_PER_MINUTE;
    return this.stepIndex(from) === this.stepIndex(to) ? this.offsetAt(from) : null;
  }

  /**
   * The UTC instant (ms) of a local wall-clock time. A time that does not exist (skipped by a
   * spring-forward change) moves forward by the size of the gap, as calendars do; an ambiguous
   * time (repeated by a fall-back change) resolves to one of its two instants.
   */
  localToUtc(epochDay: number, minuteOfDay: number): number {
    const local = epochDay * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
    const guess = this.offsetAt(local);
    const first = local - guess * MS_PER_MINUTE;
    const offsetAtFirst = this.offsetAt(first);
    if (offsetAtFirst === guess) return first;
    const second = local - offsetAtFirst * MS_PER_MINUTE;
    const offsetAtSecond = this.offsetAt(second);
    if (offsetAtSecond === offsetAtFirst) return second;
    return local - Math.min(offsetAtFirst, offsetAtSecond) * MS_PER_MINUTE;
  }

  /** Local epoch day of a UTC instant. */
  localDay(utcMs: number): number {
    return Math.floor((utcMs + this.offsetAt(utcMs) * MS_PER_MINUTE) / MS_PER_DAY);
  }

  /** Local minutes after midnight of a UTC instant. */
  localMinute(utcMs: number): number {
    const local = utcMs + this.offsetAt(utcMs) * MS_PER_MINUTE;
    return Math.floor((local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
  }
}
