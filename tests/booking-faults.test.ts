import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookChosen, findTimes, pickSlot, queueBookings } from '../src/app/booking/booking.ts';
import type { Program } from '../src/contracts/programs.ts';
import type { Flipside } from '../src/server/compose.ts';
import { apiFor } from './support/api.ts';
import { FakeClock } from './support/fakes/clock.ts';
import { startTestFlipside } from './support/flipside.ts';
import { createProgram } from './support/programs.ts';

let f: Flipside;
let program: Program;
const PAIRS = 200;

/** Moved forward by the test, so that backoff waits pass at once. */
const clock = new FakeClock();

beforeAll(async () => {
  f = await startTestFlipside({ orgSize: 1_000, seed: 11 });
  const org = f.sandbox!.tenant.org;
  program = await createProgram(apiFor(f), org.personas.hrAdmin, { name: 'Booking under faults' });
  // Pairs as matching would publish them (matching itself is tested elsewhere): 200 distinct
  // people on each side, each pair in one office so that their working days overlap.
  const people = org.people.filter((p) => p.accountEnabled && p.mail && p.level >= 2 && !Object.values(org.personas).includes(p.id));
  const byZone = new Map<string, typeof people>();
  for (const p of people) byZone.set(p.workingHours.timeZone, [...(byZone.get(p.workingHours.timeZone) ?? []), p]);
  const pairs = [...byZone.values()]
    .flatMap((group) =>
      Array.from({ length: Math.floor(group.length / 2) }, (_, i) => ({ mentorId: group[2 * i]!.id, menteeId: group[2 * i + 1]!.id, score: 1, reasons: [], locked: false, manual: false })),
    )
    .slice(0, PAIRS);
  expect(pairs).toHaveLength(PAIRS);
  await f.store.transaction(async (tx) => {
    await tx.matching.insertPairs(org.tenantId, program.id, pairs, clock.now());
    await queueBookings(tx, 'mentor', org.tenantId, program.id, pairs, clock.now());
  });
});
afterAll(async () => f?.close());

describe('booking under Graph throttling, server errors and lost answers', () => {
  // Heavy (400 calendars, 200 series through retries): more room than the default 30 s on a loaded machine.
  it('books 200 pairs into exactly 200 series, each with a Teams link', { timeout: 180_000 }, async () => {
    const tenant = f.sandbox!.tenant;
    Object.assign(tenant.faults, { throttleRate: 0.1, failRate: 0.1, lostAnswerRate: 0.1, retryAfterSeconds: 0 });
    const deps = { ...f.booking, clock };
    const tenantId = tenant.org.tenantId;
    const status = async () => Object.fromEntries((await f.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM bookings GROUP BY status')).map((r) => [r.status, r.n]));

    // Find times, through retries: the job runs again whenever backoff allows.
    for (let round = 0; round < 30 && ((await status()).finding ?? 0) > 0; round++) {
      await findTimes(deps);
      clock.advance(10 * 60_000);
    }
    expect(await status()).toEqual({ choosing: PAIRS });

    // Every pair picks its first option; the booking job books the picks, and retries what Graph refused.
    const rows = await f.db.query<{ mentee_id: string; mentor_id: string; version: number; offer: { id: string }[] }>('SELECT mentee_id, mentor_id, version, offer FROM bookings');
    for (const r of rows) await pickSlot(deps, { tenantId, userId: r.mentor_id }, { programId: program.id, menteeId: r.mentee_id, slotId: r.offer[0]!.id, version: r.version });
    for (let round = 0; round < 30 && ((await status()).booking ?? 0) > 0; round++) {
      await bookChosen(deps);
      clock.advance(10 * 60_000);
    }
    expect(await status()).toEqual({ booked: PAIRS });

    const series = [...tenant.events.values()].filter((e) => String(e.resource.subject).startsWith('Reverse mentoring:'));
    expect(series).toHaveLength(PAIRS);
    expect(new Set(series.map((e) => e.organizerId)).size).toBe(PAIRS);
    const stored = await f.db.query<{ event_id: string; join_url: string }>('SELECT event_id, join_url FROM bookings');
    expect(new Set(stored.map((r) => r.event_id))).toEqual(new Set(series.map((e) => e.id)));
    expect(stored.every((r) => r.join_url.startsWith('https://teams.microsoft.com/l/meetup-join/'))).toBe(true);
    // The faults did happen: this was not a quiet run.
    expect(tenant.counters.throttled).toBeGreaterThan(0);
    expect(tenant.counters.failed).toBeGreaterThan(0);
  });
});
