import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DAYS_OF_WEEK, formatIsoDate, parseIsoDate } from './calendar-days.ts';
import { expandOccurrences, parseSlotId, slotId, toRecurrence, type SlotDefinition } from './recurrence.ts';
import { CADENCE_INTERVAL_WEEKS, type Cadence } from './types.ts';

const slot = (overrides: Partial<SlotDefinition>): SlotDefinition => ({
  dayOfWeek: 'monday',
  startTime: '09:00',
  timeZone: 'Europe/Berlin',
  durationMinutes: 60,
  cadence: 'weekly',
  ...overrides,
});

describe('expandOccurrences: dates', () => {
  it.each<[string, Partial<SlotDefinition>, string, string, string[]]>([
    ['every two weeks across Jan 31, leap year', { dayOfWeek: 'thursday', cadence: 'biweekly' }, '2028-01-17', '2028-03-05', ['2028-01-20', '2028-02-03', '2028-02-17', '2028-03-02']],
    ['every two weeks across Jan 31, common year', { dayOfWeek: 'thursday', cadence: 'biweekly' }, '2027-01-18', '2027-03-07', ['2027-01-21', '2027-02-04', '2027-02-18', '2027-03-04']],
    ['every two weeks starting on Jan 31', { dayOfWeek: 'sunday', cadence: 'biweekly' }, '2027-01-31', '2027-03-14', ['2027-01-31', '2027-02-14', '2027-02-28', '2027-03-14']],
    ['every two weeks through Feb 29', { dayOfWeek: 'tuesday', cadence: 'biweekly' }, '2028-02-15', '2028-03-31', ['2028-02-15', '2028-02-29', '2028-03-14', '2028-03-28']],
    ['every two weeks across a year end', { dayOfWeek: 'wednesday', cadence: 'biweekly' }, '2026-12-16', '2027-01-31', ['2026-12-16', '2026-12-30', '2027-01-13', '2027-01-27']],
    [
      'monthly is every fourth week, not the same day of the month',
      { dayOfWeek: 'monday', cadence: 'monthly' },
      '2026-01-01',
      '2026-05-31',
      ['2026-01-05', '2026-02-02', '2026-03-02', '2026-03-30', '2026-04-27', '2026-05-25'],
    ],
    ['weekly, program ending on the weekday itself (inclusive)', { dayOfWeek: 'friday' }, '2026-06-01', '2026-06-19', ['2026-06-05', '2026-06-12', '2026-06-19']],
    ['program shorter than a week without that weekday', { dayOfWeek: 'friday' }, '2026-06-01', '2026-06-04', []],
  ])('%s', (_name, overrides, startDate, endDate, dates) => {
    expect(expandOccurrences(slot(overrides), { startDate, endDate }).map((o) => o.date)).toEqual(dates);
  });
});

describe('expandOccurrences: instants', () => {
  it('keeps the local time across the EU daylight-saving change (UTC moves)', () => {
    const occurrences = expandOccurrences(slot({ startTime: '09:00' }), { startDate: '2026-03-16', endDate: '2026-04-05' });
    expect(occurrences.map((o) => [o.start.toISOString(), o.end.toISOString()])).toEqual([
      ['2026-03-16T08:00:00.000Z', '2026-03-16T09:00:00.000Z'],
      ['2026-03-23T08:00:00.000Z', '2026-03-23T09:00:00.000Z'],
      ['2026-03-30T07:00:00.000Z', '2026-03-30T08:00:00.000Z'],
    ]);
  });

  it('keeps the local time across the US change in November', () => {
    const occurrences = expandOccurrences(slot({ timeZone: 'America/New_York', startTime: '10:30', durationMinutes: 45, dayOfWeek: 'tuesday' }), { startDate: '2026-10-26', endDate: '2026-11-08' });
    expect(occurrences.map((o) => o.start.toISOString())).toEqual(['2026-10-27T14:30:00.000Z', '2026-11-03T15:30:00.000Z']);
    expect(occurrences.map((o) => o.end.getTime() - o.start.getTime())).toEqual([45 * 60_000, 45 * 60_000]);
  });

  it('every session is on the weekday, at the local time, 7 × interval days apart (property)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo'];
    const cadences: Cadence[] = ['weekly', 'biweekly', 'monthly'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...cadences),
        fc.constantFrom(...DAYS_OF_WEEK),
        fc.integer({ min: 0, max: 95 }),
        fc.integer({ min: parseIsoDate('2025-01-01'), max: parseIsoDate('2029-01-01') }),
        fc.integer({ min: 0, max: 400 }),
        (timeZone, cadence, dayOfWeek, quarter, startDay, length) => {
          const startTime = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
          const program = { startDate: formatIsoDate(startDay), endDate: formatIsoDate(startDay + length) };
          const occurrences = expandOccurrences(slot({ timeZone, cadence, dayOfWeek, startTime }), program);
          const first = occurrences[0];
          if (first !== undefined) expect(parseIsoDate(first.date) - startDay).toBeLessThan(7);
          occurrences.forEach((o, i) => {
            const local = DateTime.fromJSDate(o.start, { zone: timeZone });
            expect(local.toISODate()).toBe(o.date);
            expect(local.toFormat('cccc').toLowerCase()).toBe(dayOfWeek);
            // A start time skipped by a spring-forward change moves forward by the gap.
            if (local.toFormat('HH:mm') !== startTime) {
              expect(DateTime.fromISO(`${o.date}T${startTime}`, { zone: timeZone }).toMillis()).toBe(o.start.getTime());
            }
            expect(parseIsoDate(o.date)).toBeLessThanOrEqual(startDay + length);
            const previous = occurrences[i - 1];
            if (previous !== undefined) {
              expect(parseIsoDate(o.date) - parseIsoDate(previous.date)).toBe(7 * CADENCE_INTERVAL_WEEKS[cadence]);
            }
          });
          const lastPossible = startDay + length;
          const last = occurrences[occurrences.length - 1];
          if (last !== undefined) {
            expect(parseIsoDate(last.date) + 7 * CADENCE_INTERVAL_WEEKS[cadence]).toBeGreaterThan(lastPossible);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('toRecurrence', () => {
  it.each<[Cadence, 1 | 2 | 4, string]>([
    ['weekly', 1, '2026-06-29'],
    ['biweekly', 2, '2026-06-22'],
    ['monthly', 4, '2026-06-22'],
  ])('%s → weekly pattern with interval %i ending on the last session', (cadence, interval, endDate) => {
    const facts = toRecurrence(slot({ cadence, dayOfWeek: 'monday', startTime: '16:30', durationMinutes: 45 }), {
      startDate: '2026-03-25',
      endDate: '2026-06-30',
    });
    expect(facts).toEqual({
      pattern: { type: 'weekly', interval, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' },
      range: { type: 'endDate', startDate: '2026-03-30', endDate },
      start: { dateTime: '2026-03-30T16:30:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-30T17:15:00', timeZone: 'Europe/Berlin' },
    });
  });

  it('is null when the program holds no session', () => {
    expect(toRecurrence(slot({ dayOfWeek: 'sunday' }), { startDate: '2026-06-01', endDate: '2026-06-05' })).toBeNull();
  });
});

describe('slot ids', () => {
  it.each<[Parameters<typeof slotId>[0], string]>([
    [{ cadence: 'weekly', dayOfWeek: 'monday', startTime: '09:30', durationMinutes: 60 }, 'weekly.mon.0930.60'],
    [{ cadence: 'biweekly', dayOfWeek: 'thursday', startTime: '16:00', durationMinutes: 45 }, 'biweekly.thu.1600.45'],
    [{ cadence: 'monthly', dayOfWeek: 'sunday', startTime: '00:15', durationMinutes: 30 }, 'monthly.sun.0015.30'],
  ])('%o ⇄ %s', (fields, id) => {
    expect(slotId(fields)).toBe(id);
    expect(parseSlotId(id)).toEqual(fields);
  });

  it.each(['', 'weekly', 'weekly.mon.930.60', 'weekly.xyz.0930.60', 'daily.mon.0930.60', 'weekly.mon.2530.60', 'weekly.mon.0960.60', 'weekly.mon.0930.0', 'weekly.mon.0930.60.extra'])(
    'rejects %j',
    (id) => {
      expect(parseSlotId(id)).toBeNull();
    },
  );
});
