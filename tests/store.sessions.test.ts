import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSessions } from '../src/app/sessions/plan.ts';
import type { Store } from '../src/app/store.ts';
import { createStore } from '../src/store/index.ts';
import type { SqlClient } from '../src/store/sql-client.ts';
import { openMigrated, testDatabases } from './support/db.ts';
import { guid, T1, T2 } from './support/people.ts';
import { programRecord } from './support/programs.ts';

const P = '44444444-4444-4444-8444-444444444444';
const at = new Date('2026-12-20T10:00:00Z');
const HOUR = 3_600_000;
const slot = {
  id: 'weekly.tue.1000.45',
  dayOfWeek: 'tuesday' as const,
  startTime: '10:00',
  timeZone: 'Europe/London',
  durationMinutes: 45,
  cadence: 'weekly' as const,
  firstOccurrence: '2027-01-05',
  lastOccurrence: '2027-02-23',
  occurrences: 8,
  checkedOccurrences: 8,
  freeOccurrences: 8,
  withinWorkingHoursEveryDate: true,
  outsideWorkingHours: [],
  comfort: 90,
  concerns: [],
};

describe.each(testDatabases)('sessions repositories on $name', ({ open }) => {
  let db: SqlClient;
  let store: Store;
  const clock = { now: () => at };
  const pairs = [0, 1, 2].map((i) => ({ mentorId: guid(300 + i), menteeId: guid(400 + i), score: 1, reasons: [], locked: false, manual: false }));

  beforeAll(async () => {
    db = await openMigrated(open);
    store = createStore(db);
    for (const tenantId of [T1, T2]) {
      await store.directory.ensureTenant(tenantId);
      await store.programs.insert(
        programRecord(tenantId, P, { endsOn: '2027-02-26', enrollmentOpensOn: '2026-12-01', enrollmentClosesOn: '2027-01-03', cadences: ['weekly'], createdAt: at, updatedAt: at }),
      );
      await store.matching.insertPairs(tenantId, P, pairs, at);
    }
    await store.bookings.insertMany(
      pairs.map((p) => ({ tenantId: T1, programId: P, menteeId: p.menteeId, mentorId: p.mentorId, organizerId: p.mentorId })),
      at,
    );
    for (const p of pairs) {
      const b = (await store.bookings.get(T1, P, p.menteeId))!;
      await store.bookings.save({ ...b, status: 'booked', chosen: slot, eventId: `E${p.menteeId}`, joinUrl: 'https://teams.microsoft.com/l/meetup-join/x', chatId: '19:x@thread.v2', version: 3 }, at);
    }
  });
  afterAll(async () => db?.close());

  it('writes one session per occurrence of each booked series, once', async () => {
    expect(await writeSessions({ store, clock })).toBe(3);
    expect(await writeSessions({ store, clock })).toBe(0);
    const sessions = await store.sessions.listForPair(T1, P, guid(400));
    expect(sessions).toHaveLength(8);
    expect(sessions.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(sessions[0]!.start.toISOString()).toBe('2027-01-05T10:00:00.000Z');
    expect(sessions[0]!.end.getTime() - sessions[0]!.start.getTime()).toBe(45 * 60_000);
    expect(sessions.every((s) => s.status === 'planned' && s.source === 'plan' && s.attendanceDueAt !== null)).toBe(true);
    // Another tenant's program of the same id sees none of them.
    expect(await store.sessions.listForPair(T2, P, guid(400))).toEqual([]);
  });

  it('finds the agendas that are due: sessions starting within their program’s lead time, earliest first, up to the limit', async () => {
    const firsts = (await Promise.all(pairs.map((p) => store.sessions.listForPair(T1, P, p.menteeId)))).map((x) => x[0]!.id);
    const due = await store.transaction((tx) => tx.sessions.lockDueAgendas(new Date('2027-01-04T10:30:00Z'), 2));
    expect(due).toHaveLength(2);
    expect(due.every((x) => firsts.includes(x.id))).toBe(true);
    expect(await store.transaction((tx) => tx.sessions.lockDueAgendas(new Date('2027-01-04T10:30:00Z'), 10))).toHaveLength(3);
    // More than 24 h before: not yet.
    expect(await store.transaction((tx) => tx.sessions.lockDueAgendas(new Date('2027-01-04T09:59:00Z'), 10))).toEqual([]);
  });

  it('saves every field of many sessions at once, and counts them per pair', async () => {
    const [first, second] = await store.sessions.listForPair(T1, P, guid(401));
    const sent = new Date('2027-01-04T10:00:00Z');
    await store.sessions.saveMany(
      [
        { ...first!, status: 'held', source: 'attendance', minutesTogether: 38, agendaSentAt: sent, attendanceDueAt: null, feedbackSentAt: sent, version: 5 },
        { ...second!, status: 'moved', source: 'outlook', start: new Date(second!.start.getTime() + HOUR), end: new Date(second!.end.getTime() + HOUR), attendanceProblem: 'x', version: 2 },
      ],
      sent,
    );
    const [a, b] = await store.sessions.listForPair(T1, P, guid(401));
    expect(a).toMatchObject({ status: 'held', source: 'attendance', minutesTogether: 38, agendaSentAt: sent, attendanceDueAt: null, feedbackSentAt: sent, version: 5 });
    expect(b).toMatchObject({ status: 'moved', source: 'outlook', attendanceProblem: 'x', version: 2, originalStart: second!.originalStart });
    expect(b!.start.getTime()).toBe(second!.start.getTime() + HOUR);
    const counts = await store.sessions.countsForProgram(T1, P);
    expect(counts.get(guid(401))).toEqual({ held: 1, partlyHeld: 0, missed: 0, cancelled: 0, planned: 7, total: 8 });
  });

  it('knows the next moment something falls due', async () => {
    // The earliest agenda not sent: 24 h before the first session.
    expect((await store.sessions.nextMilestoneAfter(at))!.toISOString()).toBe('2027-01-04T10:00:00.000Z');
    expect((await store.sessions.nextStartAfter(at))!.toISOString()).toBe('2027-01-05T10:00:00.000Z');
  });

  it('keeps one feedback answer per person and session, the last one written, under concurrent writes', async () => {
    const [s] = await store.sessions.listForPair(T1, P, guid(402));
    const answer = (usefulness: number) => ({
      tenantId: T1,
      sessionId: s!.id,
      userId: guid(402),
      happened: true,
      usefulness,
      learned: 'private',
      taught: '',
      goalSteps: ['started' as const],
      anotherTime: null,
      answeredAt: at,
      updatedAt: at,
    });
    await Promise.all([1, 2, 3, 4, 5].map((u) => store.feedback.upsert(answer(u))));
    const rows = await db.query<{ usefulness: number }>('SELECT usefulness FROM feedback WHERE session_id = $1', [s!.id]);
    expect(rows).toHaveLength(1);
    expect(await store.feedback.get(T1, s!.id, guid(402))).toMatchObject({ happened: true, goalSteps: ['started'], learned: 'private' });
    expect(await store.feedback.get(T2, s!.id, guid(402))).toBeUndefined();
  });

  it('adds an action item once however often it is sent, and replaces only the feedback’s own items', async () => {
    const [s] = await store.sessions.listForPair(T1, P, guid(400));
    const item = (text: string, fromFeedback: boolean, id = crypto.randomUUID()) => ({
      tenantId: T1,
      id,
      programId: P,
      menteeId: guid(400),
      sessionId: s!.id,
      text,
      createdBy: guid(400),
      fromFeedback,
      doneAt: null,
      doneBy: null,
      createdAt: at,
    });
    expect(await store.actionItems.add(item('Agenda item', false))).toBe(true);
    expect(await store.actionItems.add(item('Agenda item', false))).toBe(false);
    await store.actionItems.replaceFromFeedback(T1, s!.id, guid(400), [item('From feedback A', true), item('From feedback B', true)]);
    await store.actionItems.replaceFromFeedback(T1, s!.id, guid(400), [item('From feedback B', true)]);
    expect((await store.actionItems.listForPair(T1, P, guid(400))).map((i) => i.text).sort()).toEqual(['Agenda item', 'From feedback B']);
  });
});
