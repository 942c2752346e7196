/**
 * The dashboard's raw aggregates computed in JavaScript from the program's rows: the baseline the
 * SQL aggregates (src/store/dashboard.repository.ts) are measured against, and a second opinion on
 * their results (the bench checks both give the same dashboard).
 */
import type { DashboardRaw, DepartmentActivity, DirectionActivity, PairWatch, PersonState } from '../src/app/dashboard/ports.ts';
import type { SqlExecutor } from '../src/store/sql-client.ts';

type R = Record<string, unknown>;
const HELD = new Set(['held', 'partly_held']);
const t = (v: unknown) => new Date(v as string).getTime();

/** Monday of the UTC week of `ms`, as yyyy-mm-dd. */
function week(ms: number): string {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day)).toISOString().slice(0, 10);
}

export async function aggregatesInJs(db: SqlExecutor, tenantId: string, programId: string, now: Date): Promise<DashboardRaw> {
  const p = [tenantId, programId];
  const enrollments = await db.query<R>('SELECT user_id, status, decided_at, created_at FROM enrollments WHERE tenant_id = $1 AND program_id = $2', p);
  const people = await db.query<R>('SELECT id, display_name, department FROM directory_people WHERE tenant_id = $1', [tenantId]);
  const pairs = await db.query<R>('SELECT mentor_id, mentee_id, published_at FROM pairs WHERE tenant_id = $1 AND program_id = $2', p);
  const fitNo = new Set(
    (await db.query<R>("SELECT mentee_id, mentor_id FROM fit_checks WHERE tenant_id = $1 AND program_id = $2 AND answer = 'no' AND decision IS NULL", p)).map(
      (r) => `${String(r.mentee_id)}|${String(r.mentor_id)}`,
    ),
  );
  const askedHr = new Set(
    (await db.query<R>('SELECT mentee_id, mentor_id FROM check_ins WHERE tenant_id = $1 AND program_id = $2 AND contact_me', p)).map((r) => `${String(r.mentee_id)}|${String(r.mentor_id)}`),
  );
  const bookings = await db.query<R>('SELECT mentee_id, mentor_id, status, event_id FROM bookings WHERE tenant_id = $1 AND program_id = $2', p);
  const sessions = await db.query<R>('SELECT id, mentee_id, mentor_id, n, of, starts_at, ends_at, status, topic FROM sessions WHERE tenant_id = $1 AND program_id = $2', p);
  const feedback = await db.query<R>(
    'SELECT f.session_id, f.user_id, f.usefulness FROM feedback f JOIN sessions s ON s.tenant_id = f.tenant_id AND s.id = f.session_id WHERE s.tenant_id = $1 AND s.program_id = $2',
    p,
  );
  const [program] = await db.query<R>('SELECT topics FROM programs WHERE tenant_id = $1 AND id = $2', p);
  const nowMs = now.getTime();

  const person = new Map(people.map((x) => [String(x.id), x]));
  const dept = (id: string) => {
    const d = person.get(id)?.department;
    return d === null || d === undefined || d === '' ? null : String(d);
  };
  const latest = new Map<string, R>();
  for (const e of enrollments) {
    const id = String(e.user_id);
    const before = latest.get(id);
    if (!before || t(e.created_at) > t(before.created_at)) latest.set(id, e);
  }

  // Pairs' state.
  const booking = new Map(bookings.map((b) => [String(b.mentee_id), b]));
  const bySession = new Map(sessions.map((s) => [String(s.id), s]));
  const perPair = new Map<string, { held: number; ahead: number; lastHeld: boolean; due: number; lastHeldAt: number | null; recent: Array<[number, string]> }>();
  for (const s of sessions) {
    const k = String(s.mentee_id);
    const x = perPair.get(k) ?? { held: 0, ahead: 0, lastHeld: false, due: 0, lastHeldAt: null, recent: [] };
    const status = String(s.status);
    if (HELD.has(status)) {
      x.held++;
      x.lastHeldAt = Math.max(x.lastHeldAt ?? 0, t(s.starts_at));
      if (Number(s.n) === Number(s.of)) x.lastHeld = true;
    }
    if ((status === 'planned' || status === 'moved') && t(s.ends_at) > nowMs) x.ahead++;
    if (status !== 'cancelled' && t(s.ends_at) <= nowMs) {
      x.due++;
      x.recent.push([t(s.starts_at), status]);
    }
    perPair.set(k, x);
  }
  const personPair = new Map<string, { booked: boolean; ended: boolean; held: number; ahead: number; lastHeld: boolean }>();
  for (const pr of pairs) {
    const b = booking.get(String(pr.mentee_id));
    const s = perPair.get(String(pr.mentee_id));
    const state = { booked: !!b && b.event_id !== null, ended: !!b && (b.status === 'ending' || b.status === 'ended'), held: s?.held ?? 0, ahead: s?.ahead ?? 0, lastHeld: s?.lastHeld ?? false };
    for (const id of [String(pr.mentor_id), String(pr.mentee_id)]) {
      const x = personPair.get(id);
      personPair.set(
        id,
        x
          ? { booked: x.booked || state.booked, ended: x.ended || state.ended, held: Math.max(x.held, state.held), ahead: Math.max(x.ahead, state.ahead), lastHeld: x.lastHeld || state.lastHeld }
          : state,
      );
    }
  }
  const stateOf = (e: R): PersonState => {
    const pp = personPair.get(String(e.user_id));
    const status = String(e.status);
    if (!pp) {
      if (status === 'pending' || status === 'declined' || status === 'expired') return status;
      if (status === 'withdrawn') return e.decided_at === null ? 'withdrawnBeforeApproval' : 'withdrawnBeforeMatch';
      return 'unmatched';
    }
    if (pp.lastHeld || (pp.held > 0 && pp.ahead === 0 && !pp.ended)) return 'completed';
    if (pp.ended && !pp.booked) return 'closedBeforeBooking';
    if (pp.ended && pp.held === 0) return 'closedBeforeActive';
    if (pp.ended) return 'closedActive';
    if (!pp.booked) return 'matchedWaiting';
    if (pp.held === 0) return 'bookedWaiting';
    return 'active';
  };
  const states = new Map<string, { department: string | null; state: PersonState; people: number }>();
  for (const e of latest.values()) {
    const d = dept(String(e.user_id));
    const s = stateOf(e);
    const key = `${d}|${s}`;
    const x = states.get(key) ?? { department: d, state: s, people: 0 };
    x.people++;
    states.set(key, x);
  }

  // Weeks and totals.
  const weeks = new Map<string, { planned: number; held: number; mentees: Set<string>; mentors: Set<string> }>();
  const totals = { planned: 0, due: 0, held: 0, bookedPairs: 0, duePeople: 0, bookedPeople: 0 };
  const dueMentees = new Set<string>();
  const dueMentors = new Set<string>();
  for (const s of sessions) {
    const w = week(t(s.starts_at));
    const x = weeks.get(w) ?? { planned: 0, held: 0, mentees: new Set(), mentors: new Set() };
    const status = String(s.status);
    if (status !== 'cancelled') x.planned++;
    if (HELD.has(status)) x.held++;
    x.mentees.add(String(s.mentee_id));
    x.mentors.add(String(s.mentor_id));
    weeks.set(w, x);
    if (status !== 'cancelled') totals.planned++;
    if (status !== 'cancelled' && t(s.ends_at) <= nowMs) {
      totals.due++;
      dueMentees.add(String(s.mentee_id));
      dueMentors.add(String(s.mentor_id));
    }
    if (HELD.has(status)) totals.held++;
  }
  totals.duePeople = dueMentees.size + dueMentors.size;
  const booked = bookings.filter((b) => b.event_id !== null);
  totals.bookedPairs = booked.length;
  totals.bookedPeople = new Set(booked.map((b) => String(b.mentee_id))).size + new Set(booked.map((b) => String(b.mentor_id))).size;

  // Ratings.
  const ratings = new Map<number, { answers: number; people: Set<string> }>();
  const ratingWeeks = new Map<string, { sum: number; answers: number; people: Set<string> }>();
  const raterOf = new Map<string, { sum: number; answers: number }>();
  for (const f of feedback) {
    if (f.usefulness === null) continue;
    const u = Number(f.usefulness);
    const r = ratings.get(u) ?? { answers: 0, people: new Set() };
    r.answers++;
    r.people.add(String(f.user_id));
    ratings.set(u, r);
    const w = week(t(bySession.get(String(f.session_id))!.starts_at));
    const x = ratingWeeks.get(w) ?? { sum: 0, answers: 0, people: new Set() };
    x.sum += u;
    x.answers++;
    x.people.add(String(f.user_id));
    ratingWeeks.set(w, x);
    const me = raterOf.get(String(f.user_id)) ?? { sum: 0, answers: 0 };
    me.sum += u;
    me.answers++;
    raterOf.set(String(f.user_id), me);
  }

  // Departments: each enrollee's person-sessions and ratings.
  const activity = new Map<string, { due: number; held: number }>();
  for (const s of sessions) {
    const status = String(s.status);
    if (status === 'cancelled') continue;
    for (const id of [String(s.mentor_id), String(s.mentee_id)]) {
      const a = activity.get(id) ?? { due: 0, held: 0 };
      if (t(s.ends_at) <= nowMs) a.due++;
      if (HELD.has(status)) a.held++;
      activity.set(id, a);
    }
  }
  const departments = new Map<string | null, DepartmentActivity>();
  for (const e of latest.values()) {
    const id = String(e.user_id);
    const d = dept(id);
    const g = departments.get(d) ?? { department: d, due: 0, held: 0, activePeople: 0, ratingSum: 0, ratings: 0, raters: 0 };
    const a = activity.get(id);
    if (a) {
      g.due += a.due;
      g.held += a.held;
      if (a.due > 0) g.activePeople++;
    }
    const r = raterOf.get(id);
    if (r) {
      g.ratingSum += r.sum;
      g.ratings += r.answers;
      g.raters++;
    }
    departments.set(d, g);
  }

  // Directions.
  const topicDirection = new Map<string, string>();
  for (const topic of ((program?.topics as Array<{ name: string; direction: string }>) ?? []).slice().sort((a, b) => a.direction.localeCompare(b.direction)))
    if (!topicDirection.has(topic.name)) topicDirection.set(topic.name, topic.direction);
  const dirOf = (s: R) => {
    const d = topicDirection.get((s.topic as { title: string }).title);
    return d === 'teachesUp' ? 'up' : d === 'teachesDown' ? 'back' : 'together';
  };
  const dirs = new Map<string, { planned: number; held: number; mentees: Set<string>; mentors: Set<string>; ratingSum: number; ratings: number; raters: Set<string> }>();
  const dirEntry = (d: string) => {
    let x = dirs.get(d);
    if (!x) dirs.set(d, (x = { planned: 0, held: 0, mentees: new Set(), mentors: new Set(), ratingSum: 0, ratings: 0, raters: new Set() }));
    return x;
  };
  for (const s of sessions) {
    const x = dirEntry(dirOf(s));
    const status = String(s.status);
    if (status !== 'cancelled') x.planned++;
    if (HELD.has(status)) x.held++;
    x.mentees.add(String(s.mentee_id));
    x.mentors.add(String(s.mentor_id));
  }
  for (const f of feedback) {
    if (f.usefulness === null) continue;
    const x = dirEntry(dirOf(bySession.get(String(f.session_id))!));
    x.ratingSum += Number(f.usefulness);
    x.ratings++;
    x.raters.add(String(f.user_id));
  }

  const watch: PairWatch[] = pairs.map((pr) => {
    const s = perPair.get(String(pr.mentee_id));
    const b = booking.get(String(pr.mentee_id));
    return {
      mentorId: String(pr.mentor_id),
      mentorName: (person.get(String(pr.mentor_id))?.display_name as string | undefined) ?? null,
      menteeId: String(pr.mentee_id),
      menteeName: (person.get(String(pr.mentee_id))?.display_name as string | undefined) ?? null,
      bookingStatus: (b?.status as string | undefined) ?? null,
      due: s?.due ?? 0,
      held: s?.held ?? 0,
      lastHeldAt: s?.lastHeldAt ? new Date(s.lastHeldAt) : null,
      missedTwice:
        (s?.recent ?? [])
          .sort((a, b) => b[0] - a[0])
          .slice(0, 2)
          .filter((r) => r[1] === 'missed').length === 2,
      publishedAt: new Date(pr.published_at as string),
      fitCheckNo: fitNo.has(`${String(pr.mentee_id)}|${String(pr.mentor_id)}`),
      askedForHr: askedHr.has(`${String(pr.mentee_id)}|${String(pr.mentor_id)}`),
    };
  });

  return {
    ...(await careInJs(db, tenantId, programId)),
    states: [...states.values()],
    weeks: [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([w, x]) => ({ week: w, planned: x.planned, held: x.held, people: x.mentees.size + x.mentors.size })),
    totals,
    ratings: [...ratings.entries()].sort(([a], [b]) => a - b).map(([rating, r]) => ({ rating, answers: r.answers, people: r.people.size })),
    ratingWeeks: [...ratingWeeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([w, x]) => ({ week: w, sum: x.sum, answers: x.answers, people: x.people.size })),
    departments: [...departments.values()],
    directions: [...dirs.entries()].map(([direction, x]): DirectionActivity => ({
      direction: direction as DirectionActivity['direction'],
      planned: x.planned,
      held: x.held,
      people: x.mentees.size + x.mentors.size,
      ratingSum: x.ratingSum,
      ratings: x.ratings,
      raters: x.raters.size,
    })),
    pairs: watch,
  };
}

/** Fit checks, skills before and after, closing surveys, from their rows (the same rules as the SQL). */
async function careInJs(db: SqlExecutor, tenantId: string, programId: string): Promise<Pick<DashboardRaw, 'fitChecks' | 'skills' | 'skillPeople' | 'closing'>> {
  const p = [tenantId, programId];
  const fit = await db.query<R>('SELECT user_id, answer FROM fit_checks WHERE tenant_id = $1 AND program_id = $2', p);
  const ratings = await db.query<R>('SELECT user_id, topic_id, stage, level FROM skill_ratings WHERE tenant_id = $1 AND program_id = $2', p);
  const enrollments = await db.query<R>('SELECT user_id, status, learn, created_at FROM enrollments WHERE tenant_id = $1 AND program_id = $2', p);
  const [program] = await db.query<R>('SELECT topics FROM programs WHERE tenant_id = $1 AND id = $2', p);
  const closings = await db.query<R>('SELECT mentee_id FROM pair_closings WHERE tenant_id = $1 AND program_id = $2', p);
  const surveys = await db.query<R>('SELECT user_id, overall, recommend, keep_meeting FROM closing_surveys WHERE tenant_id = $1 AND program_id = $2', p);

  const count = (rows: R[]) => ({ answers: rows.length, people: new Set(rows.map((r) => String(r.user_id))).size });
  const answerOf = (r: R) => (r.answer === null ? 'unanswered' : r.answer === 'not_sure' ? 'notSure' : String(r.answer));
  const fitKinds = [...new Set(fit.map(answerOf))];

  const key = (u: unknown, t: unknown) => `${String(u)}|${String(t)}`;
  const before = new Map<string, { user: string; topic: string; level: number }>();
  const after = new Map<string, number>();
  for (const r of ratings) {
    if (r.stage === 'before') before.set(key(r.user_id, r.topic_id), { user: String(r.user_id), topic: String(r.topic_id), level: Number(r.level) });
    if (r.stage === 'end') after.set(key(r.user_id, r.topic_id), Number(r.level));
  }
  const latest = new Map<string, R>();
  for (const e of enrollments) {
    const had = latest.get(String(e.user_id));
    if (!had || t(e.created_at) > t(had.created_at)) latest.set(String(e.user_id), e);
  }
  for (const e of latest.values()) {
    if (e.status !== 'approved') continue;
    for (const c of e.learn as Array<{ topicId: string; level: unknown }>) {
      const k = key(e.user_id, c.topicId);
      if (typeof c.level === 'number' && !before.has(k)) before.set(k, { user: String(e.user_id), topic: c.topicId, level: c.level });
    }
  }
  const topics = (program?.topics as Array<{ id: string; name: string }> | undefined) ?? [];
  const skills = topics.flatMap((topic) => {
    const rows = [...before.entries()].filter(([, b]) => b.topic === topic.id);
    if (rows.length === 0) return [];
    const both = rows.filter(([k]) => after.has(k));
    return [
      {
        topicId: topic.id,
        topic: topic.name,
        ratedBefore: rows.length,
        ratedBoth: both.length,
        beforeSum: both.reduce((a, [, b]) => a + b.level, 0),
        afterSum: both.reduce((a, [k]) => a + after.get(k)!, 0),
      },
    ];
  });
  const known = new Set(topics.map((x) => x.id));
  const rated = [...before.entries()].filter(([, b]) => known.has(b.topic));
  const yesNo = (field: string) => ({ yes: count(surveys.filter((s) => s[field] === true)), no: count(surveys.filter((s) => s[field] === false)) });
  const overall = [...new Set(surveys.map((s) => Number(s.overall)))].sort((a, b) => a - b);
  return {
    fitChecks: {
      asked: count(fit),
      answers: fitKinds.map((answer) => ({ answer: answer as 'yes', ...count(fit.filter((r) => answerOf(r) === answer)) })),
    },
    skills,
    skillPeople: { before: new Set(rated.map(([, b]) => b.user)).size, both: new Set(rated.filter(([k]) => after.has(k)).map(([, b]) => b.user)).size },
    closing: {
      sent: 2 * closings.length,
      answered: count(surveys),
      overall: overall.map((rating) => ({ rating, ...count(surveys.filter((s) => Number(s.overall) === rating)) })),
      recommend: yesNo('recommend'),
      keepMeeting: yesNo('keep_meeting'),
    },
  };
}
