/**
 * The early fit check: after the second held session, or four weeks after the first, each of the
 * pair answers privately "Is this pairing working for you?". A "no" from either reaches HR (a card
 * and a row in the tab, the note only when shared), who keep the pair or pair both again.
 */
import { randomUUID } from 'node:crypto';
import { fitAlertCard, fitCheckCard, type FitAlertCardVM, type FitCheckCardVM } from '../../cards/fit-check.ts';
import type { ActionData } from '../../cards/index.ts';
import { fitCheckDue } from '../../domain/care/rules.ts';
import { audit } from '../audit/audit.ts';
import type { SessionPair } from '../sessions/context.ts';
import type { CardActor } from '../shared/actor.ts';
import { cardActivity, personRef } from '../shared/cards.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import { adminUrl, currentPair, hrOf, mustBeProgramAdmin, pairSessions, type CareDeps } from './context.ts';
import type { CarePairKey, FitCheckRecord } from './ports.ts';
import { repairPair } from './repair.ts';

type Answer = ActionData<'fit.answer'>;

/** Asks both of the pair once, when it is due. Returns how many cards it queued. */
export async function askFitCheck(tx: Store, deps: Pick<CareDeps, 'clock' | 'settings'>, key: CarePairKey, pair: SessionPair): Promise<number> {
  const now = deps.clock.now();
  if (!fitCheckDue(await pairSessions(tx, key), now)) return 0;
  let sent = 0;
  for (const person of [pair.mentor, pair.mentee]) {
    const record: FitCheckRecord = {
      ...key,
      id: randomUUID(),
      userId: person.id,
      askedAt: now,
      answer: null,
      note: '',
      shareNote: false,
      answeredAt: null,
      decision: null,
      decidedBy: null,
      decidedAt: null,
    };
    if (!(await tx.care.addFitCheck(record))) continue;
    const partner = person.id === pair.mentor.id ? pair.mentee : pair.mentor;
    const card = fitCheckCard(vmOf(record, pair.program.name, partner, deps.settings.tabUrl));
    await tx.outbox.enqueue({
      tenantId: key.tenantId,
      dedupeKey: `fit:${record.id}`,
      recipientId: person.id,
      kind: 'send',
      activity: cardActivity(card, `Is your pairing with ${partner.displayName} working for you?`),
    });
    sent++;
  }
  return sent;
}

function vmOf(r: FitCheckRecord, programName: string, partner: FitCheckCardVM['partner'], tabUrl: string): FitCheckCardVM {
  return {
    fitCheckId: r.id,
    recipientId: r.userId,
    program: { name: programName },
    partner,
    mode: r.answer ? 'answered' : 'ask',
    answer: r.answer ? { answer: r.answer, note: r.note, shareNote: r.shareNote } : null,
    tabUrl: `${tabUrl}/mentoring`,
  };
}

/** The fit check of `actor` only; anyone else (the partner included) is refused. */
async function ownFitCheck(store: Store, actor: CardActor, id: string, forUpdate: boolean) {
  const r = await store.care.fitCheck(actor.tenantId, id, forUpdate);
  if (!r) throw new AppError('not_found', 'Flipside has no such question.');
  if (r.userId !== actor.userId) throw new AppError('forbidden', 'This question was for someone else.');
  const program = await store.programs.get(r.tenantId, r.programId);
  const partnerId = r.userId === r.mentorId ? r.menteeId : r.mentorId;
  const partner = await store.directory.getPerson(r.tenantId, partnerId);
  return { r, programName: program?.name ?? 'the program', partner: partner ? personRef(partner) : { id: partnerId, displayName: 'your partner', jobTitle: null, department: null } };
}

export async function viewFitCheck(deps: Pick<CareDeps, 'store' | 'settings'>, actor: CardActor, input: { fitCheckId: string }): Promise<FitCheckCardVM> {
  const { r, programName, partner } = await ownFitCheck(deps.store, actor, input.fitCheckId, false);
  return vmOf(r, programName, partner, deps.settings.tabUrl);
}

/**
 * The person answers. A card without an answer comes back with the reason and nothing is recorded;
 * the same answer twice is one answer; a first "no" tells HR.
 */
export async function answerFitCheck(deps: Pick<CareDeps, 'store' | 'clock' | 'settings'>, actor: CardActor, input: Answer): Promise<FitCheckCardVM> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const { r, programName, partner } = await ownFitCheck(tx, actor, input.fitCheckId, true);
    const note = input.fitNote ?? '';
    if (!input.fitAnswer) {
      return {
        ...vmOf(r, programName, partner, deps.settings.tabUrl),
        mode: 'ask',
        answer: { answer: null, note, shareNote: input.shareNote ?? false },
        error: { field: 'fitAnswer', message: 'Choose yes, not sure yet or no.' },
      };
    }
    if (r.answer) return { ...vmOf(r, programName, partner, deps.settings.tabUrl), ...(r.answer !== input.fitAnswer ? { notice: 'You have answered this already.' } : {}) };
    const next: FitCheckRecord = { ...r, answer: input.fitAnswer, note, shareNote: note.length > 0 && (input.shareNote ?? false), answeredAt: now };
    await tx.care.saveFitCheck(next);
    if (next.answer === 'no') await tellHr(tx, deps, next);
    return vmOf(next, programName, partner, deps.settings.tabUrl);
  });
}

async function alertVM(store: Store, tabUrl: string, r: FitCheckRecord, notice?: string): Promise<FitAlertCardVM> {
  const program = (await store.programs.get(r.tenantId, r.programId))!;
  const people = await store.directory.getPeople(r.tenantId, [r.mentorId, r.menteeId]);
  const ref = (id: string) => {
    const p = people.get(id);
    return p ? personRef(p) : { id, displayName: 'Someone who left', jobTitle: null, department: null };
  };
  const decider = r.decidedBy ? await store.directory.getPerson(r.tenantId, r.decidedBy) : undefined;
  return {
    fitCheckId: r.id,
    program: { name: program.name },
    mentor: ref(r.mentorId),
    mentee: ref(r.menteeId),
    answeredBy: ref(r.userId),
    note: r.shareNote && r.note ? r.note : null,
    decision: r.decision ? { kind: r.decision, by: decider?.displayName ?? 'HR', outcome: r.decision === 'keep' ? 'They keep meeting as planned.' : 'Both were paired again.' } : null,
    ...(notice ? { notice } : {}),
    tabUrl: adminUrl(tabUrl, r.programId),
  };
}

async function tellHr(tx: Store, deps: Pick<CareDeps, 'settings'>, r: FitCheckRecord) {
  const program = (await tx.programs.get(r.tenantId, r.programId))!;
  const vm = await alertVM(tx, deps.settings.tabUrl, r);
  await tx.outbox.enqueue({
    tenantId: r.tenantId,
    dedupeKey: `fit-alert:${r.id}`,
    recipientId: hrOf(program),
    kind: 'send',
    activity: cardActivity(fitAlertCard(vm), `A pairing in ${program.name} is not working`),
  });
}

/** HR's card for a "no", as it stands (program admins only). */
export async function viewFitAlert(deps: Pick<CareDeps, 'store' | 'settings'>, actor: CardActor, input: { fitCheckId: string }): Promise<FitAlertCardVM> {
  const r = await deps.store.care.fitCheck(actor.tenantId, input.fitCheckId);
  const program = r && (await deps.store.programs.get(r.tenantId, r.programId));
  if (!r || !program || r.answer !== 'no') throw new AppError('not_found', 'Flipside has no such answer for HR.');
  await mustBeProgramAdmin(deps.store, actor, program);
  return alertVM(deps.store, deps.settings.tabUrl, r);
}

/**
 * HR keeps the pair, or pairs both again. Decided once per pair: the other "no" of the same pair
 * (both said it) shares the decision. Returns HR's card, with what happened.
 * @throws AppError `forbidden` (not a program admin), `not_found`.
 */
export async function decideFitCheck(deps: CareDeps, actor: CardActor, input: { fitCheckId: string; decision: 'keep' | 'repair' }): Promise<FitAlertCardVM> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const r = await tx.care.fitCheck(actor.tenantId, input.fitCheckId, true);
    const program = r && (await tx.programs.get(r.tenantId, r.programId));
    if (!r || !program || r.answer !== 'no') throw new AppError('not_found', 'Flipside has no such answer for HR.');
    await mustBeProgramAdmin(tx, actor, program);
    const mates = await tx.care.fitChecksOfPair(r);
    const decided = mates.find((m) => m.decision);
    if (decided) {
      const vm = await alertVM(tx, deps.settings.tabUrl, decided);
      return { ...vm, fitCheckId: r.id, ...(decided.decision !== input.decision ? { notice: 'This pair was decided on already.' } : {}) };
    }
    let outcome = 'They keep meeting as planned.';
    if (input.decision === 'repair') {
      if (!(await currentPair(tx, r))) throw new AppError('conflict', 'This pair has already ended or been paired again.');
      outcome = await repairPair(tx, deps, r);
    }
    for (const m of mates.filter((x) => x.answer === 'no')) await tx.care.saveFitCheck({ ...m, decision: input.decision, decidedBy: actor.userId, decidedAt: now });
    await audit(tx, deps.clock, actor, input.decision === 'repair' ? 'pair.repaired' : 'pair.kept', {
      programId: r.programId,
      subjectId: r.menteeId,
      details: { mentorId: r.mentorId, fitCheckId: r.id },
    });
    const vm = await alertVM(tx, deps.settings.tabUrl, { ...r, decision: input.decision, decidedBy: actor.userId, decidedAt: now });
    return { ...vm, decision: { ...vm.decision!, outcome } };
  });
}
