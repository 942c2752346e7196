import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchingProposal } from '../../src/contracts/matching.ts';
import type { Enrollment, Program, ProgramInput } from '../../src/contracts/programs.ts';
import type { Flipside } from '../../src/server/compose.ts';
import { apiFor, type Api, type Json } from '../support/api.ts';
import { cardsFor, cardsMentioning } from '../support/connector.ts';
import { deliverAll, drain, startTestFlipside } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment, publishMatching } from '../support/programs.ts';

let f: Flipside;
let api: Api;
let hr: string;
let program: Program;
let first: MatchingProposal;
const CAPACITY = 2;

const text = (x: unknown) => JSON.stringify(x);
const key = (p: { mentor: { id: string }; mentee: { id: string } }) => `${p.mentor.id}→${p.mentee.id}`;

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 300, seed: 5 });
  api = apiFor(f);
  const org = f.sandbox!.tenant.org;
  hr = org.personas.hrAdmin;
  program = await createProgram(api, hr, { name: 'Rounds test', mentorCapacity: CAPACITY });
  const usable = ordinaryPeople(org);
  const mentors = usable.filter((x) => x.level >= 4).slice(0, 2);
  const mentees = usable.filter((x) => x.level === 1 || x.level === 2).slice(0, 2);
  await enrollApproved(f, api, program.id, [...mentors.map((x) => ({ userId: x.id, enrollment: mentorEnrollment() })), ...mentees.map((x) => ({ userId: x.id, enrollment: menteeEnrollment() }))]);
  first = await publishMatching(api, hr, program.id);
  await drain(f, { booking: true });
}, 90_000);
afterAll(async () => f?.close());

describe('late joiners and a second matching round', () => {
  let late: { id: string; managerId: string | null }[];
  let told: Enrollment;

  it('tells someone approved after publishing that they are in the next matching round, and HR how many wait', async () => {
    expect(first.pairs.length).toBeGreaterThan(0);
    const org = f.sandbox!.tenant.org;
    // The first round's mentees were the first two; the next four join late.
    late = ordinaryPeople(org)
      .filter((x) => x.level === 1 || x.level === 2)
      .slice(2, 6);
    // One is approved by their manager in Teams, as in real life; the others straight in the database.
    const [byManager, ...rest] = late;
    told = await api.ok<Enrollment>(byManager!.id, 'POST', `/programs/${program.id}/enrollments`, menteeEnrollment());
    await deliverAll(f);
    const connector = f.sandbox!.connector;
    const request = cardsMentioning(connector, byManager!.managerId!, told.id).at(-1) as Json;
    const answer = await connector.invoke(byManager!.managerId!, request.conversation.id, request.id, { verb: 'approval.approve', data: { enrollmentId: told.id, version: 1 } }, 'manual');
    expect(text(answer.card)).toContain('Approved by');
    await deliverAll(f);
    const outcome = cardsFor(connector, byManager!.id).find((c) => text(c.card).includes("You're in"));
    expect(text(outcome?.card)).toContain("You're in the next matching round");

    await enrollApproved(
      f,
      api,
      program.id,
      rest.map((x) => ({ userId: x.id, enrollment: menteeEnrollment() as Json })),
    );
    const seen = await api.ok<MatchingProposal>(hr, 'GET', `/programs/${program.id}/matching`);
    expect(seen.status).toBe('published');
    expect(seen.waiting.total).toBeGreaterThanOrEqual(late.length);
    expect(seen.waiting.approvedSincePublishing).toBe(late.length);
  });

  it('keeps every published pair and the capacity it uses, and proposes pairs only for those waiting', async () => {
    const second = await api.ok<MatchingProposal>(hr, 'POST', `/programs/${program.id}/matching/runs`);
    expect(second.round).toBe(2);
    const runs = await f.db.query<{ round: number }>("SELECT (details->>'round')::int AS round FROM audit_log WHERE program_id = $1 AND action = 'matching.run' ORDER BY id DESC LIMIT 1", [
      program.id,
    ]);
    expect(runs).toEqual([{ round: 2 }]);
    expect(second.status).toBe('draft');
    const published = second.pairs.filter((p) => p.published);
    expect(published.map(key).sort()).toEqual(first.pairs.map(key).sort());
    const fresh = second.pairs.filter((p) => !p.published);
    expect(fresh.length).toBeGreaterThan(0);
    const firstMentees = new Set(first.pairs.map((p) => p.mentee.id));
    for (const p of fresh) expect(firstMentees.has(p.mentee.id)).toBe(false);
    const perMentor = new Map<string, number>();
    for (const p of second.pairs) perMentor.set(p.mentor.id, (perMentor.get(p.mentor.id) ?? 0) + 1);
    for (const n of perMentor.values()) expect(n).toBeLessThanOrEqual(CAPACITY);

    // A published pair cannot be removed or locked in the new round.
    const removed = await api(hr, 'DELETE', `/programs/${program.id}/matching/pairs/${published[0]!.mentee.id}`);
    expect(removed.status).toBe(409);
  });

  it('publishes and books only the new pairs; the first round’s pairs hear nothing new', async () => {
    const published = await api.ok<MatchingProposal>(hr, 'POST', `/programs/${program.id}/matching/publish`);
    expect(published.status).toBe('published');
    await drain(f, { booking: true });
    const rows = await f.db.query<{ mentee_id: string; mentor_id: string }>('SELECT mentor_id, mentee_id FROM pairs WHERE program_id = $1', [program.id]);
    expect(rows.length).toBe(published.pairs.length);
    const perMentor = new Map<string, number>();
    for (const r of rows) perMentor.set(r.mentor_id, (perMentor.get(r.mentor_id) ?? 0) + 1);
    for (const n of perMentor.values()) expect(n).toBeLessThanOrEqual(CAPACITY);
    const bookings = await f.store.bookings.listForProgram(f.sandbox!.tenant.org.tenantId, program.id);
    expect(bookings.length).toBe(rows.length);
    // Each person got one "Meet your…" card per pair they are in: the first round's pairs none again.
    for (const id of new Set(rows.flatMap((r) => [r.mentor_id, r.mentee_id]))) {
      const meet = cardsFor(f.sandbox!.connector, id).filter((c) => text(c.activity).includes('Meet your'));
      expect(meet).toHaveLength(rows.filter((r) => r.mentor_id === id || r.mentee_id === id).length);
    }
    // A run with nobody waiting that fits proposes nothing new to publish.
    const again = await api.ok<MatchingProposal>(hr, 'POST', `/programs/${program.id}/matching/runs`);
    expect(again.round).toBe(3);
    expect(again.pairs.filter((p) => p.published)).toHaveLength(rows.length);
  });
});

describe('archiving and deleting a program', () => {
  it('records both in the audit log, by HR', async () => {
    const template = await api.ok<ProgramInput>(hr, 'GET', '/programs/template');
    const kept = await api.ok<{ id: string }>(hr, 'POST', '/programs', { ...template, name: 'Archived one' });
    await api.ok(hr, 'POST', `/programs/${kept.id}/archive`, { archived: true });
    const gone = await api.ok<{ id: string }>(hr, 'POST', '/programs', { ...template, name: 'Deleted one' });
    expect((await api(hr, 'DELETE', `/programs/${gone.id}`)).status).toBeLessThan(300);
    const logged = await f.db.query<{ program_id: string; action: string; actor_id: string }>(
      "SELECT program_id, action, actor_id FROM audit_log WHERE program_id = ANY($1::uuid[]) AND action IN ('program.archived', 'program.deleted') ORDER BY id",
      [[kept.id, gone.id]],
    );
    expect(logged).toEqual([
      { program_id: kept.id, action: 'program.archived', actor_id: hr },
      { program_id: gone.id, action: 'program.deleted', actor_id: hr },
    ]);
  });
});

describe('program dates in the past', () => {
  it('refuses a new program whose date is in the past, naming the field', async () => {
    const template = await api.ok<ProgramInput>(hr, 'GET', '/programs/template');
    const answer = await api(hr, 'POST', '/programs', { ...template, enrollmentOpensOn: '2020-03-02' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.field).toBe('enrollmentOpensOn');
    expect(answer.body.error.message).toMatch(/in the past/);
    const all = await api(hr, 'POST', '/programs', { ...template, enrollmentOpensOn: '2020-01-06', enrollmentClosesOn: '2020-02-03', startsOn: '2020-02-03', endsOn: '2020-08-03' });
    expect(all.body.error.field).toBe('enrollmentOpensOn');
    expect(await f.db.query("SELECT 1 FROM programs WHERE starts_on = '2020-02-03'")).toHaveLength(0);
  });

  it('refuses an edit that moves a date into the past, and keeps a date already past as it is', async () => {
    const template = await api.ok<ProgramInput>(hr, 'GET', '/programs/template');
    const created = await api.ok<Program>(hr, 'POST', '/programs', { ...template, name: 'Past edit' });
    const { id: _id, enrollment: _e, counts: _c, archivedAt: _a, ...input } = created;
    const moved = await api(hr, 'PUT', `/programs/${created.id}`, { ...input, endsOn: '2021-01-01' });
    expect(moved.status).toBe(400);
    expect(moved.body.error.field).toBe('endsOn');
    // Enrollment opened yesterday (the sandbox moved on): saving other changes keeps it.
    await f.db.query("UPDATE programs SET enrollment_opens_on = '2026-01-05' WHERE id = $1", [created.id]);
    const kept = await api(hr, 'PUT', `/programs/${created.id}`, { ...input, enrollmentOpensOn: '2026-01-05', name: 'Past edit, renamed' });
    expect(kept.status).toBe(200);
    expect(kept.body.name).toBe('Past edit, renamed');
  });
});
