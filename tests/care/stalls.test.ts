import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MyCare, ProgramCare } from '../../src/contracts/care.ts';
import { expandEvent } from '../../src/sandbox/graph/calendar.ts';
import { drain } from '../support/flipside.ts';
import { bookedPair, click, pairChat, skip, type BookedPair } from '../sessions/support.ts';
import { attendance, skipUntil, text } from './support.ts';

// Walking a program in sandbox time takes a while on a loaded machine (no timing is asserted).
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let p: BookedPair;
let tenantId: string;
beforeAll(async () => {
  p = await bookedPair({ seed: 11 });
  tenantId = p.f.sandbox!.tenant.org.tenantId;
  // Only misses in a row count here (21 quiet days would come first at a biweekly cadence).
  await p.api.ok(p.hr, 'PUT', `/programs/${p.program.id}/care/settings`, { missedInRow: 2, idleDays: 90 });
  await skip(p.f, 'day');
  await attendance(p.f, p, ['held', 'missed', 'missed', 'missed', 'missed']);
}, 300_000);
afterAll(async () => p?.f.close());

const nudges = () =>
  pairChat(p.f, p.pair)
    .conversation.activities.filter((a) => a.senderId === null && JSON.stringify(a).includes('"care.pause"'))
    .map((a) => ({ activity: a, card: p.f.sandbox!.connector.cardFor(a, p.mentee) }));
const booking = async () => (await p.f.store.bookings.get(tenantId, p.program.id, p.mentee))!;
/** The series' occurrences in Outlook from now to the program's end, by original start date (in UTC). */
async function outlook() {
  const b = await booking();
  const e = p.f.sandbox!.tenant.events.get(b.eventId!)!;
  const now = DateTime.fromJSDate(p.f.sandbox!.clock.now());
  return expandEvent(e, now, now.plus({ days: 200 })).map((o) => o.originalStart.toUTC().toISO()!);
}

describe('nudges, stalls and pauses', () => {
  it('a pair with two missed sessions in a row gets exactly one nudge in their chat, and HR sees it stalled', async () => {
    await skipUntil(p.f, () => nudges().length > 0, 5);
    const sessions = (await p.f.store.sessions.listForPair(tenantId, p.program.id, p.mentee)).filter((s) => s.status === 'missed');
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(text(nudges()[0]!.card)).toContain('two sessions in a row were missed');
    // Two more missed sessions and a quiet week later: still the one nudge.
    await skip(p.f, 'next-session');
    await skip(p.f, 'week');
    await drain(p.f);
    expect(nudges()).toHaveLength(1);
    const care = await p.api.ok<ProgramCare>(p.hr, 'GET', `/programs/${p.program.id}/care`);
    expect(care.stalled).toHaveLength(1);
    expect(care.stalled[0]).toMatchObject({ mentor: { id: p.mentor }, mentee: { id: p.mentee }, reason: 'two sessions in a row were missed' });
    expect(care.stalled[0]!.nudgedAt).not.toBeNull();
  });

  it('Pause on the nudge cancels exactly the Outlook occurrences until its end date; the series goes on after', async () => {
    const before = await outlook();
    const n = nudges()[0]!;
    const answer = await click(p.f, p.mentee, n.activity.conversationId, n.activity.id, 'care.pause', { programId: p.program.id, menteeId: p.mentee, mentorId: p.mentor, pauseWeeks: '2' });
    expect(answer.error).toBeUndefined();
    expect(text(answer.card)).toContain('paused your sessions until');
    const pause = (await p.f.store.care.openPause(tenantId, p.program.id, p.mentee))!;
    expect(pause.status).toBe('cancelling');
    await skip(p.f, 'day'); // the pause job runs on the Clock
    const done = (await p.f.store.care.openPause(tenantId, p.program.id, p.mentee))!;
    expect(done.status).toBe('paused');
    const after = await outlook();
    const b = await booking();
    const zone = b.zones[b.organizerId] ?? 'UTC';
    const day = (iso: string) => DateTime.fromISO(iso).setZone(zone).toISODate()!;
    const until = done.untilDate;
    const inPause = before.filter((iso) => day(iso) <= until && Date.parse(iso) > p.f.sandbox!.clock.now().getTime());
    expect(inPause.length).toBeGreaterThan(0);
    expect(after.filter((iso) => day(iso) <= until)).toEqual([]);
    expect(after).toEqual(before.filter((iso) => day(iso) > until));
    expect(done.cancelled.sort()).toEqual(inPause.sort());
    const sessions = await p.f.store.sessions.listForPair(tenantId, p.program.id, p.mentee);
    for (const iso of inPause) expect(sessions.find((s) => s.originalStart.toISOString() === iso)!.status).toBe('cancelled');
    const mine = await p.api.ok<MyCare>(p.mentor, 'GET', '/me/care');
    expect(mine.pairs[0]!.pause).toMatchObject({ untilDate: until, status: 'paused' });
    // A paused pair is not nudged.
    await skip(p.f, 'week');
    expect(nudges()).toHaveLength(1);
  });

  it('after the end date the pause is over and the next session comes as planned', async () => {
    await skip(p.f, 'week');
    await skip(p.f, 'day');
    expect(await p.f.store.care.openPause(tenantId, p.program.id, p.mentee)).toBeUndefined();
    const welcome = pairChat(p.f, p.pair).conversation.activities.filter((a) => JSON.stringify(a).includes('Welcome back'));
    expect(welcome).toHaveLength(1);
    const now = p.f.sandbox!.clock.now().getTime();
    const next = (await p.f.store.sessions.listForPair(tenantId, p.program.id, p.mentee)).find((s) => s.start.getTime() > now && s.status !== 'cancelled');
    expect(next?.status).toBe('planned');
  });

  it('a pause with a bad end date is refused naming the field; resuming early brings the cancelled meetings back', async () => {
    const mine = await p.api.ok<MyCare>(p.mentee, 'GET', '/me/care');
    const path = `/me/care/${p.program.id}/${p.mentee}`;
    const past = await p.api(p.mentee, 'POST', `${path}/pause`, { untilDate: mine.pairs[0]!.today });
    expect(past.status).toBe(400);
    expect(past.body.field ?? past.body.error?.field).toBe('untilDate');
    const outsider = p.f.sandbox!.tenant.org.personas.hrAdmin;
    expect((await p.api(outsider, 'POST', `${path}/pause`, { untilDate: mine.pairs[0]!.latestUntil })).status).toBe(403);

    const before = await outlook();
    const until = DateTime.fromISO(mine.pairs[0]!.today).plus({ days: 20 }).toISODate()!;
    await p.api.ok(p.mentee, 'POST', `${path}/pause`, { untilDate: until });
    await skip(p.f, 'day');
    const paused = await outlook();
    expect(paused.length).toBeLessThan(before.length);
    await p.api.ok(p.mentor, 'POST', `${path}/resume`);
    await skip(p.f, 'day');
    await drain(p.f, { booking: true });
    await skip(p.f, 'day');
    const back = await outlook();
    const now = p.f.sandbox!.clock.now().getTime();
    expect(back).toEqual(before.filter((iso) => Date.parse(iso) > now));
    const sessions = await p.f.store.sessions.listForPair(tenantId, p.program.id, p.mentee);
    for (const iso of back)
      expect(
        sessions.some((s) => s.originalStart.toISOString() === iso && s.status !== 'cancelled'),
        iso,
      ).toBe(true);
  });
});
