import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { findIana, findWindows } from 'windows-iana';
import { generateOrg, REFERENCE_DATE, SANDBOX_DOMAIN } from './generate.ts';
import type { SandboxOrg, SandboxPerson } from './types.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function tenureYears(person: SandboxPerson): number {
  return (Date.parse(REFERENCE_DATE) - Date.parse(person.employeeHireDate)) / (365.25 * 86_400_000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Checks the tree: one root, managers exist, no cycles, levels are depths, breadth-first order. */
function expectValidTree(org: SandboxOrg): void {
  const detached = org.personas.noManager;
  const roots = org.people.filter((p) => p.managerId === null && p.id !== detached);
  expect(roots.map((p) => p.id)).toEqual([org.people[0]?.id]);
  expect(org.people[0]?.level).toBe(0);
  expect(org.byId.size).toBe(org.people.length);
  // Collected rather than asserted one by one: 100,000 expect() calls take longer than the check.
  const problems: string[] = [];
  for (const person of org.people) {
    if (person.managerId === null) continue;
    const manager = org.byId.get(person.managerId);
    if (manager === undefined) problems.push(`${person.id}: unknown manager`);
    else if (person.level !== manager.level + 1) problems.push(`${person.id}: level ${person.level} under ${manager.level}`);
    if (!org.directReports(person.managerId).includes(person)) problems.push(`${person.id}: not among its manager's reports`);
    let steps = 0;
    for (let up: SandboxPerson | undefined = person; up?.managerId; up = org.byId.get(up.managerId)) {
      if (++steps > 64) {
        problems.push(`${person.id}: cycle`);
        break;
      }
    }
  }
  for (let i = 1; i < org.people.length; i++) {
    const person = org.people[i];
    if (person !== undefined && person.id !== detached && person.level < (org.people[i - 1]?.level ?? 0)) {
      problems.push(`${person.id}: out of breadth-first order`);
    }
  }
  expect(problems.slice(0, 10)).toEqual([]);
}

function spanViolations(org: SandboxOrg): string[] {
  const bad: string[] = [];
  for (const person of org.people) {
    const span = org.directReports(person.id).length;
    if (span === 0) continue;
    const [min, max] = person.level === 0 ? [5, 8] : person.level === 1 ? [3, 7] : [4, 10];
    if (span < min || span > max) bad.push(`${person.jobTitle} (level ${person.level}): ${span}`);
  }
  return bad;
}

describe('generateOrg', () => {
  it('rejects sizes outside 10..100,000 and non-integer sizes or seeds', () => {
    expect(() => generateOrg({ size: 9, seed: 1 })).toThrow(RangeError);
    expect(() => generateOrg({ size: 100_001, seed: 1 })).toThrow(RangeError);
    expect(() => generateOrg({ size: 10.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateOrg({ size: 100, seed: Number.NaN })).toThrow(RangeError);
  });

  it('builds the smallest org with every persona', () => {
    const org = generateOrg({ size: 10, seed: 1 });
    expect(org.people).toHaveLength(10);
    expectValidTree(org);
    expect(new Set(Object.values(org.personas)).size).toBe(7);
  });

  it('gives the same org for the same size and seed, and a different one for another seed', () => {
    const a = generateOrg({ size: 500, seed: 42 });
    const b = generateOrg({ size: 500, seed: 42 });
    expect(b).toEqual(a);
    expect(b.people.map((p) => p.id)).toEqual(a.people.map((p) => p.id));
    const c = generateOrg({ size: 500, seed: 43 });
    expect(c.tenantId).not.toBe(a.tenantId);
    expect(c.people.map((p) => p.displayName)).not.toEqual(a.people.map((p) => p.displayName));
    expect(c.people[0]?.id).not.toBe(a.people[0]?.id);
  });

  it.each([10, 11, 23, 57, 199, 400, 1234])('keeps the tree invariants for %i people', (size) => {
    for (const seed of [1, 2, 3]) {
      const org = generateOrg({ size, seed });
      expect(org.people).toHaveLength(size);
      expectValidTree(org);
      if (size >= 200) expect(spanViolations(org)).toEqual([]);
    }
  });

  it('gives every person a unique GUID, mail and principal name on the sandbox domain', () => {
    const org = generateOrg({ size: 5000, seed: 9 });
    expect(GUID.test(org.tenantId)).toBe(true);
    const ids = new Set<string>();
    const mails = new Set<string>();
    const mailPattern = new RegExp(`^[a-z0-9.]+@${SANDBOX_DOMAIN.replace(/\./g, '\\.')}$`);
    const problems: string[] = [];
    for (const p of org.people) {
      if (!GUID.test(p.id)) problems.push(`${p.id}: not a GUID`);
      if (!mailPattern.test(p.mail)) problems.push(`${p.mail}: bad mail`);
      if (p.userPrincipalName !== p.mail) problems.push(`${p.mail}: UPN differs`);
      if (p.displayName !== `${p.givenName} ${p.surname}`) problems.push(`${p.displayName}: display name`);
      ids.add(p.id);
      mails.add(p.mail);
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBe(org.people.length);
    expect(mails.size).toBe(org.people.length);
  });

  describe('at 100,000 people', () => {
    let org: SandboxOrg;
    beforeAll(() => {
      org = generateOrg({ size: 100_000, seed: 2026 });
    });

    it('is a valid tree with realistic spans and 7-9 levels', () => {
      expect(org.people).toHaveLength(100_000);
      expectValidTree(org);
      expect(spanViolations(org)).toEqual([]);
      const depth = Math.max(...org.people.map((p) => p.level)) + 1;
      expect(depth).toBeGreaterThanOrEqual(7);
      expect(depth).toBeLessThanOrEqual(9);
      const executives = org.directReports(org.people[0]?.id ?? '');
      expect(executives.length).toBeGreaterThanOrEqual(5);
      expect(executives.length).toBeLessThanOrEqual(8);
    });

    it('has senior individual contributors reporting to directors', () => {
      const managesManagers = (id: string) => org.directReports(id).some((r) => org.directReports(r.id).length > 0);
      const seniorIcs = org.people.filter((p) => p.managerId !== null && p.level >= 2 && org.directReports(p.id).length === 0 && managesManagers(p.managerId));
      expect(seniorIcs.length).toBeGreaterThan(0);
      const titles = seniorIcs.filter((p) => !/^(Staff|Lead|Principal|Senior) |HR Business Partner/.test(p.jobTitle));
      expect(titles.map((p) => p.jobTitle)).toEqual([]);
    });
  });

  it('has 8-12 departments, each executive heading one that everyone below inherits', () => {
    for (const seed of [1, 2, 3, 4]) {
      const org = generateOrg({ size: 2000, seed });
      const departments = new Set(org.people.map((p) => p.department));
      expect(departments.size).toBeGreaterThanOrEqual(8);
      expect(departments.size).toBeLessThanOrEqual(12);
      const executives = org.directReports(org.people[0]?.id ?? '');
      expect(new Set(executives.map((e) => e.department)).size).toBe(executives.length);
      for (const person of org.people) {
        if (person.level < 2 || person.managerId === null || person.persona === 'changesManager') continue;
        const manager = org.byId.get(person.managerId);
        // Below the director level, department is inherited unchanged.
        if ((manager?.level ?? 0) >= 2) expect(person.department).toBe(manager?.department);
      }
    }
  });

  it('gives titles that match level and department', () => {
    const org = generateOrg({ size: 3000, seed: 5 });
    const counts = new Map<string, number>();
    for (const p of org.people) {
      const manages = org.directReports(p.id).length > 0;
      counts.set(p.jobTitle, (counts.get(p.jobTitle) ?? 0) + 1);
      if (p.level === 0) expect(p.jobTitle).toBe('Chief Executive Officer');
      else if (p.level === 1) expect(p.jobTitle).toMatch(/^(Chief .* Officer|VP .*|General Counsel)$/);
      else if (manages) expect(p.jobTitle).toMatch(/Director|Head of|Manager|Lead|Counsel/);
      else expect(p.jobTitle).not.toMatch(/Chief|VP|Director|Head of/);
      if (p.level >= 1 && !p.jobTitle.includes('HR Business Partner')) {
        const hint: Record<string, RegExp> = {
          Engineering: /Engineer|Technology|Engineering|Tech/,
          Sales: /Sales|Account|Revenue/,
          'Human Resources': /HR|People|Human|Recruit|Learning/,
          Finance: /Financ|Account|Payroll/,
          Legal: /Legal|Counsel|Paralegal|Contract|Compliance/,
          Data: /Data|Machine Learning/,
        };
        const pattern = hint[p.department];
        if (pattern !== undefined) expect(p.jobTitle, `${p.jobTitle} in ${p.department}`).toMatch(pattern);
      }
    }
    expect(counts.get('Chief Executive Officer')).toBe(1);
  });

  it('places people in at least five time zones with Windows names Exchange uses', () => {
    const org = generateOrg({ size: 400, seed: 11 });
    const zones = new Map(org.people.map((p) => [p.office.windowsTimeZone, p.office.ianaTimeZone]));
    expect(zones.size).toBeGreaterThanOrEqual(5);
    for (const [windows, iana] of zones) {
      expect(DateTime.fromISO(REFERENCE_DATE, { zone: iana }).isValid, iana).toBe(true);
      expect(findIana(windows), windows).toContain(iana);
      expect(findWindows(iana)).toContain(windows);
    }
    for (const p of org.people) {
      expect(p.workingHours.timeZone).toBe(p.office.windowsTimeZone);
      expect(p.officeLocation).toBe(p.office.city);
    }
  });

  it('keeps teams mostly co-located, with some spread', () => {
    const org = generateOrg({ size: 4000, seed: 12 });
    const ics = org.people.filter((p) => p.managerId !== null && org.directReports(p.id).length === 0);
    const together = ics.filter((p) => org.byId.get(p.managerId ?? '')?.office.city === p.office.city).length;
    expect(together / ics.length).toBeGreaterThan(0.75);
    expect(together / ics.length).toBeLessThan(0.98);
  });

  it('correlates tenure with seniority, with exceptions both ways', () => {
    const org = generateOrg({ size: 4000, seed: 13 });
    const senior = org.people.filter((p) => p.level <= 2);
    const ics = org.people.filter((p) => org.directReports(p.id).length === 0 && p.level > 2);
    expect(median(senior.map(tenureYears))).toBeGreaterThan(median(ics.map(tenureYears)) + 2);
    expect(senior.some((p) => tenureYears(p) < 2.5)).toBe(true);
    expect(ics.some((p) => tenureYears(p) > 10)).toBe(true);
    for (const p of org.people) {
      expect(p.employeeHireDate).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
      expect(Date.parse(p.employeeHireDate)).toBeLessThanOrEqual(Date.parse(REFERENCE_DATE));
      expect(tenureYears(p)).toBeLessThanOrEqual(22.01);
    }
  });

  it('gives mostly nine-to-five working hours, some shifted, a few part-time', () => {
    const org = generateOrg({ size: 4000, seed: 14 });
    const share = (test: (p: SandboxPerson) => boolean) => org.people.filter(test).length / org.people.length;
    expect(share((p) => p.workingHours.startTime === '09:00:00.0000000' && p.workingHours.endTime === '17:00:00.0000000')).toBeGreaterThan(0.6);
    expect(share((p) => p.workingHours.startTime === '08:00:00.0000000')).toBeGreaterThan(0.05);
    expect(share((p) => p.workingHours.startTime === '10:00:00.0000000')).toBeGreaterThan(0.05);
    const partTime = share((p) => p.workingHours.daysOfWeek.length === 4);
    expect(partTime).toBeGreaterThan(0.01);
    expect(partTime).toBeLessThan(0.1);
    for (const p of org.people) {
      expect(p.workingHours.startTime).toMatch(/^\d{2}:00:00\.0000000$/);
      if (p.level <= 1) expect(p.workingHours.daysOfWeek).toHaveLength(5);
    }
  });
});
