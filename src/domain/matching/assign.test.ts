import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, assignRows, validateAssignmentInput, type AssignmentInput, type AssignmentResult, type EdgeRows } from './assign.ts';

/** Builds an input from mentor capacities, a mentee count and [mentor, mentee, score] triples. */
function pool(capacities: number[], menteeCount: number, edges: [number, number, number][]): AssignmentInput {
  return {
    mentors: capacities.map((capacity, i) => ({ id: `m${i}`, capacity })),
    mentees: Array.from({ length: menteeCount }, (_, j) => ({ id: `e${j}` })),
    edges: edges.map(([i, j, score]) => ({ mentor: `m${i}`, mentee: `e${j}`, score })),
  };
}

/** The lexicographic optimum (most matched, then highest total) by trying every assignment. */
function bruteForce(input: AssignmentInput): { matched: number; totalScore: number } {
  const byMentee = input.mentees.map((mentee) => input.edges.filter((edge) => edge.mentee === mentee.id));
  const left = new Map(input.mentors.map((mentor) => [mentor.id, mentor.capacity]));
  let best = { matched: 0, totalScore: 0 };
  const visit = (j: number, matched: number, total: number): void => {
    if (j === byMentee.length) {
      if (matched > best.matched || (matched === best.matched && total > best.totalScore)) best = { matched, totalScore: total };
      return;
    }
    visit(j + 1, matched, total);
    for (const edge of byMentee[j]!) {
      const room = left.get(edge.mentor)!;
      if (room === 0) continue;
      left.set(edge.mentor, room - 1);
      visit(j + 1, matched + 1, total + edge.score);
      left.set(edge.mentor, room);
    }
  };
  visit(0, 0, 0);
  return best;
}

/** The input's edges as rows that can also be read edge by edge, counting the edges so read. */
function rowsWithEdgeChecks(input: AssignmentInput): { rows: EdgeRows; checked: () => number } {
  const mentorAt = new Map(input.mentors.map((mentor, i) => [mentor.id, i]));
  const byMentee = input.mentees.map((mentee) => input.edges.filter((edge) => edge.mentee === mentee.id).map((edge) => [mentorAt.get(edge.mentor)!, edge.score] as const));
  let checked = 0;
  const rows: EdgeRows = {
    mentorCount: input.mentors.length,
    menteeCount: input.mentees.length,
    capacities: input.mentors.map((mentor) => mentor.capacity),
    readRow(j, ids, scores) {
      byMentee[j]!.forEach(([i, score], t) => {
        ids[t] = i;
        scores[t] = score;
      });
      return byMentee[j]!.length;
    },
    readEdges(j, ids, count, scores) {
      checked += count;
      for (let k = 0; k < count; k++) scores[k] = byMentee[j]!.find(([i]) => i === ids[k])?.[1] ?? NaN;
    },
  };
  return { rows, checked: () => checked };
}

/** Every promise `assign` makes about any result, whatever its optimality. */
function expectFeasible(input: AssignmentInput, result: AssignmentResult): void {
  const capacity = new Map(input.mentors.map((mentor) => [mentor.id, mentor.capacity]));
  const edges = new Map(input.edges.map((edge) => [`${edge.mentor}\u0000${edge.mentee}`, edge.score]));
  const load = new Map<string, number>();
  const seen = new Set<string>();
  let total = 0;
  for (const pair of result.pairs) {
    expect(edges.get(`${pair.mentor}\u0000${pair.mentee}`)).toBe(pair.score);
    expect(seen.has(pair.mentee)).toBe(false);
    seen.add(pair.mentee);
    load.set(pair.mentor, (load.get(pair.mentor) ?? 0) + 1);
    total += pair.score;
  }
  for (const [mentor, used] of load) expect(used).toBeLessThanOrEqual(capacity.get(mentor)!);
  expect(result.matched).toBe(result.pairs.length);
  expect(result.totalScore).toBeCloseTo(total, 9);
  expect(result.optimalityGap).toBeGreaterThanOrEqual(0);
}

const smallPool = fc
  .record({
    capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 6 }),
    menteeCount: fc.integer({ min: 0, max: 7 }),
    density: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.array(
      fc.record({
        keep: fc.double({ min: 0, max: 1, noNaN: true }),
        // Quarter steps make ties common; the occasional raw double checks rounding.
        score: fc.oneof(
          fc.integer({ min: -8, max: 16 }).map((q) => q / 4),
          fc.double({ min: -5, max: 5, noNaN: true, noDefaultInfinity: true }),
        ),
      }),
      { minLength: 42, maxLength: 42 },
    ),
  })
  .map(({ capacities, menteeCount, density, seed }) => {
    const edges: [number, number, number][] = [];
    capacities.forEach((_, i) => {
      for (let j = 0; j < menteeCount; j++) {
        const cell = seed[i * 7 + j]!;
        if (cell.keep < density) edges.push([i, j, cell.score]);
      }
    });
    return pool(capacities, menteeCount, edges);
  });

describe('assign', () => {
  const cases: { name: string; input: AssignmentInput; pairs: [string, string][]; totalScore: number }[] = [
    { name: 'empty input', input: pool([], 0, []), pairs: [], totalScore: 0 },
    { name: 'mentors but no mentees', input: pool([1, 2], 0, []), pairs: [], totalScore: 0 },
    {
      name: 'a mentor with capacity 0 takes nobody, even her best pair',
      input: pool([0, 1], 2, [
        [0, 0, 9],
        [0, 1, 9],
        [1, 1, 1],
      ]),
      pairs: [['m1', 'e1']],
      totalScore: 1,
    },
    {
      name: 'a mentor with capacity 3 takes three',
      input: pool([3, 1], 4, [
        [0, 0, 5],
        [0, 1, 5],
        [0, 2, 5],
        [0, 3, 5],
        [1, 3, 1],
      ]),
      pairs: [
        ['m0', 'e0'],
        ['m0', 'e1'],
        ['m0', 'e2'],
        ['m1', 'e3'],
      ],
      totalScore: 16,
    },
    {
      name: 'a mentee with no edges stays unmatched',
      input: pool([1, 1], 2, [
        [0, 0, 1],
        [1, 0, 2],
      ]),
      pairs: [['m1', 'e0']],
      totalScore: 2,
    },
    {
      name: 'negative scores are used when they add a match',
      input: pool([1, 1], 2, [
        [0, 0, -1],
        [0, 1, 3],
        [1, 1, -2],
      ]),
      pairs: [
        ['m0', 'e0'],
        ['m1', 'e1'],
      ],
      totalScore: -3,
    },
    {
      name: 'greedy (best pair first) is suboptimal here',
      input: pool([1, 1], 2, [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 9],
        [1, 1, 1],
      ]),
      pairs: [
        ['m1', 'e0'],
        ['m0', 'e1'],
      ],
      totalScore: 18,
    },
    {
      name: 'maximum cardinality wins over maximum score',
      input: pool([1, 1], 2, [
        [0, 0, 100],
        [0, 1, 1],
        [1, 0, 1],
      ]),
      pairs: [
        ['m1', 'e0'],
        ['m0', 'e1'],
      ],
      totalScore: 2,
    },
    {
      name: 'when not everyone fits, the best-scoring mentee gets the place',
      input: pool([1], 3, [
        [0, 0, 1],
        [0, 1, 5],
        [0, 2, 3],
      ]),
      pairs: [['m0', 'e1']],
      totalScore: 5,
    },
    {
      name: 'all-equal scores: mentees take mentors in input order',
      input: pool(
        [1, 1, 1],
        3,
        [0, 1, 2].flatMap((i) => [0, 1, 2].map((j): [number, number, number] => [i, j, 1])),
      ),
      pairs: [
        ['m0', 'e0'],
        ['m1', 'e1'],
        ['m2', 'e2'],
      ],
      totalScore: 3,
    },
  ];

  it.each(cases)('$name', ({ input, pairs, totalScore }) => {
    const result = assign(input);
    expectFeasible(input, result);
    expect(result.pairs.map((pair) => [pair.mentor, pair.mentee])).toEqual(pairs);
    expect(result.totalScore).toBeCloseTo(totalScore, 12);
    expect(result.optimalityGap).toBe(0);
  });

  it('is deterministic: the same input gives the same pairs', () => {
    const input = pool(
      [2, 1, 1],
      4,
      [0, 1, 2].flatMap((i) => [0, 1, 2, 3].map((j): [number, number, number] => [i, j, 0.5])),
    );
    const first = assign(input);
    for (let run = 0; run < 3; run++) expect(assign(input)).toEqual(first);
  });

  it('throws on input that skipped validation', () => {
    expect(() => assign(pool([1], 1, [[0, 0, Number.NaN]]))).toThrow(/edges\[0\]\.score/);
    expect(() => assign(pool([-1], 1, []))).toThrow(/mentors\[0\]\.capacity/);
    const unknown: AssignmentInput = { mentors: [{ id: 'm', capacity: 1 }], mentees: [], edges: [{ mentor: 'm', mentee: 'x', score: 1 }] };
    expect(() => assign(unknown)).toThrow(/unknown mentee id "x"/);
  });

  it('matches brute force on small random pools', () => {
    fc.assert(
      fc.property(smallPool, (input) => {
        const result = assign(input);
        expectFeasible(input, result);
        const best = bruteForce(input);
        expect(result.matched).toBe(best.matched);
        expect(result.totalScore).toBeCloseTo(best.totalScore, 9);
        expect(result.optimalityGap).toBe(0);
        // Listed mentee by mentee, the edges take the one-pass route; the optimum is the same.
        const menteeOrder = new Map(input.mentees.map((mentee, j) => [mentee.id, j]));
        const byMentee = { ...input, edges: [...input.edges].sort((a, b) => menteeOrder.get(a.mentee)! - menteeOrder.get(b.mentee)!) };
        const regrouped = assign(byMentee);
        expect(regrouped.matched).toBe(best.matched);
        expect(regrouped.totalScore).toBeCloseTo(best.totalScore, 9);
      }),
      { numRuns: 400 },
    );
  });

  it('forced onto the sparse method, keeps maximum cardinality and a true gap bound', () => {
    fc.assert(
      fc.property(smallPool, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 }), (input, perMentee, perMentor, pricingRounds) => {
        const result = assign(input, {
          exactLimit: 0,
          candidatesPerMentee: perMentee,
          candidatesPerMentor: perMentor,
          maxPricingRounds: pricingRounds,
          targetRelativeGap: 0,
        });
        expectFeasible(input, result);
        const best = bruteForce(input);
        expect(result.matched).toBe(best.matched);
        expect(best.totalScore - result.totalScore).toBeLessThanOrEqual(result.optimalityGap + 1e-9);
      }),
      { numRuns: 400 },
    );
  });

  it('checking single edges (readEdges) instead of rows, stays exact or within its certified gap', () => {
    let edgesChecked = 0;
    fc.assert(
      fc.property(smallPool, fc.integer({ min: 0, max: 2 }), fc.boolean(), (input, perMentee, exact) => {
        const { rows, checked } = rowsWithEdgeChecks(input);
        const result = assignRows(rows, { exactLimit: exact ? 5_000 : 0, candidatesPerMentee: perMentee, candidatesPerMentor: 0, targetRelativeGap: 0 });
        const best = bruteForce(input);
        expect(result.matched).toBe(best.matched);
        if (exact) expect(result.optimalityGap).toBe(0);
        expect(Math.abs(best.totalScore - result.totalScore)).toBeLessThanOrEqual(result.optimalityGap + 1e-9);
        edgesChecked += checked();
      }),
      { numRuns: 400 },
    );
    // The property held where the certificate did check single edges, not only read rows.
    expect(edgesChecked).toBeGreaterThan(0);
  });

  it('stays exact with thin candidate lists when exactness is asked for', () => {
    fc.assert(
      fc.property(smallPool, (input) => {
        const result = assign(input, { candidatesPerMentee: 1, candidatesPerMentor: 0 });
        const best = bruteForce(input);
        expect(result.matched).toBe(best.matched);
        expect(result.totalScore).toBeCloseTo(best.totalScore, 9);
        expect(result.optimalityGap).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('assignRows', () => {
  /** A dense pool whose rows are computed on demand, as the large pools are. */
  function computedRows(mentors: number, mentees: number, seed: number): EdgeRows {
    const score = (i: number, j: number): number => (((i + 1) * 7919 * (j + 3) + seed * 104729) % 1009) / 1009;
    return {
      mentorCount: mentors,
      menteeCount: mentees,
      capacities: Array.from({ length: mentors }, (_, i) => 1 + (i % 3 === 0 ? 1 : 0)),
      readRow(j, ids, scores) {
        let count = 0;
        for (let i = 0; i < mentors; i++) {
          // A reporting line of sorts: some pairs are not allowed.
          if ((i + 2 * j) % 11 === 0) continue;
          ids[count] = i;
          scores[count] = score(i, j);
          count++;
        }
        return count;
      },
    };
  }

  it.each([
    { mentors: 40, mentees: 60, seed: 1 },
    { mentors: 60, mentees: 50, seed: 2 },
    { mentors: 80, mentees: 80, seed: 3 },
  ])('on computed rows of $mentors × $mentees, the sparse method stays within its certified gap', ({ mentors, mentees, seed }) => {
    const rows = computedRows(mentors, mentees, seed);
    const exact = assignRows(rows, { candidatesPerMentee: 2 });
    const sparse = assignRows(rows, { exactLimit: 0, candidatesPerMentee: 2, candidatesPerMentor: 0, maxPricingRounds: 1 });
    expect(exact.optimalityGap).toBe(0);
    expect(sparse.matched).toBe(exact.matched);
    expect(exact.totalScore - sparse.totalScore).toBeLessThanOrEqual(sparse.optimalityGap + 1e-9);
    const full = assignRows(rows, { candidatesPerMentee: mentors });
    expect(full.totalScore).toBeCloseTo(exact.totalScore, 9);
    expect(sparse.candidateEdges).toBeLessThan(sparse.usableEdges);
  });

  /**
   * A contended pool: every wish Zipf-distributed over a few topics (a few topics everyone wants)
   * against mentor skills spread uniformly, so the mentors teaching the top topic are scarce.
   */
  function contendedRows(size: number, seed: number, edgeChecks = false): EdgeRows {
    let state = seed >>> 0;
    const random = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 4294967296;
    };
    const topics = 12;
    const weights = Array.from({ length: topics }, (_, k) => 1 / (k + 1) ** 1.5);
    const total = weights.reduce((a, b) => a + b, 0);
    const zipf = (): number => {
      let u = random() * total;
      let k = 0;
      while (k < topics - 1 && u >= weights[k]!) u -= weights[k++]!;
      return k;
    };
    const wants = Array.from({ length: size }, () => [zipf(), zipf()]);
    const teaches = Array.from({ length: size }, () => 1 << Math.floor(random() * topics));
    const noise = Array.from({ length: size * size }, () => random());
    const score = (i: number, j: number): number => {
      const [first, second] = wants[j]!;
      return 0.5 * ((teaches[i]! >> first!) & 1) + 0.25 * ((teaches[i]! >> second!) & 1) + 0.25 * noise[j * size + i]!;
    };
    return {
      mentorCount: size,
      menteeCount: size,
      capacities: Array.from({ length: size }, (_, i) => (i % 5 === 0 ? 2 : 1)),
      readRow(j, ids, scores) {
        let count = 0;
        for (let i = 0; i < size; i++) {
          if ((i * 7 + j * 3) % 13 === 0) continue;
          ids[count] = i;
          scores[count] = score(i, j);
          count++;
        }
        return count;
      },
      ...(edgeChecks
        ? { readEdges: (j: number, ids: Int32Array, count: number, scores: Float64Array) => ids.subarray(0, count).forEach((i, k) => (scores[k] = (i * 7 + j * 3) % 13 === 0 ? NaN : score(i, j))) }
        : {}),
    };
  }

  it('on a small contended pool, the sparse result is within its certified gap of the exact optimum', () => {
    const rows = contendedRows(240, 15);
    const exact = assignRows(rows);
    const everyEdge = assignRows(rows, { candidatesPerMentee: 240 });
    expect(exact.optimalityGap).toBe(0);
    expect(exact.totalScore).toBeCloseTo(everyEdge.totalScore, 9);
    expect(exact.candidateEdges).toBeLessThan(exact.usableEdges);
    // Rows that can also be read edge by edge: the same optimum, reached by checking single edges.
    const checkable = contendedRows(240, 15, true);
    const exactByChecks = assignRows(checkable);
    expect(exactByChecks.optimalityGap).toBe(0);
    expect(exactByChecks.totalScore).toBeCloseTo(exact.totalScore, 9);
    for (const [targetRelativeGap, source] of [
      [1e-3, rows],
      [1e-5, rows],
      [1e-3, checkable],
      [1e-5, checkable],
    ] as const) {
      const sparse = assignRows(source, { exactLimit: 0, targetRelativeGap, candidatesPerMentee: 3, candidatesPerMentor: 1 });
      expect(sparse.matched).toBe(exact.matched);
      expect(sparse.optimalityGap).toBeLessThanOrEqual(targetRelativeGap * sparse.totalScore);
      expect(exact.totalScore - sparse.totalScore).toBeGreaterThanOrEqual(-1e-9);
      expect(exact.totalScore - sparse.totalScore).toBeLessThanOrEqual(sparse.optimalityGap + 1e-9);
      expect(sparse.candidateEdges).toBeLessThan(sparse.usableEdges);
    }
  });

  it('left-out mentees do not loosen the certificate (regression: exact mode fell back to every edge)', () => {
    const dense = computedRows(90, 90, 4);
    // A third of the mentors take one mentee each: two thirds of the mentees must be left out.
    const rows: EdgeRows = { ...dense, capacities: Array.from({ length: 90 }, (_, i) => (i % 3 === 0 ? 1 : 0)) };
    const result = assignRows(rows, { candidatesPerMentee: 3 });
    expect(result.matched).toBe(30);
    expect(result.optimalityGap).toBe(0);
    expect(result.candidateEdges).toBeLessThan(result.usableEdges);
    expect(result.totalScore).toBeCloseTo(assignRows(rows, { candidatesPerMentee: 90 }).totalScore, 9);
  });
});

describe('validateAssignmentInput', () => {
  const valid = {
    mentors: [
      { id: 'm1', capacity: 1 },
      { id: 'm2', capacity: 2 },
    ],
    mentees: [{ id: 'e1' }, { id: 'e2' }],
    edges: [
      { mentor: 'm1', mentee: 'e1', score: 0.73 },
      { mentor: 'm2', mentee: 'e2', score: -0.1 },
    ],
  };
  const withEdges = (edges: unknown[]): unknown => ({ ...valid, edges });

  it('accepts valid input and keeps only the known fields', () => {
    const result = validateAssignmentInput({ ...valid, comment: 'x', mentees: [{ id: 'e1', name: 'Raj' }, { id: 'e2' }] });
    expect(result).toEqual({ ok: true, input: { ...valid, mentees: [{ id: 'e1' }, { id: 'e2' }] } });
  });

  const bad: { name: string; raw: unknown; path: string; message: RegExp }[] = [
    { name: 'not an object', raw: [], path: '(input)', message: /must be an object/ },
    { name: 'missing mentors', raw: { mentees: [], edges: [] }, path: 'mentors', message: /must be an array/ },
    { name: 'mentor without id', raw: { ...valid, mentors: [{ capacity: 1 }] }, path: 'mentors[0].id', message: /non-empty string/ },
    {
      name: 'duplicate mentor id',
      raw: {
        ...valid,
        mentors: [
          { id: 'm1', capacity: 1 },
          { id: 'm1', capacity: 1 },
        ],
      },
      path: 'mentors[1].id',
      message: /duplicate mentor id "m1" \(first at mentors\[0\]\)/,
    },
    { name: 'negative capacity', raw: { ...valid, mentors: [{ id: 'm1', capacity: -1 }] }, path: 'mentors[0].capacity', message: /integer >= 0/ },
    { name: 'non-integer capacity', raw: { ...valid, mentors: [{ id: 'm1', capacity: 1.5 }] }, path: 'mentors[0].capacity', message: /integer >= 0/ },
    { name: 'capacity as a string', raw: { ...valid, mentors: [{ id: 'm1', capacity: '1' }] }, path: 'mentors[0].capacity', message: /integer >= 0/ },
    { name: 'duplicate mentee id', raw: { ...valid, mentees: [{ id: 'e1' }, { id: 'e1' }] }, path: 'mentees[1].id', message: /duplicate mentee id "e1"/ },
    { name: 'edges not an array', raw: { ...valid, edges: {} }, path: 'edges', message: /must be an array/ },
    {
      name: 'unknown mentor id',
      raw: withEdges([
        { mentor: 'm1', mentee: 'e1', score: 1 },
        { mentor: 'zz', mentee: 'e1', score: 1 },
      ]),
      path: 'edges[1].mentor',
      message: /unknown mentor id "zz"/,
    },
    { name: 'unknown mentee id', raw: withEdges([{ mentor: 'm1', mentee: 'zz', score: 1 }]), path: 'edges[0].mentee', message: /unknown mentee id "zz"/ },
    { name: 'NaN score', raw: withEdges([{ mentor: 'm1', mentee: 'e1', score: Number.NaN }]), path: 'edges[0].score', message: /finite number/ },
    { name: 'infinite score', raw: withEdges([{ mentor: 'm1', mentee: 'e1', score: Infinity }]), path: 'edges[0].score', message: /finite number/ },
    { name: 'missing score', raw: withEdges([{ mentor: 'm1', mentee: 'e1' }]), path: 'edges[0].score', message: /finite number/ },
    {
      name: 'duplicate edge',
      raw: withEdges([
        { mentor: 'm1', mentee: 'e1', score: 1 },
        { mentor: 'm2', mentee: 'e1', score: 1 },
        { mentor: 'm1', mentee: 'e1', score: 2 },
      ]),
      path: 'edges[2]',
      message: /duplicate edge "m1" → "e1" \(first at edges\[0\]\)/,
    },
  ];

  it.each(bad)('rejects $name', ({ raw, path, message }) => {
    const result = validateAssignmentInput(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path).toBe(path);
    expect(result.message).toMatch(message);
  });

  it('names the first problem when there are several', () => {
    const result = validateAssignmentInput(
      withEdges([
        { mentor: 'x', mentee: 'e1', score: Number.NaN },
        { mentor: 'm1', mentee: 'y', score: 1 },
      ]),
    );
    expect(result).toEqual({ ok: false, path: 'edges[0].mentor', message: 'unknown mentor id "x"' });
  });
});
