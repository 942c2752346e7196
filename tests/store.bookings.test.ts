import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../src/store/index.ts';
import type { SqlClient } from '../src/store/sql-client.ts';
import type { Store } from '../src/app/store.ts';
import { openMigrated, testDatabases } from './support/db.ts';
import { guid, T1, T2 } from './support/people.ts';
import { programRecord } from './support/programs.ts';

const P = '33333333-3333-4333-8333-333333333333';
const at = new Date('2026-11-22T10:00:00Z');
const SLOT = {
  id: 'biweekly.tue.1000.45',
  dayOfWeek: 'tuesday' as const,
  startTime: '10:00',
  timeZone: 'Europe/London',
  durationMinutes: 45,
  cadence: 'biweekly' as const,
  firstOccurrence: '2027-01-05',
  lastOccurrence: '2027-06-29',
  occurrences: 13,
  checkedOccurrences: 4,
  freeOccurrences: 4,
  withinWorkingHoursEveryDate: true,
  outsideWorkingHours: [],
  comfort: 90,
  concerns: [],
  note: '30 minutes instead of 45',
};

describe.each(testDatabases)('bookings repository on $name', ({ open }) => {
  let db: SqlClient;
  let store: Store;
  const pairs = Array.from({ length: 6 }, (_, i) => ({ mentorId: guid(100 + i), menteeId: guid(200 + i), score: 1, reasons: [], locked: false, manual: false }));

  beforeAll(async () => {
    db = await openMigrated(open);
    store = createStore(db);
    for (const tenantId of [T1, T2]) {
      await store.directory.ensureTenant(tenantId);
      await store.programs.insert(programRecord(tenantId, P, { createdAt: at, updatedAt: at }));
      await store.matching.insertPairs(tenantId, P, pairs, at);
    }
    await store.bookings.insertMany(
      pairs.map((p) => ({ tenantId: T1, programId: P, menteeId: p.menteeId, mentorId: p.mentorId, organizerId: p.mentorId })),
      at,
    );
  });
  afterAll(async () => db?.close());

  it('queues one booking per pair, and publishing again changes nothing', async () => {
    await store.bookings.insertMany([{ tenantId: T1, programId: P, menteeId: guid(200), mentorId: guid(100), organizerId: guid(100) }], at);
    const all = await store.bookings.listForProgram(T1, P);
    expect(all).toHaveLength(6);
    expect(all.every((b) => b.status === 'finding' && b.attempt === 1 && b.version === 1 && b.chatId === null)).toBe(true);
    expect(await store.bookings.listForProgram(T2, P)).toEqual([]);
  });

  it('lets two workers claim due bookings without ever taking the same one', async () => {
    const [a, b] = await Promise.all([store.bookings.claimDue('finding', at, 4, 60_000), store.bookings.claimDue('finding', at, 4, 60_000)]);
    const claimed = [...a, ...b].map((x) => x.menteeId);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).toHaveLength(6);
    // Leased: nobody gets them again until the lease runs out or they are saved.
    expect(await store.bookings.claimDue('finding', at, 10, 60_000)).toEqual([]);
    expect(await store.bookings.claimDue('finding', new Date(at.getTime() + 61_000), 10, 60_000)).toHaveLength(6);
  });

  it('saves the whole state and releases the lease', async () => {
    const b = (await store.bookings.get(T1, P, guid(200)))!;
    const slot = SLOT;
    await store.bookings.save(
      {
        ...b,
        status: 'booked',
        chatId: '19:x@thread.v2',
        chatReady: true,
        zones: { [guid(100)]: 'Europe/London' },
        offer: [slot],
        chosen: slot,
        pickedBy: guid(200),
        eventId: 'AAMk=',
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/x',
        version: 4,
        nextAttemptAt: at,
      },
      at,
    );
    const back = (await store.bookings.get(T1, P, guid(200)))!;
    expect(back).toMatchObject({ status: 'booked', chatId: '19:x@thread.v2', chatReady: true, zones: { [guid(100)]: 'Europe/London' }, chosen: slot, offer: [slot], eventId: 'AAMk=', version: 4 });
    const locked = await store.bookings.getForUpdate(T1, P, guid(200));
    expect(locked?.status).toBe('booked');
  });

  it('saves a batch in one statement with the same rows as saving one by one, the last record of a pair winning', async () => {
    const [one, two, three] = await Promise.all([guid(201), guid(202), guid(203)].map(async (id) => (await store.bookings.get(T1, P, id))!));
    const later = new Date(at.getTime() + 3_600_000);
    const offer = [{ ...SLOT, note: 'a note' }];
    const a = { ...one!, status: 'choosing' as const, offer, zones: { [guid(101)]: 'Asia/Tokyo' }, chatId: '19:a@thread.v2', chatReady: true, version: 2, problem: 'nearest alternatives' };
    const b = { ...two!, status: 'unbookable' as const, offer: [], problem: 'no time at all', tries: 3, version: 3, nextAttemptAt: later };
    const c = { ...three!, status: 'ended' as const, endedAt: later, version: 5 };
    await store.bookings.saveMany([{ ...a, version: 99 }, b, c, a], later);
    const batch = await Promise.all([a, b, c].map(async (x) => (await store.bookings.get(T1, P, x.menteeId))!));
    // The same records, saved one by one, read back the same.
    for (const x of [a, b, c]) await store.bookings.save(x, later);
    const single = await Promise.all([a, b, c].map(async (x) => (await store.bookings.get(T1, P, x.menteeId))!));
    expect(batch).toEqual(single);
    expect(batch.map((x) => [x.status, x.version, x.problem])).toEqual([
      ['choosing', 2, 'nearest alternatives'],
      ['unbookable', 3, 'no time at all'],
      ['ended', 5, null],
    ]);
    expect(batch[0]).toMatchObject({ offer, zones: { [guid(101)]: 'Asia/Tokyo' }, chosen: null, chatReady: true });
    expect(batch[2]!.endedAt).toEqual(later);
    // Leases released (the claims of the test before had leased every row).
    const leases = await db.query<{ locked_until: Date | null }>('SELECT locked_until FROM bookings WHERE tenant_id = $1 AND mentee_id = ANY($2::uuid[])', [T1, [a.menteeId, b.menteeId, c.menteeId]]);
    expect(leases.map((r) => r.locked_until)).toEqual([null, null, null]);
  });

  it('enqueues many outbox messages in their order, skipping keys already there or given twice', async () => {
    const msg = (key: string, text: string) => ({ tenantId: T1, dedupeKey: key, recipientId: guid(100), kind: 'send' as const, activity: { type: 'message', text } });
    await store.outbox.enqueue(msg('batch:k1', 'first'));
    await store.outbox.enqueueMany([
      msg('batch:k2', 'two'),
      msg('batch:k1', 'again'),
      { ...msg('batch:k3', 'three'), kind: 'update', updatesKey: 'batch:k2', chatId: '19:c@thread.v2', purpose: { kind: 'booking', menteeId: guid(200) } },
      msg('batch:k2', 'twice'),
    ]);
    const rows = await store.outbox.sendsWithPrefix('batch:');
    expect(rows.map((r) => [r.dedupeKey, r.activity.text])).toEqual([
      ['batch:k1', 'first'],
      ['batch:k2', 'two'],
    ]);
    const k3 = await store.outbox.findByKey('batch:k3');
    expect(k3).toMatchObject({ kind: 'update', updatesKey: 'batch:k2', chatId: '19:c@thread.v2', purpose: { kind: 'booking', menteeId: guid(200) }, activity: { text: 'three' } });
    expect(k3!.id).toBeGreaterThan(rows[1]!.id);
    expect((await store.outbox.findByKey('batch:k2'))!.purpose).toBeUndefined();
    expect([...(await store.outbox.existingKeys(['batch:k1', 'batch:k3', 'batch:none']))].sort()).toEqual(['batch:k1', 'batch:k3']);
  });
});
