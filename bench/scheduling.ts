import { performance } from 'node:perf_hooks';
import { bookChosen, findTimes, pickSlot, queueBookings } from '../src/app/booking/booking.ts';
import type { BookingDeps } from '../src/app/booking/booking.ts';
import { loadConfig } from '../src/config/config.ts';
import type { Program, ProgramInput } from '../src/contracts/programs.ts';
import { startFlipside } from '../src/server/compose.ts';
import { createLogger } from '../src/server/logger.ts';
import type { SandboxTenant } from '../src/sandbox/graph/tenant.ts';

const CHECK_WEEKS = 8;

/** Wraps a port so that the sandbox's HTTP request count while it works is put on `phase`. */
function counted<T extends object>(port: T, tenant: SandboxTenant, tally: Map<string, number>, phase: string, ms: Map<string, number>): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const before = tenant.counters.requests;
        const t0 = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          tally.set(phase, (tally.get(phase) ?? 0) + tenant.counters.requests - before);
          ms.set(phase, (ms.get(phase) ?? 0) + performance.now() - t0);
        }
      };
    },
  });
}

/** A deterministic shuffle (mulberry32), so every run pairs the same people. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Booking 1,000 published pairs in a 5,000-person sandbox org, through the real gateways (Graph
 * client over HTTP to the sandbox Graph, PGlite): Graph requests to read every calendar and book
 * every series, against the naive way — one `findMeetingTimes` per pair per week of the check
 * window, then one POST per series. The sandbox, like Graph for an app, has no findMeetingTimes:
 * its time is modelled by a two-person, one-week getSchedule, measured on a sample in this run.
 */
export async function benchScheduling(opts: { quick?: boolean } = {}): Promise<void> {
  const size = opts.quick ? 1_000 : 5_000;
  const pairCount = opts.quick ? 200 : 1_000;
  const config = loadConfig({ PORT: '0', SANDBOX_ORG_SIZE: String(size), LOG_LEVEL: 'silent', SANDBOX_OTHERS_RESPOND: 'false' });
  const f = await startFlipside({ ...config, database: { kind: 'pglite' } }, { log: createLogger('silent'), syncOnStart: false });
  try {
    await f.syncNow();
    const tenant = f.sandbox!.tenant;
    const org = tenant.org;
    const tally = new Map<string, number>();
    const ms = new Map<string, number>();
    const deps: BookingDeps = {
      ...f.booking,
      calendars: counted(f.booking.calendars, tenant, tally, 'read calendars (getSchedule)', ms),
      chats: counted(f.booking.chats, tenant, tally, 'pair chats (create + install)', ms),
      writer: counted(f.booking.writer, tenant, tally, 'book series (events)', ms),
    };

    // A program and 1,000 pairs: the most senior people as mentees, each with a junior mentor drawn
    // at random from any office (matching, which favours shared working hours, does better).
    const hr = org.personas.hrAdmin;
    const session = await fetch(`${f.url}/sandbox/identity/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: hr }) });
    const token = ((await session.json()) as { accessToken: string }).accessToken;
    const call = async (method: string, path: string, body?: unknown) =>
      (await fetch(`${f.url}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) })).json();
    const template = (await call('GET', '/programs/template')) as ProgramInput;
    const program = (await call('POST', '/programs', { ...template, name: 'Scheduling benchmark' })) as Program;
    const personas = new Set(Object.values(org.personas));
    const people = org.people.filter((p) => p.accountEnabled && p.mail && !personas.has(p.id));
    const bySeniority = shuffled(people, 1).sort((x, y) => x.level - y.level);
    const seniors = bySeniority.slice(0, pairCount);
    const juniors = shuffled(
      bySeniority.slice(pairCount).filter((p) => p.level > seniors.at(-1)!.level),
      2,
    );
    const pairs = seniors.map((s, i) => ({ mentorId: juniors[i % juniors.length]!.id, menteeId: s.id, score: 1, reasons: [], locked: false, manual: false }));
    const now = new Date();
    await f.store.transaction(async (tx) => {
      await tx.matching.insertPairs(org.tenantId, program.id, pairs, now);
      await queueBookings(tx, 'mentor', org.tenantId, program.id, pairs, now);
    });

    // Ours: one round finds times for every pair (chats, calendars); everyone picks; one round books.
    tenant.resetCounters();
    let t0 = performance.now();
    await findTimes(deps);
    const findMs = performance.now() - t0;
    const rows = await f.db.query<{ mentee_id: string; mentor_id: string; version: number; status: string; problem: string | null; offer: { id: string; withinWorkingHoursEveryDate: boolean }[] }>(
      'SELECT mentee_id, mentor_id, version, status, problem, offer FROM bookings WHERE program_id = $1',
      [program.id],
    );
    const asAsked = rows.filter((r) => r.status === 'choosing' && r.problem === null && r.offer[0]?.withinWorkingHoursEveryDate);
    const alternatives = rows.filter((r) => r.status === 'choosing' && r.problem !== null);
    const unbookable = rows.filter((r) => r.status === 'unbookable');
    for (const r of rows.filter((x) => x.status === 'choosing')) {
      await pickSlot(deps, { tenantId: org.tenantId, userId: r.mentor_id }, { programId: program.id, menteeId: r.mentee_id, slotId: r.offer[0]!.id, version: r.version });
    }
    t0 = performance.now();
    const booked = await bookChosen(deps);
    const bookMs = performance.now() - t0;

    const reads = tally.get('read calendars (getSchedule)') ?? 0;
    const chats = tally.get('pair chats (create + install)') ?? 0;
    const books = tally.get('book series (events)') ?? 0;

    // The naive way: findMeetingTimes per pair per week, then one POST per series (and per chat).
    const naiveReads = pairs.length * CHECK_WEEKS;
    const naiveBooks = booked;
    const naiveChats = 2 * pairs.length;
    const sample = pairs.slice(0, 100);
    tenant.resetCounters();
    t0 = performance.now();
    for (const p of sample) {
      const mails = [p.mentorId, p.menteeId].map((id) => org.byId.get(id)!.mail!);
      await f.graph.post(`/users/${p.mentorId}/calendar/getSchedule`, {
        schedules: mails,
        startTime: { dateTime: now.toISOString().slice(0, 19), timeZone: 'UTC' },
        endTime: { dateTime: new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 19), timeZone: 'UTC' },
        availabilityViewInterval: 30,
      });
    }
    const naivePerCallMs = (performance.now() - t0) / sample.length;
    const naiveReadMs = naivePerCallMs * naiveReads;

    console.log(`\n## Scheduling: ${pairs.length.toLocaleString('en')} published pairs in a ${size.toLocaleString('en')}-person sandbox org (real Graph client over HTTP, PGlite)`);
    console.table([
      { step: 'read every calendar (getSchedule, 20 people a call, 20 calls a $batch)', ours: reads, naive: naiveReads, 'naive is': `findMeetingTimes per pair per week (${CHECK_WEEKS} weeks)` },
      { step: 'book every series (events, 20 a $batch)', ours: books, naive: naiveBooks, 'naive is': 'one POST per series' },
      { step: 'pair chats (POST /chats + install, 20 a $batch)', ours: chats, naive: naiveChats, 'naive is': 'two POSTs per pair' },
    ]);
    const ratio = (naiveReads + naiveBooks) / (reads + books);
    console.log(`read calendars + book every series: ${reads + books} Graph requests against ${naiveReads + naiveBooks} the naive way: ${ratio.toFixed(0)}× fewer`);
    console.log(
      `with the pair chats: ${reads + books + chats} against ${naiveReads + naiveBooks + naiveChats}: ${((naiveReads + naiveBooks + naiveChats) / (reads + books + chats)).toFixed(0)}× fewer`,
    );
    console.log(
      `time: finding times for all pairs ${(findMs / 1000).toFixed(2)} s (calendar reads, chats, slot finder), booking ${(bookMs / 1000).toFixed(2)} s; the naive calendar reads alone ≈ ${(naiveReadMs / 1000).toFixed(1)} s (${naivePerCallMs.toFixed(1)} ms per call, measured on ${sample.length} in this run): ${(naiveReadMs / findMs).toFixed(1)}× slower`,
    );
    const secs = (phase: string) => `${((ms.get(phase) ?? 0) / 1000).toFixed(1)} s`;
    console.log(
      `of which: calendar reads ${secs('read calendars (getSchedule)')} (the sandbox computes every calendar), chats ${secs('pair chats (create + install)')}, series ${secs('book series (events)')}`,
    );
    const pct = (n: number) => `${((100 * n) / pairs.length).toFixed(1)} %`;
    console.log(
      `pairs with a slot inside both people's working hours, free in most weeks: ${asAsked.length} (${pct(asAsked.length)}); offered the nearest alternatives: ${alternatives.length} (${pct(alternatives.length)}); no time at all (pair and HR told why): ${unbookable.length} (${pct(unbookable.length)}); series booked: ${booked}`,
    );
    // The goals: finding times for 1,000 pairs ≤ 20 s (scaled to the pairs of a --quick run); booking ≤ 3× its Graph writes.
    const findGoalMs = (20_000 * pairs.length) / 1_000;
    const writesMs = ms.get('book series (events)') ?? 0;
    console.table([
      {
        goal: `finding times ≤ ${(findGoalMs / 1000).toFixed(0)} s${pairs.length === 1_000 ? '' : ' (20 s per 1,000 pairs)'}`,
        figure: `${(findMs / 1000).toFixed(2)} s`,
        met: findMs <= findGoalMs ? 'yes' : 'no',
      },
      {
        goal: `booking ≤ 3× its Graph writes (${(writesMs / 1000).toFixed(2)} s)`,
        figure: `${(bookMs / 1000).toFixed(2)} s = ${(bookMs / Math.max(1, writesMs)).toFixed(1)}×`,
        met: bookMs <= 3 * writesMs ? 'yes' : 'no',
      },
    ]);
    if (ratio < 50) {
      console.log('FAIL: fewer than 50× fewer Graph requests than the naive way');
      process.exitCode = 1;
    }
  } finally {
    await f.close();
  }
}
