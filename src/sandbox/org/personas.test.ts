import { describe, expect, it } from 'vitest';
import { generateOrg } from './generate.ts';
import { applyManagerChange } from './personas.ts';
import type { PersonaKey, SandboxOrg } from './types.ts';

const KEYS: PersonaKey[] = ['ceo', 'hrAdmin', 'noManager', 'disabled', 'mailboxError', 'fullCalendar', 'changesManager'];

function persona(org: SandboxOrg, key: PersonaKey) {
  const person = org.byId.get(org.personas[key]);
  if (person === undefined) throw new Error(`no ${key} persona`);
  return person;
}

function isInSubtree(org: SandboxOrg, id: string, rootId: string): boolean {
  for (let up = org.byId.get(id); up !== undefined; up = up.managerId === null ? undefined : org.byId.get(up.managerId)) {
    if (up.id === rootId) return true;
  }
  return false;
}

describe('personas', () => {
  it.each([10, 12, 50, 400, 20_000])('exist, are distinct and have their property in a %i-person org', (size) => {
    for (const seed of [1, 7]) {
      const org = generateOrg({ size, seed });
      expect(new Set(KEYS.map((k) => org.personas[k])).size).toBe(KEYS.length);
      for (const key of KEYS) expect(persona(org, key).persona).toBe(key);
      expect(org.people.filter((p) => p.persona !== undefined)).toHaveLength(KEYS.length);

      const ceo = persona(org, 'ceo');
      expect(ceo).toBe(org.people[0]);
      expect(ceo.managerId).toBeNull();

      const hr = persona(org, 'hrAdmin');
      expect(hr.department).toBe('Human Resources');
      expect(hr.jobTitle).toMatch(/HR Business Partner|People/);
      expect(hr.accountEnabled).toBe(true);

      const loner = persona(org, 'noManager');
      expect(loner.managerId).toBeNull();
      expect(loner.level).toBeGreaterThan(0);
      expect(org.directReports(loner.id)).toEqual([]);
      expect(org.people.some((p) => p.managerId === loner.id)).toBe(false);

      expect(persona(org, 'disabled').accountEnabled).toBe(false);
      expect(org.people.filter((p) => !p.accountEnabled)).toHaveLength(1);
      expect(persona(org, 'mailboxError').accountEnabled).toBe(true);
      expect(persona(org, 'mailboxError').managerId).not.toBeNull();
      expect(org.directReports(persona(org, 'fullCalendar').id).length).toBeGreaterThan(0);
      expect(persona(org, 'changesManager').managerId).not.toBeNull();
    }
  });

  it('are the same people for the same seed', () => {
    expect(generateOrg({ size: 400, seed: 3 }).personas).toEqual(generateOrg({ size: 400, seed: 3 }).personas);
    expect(generateOrg({ size: 400, seed: 3 }).personas).not.toEqual(generateOrg({ size: 400, seed: 4 }).personas);
  });
});

describe('applyManagerChange', () => {
  it.each([10, 400, 20_000])('moves the persona to a same-level manager of another team in a %i-person org', (size) => {
    const org = generateOrg({ size, seed: 5 });
    const person = persona(org, 'changesManager');
    const level = person.level;
    const before = org.people.map((p) => [p.id, p.managerId]);
    const change = applyManagerChange(org);

    expect(change.personId).toBe(person.id);
    expect(change.toManagerId).not.toBe(change.fromManagerId);
    expect(person.managerId).toBe(change.toManagerId);
    const from = org.byId.get(change.fromManagerId);
    const to = org.byId.get(change.toManagerId);
    expect(to?.level).toBe(from?.level);
    expect(person.level).toBe(level);
    expect(isInSubtree(org, change.toManagerId, person.id)).toBe(false);
    expect(org.directReports(change.fromManagerId)).not.toContain(person);
    expect(org.directReports(change.toManagerId)).toContain(person);
    expect(person.department).toBe(to?.department);

    const changed = org.people.filter((p, i) => p.managerId !== before[i]?.[1]);
    expect(changed.map((p) => p.id)).toEqual([person.id]);
    const roots = org.people.filter((p) => p.managerId === null).map((p) => p.id);
    expect(roots.sort()).toEqual([org.personas.ceo, org.personas.noManager].sort());
    for (const p of org.people) {
      if (p.managerId !== null) expect(p.level).toBe((org.byId.get(p.managerId)?.level ?? -2) + 1);
    }
  });

  it('is deterministic for the seed', () => {
    const a = applyManagerChange(generateOrg({ size: 2000, seed: 8 }));
    const b = applyManagerChange(generateOrg({ size: 2000, seed: 8 }));
    expect(b).toEqual(a);
  });

  it('keeps spans within bounds in a large org', () => {
    const org = generateOrg({ size: 20_000, seed: 21 });
    const change = applyManagerChange(org);
    for (const id of [change.fromManagerId, change.toManagerId]) {
      const span = org.directReports(id).length;
      expect(span).toBeGreaterThanOrEqual(4);
      expect(span).toBeLessThanOrEqual(10);
    }
  });
});

describe('setManager', () => {
  it('refuses cycles and unknown people, and moves levels with the subtree', () => {
    const org = generateOrg({ size: 400, seed: 2 });
    const executive = org.directReports(org.personas.ceo)[0];
    const director = org.directReports(executive?.id ?? '').find((p) => org.directReports(p.id).length > 0);
    if (executive === undefined || director === undefined) throw new Error('fixture');
    const below = org.directReports(director.id)[0];
    expect(() => org.setManager(executive.id, director.id)).toThrow(RangeError);
    expect(() => org.setManager(executive.id, executive.id)).toThrow(RangeError);
    expect(() => org.setManager('nobody', null)).toThrow(RangeError);
    expect(() => org.setManager(director.id, 'nobody')).toThrow(RangeError);

    org.setManager(director.id, org.personas.ceo);
    expect(director.level).toBe(1);
    expect(below?.level).toBe(2);
    expect(org.directReports(org.personas.ceo)).toContain(director);
    expect(org.directReports(executive.id)).not.toContain(director);
  });
});
