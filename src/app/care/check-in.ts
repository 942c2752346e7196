/**
 * A safe voice for the junior mentor: a confidential check-in at the third session and at the
 * mid-point. Only the mentor can open or answer it; HR (program admins) reads one only when the
 * mentor asked to be contacted or flagged a concern, and otherwise only totals of five or more.
 */
import { randomUUID } from 'node:crypto';
import { checkInCard, SCALE_WORDS, type CheckInCardVM } from '../../cards/check-in.ts';
import { contactCard } from '../../cards/care.ts';
import type { ActionData } from '../../cards/index.ts';
import { checkInsDue, checkInVisibleToHr } from '../../domain/care/rules.ts';
import type { SessionPair } from '../sessions/context.ts';
import type { CardActor } from '../shared/actor.ts';
import { cardActivity, personRef } from '../shared/cards.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import { adminUrl, hrOf, pairSessions, type CareDeps } from './context.ts';
import type { CarePairKey, CheckInRecord } from './ports.ts';

type Answer = ActionData<'checkin.answer'>;

/** Sends the mentor each check-in that has come due, once. Returns how many it queued. */
export async function askCheckIns(tx: Store, deps: Pick<CareDeps, 'clock' | 'settings'>, key: CarePairKey, pair: SessionPair): Promise<number> {
  const now = deps.clock.now();
  let sent = 0;
  for (const occasion of checkInsDue(await pairSessions(tx, key), now)) {
    const r: CheckInRecord = { ...key, id: randomUUID(), occasion, askedAt: now, speakOpenly: null, respectful: null, forHr: '', contactMe: false, answeredAt: null };
    if (!(await tx.care.addCheckIn(r))) continue;
    const card = checkInCard(vmOf(r, pair.program.name, pair.mentee, deps.settings.tabUrl));
    await tx.outbox.enqueue({ tenantId: key.tenantId, dedupeKey: `checkin:${r.id}`, recipientId: key.mentorId, kind: 'send', activity: cardActivity(card, 'A confidential check-in, just for you') });
    sent++;
  }
  return sent;
}

function vmOf(r: CheckInRecord, programName: string, mentee: CheckInCardVM['mentee'], tabUrl: string): CheckInCardVM {
  return {
    checkInId: r.id,
    recipientId: r.mentorId,
    program: { name: programName },
    mentee,
    occasion: r.occasion,
    mode: r.answeredAt ? 'answered' : 'ask',
    answer: r.answeredAt ? { speakOpenly: r.speakOpenly, respectful: r.respectful, forHr: r.forHr, contactMe: r.contactMe } : null,
    tabUrl: `${tabUrl}/mentoring`,
  };
}

/** The check-in of the mentor who is acting; anyone else — the mentee, a manager, HR in Teams — is refused and shown nothing of it. */
async function ownCheckIn(store: Store, actor: CardActor, id: string, forUpdate: boolean) {
  const r = await store.care.checkIn(actor.tenantId, id, forUpdate);
  if (!r) throw new AppError('not_found', 'Flipside has no such check-in.');
  if (r.mentorId !== actor.userId) throw new AppError('forbidden', 'This check-in is confidential to the person it was sent to.');
  const program = await store.programs.get(r.tenantId, r.programId);
  const mentee = await store.directory.getPerson(r.tenantId, r.menteeId);
  return { r, programName: program?.name ?? 'the program', mentee: mentee ? personRef(mentee) : { id: r.menteeId, displayName: 'your mentee', jobTitle: null, department: null } };
}

export async function viewCheckIn(deps: Pick<CareDeps, 'store' | 'settings'>, actor: CardActor, input: { checkInId: string }): Promise<CheckInCardVM> {
  const { r, programName, mentee } = await ownCheckIn(deps.store, actor, input.checkInId, false);
  return vmOf(r, programName, mentee, deps.settings.tabUrl);
}

function problemOf(input: Answer): { field: string; message: string } | null {
  if (!input.speakOpenly) return { field: 'speakOpenly', message: 'Say whether you can speak openly with your mentee.' };
  if (!input.respectful) return { field: 'respectful', message: 'Say whether the relationship is respectful.' };
  return null;
}

/**
 * The mentor answers. A bad answer comes back with the reason, nothing recorded; answered once.
 * Asking to be contacted, or a concern, sends HR a card naming the mentor, to program admins only.
 */
export async function answerCheckIn(deps: Pick<CareDeps, 'store' | 'clock' | 'settings'>, actor: CardActor, input: Answer): Promise<CheckInCardVM> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const { r, programName, mentee } = await ownCheckIn(tx, actor, input.checkInId, true);
    if (r.answeredAt) return { ...vmOf(r, programName, mentee, deps.settings.tabUrl), notice: 'You have sent this check-in already. You can always reach HR directly.' };
    const problem = problemOf(input);
    if (problem) {
      return {
        ...vmOf(r, programName, mentee, deps.settings.tabUrl),
        answer: { speakOpenly: input.speakOpenly ?? null, respectful: input.respectful ?? null, forHr: input.forHr ?? '', contactMe: input.contactMe ?? false },
        error: problem,
      };
    }
    const next: CheckInRecord = { ...r, speakOpenly: input.speakOpenly!, respectful: input.respectful!, forHr: input.forHr ?? '', contactMe: input.contactMe ?? false, answeredAt: now };
    await tx.care.saveCheckIn(next);
    if (checkInVisibleToHr(next)) {
      const program = (await tx.programs.get(r.tenantId, r.programId))!;
      const mentor = await tx.directory.getPerson(r.tenantId, r.mentorId);
      const card = contactCard({
        program: { name: program.name },
        mentor: mentor ? personRef(mentor) : { id: r.mentorId, displayName: 'A mentor', jobTitle: null, department: null },
        contactMe: next.contactMe,
        answers: checkInAnswers(next),
        tabUrl: adminUrl(deps.settings.tabUrl, r.programId),
      });
      await tx.outbox.enqueue({
        tenantId: r.tenantId,
        dedupeKey: `checkin-hr:${r.id}`,
        recipientId: hrOf(program),
        kind: 'send',
        activity: cardActivity(card, 'A mentor’s confidential check-in needs HR'),
      });
    }
    return vmOf(next, programName, mentee, deps.settings.tabUrl);
  });
}

/** A check-in's answers in words, for HR when they may read it. */
export function checkInAnswers(c: CheckInRecord): { title: string; value: string }[] {
  return [
    { title: 'Can they speak openly?', value: c.speakOpenly ? SCALE_WORDS[c.speakOpenly] : '—' },
    { title: 'Is it respectful?', value: c.respectful ? SCALE_WORDS[c.respectful] : '—' },
    ...(c.forHr ? [{ title: 'For HR', value: c.forHr }] : []),
    { title: 'Wants HR to contact them', value: c.contactMe ? 'Yes' : 'No' },
  ];
}
