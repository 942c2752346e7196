/**
 * "Leave and delete", and the same for people who left the directory: withdraw from every program,
 * cancel future meetings (the booking code ends each series from the next session on), then erase
 * the person from every table of the inventory, and tell them it is done.
 *
 * A request moves waiting → erased → done, each step in one transaction, driven by a durable
 * recurring job (`erasureRound`), so a restart or a retry loses nothing and does nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { dataDeletedCard } from '../../cards/data-deleted.ts';
import type { ErasureStatus } from '../../contracts/privacy.ts';
import { endBooking, type BookingSettings } from '../booking/booking.ts';
import { withdrawEnrollment } from '../enrollment/enrollment.ts';
import type { ApprovalSettings } from '../approvals/approval-messages.ts';
import type { Actor } from '../shared/actor.ts';
import { cardActivity } from '../shared/cards.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store.ts';
import type { ErasureRequest, ErasureSubject } from './ports.ts';

export interface ErasureSettings {
  /** Days after the directory sync saw a person go before their data is erased. */
  removedGraceDays: number;
}

export type ErasureDeps = { store: Store; clock: Clock; settings: ApprovalSettings & Pick<BookingSettings, 'tabUrl'> & { privacy: ErasureSettings } };

/** How long erasure waits for the cards telling others (their partner, their manager) before it redacts them anyway. */
const MAX_WAIT_MS = 24 * 3_600_000;
const ROUND = 50;

/**
 * Withdraws the person from every program and ends their pairs (their partners are told in the
 * pair's chat, the series end from the next session on), removes them from HR's drafts, and opens
 * the erasure request the job finishes. Asking again changes nothing.
 */
export async function requestErasure(deps: ErasureDeps, actor: Pick<Actor, 'tenantId' | 'userId'>, reason: ErasureRequest['reason'] = 'asked'): Promise<ErasureRequest> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const existing = await tx.privacy.requestOf(actor.tenantId, actor.userId);
    if (existing) return existing;
    const request = await tx.privacy.openRequest({
      id: randomUUID(),
      tenantId: actor.tenantId,
      userId: actor.userId,
      pseudonym: randomUUID(),
      reason,
      state: 'waiting',
      requestedAt: now,
      erasedAt: null,
      doneAt: null,
    });
    const me: Actor = { tenantId: actor.tenantId, userId: actor.userId, isProgramAdmin: false };
    const inner = { ...deps, store: tx };
    for (const e of await tx.enrollments.listForUser(actor.tenantId, actor.userId)) {
      if (e.status === 'pending' || e.status === 'approved') await withdrawEnrollment(inner, me, e.id);
    }
    // Pairs of programs they had already left (or whose enrollment ended) end too.
    const name = (await tx.directory.getPerson(actor.tenantId, actor.userId))?.displayName ?? 'One of you';
    for (const pair of await tx.matching.pairsOf(actor.tenantId, actor.userId)) {
      await endBooking(tx, deps.settings, { tenantId: actor.tenantId, programId: pair.programId, menteeId: pair.menteeId }, `${name} left the program.`, now);
    }
    return request;
  });
}

/** Where the caller's erasure stands. */
export async function erasureStatus(deps: { store: Store }, actor: Pick<Actor, 'tenantId' | 'userId'>): Promise<ErasureStatus> {
  const r = await deps.store.privacy.requestOf(actor.tenantId, actor.userId);
  return { state: r?.state ?? 'none', requestedAt: r?.requestedAt.toISOString() ?? null };
}

async function subjectOf(store: Store, r: ErasureRequest & { userId: string }): Promise<ErasureSubject> {
  return { tenantId: r.tenantId, userId: r.userId, pseudonym: r.pseudonym, names: await store.privacy.namesOf(r.tenantId, r.userId) };
}

const cardKey = (r: ErasureRequest) => `erasure:${r.id}:done`;

/**
 * One round of the erasure job: opens requests for people removed from the directory longer than
 * the grace period, erases people whose meetings are cancelled (and whose partners were told),
 * and forgets them once the card saying so has gone. Returns how many requests moved on.
 */
export async function erasureRound(deps: ErasureDeps): Promise<number> {
  const now = deps.clock.now();
  let moved = 0;
  const graceEnd = new Date(now.getTime() - deps.settings.privacy.removedGraceDays * 86_400_000);
  for (const gone of await deps.store.privacy.removedBefore(graceEnd, ROUND)) {
    await requestErasure(deps, gone, 'left_directory');
    moved++;
  }
  for (const r of await deps.store.privacy.unfinished(ROUND)) {
    if (!r.userId) continue;
    const open = { ...r, userId: r.userId };
    if (r.state === 'waiting') moved += (await erase(deps, open, now)) ? 1 : 0;
    else if (r.state === 'erased') moved += (await forget(deps, open, now)) ? 1 : 0;
  }
  return moved;
}

async function erase(deps: ErasureDeps, r: ErasureRequest & { userId: string }, now: Date): Promise<boolean> {
  const { store } = deps;
  if ((await store.privacy.bookingsInFlight(r.tenantId, r.userId)) > 0) return false;
  const subject = await subjectOf(store, r);
  const waitedLongEnough = now.getTime() - r.requestedAt.getTime() >= MAX_WAIT_MS;
  if (!waitedLongEnough && (await store.privacy.queuedCardsNaming(subject)) > 0) return false;
  await store.transaction(async (tx) => {
    const current = await tx.privacy.requestOf(r.tenantId, r.userId);
    if (current?.state !== 'waiting') return;
    const programs = new Set((await tx.enrollments.listForUser(r.tenantId, r.userId)).map((e) => e.programId)).size;
    const pairs = (await tx.matching.pairsOf(r.tenantId, r.userId)).length;
    await tx.privacy.erasePerson(subject);
    if (r.reason === 'asked') {
      await tx.outbox.enqueue({
        tenantId: r.tenantId,
        dedupeKey: cardKey(r),
        recipientId: r.userId,
        kind: 'send',
        activity: cardActivity(dataDeletedCard({ programs, pairs }), 'Your Flipside data is deleted'),
      });
    }
    await tx.privacy.saveRequest({ ...current, state: 'erased', erasedAt: now });
  });
  return true;
}

async function forget(deps: ErasureDeps, r: ErasureRequest & { userId: string }, now: Date): Promise<boolean> {
  const card = await deps.store.outbox.findByKey(cardKey(r));
  if (card?.status === 'pending' && now.getTime() - r.requestedAt.getTime() < MAX_WAIT_MS) return false;
  await deps.store.transaction(async (tx) => {
    await tx.privacy.forgetPerson(r.tenantId, r.userId);
    await tx.privacy.saveRequest({ ...r, userId: null, state: 'done', doneAt: now });
  });
  return true;
}
