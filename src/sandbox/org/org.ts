import type { PersonaKey, SandboxOrg, SandboxPerson } from './types.ts';

/**
 * The in-memory organisation behind the sandbox tenant: the people plus the indexes the Graph
 * server needs (by id, by manager). Direct reports are indexed once and kept in step by
 * `setManager`, so `/users/{id}/directReports` and calendar generation never scan 100,000 people.
 */
export class GeneratedOrg implements SandboxOrg {
  readonly tenantId: string;
  readonly domain: string;
  readonly seed: number;
  readonly people: SandboxPerson[];
  readonly byId: Map<string, SandboxPerson>;
  personas: Record<PersonaKey, string>;
  readonly #reports = new Map<string, SandboxPerson[]>();

  constructor(init: { tenantId: string; domain: string; seed: number; people: SandboxPerson[]; personas: Record<PersonaKey, string> }) {
    this.tenantId = init.tenantId;
    this.domain = init.domain;
    this.seed = init.seed;
    this.people = init.people;
    this.personas = init.personas;
    this.byId = new Map();
    for (const person of init.people) this.byId.set(person.id, person);
    for (const person of init.people) {
      if (person.managerId !== null) this.#reportsOf(person.managerId).push(person);
    }
  }

  #reportsOf(managerId: string): SandboxPerson[] {
    let list = this.#reports.get(managerId);
    if (list === undefined) {
      list = [];
      this.#reports.set(managerId, list);
    }
    return list;
  }

  /** The people whose manager is `id` (a copy: callers may sort or filter it). */
  directReports(id: string): SandboxPerson[] {
    return this.#reports.get(id)?.slice() ?? [];
  }

  /** Number of direct reports, without copying the list (hot path of calendar generation). */
  reportCount(id: string): number {
    return this.#reports.get(id)?.length ?? 0;
  }

  /**
   * Moves a person under another manager, or detaches them with `null`.
   * @throws RangeError for an unknown person or manager, or a move that would create a cycle.
   */
  setManager(personId: string, managerId: string | null): void {
    const person = this.byId.get(personId);
    if (person === undefined) throw new RangeError(`unknown person ${personId}`);
    let manager: SandboxPerson | undefined;
    if (managerId !== null) {
      manager = this.byId.get(managerId);
      if (manager === undefined) throw new RangeError(`unknown manager ${managerId}`);
      for (let up: SandboxPerson | undefined = manager; up !== undefined;) {
        if (up.id === personId) throw new RangeError(`${managerId} is in the subtree of ${personId}: a cycle`);
        up = up.managerId === null ? undefined : this.byId.get(up.managerId);
      }
    }
    if (person.managerId !== null) {
      const old = this.#reports.get(person.managerId);
      const at = old?.indexOf(person) ?? -1;
      if (old !== undefined && at >= 0) old.splice(at, 1);
    }
    person.managerId = managerId;
    if (manager === undefined) return;
    this.#reportsOf(manager.id).push(person);
    const shift = manager.level + 1 - person.level;
    if (shift === 0) return;
    const queue = [person];
    for (let i = 0; i < queue.length; i++) {
      const member = queue[i];
      if (member === undefined) continue;
      member.level += shift;
      const below = this.#reports.get(member.id);
      if (below !== undefined) queue.push(...below);
    }
  }
}
