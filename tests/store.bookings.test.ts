import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../src/store/index.ts';
import type { SqlClient } from '../src/store/sql-client.ts';
import type { Store } from '../src/app/store.ts';
import { openMigrated, testDatabases } from './support/db.ts';
import { guid, T1, T2 } from './support/people.ts';
import { programRecord } from './support/programs.ts';

const P = '33333333-3333-4333-8333-333333333333';
const at = new Date('2026-11-22T10:00:00Z');

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
    const slot = {
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
});
