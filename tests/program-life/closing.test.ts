import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../src/contracts/programs.ts';
import type { Flipside } from '../../src/server/compose.ts';
import { apiFor, type Api, type Json } from '../support/api.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-schema.ts';
import { actionsOf, cardsFor, forgedInvoke } from '../support/connector.ts';
import { deliverAll, drain, startTestFlipside } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment, publishMatching } from '../support/programs.ts';
import { pairChat, skip } from '../sessions/support.ts';

let f: Flipside;
let api: Api;
let program: Program;
let pairs: { mentorId: string; menteeId: string }[];
const text = (x: unknown) => JSON.stringify(x);
const PRIVATE = 'QUOKKA-what-changed-only-for-me';

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 300, seed: 5 });
  api = apiFor(f);
  const org = f.sandbox!.tenant.org;
  const hr = org.personas.hrAdmin;
  const template = await api.ok<{ startsOn: string }>(hr, 'GET', '/programs/template');
  // A short program: two sessions every two weeks, then the end.
  program = await createProgram(api, hr, { name: 'Closing test', endsOn: DateTime.fromISO(template.startsOn).plus({ days: 20 }).toISODate()! });
  const usable = ordinaryPeople(org);
  await enrollApproved(f, api, program.id, [
    ...usable
      .filter((x) => x.level >= 4)
      .slice(0, 6)
      .map((x) => ({ userId: x.id, enrollment: mentorEnrollment() })),
    ...usable
      .filter((x) => x.level === 1 || x.level === 2)
      .slice(0, 3)
      .map((x) => ({ userId: x.id, enrollment: menteeEnrollment() })),
  ]);
  await publishMatching(api, hr, program.id);
  await drain(f, { booking: true });
  for (const b of await f.store.bookings.listForProgram(org.tenantId, program.id)) {
    const chat = pairChat(f, { mentor: { id: b.mentorId }, mentee: { id: b.menteeId } });
    const pick = actionsOf(f.sandbox!.connector.cardFor(chat.message, b.menteeId)).find((a) => a.verb === 'booking.pick');
    if (pick) await f.sandbox!.connector.invoke(b.menteeId, chat.chat.id, chat.message.id, { verb: 'booking.pick', data: pick.data as Json }, 'manual');
  }
  await drain(f, { booking: true });
  pairs = (await f.store.bookings.listForProgram(org.tenantId, program.id)).filter((b) => b.status === 'booked');
  // Walk the program in sandbox time, session by session, to a day after its end.
  for (let i = 0; i < 6; i++) {
    const moved = await skip(f, 'next-session');
    if (!moved.nextSessionAt) break;
  }
  await skip(f, 'day');
  await deliverAll(f);
}, 240_000);
afterAll(async () => f?.close());

const surveyOf = (userId: string) => {
  const found = cardsFor(f.sandbox!.connector, userId).filter((c) => text(c.card).includes('"closing.refresh"'));
  return found.map((c) => ({ card: c.card, conversationId: (c.activity as Json).conversation.id as string, messageId: (c.activity as Json).id as string }));
};
const submit = (userId: string, pair: { menteeId: string }, data: Json) => {
  const [s] = surveyOf(userId);
  return f.sandbox!.connector.invoke(userId, s!.conversationId, s!.messageId, { verb: 'closing.submit', data: { programId: program.id, menteeId: pair.menteeId, ...data } }, 'manual');
};
const managerOf = (id: string) => f.sandbox!.tenant.org.byId.get(id)!.managerId!;
const recognitionsFor = (id: string) => cardsFor(f.sandbox!.connector, id).filter((c) => text(c.card).includes('Recognition for'));
const rows = (userId: string) => f.db.query('SELECT * FROM closing_surveys WHERE program_id = $1 AND user_id = $2', [program.id, userId]);

describe('the end of a program: closing survey, completion and recognition', () => {
  it('sends each person one closing survey after the last session, a valid Adaptive Card 1.5', async () => {
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    for (const b of pairs) {
      for (const who of [b.mentorId, b.menteeId]) {
        const surveys = surveyOf(who);
        expect(surveys).toHaveLength(1);
        expect(adaptiveCardProblems(surveys[0]!.card)).toEqual([]);
      }
      // Only the junior mentor is asked about a note to their manager.
      expect(text(surveyOf(b.mentorId)[0]!.card)).toContain('"id":"recognition"');
      expect(text(surveyOf(b.menteeId)[0]!.card)).not.toContain('"id":"recognition"');
    }
  });

  it('gives a bad answer back on the card with the reason, and records nothing', async () => {
    const [b] = pairs;
    const answer = await submit(b!.menteeId, b!, { overall: '9', recommend: 'yes' });
    expect(text(answer.card)).toContain('Your answers were not saved');
    expect(text(answer.card)).toContain('from 1 to 5');
    expect(await rows(b!.menteeId)).toHaveLength(0);
    const consent = await submit(b!.menteeId, b!, { overall: '4', recommend: 'yes', recognition: 'yes' });
    expect(text(consent.card)).toContain('Only the mentor');
    expect(await rows(b!.menteeId)).toHaveLength(0);
  });

  it('refuses someone outside the pair, and records nothing', async () => {
    const [b] = pairs;
    const outsider = ordinaryPeople(f.sandbox!.tenant.org).find((x) => !pairs.some((p) => p.mentorId === x.id || p.menteeId === x.id))!;
    const { activity } = await f.sandbox!.connector.invoke(
      b!.mentorId,
      surveyOf(b!.mentorId)[0]!.conversationId,
      surveyOf(b!.mentorId)[0]!.messageId,
      { verb: 'closing.refresh', data: { programId: program.id, menteeId: b!.menteeId } },
      'manual',
    );
    const answer = await forgedInvoke(f, activity as Json, outsider, {
      verb: 'closing.submit',
      data: { programId: program.id, menteeId: b!.menteeId, overall: '5', recommend: 'yes', recognition: 'yes' },
    });
    expect(text(answer.value)).toContain('Not your survey');
    expect(await rows(outsider.id)).toHaveLength(0);
  });

  it('thanks each person by name for what they did, and keeps their skills before and after', async () => {
    const [b] = pairs;
    const answer = await submit(b!.menteeId, b!, { overall: '5', recommend: 'yes', skill0: '4', whatChanged: PRIVATE, keepMeeting: 'yes' });
    expect(text(answer.card)).toContain('your answers are in');
    // Twice is once.
    await submit(b!.menteeId, b!, { overall: '2', recommend: 'no' });
    expect(await rows(b!.menteeId)).toEqual([expect.objectContaining({ overall: 5, recommend: true, keep_meeting: true })]);
    await deliverAll(f);
    const person = f.sandbox!.tenant.org.byId.get(b!.menteeId)!;
    const completion = cardsFor(f.sandbox!.connector, b!.menteeId).find((c) => text(c.card).includes('You completed'));
    expect(completion).toBeDefined();
    expect(adaptiveCardProblems(completion!.card)).toEqual([]);
    expect(text(completion!.card)).toContain(`Thank you, ${person.displayName.split(' ')[0]}`);
    expect(text(completion!.card)).toContain('Sessions held');
    expect(text(completion!.card)).toContain('AI assistants');
    const skills = await f.store.skills.forPerson(f.sandbox!.tenant.org.tenantId, program.id, b!.menteeId);
    expect(skills.map((s) => `${s.topicId}:${s.stage}:${s.level}`).sort()).toEqual(['ai-assistants:before:1', 'ai-assistants:end:4']);
    // The free text is the author's alone: not on the partner's cards.
    for (const c of cardsFor(f.sandbox!.connector, b!.mentorId)) expect(text(c.card)).not.toContain(PRIVATE);
  });

  it('sends the mentor’s manager a note of recognition only with the mentor’s consent', async () => {
    const [agrees, declines] = pairs;
    const yesManager = managerOf(agrees!.mentorId);
    const noManager = managerOf(declines!.mentorId);
    await submit(agrees!.mentorId, agrees!, { overall: '4', recommend: 'yes', recognition: 'yes' });
    await submit(declines!.mentorId, declines!, { overall: '4', recommend: 'yes', recognition: 'no' });
    await deliverAll(f);
    const notes = recognitionsFor(yesManager);
    expect(notes).toHaveLength(1);
    expect(adaptiveCardProblems(notes[0]!.card)).toEqual([]);
    const mentor = f.sandbox!.tenant.org.byId.get(agrees!.mentorId)!;
    const mentee = f.sandbox!.tenant.org.byId.get(agrees!.menteeId)!;
    expect(text(notes[0]!.card)).toContain(`${mentor.displayName.split(' ')[0]} mentored ${mentee.displayName}`);
    expect(text(notes[0]!.card)).toMatch(/over \d+ sessions?/);
    if (noManager !== yesManager) expect(recognitionsFor(noManager)).toHaveLength(0);
    // Nobody else got one either: not the mentee's manager, not the mentee.
    expect(recognitionsFor(managerOf(agrees!.menteeId))).toHaveLength(0);
    expect(recognitionsFor(agrees!.menteeId)).toHaveLength(0);
  });
  it('offers no pause once the series is over (regression: the pause form stayed on My mentoring after the last session)', async () => {
    const [b] = pairs;
    for (const who of [b!.mentorId, b!.menteeId]) {
      const care = await api.ok<{ pairs: { programId: string }[] }>(who, 'GET', '/me/care');
      expect(care.pairs.filter((x) => x.programId === program.id)).toEqual([]);
    }
  });
});
