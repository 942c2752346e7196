import { describe, expect, it } from 'vitest';
import type { SlotCandidate } from '../../domain/scheduling/types.ts';
import { alternativeNote, bookingView, durationWords, seriesWords, slotOption } from './words.ts';
import type { BookingRecord } from './ports.ts';

const slot: SlotCandidate = {
  id: 'biweekly.tue.1600.45',
  dayOfWeek: 'tuesday',
  startTime: '16:00',
  timeZone: 'Europe/London',
  durationMinutes: 45,
  cadence: 'biweekly',
  firstOccurrence: '2027-03-16',
  lastOccurrence: '2027-06-01',
  occurrences: 7,
  checkedOccurrences: 4,
  freeOccurrences: 4,
  withinWorkingHoursEveryDate: true,
  outsideWorkingHours: [],
  comfort: 80,
  concerns: [{ who: 'mentee', kind: 'end-of-day' }],
};
const period = { startDate: '2027-03-15', endDate: '2027-06-04' };

describe("a series in each person's own words", () => {
  it("says the time in each person's clock, daylight-saving gap included", () => {
    // 16 March 2027: New York is already on summer time (since the 14th), London not yet: 4 hours apart, not 5.
    const first = { start: new Date('2027-03-16T16:00:00Z'), end: new Date('2027-03-16T16:45:00Z') };
    expect(seriesWords(first, 'biweekly', { zone: 'Europe/London', office: 'London' })).toBe('every other Tuesday 16:00–16:45 (London time)');
    expect(seriesWords(first, 'biweekly', { zone: 'America/New_York', office: 'New York' })).toBe('every other Tuesday 12:00–12:45 (New York time)');
    expect(seriesWords(first, 'weekly', { zone: 'Asia/Kolkata', office: null })).toBe('Tuesdays 21:30–22:15 (India Standard Time)');
  });

  // Regression (issue 13): "Seattle people are labelled (Los Angeles time)".
  it('names the zone by the office city, or by its common name, never by the IANA city', () => {
    const first = { start: new Date('2027-03-16T16:00:00Z'), end: new Date('2027-03-16T16:45:00Z') };
    expect(seriesWords(first, 'weekly', { zone: 'America/Los_Angeles', office: 'Seattle' })).toBe('Tuesdays 09:00–09:45 (Seattle time)');
    expect(seriesWords(first, 'weekly', { zone: 'America/Los_Angeles', office: null })).toBe('Tuesdays 09:00–09:45 (Pacific Time)');
    expect(seriesWords(first, 'weekly', { zone: 'America/Los_Angeles', office: 'London' })).toBe('Tuesdays 09:00–09:45 (Pacific Time)');
  });

  it("puts an offered slot on the card with each person's time, the evidence and the concerns by name", () => {
    const option = slotOption(
      slot,
      period,
      { id: 'a', name: 'Ana Lopez', zone: 'Europe/London', office: 'London' },
      { id: 'r', name: 'Raj Patel', zone: 'America/New_York', office: 'New York' },
      '30 minutes instead of 45',
    );
    expect(option.times).toEqual([
      { name: 'Ana Lopez', when: 'every other Tuesday 16:00–16:45 (London time)' },
      { name: 'Raj Patel', when: 'every other Tuesday 12:00–12:45 (New York time)' },
    ]);
    expect(option.fit).toBe('free for both in 4 of the next 4 sessions · inside both working days');
    expect(option.concerns).toEqual(['30 minutes instead of 45', "at the end of Raj's day"]);
  });
});

describe('a booking as the tab shows it', () => {
  const booked: BookingRecord = {
    tenantId: 't',
    programId: 'p',
    menteeId: 'r',
    mentorId: 'a',
    organizerId: 'a',
    status: 'booked',
    attempt: 1,
    version: 5,
    chatId: 'c',
    chatReady: true,
    zones: { a: 'Europe/London', r: 'America/New_York' },
    offer: [],
    chosen: slot,
    pickedBy: 'r',
    eventId: 'e',
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/x',
    problem: null,
    tries: 0,
    nextAttemptAt: new Date(0),
    endedAt: null,
  };
  const series = { startDate: slot.firstOccurrence, endDate: slot.lastOccurrence };

  it("gives the next session still to come, at the organizer's local time across their clock change", () => {
    const view = bookingView(booked, series, { zone: 'America/New_York', office: 'New York' }, new Date('2027-03-17T09:00:00Z'));
    // London went to summer time on 28 March: 16:00 London is 15:00 UTC on the 30th, 11:00 in New York.
    expect(view).toMatchObject({ status: 'booked', joinUrl: booked.joinUrl, when: 'every other Tuesday 11:00–11:45 (New York time)' });
    expect(view.nextSession).toEqual({ start: '2027-03-30T15:00:00.000Z', end: '2027-03-30T15:45:00.000Z' });
    // The tab writes the series in its own locale from the same session and cadence.
    expect(view.series).toEqual({ cadence: 'biweekly', ...view.nextSession });
  });

  it('shows no session and no link once the series has ended, but says why', () => {
    const view = bookingView({ ...booked, status: 'ended', problem: 'Raj Patel left the program.' }, series, { zone: 'UTC', office: null }, new Date('2027-03-10T09:00:00Z'));
    expect(view).toEqual({ status: 'ended', when: null, series: null, nextSession: null, zone: 'UTC', zoneName: 'UTC', joinUrl: null, problem: 'Raj Patel left the program.' });
  });
});

// Regression (issue 13): "up to 105 minutes outside Cathy's working hours" for a 45-minute meeting.
describe('an alternative outside working hours, said the way a person would', () => {
  const mentor = { id: 'a', name: 'Ana Lopez', zone: 'Europe/London', office: null };
  const mentee = { id: 'c', name: 'Cathy Nguyen', zone: 'America/New_York', office: null };
  const outside = (fields: { before: number; after: number; minutes: number; every: boolean }) =>
    alternativeNote(
      {
        kind: 'outside-hours',
        needsConsentOf: 'mentee',
        minutesOutsideHours: fields.minutes,
        startsBeforeDayMinutes: fields.before,
        endsAfterDayMinutes: fields.after,
        outsideOnEveryDate: fields.every,
        slot,
      },
      45,
      mentor,
      mentee,
    );

  it.each([
    [{ before: 30, after: 0, minutes: 30, every: false }, "starts 30 minutes before Cathy's working day on some dates: pick it only if Cathy agrees"],
    [{ before: 105, after: 0, minutes: 45, every: true }, "starts 1 hour 45 minutes before Cathy's working day: pick it only if Cathy agrees"],
    [{ before: 0, after: 60, minutes: 45, every: true }, "ends 1 hour after Cathy's working day: pick it only if Cathy agrees"],
    [{ before: 15, after: 15, minutes: 30, every: true }, "30 minutes outside Cathy's working hours: pick it only if Cathy agrees"],
  ])('%o → %s', (fields, words) => {
    expect(outside(fields)).toBe(words);
    expect(outside(fields)).not.toMatch(/up to|105 minutes/);
  });

  it('puts lengths in words', () => {
    expect([1, 30, 60, 105, 120, 150].map(durationWords)).toEqual(['1 minute', '30 minutes', '1 hour', '1 hour 45 minutes', '2 hours', '2 hours 30 minutes']);
  });
});
