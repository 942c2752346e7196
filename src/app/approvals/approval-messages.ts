import { approvalCard, outcomeCard } from '../../cards/index.ts';
import { cardActivity, personRef, unknownPerson } from '../shared/cards.ts';
import type { ApprovalCardVM, ApprovalState } from '../../cards/types.ts';
import { timeAsk } from '../../domain/programs/program.ts';
import type { EnrollmentRecord } from '../enrollment/ports.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import type { Store } from '../store.ts';
import { tabLink } from '../../cards/tab-link.ts';
import type { DirectoryPerson } from '../../domain/shared/directory.ts';

/**
 * People the caller has already looked up, by id (undefined: looked up, not in the directory), so
 * that drawing a card does not read them again; anyone not in it is read from the directory.
 */
export type KnownPeople = ReadonlyMap<string, DirectoryPerson | undefined>;

/** The people of `ids`, as the directory answered for them (`found`): the ones it lacks looked up too. */
export function knownPeople(ids: readonly (string | null | undefined)[], found: ReadonlyMap<string, DirectoryPerson>): KnownPeople {
  return new Map(ids.flatMap((id) => (id ? [[id, found.get(id)] as const] : [])));
}

const lookUp = (store: Store, tenantId: string, known: KnownPeople | undefined) => async (id: string) => (known?.has(id) ? known.get(id) : await store.directory.getPerson(tenantId, id));

/** Settings the approval flow needs from configuration. */
export interface ApprovalSettings {
  /** The tab's public address, for links in cards. */
  tabUrl: string;
  remindAfterDays: number;
  expireAfterDays: number;
}

/** Everything needed to draw an enrollment's approval card, read in one place. */
export async function approvalVM(store: Store, settings: ApprovalSettings, e: EnrollmentRecord, program?: ProgramRecord, known?: KnownPeople): Promise<ApprovalCardVM> {
  const p = program ?? (await store.programs.get(e.tenantId, e.programId))!;
  const person = lookUp(store, e.tenantId, known);
  const employee = await person(e.userId);
  const deciderIds = await decidersOf(store, e, p);
  const topicName = new Map(p.topics.map((t) => [t.id, t.name]));
  let state: ApprovalState;
  if (e.status === 'pending') state = { kind: 'pending', remindedAt: e.remindedAt?.toISOString() ?? null, expiresAt: e.expiresAt.toISOString() };
  else if (e.status === 'approved' || e.status === 'declined') {
    const by = e.decidedBy ? await person(e.decidedBy) : undefined;
    state = { kind: e.status, by: by ? personRef(by) : unknownPerson(e.decidedBy ?? ''), at: (e.decidedAt ?? e.updatedAt).toISOString(), note: e.decisionNote };
  } else state = { kind: e.status, at: e.updatedAt.toISOString() };
  const deciderPeople = await Promise.all(deciderIds.slice(0, 3).map(person));
  return {
    enrollmentId: e.id,
    version: e.version,
    employee: employee ? personRef(employee) : unknownPerson(e.userId),
    program: { id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn },
    role: e.role,
    teach: e.teach.map((c) => ({ name: topicName.get(c.topicId) ?? c.topicId, level: c.level })),
    learn: e.learn.map((c) => ({ name: topicName.get(c.topicId) ?? c.topicId, level: c.level })),
    goals: e.goals,
    cadence: e.cadence,
    sessionMinutes: p.sessionMinutes,
    timeAsk: timeAsk(p, e.cadence),
    deciderIds,
    deciderNames: deciderPeople.filter((d): d is NonNullable<typeof d> => !!d).map((d) => d.displayName),
    state,
    tabUrl: tabLink(settings.tabUrl, '/'),
  };
}

/** Who may decide: the approver, or every known program admin (and the program's creator). */
export async function decidersOf(store: Store, e: EnrollmentRecord, p: ProgramRecord): Promise<string[]> {
  if (e.approverKind === 'manager' && e.approverId) return [e.approverId];
  return [...new Set([...(await store.admins.list(e.tenantId)), p.createdBy])];
}

/** The outbox purpose of an approval card sent to a decider: if it cannot arrive, the request says so. */
export const APPROVAL_REQUEST = 'approval-request';

const requestKey = (e: EnrollmentRecord, recipientId: string) => `approval:${e.id}:to:${recipientId}`;

/**
 * Sends the approval card to each decider (once per decider, whatever retries happen). A reminder
 * is `true` (the sweep's one reminder) or names its own key (HR's reminder of a day), so each is sent once.
 */
export async function enqueueApprovalRequest(
  tx: Store,
  settings: ApprovalSettings,
  e: EnrollmentRecord,
  program: ProgramRecord,
  reminder: boolean | { key: string } = false,
  known?: KnownPeople,
): Promise<void> {
  const vm = await approvalVM(tx, settings, e, program, known);
  // Sent 1:1 to each decider: the base card is their own view, so the buttons show even on a
  // client that does not refresh; the invoke handler checks who may decide anyway.
  const card = approvalCard(vm, e.status === 'pending' ? 'decider' : 'readOnly');
  for (const recipientId of vm.deciderIds) {
    await tx.outbox.enqueue({
      tenantId: e.tenantId,
      dedupeKey: requestKey(e, recipientId) + (reminder === false ? '' : reminder === true ? ':reminder' : `:reminder:${reminder.key}`),
      recipientId,
      kind: 'send',
      activity: cardActivity(card, `${vm.employee.displayName} asks to join ${program.name}`, reminder ? `Reminder: ${vm.employee.displayName} is still waiting for your decision.` : undefined),
      purpose: { kind: APPROVAL_REQUEST, enrollmentId: e.id },
    });
  }
}

/**
 * Updates every approval card already sent for this enrollment, so that everyone who sees one sees
 * its current state (the decision, a withdrawal, a new approver): deciders keep their view while
 * the request is pending, everyone else sees the read-only one.
 */
export async function enqueueApprovalUpdates(tx: Store, settings: ApprovalSettings, e: EnrollmentRecord, program: ProgramRecord, known?: KnownPeople): Promise<void> {
  const vm = await approvalVM(tx, settings, e, program, known);
  for (const sent of await tx.outbox.sendsWithPrefix(`approval:${e.id}:to:`)) {
    const card = approvalCard(vm, e.status === 'pending' && vm.deciderIds.includes(sent.recipientId) ? 'decider' : 'readOnly');
    await tx.outbox.enqueue({
      tenantId: e.tenantId,
      dedupeKey: `${sent.dedupeKey}:v${e.version}`,
      recipientId: sent.recipientId,
      kind: 'update',
      updatesKey: sent.dedupeKey,
      activity: cardActivity(card, `${vm.employee.displayName} · ${program.name}`),
    });
  }
}

/** Tells the employee the outcome: approved, declined (with the note) or expired. */
export async function enqueueOutcome(tx: Store, settings: ApprovalSettings, e: EnrollmentRecord, program: ProgramRecord): Promise<void> {
  if (e.status !== 'approved' && e.status !== 'declined' && e.status !== 'expired') return;
  const by = e.decidedBy ? await tx.directory.getPerson(e.tenantId, e.decidedBy) : undefined;
  const card = outcomeCard({
    program: { name: program.name },
    outcome: e.status,
    decidedBy: by ? personRef(by) : null,
    at: (e.decidedAt ?? e.updatedAt).toISOString(),
    note: e.decisionNote,
    tabUrl: tabLink(settings.tabUrl, `/enrollments/${e.id}`),
    nextRound: e.status === 'approved' && (await tx.matching.programPairs(e.tenantId, program.id)).length > 0,
  });
  const summary =
    e.status === 'approved' ? `You're in: ${program.name}` : e.status === 'declined' ? `Your enrollment in ${program.name} was declined` : `Your enrollment request for ${program.name} expired`;
  await tx.outbox.enqueue({ tenantId: e.tenantId, dedupeKey: `outcome:${e.id}:${e.status}`, recipientId: e.userId, kind: 'send', activity: cardActivity(card, summary) });
}
