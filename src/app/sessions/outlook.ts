/**
 * Keeping sessions true to Outlook: someone moves or cancels one occurrence of the series in
 * Outlook; Graph's change notification (or, should it be lost, the periodic read of the series'
 * instances) brings it here and the session, and its agenda, say so.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DAY_MS } from '../booking/context.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store.ts';
import { pairKey, type SessionDeps } from './context.ts';
import { updateAgenda } from './agenda.ts';
import { isSettled, type Occurrence, type SeriesState, type SessionRecord } from './ports.ts';

/** A series is read again at least this often, notifications or not: the safety net. */
export const SERIES_CHECK_EVERY_MS = 6 * 3_600_000;
/** Outlook event subscriptions live at most 10080 minutes; Flipside asks for less and renews a day before. */
export const SUBSCRIPTION_LIFETIME_MS = 6 * DAY_MS;
const RENEW_BEFORE_MS = DAY_MS;
const BATCH = 200;

/**
 * Reads the occurrences of the series that a notification marked, or that were not read for
 * SERIES_CHECK_EVERY_MS, and brings their sessions in line; finds the Teams meeting of those whose
 * meeting id is not known yet. Returns how many sessions changed.
 */
export async function checkSeries(deps: Pick<SessionDeps, 'store' | 'clock' | 'series' | 'attendance' | 'settings'>, limit = BATCH): Promise<number> {
  const now = deps.clock.now();
  const toCheck = await deps.store.series.listToCheck(new Date(now.getTime() - SERIES_CHECK_EVERY_MS), limit);
  if (toCheck.length === 0) return 0;
  const windows = toCheck.map((st) => {
    const b = st.booking as SeriesState['booking'] & { eventId: string; chosen: NonNullable<SeriesState['booking']['chosen']> };
    return { key: pairKey(b), organizerId: b.organizerId, eventId: b.eventId, from: new Date(now.getTime() - DAY_MS), to: new Date(Date.parse(`${b.chosen.lastOccurrence}T00:00:00Z`) + 2 * DAY_MS) };
  });
  // The series' Teams meeting, found once by its join link on the first read (long before the
  // first session), so that reading attendance later needs only the reports. One not found now is
  // looked for again at the next read, and by the attendance read itself.
  const lookups = toCheck.flatMap((st) => (st.booking.joinUrl && !st.meetingId ? [{ key: pairKey(st.booking), organizerId: st.booking.organizerId, joinUrl: st.booking.joinUrl }] : []));
  const [answers, meetings] = await Promise.all([deps.series.instances(windows), lookups.length > 0 ? deps.attendance.meetingIds(lookups) : new Map<string, never>()]);
  let changed = 0;
  await deps.store.transaction(async (tx) => {
    const checked = [];
    for (const st of toCheck) {
      const meeting = meetings.get(pairKey(st.booking));
      if (meeting?.ok) await tx.series.setMeetingId(st.booking, meeting.meetingId);
      const answer = answers.get(pairKey(st.booking));
      if (!answer || !answer.ok) continue; // read again at the next pass
      const window = windows.find((w) => w.key === pairKey(st.booking))!;
      const sessions = await tx.sessions.listForPair(st.booking.tenantId, st.booking.programId, st.booking.menteeId);
      const updates = reconcile(sessions, answer.deleted ? [] : answer.occurrences, window.from, now);
      await tx.sessions.saveMany(updates, now);
      for (const s of updates) await updateAgenda(tx, s, now, deps.settings.tabUrl);
      changed += updates.length;
      checked.push(st.booking);
    }
    await tx.series.markChecked(checked, now);
  });
  return changed;
}

/**
 * What Outlook's occurrences change in a pair's sessions, as a value: a session whose occurrence
 * is gone was cancelled; one whose occurrence starts elsewhere was moved (and one moved back is
 * planned again). Sessions already held, missed or cancelled, and those before the window, stay.
 */
export function reconcile(sessions: SessionRecord[], occurrences: Occurrence[], from: Date, now: Date): SessionRecord[] {
  const byOriginal = new Map(occurrences.filter((o) => !o.cancelled).map((o) => [o.originalStart.getTime(), o]));
  const out: SessionRecord[] = [];
  for (const s of sessions) {
    if (isSettled(s) || s.originalStart.getTime() < from.getTime() || s.end.getTime() <= now.getTime()) continue;
    const o = byOriginal.get(s.originalStart.getTime());
    if (!o) {
      out.push({ ...s, status: 'cancelled', source: 'outlook', attendanceDueAt: null, version: s.version + 1 });
      continue;
    }
    const moved = o.start.getTime() !== s.originalStart.getTime() || o.end.getTime() - o.start.getTime() !== s.end.getTime() - s.start.getTime();
    const status = moved ? 'moved' : 'planned';
    if (o.start.getTime() === s.start.getTime() && o.end.getTime() === s.end.getTime() && status === s.status) continue;
    const attendanceDueAt = s.attendanceDueAt ? new Date(o.end.getTime() + (s.attendanceDueAt.getTime() - s.end.getTime())) : null;
    // A session moved later than its agenda's time gets its agenda again at the new time, once.
    out.push({ ...s, status, source: moved ? 'outlook' : s.source, start: o.start, end: o.end, attendanceDueAt, version: s.version + 1 });
  }
  return out;
}

/** One subscription per organizer of a booked series, created, renewed before it lapses, and removed when no longer needed. */
export async function keepSubscriptions(deps: Pick<SessionDeps, 'store' | 'clock' | 'subscriptions' | 'settings'>, tenantId: string): Promise<{ created: number; renewed: number; removed: number }> {
  const now = deps.clock.now();
  const organizers = new Set(await deps.store.series.organizers(tenantId));
  const existing = new Map((await deps.store.subscriptions.list(tenantId)).map((s) => [s.organizerId, s]));
  const result = { created: 0, renewed: 0, removed: 0 };
  const expiresAt = new Date(now.getTime() + SUBSCRIPTION_LIFETIME_MS);
  for (const [organizerId, sub] of existing) {
    if (organizers.has(organizerId)) continue;
    if (sub.subscriptionId) await deps.subscriptions.delete(sub.subscriptionId);
    await deps.store.subscriptions.delete(tenantId, organizerId);
    result.removed++;
  }
  for (const organizerId of organizers) {
    const sub = existing.get(organizerId);
    if (sub?.subscriptionId && sub.expiresAt && sub.expiresAt.getTime() - now.getTime() > RENEW_BEFORE_MS) continue;
    if (sub?.subscriptionId && sub.expiresAt && sub.expiresAt.getTime() > now.getTime()) {
      const renewed = await deps.subscriptions.renew(sub.subscriptionId, expiresAt);
      if (renewed.ok) {
        await deps.store.subscriptions.save({ ...sub, expiresAt: renewed.expiresAt, problem: null }, now);
        result.renewed++;
        continue;
      }
    }
    // None yet, lapsed, or gone: a new one (its clientState new too). The series is read once now, for what was missed meanwhile.
    const clientState = randomBytes(24).toString('base64url');
    const made = await deps.subscriptions.create({
      organizerId,
      notificationUrl: deps.settings.notificationUrl,
      lifecycleNotificationUrl: deps.settings.lifecycleNotificationUrl,
      clientState,
      expiresAt,
    });
    if (made.ok) {
      await deps.store.subscriptions.save({ tenantId, organizerId, subscriptionId: made.subscription.id, clientState, expiresAt: made.subscription.expiresAt, problem: null }, now);
      if (sub) await deps.store.series.markDirty(tenantId, organizerId);
      result.created++;
    } else {
      await deps.store.subscriptions.save({ tenantId, organizerId, subscriptionId: null, clientState, expiresAt: null, problem: made.reason }, now);
    }
  }
  return result;
}

const notificationSchema = z.object({
  value: z
    .array(
      z.object({
        subscriptionId: z.string().min(1).max(200),
        clientState: z.string().max(200).optional().nullable(),
        changeType: z.string().max(100).optional(),
        lifecycleEvent: z.enum(['reauthorizationRequired', 'subscriptionRemoved', 'missed']).optional(),
      }),
    )
    .min(1)
    .max(1000),
});

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Graph's notifications (change and lifecycle): each one checked against the subscription's
 * clientState (a forged one changes nothing), then only marked for the jobs, so the endpoint
 * answers at once. Returns how many were taken, or the problem with the body.
 */
export async function acceptNotifications(
  deps: { store: Store; clock: Clock },
  body: unknown,
): Promise<{ ok: true; accepted: number; rejected: number } | { ok: false; field: string; message: string }> {
  const parsed = notificationSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, field: issue.path.join('.') || 'value', message: issue.message };
  }
  let accepted = 0;
  let rejected = 0;
  const now = deps.clock.now();
  for (const n of parsed.data.value) {
    const sub = await deps.store.subscriptions.byId(n.subscriptionId);
    if (!sub || !n.clientState || !sameSecret(n.clientState, sub.clientState)) {
      rejected++;
      continue;
    }
    accepted++;
    if (n.lifecycleEvent === 'reauthorizationRequired') await deps.store.subscriptions.save({ ...sub, expiresAt: now }, now);
    else if (n.lifecycleEvent === 'subscriptionRemoved') await deps.store.subscriptions.save({ ...sub, subscriptionId: null, expiresAt: null }, now);
    if (n.lifecycleEvent !== 'reauthorizationRequired') await deps.store.series.markDirty(sub.tenantId, sub.organizerId);
  }
  return { ok: true, accepted, rejected };
}
