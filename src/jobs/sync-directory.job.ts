import { z } from 'zod';
import { syncDirectory } from '../app/directory/syncDirectory.ts';
import { SWEEP_APPROVALS } from './sweep-approvals.job.ts';
import { defineJob } from './worker.ts';

export const SYNC_DIRECTORY = 'sync-directory';
/** How often the org chart is read again (readiness compares the last sync's age with it). */
export const SYNC_DIRECTORY_EVERY_MS = 15 * 60_000;

/** The org chart from Graph (one delta round), every 15 minutes and at start; then the approval sweep, for new managers. */
export const syncDirectoryJob = (deps: Parameters<typeof syncDirectory>[0], tenantId: string, kick: (kind: string) => void) =>
  defineJob({
    kind: SYNC_DIRECTORY,
    every: SYNC_DIRECTORY_EVERY_MS,
    payload: z.null(),
    // A first full round of a large directory can take minutes.
    leaseMs: 10 * 60_000,
    async run(_payload, { log }) {
      log.info(await syncDirectory(deps, tenantId), 'directory synced');
      kick(SWEEP_APPROVALS);
    },
  });
