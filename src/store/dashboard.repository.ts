import type {
  ClosingCounts,
  DashboardRaw,
  DashboardRepository,
  DepartmentActivity,
  DirectionActivity,
  EnrolleeRow,
  FitCheckCount,
  PairWatch,
  PersonState,
  RatingCount,
  SessionExportRow,
  SessionTotals,
  StateCount,
  TopicSkills,
  WeekRating,
  WeekSessions,
} from '../app/dashboard/ports.ts';
import { ts, isUuid, type Row } from './rows.ts';
import type { SqlExecutor } from './sql-client.ts';

const SETTLED = "('held', 'partly_held', 'missed')";

/** Each person's latest enrollment in the program ($1 tenant, $2 program), with their department. */
const PEOPLE = `
  latest AS (
    SELECT DISTINCT ON (e.user_id) e.user_id, e.status, e.decided_at, e.learn
      FROM enrollments e WHERE e.tenant_id = $1 AND e.program_id = $2
     ORDER BY e.user_id, e.created_at DESC
  ),
  people AS (
    SELECT l.*, nullif(d.department, '') AS department
      FROM latest l LEFT JOIN directory_people d ON d.tenant_id = $1 AND d.id = l.user_id
  )`;

/**
 * Each pair's sessions at $3, from what the triggers keep (migration 016: dashboard_pairs) and the
 * few sessions whose status is not yet what their time says, read live: still planned after their
 * end (due now, not ahead), or settled before it (not due yet).
 */
const PAIRS_NOW = `
  overdue AS (
    SELECT mentee_id, mentor_id, count(*)::int AS n FROM sessions
     WHERE tenant_id = $1 AND program_id = $2 AND status IN ('planned', 'moved') AND ends_at <= $3 GROUP BY 1, 2
  ),
  early AS (
    SELECT mentee_id, mentor_id, count(*)::int AS n FROM sessions
     WHERE tenant_id = $1 AND program_id = $2 AND status IN ${SETTLED} AND ends_at > $3 GROUP BY 1, 2
  ),
  by_pair AS (
    SELECT d.*, d.settled - coalesce(e.n, 0) + coalesce(o.n, 0) AS due, d.unsettled - coalesce(o.n, 0) AS ahead, coalesce(e.n, 0) AS early
      FROM dashboard_pairs d LEFT JOIN overdue o USING (mentee_id, mentor_id) LEFT JOIN early e USING (mentee_id, mentor_id)
     WHERE d.tenant_id = $1 AND d.program_id = $2
  )`;

/**
 * The published pairs with their sessions so far at $3 (after PAIRS_NOW and PAIR_STATE), each table
 * read once (no query per pair): due, held, the last held, missed twice running, a "no" at the fit check, a
 * request to hear from HR.
 */
const WATCH = `
  -- Missed twice running: the two latest sessions due both missed. Only a mentee whose latest
  -- settled session (in any of their pairs) was missed, or who has one settled before its end,
  -- can be: theirs are merged with the sessions still planned after their end, newest first.
  maybe AS (SELECT DISTINCT mentee_id FROM by_pair WHERE recent_status[1] = 'missed' OR early > 0),
  missed_twice AS (
    SELECT mentee_id, (array_agg(status ORDER BY starts_at DESC))[1:2] = '{missed,missed}' AS yes FROM (
      SELECT d.mentee_id, r.starts_at, r.status FROM by_pair d JOIN maybe USING (mentee_id), unnest(d.recent_starts, d.recent_ends, d.recent_status) r(starts_at, ends_at, status)
       WHERE r.ends_at <= $3 AND r.starts_at < $3
      UNION ALL
      SELECT s.mentee_id, s.starts_at, s.status FROM sessions s JOIN maybe USING (mentee_id)
       WHERE s.tenant_id = $1 AND s.program_id = $2 AND s.status IN ('planned', 'moved') AND s.ends_at <= $3 AND s.starts_at < $3
    ) x GROUP BY 1
  ),
  fit_no AS (
    SELECT DISTINCT mentee_id, mentor_id FROM fit_checks WHERE tenant_id = $1 AND program_id = $2 AND answer = 'no' AND decision IS NULL
  ),
  asked_hr AS (
    SELECT DISTINCT mentee_id, mentor_id FROM check_ins WHERE tenant_id = $1 AND program_id = $2 AND contact_me
  ),
  watch AS (
    SELECT ps.tenant_id, ps.mentor_id, ps.mentee_id, ps.booking_status, ps.published_at, ps.due, ps.held, ps.last_held_at,
           coalesce(mt.yes, false) AS missed_twice, fn.mentee_id IS NOT NULL AS fit_check_no, hr.mentee_id IS NOT NULL AS asked_for_hr
      FROM pair_state ps
      LEFT JOIN missed_twice mt ON mt.mentee_id = ps.mentee_id
      LEFT JOIN fit_no fn ON fn.mentee_id = ps.mentee_id AND fn.mentor_id = ps.mentor_id
      LEFT JOIN asked_hr hr ON hr.mentee_id = ps.mentee_id AND hr.mentor_id = ps.mentor_id
  )`;
/** The rows of WATCH (or of a CTE of its rows) with the two people's names. */
const watchRows = (source: string) => `
  SELECT w.mentor_id, mr.display_name AS mentor_name, w.mentee_id, me.display_name AS mentee_name, w.booking_status, w.published_at,
         w.due, w.held, w.last_held_at, w.missed_twice, w.fit_check_no, w.asked_for_hr
    FROM ${source} w
    LEFT JOIN directory_people mr ON mr.tenant_id = w.tenant_id AND mr.id = w.mentor_id
    LEFT JOIN directory_people me ON me.tenant_id = w.tenant_id AND me.id = w.mentee_id`;

/**
 * The pairs the dashboard's attention list may name (attentionOf in src/app/dashboard/dashboard.ts
 * decides, on these rows, which and why): not ending or ended, and unbookable, unbooked a week after
 * publication, stalled four weeks, missed twice running, a "no" at the fit check or a request to
 * hear from HR.
 */
const ATTENTION = `(w.booking_status IS DISTINCT FROM 'ending' AND w.booking_status IS DISTINCT FROM 'ended'
    AND (w.booking_status = 'unbookable'
         OR (w.booking_status IS DISTINCT FROM 'booked' AND w.published_at < $3::timestamptz - interval '168 hours')
         OR (w.due > 0 AND (w.last_held_at IS NULL OR w.last_held_at < $3::timestamptz - interval '672 hours'))
         OR w.missed_twice
         OR w.fit_check_no OR w.asked_for_hr))`;

/** Each pair's state at $3: booked, sessions held and still ahead, its last session held, closed early. */
const PAIR_STATE = `
  pair_sessions AS (
    SELECT mentee_id, sum(held)::int AS held, sum(ahead)::int AS ahead, bool_or(last_held) AS last_held, sum(due)::int AS due, max(last_held_at) AS last_held_at
      FROM by_pair GROUP BY mentee_id
  ),
  pair_state AS (
    SELECT p.tenant_id, p.mentee_id, p.mentor_id, p.published_at, b.status AS booking_status, coalesce(s.due, 0) AS due, s.last_held_at,
           coalesce(b.event_id IS NOT NULL, false) AS booked,
           coalesce(b.status IN ('ending', 'ended'), false) AS ended,
           coalesce(s.held, 0) AS held, coalesce(s.ahead, 0) AS ahead, coalesce(s.last_held, false) AS last_held
      FROM pairs p
      LEFT JOIN bookings b ON b.tenant_id = p.tenant_id AND b.program_id = p.program_id AND b.mentee_id = p.mentee_id
      LEFT JOIN pair_sessions s ON s.mentee_id = p.mentee_id
     WHERE p.tenant_id = $1 AND p.program_id = $2
  ),
  pair_people AS (
    SELECT mentor_id AS user_id, * FROM pair_state UNION ALL SELECT mentee_id AS user_id, * FROM pair_state
  ),
  person_pair AS (
    SELECT user_id, bool_or(booked) AS booked, bool_or(ended) AS ended, max(held) AS held, max(ahead) AS ahead, bool_or(last_held) AS last_held
      FROM pair_people GROUP BY user_id
  )`;

const STATE = `
  CASE
    WHEN pp.user_id IS NULL THEN CASE
      WHEN pe.status IN ('pending', 'declined', 'expired') THEN pe.status
      WHEN pe.status = 'withdrawn' AND pe.decided_at IS NULL THEN 'withdrawnBeforeApproval'
      WHEN pe.status = 'withdrawn' THEN 'withdrawnBeforeMatch'
      ELSE 'unmatched' END
    WHEN pp.last_held OR (pp.held > 0 AND pp.ahead = 0 AND NOT pp.ended) THEN 'completed'
    WHEN pp.ended AND NOT pp.booked THEN 'closedBeforeBooking'
    WHEN pp.ended AND pp.held = 0 THEN 'closedBeforeActive'
    WHEN pp.ended THEN 'closedActive'
    WHEN NOT pp.booked THEN 'matchedWaiting'
    WHEN pp.held = 0 THEN 'bookedWaiting'
    ELSE 'active' END`;

/**
 * Each person's rating of a topic they chose to learn ($1 tenant, $2 program; after PEOPLE): 'before' as the
 * closing survey keeps it beside the end rating, else the level they gave at enrollment (approved
 * enrollments only); 'after' where the closing survey stores it (skill_ratings, stage 'end').
 */
const SKILLS = `
  rated_before AS (
    SELECT user_id, topic_id, level FROM skill_ratings WHERE tenant_id = $1 AND program_id = $2 AND stage = 'before'
  ),
  before AS (
    SELECT user_id, topic_id, level FROM rated_before
    UNION ALL
    SELECT l.user_id, c->>'topicId', (c->>'level')::int FROM latest l, jsonb_array_elements(l.learn) c
     WHERE l.status = 'approved' AND jsonb_typeof(c->'level') = 'number'
       AND NOT EXISTS (SELECT 1 FROM rated_before r WHERE r.user_id = l.user_id AND r.topic_id = c->>'topicId')
  ),
  after AS (
    SELECT user_id, topic_id, level FROM skill_ratings WHERE tenant_id = $1 AND program_id = $2 AND stage = 'end'
  ),
  skill_topics AS (
    SELECT t->>'id' AS id, min(t->>'name') AS name, min(x.ord) AS ord
      FROM programs p, jsonb_array_elements(p.topics) WITH ORDINALITY x(t, ord) WHERE p.tenant_id = $1 AND p.id = $2 GROUP BY 1
  ),
  rated AS (
    SELECT b.user_id, b.topic_id, t.name AS topic, t.ord, b.level AS before, a.level AS after
      FROM before b JOIN skill_topics t ON t.id = b.topic_id LEFT JOIN after a ON a.user_id = b.user_id AND a.topic_id = b.topic_id
  )`;

const n = (v: unknown) => Number(v ?? 0);
const dept = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

export class SqlDashboardRepository implements DashboardRepository {
  constructor(private readonly db: SqlExecutor) {}

  async aggregates(tenantId: string, programId: string, now: Date): Promise<DashboardRaw> {
    const p = [tenantId, programId, now];
    // One query over the pairs as they are now (PAIRS_NOW read once): everyone by department and
    // state with their sessions and ratings (the departments sum their states' rows), the totals,
    // and the pairs the attention list may name.
    const [answer] = await this.db.query<{ people: Row[]; totals: Row; pairs: Row[]; skills: Row[] }>(
      `WITH ${PEOPLE}, ${PAIRS_NOW}, ${PAIR_STATE}, ${WATCH}, ${SKILLS},
       sides AS (
         SELECT mentor_id AS user_id, due, held, mentor_rating_sum AS rating_sum, mentor_ratings AS ratings FROM by_pair
         UNION ALL SELECT mentee_id, due, held, mentee_rating_sum, mentee_ratings FROM by_pair
       ),
       activity AS (
         SELECT user_id, sum(due)::int AS due, sum(held)::int AS held, sum(rating_sum)::int AS rating_sum, sum(ratings)::int AS ratings FROM sides GROUP BY 1
       ),
       states AS (
         SELECT pe.department, ${STATE} AS state, count(*)::int AS people,
                coalesce(sum(a.due), 0)::int AS due, coalesce(sum(a.held), 0)::int AS held, count(a.user_id) FILTER (WHERE a.due > 0)::int AS active_people,
                coalesce(sum(a.rating_sum), 0)::int AS rating_sum, coalesce(sum(a.ratings), 0)::int AS ratings, count(a.user_id) FILTER (WHERE a.ratings > 0)::int AS raters
           FROM people pe LEFT JOIN person_pair pp ON pp.user_id = pe.user_id LEFT JOIN activity a ON a.user_id = pe.user_id
          GROUP BY 1, 2
       ),
       totals AS (
         SELECT coalesce(sum(due), 0)::int AS due,
                (count(DISTINCT mentee_id) FILTER (WHERE due > 0) + count(DISTINCT mentor_id) FILTER (WHERE due > 0))::int AS due_people,
                (SELECT count(*)::int FROM bookings b WHERE b.tenant_id = $1 AND b.program_id = $2 AND b.event_id IS NOT NULL) AS booked_pairs,
                (SELECT (count(DISTINCT b.mentee_id) + count(DISTINCT b.mentor_id))::int FROM bookings b WHERE b.tenant_id = $1 AND b.program_id = $2 AND b.event_id IS NOT NULL) AS booked_people
           FROM by_pair
       ),
       -- The few pairs to name, chosen before their names are read.
       watched AS (SELECT * FROM watch w WHERE ${ATTENTION}),
       attention AS (${watchRows('watched')}),
       -- Per topic, and once over all topics (the distinct people), in one pass.
       skills AS (
         SELECT grouping(topic_id) AS overall, topic_id, topic, ord, count(*)::int AS rated_before, count(after)::int AS rated_both,
                coalesce(sum(before) FILTER (WHERE after IS NOT NULL), 0)::int AS before_sum, coalesce(sum(after), 0)::int AS after_sum,
                count(DISTINCT user_id)::int AS people_before, count(DISTINCT user_id) FILTER (WHERE after IS NOT NULL)::int AS people_both
           FROM rated GROUP BY GROUPING SETS ((topic_id, topic, ord), ())
       )
       SELECT (SELECT coalesce(json_agg(s), '[]') FROM states s) AS people, (SELECT row_to_json(t) FROM totals t) AS totals,
              (SELECT coalesce(json_agg(a), '[]') FROM attention a) AS pairs,
              (SELECT coalesce(json_agg(k ORDER BY k.ord NULLS LAST), '[]') FROM skills k) AS skills`,
      p,
    );
    const { people, totals } = answer!;
    const departments = new Map<string | null, DepartmentActivity>();
    for (const r of people) {
      const d = dept(r.department);
      const x = departments.get(d) ?? { department: d, due: 0, held: 0, activePeople: 0, ratingSum: 0, ratings: 0, raters: 0 };
      x.due += n(r.due);
      x.held += n(r.held);
      x.activePeople += n(r.active_people);
      x.ratingSum += n(r.rating_sum);
      x.ratings += n(r.ratings);
      x.raters += n(r.raters);
      departments.set(d, x);
    }
    // Sessions and answers by week, direction and rating, as the triggers keep them (dashboard_facets).
    const facets = await this.db.query<Row>('SELECT facet, key, planned, held, answers, rating_sum, people FROM dashboard_facets WHERE tenant_id = $1 AND program_id = $2 ORDER BY facet, key', [
      tenantId,
      programId,
    ]);
    const facet = (name: string) => facets.filter((r) => r.facet === name);
    const weeks = facet('week');
    const ratedDirections = new Map(facet('rating_direction').map((r) => [String(r.key), r]));
    const care = await this.careAggregates(tenantId, programId, answer!.skills);
    return {
      states: people.map((r): StateCount => ({ department: dept(r.department), state: r.state as PersonState, people: n(r.people) })),
      weeks: weeks.map((r): WeekSessions => ({ week: String(r.key), planned: n(r.planned), held: n(r.held), people: n(r.people) })),
      totals: {
        planned: weeks.reduce((sum, w) => sum + n(w.planned), 0),
        due: n(totals.due),
        held: weeks.reduce((sum, w) => sum + n(w.held), 0),
        bookedPairs: n(totals.booked_pairs),
        duePeople: n(totals.due_people),
        bookedPeople: n(totals.booked_people),
      } satisfies SessionTotals,
      ratings: facet('rating')
        .map((r): RatingCount => ({ rating: n(r.key), answers: n(r.answers), people: n(r.people) }))
        .sort((a, b) => a.rating - b.rating),
      ratingWeeks: facet('rating_week').map((r): WeekRating => ({ week: String(r.key), sum: n(r.rating_sum), answers: n(r.answers), people: n(r.people) })),
      departments: [...departments.values()],
      directions: facet('direction').map((r): DirectionActivity => ({
        direction: r.key as DirectionActivity['direction'],
        planned: n(r.planned),
        held: n(r.held),
        people: n(r.people),
        ratingSum: n(ratedDirections.get(String(r.key))?.rating_sum),
        ratings: n(ratedDirections.get(String(r.key))?.answers),
        raters: n(ratedDirections.get(String(r.key))?.people),
      })),
      pairs: answer!.pairs.map(toPairWatch),
      ...care,
    };
  }

  /** Fit checks, skills before and after (read with the people), closing surveys: counts and sums only, never a note or what changed. */
  private async careAggregates(tenantId: string, programId: string, skillRows: Row[]): Promise<Pick<DashboardRaw, 'fitChecks' | 'skills' | 'skillPeople' | 'closing'>> {
    const p = [tenantId, programId];
    const fit = await this.db.query<Row>(
      `SELECT CASE WHEN grouping(answer) = 1 THEN 'asked' ELSE answer END AS answer, count(*)::int AS answers, count(DISTINCT user_id)::int AS people
         FROM (SELECT coalesce(CASE answer WHEN 'not_sure' THEN 'notSure' ELSE answer END, 'unanswered') AS answer, user_id
                 FROM fit_checks WHERE tenant_id = $1 AND program_id = $2) f
        GROUP BY ROLLUP (answer)`,
      p,
    );
    const skills = skillRows.filter((r) => n(r.overall) === 0);
    const skillPeople = skillRows.find((r) => n(r.overall) === 1);
    const [closing] = await this.db.query<Row>(
      `SELECT (SELECT (2 * count(*))::int FROM pair_closings c WHERE c.tenant_id = $1 AND c.program_id = $2) AS sent,
              count(*)::int AS answers, count(DISTINCT user_id)::int AS people,
              count(*) FILTER (WHERE recommend)::int AS recommend_yes, count(DISTINCT user_id) FILTER (WHERE recommend)::int AS recommend_yes_people,
              count(*) FILTER (WHERE NOT recommend)::int AS recommend_no, count(DISTINCT user_id) FILTER (WHERE NOT recommend)::int AS recommend_no_people,
              count(*) FILTER (WHERE keep_meeting)::int AS keep_yes, count(DISTINCT user_id) FILTER (WHERE keep_meeting)::int AS keep_yes_people,
              count(*) FILTER (WHERE NOT keep_meeting)::int AS keep_no, count(DISTINCT user_id) FILTER (WHERE NOT keep_meeting)::int AS keep_no_people
         FROM closing_surveys WHERE tenant_id = $1 AND program_id = $2`,
      p,
    );
    const overall = await this.db.query<Row>(
      `SELECT overall AS rating, count(*)::int AS answers, count(DISTINCT user_id)::int AS people
         FROM closing_surveys WHERE tenant_id = $1 AND program_id = $2 GROUP BY 1 ORDER BY 1`,
      p,
    );
    const c = closing ?? {};
    return {
      fitChecks: {
        asked: { answers: n(fit.find((r) => r.answer === 'asked')?.answers), people: n(fit.find((r) => r.answer === 'asked')?.people) },
        answers: fit.filter((r) => r.answer !== 'asked').map((r): FitCheckCount => ({ answer: r.answer as FitCheckCount['answer'], answers: n(r.answers), people: n(r.people) })),
      },
      skills: skills.map((r): TopicSkills => ({
        topicId: String(r.topic_id),
        topic: String(r.topic ?? r.topic_id),
        ratedBefore: n(r.rated_before),
        ratedBoth: n(r.rated_both),
        beforeSum: n(r.before_sum),
        afterSum: n(r.after_sum),
      })),
      skillPeople: { before: n(skillPeople?.people_before), both: n(skillPeople?.people_both) },
      closing: {
        sent: n(c.sent),
        answered: { answers: n(c.answers), people: n(c.people) },
        overall: overall.map((r): RatingCount => ({ rating: n(r.rating), answers: n(r.answers), people: n(r.people) })),
        recommend: { yes: { answers: n(c.recommend_yes), people: n(c.recommend_yes_people) }, no: { answers: n(c.recommend_no), people: n(c.recommend_no_people) } },
        keepMeeting: { yes: { answers: n(c.keep_yes), people: n(c.keep_yes_people) }, no: { answers: n(c.keep_no), people: n(c.keep_no_people) } },
      } satisfies ClosingCounts,
    };
  }

  async pairs(tenantId: string, programId: string, now: Date): Promise<PairWatch[]> {
    const rows = await this.db.query<Row>(`WITH ${PAIRS_NOW}, ${PAIR_STATE}, ${WATCH} ${watchRows('watch')}`, [tenantId, programId, now]);
    return rows.map(toPairWatch);
  }

  async enrollees(tenantId: string, programId: string): Promise<EnrolleeRow[]> {
    const rows = await this.db.query<Row>(
      `WITH latest AS (
         SELECT DISTINCT ON (e.user_id) e.* FROM enrollments e WHERE e.tenant_id = $1 AND e.program_id = $2 ORDER BY e.user_id, e.created_at DESC
       ),
       reminders AS (
         SELECT split_part(o.dedupe_key, ':', 2) AS enrollment_id, count(DISTINCT substring(o.dedupe_key FROM ':reminder.*$'))::int AS n
           FROM outbox o WHERE o.tenant_id = $1 AND o.kind = 'send' AND o.dedupe_key LIKE 'approval:%:reminder%' GROUP BY 1
       ),
       partners AS (
         SELECT mentor_id AS user_id, mentee_id AS partner_id FROM pairs WHERE tenant_id = $1 AND program_id = $2
         UNION ALL SELECT mentee_id, mentor_id FROM pairs WHERE tenant_id = $1 AND program_id = $2
       ),
       partner AS (SELECT DISTINCT ON (user_id) user_id, partner_id FROM partners ORDER BY user_id, partner_id)
       SELECT l.id, l.user_id, d.display_name, d.department, l.role, l.status, l.approver_kind, l.approver_id, a.display_name AS approver_name,
              l.approver_unreachable, coalesce(r.n, 0) AS reminders, l.reminded_at, pt.partner_id, pd.display_name AS partner_name, l.created_at, l.decided_at
         FROM latest l
         LEFT JOIN directory_people d ON d.tenant_id = $1 AND d.id = l.user_id
         LEFT JOIN directory_people a ON a.tenant_id = $1 AND a.id = l.approver_id
         LEFT JOIN reminders r ON r.enrollment_id = l.id::text
         LEFT JOIN partner pt ON pt.user_id = l.user_id
         LEFT JOIN directory_people pd ON pd.tenant_id = $1 AND pd.id = pt.partner_id
        ORDER BY l.created_at, l.id`,
      [tenantId, programId],
    );
    return rows.map((r) => ({
      enrollmentId: String(r.id),
      userId: String(r.user_id),
      name: (r.display_name as string | null) ?? null,
      department: dept(r.department),
      role: r.role as EnrolleeRow['role'],
      status: r.status as EnrolleeRow['status'],
      approverKind: (r.approver_kind as EnrolleeRow['approverKind']) ?? null,
      approverId: (r.approver_id as string | null) ?? null,
      approverName: (r.approver_name as string | null) ?? null,
      approverUnreachable: Boolean(r.approver_unreachable),
      reminders: n(r.reminders),
      remindedAt: ts(r.reminded_at),
      matched: r.partner_id !== null && r.partner_id !== undefined,
      partnerName: (r.partner_name as string | null) ?? null,
      createdAt: new Date(r.created_at as string),
      decidedAt: ts(r.decided_at),
    }));
  }

  async *streamSessions(tenantId: string, programId: string, pageSize = 2000): AsyncIterable<SessionExportRow[]> {
    let after: [string, Date, string] | null = null;
    for (;;) {
      const rows: Row[] = await this.db.query<Row>(
        `SELECT s.id, s.mentor_id, mr.display_name AS mentor_name, s.mentee_id, me.display_name AS mentee_name, s.n, s.of, s.starts_at, s.ends_at, s.status,
                s.minutes_together, s.topic->>'title' AS topic
           FROM sessions s
           LEFT JOIN directory_people mr ON mr.tenant_id = s.tenant_id AND mr.id = s.mentor_id
           LEFT JOIN directory_people me ON me.tenant_id = s.tenant_id AND me.id = s.mentee_id
          WHERE s.tenant_id = $1 AND s.program_id = $2 AND ($3::uuid IS NULL OR (s.mentee_id, s.starts_at, s.id) > ($3::uuid, $4::timestamptz, $5::uuid))
          ORDER BY s.mentee_id, s.starts_at, s.id LIMIT $6`,
        [tenantId, programId, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, pageSize],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        mentorId: String(r.mentor_id),
        mentorName: (r.mentor_name as string | null) ?? null,
        menteeId: String(r.mentee_id),
        menteeName: (r.mentee_name as string | null) ?? null,
        n: n(r.n),
        of: n(r.of),
        startsAt: new Date(r.starts_at as string),
        endsAt: new Date(r.ends_at as string),
        status: String(r.status),
        minutesTogether: r.minutes_together === null ? null : n(r.minutes_together),
        topic: String(r.topic ?? ''),
      }));
      if (rows.length < pageSize) return;
      const last = rows.at(-1)!;
      after = [String(last.mentee_id), new Date(last.starts_at as string), String(last.id)];
    }
  }

  async minGroup(tenantId: string, programId: string): Promise<number | null> {
    if (!isUuid(programId)) return null;
    const [row] = await this.db.query<Row>('SELECT privacy_min_group FROM programs WHERE tenant_id = $1 AND id = $2', [tenantId, programId]);
    return row ? n(row.privacy_min_group) : null;
  }

  async setMinGroup(tenantId: string, programId: string, k: number): Promise<void> {
    await this.db.query('UPDATE programs SET privacy_min_group = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, programId, k]);
  }
}

/** A row of WATCH_ROWS (from the driver, or inside a JSON answer). */
function toPairWatch(r: Row): PairWatch {
  return {
    mentorId: String(r.mentor_id),
    mentorName: (r.mentor_name as string | null) ?? null,
    menteeId: String(r.mentee_id),
    menteeName: (r.mentee_name as string | null) ?? null,
    bookingStatus: (r.booking_status as string | null) ?? null,
    due: n(r.due),
    held: n(r.held),
    lastHeldAt: ts(r.last_held_at),
    missedTwice: Boolean(r.missed_twice),
    publishedAt: new Date(r.published_at as string),
    fitCheckNo: Boolean(r.fit_check_no),
    askedForHr: Boolean(r.asked_for_hr),
  };
}
