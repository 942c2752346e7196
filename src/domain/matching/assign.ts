import { csrEdgeRows, type EdgeRows, type MenteeCsr } from './solver/edge-rows.ts';
import { solveRows, type IndexedSolution, type SolveSettings } from './solver/solve.ts';

export type { EdgeRows } from './solver/edge-rows.ts';
export type { IndexedSolution } from './solver/solve.ts';

/** A pool to match: who may mentor whom (an edge) and how good each such pair is. */
export interface AssignmentInput {
  /** `capacity`: the most mentees this mentor may take, an integer >= 0. */
  mentors: { id: string; capacity: number }[];
  mentees: { id: string }[];
  /** Finite scores, possibly negative; a pair without an edge is never proposed. */
  edges: { mentor: string; mentee: string; score: number }[];
}

export interface AssignmentResult {
  /** In the order of `input.mentees`. */
  pairs: { mentor: string; mentee: string; score: number }[];
  /** Number of matched mentees. */
  matched: number;
  totalScore: number;
  /**
   * Certified upper bound on (best total score among maximum-cardinality solutions − totalScore);
   * 0 when the result is proven optimal. Cardinality itself is always maximal.
   */
  optimalityGap: number;
}

export interface AssignOptions {
  /**
   * Pools with at most this many mentors and at most this many mentees are solved to proven
   * optimality; larger ones get the sparse method and a certified gap. Default 5,000.
   */
  exactLimit?: number;
  /** Best-scoring edges kept per mentee in the first candidate graph. Default 10. */
  candidatesPerMentee?: number;
  /** Best-scoring edges kept per mentor in the first candidate graph. Default 4. */
  candidatesPerMentor?: number;
  /**
   * Sparse method only: solve-and-price rounds allowed to shrink the gap. Default: no cap, it
   * prices until the certified gap meets `targetRelativeGap`.
   */
  maxPricingRounds?: number;
  /** Sparse method only: a gap at most this fraction of the total score is good enough. Default 5e-4. */
  targetRelativeGap?: number;
}

const DEFAULTS = {
  exactLimit: 5_000,
  candidatesPerMentee: 10,
  candidatesPerMentor: 4,
  maxPricingRounds: Infinity,
  targetRelativeGap: 5e-4,
  edgesPerMentee: 8,
} as const;

/**
 * Pairs mentors with mentees. The objective, exactly: first the largest number of matched
 * mentees; among those, the largest total score. Mentor capacities are respected; each mentee
 * gets at most one mentor; only input edges are used. Deterministic: the same input (in the same
 * order) always gives the same pairs. Among equally good solutions the choice is fixed by the
 * input alone: mentees with the most to lose are served first, then input order; with all scores
 * equal, the i-th mentee gets the i-th mentor with room.
 *
 * Pools up to `exactLimit` per side are solved optimally. Larger pools are solved over candidate
 * edges and checked against every edge, with the distance from the optimum bounded by an LP-dual
 * certificate in `optimalityGap`.
 *
 * The input must be valid (see `validateAssignmentInput`, which names the problem for a person).
 * @throws RangeError on an unknown id, a capacity that is not an integer >= 0, or a non-finite score.
 */
export function assign(input: AssignmentInput, options: AssignOptions = {}): AssignmentResult {
  const mentorIndex = indexIds(input.mentors, 'mentor');
  const menteeIndex = indexIds(input.mentees, 'mentee');
  const capacities = new Int32Array(input.mentors.length);
  input.mentors.forEach((mentor, i) => {
    if (!isCapacity(mentor.capacity)) {
      throw new RangeError(`mentors[${i}].capacity: must be an integer >= 0`);
    }
    capacities[i] = Math.min(mentor.capacity, input.mentees.length);
  });

  const rows = edgeRowsInPlace(input, mentorIndex, menteeIndex, capacities) ?? csrEdgeRows(groupEdgesByMentee(input, mentorIndex, menteeIndex), capacities);
  const solution = assignRows(rows, options);

  const pairs: AssignmentResult['pairs'] = [];
  for (let j = 0; j < input.mentees.length; j++) {
    const i = solution.menteeMentor[j]!;
    if (i === -1) continue;
    pairs.push({ mentor: input.mentors[i]!.id, mentee: input.mentees[j]!.id, score: solution.menteeScore[j]! });
  }
  return {
    pairs,
    matched: solution.matched,
    totalScore: solution.totalScore,
    optimalityGap: solution.optimalityGap,
  };
}

/**
 * `assign` for a pool given by dense indices, whose rows may be computed on demand: a 20,000 ×
 * 20,000 pool has 400 million pairs, too many to list, yet the certificate must see them all.
 * The same objective, guarantees and options as `assign`.
 */
export function assignRows(rows: EdgeRows, options: AssignOptions = {}): IndexedSolution {
  const exactLimit = options.exactLimit ?? DEFAULTS.exactLimit;
  const settings: SolveSettings = {
    exact: rows.mentorCount <= exactLimit && rows.menteeCount <= exactLimit,
    candidatesPerMentee: options.candidatesPerMentee ?? DEFAULTS.candidatesPerMentee,
    candidatesPerMentor: options.candidatesPerMentor ?? DEFAULTS.candidatesPerMentor,
    maxPricingRounds: options.maxPricingRounds ?? DEFAULTS.maxPricingRounds,
    targetRelativeGap: options.targetRelativeGap ?? DEFAULTS.targetRelativeGap,
    edgesPerMentee: DEFAULTS.edgesPerMentee,
  };
  return solveRows(rows, settings);
}

/** Either the parsed input or the first problem found, with the path of the offending field. */
export type AssignmentInputValidation = { ok: true; input: AssignmentInput } | { ok: false; path: string; message: string };

/**
 * Checks untrusted input (the CLI's JSON file, the admin API's body) before `assign`, and names
 * the first problem in words a person can act on, e.g. `edges[3].score: must be a finite number`.
 * The parsed input holds only the known fields.
 */
export function validateAssignmentInput(raw: unknown): AssignmentInputValidation {
  const fail = (path: string, message: string): AssignmentInputValidation => ({ ok: false, path, message });
  if (!isRecord(raw)) return fail('(input)', 'must be an object with mentors, mentees and edges');

  const mentorsRaw = raw['mentors'];
  if (!Array.isArray(mentorsRaw)) return fail('mentors', 'must be an array');
  const mentors: AssignmentInput['mentors'] = [];
  const mentorAt = new Map<string, number>();
  for (let k = 0; k < mentorsRaw.length; k++) {
    const item: unknown = mentorsRaw[k];
    const path = `mentors[${k}]`;
    if (!isRecord(item)) return fail(path, 'must be an object with id and capacity');
    const id = item['id'];
    if (typeof id !== 'string' || id === '') return fail(`${path}.id`, 'must be a non-empty string');
    const first = mentorAt.get(id);
    if (first !== undefined) return fail(`${path}.id`, `duplicate mentor id ${JSON.stringify(id)} (first at mentors[${first}])`);
    const capacity = item['capacity'];
    if (!isCapacity(capacity)) return fail(`${path}.capacity`, 'must be an integer >= 0');
    mentorAt.set(id, k);
    mentors.push({ id, capacity });
  }

  const menteesRaw = raw['mentees'];
  if (!Array.isArray(menteesRaw)) return fail('mentees', 'must be an array');
  const mentees: AssignmentInput['mentees'] = [];
  const menteeAt = new Map<string, number>();
  for (let k = 0; k < menteesRaw.length; k++) {
    const item: unknown = menteesRaw[k];
    const path = `mentees[${k}]`;
    if (!isRecord(item)) return fail(path, 'must be an object with id');
    const id = item['id'];
    if (typeof id !== 'string' || id === '') return fail(`${path}.id`, 'must be a non-empty string');
    const first = menteeAt.get(id);
    if (first !== undefined) return fail(`${path}.id`, `duplicate mentee id ${JSON.stringify(id)} (first at mentees[${first}])`);
    menteeAt.set(id, k);
    mentees.push({ id });
  }

  const edgesRaw = raw['edges'];
  if (!Array.isArray(edgesRaw)) return fail('edges', 'must be an array');
  const edges: AssignmentInput['edges'] = [];
  const edgeAt = new Map<number, number>();
  for (let k = 0; k < edgesRaw.length; k++) {
    const item: unknown = edgesRaw[k];
    const path = `edges[${k}]`;
    if (!isRecord(item)) return fail(path, 'must be an object with mentor, mentee and score');
    const mentor = item['mentor'];
    if (typeof mentor !== 'string') return fail(`${path}.mentor`, 'must be a mentor id (string)');
    const i = mentorAt.get(mentor);
    if (i === undefined) return fail(`${path}.mentor`, `unknown mentor id ${JSON.stringify(mentor)}`);
    const mentee = item['mentee'];
    if (typeof mentee !== 'string') return fail(`${path}.mentee`, 'must be a mentee id (string)');
    const j = menteeAt.get(mentee);
    if (j === undefined) return fail(`${path}.mentee`, `unknown mentee id ${JSON.stringify(mentee)}`);
    const score = item['score'];
    if (typeof score !== 'number' || !Number.isFinite(score)) return fail(`${path}.score`, 'must be a finite number');
    const key = i * mentees.length + j;
    const first = edgeAt.get(key);
    if (first !== undefined) {
      return fail(path, `duplicate edge ${JSON.stringify(mentor)} → ${JSON.stringify(mentee)} (first at edges[${first}])`);
    }
    edgeAt.set(key, k);
    edges.push({ mentor, mentee, score });
  }
  return { ok: true, input: { mentors, mentees, edges } };
}

/** Mentor ids compared ahead of the last one before a lookup by hash (see `edgeRowsInPlace`). */
const LOOK_AHEAD = 8;

/**
 * Rows read straight from the input's edges when they come mentee by mentee, each mentee's edges
 * together (the usual way to build them); undefined otherwise. Copying millions of edges into
 * arrays first would allocate tens of megabytes, and with millions of objects alive each large
 * allocation risks a full garbage collection that costs more than the solve; the solver reads
 * most rows once. Mentor ids and scores are checked as rows are read, and every row is read
 * before anything is decided.
 */
function edgeRowsInPlace(input: AssignmentInput, mentorIndex: Map<string, number>, menteeIndex: Map<string, number>, capacities: Int32Array): EdgeRows | undefined {
  const edges = input.edges;
  const n = input.mentees.length;
  const start = new Int32Array(n).fill(-1);
  const end = new Int32Array(n);
  let lastId: string | undefined;
  let last = -1;
  for (let e = 0; e < edges.length; e++) {
    const id = edges[e]!.mentee;
    if (id === lastId) continue;
    const j = menteeIndex.get(id);
    if (j === undefined) throw new RangeError(`edges[${e}].mentee: unknown mentee id ${JSON.stringify(id)}`);
    if (start[j] !== -1) return undefined;
    if (last !== -1) end[last] = e;
    start[j] = e;
    lastId = id;
    last = j;
  }
  if (last !== -1) end[last] = edges.length;
  const mentors = input.mentors;
  return {
    mentorCount: mentors.length,
    menteeCount: n,
    capacities,
    readRow(mentee, ids, scores) {
      const from = start[mentee]!;
      if (from === -1) return 0;
      const to = end[mentee]!;
      if (to - from > ids.length) throw new RangeError(`edges[${from}]: a mentee has more edges than there are mentors`);
      let lastMentor = -1;
      for (let e = from; e < to; e++) {
        const edge = edges[e]!;
        const id = edge.mentor;
        // A mentee's edges usually list mentors in input order, skipping a few she may not have:
        // comparing the next ids (the same strings, so by reference) is cheaper than hashing.
        let i: number | undefined = lastMentor + 1;
        const ahead = Math.min(i + LOOK_AHEAD, mentors.length);
        while (i < ahead && mentors[i]!.id !== id) i++;
        if (i === ahead) i = mentorIndex.get(id);
        if (i === undefined) throw new RangeError(`edges[${e}].mentor: unknown mentor id ${JSON.stringify(edge.mentor)}`);
        if (!Number.isFinite(edge.score)) throw new RangeError(`edges[${e}].score: must be a finite number`);
        lastMentor = i;
        ids[e - from] = i;
        scores[e - from] = edge.score;
      }
      return to - from;
    },
  };
}

/**
 * The edges copied into rows by mentee, for inputs whose edges `edgeRowsInPlace` cannot read in
 * place (a mentee's edges not all together), touching the input objects as little as possible:
 * with millions of them alive, each pass over them is slow. Edges listed mentee by mentee, in the
 * order of `mentees`, are copied in one pass; any other order takes a second pass to group them.
 */
function groupEdgesByMentee(input: AssignmentInput, mentorIndex: Map<string, number>, menteeIndex: Map<string, number>): MenteeCsr {
  const edges = input.edges;
  const count = edges.length;
  const n = input.mentees.length;
  const start = new Int32Array(n + 1);
  const mentor = new Int32Array(count);
  const score = new Float64Array(count);
  const mentors = input.mentors;
  let grouped = true;
  let lastId: string | undefined;
  let last = -1;
  let lastMentor = -1;
  for (let e = 0; e < count; e++) {
    const edge = edges[e]!;
    if (edge.mentee !== lastId) {
      const j = menteeIndex.get(edge.mentee);
      if (j === undefined) throw new RangeError(`edges[${e}].mentee: unknown mentee id ${JSON.stringify(edge.mentee)}`);
      if (j < last) grouped = false;
      lastId = edge.mentee;
      last = j;
    }
    // A mentee's edges usually list mentors in input order: try the next two before hashing.
    let i: number | undefined = lastMentor + 1;
    if (mentors[i]?.id !== edge.mentor) {
      i++;
      if (mentors[i]?.id !== edge.mentor) i = mentorIndex.get(edge.mentor);
    }
    if (i === undefined) throw new RangeError(`edges[${e}].mentor: unknown mentor id ${JSON.stringify(edge.mentor)}`);
    lastMentor = i;
    if (!Number.isFinite(edge.score)) throw new RangeError(`edges[${e}].score: must be a finite number`);
    start[last + 1]!++;
    mentor[e] = i;
    score[e] = edge.score;
  }
  for (let j = 0; j < n; j++) start[j + 1]! += start[j]!;
  if (grouped) return { mentorCount: input.mentors.length, menteeCount: n, start, mentor, score };

  const fill = start.slice(0, n);
  const groupedMentor = new Int32Array(count);
  const groupedScore = new Float64Array(count);
  for (let e = 0; e < count; e++) {
    const at = fill[menteeIndex.get(edges[e]!.mentee)!]!++;
    groupedMentor[at] = mentor[e]!;
    groupedScore[at] = score[e]!;
  }
  return { mentorCount: input.mentors.length, menteeCount: n, start, mentor: groupedMentor, score: groupedScore };
}

function indexIds(items: readonly { id: string }[], side: 'mentor' | 'mentee'): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, k) => {
    if (index.has(item.id)) throw new RangeError(`${side}s[${k}].id: duplicate ${side} id ${JSON.stringify(item.id)}`);
    index.set(item.id, k);
  });
  return index;
}

function isCapacity(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
