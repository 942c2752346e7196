import type { StepFailure } from '../app/booking/ports.ts';
import type { AttendanceAnswer, AttendanceQuery, AttendanceReader, AttendanceRecord, AttendanceReport, MeetingLookup } from '../app/sessions/ports.ts';
import { stepFailure } from './booking.gateway.ts';
import type { BatchRequest, GraphHttp } from './graph-client.ts';
import type { GraphError } from './graph-error.ts';
import { batchLists, type ListResult } from './sessions.gateway.ts';

/** Wire types (they stay inside src/graph). */
interface GraphReportSummary {
  id: string;
  meetingStartDateTime?: string | null;
  meetingEndDateTime?: string | null;
}
interface GraphAttendanceRecord {
  emailAddress?: string | null;
  identity?: { id?: string | null } | null;
  attendanceIntervals?: { joinDateTime?: string | null; leaveDateTime?: string | null }[] | null;
}
interface GraphReport extends GraphReportSummary {
  attendanceRecords?: GraphAttendanceRecord[];
  'attendanceRecords@odata.nextLink'?: string;
}

/** How far around the planned session a report still counts: people start early and overrun. */
const BEFORE_MS = 30 * 60_000;
const AFTER_MS = 2 * 60 * 60_000;

type Denied = Extract<AttendanceAnswer, { notAllowed: true }>;
type Failure = Denied | StepFailure;

/**
 * What an HR admin reads when the tenant has not let Flipside in. Finding the meeting by its join
 * link needs OnlineMeetings.Read.All, reading its reports OnlineMeetingArtifact.Read.All; both
 * app-only reads also need a Teams application access policy granted to the organizer.
 */
const denied = (permission: string): Denied => ({
  ok: false,
  notAllowed: true,
  retry: false,
  reason:
    `Flipside is not allowed to read this Teams meeting's attendance. A Microsoft 365 admin needs to grant Flipside the application permission ${permission} ` +
    `(with admin consent), and a Teams admin needs to create an application access policy for Flipside and grant it to the meeting's organizer ` +
    `(PowerShell: New-CsApplicationAccessPolicy, then Grant-CsApplicationAccessPolicy). Until then the pair's feedback decides whether the session was held.`,
});
const LOOKUP_PERMISSION = 'OnlineMeetings.Read.All (to find the meeting by its join link) and OnlineMeetingArtifact.Read.All (to read its attendance reports)';
const REPORT_PERMISSION = 'OnlineMeetingArtifact.Read.All';

const failure = (error: GraphError, permission: string): Failure => (error.httpStatus === 403 ? denied(permission) : stepFailure(error));

const users = (organizerId: string) => `/users/${encodeURIComponent(organizerId)}/onlineMeetings`;
const meetingKey = (organizerId: string, meetingId: string) => `${organizerId.toLowerCase()}\n${meetingId}`;

/**
 * The OData filter for a meeting's join link, encoded as Microsoft documents it: the whole link is
 * percent-encoded once more (so its own `%3a` travels as `%253a`), and a quote in it is doubled, as
 * OData string literals escape quotes.
 */
export function joinUrlFilter(joinUrl: string): string {
  return `$filter=JoinWebUrl%20eq%20'${encodeURIComponent(joinUrl.replace(/'/g, "''"))}'`;
}

/**
 * Attendance from the Teams meetings' reports, in as few HTTP requests as batching allows: each
 * step sends all its reads in `$batch`es of 20 — the meetings found by join link (once per series,
 * normally through `meetingIds` when the series is first read, else here as a fallback), then each meeting's list of reports (once per meeting, however many sessions ask), then each
 * report overlapping a session, with its records (once per report).
 */
export class GraphAttendance implements AttendanceReader {
  constructor(private readonly graph: GraphHttp) {}

  async attendance(queries: AttendanceQuery[]): Promise<Map<string, AttendanceAnswer>> {
    const out = new Map<string, AttendanceAnswer>();
    const found = await this.findMeetings(queries.filter((q) => !q.meetingId));
    const resolved: { query: AttendanceQuery; meetingId: string }[] = [];
    for (const query of queries) {
      const meeting = query.meetingId || found.get(lookupKey(query))!;
      if (typeof meeting === 'string') resolved.push({ query, meetingId: meeting });
      else out.set(query.key, meeting);
    }

    const lists = await this.reportLists(resolved.map((r) => ({ organizerId: r.query.organizerId, meetingId: r.meetingId })));
    const chosen = new Map<string, GraphReportSummary[]>();
    for (const { query, meetingId } of resolved) {
      const list = lists.get(meetingKey(query.organizerId, meetingId))!;
      if (!Array.isArray(list)) out.set(query.key, list);
      else
        chosen.set(
          query.key,
          list.filter((r) => overlaps(r, query)),
        );
    }

    const wanted = resolved.flatMap(({ query, meetingId }) => (chosen.get(query.key) ?? []).map((r) => ({ organizerId: query.organizerId, meetingId, summary: r })));
    const reports = await this.readReports(wanted);
    for (const { query, meetingId } of resolved) {
      const summaries = chosen.get(query.key);
      if (!summaries) continue;
      const read = summaries.map((s) => reports.get(reportKey(query.organizerId, meetingId, s.id))!);
      const failed = read.find((r): r is Failure => 'ok' in r);
      out.set(query.key, failed ?? { ok: true, meetingId, reports: (read as AttendanceReport[]).sort((a, b) => a.start.getTime() - b.start.getTime()) });
    }
    return out;
  }

  async meetingIds(requests: MeetingLookup[]): Promise<Map<string, { ok: true; meetingId: string } | StepFailure>> {
    const found = await this.findMeetings(requests);
    return new Map(
      requests.map((r): [string, { ok: true; meetingId: string } | StepFailure] => {
        const meeting = found.get(lookupKey(r))!;
        if (typeof meeting === 'string') return [r.key, { ok: true, meetingId: meeting }];
        return [r.key, { ok: false, retry: meeting.retry, reason: meeting.reason }];
      }),
    );
  }

  /** Per organizer and join link: the meeting's id, or why it could not be found. */
  private async findMeetings(queries: { organizerId: string; joinUrl: string }[]): Promise<Map<string, string | Failure>> {
    const distinct = unique(queries, lookupKey);
    const lists = await batchLists<{ id: string }>(
      this.graph,
      distinct.map((q, i): BatchRequest => ({ id: String(i), method: 'GET', url: `${users(q.organizerId)}?${joinUrlFilter(q.joinUrl)}` })),
    );
    return new Map(
      distinct.map((q, i): [string, string | Failure] => {
        const list = lists[i]!;
        if (!list.ok) return [lookupKey(q), failure(list.error, LOOKUP_PERMISSION)];
        const meeting = list.value[0];
        if (meeting) return [lookupKey(q), meeting.id];
        const missing: StepFailure = {
          ok: false,
          retry: false,
          reason: `No Teams meeting of the organizer has this series' join link (${q.joinUrl.slice(0, 120)}); it may have been replaced or deleted.`,
        };
        return [lookupKey(q), missing];
      }),
    );
  }

  /** Per meeting: its reports (Graph keeps the 50 most recent), or why not. */
  private async reportLists(meetings: { organizerId: string; meetingId: string }[]): Promise<Map<string, GraphReportSummary[] | Failure>> {
    const distinct = unique(meetings, (m) => meetingKey(m.organizerId, m.meetingId));
    const lists = await batchLists<GraphReportSummary>(
      this.graph,
      distinct.map((m, i): BatchRequest => ({ id: String(i), method: 'GET', url: `${users(m.organizerId)}/${encodeURIComponent(m.meetingId)}/attendanceReports` })),
    );
    return new Map(distinct.map((m, i): [string, GraphReportSummary[] | Failure] => [meetingKey(m.organizerId, m.meetingId), toList(lists[i]!)]));
  }

  /** Per report: the report with its records, or why not. */
  private async readReports(wanted: { organizerId: string; meetingId: string; summary: GraphReportSummary }[]): Promise<Map<string, AttendanceReport | Failure>> {
    const distinct = unique(wanted, (w) => reportKey(w.organizerId, w.meetingId, w.summary.id));
    const answers = await this.graph.batch<GraphReport>(distinct.map((w, i): BatchRequest => ({ id: String(i), method: 'GET', url: `${reportPath(w)}?$expand=attendanceRecords` })));
    const more = await this.remainingRecords(answers.map((a) => (a.ok ? a.body['attendanceRecords@odata.nextLink'] : undefined)));
    return new Map(
      distinct.map((w, i): [string, AttendanceReport | Failure] => {
        const a = answers[i]!;
        const key = reportKey(w.organizerId, w.meetingId, w.summary.id);
        if (!a.ok) return [key, failure(a.error, REPORT_PERMISSION)];
        const rest = more[i];
        if (rest && !rest.ok) return [key, failure(rest.error, REPORT_PERMISSION)];
        return [key, toReport(a.body, w.summary, [...(a.body.attendanceRecords ?? []), ...(rest?.ok ? rest.value : [])])];
      }),
    );
  }

  /** An expanded report holds its records' first page; a long meeting's further pages are read here. */
  private async remainingRecords(links: (string | undefined)[]): Promise<(ListResult<GraphAttendanceRecord> | undefined)[]> {
    const paged = links.flatMap((link, i) => (link ? [{ i, link }] : []));
    if (paged.length === 0) return links.map(() => undefined);
    const lists = await batchLists<GraphAttendanceRecord>(
      this.graph,
      paged.map((p): BatchRequest => ({ id: String(p.i), method: 'GET', url: p.link })),
    );
    const byIndex = new Map(paged.map((p, j) => [p.i, lists[j]!]));
    return links.map((_, i) => byIndex.get(i));
  }
}

const lookupKey = (q: { organizerId: string; joinUrl: string }) => `${q.organizerId.toLowerCase()}\n${q.joinUrl}`;
const reportKey = (organizerId: string, meetingId: string, reportId: string) => `${meetingKey(organizerId, meetingId)}\n${reportId}`;
const reportPath = (w: { organizerId: string; meetingId: string; summary: { id: string } }) =>
  `${users(w.organizerId)}/${encodeURIComponent(w.meetingId)}/attendanceReports/${encodeURIComponent(w.summary.id)}`;

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

function toList(list: ListResult<GraphReportSummary>): GraphReportSummary[] | Failure {
  return list.ok ? list.value : failure(list.error, REPORT_PERMISSION);
}

const time = (s: string | null | undefined) => (s ? new Date(s) : null);

/** Whether the meeting ran within [start - 30 min, end + 2 h] of the session. */
function overlaps(r: GraphReportSummary, q: AttendanceQuery): boolean {
  const start = time(r.meetingStartDateTime);
  if (!start) return false;
  const end = time(r.meetingEndDateTime) ?? start;
  return start.getTime() <= q.end.getTime() + AFTER_MS && end.getTime() >= q.start.getTime() - BEFORE_MS;
}

function toReport(r: GraphReport, summary: GraphReportSummary, records: GraphAttendanceRecord[]): AttendanceReport {
  const start = time(r.meetingStartDateTime ?? summary.meetingStartDateTime)!;
  const end = time(r.meetingEndDateTime ?? summary.meetingEndDateTime) ?? start;
  return { id: r.id ?? summary.id, start, end, records: records.map((rec) => toRecord(rec, end)) };
}

/** A guest or a phone dial-in has no Entra id; an interval still open when the report was made ends with the meeting. */
function toRecord(r: GraphAttendanceRecord, meetingEnd: Date): AttendanceRecord {
  return {
    userId: r.identity?.id || null,
    email: r.emailAddress || null,
    intervals: (r.attendanceIntervals ?? []).flatMap((i) => (i.joinDateTime ? [{ join: new Date(i.joinDateTime), leave: time(i.leaveDateTime) ?? meetingEnd }] : [])),
  };
}
