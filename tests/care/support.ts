// The care loop on a booked sandbox pair: what each person sees, and Teams' attendance set per session.
import { expect } from 'vitest';
import type { Flipside } from '../../src/server/compose.ts';
import type { Json } from '../support/api.ts';
import { cardsFor } from '../support/connector.ts';
import { sessionsOf, skip, type BookedPair } from '../sessions/support.ts';

/** Cards in a person's chats carrying `marker` (a verb), newest last, each with where to click it. */
export function cardsWith(f: Flipside, userId: string, marker: string) {
  return cardsFor(f.sandbox!.connector, userId)
    .filter((c) => JSON.stringify(c.card).includes(`"${marker}"`))
    .map((c) => {
      const a = c.activity as { id: string; conversation: { id: string } };
      return { card: c.card, conversationId: a.conversation.id, messageId: a.id };
    });
}

export type Outcome = 'held' | 'missed';

/**
 * Says what Teams will report for the pair's sessions, in order from the first: held (both in the
 * meeting for all of it) or missed (nobody joined). Sessions after the list are left to chance.
 */
export async function attendance(f: Flipside, p: Pick<BookedPair, 'program' | 'mentee'>, outcomes: Outcome[]) {
  const b = await f.store.bookings.get(f.sandbox!.tenant.org.tenantId, p.program.id, p.mentee);
  const sessions = (await sessionsOf(f, p)).filter((s) => s.status !== 'cancelled' && s.mentorId === b!.mentorId);
  expect(sessions.length).toBeGreaterThanOrEqual(outcomes.length);
  outcomes.forEach((o, i) => {
    const s = sessions[i]!;
    const people = o === 'held' ? { [b!.mentorId]: [{ join: s.start, leave: s.end }], [b!.menteeId]: [{ join: s.start, leave: s.end }] } : {};
    f.sandbox!.tenant.setAttendance(b!.eventId!, s.originalStart, people);
  });
}

/** Skips session by session until `found()` holds (at most `max` sessions). */
export async function skipUntil(f: Flipside, found: () => boolean | Promise<boolean>, max = 8) {
  for (let i = 0; i < max && !(await found()); i++) await skip(f, 'next-session');
  expect(await found()).toBe(true);
}

export const text = (x: unknown) => JSON.stringify(x);
export type { Json };
