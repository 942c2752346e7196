import { setTimeout as sleep } from 'node:timers/promises';
import { pino, type Logger } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { backoffMs } from '../src/app/shared/backoff.ts';
import type { ClaimedJob } from '../src/app/shared/jobs.ts';
import { defineJob, startWorker, type JobDefinition, type Worker } from '../src/jobs/worker.ts';
import { SqlJobRepository } from '../src/store/jobs.repository.ts';
import type { SqlClient } from '../src/store/sql-client.ts';
import { openMigrated, testDatabases } from './support/db.ts';

const T0 = new Date('2026-11-23T09:00:00Z');
const HOUR = 3_600_000;

/** A clock the test moves by hand. */
function fakeClock(start = T0) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

/** A logger whose lines the test can read. */
function capturedLog(): { log: Logger; lines: { level: number; msg: string; key?: string }[] } {
  const lines: { level: number; msg: string; key?: string }[] = [];
  return { log: pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) }), lines };
}
const WARN = 40;
const ERROR = 50;

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** The repository with every `complete` answer written down. */
class RecordingJobs extends SqlJobRepository {
  readonly completions: boolean[] = [];
  override async complete(job: ClaimedJob, at: Date): Promise<boolean> {
    const ok = await super.complete(job, at);
    this.completions.push(ok);
    return ok;
  }
}

describe('backoffMs', () => {
  it.each([
    { attempts: 1, retryAfterMs: undefined, random: 0, ms: 250 },
    { attempts: 1, retryAfterMs: undefined, random: 1, ms: 500 },
    { attempts: 2, retryAfterMs: undefined, random: 0.5, ms: 750 },
    { attempts: 0, retryAfterMs: undefined, random: 0, ms: 250 },
    { attempts: 12, retryAfterMs: undefined, random: 0, ms: 150_000 },
    { attempts: 40, retryAfterMs: undefined, random: 1, ms: 300_000 },
    { attempts: 3, retryAfterMs: 7_000, random: 0.9, ms: 7_000 },
  ])('after $attempts attempts, Retry-After $retryAfterMs, random $random: $ms ms', ({ attempts, retryAfterMs, random, ms }) => {
    expect(backoffMs(attempts, retryAfterMs, () => random)).toBe(ms);
  });
});

describe.each(testDatabases)('jobs on $name', ({ open }) => {
  let db: SqlClient;
  let jobs: SqlJobRepository;
  let workers: Worker[] = [];
  let gates: (() => void)[] = [];

  const rowsOfKind = async (kind: string) => db.query<{ key: string; status: string; attempts: number }>('SELECT key, status, attempts FROM jobs WHERE kind = $1 ORDER BY key', [kind]);

  /** A worker stopped after the test. */
  async function worker(options: { clock: { now(): Date }; definitions: JobDefinition[]; log?: Logger; pollMs?: number; concurrency?: number; autoStart?: boolean; jobs?: SqlJobRepository }) {
    const w = await startWorker({ jobs, log: pino({ level: 'silent' }), autoStart: false, random: () => 0.5, ...options });
    workers.push(w);
    return w;
  }

  beforeAll(async () => {
    db = await openMigrated(open);
    jobs = new SqlJobRepository(db);
  });
  afterEach(async () => {
    for (const open of gates) open();
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    gates = [];
  });
  afterAll(async () => db?.close());

  it('runs a job scheduled twice under one key once, and never again once it is done', async () => {
    const clock = fakeClock();
    const seen: number[] = [];
    const w = await worker({ clock, definitions: [defineJob({ kind: 'agenda', payload: z.object({ n: z.number() }), run: async (p) => void seen.push(p.n) })] });

    expect(await jobs.schedule({ kind: 'agenda', key: 'agenda:p1:1', runAt: T0, payload: { n: 1 } })).toBe(true);
    expect(await jobs.schedule({ kind: 'agenda', key: 'agenda:p1:1', runAt: T0, payload: { n: 2 } })).toBe(false);
    expect(await w.runDue()).toBe(1);
    expect(await w.runDue()).toBe(0);
    expect(await jobs.get('agenda:p1:1')).toMatchObject({ status: 'done', attempts: 1, doneAt: T0, payload: { n: 1 } });

    expect(await jobs.schedule({ kind: 'agenda', key: 'agenda:p1:1', runAt: T0, payload: { n: 3 } })).toBe(false);
    clock.advance(24 * HOUR);
    expect(await w.runDue()).toBe(0);
    expect(seen).toEqual([1]);
    expect(await rowsOfKind('agenda')).toHaveLength(1);
  });

  it('finishes a job once through a second worker when the first died mid-run, and refuses the first one’s late outcome', async () => {
    const clock = fakeClock();
    const finished: string[] = [];
    const entered = gate();
    const hung = gate();
    gates.push(hung.open);
    const leaseMs = 30_000;
    const recordingA = new RecordingJobs(db);
    const logA = capturedLog();
    const a = await worker({
      clock,
      jobs: recordingA,
      log: logA.log,
      definitions: [
        defineJob({
          kind: 'welcome',
          leaseMs,
          payload: z.object({ to: z.string() }),
          run: async () => {
            entered.open();
            await hung.opened;
          },
        }),
      ],
    });
    const b = await worker({
      clock,
      definitions: [defineJob({ kind: 'welcome', leaseMs, payload: z.object({ to: z.string() }), run: async (p) => void finished.push(`B:${p.to}`) })],
    });
    await jobs.schedule({ kind: 'welcome', key: 'welcome:u1', runAt: T0, payload: { to: 'u1' } });

    const aPass = a.runDue();
    await entered.opened;
    expect(await b.runDue()).toBe(0); // A holds the lease
    clock.advance(leaseMs);
    expect(await b.runDue()).toBe(0); // still A's: the lease holds up to and including its last millisecond
    clock.advance(1);
    expect(await b.runDue()).toBe(1);
    const afterB = await jobs.get('welcome:u1');
    expect(afterB).toMatchObject({ status: 'done', attempts: 2, doneAt: clock.now() });

    clock.advance(5_000);
    hung.open(); // A comes back and tries to record its outcome
    expect(await aPass).toBe(1);
    expect(recordingA.completions).toEqual([false]);
    expect(await jobs.get('welcome:u1')).toEqual(afterB);
    expect(finished).toEqual(['B:u1']);
    expect(logA.lines.filter((l) => l.level === WARN && l.key === 'welcome:u1')).toHaveLength(1);
    expect(logA.lines.filter((l) => l.level >= ERROR)).toEqual([]);
  });

  it('runs every job exactly once when two workers poll one table together', async () => {
    const clock = fakeClock();
    const keys = Array.from({ length: 40 }, (_, i) => `bulk:${String(i).padStart(2, '0')}`);
    for (const key of keys) await jobs.schedule({ kind: 'bulk', key, runAt: T0 });
    const ran: string[] = [];
    const definition = defineJob({
      kind: 'bulk',
      payload: z.null(),
      run: async (_, ctx) => {
        await sleep(Math.random() * 5);
        ran.push(ctx.key);
      },
    });
    await worker({ clock, definitions: [definition], autoStart: true, pollMs: 5, concurrency: 3 });
    await worker({ clock, definitions: [definition], autoStart: true, pollMs: 5, concurrency: 3 });

    await vi.waitFor(async () => expect((await rowsOfKind('bulk')).filter((r) => r.status === 'done')).toHaveLength(keys.length), { timeout: 20_000, interval: 20 });
    expect([...ran].sort()).toEqual(keys);
    expect((await rowsOfKind('bulk')).every((r) => r.attempts === 1)).toBe(true);
  });

  it('retries a failing job with backoff, counting attempts, and fails it for good after the last', async () => {
    const clock = fakeClock();
    let calls = 0;
    const log = capturedLog();
    const w = await worker({
      clock,
      log: log.log,
      definitions: [
        defineJob({
          kind: 'flaky',
          maxAttempts: 3,
          payload: z.null(),
          run: async () => {
            calls++;
            throw new Error('mailbox throttled');
          },
        }),
      ],
    });
    await jobs.schedule({ kind: 'flaky', key: 'flaky:1', runAt: T0 });

    expect(await w.runDue()).toBe(1);
    // random 0.5: 375 ms after the first failure, 750 ms after the second.
    expect(await jobs.get('flaky:1')).toMatchObject({ status: 'pending', attempts: 1, runAt: new Date(T0.getTime() + 375), lastError: 'mailbox throttled' });
    clock.advance(374);
    expect(await w.runDue()).toBe(0);
    clock.advance(1);
    expect(await w.runDue()).toBe(1);
    expect(await jobs.get('flaky:1')).toMatchObject({ status: 'pending', attempts: 2, runAt: new Date(clock.now().getTime() + 750) });
    clock.advance(750);
    expect(await w.runDue()).toBe(1);
    expect(await jobs.get('flaky:1')).toMatchObject({ status: 'failed', attempts: 3, lastError: 'mailbox throttled', doneAt: clock.now() });
    clock.advance(HOUR);
    expect(await w.runDue()).toBe(0);
    expect(calls).toBe(3);
    expect(log.lines.filter((l) => l.key === 'flaky:1').map((l) => l.level)).toEqual([WARN, WARN, ERROR]);

    // A job's own maxAttempts wins over its definition's.
    await jobs.schedule({ kind: 'flaky', key: 'flaky:once', runAt: clock.now(), maxAttempts: 1 });
    expect(await w.runDue()).toBe(1);
    expect(await jobs.get('flaky:once')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('fails a job whose payload does not fit its schema, naming the field, and goes on with the next', async () => {
    const clock = fakeClock();
    const greeted: string[] = [];
    const log = capturedLog();
    const w = await worker({
      clock,
      log: log.log,
      definitions: [defineJob({ kind: 'greet', payload: z.object({ name: z.string() }), run: async (p) => void greeted.push(p.name) })],
    });
    await jobs.schedule({ kind: 'greet', key: 'greet:bad', runAt: T0, payload: { name: 42 } });
    await jobs.schedule({ kind: 'greet', key: 'greet:good', runAt: new Date(T0.getTime() + 1), payload: { name: 'Ada' } });
    clock.advance(1);

    expect(await w.runDue()).toBe(2);
    const bad = await jobs.get('greet:bad');
    expect(bad).toMatchObject({ status: 'failed', attempts: 1 });
    expect(bad?.lastError).toMatch(/^invalid payload: name: .*string/);
    expect(await jobs.get('greet:good')).toMatchObject({ status: 'done' });
    expect(greeted).toEqual(['Ada']);
    expect(log.lines.filter((l) => l.key === 'greet:bad' && l.level === ERROR)).toHaveLength(1);
    clock.advance(HOUR);
    expect(await w.runDue()).toBe(0);
  });

  it('keeps one recurring job when two workers start together, and puts it back every interval', async () => {
    const clock = fakeClock();
    let runs = 0;
    const sweep = defineJob({ kind: 'sweep', every: 60_000, payload: z.null(), run: async () => void runs++ });
    const [a, b] = await Promise.all([worker({ clock, definitions: [sweep] }), worker({ clock, definitions: [sweep] })]);
    expect(await rowsOfKind('sweep')).toEqual([{ key: 'sweep', status: 'pending', attempts: 0 }]);

    expect((await Promise.all([a.runDue(), b.runDue()])).reduce((x, y) => x + y)).toBe(1);
    expect(await jobs.get('sweep')).toMatchObject({ status: 'pending', attempts: 0, runAt: new Date(T0.getTime() + 60_000), lastError: null });
    clock.advance(59_999);
    expect(await a.runDue()).toBe(0);
    clock.advance(1);
    expect(await b.runDue()).toBe(1);
    expect(runs).toBe(2);

    await worker({ clock, definitions: [sweep] }); // a restart creates nothing and moves nothing
    expect(await rowsOfKind('sweep')).toHaveLength(1);
    expect((await jobs.get('sweep'))?.runAt).toEqual(new Date(clock.now().getTime() + 60_000));
  });

  it('puts a failed recurring job back one interval later, keeping its error', async () => {
    const clock = fakeClock();
    const log = capturedLog();
    const w = await worker({
      clock,
      log: log.log,
      definitions: [
        defineJob({
          kind: 'sync',
          every: 15 * 60_000,
          payload: z.null(),
          run: async () => {
            throw new Error('Graph said 503');
          },
        }),
      ],
    });
    expect(await w.runDue()).toBe(1);
    expect(await jobs.get('sync')).toMatchObject({ status: 'pending', attempts: 0, runAt: new Date(T0.getTime() + 15 * 60_000), lastError: 'Graph said 503' });
    expect(log.lines.filter((l) => l.level === ERROR && l.key === 'sync')).toHaveLength(1);
  });

  it('never runs one recurring job twice at once in one worker, even past its lease', async () => {
    const clock = fakeClock();
    let calls = 0;
    let running = 0;
    let most = 0;
    const entered = gate();
    const slow = gate();
    gates.push(slow.open);
    const w = await worker({
      clock,
      concurrency: 4,
      definitions: [
        defineJob({
          kind: 'book',
          every: 5_000,
          leaseMs: 1_000,
          payload: z.null(),
          run: async () => {
            most = Math.max(most, ++running);
            if (++calls === 1) {
              entered.open();
              await slow.opened;
            }
            running--;
          },
        }),
      ],
    });
    const first = w.runDue();
    await entered.opened;
    clock.advance(10_000); // its lease ran out: another worker could take it, this one must not
    expect(await w.runDue()).toBe(0);
    slow.open();
    expect(await first).toBe(1);
    expect(most).toBe(1);
    expect(calls).toBe(1);
  });

  it('runs a recurring job at once when kicked, and again right after a run the kick came during', async () => {
    const clock = fakeClock();
    let runs = 0;
    const during = gate();
    const entered = gate();
    gates.push(during.open);
    const w = await worker({
      clock,
      autoStart: true,
      pollMs: 60_000,
      definitions: [
        defineJob({
          kind: 'deliver',
          every: 60_000,
          payload: z.null(),
          run: async () => {
            runs++;
            if (runs === 2) {
              entered.open();
              await during.opened;
            }
          },
        }),
      ],
    });
    await vi.waitFor(() => expect(runs).toBe(1), { timeout: 10_000 });
    await sleep(100);
    expect(runs).toBe(1); // not due for another minute of the clock, which does not move

    await w.kick('deliver');
    await entered.opened;
    expect(runs).toBe(2);
    await w.kick('deliver'); // during run 2
    during.open();
    await vi.waitFor(() => expect(runs).toBe(3), { timeout: 10_000 });
    await sleep(100);
    expect(runs).toBe(3);
    expect((await jobs.get('deliver'))?.runAt).toEqual(new Date(T0.getTime() + 60_000));
  });

  it('runs a recurring job again without waiting when it says there is more', async () => {
    const clock = fakeClock();
    let runs = 0;
    await worker({
      clock,
      autoStart: true,
      pollMs: 60_000,
      definitions: [defineJob({ kind: 'drain', every: 60_000, payload: z.null(), run: async () => ({ more: ++runs < 3 }) })],
    });
    await vi.waitFor(() => expect(runs).toBe(3), { timeout: 10_000 });
    await sleep(100);
    expect(runs).toBe(3);
    expect((await jobs.get('drain'))?.runAt).toEqual(new Date(T0.getTime() + 60_000));
  });

  it('leaves one-off jobs due later until the clock reaches them, or runSoon brings them forward', async () => {
    const clock = fakeClock();
    const ran: string[] = [];
    const w = await worker({ clock, definitions: [defineJob({ kind: 'remind', payload: z.null(), run: async (_, ctx) => void ran.push(ctx.key) })] });
    await jobs.schedule({ kind: 'remind', key: 'remind:tomorrow', runAt: new Date(T0.getTime() + 24 * HOUR) });
    await jobs.schedule({ kind: 'remind', key: 'remind:next-week', runAt: new Date(T0.getTime() + 7 * 24 * HOUR) });

    expect(await w.runDue()).toBe(0);
    clock.advance(24 * HOUR - 1);
    expect(await w.runDue()).toBe(0);
    clock.advance(1);
    expect(await w.runDue()).toBe(1);
    expect(ran).toEqual(['remind:tomorrow']);

    await jobs.runSoon('remind:next-week', new Date(T0.getTime() + 30 * 24 * HOUR)); // never later
    expect((await jobs.get('remind:next-week'))?.runAt).toEqual(new Date(T0.getTime() + 7 * 24 * HOUR));
    await jobs.runSoon('remind:next-week', clock.now());
    expect(await w.runDue()).toBe(1);
    expect(ran).toEqual(['remind:tomorrow', 'remind:next-week']);
  });

  it('leaves jobs of kinds it does not know to the workers that do', async () => {
    const clock = fakeClock();
    const w = await worker({ clock, definitions: [defineJob({ kind: 'known', payload: z.null(), run: async () => undefined })] });
    await jobs.schedule({ kind: 'from-a-newer-build', key: 'newer:1', runAt: T0 });
    clock.advance(HOUR);
    expect(await w.runDue()).toBe(0);
    expect(await jobs.get('newer:1')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('claims oldest due first and refuses every outcome from a claim whose lease was taken', async () => {
    await jobs.schedule({ kind: 'lease', key: 'lease:later', runAt: new Date(T0.getTime() + 2) });
    await jobs.schedule({ kind: 'lease', key: 'lease:sooner', runAt: new Date(T0.getTime() + 1) });
    const at = new Date(T0.getTime() + 10);
    const first = await jobs.claimDue(at, 10, 1_000, ['lease']);
    expect(first.map((j) => j.key)).toEqual(['lease:sooner', 'lease:later']);
    const stale = first[0]!;
    const [taken] = await jobs.claimDue(new Date(at.getTime() + 1_001), 1, 1_000, ['lease']);
    expect(taken).toMatchObject({ key: 'lease:sooner', attempts: 2 });
    expect(taken!.lease).not.toBe(stale.lease);

    const before = await jobs.get('lease:sooner');
    expect(await jobs.complete(stale, at)).toBe(false);
    expect(await jobs.retryLater(stale, at, 'late')).toBe(false);
    expect(await jobs.reschedule(stale, at)).toBe(false);
    expect(await jobs.fail(stale, 'late', at)).toBe(false);
    expect(await jobs.get('lease:sooner')).toEqual(before);

    expect(await jobs.fail(taken!, 'x'.repeat(2_000), at)).toBe(true);
    expect((await jobs.get('lease:sooner'))?.lastError).toHaveLength(500);
    expect(await jobs.complete(taken!, at)).toBe(false); // already failed for good
  });
});
