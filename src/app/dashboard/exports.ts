/**
 * HR's CSV exports as rows of plain values (the HTTP edge writes them as CSV, streamed): the
 * enrollee list, the pairs, their sessions, and the dashboard's aggregates (through the privacy
 * rule). Dates are ISO 8601 in UTC; no free text, goals or private answers are exported.
 */
import { audit } from '../audit/audit.ts';
import type { Dashboard, Figure, Measure } from '../../contracts/dashboard.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store.ts';
import { getDashboard } from './get-dashboard.ts';
import { adminProgram } from './program-admin.ts';

export type CsvValue = string | number | boolean | null;
export interface CsvExport {
  /** The file's name, e.g. `flipside-<program>-sessions.csv`. */
  filename: string;
  columns: string[];
  rows: AsyncIterable<CsvValue[]>;
}

export type ExportKind = 'enrollees' | 'pairs' | 'sessions' | 'dashboard';

const iso = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);
const GONE = 'Someone no longer in the directory';

function filename(program: { name: string }, kind: ExportKind) {
  const slug =
    program.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'program';
  return `flipside-${slug}-${kind}.csv`;
}

export const EXPORT_COLUMNS: Record<ExportKind, string[]> = {
  enrollees: [
    'enrollment_id',
    'name',
    'department',
    'role',
    'status',
    'approver_kind',
    'approver',
    'approver_unreachable',
    'reminders_sent',
    'last_reminded_at',
    'matched',
    'partner',
    'enrolled_at',
    'decided_at',
  ],
  pairs: ['mentor_id', 'mentor', 'mentee_id', 'mentee', 'booking_status', 'published_at', 'sessions_due', 'sessions_held', 'last_held_at'],
  sessions: ['mentor_id', 'mentor', 'mentee_id', 'mentee', 'session', 'of', 'starts_at', 'ends_at', 'status', 'minutes_together', 'topic'],
  dashboard: ['section', 'group', 'measure', 'value'],
};

async function* from<T>(items: T[] | Promise<T[]>, row: (t: T) => CsvValue[]): AsyncIterable<CsvValue[]> {
  for (const t of await items) yield row(t);
}

/** The dashboard's figures as rows: hidden figures read "fewer than k" (or "not shown" when hidden only to protect another); a mean or rate with nothing to measure yet is empty. */
export function dashboardRows(d: Dashboard): CsvValue[][] {
  const v = (f: Figure | Measure): CsvValue => (f === null ? null : f.hidden ? (f.reason === 'complement' ? 'not shown' : `fewer than ${d.minGroup}`) : f.value);
  const rows: CsvValue[][] = [['program', '', 'enrolled', v(d.enrolled)]];
  for (const s of d.funnel) {
    rows.push(['funnel', s.stage, 'people', v(s.people)]);
    for (const x of s.stopped) rows.push(['funnel', s.stage, `stopped: ${x.reason}`, v(x.people)]);
  }
  rows.push(['sessions', '', 'planned', v(d.sessions.planned)], ['sessions', '', 'held', v(d.sessions.held)]);
  rows.push(['sessions', '', 'attendance_rate_percent', v(d.sessions.attendanceRate)], ['sessions', '', 'held_per_pair', v(d.sessions.perPair)]);
  for (const w of d.sessions.weeks) rows.push(['sessions_by_week', w.week, 'planned', v(w.planned)], ['sessions_by_week', w.week, 'held', v(w.held)]);
  for (const r of d.ratings.distribution) rows.push(['ratings', String(r.rating), 'answers', v(r.answers)]);
  rows.push(['ratings', '', 'mean', v(d.ratings.mean)]);
  for (const w of d.ratings.trend) rows.push(['ratings_by_week', w.week, 'mean', v(w.mean)]);
  for (const g of d.byDepartment) {
    const name = g.department ?? 'Smaller departments together';
    rows.push(['department', name, 'enrolled', v(g.enrolled)], ['department', name, 'matched', v(g.matched)]);
    rows.push(['department', name, 'attendance_rate_percent', v(g.attendanceRate)], ['department', name, 'mean_rating', v(g.meanRating)]);
  }
  for (const g of d.byDirection)
    rows.push(['direction', g.direction, 'planned', v(g.planned)], ['direction', g.direction, 'held', v(g.held)], ['direction', g.direction, 'mean_rating', v(g.meanRating)]);
  const s = d.skills;
  rows.push(['skills', '', 'rated_before_and_after', v(s.rated)], ['skills', '', 'mean_change', v(s.change)], ['skills', '', 'people_still_to_rate', v(s.waiting)]);
  for (const t of s.topics)
    rows.push(
      ['skills', t.topic, 'people', v(t.people)],
      ['skills', t.topic, 'mean_before', v(t.before)],
      ['skills', t.topic, 'mean_after', v(t.after)],
      ['skills', t.topic, 'mean_change', v(t.change)],
    );
  rows.push(['fit_checks', '', 'asked', v(d.fitChecks.asked)]);
  for (const a of d.fitChecks.answers) rows.push(['fit_checks', a.answer, 'people', v(a.people)]);
  const c = d.closingSurvey;
  rows.push(['closing_survey', '', 'sent', v(c.sent)], ['closing_survey', '', 'answered', v(c.answered)]);
  for (const r of c.overall) rows.push(['closing_survey', `overall ${r.rating}`, 'answers', v(r.answers)]);
  rows.push(['closing_survey', '', 'mean_overall', v(c.meanOverall)]);
  rows.push(['closing_survey', 'recommend', 'yes', v(c.recommend.yes)], ['closing_survey', 'recommend', 'no', v(c.recommend.no)]);
  rows.push(['closing_survey', 'keep_meeting', 'yes', v(c.keepMeeting.yes)], ['closing_survey', 'keep_meeting', 'no', v(c.keepMeeting.no)]);
  return rows;
}

/**
 * One of a program's exports, for its admins. Sessions are read from the database page by page
 * as the file is written, never all at once.
 * @throws AppError `forbidden`, `not_found`.
 */
export async function exportCsv(deps: { store: Store; clock: Clock }, actor: Actor, programId: string, kind: ExportKind): Promise<CsvExport> {
  const program = await adminProgram(deps.store, actor, programId);
  await audit(deps.store, deps.clock, actor, 'export.downloaded', { programId, details: { export: `${kind}.csv` } });
  const repo = deps.store.dashboard;
  const t = actor.tenantId;
  const base = { filename: filename(program, kind), columns: EXPORT_COLUMNS[kind] };
  switch (kind) {
    case 'enrollees':
      return {
        ...base,
        rows: from(repo.enrollees(t, programId), (r) => [
          r.enrollmentId,
          r.name ?? GONE,
          r.department,
          r.role,
          r.status,
          r.approverKind,
          r.approverName,
          r.approverUnreachable,
          r.reminders,
          iso(r.remindedAt),
          r.matched,
          r.matched ? (r.partnerName ?? GONE) : null,
          iso(r.createdAt),
          iso(r.decidedAt),
        ]),
      };
    case 'pairs':
      return {
        ...base,
        rows: from(
          repo.pairs(t, programId, deps.clock.now()).then((pairs) => pairs.sort((a, b) => (a.mentorName ?? '').localeCompare(b.mentorName ?? ''))),
          (p) => [p.mentorId, p.mentorName ?? GONE, p.menteeId, p.menteeName ?? GONE, p.bookingStatus, iso(p.publishedAt), p.due, p.held, iso(p.lastHeldAt)],
        ),
      };
    case 'sessions':
      return {
        ...base,
        rows: (async function* () {
          for await (const page of repo.streamSessions(t, programId))
            for (const s of page) yield [s.mentorId, s.mentorName ?? GONE, s.menteeId, s.menteeName ?? GONE, s.n, s.of, iso(s.startsAt), iso(s.endsAt), s.status, s.minutesTogether, s.topic];
        })(),
      };
    case 'dashboard':
      return { ...base, rows: from(getDashboard(deps, actor, programId).then(dashboardRows), (r) => r) };
  }
}
