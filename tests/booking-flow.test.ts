import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchingProposal, MyMatch, ProgramBookings } from '../src/contracts/matching.ts';
import type { Program } from '../src/contracts/programs.ts';
import type { Flipside } from '../src/server/compose.ts';
import { apiFor, type Api, type Json } from './support/api.ts';
import { actionsOf, forgedInvoke } from './support/connector.ts';
import { drain, startTestFlipside } from './support/flipside.ts';
import { ordinaryPeople } from './support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment, publishMatching } from './support/programs.ts';

let f: Flipside;
let api: Api;
let program: Program;
let hr: string;
let pair: MatchingProposal['pairs'][number];
const org = () => f.sandbox!.tenant.org;
const connector = () => f.sandbox!.connector;

/** The pair's group chat as the connector recorded it, and its booking card message. */
function pairChat() {
  const chats = [...f.sandbox!.tenant.chats.values()].filter((c) => c.chatType === 'group' && c.memberIds.includes(pair.mentor.id) && c.memberIds.includes(pair.mentee.id));
  expect(chats).toHaveLength(1);
  const conversation = connector().conversation(chats[0]!.id)!;
  const message = conversation.activities.find((a) => a.senderId === null)!;
  return { chat: chats[0]!, conversation, message };
}

const cardText = (userId: string) => JSON.stringify(connector().cardFor(pairChat().message, userId));
const eventsFor = (userId: string) => f.sandbox!.tenant.eventsOf(userId);

function offeredSlotIds(): string[] {
  return actionsOf(connector().cardFor(pairChat().message, pair.mentor.id))
    .filter((a) => a.verb === 'booking.pick')
    .map((a) => a.data.slotId as string);
}

const cardVersion = (userId: string) => actionsOf(connector().cardFor(pairChat().message, userId)).find((a) => typeof a.data?.version === 'number')!.data.version as number;

const click = (userId: string, verb: string, data: Json) => connector().invoke(userId, pairChat().chat.id, pairChat().message.id, { verb, data }, 'manual');

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 300, seed: 5 });
  api = apiFor(f);
  hr = org().personas.hrAdmin;
  program = await createProgram(api, hr, { name: 'Booking test', mentorCapacity: 1 });
  const usable = ordinaryPeople(org());
  await enrollApproved(f, api, program.id, [
    ...usable
      .filter((x) => x.level >= 4)
      .slice(0, 3)
      .map((p) => ({ userId: p.id, enrollment: mentorEnrollment() })),
    ...usable
      .filter((x) => x.level === 1 || x.level === 2)
      .slice(0, 2)
      .map((p) => ({ userId: p.id, enrollment: menteeEnrollment() })),
  ]);
  const published = await publishMatching(api, hr, program.id);
  pair = published.pairs[0]!;
  await drain(f, { booking: true });
});
afterAll(async () => f?.close());

describe('booking a published pair', () => {
  it('creates the pair a group chat with Flipside and offers them three times that suit both calendars', async () => {
    const { chat } = pairChat();
    expect(chat.memberIds.sort()).toEqual([pair.mentor.id, pair.mentee.id].sort());
    expect(connector().installedIn({ kind: 'chat', chatId: chat.id })).toBe(true);
    const ids = offeredSlotIds();
    expect(ids.length).toBeGreaterThanOrEqual(1);
    expect(ids.length).toBeLessThanOrEqual(3);
    // Both see the same card, each with their own local time on it.
    for (const who of [pair.mentor, pair.mentee]) {
      expect(cardText(who.id)).toContain(who.displayName.split(' ')[0]);
      expect(cardText(who.id)).toMatch(/Pick (this time|option 1)/);
    }
    expect(eventsFor(pair.mentor.id)).toHaveLength(0);
  });

  it('status, before either picks a time: the partner, and that the next step is picking a time in the pair chat', async () => {
    const conversation = connector().ensurePersonalConversation(pair.mentor.id);
    await connector().sendMessage(pair.mentor.id, conversation.id, 'status');
    await connector().idle();
    const reply = JSON.stringify(connector().delivered(pair.mentor.id).at(-1));
    expect(reply).toContain('Your mentee');
    expect(reply).toContain(pair.mentee.displayName);
    expect(reply).toContain(`Not booked yet: pick a time in your chat with ${pair.mentee.displayName.split(' ')[0]}`);
    expect(reply).not.toContain('Join on Teams');
  });

  it('refuses a pick by someone outside the pair, and a time that was not offered, with an error card; nothing is booked', async () => {
    const outsider = org().people.find((p) => p.accountEnabled && p.id !== pair.mentor.id && p.id !== pair.mentee.id)!;
    const slotId = offeredSlotIds()[0]!;
    // The outsider cannot even see the chat in Teams; the connector refuses them as Teams would.
    await expect(click(outsider.id, 'booking.pick', { programId: program.id, menteeId: pair.mentee.id, slotId, version: 2 })).rejects.toThrow();
    // A forged invoke straight to the bot (the mentee's click, replayed as the outsider): an error card.
    const real = await click(pair.mentee.id, 'booking.refresh', { programId: program.id, menteeId: pair.mentee.id });
    const answer = await forgedInvoke(f, real.activity, outsider, { verb: 'booking.pick', data: { programId: program.id, menteeId: pair.mentee.id, slotId, version: 2 } });
    const forged = JSON.stringify(answer.value);
    expect(forged).toContain('Not your pair');
    expect(forged).toContain('can choose their meeting time');

    const version = cardVersion(pair.mentee.id);
    const wrong = await click(pair.mentee.id, 'booking.pick', { programId: program.id, menteeId: pair.mentee.id, slotId: 'weekly.sun.0300.45', version });
    expect(JSON.stringify(wrong.card)).toContain('not one Flipside offered');
    const garbage = await click(pair.mentee.id, 'booking.pick', { programId: program.id, menteeId: 'not-an-id', slotId, version });
    expect(garbage.error?.message).toMatch(/menteeId/);
    expect(eventsFor(pair.mentor.id)).toHaveLength(0);
    expect((await f.db.query<{ status: string }>('SELECT status FROM bookings WHERE mentee_id = $1', [pair.mentee.id]))[0]!.status).toBe('choosing');
  });

  it('books the picked time: one Outlook series with a Teams link on both calendars, and the card confirms it for both', async () => {
    const slotId = offeredSlotIds()[0]!;
    const version = cardVersion(pair.mentee.id);
    const answer = await click(pair.mentee.id, 'booking.pick', { programId: program.id, menteeId: pair.mentee.id, slotId, version });
    expect(answer.error).toBeUndefined();
    // The one who clicked sees the pick taken at once; the series follows a moment later, for both.
    expect(JSON.stringify(answer.card)).toMatch(/Booking your mentoring sessions/);
    await drain(f, { booking: true });
    for (const who of [pair.mentor, pair.mentee]) {
      const text = cardText(who.id);
      expect(text).toMatch(/Booked/);
      expect(text).toContain('Join on Teams');
      const events = eventsFor(who.id);
      expect(events).toHaveLength(1);
    }
    const [event] = eventsFor(pair.mentor.id);
    expect(event!.organizerId).toBe(pair.mentor.id); // the mentor's calendar holds it by default
    const resource = event!.resource as Json;
    expect(resource).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', recurrence: { pattern: { type: 'weekly' }, range: { type: 'endDate' } } });
    // The series ends with the program: its last session falls in the program's last weeks.
    const lastSession = Date.parse(resource.recurrence.range.endDate);
    expect(lastSession).toBeLessThanOrEqual(Date.parse(program.endsOn));
    expect(lastSession).toBeGreaterThan(Date.parse(program.endsOn) - 28 * 86_400_000);
    expect(resource.body.content).toContain(f.url);

    // The next getSchedule shows both of them busy at the first session.
    const first = DateTime.fromISO(resource.start.dateTime, { zone: resource.start.timeZone }).toJSDate();
    const schedules = await f.booking.calendars.schedules(
      [pair.mentor, pair.mentee].map((p) => ({ id: p.id, mail: org().byId.get(p.id)!.mail! })),
      new Date(first.getTime() - 86_400_000),
      new Date(first.getTime() + 7 * 86_400_000),
    );
    for (const p of [pair.mentor, pair.mentee]) {
      const s = schedules.get(p.id)!;
      expect(s.ok && s.busy.some((b) => b.status === 'busy' && b.start.getTime() === first.getTime())).toBe(true);
    }

    // The tab shows each of them the next session and the join link.
    const mine = (await api(pair.mentee.id, 'GET', '/matches/mine')).body as MyMatch[];
    expect(mine[0]!.booking).toMatchObject({ status: 'booked', joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//), nextSession: { start: expect.any(String) } });
    expect(mine[0]!.booking!.when).toMatch(/\d\d:\d\d–\d\d:\d\d \(.+ [Tt]ime\)/);
    // A second click on the same time books nothing more.
    await click(pair.mentor.id, 'booking.pick', { programId: program.id, menteeId: pair.mentee.id, slotId, version });
    await drain(f, { booking: true });
    expect(eventsFor(pair.mentor.id)).toHaveLength(1);
  });

  it('"find another time" offers new times and moves the same series when one is picked', async () => {
    const before = eventsFor(pair.mentor.id)[0]!;
    const beforeStart = JSON.stringify((before.resource as Json).start);
    const version = cardVersion(pair.mentor.id);
    await click(pair.mentor.id, 'booking.reschedule', { programId: program.id, menteeId: pair.mentee.id, version });
    await drain(f, { booking: true });
    const ids = offeredSlotIds();
    const current = (await f.db.query<{ chosen: { id: string } }>('SELECT chosen FROM bookings WHERE mentee_id = $1', [pair.mentee.id]))[0]!.chosen.id;
    const other = ids.find((id) => id !== current)!;
    expect(other).toBeDefined();
    const v2 = cardVersion(pair.mentor.id);
    await click(pair.mentor.id, 'booking.pick', { programId: program.id, menteeId: pair.mentee.id, slotId: other, version: v2 });
    await drain(f, { booking: true });
    const after = eventsFor(pair.mentor.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before.id);
    expect(JSON.stringify((after[0]!.resource as Json).start)).not.toBe(beforeStart);
  });

  it('HR sees where every pair stands', async () => {
    const view = (await api(hr, 'GET', `/programs/${program.id}/bookings`)).body as ProgramBookings;
    expect(view.counts.booked).toBe(1);
    expect(view.pairs.find((p) => p.mentee.id === pair.mentee.id)?.booking.status).toBe('booked');
    expect((await api(pair.mentee.id, 'GET', `/programs/${program.id}/bookings`)).status).toBe(403);
    expect((await api(pair.mentee.id, 'POST', `/programs/${program.id}/pairs/${pair.mentee.id}/end`)).status).toBe(403);
    const unknown = await api(hr, 'POST', `/programs/${program.id}/pairs/${pair.mentor.id}/end`);
    expect(unknown).toMatchObject({ status: 404, body: { error: { field: 'menteeId' } } });
    expect((await api(hr, 'POST', `/programs/${program.id}/pairs/not-an-id/end`)).status).toBe(400);
  });

  it('leaving the program ends the series, and a pick after that is refused with an error card', async () => {
    const enrollment = ((await api(pair.mentee.id, 'GET', '/enrollments')).body as unknown as Json[]).find((e) => e.programId === program.id)!;
    expect((await api(pair.mentee.id, 'POST', `/enrollments/${enrollment.id}/withdraw`)).status).toBe(200);
    await drain(f, { booking: true });
    // The program has not started yet, so no session was held: the whole series is cancelled.
    expect(eventsFor(pair.mentor.id)).toHaveLength(0);
    expect(cardText(pair.mentee.id)).toMatch(/ended/);
    const answer = await click(pair.mentee.id, 'booking.pick', { programId: program.id, menteeId: pair.mentee.id, slotId: offeredSlotIds()[0] ?? 'weekly.mon.1000.45', version: 99 });
    expect(JSON.stringify(answer.card)).toMatch(/has ended/);
    expect(eventsFor(pair.mentor.id)).toHaveLength(0);
  });
});
