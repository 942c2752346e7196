import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyMentoring } from '../../src/contracts/sessions.ts';
import type { ProgramBookings } from '../../src/contracts/matching.ts';
import type { Json } from '../support/api.ts';
import { actionsOf, forgedInvoke } from '../support/connector.ts';
import { ordinaryPeople } from '../support/people.ts';
import { deliverAll } from '../support/flipside.ts';
import { agendas, bookedPair, click, feedbackCards, feedbackFor, sessionsOf, skip, type BookedPair } from './support.ts';

let p: BookedPair;
beforeAll(async () => {
  p = await bookedPair();
}, 90_000);
afterAll(async () => p?.f.close());

const text = (card: unknown) => JSON.stringify(card);
const PRIVATE = 'ZEBRA-learned-only-for-me';
const PRIVATE_TAUGHT = 'OKAPI-taught-only-for-me';

describe('a pair’s sessions, from the booked series to feedback', () => {
  it('writes one session per occurrence of the booked series, numbered n of N: getting to know each other first, a closing session last', async () => {
    await skip(p.f, 'day');
    const sessions = await sessionsOf(p.f, p);
    expect(sessions.length).toBeGreaterThan(3);
    expect(sessions.map((s) => s.n)).toEqual(sessions.map((_, i) => i + 1));
    expect(new Set(sessions.map((s) => s.of))).toEqual(new Set([sessions.length]));
    expect(sessions[0]!.topic.title).toBe('Getting to know each other');
    expect(sessions.at(-1)!.topic.title).toBe('Closing session');
    expect(sessions.some((s) => s.topic.title === 'Mid-point review')).toBe(true);
  });

  it('posts the agenda in the pair’s chat before the first session, once, refreshing for both', async () => {
    const first = (await sessionsOf(p.f, p))[0]!;
    await skip(p.f, 'next-session');
    const forMentor = agendas(p.f, p, p.mentor);
    expect(forMentor).toHaveLength(1);
    const card = text(forMentor[0]!.card);
    expect(card).toContain(`Session 1 of ${first.of}`);
    expect(card).toContain('Getting to know each other');
    const refresh = forMentor[0]!.card.refresh as { userIds: string[] };
    // Teams takes user MRIs there: each of the two, and no one else.
    expect([...refresh.userIds].sort()).toEqual([p.mentor, p.mentee].map((id) => `29:${id}`).sort());
  });

  it('reads whether the session was held from the Teams meeting, and sends each person one private feedback card', async () => {
    const [first] = await sessionsOf(p.f, p);
    expect(['held', 'partly_held', 'missed']).toContain(first!.status);
    expect(first!.source).toBe('attendance');
    for (const who of [p.mentor, p.mentee]) expect(feedbackCards(p.f, who)).toHaveLength(1);
  });

  it('an item one person adds to the agenda is on the card the other sees', async () => {
    const { message } = agendas(p.f, p, p.mentee)[0]!;
    const [first] = await sessionsOf(p.f, p);
    const answer = await click(p.f, p.mentee, message.conversationId, message.id, 'agenda.addItem', { sessionId: first!.id, version: first!.version, newItem: 'Share the Q3 strategy deck' });
    expect(answer.error).toBeUndefined();
    expect(text(answer.card)).toContain('Share the Q3 strategy deck');
    await deliverAll(p.f);
    expect(text(agendas(p.f, p, p.mentor)[0]!.card)).toContain('Share the Q3 strategy deck');
    // The same click again (a double click) adds nothing.
    await click(p.f, p.mentee, message.conversationId, message.id, 'agenda.addItem', { sessionId: first!.id, version: first!.version, newItem: 'Share the Q3 strategy deck' });
    expect((await p.f.store.actionItems.listForPair(first!.tenantId, p.program.id, p.mentee)).filter((i) => i.text === 'Share the Q3 strategy deck')).toHaveLength(1);
  });

  it('records one answer per person under ten concurrent submits, and never shows one person’s private text to the other or to HR', async () => {
    const [first] = await sessionsOf(p.f, p);
    const fb = feedbackFor(p.f, p.mentee, first!.id);
    const data = { sessionId: first!.id, happened: 'yes', usefulness: '4', learned: PRIVATE, taught: PRIVATE_TAUGHT, actionItems: 'Try Copilot on the weekly report', goal0: 'started' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => click(p.f, p.mentee, fb.conversationId, fb.messageId, 'feedback.submit', data)));
    for (const a of answers) expect(a.error).toBeUndefined();
    expect(text(answers[0]!.card)).toContain(PRIVATE); // the author sees their own answer
    const rows = await p.f.db.query('SELECT * FROM feedback WHERE session_id = $1', [first!.id]);
    expect(rows).toHaveLength(1);
    const items = await p.f.store.actionItems.listForPair(first!.tenantId, p.program.id, p.mentee);
    expect(items.filter((i) => i.text === 'Try Copilot on the weekly report')).toHaveLength(1);

    // The partner: their own feedback card (refreshed, or forged with the mentee's session), the agenda, their tab.
    const partnerCard = feedbackFor(p.f, p.mentor, first!.id);
    const refreshed = await click(p.f, p.mentor, partnerCard.conversationId, partnerCard.messageId, 'feedback.refresh', { sessionId: first!.id });
    const seen = [text(refreshed.card), text(partnerCard.card), ...agendas(p.f, p, p.mentor).map((a) => text(a.card)), text(await p.api.ok(p.mentor, 'GET', '/me/mentoring'))];
    const hrView = text(await p.api.ok<ProgramBookings>(p.hr, 'GET', `/programs/${p.program.id}/bookings`));
    for (const s of [...seen, hrView]) {
      expect(s).not.toContain(PRIVATE);
      expect(s).not.toContain(PRIVATE_TAUGHT);
    }
    const mine = await p.api.ok<MyMentoring>(p.mentee, 'GET', '/me/mentoring');
    const past = mine.pairs[0]!.past.find((s) => s.id === first!.id)!;
    expect(past.myRating).toBe(4);
    expect(mine.pairs[0]!.goals[0]!.history).toEqual([{ n: 1, step: 'started' }]);
    expect(text(mine)).not.toContain(PRIVATE); // the tab shows ratings and progress, not the free text
  });

  it('refuses feedback from someone outside the pair, and shows them nothing of it', async () => {
    const [first] = await sessionsOf(p.f, p);
    const outsider = ordinaryPeople(p.f.sandbox!.tenant.org).find((x) => x.id !== p.mentor && x.id !== p.mentee)!;
    expect(text(await p.api.ok(outsider.id, 'GET', '/me/mentoring'))).not.toContain(first!.id);
    const real = feedbackFor(p.f, p.mentee, first!.id);
    const { activity } = await click(p.f, p.mentee, real.conversationId, real.messageId, 'feedback.refresh', { sessionId: first!.id });
    for (const verb of ['feedback.submit', 'feedback.refresh']) {
      const answer = await forgedInvoke(p.f, activity as Json, outsider, { verb, data: { sessionId: first!.id, happened: 'no' } });
      expect(text(answer.value)).toContain('Not your session');
      expect(text(answer.value)).not.toContain(PRIVATE);
    }
    expect(await p.f.db.query('SELECT user_id FROM feedback WHERE session_id = $1', [first!.id])).toEqual([{ user_id: p.mentee }]);
  });

  it('brings the action items from feedback onto the next agenda', async () => {
    await skip(p.f, 'next-session');
    const all = agendas(p.f, p, p.mentor);
    expect(all).toHaveLength(2);
    const second = text(all[1]!.card);
    expect(second).toContain('Session 2 of');
    expect(second).toContain('Try Copilot on the weekly report');
    expect(second).toContain('Share the Q3 strategy deck');
    const toggle = actionsOf(all[1]!.card).find((a) => a.verb === 'agenda.toggleItem');
    expect(toggle).toBeDefined();
  });
});
