import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './calendar-days.ts';
import { ZoneClock } from './zone-clock.ts';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Australia/Lord_Howe', // half-hour daylight-saving change
  'Asia/Kathmandu', // +05:45
  'America/Santiago', // changes at local midnight
  'Africa/Casablanca', // suspends daylight saving around Ramadan
  'Etc/UTC',
];
const FIRST = parseIsoDate('2025-01-01');
const LAST = parseIsoDate('2028-12-31');

describe('ZoneClock', () => {
  it('rejects an unknown zone', () => {
    expect(() => new ZoneClock('W. Europe Standard Time', FIRST, LAST)).toThrow(RangeError);
  });

  it('agrees with luxon on the offset at any instant', () => {
    const clocks = ZONES.map((zone) => new ZoneClock(zone, FIRST, LAST));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: clocks.length - 1 }), fc.integer({ min: FIRST * 1440, max: LAST * 1440 }), (i, minute) => {
        const clock = clocks[i] as ZoneClock;
        const t = minute * 60_000;
        expect(clock.offsetAt(t)).toBe(IANAZone.create(clock.zone).offset(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('turns local wall time into the same instant as luxon, skipped times included', () => {
    const clocks = ZONES.map((zone) => new ZoneClock(zone, FIRST, LAST));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: clocks.length - 1 }), fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: 0, max: 1439 }), (i, day, minute) => {
        const clock = clocks[i] as ZoneClock;
        const date = new Date(day * 86_400_000);
        const expected = DateTime.fromObject(
          {
            year: date.getUTCFullYear(),
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
            hour: Math.floor(minute / 60),
            minute: minute % 60,
          },
          { zone: clock.zone },
        );
        const actual = clock.localToUtc(day, minute);
        // An ambiguous (repeated) hour has two right answers; both must show the wall time.
        // A skipped time must match luxon exactly (it cannot be shown, so the check below fails).
        if (actual !== expected.toMillis()) {
          const shown = DateTime.fromMillis(actual, { zone: clock.zone });
          expect(shown.hour * 60 + shown.minute).toBe(minute);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    // [zone, local date, local time, UTC]
    ['Europe/Berlin', '2026-03-29', 1 * 60 + 30, '2026-03-29T00:30:00.000Z'],
    ['Europe/Berlin', '2026-03-29', 2 * 60 + 30, '2026-03-29T01:30:00.000Z'], // skipped: moves to 03:30 CEST
    ['Europe/Berlin', '2026-03-29', 9 * 60, '2026-03-29T07:00:00.000Z'],
    ['America/New_York', '2026-03-08', 9 * 60, '2026-03-08T13:00:00.000Z'],
    ['America/New_York', '2026-03-07', 9 * 60, '2026-03-07T14:00:00.000Z'],
    ['America/New_York', '2026-11-01', 9 * 60, '2026-11-01T14:00:00.000Z'],
    ['Asia/Kolkata', '2026-06-01', 9 * 60, '2026-06-01T03:30:00.000Z'],
  ])('%s %s at minute %i is %s', (zone, date, minute, utc) => {
    const clock = new ZoneClock(zone, parseIsoDate('2026-01-01'), parseIsoDate('2026-12-31'));
    expect(new Date(clock.localToUtc(parseIsoDate(date), minute)).toISOString()).toBe(utc);
  });

  it('reports a steady offset only on days without a change nearby', () => {
    const clock = new ZoneClock('Europe/Berlin', parseIsoDate('2026-01-01'), parseIsoDate('2026-12-31'));
    expect(clock.steadyOffsetOn(parseIsoDate('2026-03-16'))).toBe(60);
    expect(clock.steadyOffsetOn(parseIsoDate('2026-03-29'))).toBeNull();
    expect(clock.steadyOffsetOn(parseIsoDate('2026-04-06'))).toBe(120);
  });
});
