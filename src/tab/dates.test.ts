import { describe, expect, it } from 'vitest';
import { seriesRange, sessionRange, type ViewerClock } from './dates.ts';

const clock: ViewerClock = { zone: 'America/Los_Angeles', name: 'Seattle time' };
const session = { start: '2027-01-04T17:15:00Z', end: '2027-01-04T18:00:00Z' };

describe('the series beside its next session', () => {
  // Regression (issue 13): HR's Meetings cell said "Every other Monday 16:15–17:00 (UTC)" above
  // "Next: Mon, Jan 4, 2027, 4:15 – 5:00 PM (UTC)": one clock, two ways of writing it.
  it('writes the series in the same clock style as the session, whatever the locale', () => {
    const series = seriesRange({ cadence: 'biweekly', ...session }, clock);
    const next = sessionRange(session, clock, { weekday: 'short', now: new Date('2027-01-01T00:00:00Z') });
    expect(series).toMatch(/^Every other Monday, /);
    expect(series.endsWith(' (Seattle time)')).toBe(true);
    const hoursOf = (text: string) => text.slice(text.search(/\d{1,2}:\d\d/)).replace(' (Seattle time)', '');
    expect(hoursOf(series)).toBe(hoursOf(next.replace(/^.*?(\d{4}, )/, '')));
    expect(hoursOf(series)).toMatch(/^0?9:15\s?–\s?10:00(\sAM)?$/);
  });

  it('names the cadence', () => {
    expect(seriesRange({ cadence: 'weekly', ...session }, clock)).toMatch(/^Every Monday, /);
    expect(seriesRange({ cadence: 'monthly', ...session }, clock)).toMatch(/^Every fourth Monday, /);
  });
});
