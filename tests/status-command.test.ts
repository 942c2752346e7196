// Regression (issue 13): `status` promised "your pairing, your next session" but listed enrollments only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionWhen } from '../src/app/sessions/context.ts';
import { cardNodes, cardTexts } from './support/adaptive-card-schema.ts';
import { bookedPair, sessionsOf, skip, type BookedPair } from './sessions/support.ts';

let p: BookedPair;
beforeAll(async () => {
  p = await bookedPair();
  await skip(p.f, 'day'); // the booked series' sessions are written
}, 90_000);
afterAll(async () => p?.f.close());

/** What a person sees when they type `status` in their 1:1 chat with Flipside: the reply card's texts and links. */
async function status(userId: string) {
  const connector = p.f.sandbox!.connector;
  const conversation = connector.ensurePersonalConversation(userId);
  await connector.sendMessage(userId, conversation.id, 'status');
  await connector.idle();
  const reply = connector.delivered(userId).at(-1)!;
  const card = (reply.attachments as { content: unknown }[])[0]!.content;
  return {
    texts: cardTexts(card).join('\n'),
    links: cardNodes(card)
      .filter((n) => n.node.type === 'Action.OpenUrl')
      .map((n) => n.node.title),
  };
}

describe('the status command', () => {
  it('shows each of the pair their enrollment, their partner and the next session in their own time, with Join on Teams', async () => {
    const sessions = await sessionsOf(p.f, p);
    const booking = (await p.f.store.bookings.get(p.f.sandbox!.tenant.org.tenantId, p.program.id, p.mentee))!;
    const now = p.f.sandbox!.clock.now();
    const next = sessions.find((s) => s.end.getTime() > now.getTime())!;
    for (const [me, partner, title] of [
      [p.pair.mentee, p.pair.mentor, 'Your mentor'],
      [p.pair.mentor, p.pair.mentee, 'Your mentee'],
    ] as const) {
      const { texts, links } = await status(me.id);
      expect(texts).toContain(`**${p.program.name}**\nStatus\n✅ Approved`);
      expect(texts).toContain(
        `${title}\n${partner.displayName}\nNext session\n${sessionWhen(next, { zone: booking.zones[me.id]!, office: (await p.f.store.directory.getPerson(p.f.sandbox!.tenant.org.tenantId, me.id))?.officeLocation ?? null })} · session ${next.n} of ${next.of}`,
      );
      expect(texts).toMatch(/Next session\n\w+day \d+ \w+, \d\d:\d\d–\d\d:\d\d \([A-Za-z ]+ [Tt]ime\) · session \d+ of \d+/);
      expect(links).toEqual(['Join on Teams', 'Open Flipside']);
    }
  });
});
