/**
 * Attendance from the Teams meeting, not self-report: after each session Flipside reads the
 * meeting's attendance report once (batched across pairs) and says whether the session was held.
 * Where the tenant does not allow it, HR is told once and the feedback card's "did it happen" decides.
 */
import { attendanceOutcome, type Interval } from '../../domain/sessions/attendance.ts';
import { backoffMs } from '../shared/backoff.ts';
import type { Store } from '../store.ts';
import type { SessionDeps } from './context.ts';
import { updateAgenda } from './agenda.ts';
import type { AttendanceAnswer, AttendanceQuery, AttendanceReport, SessionRecord } from './ports.ts';
import { tabLink } from '../../cards/tab-link.ts';

const BATCH = 400;
const LEASE_MS = 120_000;
/** Teams can take a while to produce a report: look again this many times before calling a session nobody joined missed. */
const EMPTY_LOOKS = 2;
const EMPTY_WAIT_MS = 30 * 60_000;
const MAX_TRIES = 6;
/** Reports that overlap the session, with some slack for early and late starts. */
const SLACK_BEFORE_MS = 30 * 60_000;
const SLACK_AFTER_MS = 2 * 3_600_000;

function intervalsOf(reports: AttendanceReport[], person: { id: string; mail: string | null }): Interval[] {
  const mail = person.mail?.toLowerCase();
  return reports.flatMap((r) => r.records.filter((rec) => rec.userId === person.id || (mail && rec.email?.toLowerCase() === mail)).flatMap((rec) => rec.intervals));
}

/**
 * Reads the attendance of every session whose time has come, in one batched pass. Returns how
 * many sessions it settled.
 */
export async function readDueAttendance(deps: Pick<SessionDeps, 'store' | 'clock' | 'attendance' | 'settings' | 'random'>, limit = BATCH): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.store.sessions.claimDueAttendance(now, limit, LEASE_MS);
  if (due.length === 0) return 0;
  const queries: { s: SessionRecord; q: AttendanceQuery; organizerId: string; heldMinutes: number }[] = [];
  const untracked: SessionRecord[] = [];
  for (const s of due) {
    const state = await deps.store.series.get(s.tenantId, s.programId, s.menteeId);
    const program = await deps.store.programs.get(s.tenantId, s.programId);
    const joinUrl = state?.booking.joinUrl;
    if (!state || !program || !joinUrl || s.status === 'cancelled') {
      untracked.push({ ...s, attendanceDueAt: null, version: s.version + 1 });
      continue;
    }
    queries.push({
      s,
      organizerId: state.booking.organizerId,
      heldMinutes: program.heldMinutes,
      q: {
        key: s.id,
        organizerId: state.booking.organizerId,
        joinUrl,
        meetingId: state.meetingId,
        start: new Date(s.start.getTime() - SLACK_BEFORE_MS),
        end: new Date(s.end.getTime() + SLACK_AFTER_MS),
      },
    });
  }
  const answers = queries.length > 0 ? await deps.attendance.attendance(queries.map((x) => x.q)) : new Map<string, AttendanceAnswer>();
  let settled = 0;
  await deps.store.transaction(async (tx) => {
    const changed: SessionRecord[] = [...untracked];
    for (const { s, q, heldMinutes } of queries) {
      const answer = answers.get(q.key) ?? { ok: false as const, reason: 'no answer', retry: true };
      const next = await settle(tx, s, answer, heldMinutes, now, deps.random ?? Math.random);
      if (answer.ok && answer.meetingId !== q.meetingId) await tx.series.setMeetingId(s, answer.meetingId);
      if (!answer.ok && answer.notAllowed) await tellHrOnce(tx, s, answer.reason, deps.settings.tabUrl);
      if (next.attendanceDueAt === null) settled++;
      changed.push(next);
    }
    await tx.sessions.saveMany(changed, now);
    for (const s of changed) if (s.status !== 'planned' && s.agendaSentAt) await updateAgenda(tx, s, now, deps.settings.tabUrl);
  });
  return settled;
}

async function settle(tx: Store, s: SessionRecord, answer: AttendanceAnswer, heldMinutes: number, now: Date, random: () => number): Promise<SessionRecord> {
  const bump = { version: s.version + 1 };
  if (!answer.ok) {
    if (answer.notAllowed || !answer.retry || s.attendanceTries + 1 >= MAX_TRIES) {
      return { ...s, ...bump, attendanceDueAt: null, attendanceProblem: answer.reason.slice(0, 300) };
    }
    return {
      ...s,
      ...bump,
      attendanceTries: s.attendanceTries + 1,
      attendanceDueAt: new Date(now.getTime() + backoffMs(s.attendanceTries + 1, undefined, random)),
      attendanceProblem: answer.reason.slice(0, 300),
    };
  }
  const window = { from: s.start.getTime() - SLACK_BEFORE_MS, to: s.end.getTime() + SLACK_AFTER_MS };
  const reports = answer.reports.filter((r) => r.end.getTime() > window.from && r.start.getTime() < window.to);
  if (reports.length === 0 && s.attendanceTries < EMPTY_LOOKS) {
    return { ...s, ...bump, attendanceTries: s.attendanceTries + 1, attendanceDueAt: new Date(now.getTime() + EMPTY_WAIT_MS) };
  }
  const people = await tx.directory.getPeople(s.tenantId, [s.mentorId, s.menteeId]);
  const [mentor, mentee] = [people.get(s.mentorId), people.get(s.menteeId)];
  const outcome = attendanceOutcome(intervalsOf(reports, { id: s.mentorId, mail: mentor?.mail ?? null }), intervalsOf(reports, { id: s.menteeId, mail: mentee?.mail ?? null }), heldMinutes);
  return { ...s, ...bump, status: outcome.status, source: 'attendance', minutesTogether: outcome.minutesTogether, attendanceDueAt: null, attendanceProblem: null };
}

/** HR hears once per program that attendance cannot be read, and what to do about it. */
async function tellHrOnce(tx: Store, s: SessionRecord, reason: string, tabUrl: string): Promise<void> {
  const program = await tx.programs.get(s.tenantId, s.programId);
  if (!program) return;
  await tx.outbox.enqueue({
    tenantId: s.tenantId,
    dedupeKey: `attendance-unavailable:${s.programId}`,
    recipientId: program.createdBy,
    kind: 'send',
    activity: {
      type: 'message',
      textFormat: 'markdown',
      text: [
        `**Flipside cannot read Teams attendance for ${program.name}.** ${reason}`,
        'Until this is set up, whether a session happened comes from the pair’s own answer on their feedback card.',
        `[Open the program in Flipside](${tabLink(tabUrl, `/admin/programs/${program.id}/dashboard`)})`,
      ].join('\n\n'),
    },
  });
}
