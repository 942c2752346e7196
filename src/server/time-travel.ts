import type { Store } from '../app/store.ts';
import type { SandboxTime } from '../contracts/sessions.ts';
import type { Logger } from './logger.ts';

const DAY_MS = 86_400_000;
/** After a session's start: long enough for it to end, its attendance to be read (Teams may be slow to make the report: read again for up to an hour) and its feedback cards to go out. */
const AFTER_SESSION_MS = 3 * 3_600_000 + 5 * 60_000;
const MAX_STEPS = 2_000;
const MAX_PASSES = 200;

/** What moving time needs of the jobs' worker (src/jobs' Worker has it). */
export interface JobRunner {
  hold<T>(fn: () => Promise<T>): Promise<T>;
  runDue(): Promise<number>;
  kick(kind: string): Promise<void>;
  readonly recurringKinds: readonly string[];
}

export interface MovableClock {
  now(): Date;
  set(to: Date): void;
}

/**
 * Moves the sandbox's clock forward in steps, each to the next time something falls due (an
 * agenda, an attendance read, feedback cards), running every job that is due at each step with
 * the worker's background loop held, so that a week happens in order and in seconds.
 */
export function timeTravel(deps: { clock: MovableClock; store: Store; worker: () => Promise<JobRunner>; settle: () => Promise<void>; log: Logger }) {
  const status = async (): Promise<SandboxTime> => {
    const next = await deps.store.sessions.nextStartAfter(deps.clock.now());
    return { now: deps.clock.now().toISOString(), nextSessionAt: next?.toISOString() ?? null, moving: false };
  };

  /** Every job due now runs, and what they make due (kicks, notifications) too, until nothing is left. */
  const drain = async (worker: JobRunner) => {
    await Promise.all(worker.recurringKinds.map((kind) => worker.kick(kind)));
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      await deps.settle();
      if ((await worker.runDue()) === 0) return;
    }
    deps.log.warn('sandbox time: jobs were still running after many passes; moving on');
  };

  const skip = async (to: 'next-session' | 'day' | 'week'): Promise<SandboxTime> => {
    const worker = await deps.worker();
    return worker.hold(async () => {
      await drain(worker);
      const now = deps.clock.now();
      const nextStart = to === 'next-session' ? await deps.store.sessions.nextStartAfter(now) : null;
      const target = new Date(nextStart ? nextStart.getTime() + AFTER_SESSION_MS : now.getTime() + (to === 'day' ? DAY_MS : 7 * DAY_MS));
      for (let step = 0; step < MAX_STEPS && deps.clock.now() < target; step++) {
        const due = await deps.store.sessions.nextMilestoneAfter(deps.clock.now());
        deps.clock.set(due && due < target ? new Date(due.getTime() + 1) : target);
        await drain(worker);
      }
      deps.log.info({ now: deps.clock.now().toISOString() }, 'sandbox time moved');
      return status();
    });
  };
  return { status, skip };
}
