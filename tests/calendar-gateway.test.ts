import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonSchedule } from '../src/app/booking/ports.ts';
import { expandOccurrences, findRecurringSlots } from '../src/domain/scheduling/index.ts';
import { GraphCalendar } from '../src/graph/calendar.gateway.ts';
import type { Flipside } from '../src/server/compose.ts';
import { startTestFlipside } from './support/flipside.ts';

describe('reading calendars through Graph getSchedule', () => {
  let f: Flipside;
  let schedules: Map<string, PersonSchedule>;
  const start = new Date('2026-11-23T00:00:00Z');
  const end = new Date('2027-01-18T00:00:00Z'); // eight weeks
  const org = () => f.sandbox!.tenant.org;

  beforeAll(async () => {
    f = await startTestFlipside({ orgSize: 120, synced: false });
    f.sandbox!.tenant.resetCounters();
    const people = org().people.slice(0, 45).concat(org().byId.get(org().personas.mailboxError)!);
    schedules = await new GraphCalendar(f.graph).schedules(
      people.map((p) => ({ id: p.id, mail: p.mail })),
      start,
      end,
    );
  });
  afterAll(async () => f?.close());

  it('reads 46 people’s eight weeks in one HTTP request: three getSchedule calls in one $batch', () => {
    expect(schedules.size).toBe(46);
    expect(f.sandbox!.tenant.counters.requests).toBe(1);
    expect(f.sandbox!.tenant.counters.batchedRequests).toBe(3);
  });

  it('maps working hours to IANA zones and busy items to UTC instants', () => {
    const ceo = org().byId.get(org().personas.ceo)!;
    const s = schedules.get(ceo.id)!;
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.workingHours.timeZone).toBe(ceo.office.ianaTimeZone);
    expect(s.workingHours.startTime).toMatch(/^\d{2}:\d{2}$/);
    expect(s.busy.length).toBeGreaterThan(20);
    expect(s.busy.every((b) => b.end > b.start)).toBe(true);
  });

  it('reports the mailbox that cannot be read for that person only', () => {
    const s = schedules.get(org().personas.mailboxError)!;
    expect(s).toMatchObject({ ok: false, reason: expect.stringMatching(/ErrorMailboxStoreUnavailable/) });
  });

  it('feeds the slot finder: two colleagues in one office get recurring slots from their real calendars', () => {
    const readable = org()
      .people.slice(10, 45)
      .filter((p) => schedules.get(p.id)?.ok);
    const first = readable[0]!;
    const colleague = readable.find((p) => p.id !== first.id && p.office.ianaTimeZone === first.office.ianaTimeZone)!;
    const [a, b] = [schedules.get(first.id)!, schedules.get(colleague.id)!];
    if (!a.ok || !b.ok) throw new Error('both calendars should be readable');
    const result = findRecurringSlots({
      mentor: { workingHours: a.workingHours, busy: a.busy },
      mentee: { workingHours: b.workingHours, busy: b.busy },
      organizer: 'mentor',
      cadence: 'biweekly',
      durationMinutes: 45,
      program: { startDate: '2026-11-23', endDate: '2027-05-21' },
      checkWindow: { start, end },
    });
    expect(result.kind).toBe('slots');
    if (result.kind !== 'slots') return;
    expect(result.slots.length).toBeGreaterThan(0);
    // The best slot is free in both real calendars as often as the finder says.
    const best = result.slots[0]!;
    const overlaps = (o: { start: Date; end: Date }) => [...a.busy, ...b.busy].some((x) => x.start < o.end && o.start < x.end);
    const checked = expandOccurrences(best, { startDate: '2026-11-23', endDate: '2027-05-21' }).filter((o) => o.start >= start && o.end <= end);
    expect(best.freeOccurrences).toBeGreaterThan(0);
    expect(checked.filter((o) => !overlaps(o)).length).toBe(best.freeOccurrences);
    if (result.kind === 'slots') expect(result.slots[0]!.freeOccurrences).toBeGreaterThan(0);
  });
});
