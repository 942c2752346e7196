import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramChangePreview, SeriesChanges } from '../../src/contracts/program-life.ts';
import type { Program, ProgramInput } from '../../src/contracts/programs.ts';
import type { Json } from '../support/api.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-schema.ts';
import { actionsOf } from '../support/connector.ts';
import { apiFor } from '../support/api.ts';
import { drain, startTestFlipside } from '../support/flipside.ts';
import { ordinaryPeople } from '../support/people.ts';
import { createProgram, enrollApproved, menteeEnrollment, mentorEnrollment, publishMatching } from '../support/programs.ts';
import { pairChat, skip } from '../sessions/support.ts';

let p: { f: Awaited<ReturnType<typeof startTestFlipside>>; api: ReturnType<typeof apiFor>; hr: string; program: Program; mentor: string; mentee: string };
let tenantId: string;
beforeAll(async () => {
  const f = await startTestFlipside({ orgSize: 300, seed: 5 });
  const api = apiFor(f);
  const org = f.sandbox!.tenant.org;
  const hr = org.personas.hrAdmin;
  const program = await createProgram(api, hr, { name: 'Changes test', mentorCapacity: 1 });
  const usable = ordinaryPeople(org);
  await enrollApproved(f, api, program.id, [
    ...usable
      .filter((x) => x.level >= 4)
      .slice(0, 6)
      .map((x) => ({ userId: x.id, enrollment: mentorEnrollment() })),
    ...usable
      .filter((x) => x.level === 1 || x.level === 2)
      .slice(0, 4)
      .map((x) => ({ userId: x.id, enrollment: menteeEnrollment() })),
  ]);
  const published = await publishMatching(api, hr, program.id);
  await drain(f, { booking: true });
  p = { f, api, hr, program, mentor: published.pairs[0]!.mentor.id, mentee: published.pairs[0]!.mentee.id };
  tenantId = org.tenantId;
  // Book every published pair, as each pair would by picking a time in their chat.
  for (const b of await p.f.store.bookings.listForProgram(tenantId, p.program.id)) {
    if (b.status !== 'choosing') continue;
    const chat = pairChat(p.f, { mentor: { id: b.mentorId }, mentee: { id: b.menteeId } });
    const pick = actionsOf(p.f.sandbox!.connector.cardFor(chat.message, b.menteeId)).find((a) => a.verb === 'booking.pick')!;
    await p.f.sandbox!.connector.invoke(b.menteeId, chat.chat.id, chat.message.id, { verb: 'booking.pick', data: pick.data as Json }, 'manual');
  }
  await drain(p.f, { booking: true });
  await skip(p.f, 'day');
}, 150_000);
afterAll(async () => p?.f.close());

const inputOf = (program: Program): ProgramInput => {
  const { id: _id, enrollment: _e, counts: _c, archivedAt: _a, ...input } = program;
  return input as ProgramInput;
};
const booked = async () => (await p.f.store.bookings.listForProgram(tenantId, p.program.id)).filter((b) => b.status === 'booked');
const notices = (b: { mentorId: string; menteeId: string }) =>
  pairChat(p.f, { mentor: { id: b.mentorId }, mentee: { id: b.menteeId } })
    .conversation.activities.filter((a) => a.senderId === null)
    .map((a) => p.f.sandbox!.connector.cardFor(a, b.mentorId) as Json)
    .filter((card) => JSON.stringify(card).includes('has changed'));
const eventOf = (b: { mentorId: string; eventId: string | null }) => p.f.sandbox!.tenant.eventsOf(b.mentorId).find((e) => e.id === b.eventId)!;
const minutesOf = (resource: Json) =>
  DateTime.fromISO(resource.end.dateTime, { zone: resource.end.timeZone }).diff(DateTime.fromISO(resource.start.dateTime, { zone: resource.start.timeZone }), 'minutes').minutes;

describe('changing a running program', () => {
  let edit: ProgramInput;

  it('shows HR before saving how many booked series the edit changes, and how', async () => {
    const series = await booked();
    expect(series.length).toBeGreaterThanOrEqual(2);
    const program = (await p.api.ok<Program[]>(p.hr, 'GET', '/programs')).find((x) => x.id === p.program.id)!;
    const later = DateTime.fromISO(program.endsOn).plus({ weeks: 4 }).toISODate()!;
    edit = { ...inputOf(program), sessionMinutes: 60, endsOn: later };
    const preview = await p.api.ok<ProgramChangePreview>(p.hr, 'POST', `/programs/${p.program.id}/changes/preview`, edit);
    expect(preview.booked).toBe(series.length);
    expect(preview.changes).toHaveLength(series.length);
    for (const c of preview.changes) {
      // Each series from its own length (a pair may have agreed on a shorter meeting) to the new one.
      const own = series.find((b) => b.menteeId === c.mentee.id)!.chosen!.durationMinutes;
      expect(c.summary.join(' ')).toMatch(new RegExp(`^${own} → 60 minutes ends \\d+ \\w+ \\d{4} instead of`));
      expect(c.calendarCheck).toBe(true);
    }
    // The preview changed nothing.
    for (const b of series) expect(minutesOf(eventOf(b).resource as Json)).toBe(b.chosen!.durationMinutes);
    // A past date is refused, naming the field, before saving too.
    const past = await p.api(p.hr, 'POST', `/programs/${p.program.id}/changes/preview`, { ...edit, endsOn: '2021-05-03' });
    expect(past.status).toBe(400);
    expect(past.body.error.field).toBe('endsOn');
  });

  it('saving updates every booked series in Outlook (length, end, recurrence) through its job, and tells each pair once', async () => {
    const before = await booked();
    await p.api.ok(p.hr, 'PUT', `/programs/${p.program.id}`, edit);
    await skip(p.f, 'day');
    await drain(p.f);
    const after = await booked();
    const ownLength = new Map(before.map((b) => [b.menteeId, b.chosen!.durationMinutes]));
    const changes = await p.api.ok<SeriesChanges>(p.hr, 'GET', `/programs/${p.program.id}/changes`);
    expect(changes.changes).toHaveLength(before.length);
    for (const b of after) {
      const change = changes.changes.find((c) => c.mentee.id === b.menteeId)!;
      const cards = notices(b);
      expect(cards, 'one notice per pair').toHaveLength(1);
      for (const card of cards) expect(adaptiveCardProblems(card)).toEqual([]);
      if (change.status === 'applied') {
        const resource = eventOf(b).resource as Json;
        expect(minutesOf(resource)).toBe(60);
        expect(resource.recurrence.range.endDate > p.program.endsOn).toBe(true);
        expect(resource.recurrence.range.endDate <= edit.endsOn).toBe(true);
        expect(b.chosen!.durationMinutes).toBe(60);
        expect(JSON.stringify(cards[0])).toContain(`${ownLength.get(b.menteeId)} → 60 minutes`);
        // The sessions ahead follow: 60 minutes each, and the series' new weeks are there.
        const ahead = (await p.f.store.sessions.listForPair(tenantId, p.program.id, b.menteeId)).filter((s) => s.status === 'planned');
        expect(ahead.length).toBeGreaterThan(0);
        for (const s of ahead) expect((s.end.getTime() - s.start.getTime()) / 60_000).toBe(60);
      } else {
        // It could not follow: the pair is told why, with "Find another time"; the series stays as it was.
        expect(change.status).toBe('failed');
        expect(change.problem).toMatch(/no longer fit/);
        expect(actionsOf(cards[0]).map((a) => a.verb)).toContain('booking.reschedule');
        expect(minutesOf(eventOf(b).resource as Json)).toBe(ownLength.get(b.menteeId));
      }
    }
    expect(changes.changes.filter((c) => c.status === 'applied').length).toBeGreaterThan(0);
  });

  it('saving the same program again changes no series and sends no notice', async () => {
    await p.api.ok(p.hr, 'PUT', `/programs/${p.program.id}`, edit);
    await skip(p.f, 'day');
    await drain(p.f);
    for (const b of await booked()) expect(notices(b)).toHaveLength(1);
  });

  it('only program admins can preview or see the changes', async () => {
    expect((await p.api(p.mentor, 'POST', `/programs/${p.program.id}/changes/preview`, edit)).status).toBe(403);
    expect((await p.api(p.mentee, 'GET', `/programs/${p.program.id}/changes`)).status).toBe(403);
  });
});
