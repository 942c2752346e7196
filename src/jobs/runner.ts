import type { Logger } from 'pino';

export interface PeriodicTask {
  name: string;
  everyMs: number;
  /** Runs once; returning true means "there may be more right away" (run again without waiting). */
  run(): Promise<boolean | void>;
}

/**
 * Runs periodic tasks, one run of a task at a time. Every task is idempotent and its state lives in
 * Postgres, so several instances may run them together and a crash loses nothing. `stop` waits
 * for the runs in flight to finish, so a restart does not cut a delivery in half.
 */
export function startTasks(tasks: PeriodicTask[], log: Logger): { stop(): Promise<void>; kick(name: string): void } {
  let stopping = false;
  const running = new Map<string, Promise<void>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const byName = new Map(tasks.map((t) => [t.name, t]));

  const schedule = (task: PeriodicTask, delay: number) => {
    if (stopping) return;
    clearTimeout(timers.get(task.name));
    const timer = setTimeout(() => void runNow(task), delay);
    timer.unref();
    timers.set(task.name, timer);
  };

  const runNow = async (task: PeriodicTask) => {
    if (stopping || running.has(task.name)) return;
    const run = (async () => {
      let more = false;
      try {
        more = (await task.run()) === true;
      } catch (error) {
        log.error({ err: error, task: task.name }, 'task failed; it will run again');
      } finally {
        running.delete(task.name);
      }
      schedule(task, more ? 0 : task.everyMs);
    })();
    running.set(task.name, run);
    await run;
  };

  for (const task of tasks) schedule(task, 0);
  return {
    async stop() {
      stopping = true;
      for (const t of timers.values()) clearTimeout(t);
      await Promise.all(running.values());
    },
    kick(name: string) {
      const task = byName.get(name);
      if (task && !running.has(name)) schedule(task, 0);
    },
  };
}
