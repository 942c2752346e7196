/**
 * The private feedback card after each session, to each person in their 1:1 chat with Flipside:
 * did it happen (prefilled from Teams' attendance), how useful, what I learned and taught (theirs
 * alone), action items for next time (shared, on the next agenda) and progress on each goal.
 * One answer per person per session, editable until the next agenda goes out (a first answer is taken late too).
 */
import { randomUUID } from 'node:crypto';
import { AGENDA_ITEM_MAX, feedbackCard, firstName, type ActionData } from '../../cards/index.ts';
import type { FeedbackAnswerVM, FeedbackCardVM, GoalStep } from '../../cards/types.ts';
import { rescheduleBooking } from '../booking/booking.ts';
import type { CardActor } from '../shared/actor.ts';
import { cardActivity } from '../shared/cards.ts';
import type { Store } from '../store.ts';
import { loadPair, sessionForMember, pairClock, sessionWhen, type SessionDeps, type SessionPair } from './context.ts';
import type { FeedbackRecord, SessionRecord } from './ports.ts';
import { tabLink } from '../../cards/tab-link.ts';
import { midpointSession } from '../../domain/sessions/curriculum.ts';
import { checkSkills, learnedSkills, ratingsFor, skillsAsGiven, type LearnedSkill } from '../closing/skills.ts';

const BATCH = 200;
const MAX_ITEMS = 10;
type Submitted = ActionData<'feedback.submit'>;

/** What Teams saw, in words for one of the pair. */
function attendanceWords(s: SessionRecord): string | null {
  if (s.source !== 'attendance') return null;
  if (s.status === 'held') return `Teams saw you both in the meeting together for ${s.minutesTogether} minutes.`;
  if (s.status === 'partly_held') return (s.minutesTogether ?? 0) > 0 ? `Teams saw you together for only ${s.minutesTogether} minutes.` : 'Teams saw only one of you in the meeting.';
  if (s.status === 'missed') return 'Teams saw neither of you in the meeting.';
  return null;
}

const happenedFrom = (s: SessionRecord): boolean | null => (s.status === 'held' || s.status === 'partly_held' ? true : s.status === 'missed' ? false : null);

/** Answers can change until the agenda of the next session has gone out. */
async function editable(store: Store, s: SessionRecord): Promise<boolean> {
  const sessions = await store.sessions.listForPair(s.tenantId, s.programId, s.menteeId);
  const next = sessions.find((x) => x.status !== 'cancelled' && x.start.getTime() > s.start.getTime());
  return !next?.agendaSentAt;
}

function answerVM(f: FeedbackRecord, items: string[], skills: LearnedSkill[]): FeedbackAnswerVM {
  return {
    happened: f.happened ?? false,
    usefulness: f.usefulness,
    learned: f.learned,
    taught: f.taught,
    actionItems: items,
    goalSteps: f.goalSteps,
    skills: skills.map((k) => k.mid),
    answeredAt: f.updatedAt.toISOString(),
  };
}

/**
 * The session whose feedback card asks for the mid-point rating: the mid-point session or, when it
 * was missed or cancelled, the first one after it that was not (the last session excepted: the
 * closing survey asks then).
 */
function ratingSession(sessions: SessionRecord[]): SessionRecord | undefined {
  const mid = midpointSession(sessions[0]?.of ?? 0);
  return mid === null ? undefined : sessions.find((x) => x.n >= mid && x.n < x.of && x.status !== 'missed' && x.status !== 'cancelled');
}

/** On the card of the mid-point rating, the topics the person chose to learn; none on any other card. */
async function midpointSkills(store: Store, pair: SessionPair, s: SessionRecord, userId: string): Promise<LearnedSkill[]> {
  const at = ratingSession(await store.sessions.listForPair(s.tenantId, s.programId, s.menteeId));
  return at?.id === s.id ? learnedSkills(store, s.tenantId, pair.program, userId) : [];
}

/** The card for `userId` only: their own answer, never their partner's. */
async function feedbackVM(store: Store, pair: SessionPair, s: SessionRecord, userId: string, tabUrl: string, mode?: FeedbackCardVM['mode']): Promise<FeedbackCardVM> {
  const partner = userId === pair.mentor.id ? pair.mentee : pair.mentor;
  const goals = pair.goals.get(userId) ?? [];
  const f = await store.feedback.get(s.tenantId, s.id, userId);
  const items = f ? (await store.actionItems.listForPair(s.tenantId, s.programId, s.menteeId)).filter((i) => i.sessionId === s.id && i.createdBy === userId && i.fromFeedback).map((i) => i.text) : [];
  const open = await editable(store, s);
  const skills = await midpointSkills(store, pair, s, userId);
  const missed = s.status === 'missed' && (!f || f.anotherTime !== null || f.happened === false);
  const chosen = mode ?? (missed && (!f || f.usefulness === null) ? 'missed' : f ? (open ? 'answered' : 'closed') : 'ask');
  return {
    sessionId: s.id,
    recipientId: userId,
    program: { name: pair.program.name },
    partner,
    n: s.n,
    of: s.of,
    when: sessionWhen(s, pairClock(pair, userId)),
    happened: happenedFrom(s),
    attendanceWords: attendanceWords(s),
    mode: chosen,
    goals: goals.map((text, i) => ({ text, step: f?.goalSteps[i] ?? null })),
    ...(skills.length ? { skills: skills.map((k) => ({ name: k.topic.name, before: k.before })) } : {}),
    answer: f && chosen !== 'missed' ? answerVM(f, items, skills) : null,
    ...(chosen === 'missed' ? { anotherTime: f?.anotherTime ?? null } : {}),
    tabUrl: tabLink(tabUrl, '/mentoring'),
  };
}

/** Sends the feedback cards of every session that has ended and whose attendance is settled (or waited for). */
export async function sendDueFeedback(deps: Pick<SessionDeps, 'store' | 'clock' | 'settings'>, limit = BATCH): Promise<number> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const due = await tx.sessions.lockDueFeedback(now, limit);
    const sent: SessionRecord[] = [];
    for (const s of due) {
      const pair = await loadPair(tx, s.tenantId, s.programId, s.menteeId);
      if (pair) {
        for (const person of [pair.mentor, pair.mentee]) {
          const vm = await feedbackVM(tx, pair, s, person.id, deps.settings.tabUrl);
          const summary = s.status === 'missed' ? `Session ${s.n} with ${firstName(vm.partner.displayName)} didn't happen` : `How was session ${s.n} with ${firstName(vm.partner.displayName)}?`;
          await tx.outbox.enqueue({ tenantId: s.tenantId, dedupeKey: `feedback:${s.id}:${person.id}`, recipientId: person.id, kind: 'send', activity: cardActivity(feedbackCard(vm), summary) });
        }
      }
      sent.push({ ...s, feedbackSentAt: now, version: s.version + 1 });
    }
    await tx.sessions.saveMany(sent, now);
    return sent.length;
  });
}

const sessionFor = (store: Store, actor: CardActor, sessionId: string, forUpdate: boolean) => sessionForMember(store, actor, sessionId, forUpdate, () => 'This feedback card belongs to someone else.');

/** The person's own card as it stands (the refresh). */
export async function viewFeedback(deps: Pick<SessionDeps, 'store' | 'settings'>, actor: CardActor, input: { sessionId: string }): Promise<FeedbackCardVM> {
  const { s, pair } = await sessionFor(deps.store, actor, input.sessionId, false);
  return feedbackVM(deps.store, pair, s, actor.userId, deps.settings.tabUrl);
}

/** The questions again, prefilled with the person's answer, while it can still change. */
export async function editFeedback(deps: Pick<SessionDeps, 'store' | 'settings'>, actor: CardActor, input: { sessionId: string }): Promise<FeedbackCardVM> {
  const { s, pair } = await sessionFor(deps.store, actor, input.sessionId, false);
  if (!(await editable(deps.store, s)))
    return { ...(await feedbackVM(deps.store, pair, s, actor.userId, deps.settings.tabUrl)), notice: 'The next agenda has gone out, so this answer can no longer change.' };
  return feedbackVM(deps.store, pair, s, actor.userId, deps.settings.tabUrl, 'ask');
}

/** The answer's problems, first one only, in the words the card shows; null when it can be taken. */
export function checkAnswer(input: Submitted, goals: number, skills = 0): { field: string; message: string } | null {
  if (!input.happened) return { field: 'happened', message: 'Say whether the session happened.' };
  if (input.happened === 'yes' && !input.usefulness) return { field: 'usefulness', message: 'Rate how useful the session was, from 1 to 5.' };
  const items = itemsOf(input.actionItems);
  if (items.length > MAX_ITEMS) return { field: 'actionItems', message: `Write at most ${MAX_ITEMS} action items.` };
  const long = items.find((i) => i.length > AGENDA_ITEM_MAX);
  if (long) return { field: 'actionItems', message: `Each action item can be at most ${AGENDA_ITEM_MAX} characters: "${long.slice(0, 40)}…" is longer.` };
  for (let i = goals; i < 10; i++) if (input[`goal${i}` as keyof Submitted]) return { field: `goal${i}`, message: 'There is no such goal.' };
  return checkSkills(input, skills);
}

const itemsOf = (text: string | undefined) => [...new Set((text ?? '').split(/\r?\n/).map((l) => l.replace(/^\s*[-*•]\s*/, '').trim()))].filter((l) => l.length > 0);
const stepsOf = (input: Submitted, goals: number): (GoalStep | null)[] => Array.from({ length: goals }, (_, i) => (input[`goal${i}` as keyof Submitted] as GoalStep | undefined) ?? null);

/**
 * One person sends their answer. The same answer twice (a double click, a replay) is recorded once;
 * a bad one comes back on the card with the reason, nothing recorded.
 */
export async function submitFeedback(deps: Pick<SessionDeps, 'store' | 'clock' | 'settings'>, actor: CardActor, input: Submitted): Promise<FeedbackCardVM> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const { s, pair } = await sessionFor(tx, actor, input.sessionId, true);
    const goals = (pair.goals.get(actor.userId) ?? []).length;
    const vm = () => feedbackVM(tx, pair, s, actor.userId, deps.settings.tabUrl);
    if (s.status === 'cancelled') return { ...(await vm()), notice: 'This session was cancelled, so there is nothing to answer.' };
    if (s.end.getTime() > now.getTime()) return { ...(await vm()), notice: 'This session has not ended yet.' };
    const before = await tx.feedback.get(s.tenantId, s.id, actor.userId);
    // A first answer is welcome late; changing one ends when the next agenda goes out.
    if (before && !(await editable(tx, s))) return { ...(await vm()), notice: 'The next agenda has gone out, so this answer can no longer change.' };
    const skills = await midpointSkills(tx, pair, s, actor.userId);
    const problem = checkAnswer(input, goals, skills.length);
    if (problem) {
      const asGiven: FeedbackAnswerVM = {
        happened: input.happened === 'yes',
        usefulness: input.usefulness ? Number(input.usefulness) : null,
        learned: input.learned ?? '',
        taught: input.taught ?? '',
        actionItems: itemsOf(input.actionItems),
        goalSteps: stepsOf(input, goals),
        skills: skillsAsGiven(input, skills.length),
        answeredAt: '',
      };
      return { ...(await feedbackVM(tx, pair, s, actor.userId, deps.settings.tabUrl, 'ask')), answer: asGiven, error: problem };
    }
    const happened = input.happened === 'yes';
    await tx.feedback.upsert({
      tenantId: s.tenantId,
      sessionId: s.id,
      userId: actor.userId,
      happened,
      usefulness: happened && input.usefulness ? Number(input.usefulness) : null,
      learned: input.learned ?? '',
      taught: input.taught ?? '',
      goalSteps: stepsOf(input, goals),
      anotherTime: before?.anotherTime ?? null,
      answeredAt: before?.answeredAt ?? now,
      updatedAt: now,
    });
    const items = itemsOf(input.actionItems).map((text) => ({
      tenantId: s.tenantId,
      id: randomUUID(),
      programId: s.programId,
      menteeId: s.menteeId,
      sessionId: s.id,
      text,
      createdBy: actor.userId,
      fromFeedback: true,
      doneAt: null,
      doneBy: null,
      createdAt: now,
    }));
    await tx.actionItems.replaceFromFeedback(s.tenantId, s.id, actor.userId, items);
    // A topic left empty keeps an earlier mid-point rating; the enrollment's is kept beside it as the "before".
    await tx.skills.rate(ratingsFor(skills, skillsAsGiven(input, skills.length), 'mid', { tenantId: s.tenantId, programId: s.programId, userId: actor.userId }, now));
    await statusFromFeedback(tx, s, now);
    return vm();
  });
}

/** Without Teams' attendance, the pair's own answers say whether the session happened. */
async function statusFromFeedback(tx: Store, s: SessionRecord, now: Date): Promise<void> {
  if (s.source === 'attendance' || !(s.status === 'planned' || s.status === 'moved')) return;
  const answers = await tx.feedback.happenedFor(s.tenantId, s.id);
  const status = answers.some((a) => a.happened === true) ? 'held' : answers.some((a) => a.happened === false) ? 'missed' : null;
  if (status) await tx.sessions.saveMany([{ ...s, status, source: 'feedback', attendanceDueAt: null, version: s.version + 1 }], now);
}

/** After a missed session: look for another time for the series, or keep it. Chosen once. */
export async function answerMissed(deps: Pick<SessionDeps, 'store' | 'clock' | 'settings' | 'booking'>, actor: CardActor, input: { sessionId: string; anotherTime: boolean }): Promise<FeedbackCardVM> {
  const now = deps.clock.now();
  const { s, pair } = await sessionFor(deps.store, actor, input.sessionId, false);
  const before = await deps.store.feedback.get(s.tenantId, s.id, actor.userId);
  if (before?.anotherTime === null || !before) {
    await deps.store.feedback.upsert({
      tenantId: s.tenantId,
      sessionId: s.id,
      userId: actor.userId,
      happened: false,
      usefulness: null,
      learned: '',
      taught: '',
      goalSteps: [],
      anotherTime: input.anotherTime,
      answeredAt: before?.answeredAt ?? now,
      updatedAt: now,
    });
    if (input.anotherTime) {
      const b = pair.booking;
      await rescheduleBooking(deps.booking, actor, { programId: b.programId, menteeId: b.menteeId, version: b.version });
    }
  }
  const vm = await feedbackVM(deps.store, pair, s, actor.userId, deps.settings.tabUrl, 'missed');
  return { ...vm, anotherTime: (await deps.store.feedback.get(s.tenantId, s.id, actor.userId))?.anotherTime ?? input.anotherTime };
}
