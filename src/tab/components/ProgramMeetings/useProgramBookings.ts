import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgramBookings } from '../../../contracts/matching.ts';
import type { ApiClient } from '../../api.ts';
import { inProgress } from '../../bookingText.ts';
import { useRefreshEpoch } from '../../refresh.ts';
import { useLoad, type Load } from '../../useLoad.ts';
import { hrApi } from '../../hrApi.ts';

/** Often enough to watch Flipside find and book times; the jobs behind it run every few seconds. */
export const POLL_MS = 5_000;

export interface ProgramBookingsState {
  loaded: Load<ProgramBookings> & { retry: () => void };
  /** The latest answer: from the first load, a poll, or an action. */
  data: ProgramBookings | null;
  /** Any answer of the API replaces what is shown (ending a pair answers with the whole view). */
  replace: (next: ProgramBookings) => void;
  /** Polling: Flipside is working on a pair. */
  watching: boolean;
  /** A poll failed: polling stops until `refresh`. */
  pollFailure: unknown;
  refresh: () => void;
}

/**
 * A program's meetings, polled every few seconds while Flipside is still working on a pair
 * (finding, booking, ending); quiet once none is. Publishing queues every pair's series in the same
 * transaction, so there is nothing to wait for while the list is empty.
 */
export function useProgramBookings(api: ApiClient, programId: string): ProgramBookingsState {
  const loaded = useLoad(() => hrApi(api).programBookings(programId), programId);
  const [latest, setLatest] = useState<ProgramBookings | null>(null);
  const [pollFailure, setPollFailure] = useState<unknown>(null);
  const data = latest ?? (loaded.status === 'done' ? loaded.data : null);

  const watching = data !== null && data.pairs.some((p) => inProgress(p.booking.status)) && pollFailure === null;
  useEffect(() => {
    if (!watching) return;
    let current = true;
    // One poll per answer: each new `data` schedules the next, and a newer answer (an action's) cancels a poll in flight.
    const timer = setTimeout(() => {
      hrApi(api)
        .programBookings(programId)
        .then(
          (next) => current && setLatest(next),
          (error: unknown) => current && setPollFailure(error),
        );
    }, POLL_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, programId, watching, data]);

  const refresh = useCallback(() => {
    setPollFailure(null);
    hrApi(api)
      .programBookings(programId)
      .then(setLatest, (error: unknown) => setPollFailure(error));
  }, [api, programId]);

  // The sandbox's clock moved (sessions held, missed, series over): the latest answer is stale too.
  const epoch = useRefreshEpoch();
  const firstEpoch = useRef(epoch);
  useEffect(() => {
    if (epoch !== firstEpoch.current) setLatest(null);
  }, [epoch]);

  return { loaded, data, replace: setLatest, watching, pollFailure, refresh };
}
