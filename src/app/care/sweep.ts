/** The care loop's pass over every booked pair, run by a job on the Clock. */
import { askCheckIns } from './check-in.ts';
import { currentPair, type CareDeps } from './context.ts';
import { askFitCheck } from './fit-check.ts';
import { watchStall } from './stalls.ts';

/**
 * For each booked pair: the fit check and the mentor's check-ins when due, and, unless the pair is
 * paused, its stall (one nudge per stretch) and HR's question about closing it. Each pair in its
 * own transaction; every message is idempotent by key, so a pass run twice sends nothing twice.
 * Returns how many messages it queued.
 */
export async function careSweep(deps: CareDeps): Promise<number> {
  let queued = 0;
  for (const key of await deps.store.care.bookedPairs()) {
    queued += await deps.store.transaction(async (tx) => {
      const pair = await currentPair(tx, key);
      if (!pair || pair.booking.status !== 'booked') return 0;
      let n = (await askFitCheck(tx, deps, key, pair)) + (await askCheckIns(tx, deps, key, pair));
      if (!(await tx.care.openPause(key.tenantId, key.programId, key.menteeId))) n += await watchStall(tx, deps, key, pair);
      return n;
    });
  }
  return queued;
}
