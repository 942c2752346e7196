// "Leave and delete" end to end on a sandbox Flipside: a mentor with a booked pair and a session
// held downloads their data, asks to be deleted, their series ends in Outlook, their partner is
// told, the card saying it is done reaches them, and afterwards the whole database holds nothing of
// them but the audit log's pseudonym. The audit log is readable by program admins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/app/audit/audit.ts';
import { writeSessions } from '../../src/app/sessions/plan.ts';
import { cardsFor } from '../support/connector.ts';
import { drain } from '../support/flipside.ts';
import { searchEverywhere } from '../support/search-db.ts';
import { bookedPair, pairChat, skip, type BookedPair } from '../sessions/support.ts';

describe('leave and delete', () => {
  let p: BookedPair;
  let tenantId: string;
  let person: { id: string; displayName: string; mail: string | null; userPrincipalName: string | null };

  beforeAll(async () => {
    p = await bookedPair({ seed: 11 });
    tenantId = p.f.sandbox!.tenant.org.tenantId;
    const found = await p.f.store.directory.getPerson(tenantId, p.mentor);
    person = { id: found!.id, displayName: found!.displayName, mail: found!.mail, userPrincipalName: found!.userPrincipalName };
    await skip(p.f, 'next-session');
    await drain(p.f, { booking: true });
    // HR ends the other pair, if matching made one: the log records it.
    const other = (await p.f.store.matching.getDraft(tenantId, p.program.id))!.pairs.find((x) => x.menteeId !== p.mentee);
    if (other) await p.api.ok(p.hr, 'POST', `/programs/${p.program.id}/pairs/${other.menteeId}/end`);
    // HR looked at something about the mentor (a confidential check-in, say): the log keeps it.
    await audit(p.f.store, p.f.sessions.clock, { tenantId, userId: p.hr }, 'checkin.viewed', { programId: p.program.id, subjectId: p.mentor });
  }, 240_000);
  afterAll(() => p?.f.close());

  it('downloads everything Flipside holds about me, as JSON', async () => {
    const res = await fetch(`${p.f.url}/api/me/data`, { headers: { authorization: `Bearer ${await token(p, p.mentor)}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="flipside-my-data.json"/);
    const data = (await res.json()) as { sections: Record<string, Record<string, unknown>[]> };
    expect(data.sections.profile![0]).toMatchObject({ id: p.mentor, display_name: person.displayName });
    expect(data.sections.enrollments![0]!.goals).toEqual(expect.any(Array));
    expect(data.sections.matches).toHaveLength(1);
    expect(data.sections.meetings).toHaveLength(1);
    expect(data.sections.sessions!.length).toBeGreaterThan(0);
    expect(data.sections.cardsSentToMe!.length).toBeGreaterThan(0);
    expect(data.sections.auditLog).toEqual([expect.objectContaining({ action: 'checkin.viewed', subject_id: p.mentor })]);
  });

  it('asks for one confirmation', async () => {
    const missing = await p.api(p.mentor, 'POST', '/me/data/erasure', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('confirm');
    expect((await p.api.ok(p.mentor, 'GET', '/me/data/erasure')).state).toBe('none');
  });

  it('withdraws, ends the series, tells the partner, erases, and says it is done', async () => {
    const asked = await p.api(p.mentor, 'POST', '/me/data/erasure', { confirm: true });
    expect(asked.status).toBe(202);
    expect(asked.body.state).toBe('waiting');
    expect((await p.api(p.mentor, 'POST', '/me/data/erasure', { confirm: true })).body.state).toBe('waiting'); // asking twice is one request

    expect(await p.f.eraseNow()).toBe(0); // the series is still being ended in Outlook
    await drain(p.f, { booking: true });
    const booking = await p.f.store.bookings.get(tenantId, p.program.id, p.mentee);
    expect(booking?.status).toBe('ended');
    expect(await p.f.eraseNow()).toBe(0); // its future sessions are not cancelled yet
    await writeSessions(p.f.sessions); // the job the booking job kicks
    const chat = pairChat(p.f, p.pair);
    expect(JSON.stringify(chat.conversation.activities.map((a) => p.f.sandbox!.connector.cardFor(a, p.mentee)))).toContain('left the program');

    expect(await p.f.eraseNow()).toBe(1);
    expect((await p.api.ok(p.mentor, 'GET', '/me/data/erasure')).state).toBe('erased');
    await drain(p.f);
    const last = cardsFor(p.f.sandbox!.connector, p.mentor).at(-1)!;
    expect(JSON.stringify(last.card)).toContain('Your Flipside data is deleted');
    expect(await p.f.eraseNow()).toBe(1);
  });

  it('leaves nothing of them in any column of any table but the audit log’s pseudonym', async () => {
    const needles = [person.id, person.displayName, person.mail, person.userPrincipalName].filter((n): n is string => !!n);
    expect(await searchEverywhere(p.f.db, needles)).toEqual([]);
    const [request] = await p.f.db.query<{ pseudonym: string; user_id: string | null; state: string }>('SELECT pseudonym, user_id, state FROM erasure_requests');
    expect(request).toMatchObject({ user_id: null, state: 'done' });
    const held = await p.f.db.query<{ n: number }>("SELECT count(*)::int AS n FROM sessions WHERE mentor_id = $1 AND status IN ('held', 'partly_held', 'missed', 'planned', 'cancelled')", [
      request!.pseudonym,
    ]);
    expect(held[0]!.n).toBeGreaterThan(0); // the pair's sessions still count, without them
  });

  it('keeps the audit log, newest first, with the pseudonym, for program admins only', async () => {
    const page = await p.api.ok(p.hr, 'GET', `/programs/${p.program.id}/audit?limit=2`);
    expect(page.entries).toHaveLength(2);
    expect(page.entries[0].action).toBe('checkin.viewed');
    expect(page.entries[0].subject).toMatchObject({ erased: true, displayName: expect.stringMatching(/^Former participant [0-9A-F]{6}$/) });
    expect(page.entries[0].actor.displayName).not.toMatch(/Former participant/);
    const rest = await p.api.ok(p.hr, 'GET', `/programs/${p.program.id}/audit?before=${page.next}`);
    const all: { id: number; action: string }[] = [...page.entries, ...rest.entries];
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(all.map((e) => e.action)).toEqual(expect.arrayContaining(['matching.published', 'matching.run', 'program.created']));
    expect(all.at(-1)!.action).toBe('program.created');
    const draft = (await p.f.store.matching.getDraft(tenantId, p.program.id))!;
    if (draft.pairs.length > 1) expect(all.map((e) => e.action)).toContain('pair.ended');
    expect((await p.api(p.mentee, 'GET', `/programs/${p.program.id}/audit`)).status).toBe(403);
  });
});

async function token(p: BookedPair, userId: string): Promise<string> {
  const res = await fetch(`${p.f.url}/sandbox/identity/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}
