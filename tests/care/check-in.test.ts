import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProgramCare } from '../../src/contracts/care.ts';
import { forgedInvoke } from '../support/connector.ts';
import { drain } from '../support/flipside.ts';
import { bookedPair, click, skip, type BookedPair } from '../sessions/support.ts';
import { attendance, cardsWith, skipUntil, text, type Json } from './support.ts';

// Walking a program in sandbox time takes a while on a loaded machine (no timing is asserted).
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let p: BookedPair;
let tenantId: string;
beforeAll(async () => {
  p = await bookedPair({ seed: 7 });
  tenantId = p.f.sandbox!.tenant.org.tenantId;
  await skip(p.f, 'day');
  await attendance(p.f, p, ['held', 'held', 'held', 'held', 'held', 'held', 'held']);
}, 300_000);
afterAll(async () => p?.f.close());

const SECRET = 'HERON-he-dismisses-what-I-say';
const checkIns = () => cardsWith(p.f, p.mentor, 'checkin.refresh');
const idOf = (c: { card: Json }) => c.card.refresh.action.data.checkInId as string;

describe('the junior mentor’s confidential check-in', () => {
  it('comes to the mentor alone after the third session', async () => {
    await skipUntil(p.f, () => checkIns().length > 0, 5);
    const sessions = (await p.f.store.sessions.listForPair(tenantId, p.program.id, p.mentee)).filter((s) => s.status === 'held');
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    expect(checkIns()).toHaveLength(1);
    expect(cardsWith(p.f, p.mentee, 'checkin.refresh')).toHaveLength(0);
    expect(checkIns()[0]!.card.refresh.userIds).toEqual([`29:${p.mentor}`]);
  });

  it('a bad answer comes back with the reason, nothing recorded; an answer with no concern stays out of HR’s sight', async () => {
    const c = checkIns()[0]!;
    const bad = await click(p.f, p.mentor, c.conversationId, c.messageId, 'checkin.answer', { checkInId: idOf(c), speakOpenly: 'mostly', respectful: '', forHr: '', contactMe: 'false' });
    expect(text(bad.card)).toContain('Say whether the relationship is respectful.');
    expect((await p.f.store.care.checkIn(tenantId, idOf(c)))!.answeredAt).toBeNull();
    const ok = await click(p.f, p.mentor, c.conversationId, c.messageId, 'checkin.answer', { checkInId: idOf(c), speakOpenly: 'mostly', respectful: 'yes', forHr: '', contactMe: 'false' });
    expect(text(ok.card)).toContain('Thank you for checking in');
    const care = await p.api.ok<ProgramCare>(p.hr, 'GET', `/programs/${p.program.id}/care`);
    expect(care.contactRequests).toEqual([]);
    // One answer: no figures (fewer than five people).
    expect(care.checkIns).toEqual({ answered: null, speakOpenly: null, respectful: null });
    await drain(p.f);
    expect(cardsWith(p.f, p.hr, 'checkin.refresh')).toHaveLength(0);
  });

  it('at the mid-point, "I’d like HR to contact me" reaches HR only', async () => {
    await skipUntil(p.f, () => checkIns().length > 1, 6);
    const c = checkIns()[1]!;
    const answer = await click(p.f, p.mentor, c.conversationId, c.messageId, 'checkin.answer', { checkInId: idOf(c), speakOpenly: 'no', respectful: 'mostly', forHr: SECRET, contactMe: 'true' });
    expect(answer.error).toBeUndefined();
    await drain(p.f);
    const care = await p.api.ok<ProgramCare>(p.hr, 'GET', `/programs/${p.program.id}/care`);
    expect(care.contactRequests).toHaveLength(1);
    expect(care.contactRequests[0]).toMatchObject({ mentor: { id: p.mentor }, occasion: 'midpoint', contactMe: true });
    expect(text(care)).toContain(SECRET);
    // Reading the individual answers is in the audit log.
    const logged = await p.f.db.query<{ actor_id: string; subject_id: string }>("SELECT actor_id, subject_id FROM audit_log WHERE program_id = $1 AND action = 'checkin.viewed'", [p.program.id]);
    expect(logged).toContainEqual({ actor_id: p.hr, subject_id: p.mentor });
    expect(p.f.sandbox!.connector.delivered(p.hr).some((a) => JSON.stringify(a).includes(SECRET))).toBe(true);
  });

  it('can be read through no API or card by the mentee or any manager (each checked)', async () => {
    const org = p.f.sandbox!.tenant.org;
    const managerOf = (id: string) => org.byId.get(id)!.managerId!;
    const readers = [
      { role: 'mentee', id: p.mentee },
      { role: 'mentor’s manager', id: managerOf(p.mentor) },
      { role: 'mentee’s manager', id: managerOf(p.mentee) },
      { role: 'manager’s manager', id: managerOf(managerOf(p.mentor)) },
    ];
    const c = checkIns()[1]!;
    const { activity } = await click(p.f, p.mentor, c.conversationId, c.messageId, 'checkin.refresh', { checkInId: idOf(c) });
    for (const r of readers) {
      expect((await p.api(r.id, 'GET', `/programs/${p.program.id}/care`)).status, r.role).toBe(403);
      for (const path of ['/me/mentoring', '/me/care', '/matches/mine', `/programs/${p.program.id}/bookings`]) {
        const seen = await p.api(r.id, 'GET', path);
        expect(text(seen.body), `${r.role} ${path}`).not.toContain(SECRET);
      }
      const person = org.byId.get(r.id)!;
      for (const verb of ['checkin.refresh', 'checkin.answer']) {
        const forged = await forgedInvoke(p.f, activity as never, person, { verb, data: { checkInId: idOf(c), speakOpenly: 'yes', respectful: 'yes' } });
        expect(text(forged.value), `${r.role} ${verb}`).toContain('Confidential');
        expect(text(forged.value)).not.toContain(SECRET);
      }
      expect(
        p.f.sandbox!.connector.delivered(r.id).some((a) => JSON.stringify(a).includes(SECRET)),
        r.role,
      ).toBe(false);
    }
    // Nothing in anyone's queue but HR's carries it.
    const rows = await p.f.db.query<{ recipient_id: string }>(`SELECT recipient_id FROM outbox WHERE activity::text LIKE $1`, [`%${SECRET}%`]);
    expect(rows.map((r) => r.recipient_id)).toEqual([p.hr]);
    // The forged answers recorded nothing.
    expect((await p.f.store.care.checkIn(tenantId, idOf(c)))!.forHr).toBe(SECRET);
  });
});
