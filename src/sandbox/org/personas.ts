import { DEPARTMENTS } from './departments.ts';
import type { DepartmentName } from './departments.ts';
import type { GeneratedOrg } from './org.ts';
import { Rng, hash, hashString, seed32 } from './rng.ts';
import type { PersonaKey, SandboxOrg, SandboxPerson } from './types.ts';

/** Below this size, span-of-control bounds are not kept when personas are carved out. */
const SPAN_GUARD_FROM = 200;

/**
 * Picks the named personas among the generated people (no one is added to the tree) and adjusts
 * them: the HR admin gets an HR title, the no-manager person is detached as a contractor, the
 * disabled account is disabled. Selection is deterministic for the org's seed. People whose
 * removal would take a manager under four reports are avoided in orgs large enough to care.
 */
export function assignPersonas(org: GeneratedOrg, rng: Rng): void {
  const people = org.people;
  const ceo = people[0];
  if (ceo === undefined) throw new RangeError('an org needs a CEO');
  const taken = new Set<string>([ceo.id]);
  const lost = new Map<string, number>();
  const guardSpans = people.length >= SPAN_GUARD_FROM;
  const isLeaf = (p: SandboxPerson) => org.reportCount(p.id) === 0 && p.level >= 2;
  const canLoseOne = (p: SandboxPerson) => {
    if (p.managerId === null) return false;
    if (!guardSpans) return true;
    return org.reportCount(p.managerId) - (lost.get(p.managerId) ?? 0) > 4;
  };
  const choose = (key: PersonaKey, candidates: SandboxPerson[], accept?: (p: SandboxPerson) => boolean): SandboxPerson => {
    const free = candidates.filter((p) => !taken.has(p.id));
    let person: SandboxPerson | undefined;
    while (person === undefined && free.length > 0) {
      const at = rng.int(free.length);
      const candidate = free[at];
      if (candidate !== undefined && (accept === undefined || accept(candidate))) person = candidate;
      else free.splice(at, 1);
    }
    if (person === undefined) throw new RangeError(`no candidate for the ${key} persona`);
    taken.add(person.id);
    person.persona = key;
    org.personas[key] = person.id;
    return person;
  };

  ceo.persona = 'ceo';
  org.personas.ceo = ceo.id;

  const hrLeaves = people.filter((p) => p.department === 'Human Resources' && isLeaf(p));
  const topHrLevel = hrLeaves.reduce((top, p) => Math.min(top, p.level), Number.POSITIVE_INFINITY);
  const hrAdmin = choose('hrAdmin', hrLeaves.length > 0 ? hrLeaves.filter((p) => p.level === topHrLevel) : people.filter((p) => p.department === 'Human Resources'));
  if (org.reportCount(hrAdmin.id) === 0) hrAdmin.jobTitle = 'HR Business Partner';

  const mover = choose(
    'changesManager',
    people.filter((p) => isLeaf(p) && canLoseOne(p)),
    (p) => managerChangeTargets(org, p).length > 0,
  );
  if (mover.managerId !== null) lost.set(mover.managerId, (lost.get(mover.managerId) ?? 0) + 1);

  const detachable = people.filter((p) => isLeaf(p) && canLoseOne(p));
  const contractor = choose('noManager', detachable);
  contractor.jobTitle = `${contractor.jobTitle} (Contractor)`;
  org.setManager(contractor.id, null);

  const leaders = people.filter((p) => p.level >= 2 && org.reportCount(p.id) > 0);
  choose('fullCalendar', leaders.length > 0 ? leaders : people.filter((p) => p.level === 1));

  const leaves = people.filter((p) => isLeaf(p) && p.managerId !== null);
  choose('disabled', leaves).accountEnabled = false;
  choose('mailboxError', leaves);
}

/**
 * Managers a person could move to: same level as their current manager, a different team,
 * outside the person's own subtree, enabled and themselves in the tree. With spans guarded,
 * managers already at ten reports are left out.
 */
function managerChangeTargets(org: SandboxOrg & { reportCount?: (id: string) => number }, person: SandboxPerson): SandboxPerson[] {
  if (person.managerId === null) return [];
  const from = org.byId.get(person.managerId);
  if (from === undefined) return [];
  const count = (id: string) => org.reportCount?.(id) ?? org.directReports(id).length;
  const guardSpans = org.people.length >= SPAN_GUARD_FROM;
  return org.people.filter(
    (p) =>
      p.level === from.level &&
      p.id !== from.id &&
      p.accountEnabled &&
      (p.managerId !== null || p.level === 0) &&
      count(p.id) > 0 &&
      (!guardSpans || count(p.id) < 10) &&
      !isInSubtree(org, p, person.id),
  );
}

function isInSubtree(org: SandboxOrg, candidate: SandboxPerson, rootId: string): boolean {
  for (let up: SandboxPerson | undefined = candidate; up !== undefined;) {
    if (up.id === rootId) return true;
    up = up.managerId === null ? undefined : org.byId.get(up.managerId);
  }
  return false;
}

const SENIORITY = /^(Associate|Senior|Staff|Lead|Principal) /;

/**
 * Moves the `changesManager` persona to another manager at the same level as their current one,
 * in another team (the same department when one exists, so the title still fits), never into
 * their own subtree. Mutates the org; a second call moves them again. The target is a pure
 * function of the org's seed and its current state.
 * @throws RangeError when the persona has no manager or no manager qualifies.
 */
export function applyManagerChange(org: SandboxOrg): { personId: string; fromManagerId: string; toManagerId: string } {
  const person = org.byId.get(org.personas.changesManager);
  if (person === undefined) throw new RangeError('the org has no changesManager persona');
  const fromManagerId = person.managerId;
  if (fromManagerId === null) throw new RangeError(`${person.id} has no manager to change from`);
  const targets = managerChangeTargets(org, person);
  const sameDepartment = targets.filter((p) => p.department === person.department);
  const pool = sameDepartment.length > 0 ? sameDepartment : targets;
  if (pool.length === 0) throw new RangeError(`no other manager at the level of ${fromManagerId}`);
  const rng = new Rng(hash(seed32(org.seed), hashString(person.id), hashString(fromManagerId)));
  const to = rng.pick(pool);
  org.setManager(person.id, to.id);
  if (to.department !== person.department) {
    const department = to.department as DepartmentName;
    const prefix = SENIORITY.exec(person.jobTitle)?.[0] ?? '';
    person.department = department;
    person.jobTitle = prefix + rng.pick(DEPARTMENTS[department].roles);
  }
  return { personId: person.id, fromManagerId, toManagerId: to.id };
}
