/**
 * Sessions as data: written from a pair's booked series, and kept true as the series is moved
 * (a new time picked) or ended. Outlook's own changes to single occurrences come in through
 * outlook.ts; this module follows Flipside's changes to the whole series.
 */
import { randomUUID } from 'node:crypto';
import { sessionPlan, type SessionStep } from '../../domain/sessions/curriculum.ts';
import { ownSessions } from '../booking/context.ts';
import type { BookingRecord } from '../booking/ports.ts';
import type { Store } from '../store.ts';
import type { Clock } from '../shared/clock.ts';
import { pairTopics } from './context.ts';
import { isSettled, type SessionRecord } from './ports.ts';
import type { Topic } from '../../domain/programs/program.ts';

/** How long after a session's end its attendance is first read. */
export const ATTENDANCE_AFTER_MS = 10 * 60_000;

const BATCH = 200;

/**
 * Writes the sessions of every booking that changed since its sessions were written: a booked
 * series gets one session per occurrence still ahead (sessions already held or missed stay as
 * they are), a series that moved cancels what no longer fits, an ended one cancels what is left.
 * Returns how many bookings it brought up to date.
 */
export async function writeSessions(deps: { store: Store; clock: Clock }, limit = BATCH): Promise<number> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const stale = await tx.series.listStale(limit);
    if (stale.length === 0) return 0;
    const byPair = new Map<string, SessionRecord[]>();
    for (const tenantId of new Set(stale.map((s) => s.booking.tenantId))) {
      const pairs = stale.filter((s) => s.booking.tenantId === tenantId).map((s) => s.booking);
      for (const [key, sessions] of await tx.sessions.listForPairs(tenantId, pairs)) byPair.set(`${tenantId}:${key}`, sessions);
    }
    const inserts: SessionRecord[] = [];
    const updates: SessionRecord[] = [];
    for (const { booking } of stale) {
      // A mentee paired again (after the fit check) keeps their key: only this mentor's sessions are this series'.
      const existing = (byPair.get(`${booking.tenantId}:${booking.programId}:${booking.menteeId}`) ?? []).filter((s) => s.mentorId === booking.mentorId);
      const { topics, custom } = await topicsOf(tx, booking);
      const next = planFor(booking, existing, topics, now, custom);
      inserts.push(...next.inserts);
      updates.push(...next.updates);
      await tx.series.markWritten(booking, booking.version);
    }
    await tx.sessions.saveMany(updates, now);
    await tx.sessions.insertMany(inserts, now);
    return stale.length;
  });
}

async function topicsOf(tx: Store, b: BookingRecord): Promise<{ topics: Topic[]; custom: SessionStep[] | null }> {
  const program = await tx.programs.get(b.tenantId, b.programId);
  return program ? { topics: await pairTopics(tx, b, program), custom: program.sessionPlan } : { topics: [], custom: null };
}

/**
 * The changes that bring a pair's sessions in line with its booking, as a value. Past and settled
 * sessions are history and never change; sessions ahead follow the series.
 */
export function planFor(b: BookingRecord, existing: SessionRecord[], topics: Topic[], now: Date, custom: SessionStep[] | null = null): { inserts: SessionRecord[]; updates: SessionRecord[] } {
  const ahead = (s: SessionRecord) => !isSettled(s) && s.start.getTime() > now.getTime();
  const kept = existing.filter((s) => !ahead(s) && s.status !== 'cancelled');
  const updates: SessionRecord[] = [];
  const cancel = (s: SessionRecord) => updates.push({ ...s, status: 'cancelled', source: 'flipside', attendanceDueAt: null, version: s.version + 1 });

  if (b.status !== 'booked') {
    for (const s of existing.filter(ahead)) cancel(s);
    return { inserts: [], updates };
  }
  const occurrences = ownSessions(b).filter((o) => o.start.getTime() > now.getTime());
  const wanted = new Map(occurrences.map((o) => [o.start.getTime(), o]));
  const live = existing.filter(ahead);
  // A session ahead that the series still has (same original start) stays, with its agenda.
  const stays = live.filter((s) => wanted.has(s.originalStart.getTime()));
  // A series made longer or shorter (the program changed): planned sessions take the new length.
  const resized = new Set<SessionRecord>();
  for (const s of stays) {
    const o = wanted.get(s.originalStart.getTime())!;
    if (s.status === 'planned' && s.end.getTime() !== o.end.getTime()) {
      s.end = o.end;
      if (s.attendanceDueAt) s.attendanceDueAt = new Date(o.end.getTime() + ATTENDANCE_AFTER_MS);
      resized.add(s);
    }
  }
  for (const s of live) if (!wanted.has(s.originalStart.getTime())) cancel(s);
  const have = new Set(stays.map((s) => s.originalStart.getTime()));
  const fresh = occurrences.filter((o) => !have.has(o.start.getTime()));

  const of = kept.length + stays.length + fresh.length;
  const plan = sessionPlan(of, topics, custom);
  const inserts: SessionRecord[] = fresh.map((o) => ({
    tenantId: b.tenantId,
    id: randomUUID(),
    programId: b.programId,
    menteeId: b.menteeId,
    mentorId: b.mentorId,
    n: 0,
    of,
    start: o.start,
    end: o.end,
    originalStart: o.start,
    status: 'planned',
    source: 'plan',
    topic: plan[0]!,
    agendaSentAt: null,
    attendanceDueAt: b.joinUrl ? new Date(o.end.getTime() + ATTENDANCE_AFTER_MS) : null,
    attendanceTries: 0,
    feedbackSentAt: null,
    minutesTogether: null,
    attendanceProblem: null,
    version: 1,
  }));
  // Number every live session by start; those ahead take the curriculum step of their place.
  const ordered = [...kept, ...stays, ...inserts].sort((x, y) => x.start.getTime() - y.start.getTime());
  ordered.forEach((s, i) => {
    const changed = s.n !== i + 1 || s.of !== of || resized.has(s);
    s.n = i + 1;
    s.of = of;
    if (!kept.includes(s) && !s.agendaSentAt) s.topic = plan[i]!;
    if (changed && !inserts.includes(s) && !updates.includes(s)) updates.push({ ...s, version: s.version + 1 });
  });
  return { inserts, updates };
}
