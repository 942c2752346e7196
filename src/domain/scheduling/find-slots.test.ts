import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { toIanaZone } from '../shared/time-zones.ts';
import { evaluateSlot, findRecurringSlots } from './find-slots.ts';
import { expandOccurrences } from './recurrence.ts';
import type { BusyInterval, DayOfWeek, FreeBusyStatus, PairRole, ProgramPeriod, SchedulingPerson, SlotCandidate, SlotSearch, SlotSearchResult } from './types.ts';

const WEEKDAYS: readonly DayOfWeek[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const DAY_MS = 86_400_000;

function person(timeZone: string, hours = '09:00-17:00', busy: BusyInterval[] = [], days = WEEKDAYS): SchedulingPerson {
  const [startTime = '', endTime = ''] = hours.split('-');
  return { workingHours: { daysOfWeek: days, startTime, endTime, timeZone }, busy };
}

/** Eight weeks of free/busy from the program start (with half a day of margin for zones east of UTC). */
function eightWeeks(program: ProgramPeriod): SlotSearch['checkWindow'] {
  const start = Date.parse(`${program.startDate}T00:00:00Z`) - DAY_MS / 2;
  return { start: new Date(start), end: new Date(start + 56 * DAY_MS) };
}

function search(fields: Pick<SlotSearch, 'mentor' | 'mentee' | 'program'> & Partial<SlotSearch>): SlotSearch {
  return { organizer: 'mentor', cadence: 'weekly', durationMinutes: 60, checkWindow: eightWeeks(fields.program), ...fields };
}

function item(zone: string, date: string, from: string, to: string, status: FreeBusyStatus = 'busy'): BusyInterval {
  const start = DateTime.fromISO(`${date}T${from}`, { zone });
  const end = to === '24:00' ? start.startOf('day').plus({ days: 1 }) : DateTime.fromISO(`${date}T${to}`, { zone });
  return { start: start.toJSDate(), end: end.toJSDate(), status };
}

/** Every weekday from `from` to `to` (inclusive) as "yyyy-MM-dd". */
function weekdaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d <= DateTime.fromISO(to, { zone: 'UTC' }); d = d.plus({ days: 1 })) {
    if (d.weekday <= 5) out.push(d.toISODate() ?? '');
  }
  return out;
}

function slotsOf(result: SlotSearchResult): readonly SlotCandidate[] {
  if (result.kind !== 'slots') throw new Error(`expected slots, got ${result.kind}: ${'message' in result ? result.message : ''}`);
  return result.slots;
}

const brief = (s: SlotCandidate) => `${s.dayOfWeek} ${s.startTime} ${s.timeZone}`;

describe('findRecurringSlots: daylight-saving gaps between Europe and the US', () => {
  // A Berlin mentor (organizer) and a New York mentee on an early shift (07:00–11:00). Normally
  // New York is 6 h behind Berlin, so Berlin 16:00 is New York 10:00; in the weeks between the
  // US and the EU changes it is 5 h, and Berlin 16:00 is New York 11:00: outside her hours.
  const cases = [
    {
      name: 'spring: US changes on 8 March, EU on 29 March 2026',
      program: { startDate: '2026-03-02', endDate: '2026-05-29' },
      gapMondays: ['2026-03-09', '2026-03-16', '2026-03-23'],
    },
    {
      name: 'autumn: EU changes on 25 October, US on 1 November 2026',
      program: { startDate: '2026-10-05', endDate: '2026-11-27' },
      gapMondays: ['2026-10-26'],
    },
  ];
  const pair = (program: ProgramPeriod, mentorBusy: BusyInterval[] = []) =>
    search({
      mentor: person('Europe/Berlin', '09:00-17:00', mentorBusy),
      mentee: person('America/New_York', '07:00-11:00'),
      program,
    });

  it.each(cases)('$name: a slot fine most weeks is flagged with the gap dates', ({ program, gapMondays }) => {
    const slot = evaluateSlot(pair(program), { dayOfWeek: 'monday', startTime: '16:00' });
    expect(slot?.withinWorkingHoursEveryDate).toBe(false);
    expect(slot?.outsideWorkingHours).toEqual([{ who: 'mentee', dates: gapMondays }]);
  });

  it.each(cases)('$name: an earlier slot stays inside both days on every date', ({ program }) => {
    const slot = evaluateSlot(pair(program), { dayOfWeek: 'monday', startTime: '14:00' });
    expect(slot?.withinWorkingHoursEveryDate).toBe(true);
    expect(slot?.outsideWorkingHours).toEqual([]);
  });

  it.each(cases)('$name: with equal free/busy, slots inside hours on every date rank first', ({ program }) => {
    const slots = slotsOf(findRecurringSlots({ ...pair(program), maxSlots: 10 }));
    expect(slots.length).toBe(10);
    expect(slots.every((s) => s.withinWorkingHoursEveryDate)).toBe(true);
  });

  it.each(cases)('$name: when only the gap-flagged time is free it is offered, flagged', ({ program, gapMondays }) => {
    const window = eightWeeks(program);
    const busy = weekdaysBetween(program.startDate, program.endDate)
      .map((date) => item('Europe/Berlin', date, '12:00', '16:00'))
      .filter((b) => b.start >= window.start && b.end <= window.end);
    const slots = slotsOf(findRecurringSlots(pair(program, busy)));
    const first = slots[0];
    expect(first && brief(first)).toBe('monday 16:00 Europe/Berlin');
    expect(first?.freeOccurrences).toBe(first?.checkedOccurrences);
    expect(first?.withinWorkingHoursEveryDate).toBe(false);
    expect(first?.outsideWorkingHours).toEqual([{ who: 'mentee', dates: gapMondays }]);
  });

  it('checks the organizer side too: New York organizer, Berlin colleague, 09:00–17:00 both', () => {
    // New York 11:00 is Berlin 17:00 most weeks (outside) but 16:00 in the gap weeks (inside):
    // outside on most dates, so never offered as an ordinary slot.
    const s = search({
      mentor: person('Europe/Berlin'),
      mentee: person('America/New_York'),
      organizer: 'mentee',
      program: { startDate: '2026-03-02', endDate: '2026-05-29' },
    });
    const slot = evaluateSlot(s, { dayOfWeek: 'wednesday', startTime: '11:00' });
    expect(slot?.outsideWorkingHours[0]?.who).toBe('mentor');
    expect(slot?.outsideWorkingHours[0]?.dates.length).toBe((slot?.occurrences ?? 0) - 3);
    for (const offered of slotsOf(findRecurringSlots({ ...s, maxSlots: 20 }))) {
      expect(offered.startTime < '11:00').toBe(true);
      expect(offered.timeZone).toBe('America/New_York');
    }
  });
});

describe('findRecurringSlots: Windows zone names are mapped at the border', () => {
  it('gives the same answer for Windows names mapped with toIanaZone as for IANA names', () => {
    const iana = (name: string) => toIanaZone(name) ?? 'unmapped';
    const program = { startDate: '2026-04-06', endDate: '2026-06-26' };
    const fromWindows = search({
      mentor: person(iana('W. Europe Standard Time')),
      mentee: person(iana('Eastern Standard Time')),
      program,
    });
    const fromIana = search({ mentor: person('Europe/Berlin'), mentee: person('America/New_York'), program });
    expect(findRecurringSlots(fromWindows)).toEqual(findRecurringSlots(fromIana));
  });

  it('rejects an unmapped Windows name inside the domain', () => {
    const s = search({
      mentor: person('W. Europe Standard Time'),
      mentee: person('America/New_York'),
      program: { startDate: '2026-04-06', endDate: '2026-06-26' },
    });
    expect(() => findRecurringSlots(s)).toThrow(RangeError);
  });
});

describe('findRecurringSlots: statuses, out of office and tentative', () => {
  // Berlin 16:00 = New York 10:00 in April and May 2026; Monday 13 April is the day under test.
  const program = { startDate: '2026-04-06', endDate: '2026-05-29' };
  const ny = 'America/New_York';
  const berlin = 'Europe/Berlin';
  it.each<[string, PairRole, BusyInterval, number]>([
    ['tentative counts as busy', 'mentee', item(ny, '2026-04-13', '10:00', '10:30', 'tentative'), 7],
    ['busy', 'mentee', item(ny, '2026-04-13', '10:30', '11:00', 'busy'), 7],
    ['free counts as free', 'mentee', item(ny, '2026-04-13', '10:00', '11:00', 'free'), 8],
    ['working elsewhere counts as free', 'mentee', item(ny, '2026-04-13', '10:00', '11:00', 'workingElsewhere'), 8],
    ['all-day out of office', 'mentee', item(ny, '2026-04-13', '00:00', '24:00', 'oof'), 7],
    ['out of office later that day blocks the whole day', 'mentee', item(ny, '2026-04-13', '15:00', '16:00', 'oof'), 7],
    ['mentor out of office on the Berlin evening blocks the day', 'mentor', item(berlin, '2026-04-13', '20:00', '21:00', 'oof'), 7],
    ['all-day out of office the day before does not', 'mentee', item(ny, '2026-04-12', '00:00', '24:00', 'oof'), 8],
    ['Berlin all-day out of office the day before does not', 'mentor', item(berlin, '2026-04-12', '00:00', '24:00', 'oof'), 8],
    ['a meeting that ends when the session starts does not', 'mentee', item(ny, '2026-04-13', '09:00', '10:00', 'busy'), 8],
    ['a meeting that starts when the session ends does not', 'mentor', item(berlin, '2026-04-13', '17:00', '18:00', 'busy'), 8],
  ])('%s', (_name, who, busy, free) => {
    const s = search({
      mentor: person(berlin, '09:00-17:00', who === 'mentor' ? [busy] : []),
      mentee: person(ny, '09:00-17:00', who === 'mentee' ? [busy] : []),
      program,
    });
    const slot = evaluateSlot(s, { dayOfWeek: 'monday', startTime: '16:00' });
    expect(slot?.checkedOccurrences).toBe(8);
    expect(slot?.freeOccurrences).toBe(free);
  });
});

describe('findRecurringSlots: a senior whose calendar is 90 % full', () => {
  const program = { startDate: '2026-04-06', endDate: '2026-06-26' };
  const window = eightWeeks(program);
  // Back-to-back half hours 09:00–17:00 except the given free half hours.
  function fullCalendar(freeOn: (date: string, weekday: number, half: string) => boolean): BusyInterval[] {
    const busy: BusyInterval[] = [];
    for (const date of weekdaysBetween(program.startDate, '2026-05-31')) {
      const weekday = DateTime.fromISO(date).weekday;
      for (let m = 9 * 60; m < 17 * 60; m += 30) {
        const from = `${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 === 0 ? '00' : '30'}`;
        const to = `${String(Math.floor((m + 30) / 60)).padStart(2, '0')}:${(m + 30) % 60 === 0 ? '00' : '30'}`;
        if (!freeOn(date, weekday, from)) busy.push(item('Europe/Berlin', date, from, to));
      }
    }
    return busy.filter((b) => b.start >= window.start && b.end <= window.end);
  }
  const mornings = (weekday: number, half: string) => weekday <= 3 && (half === '09:00' || half === '09:30');
  const thursdayAfternoon = (weekday: number, half: string) => weekday === 4 && (half === '15:30' || half === '16:00');

  it('still finds the one free hour both can keep', () => {
    const busy = fullCalendar((_d, weekday, half) => mornings(weekday, half) || thursdayAfternoon(weekday, half));
    const fullShare = (busy.length * 30) / (8 * 5 * 8 * 60);
    expect(fullShare).toBeGreaterThanOrEqual(0.9);
    const s = search({
      mentor: person('Europe/Berlin', '09:00-17:00', busy),
      mentee: person('America/New_York', '09:00-17:00', [item('America/New_York', '2026-04-09', '12:00', '13:00')]),
      program,
    });
    const slots = slotsOf(findRecurringSlots(s));
    expect(slots.map((x) => [brief(x), x.freeOccurrences, x.checkedOccurrences])).toEqual([['thursday 15:30 Europe/Berlin', 8, 8]]);
  });

  it('finds it when it is free only most weeks, and says how many', () => {
    const taken = new Set(['2026-04-16', '2026-05-07']);
    const busy = fullCalendar((date, weekday, half) => thursdayAfternoon(weekday, half) && !taken.has(date));
    const s = search({ mentor: person('Europe/Berlin', '09:00-17:00', busy), mentee: person('America/New_York'), program });
    const slots = slotsOf(findRecurringSlots(s));
    expect(slots.map((x) => [brief(x), x.freeOccurrences, x.checkedOccurrences])).toEqual([['thursday 15:30 Europe/Berlin', 6, 8]]);
  });
});

describe('findRecurringSlots: no common working hours', () => {
  const program = { startDate: '2027-01-04', endDate: '2027-02-26' };

  it('Seattle and Bangalore, 09:00–17:00 both: the clear outcome with consent alternatives', () => {
    const result = findRecurringSlots(search({ mentor: { ...person('America/Los_Angeles'), office: 'Seattle' }, mentee: person('Asia/Kolkata'), program }));
    expect(result.kind).toBe('no-common-hours');
    if (result.kind !== 'no-common-hours') return;
    expect(result.overlapMinutes).toBe(0);
    // Regression (issue 13): Seattle people were "Los Angeles"; a person with no office gets the zone's common name.
    expect(result.message).toBe('no common working hours: 0 h overlap between Seattle time and India Standard Time');
    expect(
      result.alternatives.map((a) => [
        a.kind,
        a.kind === 'outside-hours' ? a.needsConsentOf : '',
        a.kind === 'outside-hours' ? a.minutesOutsideHours : 0,
        brief(a.slot),
        a.slot.withinWorkingHoursEveryDate,
      ]),
    ).toEqual([
      // Seattle 19:30 is Bangalore 09:00 the next morning: the whole hour after the mentor's day.
      ['outside-hours', 'mentor', 60, 'monday 19:30 America/Los_Angeles', false],
      // Seattle 16:00 is Bangalore 05:30 the next morning: the whole hour before the mentee's day.
      ['outside-hours', 'mentee', 60, 'monday 16:00 America/Los_Angeles', false],
    ]);
    // How far outside: the mentor's session ends 3 h 30 min after their day, the mentee's starts 3 h 30 min before theirs, every week.
    expect(result.alternatives.map((a) => (a.kind === 'outside-hours' ? [a.startsBeforeDayMinutes, a.endsAfterDayMinutes, a.outsideOnEveryDate] : null))).toEqual([
      [0, 210, true],
      [210, 0, true],
    ]);
  });

  // Regression (issue 13): "up to 105 minutes outside Cathy's working hours" for a 45-minute meeting.
  it('minutes outside hours are the minutes of the meeting outside them, never more than its length; how far it reaches is said apart', () => {
    const result = findRecurringSlots(search({ mentor: person('America/Los_Angeles'), mentee: person('Asia/Kolkata'), durationMinutes: 45, program }));
    const outside = result.kind === 'slots' ? [] : result.alternatives.filter((a) => a.kind === 'outside-hours');
    expect(outside.length).toBeGreaterThan(0);
    for (const a of outside) {
      if (a.kind !== 'outside-hours') continue;
      expect(a.minutesOutsideHours).toBeGreaterThan(0);
      expect(a.minutesOutsideHours).toBeLessThanOrEqual(45);
      expect(Math.max(a.startsBeforeDayMinutes, a.endsAfterDayMinutes)).toBeGreaterThanOrEqual(a.minutesOutsideHours);
    }
  });

  it('a half-hour overlap: a shorter meeting is the first alternative', () => {
    const result = findRecurringSlots(
      search({
        mentor: person('America/Los_Angeles', '07:00-16:00'),
        mentee: person('Asia/Kolkata', '11:00-21:00'),
        program,
      }),
    );
    expect(result.kind).toBe('no-common-hours');
    if (result.kind !== 'no-common-hours') return;
    expect(result.overlapMinutes).toBe(30);
    expect(result.message).toBe('no common working hours: 30 min overlap between Pacific Time and India Standard Time');
    const shorter = result.alternatives[0];
    expect(shorter?.kind).toBe('shorter-meeting');
    expect(shorter && [brief(shorter.slot), shorter.slot.durationMinutes, shorter.slot.id]).toEqual(['monday 07:00 America/Los_Angeles', 30, 'weekly.mon.0700.30']);
    expect(result.alternatives.filter((a) => a.kind === 'monthly')).toEqual([]);
  });

  it('nothing at all within the consent limit: the outcome without alternatives', () => {
    const result = findRecurringSlots(
      search({
        mentor: person('America/Los_Angeles'),
        mentee: person('Asia/Kolkata'),
        program,
        consentStretchMinutes: 60,
      }),
    );
    expect(result).toMatchObject({ kind: 'no-common-hours', alternatives: [] });
  });
});

describe('findRecurringSlots: no time free for both', () => {
  it('suggests monthly when the fourth weeks are free, and consent slots next to the hours', () => {
    const program = { startDate: '2026-04-06', endDate: '2026-05-31' };
    const freeWeeks = new Set(['2026-04-06', '2026-05-04']);
    const busy = weekdaysBetween('2026-04-06', '2026-05-29')
      .filter((date) => !freeWeeks.has(DateTime.fromISO(date).startOf('week').toISODate() ?? ''))
      .map((date) => item('Europe/Berlin', date, '15:00', '17:00'));
    const result = findRecurringSlots(search({ mentor: person('Europe/Berlin', '09:00-17:00', busy), mentee: person('America/New_York'), program }));
    expect(result.kind).toBe('no-free-time');
    if (result.kind !== 'no-free-time') return;
    expect(result.message).toBe("no time free for both between Central European Time and Eastern Time: the best slot inside both people's working hours is free 2 of 8 times");
    // Regression (issue 13): the option free in more sessions leads, not "free for both in 2 of the next 2".
    expect(result.alternatives.map((a) => [a.kind, brief(a.slot), a.slot.freeOccurrences, a.slot.checkedOccurrences])).toEqual([
      ['outside-hours', 'monday 17:00 Europe/Berlin', 8, 8],
      ['outside-hours', 'monday 14:00 Europe/Berlin', 8, 8],
      // 15:30, not 15:00: Berlin 15:00 is the first half hour of the New York day.
      ['monthly', 'monday 15:30 Europe/Berlin', 2, 2],
    ]);
    expect(result.alternatives.map((a) => (a.kind === 'outside-hours' ? [a.needsConsentOf, a.minutesOutsideHours, a.startsBeforeDayMinutes, a.endsAfterDayMinutes] : null))).toEqual([
      ['mentor', 60, 0, 60],
      ['mentee', 60, 60, 0],
      null,
    ]);
  });
});

describe('findRecurringSlots: the result is in the organizer zone', () => {
  // Los Angeles 14:00–17:00 on Monday is Sydney 09:00–12:00 on Tuesday (January: PST and AEDT).
  const program = { startDate: '2027-01-04', endDate: '2027-02-26' };
  it.each<[PairRole, string, string]>([
    ['mentor', 'monday 14:30 America/Los_Angeles', 'weekly.mon.1430.60'],
    ['mentee', 'tuesday 09:30 Australia/Sydney', 'weekly.tue.0930.60'],
  ])('organizer %s → %s', (organizer, expected, id) => {
    const s = search({ mentor: person('America/Los_Angeles'), mentee: person('Australia/Sydney'), organizer, program });
    const first = slotsOf(findRecurringSlots(s))[0];
    expect(first && brief(first)).toBe(expected);
    expect(first?.id).toBe(id);
  });

  it('either organizer describes the same instants', () => {
    const instants = (organizer: PairRole) => {
      const s = search({ mentor: person('America/Los_Angeles'), mentee: person('Australia/Sydney'), organizer, program });
      const first = slotsOf(findRecurringSlots(s))[0];
      if (first === undefined) throw new Error('no slot');
      return expandOccurrences(first, program).map((o) => o.start.toISOString());
    };
    expect(instants('mentor')).toEqual(instants('mentee'));
    expect(instants('mentor')[0]).toBe('2027-01-04T22:30:00.000Z');
  });
});

describe('findRecurringSlots: cadence', () => {
  const program = { startDate: '2026-04-06', endDate: '2026-05-31' };
  it.each([
    ['weekly', 8, '2026-05-25'],
    ['biweekly', 4, '2026-05-18'],
    ['monthly', 2, '2026-05-04'],
  ] as const)('%s: %i sessions in 8 weeks, all checked', (cadence, count, last) => {
    const s = search({ mentor: person('Europe/Berlin'), mentee: person('America/New_York'), program, cadence });
    const first = slotsOf(findRecurringSlots(s))[0];
    expect(first?.dayOfWeek).toBe('monday');
    expect([first?.occurrences, first?.checkedOccurrences, first?.firstOccurrence, first?.lastOccurrence]).toEqual([count, count, '2026-04-06', last]);
    expect(first?.id.startsWith(`${cadence}.mon.`)).toBe(true);
  });

  it('checks working hours on every date but busy only inside the check window', () => {
    const s = search({
      mentor: person('Europe/Berlin'),
      mentee: person('America/New_York'),
      program: { startDate: '2026-01-05', endDate: '2026-12-18' },
      checkWindow: { start: new Date('2026-01-04T12:00:00Z'), end: new Date('2026-03-01T12:00:00Z') },
    });
    const slot = evaluateSlot(s, { dayOfWeek: 'monday', startTime: '16:00' });
    expect([slot?.occurrences, slot?.checkedOccurrences]).toEqual([50, 8]);
    // Berlin 16:00 is New York 10:00 except in the gap weeks, when it is 11:00: still inside.
    expect(slot?.withinWorkingHoursEveryDate).toBe(true);
  });
});

describe('findRecurringSlots: comfort', () => {
  const program = { startDate: '2026-04-06', endDate: '2026-05-29' };
  it('avoids the edges of the day and lunch in either zone, earlier in the week first', () => {
    // London 09:00 is the London mentor's first half hour; London 10:30–12:00 runs into the
    // Berlin lunch (11:30 London = 12:30 Berlin), 12:00–13:30 into the London one.
    const s = search({ mentor: person('Europe/London'), mentee: person('Europe/Berlin'), program, maxSlots: 3 });
    const slots = slotsOf(findRecurringSlots(s));
    expect(slots.map(brief)).toEqual(['monday 09:30 Europe/London', 'monday 13:30 Europe/London', 'monday 14:30 Europe/London']);
    const lunch = evaluateSlot(s, { dayOfWeek: 'monday', startTime: '12:00' });
    expect(lunch?.concerns).toEqual([
      { who: 'mentor', kind: 'over-lunch' },
      { who: 'mentee', kind: 'over-lunch' },
    ]);
    expect(lunch?.comfort).toBeLessThan(slots[0]?.comfort ?? 0);
  });
});

describe('findRecurringSlots: malformed input', () => {
  const program = { startDate: '2026-04-06', endDate: '2026-05-29' };
  const valid = search({ mentor: person('Europe/Berlin'), mentee: person('America/New_York'), program });
  it.each<[string, Partial<SlotSearch>]>([
    ['zero-length meeting', { durationMinutes: 0 }],
    ['fractional granularity', { granularityMinutes: 7.5 }],
    ['program ending before it starts', { program: { startDate: '2026-05-29', endDate: '2026-04-06' } }],
    ['impossible date', { program: { startDate: '2026-02-30', endDate: '2026-05-29' } }],
    ['bad working hours', { mentee: person('America/New_York', '9am-5pm') }],
  ])('%s throws a RangeError', (_name, change) => {
    expect(() => findRecurringSlots({ ...valid, ...change })).toThrow(RangeError);
  });

  it('evaluateSlot is null for a weekday the program never reaches', () => {
    const short = { ...valid, program: { startDate: '2026-04-06', endDate: '2026-04-08' } };
    expect(evaluateSlot(short, { dayOfWeek: 'friday', startTime: '16:00' })).toBeNull();
  });
});

describe('findRecurringSlots: agrees with a naive check (property)', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Sydney', 'Europe/London'];
  const hours = ['08:00-16:00', '09:00-17:00', '10:00-18:30', '07:00-11:00', '12:00-20:00'];

  it('free counts and working-hours flags match a slow, obvious recount with luxon', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...zones),
        fc.constantFrom(...hours),
        fc.constantFrom(...hours),
        fc.constantFrom('weekly', 'biweekly', 'monthly'),
        fc.constantFrom(30, 45, 60),
        fc.constantFrom('mentor', 'mentee'),
        fc.constantFrom('2026-02-23', '2026-03-02', '2026-10-12', '2026-10-19'),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 56 * 96 }), fc.integer({ min: 1, max: 8 }), fc.boolean()), {
          maxLength: 120,
        }),
        (zoneA, zoneB, hoursA, hoursB, cadence, durationMinutes, organizer, startDate, events) => {
          const program = { startDate, endDate: DateTime.fromISO(startDate).plus({ weeks: 16 }).toISODate() ?? '' };
          const window = eightWeeks(program);
          const busyOf = (mine: boolean): BusyInterval[] =>
            events
              .filter(([forMentor]) => forMentor === mine)
              .map(([, quarter, quarters, tentative]) => ({
                start: new Date(window.start.getTime() + quarter * 15 * 60_000),
                end: new Date(window.start.getTime() + (quarter + quarters) * 15 * 60_000),
                status: tentative ? 'tentative' : 'busy',
              }));
          const s = search({
            mentor: person(zoneA, hoursA, busyOf(true)),
            mentee: person(zoneB, hoursB, busyOf(false)),
            organizer,
            cadence,
            durationMinutes,
            program,
            maxSlots: 5,
          });
          const result = findRecurringSlots(s);
          const slots = result.kind === 'slots' ? result.slots : [];
          for (const slot of slots) {
            let checked = 0;
            let free = 0;
            let inHoursEveryDate = true;
            const occurrences = expandOccurrences(slot, program);
            for (const o of occurrences) {
              for (const p of [s.mentor, s.mentee]) {
                const zone = p.workingHours.timeZone;
                const start = DateTime.fromJSDate(o.start, { zone });
                const end = DateTime.fromJSDate(o.end, { zone });
                const date = start.toISODate() ?? '';
                const dayStart = DateTime.fromISO(`${date}T${p.workingHours.startTime}`, { zone });
                const dayEnd = DateTime.fromISO(`${date}T${p.workingHours.endTime}`, { zone });
                const working = p.workingHours.daysOfWeek.includes(start.toFormat('cccc').toLowerCase() as DayOfWeek);
                if (!(working && start >= dayStart && end <= dayEnd)) inHoursEveryDate = false;
              }
              if (o.start >= window.start && o.end <= window.end) {
                checked++;
                const clash = [...s.mentor.busy, ...s.mentee.busy].some((b) => b.start < o.end && b.end > o.start);
                if (!clash) free++;
              }
            }
            expect([slot.occurrences, slot.checkedOccurrences, slot.freeOccurrences]).toEqual([occurrences.length, checked, free]);
            expect(slot.withinWorkingHoursEveryDate).toBe(inHoursEveryDate);
            expect(slot.freeOccurrences / Math.max(1, slot.checkedOccurrences)).toBeGreaterThanOrEqual(slot.checkedOccurrences === 0 ? 0 : 0.5);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
