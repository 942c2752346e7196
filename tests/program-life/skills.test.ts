// Skills before and after: rated at enrollment, again on the mid-point session's feedback card and
// in the closing survey; the change per topic kept for the person and shown on their "My mentoring".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyMentoring } from '../../src/contracts/sessions.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-schema.ts';
import { deliverAll } from '../support/flipside.ts';
import { bookedPair, click, feedbackCards, feedbackFor, sessionsOf, skip, type BookedPair } from '../sessions/support.ts';

let p: BookedPair;
let mid: number;
/** The session whose card asks again: the mid-point one or, when that was missed, the next that was not. */
const ratingSession = async () => (await sessionsOf(p.f, p)).find((s) => s.n >= mid && s.n < s.of && s.status !== 'missed' && s.status !== 'cancelled');
const text = (x: unknown) => JSON.stringify(x);
const LEARN = [
  { topicId: 'ai-assistants', level: 1 },
  { topicId: 'data-dashboards', level: 3 },
];

beforeAll(async () => {
  p = await bookedPair({ mentee: { learn: LEARN } });
  await skip(p.f, 'day');
  const sessions = await sessionsOf(p.f, p);
  mid = Math.ceil(sessions[0]!.of / 2);
  // Session by session in sandbox time, until the feedback cards that ask again are out.
  const out = async () => {
    const s = await ratingSession();
    return s !== undefined && feedbackCards(p.f, p.mentee).some((c) => text(c.card).includes(s.id));
  };
  for (let i = 0; i < sessions.length && !(await out()); i++) {
    await skip(p.f, 'next-session');
    await deliverAll(p.f);
  }
}, 240_000);
afterAll(async () => p?.f.close());

const midSessionId = async () => (await ratingSession())!.id;
const ratings = () => p.f.store.skills.forPerson(p.f.sandbox!.tenant.org.tenantId, p.program.id, p.mentee);
const feedbackRows = (sessionId: string, userId: string) => p.f.db.query('SELECT 1 FROM feedback WHERE session_id = $1 AND user_id = $2', [sessionId, userId]);
const submit = async (sessionId: string, data: Record<string, string>) => {
  const fb = feedbackFor(p.f, p.mentee, sessionId);
  return click(p.f, p.mentee, fb.conversationId, fb.messageId, 'feedback.submit', { sessionId, happened: 'yes', usefulness: '4', ...data });
};

describe('skills before and after', () => {
  it('shows the ratings given at enrollment on My mentoring, and says when the next come', async () => {
    const mine = await p.api.ok<MyMentoring>(p.mentee, 'GET', '/me/mentoring');
    const pair = mine.pairs[0]!;
    expect(pair.midpointSession).toBe(mid);
    expect(pair.skills).toEqual([
      { topic: 'AI assistants at work', before: 1, mid: null, after: null },
      { topic: 'Data and dashboards', before: 3, mid: null, after: null },
    ]);
  });

  it('asks the learner, and only them, to rate themselves again on the mid-point session’s feedback card', async () => {
    const id = await midSessionId();
    const card = feedbackFor(p.f, p.mentee, id).card;
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(text(card)).toContain('Your skills at the mid-point');
    expect(text(card)).toContain('AI assistants at work (you said 1 of 5 when you enrolled)');
    expect(text(card)).toContain('"id":"skill1"');
    // The junior mentor chose nothing to learn: nothing to rate.
    expect(text(feedbackFor(p.f, p.mentor, id).card)).not.toContain('"id":"skill0"');
    // Other sessions do not ask.
    const first = (await sessionsOf(p.f, p))[0]!;
    expect(text(feedbackFor(p.f, p.mentee, first.id).card)).not.toContain('"id":"skill0"');
  });

  it('gives a rating on a session that asks for none back with the reason, recording nothing', async () => {
    const first = (await sessionsOf(p.f, p))[0]!;
    const answer = await submit(first.id, { skill0: '3' });
    expect(text(answer.card)).toContain('Your feedback was not saved');
    expect(text(answer.card)).toContain('There is no such topic to rate.');
    expect(adaptiveCardProblems(answer.card)).toEqual([]);
    expect(await feedbackRows(first.id, p.mentee)).toHaveLength(0);
    expect(await ratings()).toEqual([]);
  });

  it('gives a bad rating back on the card with the reason, recording nothing', async () => {
    const id = await midSessionId();
    const answer = await submit(id, { skill0: '3', skill1: '7' });
    const card = text(answer.card);
    expect(card).toContain('Your feedback was not saved');
    expect(card).toContain('Rate yourself from 1 to 5.');
    expect(card).toContain('Data and dashboards');
    expect(adaptiveCardProblems(answer.card)).toEqual([]);
    expect(await feedbackRows(id, p.mentee)).toHaveLength(0);
    expect(await ratings()).toEqual([]);
  });

  it('keeps a good rating beside the one from enrollment, and shows the change on My mentoring to that person only', async () => {
    const id = await midSessionId();
    const answer = await submit(id, { skill0: '3', skill1: '' });
    expect(text(answer.card)).toContain('1 → 3 of 5');
    expect((await ratings()).map((r) => `${r.topicId}:${r.stage}:${r.level}`).sort()).toEqual(['ai-assistants:before:1', 'ai-assistants:mid:3']);
    // A change while the answer is still open replaces the mid-point rating, once.
    await submit(id, { skill0: '4' });
    expect((await ratings()).filter((r) => r.stage === 'mid').map((r) => r.level)).toEqual([4]);

    const mine = await p.api.ok<MyMentoring>(p.mentee, 'GET', '/me/mentoring');
    expect(mine.pairs[0]!.skills).toEqual([
      { topic: 'AI assistants at work', before: 1, mid: 4, after: null },
      { topic: 'Data and dashboards', before: 3, mid: null, after: null },
    ]);
    // The partner sees their own page: none of the mentee's ratings.
    const partner = await p.api.ok<MyMentoring>(p.mentor, 'GET', '/me/mentoring');
    expect(partner.pairs[0]!.skills).toEqual([]);
  });
});
