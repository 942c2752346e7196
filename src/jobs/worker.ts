import type { Logger } from 'pino';
import type { z } from 'zod';
import { backoffMs } from '../app/shared/backoff.ts';
import type { Clock } from '../app/shared/clock.ts';
import type { ClaimedJob, JobRepository } from '../app/shared/jobs.ts';
import { SpanKind, withSpan } from '../app/shared/tracing.ts';

/** Recurring jobs that run less often than this are traced one span a run. */
const SPAN_EVERY_MIN_MS = 60_000;

/** What a handler gets besides its payload. */
export interface JobContext {
  /** A child logger naming the job (kind, key, attempt). */
  log: Logger;
  /** This attempt's number, from 1. */
  attempt: number;
  key: string;
  tenantId: string | null;
  /** The clock's time when the run started. */
  now: Date;
}

/** One kind of job and how to run it. */
export interface JobDefinition<P = unknown> {
  kind: string;
  /**
   * The payload's schema, checked before each run. A payload that fails it can never succeed: the
   * job fails for good with the offending field in its last error (a recurring one runs again
   * `every` later, with the error logged each time).
   */
  payload: z.ZodType<P>;
  /**
   * Milliseconds: a recurring job. The worker keeps exactly one job of this kind (key = kind,
   * payload null), due at start when missing, and puts it back `every` ms after each run ends,
   * failed or not.
   */
  every?: number;
  /** How long a claim holds the job; longer than the longest run, or another worker runs it too. Default 60 s. */
  leaseMs?: number;
  /** One-off jobs: attempts before the job fails for good, unless its request set its own. Default 8. */
  maxAttempts?: number;
  /**
   * Does the work; throwing fails this attempt (retried with backoff, or failed for good after the
   * last). May run more than once for one job (a worker that died mid-run), so it must be idempotent.
   * `{ more: true }` from a recurring job: there is more to do, run again right away.
   */
  run(payload: P, ctx: JobContext): Promise<void | { more: boolean }>;
}

/** A job definition, its payload type inferred from its schema. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

export interface Worker {
  /** Stops claiming and waits for the runs in flight to end (their outcomes are written). */
  stop(): Promise<void>;
  /** Makes the recurring job of this kind due now (or right after its current run) and wakes the loop. */
  kick(kind: string): Promise<void>;
  /** One claim-and-run pass now, waiting for its runs (tests). Returns how many jobs it ran. */
  runDue(): Promise<number>;
  /**
   * Runs `fn` with the background loop held: no new claims start on their own, the runs in flight
   * end first, and inside `fn` only `runDue` runs jobs. For moving the sandbox's clock: no job
   * is half-way through a run when time jumps (its lease would seem to lapse).
   */
  hold<T>(fn: () => Promise<T>): Promise<T>;
  /** The recurring kinds this worker runs. */
  readonly recurringKinds: readonly string[];
}

export interface WorkerOptions {
  jobs: JobRepository;
  clock: Clock;
  definitions: readonly JobDefinition[];
  log: Logger;
  /** Milliseconds between claim passes when there is nothing to do. Default 250. */
  pollMs?: number;
  /** Jobs run at once. Default 4. */
  concurrency?: number;
  /** True (default): poll in the background; false: run only when `runDue` is called. */
  autoStart?: boolean;
  /** Randomness for backoff jitter, in [0, 1); tests pass a fixed one. */
  random?: () => number;
}

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_MAX_ATTEMPTS = 8;

type Outcome = { ok: true; more: boolean } | { ok: false; error: unknown };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function payloadProblem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`).join('; ');
}

/**
 * Starts a worker for these job kinds: it claims due jobs of these kinds only (another instance
 * with a newer build may know kinds this one does not), runs them `concurrency` at a time, and
 * writes each outcome. The same recurring job never runs twice at once in one worker. Nothing a
 * handler throws escapes: it is logged once and written to the job.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { jobs, clock, log } = options;
  const pollMs = options.pollMs ?? 250;
  const concurrency = options.concurrency ?? 4;
  const random = options.random ?? Math.random;
  const autoStart = options.autoStart ?? true;

  const byKind = new Map<string, JobDefinition>();
  for (const d of options.definitions) {
    if (byKind.has(d.kind)) throw new Error(`two job definitions of kind ${d.kind}`);
    if (d.every !== undefined && !(d.every > 0)) throw new Error(`job ${d.kind}: every must be a positive number of milliseconds`);
    byKind.set(d.kind, d);
  }
  // One claim per lease length, since a claim gives all its jobs one lease.
  const leaseGroups = new Map<number, string[]>();
  for (const d of byKind.values()) {
    const leaseMs = d.leaseMs ?? DEFAULT_LEASE_MS;
    leaseGroups.set(leaseMs, [...(leaseGroups.get(leaseMs) ?? []), d.kind]);
  }

  for (const d of byKind.values()) {
    if (d.every === undefined) continue;
    if (await jobs.schedule({ kind: d.kind, key: d.kind, runAt: clock.now() })) continue;
    const existing = await jobs.get(d.kind);
    if (existing && (existing.status !== 'pending' || existing.kind !== d.kind)) {
      log.error({ job: d.kind, status: existing.status, kind: existing.kind }, 'the recurring job key is taken by a job that will not run; the recurring job will not run');
    }
  }

  let stopping = false;
  let held = 0;
  const inFlight = new Set<Promise<void>>();
  const runningRecurring = new Set<string>();
  const kickedWhileRunning = new Set<string>();
  let passes: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let passing = false;
  let wakeAfterPass = false; // asked to claim again while a pass was under way
  let backlog = false; // the last pass took all it could: there may be more due

  const noteLostLease = (written: boolean, jobLog: Logger) => {
    if (!written) jobLog.warn('the job’s lease ran out and another claim took it: this outcome was not recorded');
  };

  /** Writes how the run ended. Returns true when the job wants to run again right away. */
  const finish = async (job: ClaimedJob, def: JobDefinition, jobLog: Logger, outcome: Outcome): Promise<boolean> => {
    const now = clock.now();
    if (def.every !== undefined) {
      const error = outcome.ok ? undefined : messageOf(outcome.error);
      if (!outcome.ok) jobLog.error({ err: outcome.error }, 'recurring job failed; it runs again at its next time');
      const more = outcome.ok && outcome.more;
      noteLostLease(await jobs.reschedule(job, new Date(now.getTime() + (more ? 0 : def.every)), error), jobLog);
      return more;
    }
    if (outcome.ok) {
      noteLostLease(await jobs.complete(job, now), jobLog);
    } else if (job.attempts >= (job.maxAttempts ?? def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
      jobLog.error({ err: outcome.error }, 'job failed for good');
      noteLostLease(await jobs.fail(job, messageOf(outcome.error), now), jobLog);
    } else {
      const wait = backoffMs(job.attempts, undefined, random);
      jobLog.warn({ err: outcome.error, retryInMs: wait }, 'job failed; it will be retried');
      noteLostLease(await jobs.retryLater(job, new Date(now.getTime() + wait), messageOf(outcome.error)), jobLog);
    }
    return false;
  };

  /** Validates, runs and records one job; never throws. Returns true when it wants to run again right away. */
  const runOne = (job: ClaimedJob): Promise<boolean> => {
    const def = byKind.get(job.kind)!;
    // Each run is a span; the sub-minute pollers (the outbox every 500 ms, booking every 5 s) would
    // be a flood of empty ones, so they show only through the Graph calls and sends they make.
    if (def.every !== undefined && def.every < SPAN_EVERY_MIN_MS) return runTraced(job, def);
    return withSpan(`job ${job.kind}`, SpanKind.INTERNAL, { 'flipside.job.kind': job.kind, 'flipside.job.attempt': job.attempts }, () => runTraced(job, def));
  };

  const runTraced = async (job: ClaimedJob, def: JobDefinition): Promise<boolean> => {
    const jobLog = log.child({ job: job.kind, key: job.key, attempt: job.attempts });
    try {
      const parsed = def.payload.safeParse(job.payload);
      if (!parsed.success) {
        const problem = `invalid payload: ${payloadProblem(parsed.error)}`;
        // A recurring job stays (it is put back like any failed run); a one-off one can never succeed.
        if (def.every !== undefined) return await finish(job, def, jobLog, { ok: false, error: new Error(problem) });
        jobLog.error({ problem }, 'job payload does not fit its schema; failed for good');
        noteLostLease(await jobs.fail(job, problem, clock.now()), jobLog);
        return false;
      }
      let outcome: Outcome;
      try {
        const result = await def.run(parsed.data, { log: jobLog, attempt: job.attempts, key: job.key, tenantId: job.tenantId, now: clock.now() });
        outcome = { ok: true, more: result?.more === true };
      } catch (error) {
        outcome = { ok: false, error };
      }
      return await finish(job, def, jobLog, outcome);
    } catch (error) {
      // Writing the outcome failed (the database): the lease runs out and the job runs again.
      jobLog.error({ err: error }, 'could not record the job’s outcome; it runs again when its lease ends');
      return false;
    }
  };

  const start = (job: ClaimedJob): Promise<void> => {
    const recurring = byKind.get(job.kind)?.every !== undefined;
    if (recurring) runningRecurring.add(job.kind);
    const run = runOne(job).then((more) => {
      inFlight.delete(run);
      const kicked = recurring && kickedWhileRunning.delete(job.kind);
      if (recurring) runningRecurring.delete(job.kind);
      if (more || kicked || backlog) wake();
    });
    inFlight.add(run);
    return run;
  };

  /** Claims what fits in the free slots and starts it; returns the runs started. */
  const claimAndStart = async (): Promise<Promise<void>[]> => {
    if (stopping) return [];
    let free = concurrency - inFlight.size;
    if (free <= 0) {
      backlog = true;
      return [];
    }
    const started: Promise<void>[] = [];
    const now = clock.now();
    for (const [leaseMs, kinds] of leaseGroups) {
      const claimable = kinds.filter((k) => !runningRecurring.has(k));
      if (free <= 0 || claimable.length === 0) continue;
      const claimed = await jobs.claimDue(now, free, leaseMs, claimable);
      free -= claimed.length;
      for (const job of claimed) started.push(start(job));
    }
    backlog = free <= 0;
    return started;
  };

  /** Passes never overlap, so that one recurring job is never claimed by two passes of this worker. */
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = passes.then(fn);
    passes = result.catch(() => undefined); // the caller of this pass gets its error; the next pass runs regardless
    return result;
  };

  const arm = (delay: number) => {
    if (stopping || !autoStart) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  };

  function wake() {
    if (passing) wakeAfterPass = true;
    else arm(0);
  }

  function tick() {
    timer = undefined;
    if (stopping) return;
    if (held > 0) return arm(pollMs);
    passing = true;
    void serially(claimAndStart)
      .catch((error: unknown) => log.error({ err: error }, 'claiming due jobs failed; trying again at the next poll'))
      .finally(() => {
        passing = false;
        const soon = wakeAfterPass || (backlog && inFlight.size < concurrency);
        wakeAfterPass = false;
        arm(soon ? 0 : pollMs);
      });
  }

  arm(0);

  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await passes;
      await Promise.all(inFlight);
    },

    async kick(kind: string) {
      const def = byKind.get(kind);
      if (def?.every === undefined) {
        log.warn({ job: kind }, 'kick: this worker has no recurring job of that kind');
        return;
      }
      try {
        await jobs.runSoon(kind, clock.now());
      } catch (error) {
        log.error({ err: error, job: kind }, 'kick: could not make the job due; it runs at its time');
        return;
      }
      if (runningRecurring.has(kind)) kickedWhileRunning.add(kind);
      else wake();
    },

    async runDue() {
      if (stopping) return 0;
      const started = await serially(claimAndStart);
      await Promise.all(started);
      return started.length;
    },

    async hold<T>(fn: () => Promise<T>): Promise<T> {
      held++;
      try {
        await passes;
        await Promise.all(inFlight);
        return await fn();
      } finally {
        held--;
        if (held === 0) wake();
      }
    },

    recurringKinds: [...byKind.values()].filter((d) => d.every !== undefined).map((d) => d.kind),
  };
}
