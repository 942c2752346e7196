/**
 * The agenda card in the pair's chat before each session: session n of N, the curriculum's topic,
 * both people's goals, the open action items (either can tick one done or add one) and Join.
 * One per session, posted once and edited in place for both.
 */
import { randomUUID } from 'node:crypto';
import { agendaCard } from '../../cards/index.ts';
import type { AgendaCardVM, AgendaItemVM } from '../../cards/types.ts';
import { firstName } from '../../cards/format.ts';
import type { CardActor } from '../shared/actor.ts';
import { cardActivity } from '../shared/cards.ts';
import { AppError } from '../shared/errors.ts';
import type { Store } from '../store.ts';
import { loadPair, originalTime, sessionForMember, pairClock, sessionWhen, type SessionDeps, type SessionPair } from './context.ts';
import type { LocalClock } from '../booking/words.ts';
import type { ActionItemRecord, SessionRecord } from './ports.ts';
import { tabLink } from '../../cards/tab-link.ts';

const BATCH = 200;
const cardKey = (s: Pick<SessionRecord, 'id'>) => `agenda:${s.id}`;

/** The items an agenda shows: every open one of the pair, and those done since the session before. */
export function agendaItems(items: ActionItemRecord[], previousStart: Date | null, names: Map<string, string>): AgendaItemVM[] {
  return items
    .filter((i) => !i.doneAt || (previousStart !== null && i.doneAt.getTime() >= previousStart.getTime()))
    .map((i) => ({ id: i.id, text: i.text, by: names.get(i.createdBy) ?? 'one of you', done: i.doneAt !== null }));
}

/** `clock`: whose clock a moved session's old time is said in (the mentor's, like the card's first line). */
function stateOf(s: SessionRecord, now: Date, clock: LocalClock): Pick<AgendaCardVM, 'state' | 'note'> {
  if (s.status === 'cancelled') return { state: 'cancelled', note: s.source === 'outlook' ? 'This session was cancelled in Outlook.' : 'This session was cancelled.' };
  if (s.end.getTime() <= now.getTime()) return { state: 'past' };
  if (s.status === 'moved') return { state: 'moved', note: `Moved in Outlook: it was planned for ${sessionWhen(originalTime(s), clock)}.` };
  return { state: 'upcoming' };
}

/** The agenda's view model for one session of a pair, as it stands at `now`. */
export async function agendaVM(store: Store, pair: SessionPair, s: SessionRecord, now: Date, tabUrl: string): Promise<AgendaCardVM> {
  const { booking: b, mentor, mentee } = pair;
  const [items, sessions] = await Promise.all([store.actionItems.listForPair(s.tenantId, s.programId, s.menteeId), store.sessions.listForPair(s.tenantId, s.programId, s.menteeId)]);
  const previous = sessions.filter((x) => x.status !== 'cancelled' && x.start.getTime() < s.start.getTime()).at(-1) ?? null;
  const names = new Map([
    [mentor.id, firstName(mentor.displayName)],
    [mentee.id, firstName(mentee.displayName)],
  ]);
  const state = stateOf(s, now, pairClock(pair, mentor.id));
  return {
    sessionId: s.id,
    version: s.version,
    program: { name: pair.program.name },
    mentor,
    mentee,
    n: s.n,
    of: s.of,
    times: [mentor, mentee].map((p) => ({ name: p.displayName, when: sessionWhen(s, pairClock(pair, p.id)) })),
    topic: s.topic,
    goals: [mentor, mentee].map((p) => ({ name: p.displayName, goals: pair.goals.get(p.id) ?? [] })),
    items: agendaItems(items, previous?.start ?? null, names),
    joinUrl: b.joinUrl,
    ...state,
    userIds: [mentor.id, mentee.id],
    tabUrl: tabLink(tabUrl, '/mentoring'),
  };
}

/** Posts the agenda (first time) or edits the posted one, through the outbox. */
async function post(tx: Store, pair: SessionPair, s: SessionRecord, vm: AgendaCardVM): Promise<void> {
  const b = pair.booking;
  if (!b.chatId) return;
  const activity = cardActivity(agendaCard(vm), `Session ${s.n} of ${s.of}: ${s.topic.title}`);
  const first = await tx.outbox.findByKey(cardKey(s));
  if (!first) await tx.outbox.enqueue({ tenantId: s.tenantId, dedupeKey: cardKey(s), recipientId: b.mentorId, chatId: b.chatId, kind: 'send', activity });
  else await tx.outbox.enqueue({ tenantId: s.tenantId, dedupeKey: `${cardKey(s)}:v${s.version}`, recipientId: b.mentorId, chatId: b.chatId, kind: 'update', updatesKey: cardKey(s), activity });
}

/**
 * Sends every agenda that is due: each session once, in its program's lead time before it starts
 * (24 hours by default), never after it ended. Returns how many went out.
 */
export async function sendDueAgendas(deps: Pick<SessionDeps, 'store' | 'clock' | 'settings'>, limit = BATCH): Promise<number> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const due = await tx.sessions.lockDueAgendas(now, limit);
    const pairs = new Map<string, SessionPair | undefined>();
    const sent: SessionRecord[] = [];
    for (const s of due) {
      const key = `${s.tenantId}:${s.programId}:${s.menteeId}`;
      if (!pairs.has(key)) pairs.set(key, await loadPair(tx, s.tenantId, s.programId, s.menteeId));
      const pair = pairs.get(key);
      const next = { ...s, agendaSentAt: now, version: s.version + 1 };
      if (pair?.booking.chatId) await post(tx, pair, next, await agendaVM(tx, pair, next, now, deps.settings.tabUrl));
      sent.push(next);
    }
    await tx.sessions.saveMany(sent, now);
    return sent.length;
  });
}

/** Edits a posted agenda after a change (an item, a move in Outlook); nothing when none was posted. */
export async function updateAgenda(tx: Store, s: SessionRecord, now: Date, tabUrl: string): Promise<void> {
  if (!s.agendaSentAt) return;
  const pair = await loadPair(tx, s.tenantId, s.programId, s.menteeId);
  if (pair) await post(tx, pair, s, await agendaVM(tx, pair, s, now, tabUrl));
}

const sessionFor = (store: Store, actor: CardActor, sessionId: string, forUpdate: boolean) =>
  sessionForMember(store, actor, sessionId, forUpdate, (pair) => `Only ${pair.mentor.displayName} and ${pair.mentee.displayName} can change their agenda.`);

/** The agenda as it stands (the card's refresh; changes nothing). */
export async function viewAgenda(deps: Pick<SessionDeps, 'store' | 'clock' | 'settings'>, actor: CardActor, input: { sessionId: string }): Promise<AgendaCardVM> {
  const { s, pair } = await sessionFor(deps.store, actor, input.sessionId, false);
  return agendaVM(deps.store, pair, s, deps.clock.now(), deps.settings.tabUrl);
}

/** Either of the pair adds an item: shared, on this agenda and the next until done. A double click adds it once. */
export async function addAgendaItem(deps: Pick<SessionDeps, 'store' | 'clock' | 'settings'>, actor: CardActor, input: { sessionId: string; newItem: string }): Promise<AgendaCardVM> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const { s, pair } = await sessionFor(tx, actor, input.sessionId, true);
    if (s.status === 'cancelled') return { ...(await agendaVM(tx, pair, s, now, deps.settings.tabUrl)), notice: 'This session was cancelled: add the item to your next agenda.' };
    const added = await tx.actionItems.add({
      tenantId: s.tenantId,
      id: randomUUID(),
      programId: s.programId,
      menteeId: s.menteeId,
      sessionId: s.id,
      text: input.newItem,
      createdBy: actor.userId,
      fromFeedback: false,
      doneAt: null,
      doneBy: null,
      createdAt: now,
    });
    const next = added ? { ...s, version: s.version + 1 } : s;
    if (added) {
      await tx.sessions.saveMany([next], now);
      await updateAgenda(tx, next, now, deps.settings.tabUrl);
    }
    return agendaVM(tx, pair, next, now, deps.settings.tabUrl);
  });
}

/** Either of the pair ticks an item done (or not done again). */
export async function toggleAgendaItem(deps: Pick<SessionDeps, 'store' | 'clock' | 'settings'>, actor: CardActor, input: { sessionId: string; itemId: string; done: boolean }): Promise<AgendaCardVM> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const { s, pair } = await sessionFor(tx, actor, input.sessionId, true);
    const item = await tx.actionItems.get(actor.tenantId, input.itemId);
    if (!item || item.programId !== s.programId || item.menteeId !== s.menteeId) throw new AppError('bad_request', 'That item is not on this pair’s agenda.', { field: 'itemId' });
    if ((item.doneAt !== null) === input.done) return agendaVM(tx, pair, s, now, deps.settings.tabUrl); // already so: a double click
    await tx.actionItems.setDone(actor.tenantId, item.id, input.done ? { by: actor.userId, at: now } : null);
    const next = { ...s, version: s.version + 1 };
    await tx.sessions.saveMany([next], now);
    await updateAgenda(tx, next, now, deps.settings.tabUrl);
    return agendaVM(tx, pair, next, now, deps.settings.tabUrl);
  });
}
