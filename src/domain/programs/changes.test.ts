import { describe, expect, it } from 'vitest';
import { keptCadence, needsCalendarCheck, pastDate, seriesChange } from './changes.ts';

const dates = { enrollmentOpensOn: '2026-12-01', enrollmentClosesOn: '2027-01-03', startsOn: '2027-01-04', endsOn: '2027-06-28' };
const program = { startsOn: '2027-01-04', endsOn: '2027-06-28', sessionMinutes: 45, cadences: ['weekly', 'biweekly', 'monthly'] as ('weekly' | 'biweekly' | 'monthly')[] };

describe('program dates in the past', () => {
  it('names the first date before today; a date kept as it was may stay in the past', () => {
    expect(pastDate(dates, '2026-12-02')).toEqual({ field: 'enrollmentOpensOn', message: expect.stringContaining('in the past') });
    expect(pastDate(dates, '2026-12-01')).toBeNull();
    expect(pastDate({ ...dates, endsOn: '2026-11-30' }, '2026-12-02', dates)).toEqual({ field: 'endsOn', message: expect.stringContaining('2026-11-30') });
    expect(pastDate(dates, '2027-02-01', dates)).toBeNull();
  });
});

describe('what an edit does to a booked series', () => {
  it('follows a new session length and end date, in words', () => {
    const change = seriesChange(program, { ...program, sessionMinutes: 60, endsOn: '2027-07-26' }, { durationMinutes: 45, cadence: 'biweekly' })!;
    expect(change.summary).toEqual(['45 → 60 minutes', 'ends 26 July 2027 instead of 28 June 2027']);
    expect(needsCalendarCheck(change)).toBe(true);
  });

  it('keeps a shorter meeting the pair agreed on when the length did not change, and changes nothing else', () => {
    expect(seriesChange(program, { ...program }, { durationMinutes: 30, cadence: 'biweekly' })).toBeNull();
    const shorter = seriesChange(program, { ...program, endsOn: '2027-06-14' }, { durationMinutes: 30, cadence: 'biweekly' })!;
    expect(shorter.after.durationMinutes).toBe(30);
    expect(needsCalendarCheck(shorter)).toBe(false);
  });

  it('moves a cadence the program no longer offers to the nearest one in weeks between sessions', () => {
    expect(keptCadence('biweekly', ['weekly', 'monthly'])).toBe('weekly');
    expect(keptCadence('weekly', ['biweekly', 'monthly'])).toBe('biweekly');
    expect(keptCadence('monthly', ['monthly'])).toBe('monthly');
    const change = seriesChange(program, { ...program, cadences: ['weekly'] }, { durationMinutes: 45, cadence: 'biweekly' })!;
    expect(change.summary).toEqual(['every two weeks → every week']);
    expect(needsCalendarCheck(change)).toBe(true);
  });
});
