// What every CalendarGateway promises (src/app/booking/ports.ts): Graph's getSchedule through
// GraphCalendar, or the in-memory fake the use-case tests run on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarGateway, PersonSchedule } from '../../src/app/booking/ports.ts';

type Person = { id: string; mail: string };

/** The calendars behind the gateway, as a test arranges them (the mail server's side). */
export interface CalendarWorld {
  /** `n` people whose calendars can be read, none of them the same as another. */
  readable(n: number): Person[];
  /** Someone whose mailbox cannot be read just now. */
  unreadable(): Person;
  /** A meeting in the person's calendar: they are busy then. */
  book(person: Person, start: Date, end: Date): void;
}

export interface CalendarSubject {
  gateway: CalendarGateway;
  world: CalendarWorld;
  close?(): Promise<void>;
}

const DAY = 86_400_000;
const START = new Date('2026-11-23T00:00:00Z');
const WEEK_END = new Date(START.getTime() + 7 * DAY);
const DAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const STATUSES = new Set(['free', 'tentative', 'busy', 'oof', 'workingElsewhere']);
const readable = (s: PersonSchedule | undefined) => {
  if (!s?.ok) throw new Error(`expected a readable schedule, got ${JSON.stringify(s)}`);
  return s;
};

export function describeCalendarGatewayContract(name: string, makeSubject: () => Promise<CalendarSubject>): void {
  describe(`CalendarGateway contract: ${name}`, () => {
    let gateway: CalendarGateway;
    let world: CalendarWorld;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ gateway, world, close } = await makeSubject());
    });
    afterAll(async () => close?.());

    it('answers every person asked, by user id, more than one getSchedule call takes included', async () => {
      const people = [...world.readable(25), world.unreadable()];
      const schedules = await gateway.schedules(people, START, WEEK_END);
      expect([...schedules.keys()].sort()).toEqual(people.map((p) => p.id).sort());
    });

    it('answers working hours in an IANA zone, as HH:MM, on named weekdays', async () => {
      const people = world.readable(5);
      const schedules = await gateway.schedules(people, START, WEEK_END);
      for (const p of people) {
        const { workingHours } = readable(schedules.get(p.id));
        expect(() => new Intl.DateTimeFormat('en', { timeZone: workingHours.timeZone })).not.toThrow();
        expect(workingHours.startTime).toMatch(/^\d{2}:\d{2}$/);
        expect(workingHours.endTime).toMatch(/^\d{2}:\d{2}$/);
        expect(workingHours.daysOfWeek.length).toBeGreaterThan(0);
        expect(workingHours.daysOfWeek.every((d) => DAYS.has(d))).toBe(true);
      }
    });

    it('answers busy times as instants that end after they start, overlap the window and carry a free/busy status', async () => {
      const people = world.readable(5);
      world.book(people[0]!, new Date(START.getTime() - 3_600_000), new Date(START.getTime() + 3_600_000)); // across the window's start
      const schedules = await gateway.schedules(people, START, WEEK_END);
      for (const p of people) {
        for (const b of readable(schedules.get(p.id)).busy) {
          expect(b.end.getTime()).toBeGreaterThan(b.start.getTime());
          expect(b.start.getTime() < WEEK_END.getTime() && b.end.getTime() > START.getTime()).toBe(true);
          expect(STATUSES.has(b.status)).toBe(true);
        }
      }
    });

    it('shows a meeting as busy over its whole time, and nothing of it outside the window', async () => {
      const [person] = world.readable(1);
      const start = new Date('2026-11-24T13:00:00Z');
      const end = new Date('2026-11-24T14:00:00Z');
      world.book(person!, start, end);
      const during = readable((await gateway.schedules([person!], START, WEEK_END)).get(person!.id));
      expect(during.busy.some((b) => b.status === 'busy' && b.start <= start && b.end >= end)).toBe(true);
      const later = readable((await gateway.schedules([person!], new Date('2026-11-25T00:00:00Z'), new Date('2026-11-26T00:00:00Z'))).get(person!.id));
      expect(later.busy.some((b) => b.start.getTime() === start.getTime())).toBe(false);
    });

    it('reports a mailbox that cannot be read, or that nobody has, for that person only, with a reason', async () => {
      const [someone] = world.readable(1);
      const broken = world.unreadable();
      const nobody = { id: '00000000-0000-4000-8000-00000000dead', mail: 'nobody@nowhere.invalid' };
      const schedules = await gateway.schedules([someone!, broken, nobody], START, WEEK_END);
      expect(schedules.get(someone!.id)?.ok).toBe(true);
      for (const p of [broken, nobody]) expect(schedules.get(p.id)).toMatchObject({ ok: false, reason: expect.stringMatching(/\w{3,}/) });
    });

    it('takes a window just under 62 days, and refuses one of 62 days', async () => {
      const people = world.readable(2);
      expect((await gateway.schedules(people, START, new Date(START.getTime() + 62 * DAY - 60_000))).size).toBe(2);
      await expect(gateway.schedules(people, START, new Date(START.getTime() + 62 * DAY))).rejects.toBeInstanceOf(RangeError);
    });
  });
}
