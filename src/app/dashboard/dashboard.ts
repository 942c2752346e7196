/**
 * The program dashboard: the database's raw aggregates turned into what HR may see, every figure
 * through the privacy rule (src/domain/privacy). Nothing raw leaves this module.
 */
import type { Dashboard, Dropout, Figure, FitAnswer, FunnelStage, Measure } from '../../contracts/dashboard.ts';
import { isSmall, minGroup, protect, protectBreakdown, type Cell, type Shown } from '../../domain/privacy/privacy.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import type { DashboardRaw, PairWatch, PersonState, YesNoCount } from './ports.ts';

const DAY = 86_400_000;
const fig = (s: Shown, round = (x: number) => x): Figure => (s.hidden ? hiddenFigure(s.reason) : { hidden: false, value: round(s.value) });
const cell = (value: number, people: number): Cell => ({ value, people });
const pct = (x: number) => Math.round(x * 10) / 10;
const two = (x: number) => Math.round(x * 100) / 100;
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const HIDDEN: Figure = { hidden: true };
const COMPLEMENT: Figure = { hidden: true, reason: 'complement' };
const hiddenFigure = (reason: 'small' | 'complement'): Figure => (reason === 'small' ? HIDDEN : COMPLEMENT);
/** A funnel figure hidden for any reason: "fewer than k" only when it is about 1 to k-1 people. */
const hiddenAbout = (people: number, k: number): Figure => (isSmall(people, k) ? HIDDEN : COMPLEMENT);
/** A mean or rate: null when there is nothing to measure (`of` is 0), hidden when `hide`. */
const measure = (of: number, hide: boolean, value: () => number): Measure => (of === 0 ? null : hide ? HIDDEN : { hidden: false, value: value() });

/** How many people are in each state, per department or in all. */
export type StateTally = Record<PersonState, number>;
export const emptyTally = (): StateTally => ({
  pending: 0,
  declined: 0,
  expired: 0,
  withdrawnBeforeApproval: 0,
  withdrawnBeforeMatch: 0,
  unmatched: 0,
  matchedWaiting: 0,
  closedBeforeBooking: 0,
  bookedWaiting: 0,
  closedBeforeActive: 0,
  active: 0,
  closedActive: 0,
  completed: 0,
});
const sum = (t: StateTally) => Object.values(t).reduce((a, b) => a + b, 0);

/** The funnel's stages from a tally: each stage's people and where the others stopped on the way to the next. */
function stages(t: StateTally): Array<{ stage: FunnelStage; people: number; stopped: Array<{ reason: Dropout; people: number }> }> {
  const enrolled = sum(t);
  const approved = enrolled - t.pending - t.declined - t.expired - t.withdrawnBeforeApproval;
  const matched = approved - t.withdrawnBeforeMatch - t.unmatched;
  const booked = matched - t.matchedWaiting - t.closedBeforeBooking;
  const active = booked - t.bookedWaiting - t.closedBeforeActive;
  return [
    {
      stage: 'enrolled',
      people: enrolled,
      stopped: [
        { reason: 'pending', people: t.pending },
        { reason: 'declined', people: t.declined },
        { reason: 'expired', people: t.expired },
        { reason: 'withdrawn', people: t.withdrawnBeforeApproval },
      ],
    },
    {
      stage: 'approved',
      people: approved,
      stopped: [
        { reason: 'unmatched', people: t.unmatched },
        { reason: 'withdrawn', people: t.withdrawnBeforeMatch },
      ],
    },
    {
      stage: 'matched',
      people: matched,
      stopped: [
        { reason: 'waiting', people: t.matchedWaiting },
        { reason: 'closed', people: t.closedBeforeBooking },
      ],
    },
    {
      stage: 'booked',
      people: booked,
      stopped: [
        { reason: 'waiting', people: t.bookedWaiting },
        { reason: 'closed', people: t.closedBeforeActive },
      ],
    },
    {
      stage: 'active',
      people: active,
      stopped: [
        { reason: 'ongoing', people: t.active },
        { reason: 'closed', people: t.closedActive },
      ],
    },
    { stage: 'completed', people: t.completed, stopped: [] },
  ];
}

/**
 * The funnel as HR sees it. Each stage is the next stage plus the ways out of it, so a step is a
 * breakdown of its stage, protected as one (src/domain/privacy). When a stage had to be hidden as
 * the complement of small cells, knowing it would give those cells away; so the step after it
 * hides enough of its own cells that, together with what was hidden before, they are about at
 * least k people — else the next stage is hidden too, and so on down the funnel.
 */
export function protectFunnel(t: StateTally, k: number): Dashboard['funnel'] {
  const raw = stages(t);
  const out: Dashboard['funnel'] = [];
  const first = protect(cell(raw[0]!.people, raw[0]!.people), k);
  let known = !first.hidden; // is this stage's total shown?
  let carry = 0; // people hidden upstream whose sum knowing this stage would give away
  let lost = first.hidden; // nothing below can be shown
  for (let i = 0; i < raw.length; i++) {
    const step = raw[i]!;
    const next = raw[i + 1];
    const parts = [...(next ? [cell(next.people, next.people)] : []), ...step.stopped.map((s) => cell(s.people, s.people))];
    let hidden: boolean[];
    if (lost) hidden = parts.map(() => true);
    else if (known) {
      const r = protectBreakdown(cell(step.people, step.people), parts, k);
      lost = r.total.hidden;
      hidden = r.parts.map((p) => lost || p.hidden);
    } else {
      hidden = parts.map((p) => isSmall(p.people, k));
      const enough = () => {
        const h = parts.filter((p, j) => hidden[j] && p.people > 0);
        return h.length > 0 && h.reduce((a, p) => a + p.people, 0) + carry >= k;
      };
      while (!enough()) {
        let pick = -1;
        parts.forEach((p, j) => {
          if (!hidden[j] && p.people > 0 && (pick === -1 || p.people < parts[pick]!.people)) pick = j;
        });
        if (pick === -1) {
          hidden = parts.map(() => true);
          lost = true;
          break;
        }
        hidden[pick] = true;
      }
    }
    out.push({
      stage: step.stage,
      people: known && !lost ? { hidden: false, value: step.people } : hiddenAbout(step.people, k),
      stopped: step.stopped.map((s, j) => ({ reason: s.reason, people: hidden[j + (next ? 1 : 0)] ? hiddenAbout(s.people, k) : { hidden: false, value: s.people } })),
    });
    if (!next) break;
    const hiddenStopped = step.stopped.reduce((a, s, j) => a + (hidden[j + 1] ? s.people : 0), 0);
    if (lost) known = false;
    else if (hidden[0]) {
      carry = (known ? 0 : carry) + hiddenStopped;
      known = false;
    } else {
      known = true;
      carry = 0;
    }
  }
  return out;
}

function attentionOf(p: PairWatch, now: Date): Dashboard['attention'][number]['reasons'] {
  if (p.bookingStatus === 'ending' || p.bookingStatus === 'ended') return [];
  const reasons: Dashboard['attention'][number]['reasons'] = [];
  if (p.bookingStatus === 'unbookable') reasons.push('unbookable');
  else if (p.bookingStatus !== 'booked' && now.getTime() - p.publishedAt.getTime() > 7 * DAY) reasons.push('notBooked');
  if (p.due > 0 && (!p.lastHeldAt || now.getTime() - p.lastHeldAt.getTime() > 28 * DAY)) reasons.push('stalled');
  if (p.missedTwice) reasons.push('missedTwice');
  if (p.fitCheckNo) reasons.push('fitCheckNo');
  if (p.askedForHr) reasons.push('askedForHr');
  return reasons;
}

/** What HR sees of a program at `now`: every aggregate through the privacy rule; names only in `attention`. */
export function buildDashboard(program: Pick<ProgramRecord, 'id' | 'name'>, raw: DashboardRaw, setting: number | null, now: Date): Dashboard {
  const k = minGroup(setting);

  // People: the whole program, and per department (departments smaller than k together).
  const all = emptyTally();
  const byDept = new Map<string | null, StateTally>();
  for (const s of raw.states) {
    all[s.state] += s.people;
    const t = byDept.get(s.department) ?? emptyTally();
    t[s.state] += s.people;
    byDept.set(s.department, t);
  }
  const enrolled = sum(all);
  const groupOf = (d: string | null) => (d !== null && sum(byDept.get(d) ?? emptyTally()) >= k ? d : null);

  // Sessions.
  const { totals } = raw;
  const sessionPeople = raw.weeks.reduce((m, w) => Math.max(m, w.people), totals.duePeople);
  const plannedWeeks = protectBreakdown(
    cell(totals.planned, sessionPeople),
    raw.weeks.map((w) => cell(w.planned, w.people)),
    k,
  );
  const heldWeeks = protectBreakdown(
    cell(totals.held, sessionPeople),
    raw.weeks.map((w) => cell(w.held, w.people)),
    k,
  );

  // Ratings.
  const answers = raw.ratings.reduce((a, r) => a + r.answers, 0);
  const ratingSum = raw.ratings.reduce((a, r) => a + r.rating * r.answers, 0);
  const raters = raw.departments.reduce((a, d) => a + d.raters, 0); // each rater counted once, in their own department
  const byRating = new Map(raw.ratings.map((r) => [r.rating, r]));
  const distribution = protectBreakdown(
    cell(answers, raters),
    [1, 2, 3, 4, 5].map((r) => cell(byRating.get(r)?.answers ?? 0, byRating.get(r)?.people ?? 0)),
    k,
  );

  // Departments: people, matched, attendance, ratings — each column protected across departments.
  type Group = { department: string | null; tally: StateTally; due: number; held: number; activePeople: number; ratingSum: number; ratings: number; raters: number };
  const groups = new Map<string | null, Group>();
  const group = (d: string | null) => {
    const key = groupOf(d);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { department: key, tally: emptyTally(), due: 0, held: 0, activePeople: 0, ratingSum: 0, ratings: 0, raters: 0 }));
    return g;
  };
  for (const [d, t] of byDept) for (const state of Object.keys(t) as PersonState[]) group(d).tally[state] += t[state];
  for (const a of raw.departments) {
    const g = group(a.department);
    g.due += a.due;
    g.held += a.held;
    g.activePeople += a.activePeople;
    g.ratingSum += a.ratingSum;
    g.ratings += a.ratings;
    g.raters += a.raters;
  }
  const rows = [...groups.values()].sort((a, b) => (a.department === null ? 1 : b.department === null ? -1 : a.department.localeCompare(b.department)));
  const matchedOf = (t: StateTally) => stages(t)[2]!.people;
  const totalMatched = matchedOf(all);
  const deptEnrolled = protectBreakdown(
    cell(enrolled, enrolled),
    rows.map((g) => cell(sum(g.tally), sum(g.tally))),
    k,
  );
  // Matched per department, and also hidden where enrolled − matched would give a small group away.
  const deptMatched = protectBreakdown(
    cell(totalMatched, totalMatched),
    rows.map((g) => cell(matchedOf(g.tally), matchedOf(g.tally))),
    k,
    rows.map((g) => {
      const rest = sum(g.tally) - matchedOf(g.tally);
      return rest > 0 && rest < k;
    }),
  );
  const activePeople = rows.reduce((a, g) => a + g.activePeople, 0);
  const deptActive = protectBreakdown(
    cell(activePeople, activePeople),
    rows.map((g) => cell(g.activePeople, g.activePeople)),
    k,
  );
  const allRaters = rows.reduce((a, g) => a + g.raters, 0);
  const deptRaters = protectBreakdown(
    cell(allRaters, allRaters),
    rows.map((g) => cell(g.raters, g.raters)),
    k,
  );

  // Directions.
  const dirOrder = ['up', 'back', 'together'] as const;
  const dirs = dirOrder.map((d) => raw.directions.find((x) => x.direction === d) ?? { direction: d, planned: 0, held: 0, people: 0, ratingSum: 0, ratings: 0, raters: 0 });
  const dirPlanned = protectBreakdown(
    cell(totals.planned, sessionPeople),
    dirs.map((d) => cell(d.planned, d.people)),
    k,
  );
  const dirHeld = protectBreakdown(
    cell(totals.held, sessionPeople),
    dirs.map((d) => cell(d.held, d.people)),
    k,
  );

  return {
    programId: program.id,
    programName: program.name,
    minGroup: k,
    asOf: now.toISOString(),
    enrolled: fig(protect(cell(enrolled, enrolled), k)),
    funnel: protectFunnel(all, k),
    sessions: {
      weeks: raw.weeks.map((w, i) => ({ week: w.week, planned: fig(plannedWeeks.parts[i]!), held: fig(heldWeeks.parts[i]!) })),
      planned: fig(plannedWeeks.total),
      held: fig(heldWeeks.total),
      attendanceRate: totals.due === 0 ? null : fig(protect(cell(ratio(totals.held, totals.due) * 100, totals.duePeople), k), pct),
      perPair: totals.bookedPairs === 0 ? null : fig(protect(cell(ratio(totals.held, totals.bookedPairs), totals.bookedPeople), k), two),
    },
    ratings: {
      distribution: [1, 2, 3, 4, 5].map((rating, i) => ({ rating, answers: fig(distribution.parts[i]!) })),
      mean: answers === 0 ? null : fig(protect(cell(ratio(ratingSum, answers), raters), k), two),
      trend: raw.ratingWeeks.map((w) => ({ week: w.week, mean: fig(protect(cell(ratio(w.sum, w.answers), w.people), k), two) })),
    },
    byDepartment: rows.map((g, i) => ({
      department: g.department,
      enrolled: fig(deptEnrolled.parts[i]!),
      matched: fig(deptMatched.parts[i]!),
      attendanceRate: measure(g.due, deptActive.parts[i]!.hidden, () => pct(ratio(g.held, g.due) * 100)),
      meanRating: measure(g.ratings, deptRaters.parts[i]!.hidden, () => two(ratio(g.ratingSum, g.ratings))),
    })),
    byDirection: dirs.map((d, i) => ({
      direction: d.direction,
      planned: fig(dirPlanned.parts[i]!),
      held: fig(dirHeld.parts[i]!),
      meanRating: d.ratings === 0 ? null : fig(protect(cell(ratio(d.ratingSum, d.ratings), d.raters), k), two),
    })),
    attention: raw.pairs
      .map((p) => ({ p, reasons: attentionOf(p, now) }))
      .filter((x) => x.reasons.length > 0)
      .map(({ p, reasons }) => ({
        mentor: { id: p.mentorId, name: p.mentorName ?? 'Someone no longer in the directory' },
        mentee: { id: p.menteeId, name: p.menteeName ?? 'Someone no longer in the directory' },
        reasons,
        held: p.held,
        due: p.due,
      })),
    fitChecks: fitChecksOf(raw, k),
    skills: skillsOf(raw, k),
    closingSurvey: closingOf(raw, k),
  };
}

const FIT_ANSWERS: FitAnswer[] = ['yes', 'notSure', 'no', 'unanswered'];

/** The fit-check answers as a breakdown of everyone asked (notes are never read here). */
function fitChecksOf(raw: DashboardRaw, k: number): Dashboard['fitChecks'] {
  const { asked, answers } = raw.fitChecks;
  const by = new Map(answers.map((a) => [a.answer, a]));
  const b = protectBreakdown(
    cell(asked.answers, asked.people),
    FIT_ANSWERS.map((a) => cell(by.get(a)?.answers ?? 0, by.get(a)?.people ?? 0)),
    k,
  );
  return { asked: fig(b.total), answers: FIT_ANSWERS.map((answer, i) => ({ answer, people: fig(b.parts[i]!) })) };
}

/**
 * Skills before and after per topic, the largest change first. A topic's figures are about the
 * people who rated it both times; the topics are a breakdown of all such ratings, so that a hidden
 * topic cannot be worked out from the overall change and the topics shown.
 */
function skillsOf(raw: DashboardRaw, k: number): Dashboard['skills'] {
  const topics = raw.skills;
  const rated = topics.reduce((a, t) => a + t.ratedBoth, 0);
  const b = protectBreakdown(
    cell(rated, raw.skillPeople.both),
    topics.map((t) => cell(t.ratedBoth, t.ratedBoth)),
    k,
  );
  const beforeSum = topics.reduce((a, t) => a + t.beforeSum, 0);
  const afterSum = topics.reduce((a, t) => a + t.afterSum, 0);
  const waiting = raw.skillPeople.before - raw.skillPeople.both;
  const rows = topics.map((t, i) => {
    const hide = b.parts[i]!.hidden;
    return {
      topicId: t.topicId,
      topic: t.topic,
      people: fig(b.parts[i]!),
      before: measure(t.ratedBoth, hide, () => two(t.beforeSum / t.ratedBoth)),
      after: measure(t.ratedBoth, hide, () => two(t.afterSum / t.ratedBoth)),
      change: measure(t.ratedBoth, hide, () => two((t.afterSum - t.beforeSum) / t.ratedBoth)),
    };
  });
  const rank = (m: Measure) => (m === null ? -Infinity : m.hidden ? -1e9 : m.value);
  return {
    rated: fig(b.total),
    change: measure(rated, b.total.hidden, () => two((afterSum - beforeSum) / rated)),
    waiting: fig(protect(cell(waiting, waiting), k)),
    topics: rows.sort((x, y) => rank(y.change) - rank(x.change) || x.topic.localeCompare(y.topic)),
  };
}

/**
 * The closing survey: answered out of sent, then the answers — all hidden when the number who
 * answered is, since every breakdown of the answers adds up to it. What changed for people is
 * theirs and is never read here.
 */
function closingOf(raw: DashboardRaw, k: number): Dashboard['closingSurvey'] {
  const c = raw.closing;
  const { answers, people } = c.answered;
  const notAnswered = Math.max(0, c.sent - people);
  const reach = protectBreakdown(cell(c.sent, c.sent), [cell(answers, people), cell(notAnswered, notAnswered)], k);
  const gone = reach.parts[0]!.hidden;
  const byRating = new Map(c.overall.map((r) => [r.rating, r]));
  const overall = protectBreakdown(
    cell(answers, people),
    [1, 2, 3, 4, 5].map((r) => cell(byRating.get(r)?.answers ?? 0, byRating.get(r)?.people ?? 0)),
    k,
  );
  const yesNo = (x: YesNoCount) => {
    const r = protectBreakdown(cell(answers, people), [cell(x.yes.answers, x.yes.people), cell(x.no.answers, x.no.people)], k);
    return { yes: gone ? HIDDEN : fig(r.parts[0]!), no: gone ? HIDDEN : fig(r.parts[1]!) };
  };
  const sum = c.overall.reduce((a, r) => a + r.rating * r.answers, 0);
  return {
    sent: fig(reach.total),
    answered: fig(reach.parts[0]!),
    overall: [1, 2, 3, 4, 5].map((rating, i) => ({ rating, answers: gone ? HIDDEN : fig(overall.parts[i]!) })),
    meanOverall: measure(answers, gone || isSmall(people, k), () => two(sum / answers)),
    recommend: yesNo(c.recommend),
    keepMeeting: yesNo(c.keepMeeting),
  };
}
