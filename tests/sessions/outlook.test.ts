import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSeries } from '../../src/app/sessions/outlook.ts';
import { deliverAll } from '../support/flipside.ts';
import { agendas, bookedPair, sessionsOf, skip, type BookedPair } from './support.ts';

let p: BookedPair;
const HOUR = 3_600_000;
beforeAll(async () => {
  p = await bookedPair({ seed: 11 });
  await skip(p.f, 'day'); // sessions written, Flipside subscribed to the organizer's calendar
}, 90_000);
afterAll(async () => p?.f.close());

const tenant = () => p.f.sandbox!.tenant;
const series = () => tenant().eventsOf(p.mentor)[0]!;
const post = (body: unknown) => fetch(`${p.f.url}/api/graph/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Runs what is due now without moving time further than a moment. */
async function settle() {
  await tenant().notificationsIdle();
  await p.f.sandbox!.time.skip('day');
}

describe('sessions kept true to Outlook', () => {
  it('subscribes to the organizer’s calendar through Graph, after the validation handshake', async () => {
    const subs = await p.f.store.subscriptions.list(tenant().org.tenantId);
    expect(subs.map((s) => s.organizerId)).toEqual([series().organizerId]);
    expect(subs[0]!.subscriptionId).toBeTruthy();
    // Outlook events allow at most 7 days; Flipside asks for 6 and renews a day before they lapse.
    expect(subs[0]!.expiresAt!.getTime()).toBeGreaterThan(p.f.sandbox!.clock.now().getTime() + 4 * 24 * HOUR);
  });

  it('answers Graph’s validation request with the token as text/plain, and refuses a bad notification body with a 400 naming the field', async () => {
    const res = await fetch(`${p.f.url}/api/graph/notifications?validationToken=${encodeURIComponent('abc 123')}`, { method: 'POST', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('abc 123');
    const bad = await post({ value: [{ clientState: 'x' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('value.0.subscriptionId');
  });

  it('finds the series’ Teams meeting by its join link on the first read of the series, before any session', async () => {
    const state = (await p.f.store.series.get(tenant().org.tenantId, p.program.id, p.mentee))!;
    expect(state.checkedAt).not.toBeNull();
    expect(state.booking.joinUrl).toBeTruthy();
    expect(state.meetingId).toBeTruthy();
    const sessions = await sessionsOf(p.f, p);
    expect(sessions.every((s) => s.start.getTime() > state.checkedAt!.getTime())).toBe(true);
  });

  it('a forged notification (wrong clientState) changes nothing', async () => {
    const [sub] = await p.f.store.subscriptions.list(tenant().org.tenantId);
    const res = await post({ value: [{ subscriptionId: sub!.subscriptionId, clientState: 'not-the-secret', changeType: 'updated', resource: 'x' }] });
    expect(res.status).toBe(202);
    const state = await p.f.store.series.get(tenant().org.tenantId, p.program.id, p.mentee);
    expect(state!.dirty).toBe(false);
  });

  it('an occurrence moved in Outlook reaches Flipside through a change notification, and its agenda says so', async () => {
    const sessions = await sessionsOf(p.f, p);
    const target = sessions.find((s) => s.status === 'planned' && s.start.getTime() > p.f.sandbox!.clock.now().getTime() + 3 * 24 * HOUR)!;
    const newStart = new Date(target.start.getTime() + 2 * HOUR);
    const delivered = tenant().subscriptions.counters.delivered;
    tenant().moveOccurrence(series().id, target.originalStart, newStart, new Date(newStart.getTime() + (target.end.getTime() - target.start.getTime())));
    await tenant().notificationsIdle();
    expect(tenant().subscriptions.counters.delivered).toBe(delivered + 1);
    expect((await p.f.store.series.get(tenant().org.tenantId, p.program.id, p.mentee))!.dirty).toBe(true);
    // The series' read, now, without moving time: the notification alone brings the move in.
    await checkSeries(p.f.sessions);
    const moved = (await sessionsOf(p.f, p)).find((s) => s.id === target.id)!;
    expect(moved.status).toBe('moved');
    expect(moved.source).toBe('outlook');
    expect(moved.start.toISOString()).toBe(newStart.toISOString());
    // When its agenda goes out, it says the session moved (in the card as posted, before the session).
    const heading = `"Session ${moved.n} of ${moved.of}:`;
    for (let i = 0; i < 10 && !agendas(p.f, p, p.mentor).some((a) => JSON.stringify(a.card).includes(heading)); i++) await skip(p.f, 'next-session');
    const agenda = agendas(p.f, p, p.mentor).find((a) => JSON.stringify(a.card).includes(heading))!;
    expect(JSON.stringify(agenda.message.versions[0])).toMatch(/Moved in Outlook/);
  });

  it('with notifications lost on purpose, a cancelled occurrence still reaches Flipside through the periodic read of the series', async () => {
    tenant().faults.lostNotificationRate = 1;
    const now = p.f.sandbox!.clock.now().getTime();
    const target = (await sessionsOf(p.f, p)).find((s) => s.status === 'planned' && s.start.getTime() > now + 3 * 24 * HOUR)!;
    tenant().cancelOccurrence(series().id, target.originalStart);
    await tenant().notificationsIdle();
    expect((await p.f.store.series.get(tenant().org.tenantId, p.program.id, p.mentee))!.dirty).toBe(false);
    await settle(); // a day later the series is read again anyway
    const cancelled = (await sessionsOf(p.f, p)).find((s) => s.id === target.id)!;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.source).toBe('outlook');
    tenant().faults.lostNotificationRate = 0;
    await deliverAll(p.f);
  });

  it('renews the subscription before it lapses, and makes a new one when Graph removes it (reading the series again for what was missed)', async () => {
    const tenantId = tenant().org.tenantId;
    const [before] = await p.f.store.subscriptions.list(tenantId);
    await skip(p.f, 'week');
    const [renewed] = await p.f.store.subscriptions.list(tenantId);
    expect(renewed!.expiresAt!.getTime()).toBeGreaterThan(p.f.sandbox!.clock.now().getTime());
    // Renewed or remade, never lapsed: a change now still arrives.
    expect(renewed!.subscriptionId).toBeTruthy();

    await tenant().sendLifecycle(renewed!.subscriptionId!, 'subscriptionRemoved');
    await tenant().notificationsIdle();
    expect((await p.f.store.series.get(tenantId, p.program.id, p.mentee))!.dirty).toBe(true);
    await skip(p.f, 'day');
    const [remade] = await p.f.store.subscriptions.list(tenantId);
    expect(remade!.subscriptionId).toBeTruthy();
    expect(remade!.subscriptionId).not.toBe(renewed!.subscriptionId);
    expect(remade!.clientState).not.toBe(before!.clientState);
    expect((await p.f.store.series.get(tenantId, p.program.id, p.mentee))!.dirty).toBe(false);
  });

  it('a "missed" lifecycle notification makes Flipside read the series again', async () => {
    const tenantId = tenant().org.tenantId;
    const [sub] = await p.f.store.subscriptions.list(tenantId);
    await tenant().sendLifecycle(sub!.subscriptionId!, 'missed');
    await tenant().notificationsIdle();
    expect((await p.f.store.series.get(tenantId, p.program.id, p.mentee))!.dirty).toBe(true);
    await checkSeries(p.f.sessions);
    expect((await p.f.store.series.get(tenantId, p.program.id, p.mentee))!.dirty).toBe(false);
  });
});
