import type { CohortStatus } from '../contracts/cohort.ts';
import { z } from 'zod';
import { claimsFor } from './identity/router.ts';
import type { SandboxIssuer } from './identity/issuer.ts';
import type { SandboxOrg, SandboxPerson } from './org/index.ts';
import { hash, hashString, Rng } from './org/rng.ts';
import type { JsonObject } from './connector/types.ts';
import type { CardAnswer, SandboxResponder } from './responder.ts';

/** Sandbox people enrolling at once (each through the tab's API). */
const ENROLL_CONCURRENCY = 6;
/** How many sandbox people "Try it with a full cohort" invites unless told. */
export const DEFAULT_COHORT_SIZE = 120;
export const cohortRequestSchema = z.object({
  programId: z.uuid({ error: 'programId must be a program id' }).optional(),
  size: z.number().int().min(10, 'size must be at least 10').max(400, 'size must be at most 400').default(DEFAULT_COHORT_SIZE),
});

/** What one sandbox person of a cohort does: with the invitation, and (as their manager) with the request. */
export type Plan = { invitation: 'enroll' | 'decline' | 'ignore'; manager: 'approve' | 'decline' | 'lapse'; side: 'mentor' | 'mentee' };

export type { CohortStatus };

/** Every 20th person declines the invitation, every 60th lets it sit; of the enrolled, every 50th manager declines and every 50th lets it lapse. */
function planFor(index: number, side: Plan['side']): Plan {
  const invitation = index % 20 === 7 ? 'decline' : index % 60 === 13 ? 'ignore' : 'enroll';
  const manager = index % 50 === 21 ? 'decline' : index % 50 === 42 ? 'lapse' : 'approve';
  return { invitation, manager, side };
}

const GOALS: Record<string, string[]> = {
  'ai-assistants': ['Use an AI assistant for my weekly report by the end of next month', 'Show my team three AI shortcuts by March'],
  'teams-copilot': ['Run one meeting a week with Copilot notes by February', 'Cut my meeting follow-ups to ten minutes with Copilot this quarter'],
  'social-media': ['Post about our work on LinkedIn twice a month until summer', 'Understand what our graduates read online before the next hiring round'],
  'data-dashboards': ['Build my own team dashboard by April', 'Read our sales dashboard without help by the next quarterly review'],
  'security-hygiene': ['Set up passkeys and a password manager this month', 'Spot a phishing mail in our next simulation'],
  'remote-collaboration': ['Run a hybrid workshop that works for both rooms by May', 'Move one recurring meeting to an async update this quarter'],
  'younger-customers': ['Test one product idea with people under 25 before the summer', 'Understand why younger customers leave us, with three examples by March'],
  strategy: ['Understand how our yearly plan is made before the next planning round', 'Write a one-page proposal my director would fund by June'],
  'navigating-org': ['Know who decides on budgets in my area by the end of the quarter', 'Get my project seen by another department by April'],
  industry: ['Follow two industry newsletters and discuss one article a month', 'Explain our three biggest competitors to my team by March'],
  stakeholders: ['Prepare my first steering-committee update by May', 'Win support for one change in my team this half-year'],
  'career-guidance': ['Agree on a two-year career plan with my manager by June', 'Find out what a move to another function would take this year'],
};

interface Topic {
  id: string;
  direction: 'teachesUp' | 'teachesDown';
}

/** A realistic enrollment for a sandbox person of `side`: what they teach and learn, goals for what they learn, a cadence. */
export function enrollmentFor(side: Plan['side'], topics: readonly Topic[], cadences: readonly string[], rng: Rng): JsonObject {
  const up = topics.filter((t) => t.direction === 'teachesUp').map((t) => t.id);
  const down = topics.filter((t) => t.direction === 'teachesDown').map((t) => t.id);
  const some = (ids: string[], n: number) => {
    const pool = [...ids];
    const out: string[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(rng.int(pool.length), 1)[0]!);
    return out;
  };
  const [teachIds, learnIds] = side === 'mentor' ? [some(up, 2 + rng.int(2)), some(down, 1 + rng.int(2))] : [some(down, 1 + rng.int(2)), some(up, 2 + rng.int(2))];
  const goals = learnIds.slice(0, 1 + rng.int(2)).map((id) => rng.pick(GOALS[id] ?? ['Learn one thing I can use at work every month']));
  const weighted = ['biweekly', 'weekly', 'monthly'].filter((c) => cadences.includes(c));
  return {
    role: side,
    teach: teachIds.map((topicId) => ({ topicId, level: side === 'mentor' ? 3 + rng.int(3) : 4 + rng.int(2) })),
    learn: learnIds.map((topicId) => ({ topicId, level: 1 + rng.int(2) })),
    goals,
    cadence: weighted[rng.weighted(weighted.map((c) => (c === 'biweekly' ? 3 : 1)))] ?? cadences[0],
    acceptedTerms: true,
  };
}

const years = (p: SandboxPerson, now: Date) => (p.employeeHireDate ? (now.getTime() - Date.parse(p.employeeHireDate)) / 31_557_600_000 : 0);

export interface SandboxCohortOptions {
  org: SandboxOrg;
  issuer: SandboxIssuer;
  responder: SandboxResponder;
  humans: ReadonlySet<string>;
  /** This server's loopback address, where the tab's API answers. */
  local: string;
  now: () => Date;
}

/**
 * "Try it with a full cohort": invites N sandbox people to a program through HR's real invitation
 * API, and has them answer as people would, through the same paths a person takes: most enroll
 * from the tab (realistic topics, goals and cadences), some answer "Not for me", a few leave the
 * card be; their managers approve in Teams, a few decline or let the request expire. Seniors
 * enroll as mentees, newer colleagues as mentors, half and half, so the template's rules pair them.
 * Sandbox only: it lives under /sandbox, which a real tenant never mounts.
 */
export class SandboxCohort {
  private status: CohortStatus = { state: 'idle', programId: null, size: 0, invited: 0, enrolled: 0, declined: 0, approved: 0, pending: 0, lapsing: 0, message: null };
  private plans = new Map<string, Plan>();
  /** Enrollment id → what its manager does. */
  private decisions = new Map<string, Plan['manager']>();
  private answered = new Set<string>();
  private adminToken: string | null = null;

  constructor(private readonly options: SandboxCohortOptions) {}

  /** Who of the org would take part: enabled, with an enabled manager nobody signed in as, no persona, not HR. */
  private candidates(): { seniors: SandboxPerson[]; juniors: SandboxPerson[] } {
    const { org, humans } = this.options;
    const now = this.options.now();
    const usable = org.people.filter((p) => {
      const manager = p.managerId ? org.byId.get(p.managerId) : undefined;
      return p.accountEnabled && !p.persona && !humans.has(p.id) && manager?.accountEnabled && !humans.has(manager.id) && manager.id !== org.personas.hrAdmin;
    });
    const rank = (p: SandboxPerson) => hash(org.seed, hashString(p.id), 0xc0401);
    const seniors = usable.filter((p) => p.level <= 2 || years(p, now) >= 8).sort((a, b) => rank(a) - rank(b));
    const juniors = usable.filter((p) => p.level >= 3 && years(p, now) < 2).sort((a, b) => rank(a) - rank(b));
    return { seniors, juniors };
  }

  /** Starts a cohort for a program (a new one from the template when none is given); answers at once, the people respond meanwhile. */
  async start(request: z.infer<typeof cohortRequestSchema>, authorization: string | undefined): Promise<CohortStatus> {
    if (this.status.state === 'inviting' || this.status.state === 'responding') throw new CohortError(409, 'conflict', 'A cohort is already responding: wait for it to finish.');
    const { org, issuer } = this.options;
    this.adminToken = authorization?.startsWith('Bearer ') ? authorization.slice(7) : await issuer.userToken(claimsFor(org, org.byId.get(org.personas.hrAdmin)!));
    const programId =
      request.programId ?? (await this.api<{ id: string }>('POST', '/programs', { ...(await this.api<JsonObject>('GET', '/programs/template')), name: 'Reverse mentoring (sandbox cohort)' })).id;
    const { seniors, juniors } = this.candidates();
    const half = Math.ceil(request.size / 2);
    const chosen = [...seniors.slice(0, half).map((p) => [p, 'mentee'] as const), ...juniors.slice(0, request.size - half).map((p) => [p, 'mentor'] as const)];
    this.plans = new Map(chosen.map(([p, side], i) => [p.id, planFor(i % half, side)]));
    this.decisions.clear();
    this.answered.clear();
    this.status = { state: 'inviting', programId, size: chosen.length, invited: 0, enrolled: 0, declined: 0, approved: 0, pending: 0, lapsing: 0, message: null };
    try {
      await this.api('POST', `/programs/${programId}/invitations`, { kind: 'list', list: chosen.map(([p]) => p.userPrincipalName).join('\n') });
    } catch (error) {
      this.status = { ...this.status, state: 'failed', message: (error as Error).message };
      throw error;
    }
    this.status.state = 'responding';
    this.options.responder.setOn(true);
    return this.read();
  }

  /** Where the cohort stands, with the program's approvals read from the API as HR sees them. */
  async read(): Promise<CohortStatus> {
    const s = this.status;
    if (s.programId && this.adminToken && (s.state === 'responding' || s.state === 'done')) {
      const programs = await this.api<Array<{ id: string; counts?: { pending: number; approved: number } }>>('GET', '/programs').catch(() => []);
      const counts = programs.find((p) => p.id === s.programId)?.counts;
      if (counts) Object.assign(s, { approved: counts.approved, pending: counts.pending });
      const expected = [...this.plans.values()].filter((p) => p.invitation !== 'ignore').length;
      if (s.state === 'responding' && this.answered.size >= expected && this.enrolling === 0 && this.enrollQueue.length === 0 && s.pending <= s.lapsing) s.state = 'done';
    }
    return { ...s };
  }

  /** The responder's hook for invitation cards: a cohort person enrolls (here, through the API) or declines (returned, to click). */
  async answerInvitation(userId: string, card: JsonObject, rng: Rng): Promise<CardAnswer | undefined> {
    const decline = findDecline(card);
    if (!decline) return undefined; // enrolled, declined or closed already
    const programId = String(decline.data.programId ?? '');
    const plan = programId === this.status.programId ? this.plans.get(userId) : undefined;
    // People HR invited by hand answer too: most enroll, on the side their seniority suggests.
    const choice = plan?.invitation ?? (rng.chance(0.75) ? 'enroll' : rng.chance(0.6) ? 'decline' : 'ignore');
    if (plan) this.status.invited++;
    if (choice === 'ignore') return undefined;
    if (plan) this.answered.add(userId);
    if (choice === 'decline') {
      if (plan) this.status.declined++;
      return { verb: 'invitation.decline', data: decline.data };
    }
    // Enrolling takes the tab (a few requests): queued, several at once, so the next card is looked at meanwhile.
    this.enrollQueue.push(() => this.enroll(userId, programId, plan, rng));
    this.pump();
    return undefined;
  }

  private readonly enrollQueue: Array<() => Promise<void>> = [];
  private enrolling = 0;
  private readonly topicsOf = new Map<string, Promise<{ topics: Topic[]; cadences: string[] } | undefined>>();

  private pump(): void {
    while (this.enrolling < ENROLL_CONCURRENCY && this.enrollQueue.length > 0) {
      const next = this.enrollQueue.shift()!;
      this.enrolling++;
      next()
        .catch((error: unknown) => {
          this.status.message = `A sandbox person could not enroll: ${(error as Error).message}`;
        })
        .finally(() => {
          this.enrolling--;
          this.pump();
        });
    }
  }

  private async enroll(userId: string, programId: string, plan: Plan | undefined, rng: Rng): Promise<void> {
    const person = this.options.org.byId.get(userId)!;
    const side = plan?.side ?? (person.level <= 2 || years(person, this.options.now()) >= 8 ? 'mentee' : 'mentor');
    if (!this.topicsOf.has(programId)) {
      this.topicsOf.set(
        programId,
        this.api<Array<{ id: string; topics: Topic[]; cadences: string[] }>>('GET', '/programs', undefined, userId).then((all) => all.find((p) => p.id === programId)),
      );
    }
    const program = await this.topicsOf.get(programId);
    if (!program) return;
    const enrollment = await this.api<{ id: string }>('POST', `/programs/${programId}/enrollments`, enrollmentFor(side, program.topics, program.cadences, rng), userId);
    if (plan) {
      // Planned before the approval card can reach the manager: it goes out through the outbox after this answer.
      this.decisions.set(enrollment.id, plan.manager);
      this.status.enrolled++;
      if (plan.manager === 'lapse') this.status.lapsing++;
    }
  }

  /** What the manager of a cohort enrollment does; undefined for enrollments of no cohort (the responder's own odds). */
  managerDecision(enrollmentId: string): Plan['manager'] | undefined {
    return this.decisions.get(enrollmentId);
  }

  private async api<T>(method: string, path: string, body?: unknown, asUser?: string): Promise<T> {
    const { org, issuer, local } = this.options;
    const token = asUser ? await issuer.userToken(claimsFor(org, org.byId.get(asUser)!)) : this.adminToken!;
    const send = () =>
      fetch(`${local}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    // A loaded server may drop a kept-alive connection: the request is made again (an enrollment made twice answers 409, nothing doubles).
    const res = await send().catch(() => send().catch(() => send()));
    const answer = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (!res.ok) throw new CohortError(res.status, answer.error?.code ?? 'bad_request', answer.error?.message ?? `The API answered ${res.status}.`);
    return answer as T;
  }
}

export class CohortError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CohortError';
  }
}

function findDecline(node: unknown): { data: JsonObject } | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findDecline(n);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const o = node as JsonObject;
  if (o.type === 'Action.Execute' && o.verb === 'invitation.decline') return { data: (o.data ?? {}) as JsonObject };
  for (const [k, v] of Object.entries(o)) {
    if (k === 'refresh') continue;
    const found = findDecline(v);
    if (found) return found;
  }
  return undefined;
}

export { Rng };
