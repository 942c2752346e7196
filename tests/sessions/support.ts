// A booked pair in a sandbox Flipside, and what its two people see of their sessions.
import { expect } from 'vitest';
import type { MatchingProposal } from '../../src/contracts/matching.ts';
import type { Program } from '../../src/contracts/programs.ts';
import type { Flipside } from '../../src/server/compose.ts';
import { apiFor, type Api, type Json } from '../support/api.ts';
import { actionsOf, cardsFor } from '../support/connector.ts';
import { drain, startTestFlipside } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment, publishMatching } from '../support/programs.ts';

export interface BookedPair {
  f: Flipside;
  api: Api;
  program: Program;
  hr: string;
  pair: MatchingProposal['pairs'][number];
  mentor: string;
  mentee: string;
}

/** A sandbox Flipside with one published pair whose series is booked (the mentee picked the first time offered). */
export async function bookedPair(options: { seed?: number; env?: Record<string, string>; mentee?: Json; dataDir?: string } = {}): Promise<BookedPair> {
  const f = await startTestFlipside({ orgSize: 300, seed: options.seed ?? 5, env: options.env, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  const api = apiFor(f);
  const org = f.sandbox!.tenant.org;
  const hr = org.personas.hrAdmin;
  const program = await createProgram(api, hr, { name: 'Sessions test', mentorCapacity: 1 });
  const usable = ordinaryPeople(org);
  await enrollApproved(f, api, program.id, [
    ...usable
      .filter((x) => x.level >= 4)
      .slice(0, 3)
      .map((x) => ({ userId: x.id, enrollment: mentorEnrollment() })),
    ...usable
      .filter((x) => x.level === 1 || x.level === 2)
      .slice(0, 2)
      .map((x) => ({ userId: x.id, enrollment: menteeEnrollment(options.mentee) })),
  ]);
  const published = await publishMatching(api, hr, program.id);
  const pair = published.pairs[0]!;
  await drain(f, { booking: true });
  const chat = pairChat(f, pair);
  const card = f.sandbox!.connector.cardFor(chat.message, pair.mentee.id);
  const pick = actionsOf(card).find((a) => a.verb === 'booking.pick')!;
  await f.sandbox!.connector.invoke(pair.mentee.id, chat.chat.id, chat.message.id, { verb: 'booking.pick', data: pick.data as Json }, 'manual');
  await drain(f, { booking: true });
  return { f, api, program, hr, pair, mentor: pair.mentor.id, mentee: pair.mentee.id };
}

/** The pair's group chat and its messages. */
export function pairChat(f: Flipside, pair: { mentor: { id: string }; mentee: { id: string } }) {
  const chats = [...f.sandbox!.tenant.chats.values()].filter((c) => c.chatType === 'group' && c.memberIds.includes(pair.mentor.id) && c.memberIds.includes(pair.mentee.id));
  expect(chats).toHaveLength(1);
  const conversation = f.sandbox!.connector.conversation(chats[0]!.id)!;
  const message = conversation.activities.find((a) => a.senderId === null)!;
  return { chat: chats[0]!, conversation, message };
}

/** The agenda messages in the pair's chat (one per session), each with its card as `userId` sees it now. */
export function agendas(f: Flipside, p: BookedPair, userId: string) {
  const { conversation } = pairChat(f, p.pair);
  return conversation.activities
    .filter((a) => a.senderId === null)
    .map((message) => ({ message, card: f.sandbox!.connector.cardFor(message, userId) as Json }))
    .filter((m) => JSON.stringify(m.card).includes('"agenda.refresh"'));
}

/** Feedback cards in a person's 1:1 chat with Flipside. */
export const feedbackCards = (f: Flipside, userId: string) => cardsFor(f.sandbox!.connector, userId).filter((c) => JSON.stringify(c.card).includes('"feedback.refresh"'));

/** Moves the sandbox's clock, running the jobs that fall due, as the control page does. */
export async function skip(f: Flipside, to: 'next-session' | 'day' | 'week') {
  const res = await fetch(`${f.url}/sandbox/control/time/skip`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { now: string; nextSessionAt: string | null };
}

export const sessionsOf = (f: Flipside, p: Pick<BookedPair, 'program' | 'mentee'>) => f.store.sessions.listForPair(f.sandbox!.tenant.org.tenantId, p.program.id, p.mentee);

/** Clicks an Action.Execute on a message as `userId` (inputs merged into data, as Teams sends them). */
export function click(f: Flipside, userId: string, conversationId: string, messageId: string, verb: string, data: Json) {
  return f.sandbox!.connector.invoke(userId, conversationId, messageId, { verb, data }, 'manual');
}

/** A person's feedback card for a session: its message in their 1:1 chat, and the card as they see it. */
export function feedbackFor(f: Flipside, userId: string, sessionId: string) {
  const found = feedbackCards(f, userId).find((c) => JSON.stringify(c.card).includes(sessionId));
  expect(found, `a feedback card for ${sessionId}`).toBeDefined();
  const activity = found!.activity as { id: string; conversation: { id: string } };
  return { card: found!.card, conversationId: activity.conversation.id, messageId: activity.id };
}
