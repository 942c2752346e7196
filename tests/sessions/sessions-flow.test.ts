import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../support/api.ts';
import { agendas, bookedPair, feedbackCards, sessionsOf, skip, type BookedPair } from './support.ts';

let p: BookedPair;
beforeAll(async () => {
  p = await bookedPair();
}, 60_000);
afterAll(async () => p?.f.close());

const text = (card: unknown) => JSON.stringify(card);

describe('a pair’s sessions, from the booked series to feedback', () => {
  it('writes one session per occurrence of the booked series, numbered n of N, the first one getting to know each other', async () => {
    await skip(p.f, 'day').catch(() => undefined);
    const sessions = await sessionsOf(p.f, p);
    expect(sessions.length).toBeGreaterThan(3);
    expect(sessions.map((s) => s.n)).toEqual(sessions.map((_, i) => i + 1));
    expect(new Set(sessions.map((s) => s.of))).toEqual(new Set([sessions.length]));
    expect(sessions[0]!.topic.title).toBe('Getting to know each other');
    expect(sessions.at(-1)!.topic.title).toBe('Closing session');
    const events = p.f.sandbox!.tenant.eventsOf(p.mentor);
    expect(events).toHaveLength(1);
  });

  it('posts the agenda in the pair’s chat before the first session, once, for both', async () => {
    const first = (await sessionsOf(p.f, p))[0]!;
    await skip(p.f, 'next-session');
    const forMentor = agendas(p.f, p, p.mentor);
    expect(forMentor).toHaveLength(1);
    const card = text(forMentor[0]!.card);
    expect(card).toContain(`Session 1 of ${first.of}`);
    expect(card).toContain('Getting to know each other');
    const refresh = (forMentor[0]!.card as Json).refresh as Json;
    expect(((refresh.userIds as string[]) ?? []).sort()).toEqual([p.mentor, p.mentee].sort());
  });

  it('reads attendance from the Teams meeting and sends each person a private feedback card afterwards', async () => {
    const [first] = await sessionsOf(p.f, p);
    expect(['held', 'partly_held', 'missed']).toContain(first!.status);
    expect(first!.source).toBe('attendance');
    for (const who of [p.mentor, p.mentee]) expect(feedbackCards(p.f, who).length).toBe(1);
  });
});
