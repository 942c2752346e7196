import { CsvError } from 'csv-parse/sync';
import { audit } from '../audit/audit.ts';
import { invitationCard, type AdaptiveCard, type InvitationCardVM, type InvitationState } from '../../cards/index.ts';
import type { InvitationOptions, InvitationRequest, InvitationResult, InvitationSummary, ManagerCandidate } from '../../contracts/invitations.ts';
import { enrollmentWindow } from '../../domain/programs/program.ts';
import type { DirectoryPerson } from '../../domain/shared/directory.ts';
import type { ApprovalSettings } from '../approvals/approval-messages.ts';
import type { OutboxPurpose } from '../outbox/ports.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import { today } from '../programs/programs.ts';
import type { Actor, CardActor } from '../shared/actor.ts';
import { cardActivity, personRef } from '../shared/cards.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import { parseAddressList } from './address-list.ts';
import type { InvitationSource } from './ports.ts';
import { tabLink } from '../../cards/tab-link.ts';

export interface InvitationDeps {
  store: Store;
  clock: Clock;
  settings: Pick<ApprovalSettings, 'tabUrl'>;
}

/** The outbox purpose of an invitation card: if it cannot arrive, the invitation says so. */
export const INVITATION = 'invitation';
/** The most managers a search returns. */
export const MANAGER_SEARCH_LIMIT = 20;

const invitationKey = (programId: string, userId: string) => `invitation:${programId}:to:${userId}`;

function requireAdmin(actor: Actor) {
  if (!actor.isProgramAdmin) throw new AppError('forbidden', 'Only program admins (the Program.Admin role) can invite people to a program.');
}

async function programOf(deps: InvitationDeps, tenantId: string, programId: string): Promise<ProgramRecord> {
  const program = await deps.store.programs.get(tenantId, programId);
  if (!program) throw new AppError('not_found', 'There is no such program.', { field: 'id' });
  return program;
}

async function summaryOf(store: Store, tenantId: string, programId: string): Promise<InvitationSummary> {
  return store.invitations.counts(tenantId, programId);
}

/** The departments HR can pick from, and where the program's invitations stand. Program admins only. */
export async function invitationOptions(deps: InvitationDeps, actor: Actor, programId: string): Promise<InvitationOptions> {
  requireAdmin(actor);
  await programOf(deps, actor.tenantId, programId);
  return { departments: await deps.store.invitations.departments(actor.tenantId), summary: await summaryOf(deps.store, actor.tenantId, programId) };
}

/** Managers (people with reports) whose name, title, department or mail contains `search`, biggest organisation first. */
export async function searchManagers(deps: InvitationDeps, actor: Actor, search: string): Promise<ManagerCandidate[]> {
  requireAdmin(actor);
  const found = await deps.store.invitations.searchManagers(actor.tenantId, search.trim(), MANAGER_SEARCH_LIMIT);
  return found.map(({ person, organisationSize }) => ({ id: person.id, displayName: person.displayName, jobTitle: person.jobTitle, department: person.department, organisationSize }));
}

type Resolved = { people: DirectoryPerson[]; problems: InvitationResult['problems']; source: InvitationSource };

/** A list's entries against the directory: each malformed, unknown, duplicate or disabled one named, with its line. */
async function resolveList(store: Store, tenantId: string, list: string): Promise<Resolved> {
  let entries: ReturnType<typeof parseAddressList>;
  try {
    entries = parseAddressList(list);
  } catch (error) {
    if (error instanceof CsvError) throw new AppError('bad_request', `list: the list could not be read as CSV (${error.message})`, { field: 'list', cause: error });
    throw error;
  }
  if (entries.length === 0) throw new AppError('bad_request', 'list: paste or upload at least one address', { field: 'list' });
  const found = await store.invitations.findByAddresses(
    tenantId,
    entries.flatMap((e) => (e.address ? [e.address] : [])),
  );
  const problems: InvitationResult['problems'] = [];
  const seen = new Set<string>();
  const people: DirectoryPerson[] = [];
  for (const { entry, line, address } of entries) {
    const person = address ? found.get(address) : undefined;
    const reason = !address ? 'malformed' : !person ? 'unknown' : seen.has(person.id) ? 'duplicate' : !person.accountEnabled ? 'disabled' : undefined;
    if (person) seen.add(person.id);
    if (reason) problems.push({ entry: entry.slice(0, 120), line, reason });
    else people.push(person!);
  }
  return { people, problems, source: 'list' };
}

async function resolve(deps: InvitationDeps, tenantId: string, request: InvitationRequest): Promise<Resolved> {
  switch (request.kind) {
    case 'department': {
      const people = await deps.store.invitations.peopleInDepartment(tenantId, request.department);
      if (people.length === 0) throw new AppError('bad_request', `department: nobody in the directory is in the department "${request.department}"`, { field: 'department' });
      return { people, problems: [], source: 'department' };
    }
    case 'organisation': {
      const people = await deps.store.invitations.organisationOf(tenantId, request.managerId);
      if (people.length === 0) throw new AppError('bad_request', 'managerId: there is no such person in the directory', { field: 'managerId' });
      return { people, problems: [], source: 'organisation' };
    }
    case 'list':
      return resolveList(deps.store, tenantId, request.list);
  }
}

/**
 * Invites a department, a manager's whole organisation or a list of addresses to a program: each
 * person found (enabled, not enrolled, not invited before) gets an invitation card in their chat
 * with Flipside, through the outbox (which installs Flipside for them through Graph where needed,
 * within Teams' rate limits). One row per person and program and one outbox key per invitation, in
 * one transaction: a retried request, or two at once, invites nobody twice.
 * @throws AppError `forbidden` (not a program admin), `not_found`, `bad_request` (enrollment not open, nobody found, an unreadable list).
 */
export async function invite(deps: InvitationDeps, actor: Actor, programId: string, request: InvitationRequest): Promise<InvitationResult> {
  requireAdmin(actor);
  const program = await programOf(deps, actor.tenantId, programId);
  const window = enrollmentWindow(program, today(deps.clock));
  if (window !== 'open') {
    const why = window === 'upcoming' ? `enrollment opens on ${program.enrollmentOpensOn}` : `enrollment closed on ${program.enrollmentClosesOn}`;
    throw new AppError('bad_request', `Invitations go out while enrollment is open: for ${program.name}, ${why}.`, { field: 'id' });
  }
  const { people, problems, source } = await resolve(deps, actor.tenantId, request);
  const enabled = people.filter((p) => p.accountEnabled);
  const ids = enabled.map((p) => p.id);
  const enrolled = await deps.store.invitations.enrolledAmong(actor.tenantId, programId, ids);
  const candidates = enabled.filter((p) => !enrolled.has(p.id));
  const inviter = await deps.store.directory.getPerson(actor.tenantId, actor.userId);
  const now = deps.clock.now();
  const fresh = await deps.store.transaction(async (tx) => {
    const added = await tx.invitations.insertNew(
      candidates.map((p) => ({ tenantId: actor.tenantId, programId, userId: p.id, invitedBy: actor.userId, source, invitedAt: now, declinedAt: null, undeliverableAt: null })),
    );
    for (const person of candidates.filter((p) => added.has(p.id))) {
      const vm = cardVM(deps, program, person, inviter ?? null, { kind: 'open' });
      const purpose: OutboxPurpose = { kind: INVITATION, programId, userId: person.id };
      await tx.outbox.enqueue({
        tenantId: actor.tenantId,
        dedupeKey: invitationKey(programId, person.id),
        recipientId: person.id,
        kind: 'send',
        activity: cardActivity(invitationCard(vm), `You're invited to ${program.name}`),
        purpose,
      });
    }
    if (added.size) await audit(tx, deps.clock, actor, 'invitations.sent', { programId, details: { source, invited: added.size } });
    return added.size;
  });
  return {
    invited: fresh,
    alreadyInvited: candidates.length - fresh,
    alreadyEnrolled: enrolled.size,
    leftOut: people.length - enabled.length,
    problems,
    summary: await summaryOf(deps.store, actor.tenantId, programId),
  };
}

function cardVM(deps: InvitationDeps, program: ProgramRecord, recipient: DirectoryPerson, inviter: DirectoryPerson | null, state: InvitationState): InvitationCardVM {
  return {
    program: {
      id: program.id,
      name: program.name,
      description: program.description,
      startsOn: program.startsOn,
      endsOn: program.endsOn,
      enrollmentClosesOn: program.enrollmentClosesOn,
      sessionMinutes: program.sessionMinutes,
      cadences: program.cadences,
    },
    recipient: personRef(recipient),
    invitedBy: inviter ? personRef(inviter) : null,
    enrollUrl: tabLink(deps.settings.tabUrl, `/programs/${program.id}/enroll`),
    state,
  };
}

/** The invitation card as it stands for its recipient (the refresh); anyone else is refused. */
export async function viewInvitation(deps: InvitationDeps, actor: CardActor, programId: string): Promise<AdaptiveCard> {
  const invitation = await deps.store.invitations.get(actor.tenantId, programId, actor.userId);
  if (!invitation) throw new AppError('forbidden', 'This invitation is addressed to someone else.');
  const program = await programOf(deps, actor.tenantId, programId);
  const [recipient, inviter] = await Promise.all([deps.store.directory.getPerson(actor.tenantId, actor.userId), deps.store.directory.getPerson(actor.tenantId, invitation.invitedBy)]);
  const enrolled = (await deps.store.invitations.enrolledAmong(actor.tenantId, programId, [actor.userId])).has(actor.userId);
  const state: InvitationState = enrolled
    ? { kind: 'enrolled' }
    : enrollmentWindow(program, today(deps.clock)) !== 'open'
      ? { kind: 'closed' }
      : invitation.declinedAt
        ? { kind: 'declined', at: invitation.declinedAt.toISOString() }
        : { kind: 'open' };
  const me: DirectoryPerson = recipient ?? {
    id: actor.userId,
    displayName: 'there',
    mail: null,
    userPrincipalName: null,
    jobTitle: null,
    department: null,
    officeLocation: null,
    hireDate: null,
    accountEnabled: true,
    managerId: null,
  };
  return invitationCard(cardVM(deps, program, me, inviter ?? null, state));
}

/** "Not for me": recorded once (a second click changes nothing); an enrolled person stays enrolled. */
export async function declineInvitation(deps: InvitationDeps, actor: CardActor, programId: string): Promise<AdaptiveCard> {
  const invitation = await deps.store.invitations.get(actor.tenantId, programId, actor.userId);
  if (!invitation) throw new AppError('forbidden', 'This invitation is addressed to someone else.');
  await deps.store.invitations.markDeclined(actor.tenantId, programId, actor.userId, deps.clock.now());
  return viewInvitation(deps, actor, programId);
}

/** The outbox could not deliver an invitation (blocked, not installable): HR's counts say so. */
export async function noteInvitationUndeliverable(deps: InvitationDeps, tenantId: string, purpose: OutboxPurpose): Promise<void> {
  if (purpose.programId && purpose.userId) await deps.store.invitations.markUndeliverable(tenantId, purpose.programId, purpose.userId, deps.clock.now());
}
