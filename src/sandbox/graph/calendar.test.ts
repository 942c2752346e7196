import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { generatedCalendar, generateOrg } from '../org/index.ts';
import { SandboxClock } from '../time.ts';
import { getSchedule } from './calendar.ts';
import { formatDtz, outputZone, parseDtz } from './recurrence.ts';
import { SandboxTenant } from './tenant.ts';

const DIGIT: Record<string, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' };
const RANK: Record<string, number> = { free: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4 };

/** The way getSchedule computed a generated calendar before: luxon per item (parse, diff, zone formatting). */
function oldWay(t: SandboxTenant, address: string, body: { startTime: unknown; endTime: unknown; availabilityViewInterval: number }, prefer: string | undefined) {
  const p = t.person(address)!;
  const start = parseDtz(body.startTime, 'startTime');
  const end = parseDtz(body.endTime, 'endTime');
  const out = outputZone({ headers: prefer ? { prefer } : {} } as never);
  const items = generatedCalendar(t.org, p, start.toJSDate(), end.toJSDate())
    .map((i) => ({ ...i, start: DateTime.fromISO(i.start, { zone: 'utc' }), end: DateTime.fromISO(i.end, { zone: 'utc' }) }))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const interval = body.availabilityViewInterval;
  const slots = Math.ceil(end.diff(start, 'minutes').minutes / interval);
  const view = Array.from({ length: slots }, () => 'free');
  for (const item of items) {
    const first = Math.max(0, Math.floor(item.start.diff(start, 'minutes').minutes / interval));
    const last = Math.min(slots, Math.ceil(item.end.diff(start, 'minutes').minutes / interval));
    for (let i = first; i < last; i++) if (RANK[item.status]! > RANK[view[i]!]!) view[i] = item.status;
  }
  return {
    availabilityView: view.map((s) => DIGIT[s]).join(''),
    items: items.map((i) => ({ status: i.status, subject: i.subject, isRecurring: i.isRecurring, start: formatDtz(i.start, out), end: formatDtz(i.end, out) })),
  };
}

describe('getSchedule without luxon per item', () => {
  it('answers exactly as the luxon way did, across zones and daylight-saving changes', () => {
    const org = generateOrg({ size: 300, seed: 7 });
    const t = new SandboxTenant(org, new SandboxClock());
    // One person per office (every zone), plus a few more.
    const byZone = new Map<string, (typeof org.people)[number]>();
    for (const p of org.people) if (p.mail && !byZone.has(p.office.ianaTimeZone)) byZone.set(p.office.ianaTimeZone, p);
    const people = [...byZone.values(), ...org.people.filter((p) => p.mail).slice(0, 5)];
    expect(byZone.size).toBeGreaterThan(3);
    // Windows across the March (US, EU) and October/November changes, and Australia's April/October ones.
    const windows = [
      { startTime: { dateTime: '2026-03-01T00:00:00', timeZone: 'UTC' }, endTime: { dateTime: '2026-04-10T00:00:00', timeZone: 'UTC' } },
      { startTime: { dateTime: '2026-10-01T08:30:00', timeZone: 'Pacific Standard Time' }, endTime: { dateTime: '2026-11-20T00:00:00', timeZone: 'Pacific Standard Time' } },
    ];
    const prefers = [
      undefined,
      'outlook.timezone="Europe/London"',
      'outlook.timezone="Pacific Standard Time"',
      'outlook.timezone="AUS Eastern Standard Time"',
      'outlook.timezone="India Standard Time"',
    ];
    let compared = 0;
    for (const window of windows) {
      for (const prefer of prefers) {
        const body = { ...window, schedules: people.map((p) => p.mail!), availabilityViewInterval: 30 };
        const res = getSchedule(t, { method: 'POST', path: '', query: new URLSearchParams(), headers: prefer ? { prefer } : {}, body, caller: { kind: 'app', roles: [], appId: 'x' } }, people[0]!.id);
        expect(res.status).toBe(200);
        const value = (res.body as { value: { scheduleId: string; availabilityView: string; scheduleItems: Record<string, unknown>[] }[] }).value;
        for (const v of value) {
          if (t.org.personas.mailboxError === t.person(v.scheduleId)?.id) continue;
          const old = oldWay(t, v.scheduleId, body, prefer);
          expect(v.availabilityView).toBe(old.availabilityView);
          expect(v.scheduleItems.map((i) => ({ status: i.status, subject: i.subject, isRecurring: i.isRecurring, start: i.start, end: i.end }))).toEqual(old.items);
          compared += old.items.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
