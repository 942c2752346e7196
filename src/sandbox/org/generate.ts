import { DEPARTMENTS, EXECUTIVE_ORDER, HOSTED_ONLY, CEO_TITLE, hostedHeadTitle, icTitle, managerTitle } from './departments.ts';
import type { DepartmentName, Seniority } from './departments.ts';
import { aliasPart, nameSourceFor } from './names.ts';
import type { NameSource } from './names.ts';
import { HEADQUARTERS, OFFICES, OFFICE_WEIGHTS } from './offices.ts';
import { GeneratedOrg } from './org.ts';
import { assignPersonas } from './personas.ts';
import { Rng, guid, hash, seed32 } from './rng.ts';
import type { SandboxOrg, SandboxPerson, Weekday } from './types.ts';

/** The sandbox tenant's verified domain. */
export const SANDBOX_DOMAIN = 'flipside-sandbox.onmicrosoft.com';
/** Tenure is measured back from this fixed date, never from the clock. */
export const REFERENCE_DATE = '2026-11-01T00:00:00Z';
export const MIN_ORG_SIZE = 10;
export const MAX_ORG_SIZE = 100_000;

const REFERENCE_MS = Date.parse(REFERENCE_DATE);
const DAY_MS = 86_400_000;
/** The company was founded 22 years before the reference date; nobody was hired earlier. */
const MAX_TENURE_YEARS = 22;

const MANAGER_SPAN = { min: 4, max: 10 } as const;
const EXECUTIVE_SPAN = { min: 3, max: 7 } as const;

type Kind = 'ceo' | 'executive' | 'head' | 'member';

interface ChildPlan {
  budget: number;
  department: DepartmentName;
  kind: Kind;
}

/** Breadth-first skeleton of the tree, in flat arrays: 100,000 nodes without 100,000 closures. */
interface Skeleton {
  parent: Int32Array;
  level: Uint8Array;
  budget: Int32Array;
  office: Uint8Array;
  childCount: Int32Array;
  firstChild: Int32Array;
  department: DepartmentName[];
  kind: Kind[];
}

/**
 * Generates the sandbox organisation: a CEO, executives heading departments, directors,
 * managers and individual contributors with realistic spans, offices in seven time zones,
 * titles, hire dates, working hours and the named personas. A pure function of (size, seed):
 * the same arguments give a deep-equal organisation; calendars are generated lazily by
 * `generatedCalendar`.
 * @throws RangeError when size is not an integer in [10, 100,000] or seed is not finite.
 */
export function generateOrg(options: { size: number; seed: number }): SandboxOrg {
  const { size, seed } = options;
  if (!Number.isInteger(size) || size < MIN_ORG_SIZE || size > MAX_ORG_SIZE) {
    throw new RangeError(`org size must be an integer from ${MIN_ORG_SIZE} to ${MAX_ORG_SIZE}, got ${size}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`org seed must be a finite number, got ${seed}`);
  const s32 = seed32(seed);
  const skeleton = buildSkeleton(size, new Rng(hash(s32, 1)));
  const people = materialise(skeleton, s32);
  const org = new GeneratedOrg({
    tenantId: guid(s32, 0x7e4a47, 0x7e4a47),
    domain: SANDBOX_DOMAIN,
    seed,
    people,
    personas: { ceo: '', hrAdmin: '', noManager: '', disabled: '', mailboxError: '', fullCalendar: '', changesManager: '' },
  });
  if (org.byId.size !== size) throw new Error(`org generator produced duplicate ids for seed ${seed}`);
  assignPersonas(org, new Rng(hash(s32, 3)));
  return org;
}

function executiveCount(size: number, rng: Rng): number {
  if (size < 20) return 3;
  if (size < 60) return 4;
  if (size < 200) return 5;
  return 5 + rng.int(4);
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]?.[1] ?? 0;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

/** The CEO's reports: one executive per leading department, each with the budget of its portfolio. */
function planExecutives(size: number, rng: Rng): { executives: ChildPlan[]; hosted: Map<DepartmentName, ChildPlan[]> } {
  const count = executiveCount(size, rng);
  const led = EXECUTIVE_ORDER.slice(0, count);
  const others = size >= 60 ? [...EXECUTIVE_ORDER.slice(count), ...HOSTED_ONLY] : [];
  const all = [...led, ...others];
  const shares = apportion(
    size - 1 - count,
    all.map((d) => DEPARTMENTS[d].weight * rng.between(0.8, 1.2)),
  );
  const budgets = new Map<DepartmentName, number>(led.map((d, i) => [d, shares[i] ?? 0]));
  const hosted = new Map<DepartmentName, ChildPlan[]>();
  others.forEach((department, j) => {
    const share = shares[led.length + j] ?? 0;
    const host = DEPARTMENTS[department].hosts.find((h) => budgets.has(h)) ?? 'Engineering';
    budgets.set(host, (budgets.get(host) ?? 0) + share);
    // A hosted department too small for a head of its own is absorbed by its host.
    if (share >= 5) hosted.set(host, [...(hosted.get(host) ?? []), { budget: share - 1, department, kind: 'head' }]);
  });
  const executives = led.map((department) => ({ budget: budgets.get(department) ?? 0, department, kind: 'executive' as const }));
  // Tiny orgs: every executive runs at least one person.
  for (const executive of executives) {
    while (executive.budget < 1) {
      const richest = executives.reduce((a, b) => (b.budget > a.budget ? b : a));
      richest.budget--;
      executive.budget++;
    }
  }
  return { executives, hosted };
}

/** A span drawn from [min, max], weighted towards the lower middle as real spans are. */
function drawSpan(min: number, max: number, rng: Rng): number {
  if (max <= min) return Math.max(1, max);
  const mode = min + Math.round((max - min) * 0.6);
  const weights: number[] = [];
  for (let s = min; s <= max; s++) weights.push(s <= mode ? s - min + 1 : Math.max(0.5, mode - min + 1 - (s - mode) * 0.75));
  return min + rng.weighted(weights);
}

/**
 * Splits a manager's budget (people below them) into direct reports: individual contributors
 * (budget 0) and managers whose budget is at least the minimum span, so that no manager below
 * ends up with one or two reports.
 */
function splitBudget(budget: number, min: number, max: number, rng: Rng): number[] {
  if (budget <= 0) return [];
  if (budget <= max) return new Array<number>(budget).fill(0);
  const most = Math.min(max, budget - MANAGER_SPAN.min);
  // Enough manager children that each subtree fits in one level fewer than this one needs:
  // without it, budgets just above ten add a level for a handful of people and 100,000-person
  // orgs grow four levels deeper than real ones.
  const below = capacity(levelsNeeded(budget) - 1);
  let span = drawSpan(min, most, rng);
  while (span < most && Math.ceil((budget - span) / below) > span) span++;
  const rest = budget - span;
  const fewest = Math.min(span, Math.ceil(rest / below));
  const room = Math.min(span, Math.floor(rest / MANAGER_SPAN.min));
  const managers = Math.max(1, fewest, room - rng.weighted([0.7, 0.22, 0.08]));
  const extra = apportion(
    rest - managers * MANAGER_SPAN.min,
    Array.from({ length: managers }, () => rng.between(0.9, 1.1)),
  );
  const budgets = extra.map((e) => e + MANAGER_SPAN.min);
  for (let i = managers; i < span; i++) budgets.push(0);
  // Managers and ICs interleave in the directory as they would in a real team.
  for (let i = budgets.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = budgets[i] ?? 0;
    budgets[i] = budgets[j] ?? 0;
    budgets[j] = t;
  }
  return budgets;
}

/** People a manager can have below them with `levels` levels of reports, at a comfortable span of eight. */
function capacity(levels: number): number {
  let cap = MANAGER_SPAN.max;
  for (let l = 1; l < levels; l++) cap = 8 + 8 * cap;
  return cap;
}

function levelsNeeded(budget: number): number {
  let levels = 1;
  while (capacity(levels) < budget) levels++;
  return levels;
}

function pickOffice(rng: Rng): number {
  return rng.weighted(OFFICE_WEIGHTS);
}

function buildSkeleton(size: number, rng: Rng): Skeleton {
  const sk: Skeleton = {
    parent: new Int32Array(size).fill(-1),
    level: new Uint8Array(size),
    budget: new Int32Array(size),
    office: new Uint8Array(size),
    childCount: new Int32Array(size),
    firstChild: new Int32Array(size).fill(-1),
    department: new Array<DepartmentName>(size),
    kind: new Array<Kind>(size),
  };
  sk.budget[0] = size - 1;
  sk.department[0] = 'Engineering';
  sk.kind[0] = 'ceo';
  sk.office[0] = rng.pick(HEADQUARTERS);
  const { executives, hosted } = planExecutives(size, rng);
  let created = 1;
  for (let i = 0; i < created; i++) {
    const kind = sk.kind[i] ?? 'member';
    const department = sk.department[i] ?? 'Engineering';
    const budget = sk.budget[i] ?? 0;
    let plans: ChildPlan[];
    if (kind === 'ceo') {
      plans = executives;
    } else if (kind === 'executive') {
      const heads = hosted.get(department) ?? [];
      const own = budget - heads.reduce((a, h) => a + h.budget + 1, 0);
      const ownSpan = { min: Math.max(1, EXECUTIVE_SPAN.min - heads.length), max: Math.max(1, EXECUTIVE_SPAN.max - heads.length) };
      plans = [...heads, ...splitBudget(own, ownSpan.min, ownSpan.max, rng).map((b) => ({ budget: b, department, kind: 'member' as const }))];
    } else {
      plans = splitBudget(budget, MANAGER_SPAN.min, MANAGER_SPAN.max, rng).map((b) => ({ budget: b, department, kind: 'member' as const }));
    }
    if (plans.length === 0) continue;
    sk.firstChild[i] = created;
    sk.childCount[i] = plans.length;
    const parentOffice = sk.office[i] ?? 0;
    for (const plan of plans) {
      const c = created++;
      sk.parent[c] = i;
      sk.level[c] = (sk.level[i] ?? 0) + 1;
      sk.budget[c] = plan.budget;
      sk.department[c] = plan.department;
      sk.kind[c] = plan.kind;
      // Teams sit together, with some spread: leaders are more often elsewhere than their ICs.
      const stay = plan.kind === 'executive' ? 0.55 : plan.kind === 'head' ? 0.6 : plan.budget > 0 ? 0.7 : 0.85;
      sk.office[c] = rng.chance(stay) ? parentOffice : pickOffice(rng);
    }
  }
  if (created !== size) throw new Error(`org generator built ${created} people for size ${size}`);
  return sk;
}

/** Years of tenure: senior people tend to have been here longer, with exceptions both ways. */
function drawTenure(level: number, hasReports: boolean, rng: Rng): number {
  let years: number;
  if (level === 0) years = rng.chance(0.2) ? rng.between(1, 3) : rng.between(10, 20);
  else if (level === 1) years = rng.chance(0.2) ? rng.between(0.5, 2) : rng.between(5, 16);
  else if (level === 2 && hasReports) years = rng.chance(0.15) ? rng.between(0.5, 2.5) : rng.between(4, 13);
  else if (hasReports) years = rng.chance(0.1) ? rng.between(0.3, 2) : rng.between(2.5, 10);
  else {
    const r = rng.next();
    years = r < 0.7 ? rng.between(0.05, 4) : r < 0.92 ? rng.between(4, 8) : rng.between(8, 18);
  }
  return Math.min(years, MAX_TENURE_YEARS);
}

function hireDate(tenureYears: number): string {
  const days = Math.round(tenureYears * 365.25);
  return `${civilDate(Math.floor(REFERENCE_MS / DAY_MS) - days)}T00:00:00Z`;
}

/** "YYYY-MM-DD" of a day number (days since 1970-01-01), without a Date per person (H. Hinnant's algorithm). */
function civilDate(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Whether some direct report of node `i` has reports of their own: a director, not a team lead. */
function managesManagers(sk: Skeleton, i: number): boolean {
  const first = sk.firstChild[i] ?? 0;
  const count = sk.childCount[i] ?? 0;
  for (let c = first; c < first + count; c++) if ((sk.childCount[c] ?? 0) > 0) return true;
  return false;
}

/** IC seniority from tenure; individual contributors who report to directors are senior ones. */
function drawSeniority(tenure: number, reportsToLeader: boolean, rng: Rng): Seniority {
  if (reportsToLeader) {
    const r = rng.next();
    return r < 0.3 ? 2 : r < 0.7 ? 3 : 4;
  }
  const r = rng.next();
  if (tenure < 1) return r < 0.5 ? 0 : 1;
  if (tenure < 3) return r < 0.6 ? 1 : 2;
  if (tenure < 7) return r < 0.3 ? 1 : r < 0.85 ? 2 : 3;
  return r < 0.5 ? 2 : r < 0.8 ? 3 : 4;
}

const FULL_WEEK: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const PART_WEEK: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday'];

function workingHours(start: string, end: string, days: readonly Weekday[], timeZone: string): SandboxPerson['workingHours'] {
  return { daysOfWeek: days.slice(), startTime: `${start}:00:00.0000000`, endTime: `${end}:00:00.0000000`, timeZone };
}

/** Mostly nine to five; some early or late shifts; a few part-timers (never leaders). */
function drawWorkingHours(canBePartTime: boolean, timeZone: string, rng: Rng): SandboxPerson['workingHours'] {
  const r = rng.next();
  if (r < 0.12) return workingHours('08', '16', FULL_WEEK, timeZone);
  if (r < 0.24) return workingHours('10', '18', FULL_WEEK, timeZone);
  if (r < 0.3 && canBePartTime) return workingHours('09', '17', PART_WEEK, timeZone);
  return workingHours('09', '17', FULL_WEEK, timeZone);
}

function materialise(sk: Skeleton, s32: number): SandboxPerson[] {
  const size = sk.parent.length;
  const rng = new Rng(hash(s32, 2));
  const poolSize = Math.min(1500, Math.max(50, Math.ceil(size / 4)));
  const names: NameSource[] = OFFICES.map((office, i) => nameSourceFor(office, hash(s32, 4, i), poolSize));
  const aliases = new Map<string, number>();
  const mails = new Set<string>();
  const aliasCache = new Map<string, string>();
  // Names repeat a lot in a large org; Unicode normalisation of each one is the slow part.
  const cachedAlias = (name: string): string => {
    let alias = aliasCache.get(name);
    if (alias === undefined) {
      alias = aliasPart(name);
      aliasCache.set(name, alias);
    }
    return alias;
  };
  // 122 random bits per id: a collision among 100,000 is not a practical concern, and
  // generateOrg checks the index size anyway.
  const ids: string[] = new Array<string>(size);
  for (let i = 0; i < size; i++) ids[i] = guid(s32, i);
  const people: SandboxPerson[] = new Array<SandboxPerson>(size);
  for (let i = 0; i < size; i++) {
    const level = sk.level[i] ?? 0;
    const kind = sk.kind[i] ?? 'member';
    const department = sk.department[i] ?? 'Engineering';
    const childCount = sk.childCount[i] ?? 0;
    const officeIndex = sk.office[i] ?? 0;
    const office = OFFICES[officeIndex] ?? OFFICES[0];
    if (office === undefined) throw new Error('no offices configured');
    const tenure = drawTenure(level, childCount > 0, rng);

    let jobTitle: string;
    if (kind === 'ceo') jobTitle = CEO_TITLE;
    else if (kind === 'executive') jobTitle = rng.pick(DEPARTMENTS[department].executiveTitles);
    else if (kind === 'head') jobTitle = hostedHeadTitle(department);
    else if (childCount > 0) {
      jobTitle = managerTitle(department, level, sk.budget[i] ?? 0, managesManagers(sk, i));
    } else {
      const parent = sk.parent[i] ?? 0;
      const parentKind = sk.kind[parent];
      const reportsToLeader = parentKind === 'ceo' || parentKind === 'executive' || parentKind === 'head' || managesManagers(sk, parent);
      jobTitle = icTitle(department, drawSeniority(tenure, reportsToLeader, rng), rng);
    }

    const source = names[officeIndex] ?? names[0];
    if (source === undefined) throw new Error('no name sources');
    const givenName = source.givenName();
    const surname = source.surname();
    const alias = `${cachedAlias(givenName)}.${cachedAlias(surname)}`.replace(/^\.|\.$/g, '') || 'user';
    let taken = aliases.get(alias) ?? 0;
    let mail = `${alias}@${SANDBOX_DOMAIN}`;
    while (mails.has(mail)) mail = `${alias}${++taken + 1}@${SANDBOX_DOMAIN}`;
    aliases.set(alias, taken);
    mails.add(mail);
    const parent = sk.parent[i] ?? -1;

    people[i] = {
      id: ids[i] ?? '',
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      mail,
      userPrincipalName: mail,
      jobTitle,
      department,
      officeLocation: office.city,
      office,
      employeeHireDate: hireDate(tenure),
      accountEnabled: true,
      managerId: parent >= 0 ? (ids[parent] ?? null) : null,
      level,
      workingHours: drawWorkingHours(childCount === 0 && level >= 2, office.windowsTimeZone, rng),
    };
  }
  return people;
}
