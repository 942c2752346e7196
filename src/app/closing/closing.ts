/**
 * A good ending: an hour after a pair's last session each person gets the closing survey; their
 * answer brings the completion card that thanks them by name for what they did and, when the
 * junior mentor agreed, a note of recognition to that mentor's manager. Skills rated at the end
 * are kept beside those of enrollment (and the mid-point), for the person and the program.
 */
import { CLOSING_TEXT_MAX, closingSurveyCard, completionCard, recognitionCard, recognitionLine, type ActionData, type ClosingAnswerVM, type ClosingSurveyCardVM } from '../../cards/index.ts';
import { isStorableText } from '../../contracts/fields.ts';
import type { CardActor } from '../shared/actor.ts';
import { cardActivity, personRef } from '../shared/cards.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { loadPair, pairTopics, type SessionPair } from '../sessions/context.ts';
import type { Store } from '../store.ts';
import type { ClosingSurveyRecord, PairKey } from './ports.ts';
import { checkSkills, learnedSkills, ratingsFor, skillLevel, skillsAsGiven } from './skills.ts';

/** The survey goes out this long after the pair's last session ended (after its feedback card). */
export const CLOSING_AFTER_MS = 60 * 60_000;
const BATCH = 100;

export interface ClosingDeps {
  store: Store;
  clock: Clock;
  settings: { tabUrl: string };
}

type Submitted = ActionData<'closing.submit'>;

const heldOf = async (store: Store, key: PairKey) =>
  (await store.sessions.listForPair(key.tenantId, key.programId, key.menteeId)).filter((s) => s.status === 'held' || s.status === 'partly_held').length;

async function surveyVM(store: Store, settings: ClosingDeps['settings'], pair: SessionPair, userId: string): Promise<ClosingSurveyCardVM> {
  const key = { tenantId: pair.booking.tenantId, programId: pair.program.id, menteeId: pair.booking.menteeId };
  const role = userId === pair.mentor.id ? 'mentor' : 'mentee';
  const partner = role === 'mentor' ? pair.mentee : pair.mentor;
  const skills = await learnedSkills(store, key.tenantId, pair.program, userId);
  const me = await store.directory.getPerson(key.tenantId, userId);
  const manager = role === 'mentor' && me?.managerId ? await store.directory.getPerson(key.tenantId, me.managerId) : undefined;
  const survey = await store.closings.getSurvey(key, userId);
  return {
    programId: key.programId,
    menteeId: key.menteeId,
    recipientId: userId,
    program: { name: pair.program.name },
    partner,
    role,
    sessionsHeld: await heldOf(store, key),
    skills: skills.map((s) => ({ name: s.topic.name, before: s.before, mid: s.mid })),
    managerName: manager?.accountEnabled ? manager.displayName : null,
    mode: survey ? 'answered' : 'ask',
    answer: survey
      ? {
          overall: survey.overall,
          recommend: survey.recommend,
          whatChanged: survey.whatChanged,
          keepMeeting: survey.keepMeeting,
          recognition: survey.recognitionConsent,
          skills: skills.map((s) => s.end),
        }
      : null,
    tabUrl: `${settings.tabUrl}/mentoring`,
  };
}

/** The job: sends the closing survey to both people of every pair whose last session ended an hour ago, once per pair. */
export async function sendDueClosings(deps: ClosingDeps, limit = BATCH): Promise<number> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const due = await tx.closings.lockDue(new Date(now.getTime() - CLOSING_AFTER_MS), limit);
    for (const key of due) {
      const pair = await loadPair(tx, key.tenantId, key.programId, key.menteeId);
      if (pair) {
        for (const person of [pair.mentor, pair.mentee]) {
          const vm = await surveyVM(tx, deps.settings, pair, person.id);
          await tx.outbox.enqueue({
            tenantId: key.tenantId,
            dedupeKey: `closing:${key.programId}:${key.menteeId}:${person.id}`,
            recipientId: person.id,
            kind: 'send',
            activity: cardActivity(closingSurveyCard(vm), `${pair.program.name} has come to an end: how was it for you?`),
          });
        }
      }
      await tx.closings.markSent(key, now);
    }
    return due.length;
  });
}

/**
 * The pair of a closing card, for one of the two; anyone else is refused.
 * @throws AppError `not_found`, `forbidden`.
 */
async function pairForMember(store: Store, actor: CardActor, input: { programId: string; menteeId: string }): Promise<SessionPair> {
  const pair = await loadPair(store, actor.tenantId, input.programId, input.menteeId);
  if (!pair || !(await store.closings.sentAt({ tenantId: actor.tenantId, ...input }))) throw new AppError('not_found', 'Flipside has no closing survey for this pair.');
  if (actor.userId !== pair.mentor.id && actor.userId !== pair.mentee.id) throw new AppError('forbidden', 'This closing survey belongs to someone else.');
  return pair;
}

/** The person's own closing card as it stands (the refresh). */
export async function viewClosing(deps: ClosingDeps, actor: CardActor, input: { programId: string; menteeId: string }): Promise<ClosingSurveyCardVM> {
  const pair = await pairForMember(deps.store, actor, input);
  return surveyVM(deps.store, deps.settings, pair, actor.userId);
}

const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : null);
const level = skillLevel;

/** The first problem of an answer, with the input it concerns; null when it can be taken. */
export function checkClosing(input: Submitted, skills: number, mayConsent: boolean): { field: string; message: string } | null {
  if (!level(input.overall)) return { field: 'overall', message: 'Rate the overall value of the program, from 1 to 5.' };
  if (yesNo(input.recommend) === null) return { field: 'recommend', message: 'Say whether you would recommend it (yes or no).' };
  const skillProblem = checkSkills(input, skills);
  if (skillProblem) return skillProblem;
  const changed = input.whatChanged?.trim() ?? '';
  if (changed.length > CLOSING_TEXT_MAX) return { field: 'whatChanged', message: `What changed can be at most ${CLOSING_TEXT_MAX} characters.` };
  if (!isStorableText(changed)) return { field: 'whatChanged', message: 'What changed contains a character that cannot be stored.' };
  if (input.keepMeeting && yesNo(input.keepMeeting) === null) return { field: 'keepMeeting', message: 'Say yes or no.' };
  if (input.recognition) {
    if (!mayConsent) return { field: 'recognition', message: 'Only the mentor is asked about a note to their manager.' };
    if (yesNo(input.recognition) === null) return { field: 'recognition', message: 'Say yes or no.' };
  }
  return null;
}

/**
 * One person sends their closing survey: recorded once (a double click or a replay records
 * nothing more), their skills at the end kept, the completion card sent and, when the junior mentor
 * agreed, the note of recognition to their manager. A bad answer comes back on the card with the
 * reason, nothing recorded.
 */
export async function submitClosing(deps: ClosingDeps, actor: CardActor, input: Submitted): Promise<ClosingSurveyCardVM> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const pair = await pairForMember(tx, actor, input);
    const key = { tenantId: actor.tenantId, programId: input.programId, menteeId: input.menteeId };
    const role = actor.userId === pair.mentor.id ? 'mentor' : 'mentee';
    const skills = await learnedSkills(tx, key.tenantId, pair.program, actor.userId);
    const vm = await surveyVM(tx, deps.settings, pair, actor.userId);
    if (vm.mode === 'answered') return vm;
    const problem = checkClosing(input, skills.length, role === 'mentor' && vm.managerName !== null);
    if (problem) {
      const asGiven: ClosingAnswerVM = {
        overall: level(input.overall),
        recommend: yesNo(input.recommend),
        whatChanged: input.whatChanged ?? '',
        keepMeeting: yesNo(input.keepMeeting),
        recognition: yesNo(input.recognition),
        skills: skillsAsGiven(input, skills.length),
      };
      return { ...vm, answer: asGiven, error: problem };
    }
    const record: ClosingSurveyRecord = {
      ...key,
      userId: actor.userId,
      overall: level(input.overall)!,
      recommend: yesNo(input.recommend)!,
      whatChanged: input.whatChanged?.trim() ?? '',
      recognitionConsent: role === 'mentor' && yesNo(input.recognition) === true,
      keepMeeting: yesNo(input.keepMeeting) === true,
      answeredAt: now,
    };
    if (!(await tx.closings.insertSurvey(record))) return surveyVM(tx, deps.settings, pair, actor.userId);
    // Kept beside the rating given at enrollment (the "before"), for the person and the program's figures.
    await tx.skills.rate(ratingsFor(skills, skillsAsGiven(input, skills.length), 'end', { tenantId: key.tenantId, programId: key.programId, userId: actor.userId }, now));
    await tellEnding(tx, deps.settings, pair, record);
    return surveyVM(tx, deps.settings, pair, actor.userId);
  });
}

/** The completion card for the person who answered and, with the mentor's consent, the note to their manager. */
async function tellEnding(tx: Store, settings: ClosingDeps['settings'], pair: SessionPair, survey: ClosingSurveyRecord): Promise<void> {
  const key = { tenantId: survey.tenantId, programId: survey.programId, menteeId: survey.menteeId };
  const role = survey.userId === pair.mentor.id ? 'mentor' : 'mentee';
  const sessionsHeld = await heldOf(tx, key);
  const topics = await pairTopics(tx, pair.booking, pair.program);
  const recipient = role === 'mentor' ? pair.mentor : pair.mentee;
  const card = completionCard({
    recipient,
    partner: role === 'mentor' ? pair.mentee : pair.mentor,
    role,
    program: { name: pair.program.name },
    sessionsHeld,
    topics: topics.map((t) => t.name),
    keepMeeting: survey.keepMeeting,
    tabUrl: `${settings.tabUrl}/mentoring`,
  });
  await tx.outbox.enqueue({
    tenantId: key.tenantId,
    dedupeKey: `completion:${key.programId}:${key.menteeId}:${survey.userId}`,
    recipientId: survey.userId,
    kind: 'send',
    activity: cardActivity(card, `Thank you, ${recipient.displayName.split(' ')[0]}: you completed ${pair.program.name}`),
  });
  if (role !== 'mentor' || !survey.recognitionConsent) return;
  const mentor = await tx.directory.getPerson(key.tenantId, pair.mentor.id);
  const manager = mentor?.managerId ? await tx.directory.getPerson(key.tenantId, mentor.managerId) : undefined;
  if (!manager?.accountEnabled) return;
  const taught = topics.filter((t) => t.direction === 'teachesUp').map((t) => t.name);
  const vm = { manager: personRef(manager), mentor: pair.mentor, mentee: pair.mentee, program: { name: pair.program.name }, sessionsHeld, topics: taught };
  await tx.outbox.enqueue({
    tenantId: key.tenantId,
    dedupeKey: `recognition:${key.programId}:${key.menteeId}`,
    recipientId: manager.id,
    kind: 'send',
    activity: cardActivity(recognitionCard(vm), recognitionLine(vm)),
  });
}
