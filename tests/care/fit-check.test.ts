import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProgramCare } from '../../src/contracts/care.ts';
import { actionsOf, forgedInvoke } from '../support/connector.ts';
import { drain } from '../support/flipside.ts';
import { bookedPair, click, pairChat, skip, type BookedPair } from '../sessions/support.ts';
import { attendance, cardsWith, skipUntil, text } from './support.ts';

// Walking a program in sandbox time takes a while on a loaded machine (no timing is asserted).
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let p: BookedPair;
let tenantId: string;
beforeAll(async () => {
  p = await bookedPair();
  tenantId = p.f.sandbox!.tenant.org.tenantId;
  await skip(p.f, 'day');
  await attendance(p.f, p, ['held', 'held']);
}, 300_000);
afterAll(async () => p?.f.close());

const SHARED = 'WALRUS-we-talk-past-each-other';
const fitCard = (who: string) => cardsWith(p.f, who, 'fit.refresh').at(-1)!;

describe('the early fit check', () => {
  it('after the second held session, asks each of the pair privately, once', async () => {
    await skipUntil(p.f, () => cardsWith(p.f, p.mentee, 'fit.refresh').length > 0, 4);
    const held = (await p.f.store.sessions.listForPair(tenantId, p.program.id, p.mentee)).filter((s) => s.status === 'held');
    expect(held).toHaveLength(2);
    for (const who of [p.mentor, p.mentee]) expect(cardsWith(p.f, who, 'fit.refresh')).toHaveLength(1);
    // The card is the person's own: only they refresh it.
    expect(fitCard(p.mentee).card.refresh.userIds).toEqual([`29:${p.mentee}`]);
    await skip(p.f, 'next-session');
    for (const who of [p.mentor, p.mentee]) expect(cardsWith(p.f, who, 'fit.refresh')).toHaveLength(1);
  });

  it('a card sent without an answer comes back with the reason, and nothing is recorded', async () => {
    const c = fitCard(p.mentee);
    const id = c.card.refresh.action.data.fitCheckId as string;
    const answer = await click(p.f, p.mentee, c.conversationId, c.messageId, 'fit.answer', { fitCheckId: id, fitAnswer: '', fitNote: 'kept as typed', shareNote: 'true' });
    expect(text(answer.card)).toContain('Choose yes, not sure yet or no.');
    expect(text(answer.card)).toContain('kept as typed');
    expect((await p.f.store.care.fitCheck(tenantId, id))!.answer).toBeNull();
    const bad = await click(p.f, p.mentee, c.conversationId, c.messageId, 'fit.answer', { fitCheckId: id, fitAnswer: 'maybe' });
    expect(text(bad.card ?? bad.error)).toContain('your answer must be one of yes, not_sure, no');
    expect((await p.f.store.care.fitCheck(tenantId, id))!.answer).toBeNull();
  });

  it('the partner cannot answer or read someone else’s fit check', async () => {
    const c = fitCard(p.mentee);
    const id = c.card.refresh.action.data.fitCheckId as string;
    const { activity } = await click(p.f, p.mentee, c.conversationId, c.messageId, 'fit.refresh', { fitCheckId: id });
    const mentor = p.f.sandbox!.tenant.org.people.find((x) => x.id === p.mentor)!;
    for (const verb of ['fit.answer', 'fit.refresh']) {
      const answer = await forgedInvoke(p.f, activity as never, mentor, { verb, data: { fitCheckId: id, fitAnswer: 'yes' } });
      expect(text(answer.value)).toContain('Not your question');
    }
    expect((await p.f.store.care.fitCheck(tenantId, id))!.answer).toBeNull();
  });

  it('a "no" reaches HR as a card and a row in the tab, with the note only because it was shared', async () => {
    const mine = fitCard(p.mentee);
    const id = mine.card.refresh.action.data.fitCheckId as string;
    const answer = await click(p.f, p.mentee, mine.conversationId, mine.messageId, 'fit.answer', { fitCheckId: id, fitAnswer: 'no', fitNote: SHARED, shareNote: 'true' });
    expect(answer.error).toBeUndefined();
    const theirs = fitCard(p.mentor);
    await click(p.f, p.mentor, theirs.conversationId, theirs.messageId, 'fit.answer', { fitCheckId: theirs.card.refresh.action.data.fitCheckId, fitAnswer: 'yes', fitNote: 'PRIVATE-only-mine' });
    await drain(p.f);
    const alerts = cardsWith(p.f, p.hr, 'fit.decide');
    expect(alerts).toHaveLength(1);
    expect(text(alerts[0]!.card)).toContain(SHARED);
    const care = await p.api.ok<ProgramCare>(p.hr, 'GET', `/programs/${p.program.id}/care`);
    expect(care.fitNos).toHaveLength(1);
    expect(care.fitNos[0]).toMatchObject({ mentor: { id: p.mentor }, mentee: { id: p.mentee }, answeredBy: { id: p.mentee }, note: SHARED, decision: null, live: true });
    expect(text(care)).not.toContain('PRIVATE-only-mine');
    // The partner never hears what the other answered.
    expect(text(await p.api.ok(p.mentor, 'GET', '/me/mentoring'))).not.toContain(SHARED);
    expect((await p.api(p.mentor, 'GET', `/programs/${p.program.id}/care`)).status).toBe(403);
  });

  it('only a program admin can decide; re-pairing ends the old series, books the new pair and never pairs the two again', async () => {
    const alert = cardsWith(p.f, p.hr, 'fit.decide')[0]!;
    const fitCheckId = (JSON.stringify(alert.card).match(/"fitCheckId":"([0-9a-f-]{36})"/) ?? [])[1]!;
    const before = (await p.f.store.bookings.get(tenantId, p.program.id, p.mentee))!;
    const oldEvent = before.eventId!;
    // Someone who is not HR, forging the click, is refused and nothing changes.
    const { activity } = await click(p.f, p.hr, alert.conversationId, alert.messageId, 'fit.decide', { fitCheckId, decision: 'nonsense' });
    const mentee = p.f.sandbox!.tenant.org.people.find((x) => x.id === p.mentee)!;
    const forged = await forgedInvoke(p.f, activity as never, mentee, { verb: 'fit.decide', data: { fitCheckId, decision: 'repair' } });
    expect(text(forged.value)).toContain('For program admins only');
    expect((await p.f.store.bookings.get(tenantId, p.program.id, p.mentee))!.mentorId).toBe(p.mentor);

    const decided = await click(p.f, p.hr, alert.conversationId, alert.messageId, 'fit.decide', { fitCheckId, decision: 'repair' });
    expect(decided.error).toBeUndefined();
    expect(text(decided.card)).toContain('now learns from');
    // The decision is in the program's audit log, with HR as its actor.
    const logged = await p.f.db.query<{ actor_id: string; subject_id: string }>("SELECT actor_id, subject_id FROM audit_log WHERE program_id = $1 AND action = 'pair.repaired'", [p.program.id]);
    expect(logged).toEqual([{ actor_id: p.hr, subject_id: p.mentee }]);
    // The old series is ended by a durable job, as the Clock runs it.
    await skip(p.f, 'day');
    await drain(p.f, { booking: true });

    // The old series ended in Outlook after its last past session.
    const old = p.f.sandbox!.tenant.events.get(oldEvent);
    const range = (old?.resource as { recurrence?: { range: { endDate: string } } } | undefined)?.recurrence?.range;
    expect(old === undefined || range!.endDate < new Date(p.f.sandbox!.clock.now()).toISOString().slice(0, 10)).toBe(true);
    const now = p.f.sandbox!.clock.now().getTime();
    const oldAhead = (await p.f.store.sessions.listForPair(tenantId, p.program.id, p.mentee)).filter((s) => s.mentorId === p.mentor && s.start.getTime() > now);
    expect(oldAhead.every((s) => s.status === 'cancelled')).toBe(true);

    // The mentee has a new mentor, never the old one; the two are told; the new pair books as any pair does.
    const after = (await p.f.store.bookings.get(tenantId, p.program.id, p.mentee))!;
    expect(after.mentorId).not.toBe(p.mentor);
    const newPair = { mentor: { id: after.mentorId }, mentee: { id: p.mentee } };
    const chat = pairChat(p.f, newPair);
    const offer = p.f.sandbox!.connector.cardFor(chat.message, p.mentee);
    const pick = actionsOf(offer).find((a) => a.verb === 'booking.pick');
    expect(pick, text(offer)).toBeDefined();
    await click(p.f, p.mentee, chat.chat.id, chat.message.id, 'booking.pick', pick!.data);
    await drain(p.f, { booking: true });
    const booked = (await p.f.store.bookings.get(tenantId, p.program.id, p.mentee))!;
    expect(booked.status).toBe('booked');
    expect(booked.eventId).not.toBe(oldEvent);
    expect(cardsWith(p.f, after.mentorId, 'booking.refresh').length + cardsWith(p.f, p.mentee, 'booking.refresh').length).toBeGreaterThan(0);
    const previous = await p.f.store.matching.previousPartners(tenantId);
    expect(previous.get(p.mentee)).toContain(p.mentor);

    // Matching again can never put the two back together: the pair is one of the mentee's previous partners.
    const care = await p.api.ok<ProgramCare>(p.hr, 'GET', `/programs/${p.program.id}/care`);
    expect(care.fitNos[0]).toMatchObject({ decision: 'repair', live: false });
    // Deciding again changes nothing.
    const again = await p.api(p.hr, 'POST', `/programs/${p.program.id}/care/fit-checks/${fitCheckId}/decision`, { decision: 'repair' });
    expect(again.status).toBe(200);
    expect((await p.f.store.bookings.get(tenantId, p.program.id, p.mentee))!.mentorId).toBe(after.mentorId);
  });
});
