/**
 * Pairs that stall: two missed sessions in a row, or none held for 21 days (program settings), get
 * exactly one nudge in their chat per stretch without a held session, with "Find another time" and
 * "Pause"; HR sees them. After six weeks without a held session HR is asked to close the pair;
 * closing ends the series and tells both, kindly.
 */
import { DateTime } from 'luxon';
import { closeAskCard, nudgeCard, type CloseAskCardVM, type NudgeCardVM } from '../../cards/care.ts';
import { closeDue, stallOf } from '../../domain/care/rules.ts';
import { audit } from '../audit/audit.ts';
import { endBooking, rescheduleBooking } from '../booking/booking.ts';
import type { SessionPair } from '../sessions/context.ts';
import type { CardActor } from '../shared/actor.ts';
import { cardActivity } from '../shared/cards.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import { adminUrl, currentPair, hrOf, mustBeProgramAdmin, pairSessions, type CareDeps } from './context.ts';
import { pausePair } from './pause.ts';
import type { CarePairKey, CarePairRecord } from './ports.ts';

const nudgeKey = (k: CarePairKey, lastHeldId: string | null) => `nudge:${k.programId}:${k.menteeId}:${k.mentorId}:${lastHeldId ?? 'none'}`;
const closeKey = (k: CarePairKey, at: Date) => `close-ask:${k.programId}:${k.menteeId}:${k.mentorId}:${at.toISOString()}`;

const blank = (k: CarePairKey): CarePairRecord => ({ ...k, stalledSince: null, stallReason: null, nudgedAt: null, closeAskedAt: null, closedAt: null });

function nudgeVM(pair: SessionPair, key: CarePairKey, reason: string, tabUrl: string, extra: Partial<NudgeCardVM> = {}): NudgeCardVM {
  return { programId: key.programId, menteeId: key.menteeId, mentorId: key.mentorId, program: { name: pair.program.name }, mentor: pair.mentor, mentee: pair.mentee, reason, tabUrl, ...extra };
}

/**
 * Looks at one booked, unpaused pair: records whether it stalled, nudges it once per stretch, and
 * asks HR once to close it after six weeks without a held session. Returns how many messages it queued.
 */
export async function watchStall(tx: Store, deps: Pick<CareDeps, 'clock' | 'settings'>, key: CarePairKey, pair: SessionPair): Promise<number> {
  const now = deps.clock.now();
  const sessions = await pairSessions(tx, key);
  const settings = await tx.care.settings(key.tenantId, key.programId);
  const stall = stallOf(sessions, now, settings);
  const before = (await tx.care.carePair(key)) ?? blank(key);
  let sent = 0;
  if (!stall) {
    if (before.stalledSince) await tx.care.saveCarePair({ ...before, stalledSince: null, stallReason: null, closeAskedAt: null }, now);
    return 0;
  }
  const next: CarePairRecord = { ...before, stalledSince: stall.since, stallReason: stall.reason };
  const b = pair.booking;
  const key1 = nudgeKey(key, stall.lastHeldId);
  if (b.chatId && !(await tx.outbox.findByKey(key1))) {
    const card = nudgeCard(nudgeVM(pair, key, stall.reason, deps.settings.tabUrl));
    await tx.outbox.enqueue({ tenantId: key.tenantId, dedupeKey: key1, recipientId: key.mentorId, chatId: b.chatId, kind: 'send', activity: cardActivity(card, 'Still finding your rhythm?') });
    next.nudgedAt = now;
    sent++;
  }
  if (closeDue(sessions, now) && !before.closeAskedAt) {
    const vm = closeVM(pair, key, stall.idleDays, 'ask', deps.settings.tabUrl);
    await tx.outbox.enqueue({
      tenantId: key.tenantId,
      dedupeKey: closeKey(key, stall.since),
      recipientId: hrOf(pair.program),
      kind: 'send',
      activity: cardActivity(closeAskCard(vm), `Close ${pair.mentor.displayName} & ${pair.mentee.displayName}?`),
    });
    next.closeAskedAt = now;
    sent++;
  }
  await tx.care.saveCarePair(next, now);
  return sent;
}

function closeVM(pair: SessionPair, key: CarePairKey, idleDays: number, state: CloseAskCardVM['state'], tabUrl: string, extra: Partial<CloseAskCardVM> = {}): CloseAskCardVM {
  return {
    programId: key.programId,
    menteeId: key.menteeId,
    mentorId: key.mentorId,
    program: { name: pair.program.name },
    mentor: pair.mentor,
    mentee: pair.mentee,
    idleDays,
    state,
    tabUrl: adminUrl(tabUrl, key.programId),
    ...extra,
  };
}

/** One of the pair, on the nudge. @throws AppError `forbidden` for anyone else, `conflict` once the pair ended. */
async function memberPair(store: Store, actor: CardActor, key: Omit<CarePairKey, 'tenantId'>) {
  const k = { ...key, tenantId: actor.tenantId };
  const pair = await currentPair(store, k);
  if (!pair) throw new AppError('conflict', 'This pair has ended.');
  if (actor.userId !== k.mentorId && actor.userId !== k.menteeId) throw new AppError('forbidden', 'Only the two of this pair can answer this.');
  return { pair, key: k };
}

const stallWords = async (store: Store, key: CarePairKey) => (await store.care.carePair(key))?.stallReason ?? 'your sessions have not happened lately';

/** The nudge as one of the pair sees it (no refresh: it is the same for both). */
export async function viewNudge(deps: Pick<CareDeps, 'store' | 'settings'>, actor: CardActor, input: Omit<CarePairKey, 'tenantId'>): Promise<NudgeCardVM> {
  const { pair, key } = await memberPair(deps.store, actor, input);
  return nudgeVM(pair, key, await stallWords(deps.store, key), deps.settings.tabUrl);
}

/** "Find another time": Flipside looks again for both (the booking card in the chat offers the times); the nudge says who asked, for both. */
export async function nudgeFindTime(deps: CareDeps, actor: CardActor, input: Omit<CarePairKey, 'tenantId'>): Promise<NudgeCardVM> {
  const { pair, key } = await memberPair(deps.store, actor, input);
  await rescheduleBooking(deps.booking, actor, { programId: key.programId, menteeId: key.menteeId, version: pair.booking.version });
  const who = actor.userId === pair.mentor.id ? pair.mentor.displayName : pair.mentee.displayName;
  return answered(deps, pair, key, `${who} asked Flipside for other times: pick one on the booking card in this chat.`);
}

/** "Pause" for some weeks, from the nudge. A bad choice comes back on the card with the reason. */
export async function nudgePause(deps: CareDeps, actor: CardActor, input: Omit<CarePairKey, 'tenantId'> & { pauseWeeks?: string }): Promise<NudgeCardVM> {
  const { pair, key } = await memberPair(deps.store, actor, input);
  const reason = await stallWords(deps.store, key);
  if (!input.pauseWeeks) return nudgeVM(pair, key, reason, deps.settings.tabUrl, { notice: 'Choose how long to pause.' });
  const zone = pair.booking.zones[pair.booking.organizerId] ?? 'UTC';
  const until = DateTime.fromJSDate(deps.clock.now(), { zone })
    .plus({ weeks: Number(input.pauseWeeks) })
    .toISODate()!;
  try {
    await pausePair(deps, actor, { programId: key.programId, menteeId: key.menteeId, untilDate: until });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'bad_request' || error.code === 'conflict')) return nudgeVM(pair, key, reason, deps.settings.tabUrl, { notice: error.message });
    throw error;
  }
  const who = actor.userId === pair.mentor.id ? pair.mentor.displayName : pair.mentee.displayName;
  return answered(deps, pair, key, `${who} paused your sessions until ${DateTime.fromISO(until).toFormat('cccc d LLLL')}.`);
}

/** The nudge with what was chosen, for the clicker now and, through an edit of the message, for the other. */
async function answered(deps: Pick<CareDeps, 'store' | 'clock' | 'settings'>, pair: SessionPair, key: CarePairKey, outcome: string): Promise<NudgeCardVM> {
  const reason = await stallWords(deps.store, key);
  const vm = nudgeVM(pair, key, reason, deps.settings.tabUrl, { outcome });
  const care = await deps.store.care.carePair(key);
  const sessions = await pairSessions(deps.store, key);
  const held = [...sessions].reverse().find((s) => (s.status === 'held' || s.status === 'partly_held') && s.end.getTime() <= deps.clock.now().getTime());
  const original = nudgeKey(key, held?.id ?? null);
  if (care?.nudgedAt && (await deps.store.outbox.findByKey(original)) && pair.booking.chatId) {
    await deps.store.outbox.enqueue({
      tenantId: key.tenantId,
      dedupeKey: `${original}:answered`,
      recipientId: key.mentorId,
      chatId: pair.booking.chatId,
      kind: 'update',
      updatesKey: original,
      activity: cardActivity(nudgeCard(vm), outcome),
    });
  }
  return vm;
}

/**
 * HR closes a pair: the series ends from the next session on, both are thanked kindly, and the
 * two are never paired again. @throws AppError `forbidden` (not a program admin), `conflict`.
 */
export async function closePair(deps: Pick<CareDeps, 'store' | 'clock' | 'settings'>, actor: CardActor, input: Omit<CarePairKey, 'tenantId'>): Promise<CloseAskCardVM> {
  const now = deps.clock.now();
  const key = { ...input, tenantId: actor.tenantId };
  return deps.store.transaction(async (tx) => {
    const program = await tx.programs.get(key.tenantId, key.programId);
    if (!program) throw new AppError('not_found', 'There is no such program.');
    await mustBeProgramAdmin(tx, actor, program);
    const care = (await tx.care.carePair(key)) ?? blank(key);
    const pair = await currentPair(tx, key);
    const idle = care.stalledSince ? Math.floor((now.getTime() - care.stalledSince.getTime()) / 86_400_000) : 0;
    const by = (await tx.directory.getPerson(key.tenantId, actor.userId))?.displayName ?? 'HR';
    if (!pair || care.closedAt) {
      if (!pair && !care.closedAt) throw new AppError('conflict', 'This pair has already ended.');
      const people = await tx.directory.getPeople(key.tenantId, [key.mentorId, key.menteeId]);
      const ref = (id: string) => ({ id, displayName: people.get(id)?.displayName ?? 'Someone who left', jobTitle: null, department: null });
      return {
        programId: key.programId,
        menteeId: key.menteeId,
        mentorId: key.mentorId,
        program: { name: program.name },
        mentor: ref(key.mentorId),
        mentee: ref(key.menteeId),
        idleDays: idle,
        state: 'closed',
        by,
        tabUrl: adminUrl(deps.settings.tabUrl, key.programId),
      };
    }
    const thanks = `Thank you both for the time you gave ${program.name}. Life gets busy, and that is all right.`;
    await endBooking(tx, deps.settings, key, `Your program admin closed this pair after a long quiet stretch. ${thanks}`, now);
    await tx.care.addEndedPair(key, 'closed', now);
    await tx.care.saveCarePair({ ...care, closedAt: now }, now);
    await audit(tx, deps.clock, actor, 'pair.closed', { programId: key.programId, subjectId: key.menteeId, details: { mentorId: key.mentorId } });
    for (const [me, partner] of [
      [pair.mentor, pair.mentee],
      [pair.mentee, pair.mentor],
    ] as const) {
      await tx.outbox.enqueue({
        tenantId: key.tenantId,
        dedupeKey: `care:closed:${key.programId}:${key.menteeId}:${key.mentorId}:to:${me.id}`,
        recipientId: me.id,
        kind: 'send',
        activity: {
          type: 'message',
          textFormat: 'markdown',
          text: `**Your pairing with ${partner.displayName} has come to a close.** You have not managed to meet for a while, so HR closed the pair and your remaining meetings are cancelled. ${thanks} You are welcome in a later program.`,
        },
      });
    }
    return closeVM(pair, key, idle, 'closed', deps.settings.tabUrl, { by });
  });
}

/** HR keeps a quiet pair open: nothing changes, and HR is not asked again until the pair holds a session and stalls anew. */
export async function keepPairOpen(deps: Pick<CareDeps, 'store' | 'clock' | 'settings'>, actor: CardActor, input: Omit<CarePairKey, 'tenantId'>): Promise<CloseAskCardVM> {
  const key = { ...input, tenantId: actor.tenantId };
  const program = await deps.store.programs.get(key.tenantId, key.programId);
  if (!program) throw new AppError('not_found', 'There is no such program.');
  await mustBeProgramAdmin(deps.store, actor, program);
  const pair = await currentPair(deps.store, key);
  if (!pair) throw new AppError('conflict', 'This pair has already ended.');
  const care = await deps.store.care.carePair(key);
  const idle = care?.stalledSince ? Math.floor((deps.clock.now().getTime() - care.stalledSince.getTime()) / 86_400_000) : 0;
  const by = (await deps.store.directory.getPerson(key.tenantId, actor.userId))?.displayName ?? 'HR';
  if (!care?.closedAt) await audit(deps.store, deps.clock, actor, 'pair.kept', { programId: key.programId, subjectId: key.menteeId, details: { mentorId: key.mentorId, after: 'stall' } });
  return closeVM(pair, key, idle, care?.closedAt ? 'closed' : 'kept', deps.settings.tabUrl, { by });
}

/** HR's close card as it stands. */
export async function viewCloseAsk(deps: Pick<CareDeps, 'store' | 'clock' | 'settings'>, actor: CardActor, input: Omit<CarePairKey, 'tenantId'>): Promise<CloseAskCardVM> {
  const key = { ...input, tenantId: actor.tenantId };
  const program = await deps.store.programs.get(key.tenantId, key.programId);
  if (!program) throw new AppError('not_found', 'There is no such program.');
  await mustBeProgramAdmin(deps.store, actor, program);
  const care = await deps.store.care.carePair(key);
  const pair = await currentPair(deps.store, key);
  if (!pair) throw new AppError('conflict', 'This pair has already ended.');
  const idle = care?.stalledSince ? Math.floor((deps.clock.now().getTime() - care.stalledSince.getTime()) / 86_400_000) : 0;
  return closeVM(pair, key, idle, care?.closedAt ? 'closed' : 'ask', deps.settings.tabUrl);
}
