import { z } from 'zod';
import { sendDueAgendas } from '../app/sessions/agenda.ts';
import { readDueAttendance } from '../app/sessions/attendance.ts';
import type { SessionDeps } from '../app/sessions/context.ts';
import { sendDueFeedback } from '../app/sessions/feedback.ts';
import { checkSeries, keepSubscriptions } from '../app/sessions/outlook.ts';
import { writeSessions } from '../app/sessions/plan.ts';
import { DELIVER_OUTBOX } from './deliver-outbox.job.ts';
import { defineJob, type JobDefinition } from './worker.ts';

export const WRITE_SESSIONS = 'write-sessions';
export const SESSION_CARDS = 'session-cards';
export const READ_ATTENDANCE = 'read-attendance';
export const CHECK_SERIES = 'check-series';
export const KEEP_SUBSCRIPTIONS = 'keep-subscriptions';

/**
 * The session loop's jobs, each over the rows that are due by the Clock: sessions written from
 * booked series, agendas and feedback cards sent when due, attendance read after each session,
 * series read from Outlook (marked by a notification, or as the safety net), subscriptions kept.
 */
export function sessionJobs(deps: SessionDeps, tenantId: string, kick: (kind: string) => void): JobDefinition[] {
  const none = z.null();
  return [
    defineJob({
      kind: WRITE_SESSIONS,
      payload: none,
      every: 5_000,
      async run() {
        const written = await writeSessions(deps);
        if (written > 0) kick(SESSION_CARDS);
        return { more: written >= 200 };
      },
    }),
    defineJob({
      kind: SESSION_CARDS,
      payload: none,
      every: 15_000,
      async run() {
        const sent = (await sendDueAgendas(deps)) + (await sendDueFeedback(deps));
        if (sent > 0) kick(DELIVER_OUTBOX);
        return { more: sent >= 200 };
      },
    }),
    defineJob({
      kind: READ_ATTENDANCE,
      payload: none,
      every: 60_000,
      leaseMs: 300_000,
      async run() {
        const settled = await readDueAttendance(deps);
        if (settled > 0) kick(SESSION_CARDS);
        return { more: settled >= 400 };
      },
    }),
    defineJob({
      kind: CHECK_SERIES,
      payload: none,
      every: 60_000,
      leaseMs: 300_000,
      async run() {
        const changed = await checkSeries(deps);
        if (changed > 0) kick(DELIVER_OUTBOX);
      },
    }),
    defineJob({
      kind: KEEP_SUBSCRIPTIONS,
      payload: none,
      every: 30 * 60_000,
      leaseMs: 300_000,
      async run() {
        await keepSubscriptions(deps, tenantId);
      },
    }),
  ];
}
