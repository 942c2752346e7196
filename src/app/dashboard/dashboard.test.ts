import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../contracts/dashboard.ts';
import { PERSON_STATES, type DashboardRaw, type PersonState } from './ports.ts';
import { buildDashboard, emptyTally, protectFunnel, type StateTally } from './dashboard.ts';

const tally = (counts: Partial<Record<PersonState, number>>): StateTally => ({ ...emptyTally(), ...counts });
const seen = (f: Dashboard['funnel']) => f.map((s) => [s.stage, s.people.hidden ? '<k' : s.people.value, ...s.stopped.map((x) => `${x.reason}:${x.people.hidden ? '<k' : x.people.value}`)]);

/**
 * What a reader can work out of a funnel: between two shown stages (or from a shown stage to the
 * end), the hidden cells add up to the first stage minus the second and the shown cells. That sum
 * must be about nobody or about at least k people; no cell about 1 to k-1 people is shown.
 */
function leaks(truth: StateTally, funnel: Dashboard['funnel'], k: number): string[] {
  const problems: string[] = [];
  const raw = protectFunnel(truth, 1); // k = 1 hides nothing: the true figures in the same shape
  funnel.forEach((s, i) =>
    s.stopped.forEach((x, j) => {
      const v = raw[i]!.stopped[j]!.people;
      if (!x.people.hidden && !v.hidden && v.value > 0 && v.value < k) problems.push(`${s.stage} ${x.reason} shown: ${v.value}`);
    }),
  );
  for (let i = 0; i < funnel.length; i++) {
    if (funnel[i]!.people.hidden) continue;
    let hiddenSum = 0;
    let j = i;
    for (;;) {
      funnel[j]!.stopped.forEach((x, n) => {
        if (x.people.hidden) hiddenSum += (raw[j]!.stopped[n]!.people as { value: number }).value;
      });
      j++;
      if (j >= funnel.length) break;
      if (!funnel[j]!.people.hidden) break;
      if (j === funnel.length - 1) hiddenSum += (raw[j]!.people as { value: number }).value; // a hidden last stage is a cell too
    }
    if (hiddenSum > 0 && hiddenSum < k) problems.push(`from ${funnel[i]!.stage}: hidden cells add up to ${hiddenSum}`);
  }
  return problems;
}

describe('protectFunnel', () => {
  it.each([
    {
      name: 'nothing small: every figure shows',
      t: { active: 20, completed: 10, unmatched: 6, declined: 5 },
      expected: [
        ['enrolled', 41, 'pending:0', 'declined:5', 'expired:0', 'withdrawn:0'],
        ['approved', 36, 'unmatched:6', 'withdrawn:0'],
        ['matched', 30, 'waiting:0', 'closed:0'],
        ['booked', 30, 'waiting:0', 'closed:0'],
        ['active', 30, 'ongoing:20', 'closed:0'],
        ['completed', 10],
      ],
    },
    {
      // 2 declined + 1 pending = 3: hidden, and so is approved (else 24 − 21 = 3); the 5 unmatched
      // cover it, so matched shows again (enrolled − matched = 3 + 5 + 0 = 8 people, not small).
      name: 'work it out from the totals: the next stage is hidden too, until enough is hidden with it',
      t: { pending: 1, declined: 2, unmatched: 5, bookedWaiting: 4, active: 12 },
      expected: [
        ['enrolled', 24, 'pending:<k', 'declined:<k', 'expired:0', 'withdrawn:0'],
        ['approved', '<k', 'unmatched:<k', 'withdrawn:0'],
        ['matched', 16, 'waiting:0', 'closed:0'],
        ['booked', 16, 'waiting:<k', 'closed:0'],
        ['active', '<k', 'ongoing:<k', 'closed:0'],
        ['completed', 0],
      ],
    },
    {
      name: 'fewer than k enrolled: everything hidden',
      t: { active: 4 },
      expected: [
        ['enrolled', '<k', 'pending:<k', 'declined:<k', 'expired:<k', 'withdrawn:<k'],
        ['approved', '<k', 'unmatched:<k', 'withdrawn:<k'],
        ['matched', '<k', 'waiting:<k', 'closed:<k'],
        ['booked', '<k', 'waiting:<k', 'closed:<k'],
        ['active', '<k', 'ongoing:<k', 'closed:<k'],
        ['completed', '<k'],
      ],
    },
  ])('$name', ({ t, expected }) => {
    const funnel = protectFunnel(tally(t), 5);
    expect(seen(funnel)).toEqual(expected);
    expect(leaks(tally(t), funnel, 5)).toEqual([]);
  });

  it('never shows a small cell nor lets hidden cells be worked out, for any tally', () => {
    const counts = fc.record(Object.fromEntries(PERSON_STATES.map((s) => [s, fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 }))])) as Record<PersonState, fc.Arbitrary<number>>);
    fc.assert(
      fc.property(counts, fc.integer({ min: 5, max: 8 }), (t, k) => {
        expect(leaks(t, protectFunnel(t, k), k)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

/** A program with 20 approved people, none matched yet: no session, no answer. */
const quiet = (changes: Partial<DashboardRaw> = {}): DashboardRaw => ({
  states: [{ department: 'Data', state: 'unmatched', people: 20 }],
  weeks: [],
  totals: { planned: 0, due: 0, held: 0, bookedPairs: 0, duePeople: 0, bookedPeople: 0 },
  ratings: [],
  ratingWeeks: [],
  departments: [{ department: 'Data', due: 0, held: 0, activePeople: 0, ratingSum: 0, ratings: 0, raters: 0 }],
  directions: [],
  pairs: [],
  fitChecks: { asked: { answers: 0, people: 0 }, answers: [] },
  skills: [],
  skillPeople: { before: 0, both: 0 },
  closing: {
    sent: 0,
    answered: { answers: 0, people: 0 },
    overall: [],
    recommend: { yes: { answers: 0, people: 0 }, no: { answers: 0, people: 0 } },
    keepMeeting: { yes: { answers: 0, people: 0 }, no: { answers: 0, people: 0 } },
  },
  ...changes,
});
const build = (raw: DashboardRaw) => buildDashboard({ id: 'p', name: 'P' }, raw, 5, new Date('2027-01-04T12:00:00Z'));

describe('buildDashboard: none yet is not fewer than five', () => {
  it('before any session is due or any answer given, rates and means are null (none yet), not 0 % nor hidden', () => {
    const d = build(quiet());
    expect(d.sessions.attendanceRate).toBeNull();
    expect(d.sessions.perPair).toBeNull();
    expect(d.ratings.mean).toBeNull();
    expect(d.byDepartment[0]).toMatchObject({ attendanceRate: null, meanRating: null });
    expect(d.byDirection.every((x) => x.meanRating === null)).toBe(true);
    expect(d.skills).toMatchObject({ rated: { hidden: false, value: 0 }, change: null, topics: [] });
    expect(d.closingSurvey).toMatchObject({ sent: { hidden: false, value: 0 }, meanOverall: null });
  });

  it('three people rated: hidden, not none', () => {
    const d = build(quiet({ ratings: [{ rating: 4, answers: 3, people: 3 }], departments: [{ department: 'Data', due: 6, held: 6, activePeople: 6, ratingSum: 12, ratings: 3, raters: 3 }] }));
    expect(d.ratings.mean).toEqual({ hidden: true });
    expect(d.byDepartment[0]!.meanRating).toEqual({ hidden: true });
  });
});

describe('buildDashboard: skills before and after', () => {
  const topic = (topicId: string, both: number, before: number, after: number) => ({
    topicId,
    topic: topicId,
    ratedBefore: both + 1,
    ratedBoth: both,
    beforeSum: before * both,
    afterSum: after * both,
  });

  it.each([
    {
      name: 'every topic about 5 people or more: each shows, the largest change first',
      topics: [topic('a', 6, 2, 3), topic('b', 8, 1, 4)],
      people: 10,
      expected: [
        ['b', 8, 3],
        ['a', 6, 1],
      ],
      change: 2.14,
    },
    {
      // Shown alone, the overall change and the other topics would give the small topic away.
      name: 'one topic about 2 people: hidden, and the smallest other topic with it',
      topics: [topic('a', 6, 2, 3), topic('b', 8, 1, 4), topic('c', 2, 1, 5)],
      people: 10,
      expected: [
        ['b', 8, 3],
        ['a', '<k', '<k'],
        ['c', '<k', '<k'],
      ],
      change: 2.38,
    },
    {
      name: 'fewer than 5 people rated both times: nothing shows',
      topics: [topic('a', 3, 2, 3), topic('b', 3, 1, 4)],
      people: 3,
      expected: [
        ['a', '<k', '<k'],
        ['b', '<k', '<k'],
      ],
      change: '<k',
    },
  ])('$name', ({ topics, people, expected, change }) => {
    const d = build(quiet({ skills: topics, skillPeople: { before: people + 6, both: people } }));
    const v = (f: { hidden: boolean; value?: number } | null) => (f === null ? null : f.hidden ? '<k' : f.value);
    expect(d.skills.topics.map((t) => [t.topicId, v(t.people), v(t.change)])).toEqual(expected);
    expect(v(d.skills.change)).toBe(change);
    expect(d.skills.waiting).toEqual({ hidden: false, value: 6 });
  });
});
