/** Programs and enrollments as the domain sees them: plain data and pure rules. */

export type Cadence = 'weekly' | 'biweekly' | 'monthly';
export type Role = 'mentor' | 'mentee' | 'both';
export type EnrollmentStatus = 'pending' | 'approved' | 'declined' | 'expired' | 'withdrawn';

export interface Topic {
  id: string;
  name: string;
  direction: 'teachesUp' | 'teachesDown';
}

export interface ProgramRules {
  startsOn: string; // yyyy-mm-dd
  endsOn: string;
  enrollmentOpensOn: string;
  enrollmentClosesOn: string;
  cadences: Cadence[];
  sessionMinutes: number;
  topics: Topic[];
}

export interface TopicChoice {
  topicId: string;
  level: number;
}

const WEEKS_BETWEEN: Record<Cadence, number> = { weekly: 1, biweekly: 2, monthly: 4 };

/** Whether enrollment is open on `today` (yyyy-mm-dd, in the tenant's calendar). */
export function enrollmentWindow(p: Pick<ProgramRules, 'enrollmentOpensOn' | 'enrollmentClosesOn'>, today: string): 'upcoming' | 'open' | 'closed' {
  if (today < p.enrollmentOpensOn) return 'upcoming';
  if (today > p.enrollmentClosesOn) return 'closed';
  return 'open';
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * What a program asks of a participant's time at a cadence: sessions over the program, hours in
 * all, and the program's length in months (rounded), for the manager's approval card.
 */
export function timeAsk(p: Pick<ProgramRules, 'startsOn' | 'endsOn' | 'sessionMinutes'>, cadence: Cadence): { sessions: number; hours: number; months: number } {
  const length = days(p.startsOn, p.endsOn);
  const sessions = Math.max(1, Math.floor(length / (7 * WEEKS_BETWEEN[cadence])) + 1);
  return { sessions, hours: Math.round(((sessions * p.sessionMinutes) / 60) * 10) / 10, months: Math.max(1, Math.round(length / 30.44)) };
}

export interface EnrollmentChoices {
  role: Role;
  teach: TopicChoice[];
  learn: TopicChoice[];
  cadence: Cadence;
}

/**
 * Checks an enrollment's choices against the program: topics must be in its catalogue and chosen
 * once, and the cadence one the program offers. Returns the first problem with its field, or null.
 */
export function checkEnrollmentChoices(p: ProgramRules, e: EnrollmentChoices): { field: string; message: string } | null {
  if (!p.cadences.includes(e.cadence)) return { field: 'cadence', message: `this program meets ${p.cadences.join(' or ')}, not ${e.cadence}` };
  const known = new Map(p.topics.map((t) => [t.id, t]));
  for (const side of ['teach', 'learn'] as const) {
    const seen = new Set<string>();
    for (const [i, choice] of e[side].entries()) {
      if (!known.has(choice.topicId)) return { field: `${side}.${i}.topicId`, message: `"${choice.topicId}" is not a topic of this program` };
      if (seen.has(choice.topicId)) return { field: `${side}.${i}.topicId`, message: `"${known.get(choice.topicId)!.name}" is chosen twice` };
      seen.add(choice.topicId);
    }
  }
  if (e.role === 'mentee' && e.teach.length > 0 && e.learn.length === 0) return { field: 'learn', message: 'choose at least one topic you want to learn' };
  return null;
}

export type Decision = 'approve' | 'decline';

export interface ApprovalFacts {
  status: EnrollmentStatus;
  version: number;
  approverId: string | null;
  approverKind: 'manager' | 'programAdmin' | null;
  decidedBy: string | null;
}

/**
 * Who may decide an enrollment: its current approver; when the approver is "the program admins",
 * any program admin. Anyone else is refused, whatever they send.
 */
export function mayDecide(a: ApprovalFacts, deciderId: string, deciderIsProgramAdmin: boolean): boolean {
  if (a.approverKind === 'programAdmin') return deciderIsProgramAdmin;
  return a.approverId !== null && a.approverId === deciderId;
}

export type DecisionOutcome =
  | { kind: 'decide'; status: 'approved' | 'declined' }
  /** The same decision again (a double click, a replay): nothing changes, the answer is the decided card. */
  | { kind: 'already-decided'; status: EnrollmentStatus }
  | { kind: 'refused'; reason: 'not-allowed' | 'not-pending' | 'stale' };

/** What a click on Approve / Decline does to an enrollment, as a value. */
export function decide(a: ApprovalFacts, deciderId: string, deciderIsProgramAdmin: boolean, decision: Decision, cardVersion: number): DecisionOutcome {
  if (!mayDecide(a, deciderId, deciderIsProgramAdmin)) return { kind: 'refused', reason: 'not-allowed' };
  const wanted = decision === 'approve' ? 'approved' : 'declined';
  if (a.status !== 'pending') return a.status === wanted ? { kind: 'already-decided', status: a.status } : { kind: 'refused', reason: 'not-pending' };
  // The card was edited (goals, topics) since this card version was shown: decide on what is current.
  if (cardVersion !== a.version) return { kind: 'refused', reason: 'stale' };
  return { kind: 'decide', status: wanted };
}
