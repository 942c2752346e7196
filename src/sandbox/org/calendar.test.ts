import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { generatedCalendar } from './calendar.ts';
import { generateOrg } from './generate.ts';
import type { CalendarItem, SandboxOrg, SandboxPerson, Weekday } from './types.ts';

const NOV_2 = new Date('2026-11-02T00:00:00Z');
const NOV_30 = new Date('2026-11-30T00:00:00Z');
const HALF_HOUR = 30 * 60_000;

/** Share of the person's working half-hours (their zone and days) held by busy, tentative or oof items. */
function busyShare(person: SandboxPerson, items: CalendarItem[], from: Date, to: Date): number {
  const zone = person.office.ianaTimeZone;
  const days = new Set<string>(person.workingHours.daysOfWeek);
  const taken = items.filter((i) => i.status !== 'free' && i.status !== 'workingElsewhere').map((i) => [Date.parse(i.start), Date.parse(i.end)] as const);
  let total = 0;
  let busy = 0;
  const end = DateTime.fromJSDate(to, { zone });
  for (let day = DateTime.fromJSDate(from, { zone }).startOf('day'); day < end; day = day.plus({ days: 1 })) {
    if (!days.has(day.toFormat('cccc').toLowerCase())) continue;
    const start = day.set({ hour: Number(person.workingHours.startTime.slice(0, 2)) }).toMillis();
    const stop = day.set({ hour: Number(person.workingHours.endTime.slice(0, 2)) }).toMillis();
    for (let t = start; t < stop; t += HALF_HOUR) {
      total++;
      if (taken.some(([s, e]) => s <= t && e > t)) busy++;
    }
  }
  return busy / total;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function isManager(org: SandboxOrg, p: SandboxPerson): boolean {
  return org.directReports(p.id).length > 0;
}

describe('generatedCalendar', () => {
  const org = generateOrg({ size: 2000, seed: 31 });

  it('returns items overlapping the window, sorted by start, well formed', () => {
    const from = new Date('2026-11-03T10:17:00Z');
    const to = new Date('2026-11-19T15:45:00Z');
    const problems: string[] = [];
    const statuses = new Set(['free', 'tentative', 'busy', 'oof', 'workingElsewhere']);
    for (const person of org.people.slice(0, 200)) {
      let previous = '';
      for (const item of generatedCalendar(org, person, from, to)) {
        const [start, end] = [Date.parse(item.start), Date.parse(item.end)];
        const where = `${person.id} ${item.start} ${item.subject}`;
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/.test(item.start)) problems.push(`${where}: format`);
        if (!(end > start)) problems.push(`${where}: empty`);
        if (!(end > from.getTime() && start < to.getTime())) problems.push(`${where}: outside the window`);
        if (item.start < previous) problems.push(`${where}: unsorted`);
        if (!statuses.has(item.status)) problems.push(`${where}: status ${item.status}`);
        if (item.isAllDay && item.status !== 'oof' && item.status !== 'workingElsewhere') problems.push(`${where}: all-day ${item.status}`);
        previous = item.start;
      }
    }
    expect(problems).toEqual([]);
    expect(generatedCalendar(org, org.people[0] as SandboxPerson, to, from)).toEqual([]);
    expect(() => generatedCalendar(org, org.people[0] as SandboxPerson, new Date(Number.NaN), to)).toThrow(RangeError);
  });

  it('is deterministic and agrees across overlapping windows', () => {
    const again = generateOrg({ size: 2000, seed: 31 });
    const week = [new Date('2026-11-09T00:00:00Z'), new Date('2026-11-16T00:00:00Z')] as const;
    for (const person of org.people.slice(0, 100)) {
      const twin = again.byId.get(person.id) as SandboxPerson;
      const month = generatedCalendar(org, person, NOV_2, NOV_30);
      expect(generatedCalendar(again, twin, NOV_2, NOV_30)).toEqual(month);
      const inWeek = month.filter((i) => Date.parse(i.end) > week[0].getTime() && Date.parse(i.start) < week[1].getTime());
      expect(generatedCalendar(org, person, week[0], week[1])).toEqual(inWeek);
    }
  });

  it('makes senior people busier than individual contributors', () => {
    const share = (people: SandboxPerson[]) => mean(people.map((p) => busyShare(p, generatedCalendar(org, p, NOV_2, NOV_30), NOV_2, NOV_30)));
    const executives = org.people.filter((p) => p.level === 1);
    const ics = org.people.filter((p) => !isManager(org, p) && p.level >= 3 && p.persona === undefined).slice(0, 80);
    const execShare = share(executives);
    const icShare = share(ics);
    expect(execShare).toBeGreaterThan(0.68);
    expect(execShare).toBeLessThan(0.88);
    expect(icShare).toBeGreaterThan(0.22);
    expect(icShare).toBeLessThan(0.42);
    expect(execShare).toBeGreaterThan(icShare + 0.25);
  });

  it('fills the fullCalendar persona to at least 85 % of working hours', () => {
    for (const seed of [31, 32, 33]) {
      const o = generateOrg({ size: 400, seed });
      const person = o.byId.get(o.personas.fullCalendar) as SandboxPerson;
      const share = busyShare(person, generatedCalendar(o, person, NOV_2, NOV_30), NOV_2, NOV_30);
      expect(share).toBeGreaterThanOrEqual(0.85);
      expect(share).toBeLessThanOrEqual(0.97);
    }
  });

  it('has weekly team meetings at the same instant for the whole team, and one-on-ones on both sides', () => {
    const manager = org.people.find((p) => p.level === 3 && org.directReports(p.id).length >= 4) as SandboxPerson;
    const managerItems = generatedCalendar(org, manager, NOV_2, NOV_30);
    // Someone away that day has declined the meeting: it is on the other side's calendar only.
    const away = (items: CalendarItem[], start: string) => items.some((i) => i.status === 'oof' && i.start <= start && i.end > start);
    const subject = `Team meeting (${manager.givenName}'s team)`;
    const own = managerItems.filter((i) => i.subject === subject && i.isRecurring).map((i) => i.start);
    expect(own.length).toBeGreaterThanOrEqual(3);
    for (const report of org.directReports(manager.id)) {
      const reportItems = generatedCalendar(org, report, NOV_2, NOV_30);
      const theirs = reportItems.filter((i) => i.subject === subject).map((i) => i.start);
      for (const start of theirs) expect(own.includes(start) || away(managerItems, start)).toBe(true);
      for (const start of own) expect(theirs.includes(start) || away(reportItems, start)).toBe(true);
      const oneOnOne = `${manager.givenName} / ${report.givenName} 1:1`;
      const fromReport = reportItems.filter((i) => i.subject === oneOnOne).map((i) => i.start);
      const fromManager = managerItems.filter((i) => i.subject === oneOnOne).map((i) => i.start);
      expect(fromReport.length + fromManager.length).toBeGreaterThanOrEqual(2);
      for (const start of fromReport) expect(fromManager.includes(start) || away(managerItems, start)).toBe(true);
      for (const start of fromManager) expect(fromReport.includes(start) || away(reportItems, start)).toBe(true);
    }
  });

  it('keeps recurring meetings at the same local time across a daylight-saving change', () => {
    const big = generateOrg({ size: 5000, seed: 4 });
    const berliner = big.people.find((p) => {
      const manager = p.managerId === null ? undefined : big.byId.get(p.managerId);
      return p.office.city === 'Berlin' && manager?.office.city === 'Berlin' && p.persona === undefined;
    }) as SandboxPerson;
    const manager = big.byId.get(berliner.managerId ?? '') as SandboxPerson;
    const subject = manager.level === 0 ? 'Executive staff meeting' : `Team meeting (${manager.givenName}'s team)`;
    // Europe/Berlin moves to summer time on 29 March 2026; use the manager's calendar (never declined).
    const items = generatedCalendar(big, manager, new Date('2026-03-09T00:00:00Z'), new Date('2026-04-20T00:00:00Z'));
    const local = items.filter((i) => i.subject === subject).map((i) => DateTime.fromISO(i.start, { zone: 'Europe/Berlin' }));
    // Six weeks, less any week the manager was away.
    expect(local.length).toBeGreaterThanOrEqual(4);
    expect(new Set(local.map((d) => d.toFormat('ccc HH:mm'))).size).toBe(1);
    expect(new Set(local.map((d) => d.offset))).toEqual(new Set([60, 120]));
    const utcHours = new Set(local.map((d) => d.toUTC().hour));
    expect(utcHours.size).toBe(2);
    const report = big.directReports(manager.id).find((p) => p.office.city === 'Berlin') ?? berliner;
    const theirs = generatedCalendar(big, report, new Date('2026-03-09T00:00:00Z'), new Date('2026-04-20T00:00:00Z'))
      .filter((i) => i.subject === subject)
      .map((i) => DateTime.fromISO(i.start, { zone: 'Europe/Berlin' }).toFormat('ccc HH:mm'));
    for (const t of theirs) expect(t).toBe(local[0]?.toFormat('ccc HH:mm'));
  });

  it('includes occasional out-of-office, working-elsewhere and tentative items', () => {
    const statuses = new Map<string, number>();
    for (const person of org.people.slice(0, 300)) {
      for (const item of generatedCalendar(org, person, NOV_2, NOV_30)) statuses.set(item.status, (statuses.get(item.status) ?? 0) + 1);
    }
    for (const status of ['busy', 'tentative', 'oof', 'workingElsewhere']) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    expect((statuses.get('oof') ?? 0) / (statuses.get('busy') ?? 1)).toBeLessThan(0.1);
  });

  it("keeps generated meetings inside the person's working days and hours", () => {
    const problems: string[] = [];
    for (const person of org.people.slice(0, 200)) {
      const zone = person.office.ianaTimeZone;
      const days = new Set<string>(person.workingHours.daysOfWeek);
      const start = Number(person.workingHours.startTime.slice(0, 2)) * 60;
      const end = Number(person.workingHours.endTime.slice(0, 2)) * 60;
      for (const item of generatedCalendar(org, person, NOV_2, NOV_30)) {
        if (item.isRecurring || item.isAllDay) continue;
        const s = DateTime.fromISO(item.start, { zone });
        const e = DateTime.fromISO(item.end, { zone });
        const inside = days.has(s.toFormat('cccc').toLowerCase() as Weekday) && s.hour * 60 + s.minute >= start && e.hour * 60 + e.minute <= end;
        if (!inside) problems.push(`${person.id} ${item.start} ${item.subject}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
