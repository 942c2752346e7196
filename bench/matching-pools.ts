import type { AssignmentInput, EdgeRows } from '../src/domain/matching/assign.ts';

/**
 * Realistic, seeded matching pools for the benchmark. A reverse-mentoring program: juniors
 * (levels 1–5) mentor seniors (levels 4–10) across an org chart of twelve departments.
 *
 * - Must-rules cut edges: the mentor must be junior to the mentee, and neither may be in the
 *   other's reporting line (so a department head has no edge to anyone in her department, and
 *   the chief executive has none at all).
 * - Many mentees want the same four scarce topics ("AI assistants", …) that few mentors teach.
 * - Score in [0, 1]: topics taught that the mentee wants, weighted by her priorities (0.5),
 *   reciprocity (0.1), different departments (0.15), shared working hours across six offices
 *   (0.15), seniority gap near the ideal of four levels (0.1), and a small deterministic jitter
 *   so that ties are as rare as in real scores.
 * - Capacities: 80 % of mentors take one mentee, 20 % take two.
 *
 * Rows are computed on demand (`readRow`), so 20,000 × 20,000 pools never hold their 400 million
 * pairs in memory; `toInput()` lists every edge for the sizes where that is reasonable.
 */
export interface MatchingPool extends EdgeRows {
  readonly size: number;
  toInput(): AssignmentInput;
}

const TOPICS = 24;
const HOT_TOPICS = 4;
const DEPARTMENTS = 12;
const OFFICE_UTC_OFFSETS = [-8, -5, 0, 1, 5.5, 8];
const IDEAL_GAP = 4;
/** Contended pools: wish k (from 0) in the topics' popularity order has weight 1 / (k + 1)^1.5. */
const ZIPF_EXPONENT = 1.5;

/**
 * How wanted topics are drawn. `easy`: the bench's first pools (four hot topics that 70 % of
 * mentees want first and 6 % of mentors' topics cover; the other wishes uniform). `contended`: the
 * way real programs look (issue 15): every wish Zipf-distributed over the 24 topics (exponent 1.5:
 * the most wanted topic is 45 % of the draws, the next three 30 %) against mentor skills spread
 * uniformly over the same topics, 1–2 each, so the topic nearly every mentee wants is taught by
 * about one mentor in sixteen.
 */
export type PoolKind = 'easy' | 'contended';

/** A pool with `size` mentors and `size` mentees, the same for the same `seed` and `kind`. */
export function generatePool(size: number, seed: number, kind: PoolKind = 'easy'): MatchingPool {
  const random = mulberry32(seed);
  const pick = (count: number): number => Math.floor(random() * count);

  // People 0..size-1 are mentees (seniors), size..2·size-1 mentors (juniors).
  const people = 2 * size;
  const level = new Int8Array(people);
  const department = new Int8Array(people);
  const office = new Int8Array(people);
  for (let p = 0; p < people; p++) {
    level[p] = p < size ? 4 + Math.min(6, Math.floor(-Math.log(1 - random()) * 1.8)) : 1 + pick(5);
    department[p] = pick(DEPARTMENTS);
    office[p] = pick(OFFICE_UTC_OFFSETS.length);
  }
  const top = 0;
  level[top] = 11;

  // Org chart: by decreasing level, everyone reports to a random more senior person of her
  // department (department heads report to the chief executive).
  const order = Array.from({ length: people }, (_, p) => p).sort((a, b) => level[b]! - level[a]! || a - b);
  const manager = new Int32Array(people).fill(-1);
  const seniorByDepartment: number[][] = Array.from({ length: DEPARTMENTS }, () => []);
  for (const p of order) {
    if (p === top) continue;
    const candidates = seniorByDepartment[department[p]!]!;
    // Candidates were added by decreasing level, so the more senior ones are a prefix.
    let above = 0;
    let below = candidates.length;
    while (above < below) {
      const mid = (above + below) >> 1;
      if (level[candidates[mid]!]! > level[p]!) above = mid + 1;
      else below = mid;
    }
    manager[p] = above === 0 ? top : candidates[Math.floor(Math.sqrt(random()) * above)]!;
    if (candidates.length < 64 || random() < 0.15) candidates.push(p);
  }
  const [enter, leave] = eulerTour(manager, top);

  // Topics: mentors teach 2–4, scarce hot topics rarely; mentees want 2–3, mostly a hot one first.
  // Contended: mentors teach 2–4 topics uniformly; every wish is a Zipf draw.
  const zipf = zipfSampler(TOPICS, ZIPF_EXPONENT);
  const teaches = new Int32Array(people);
  const wants = new Int32Array(people);
  const wantTopic = new Int8Array(size * 3).fill(-1);
  const wantWeight = new Float64Array(size * 3);
  for (let p = size; p < people; p++) {
    const count = kind === 'contended' ? 1 + pick(2) : 2 + pick(3);
    for (let k = 0; k < count; k++) {
      teaches[p]! |= 1 << (kind === 'contended' ? pick(TOPICS) : random() < 0.06 ? pick(HOT_TOPICS) : HOT_TOPICS + pick(TOPICS - HOT_TOPICS));
    }
    wants[p] = (1 << (HOT_TOPICS + pick(TOPICS - HOT_TOPICS))) | (1 << (HOT_TOPICS + pick(TOPICS - HOT_TOPICS)));
  }
  for (let j = 0; j < size; j++) {
    const count = 2 + pick(2);
    const weights = [3, 2, 1];
    const total = weights.slice(0, count).reduce((sum, w) => sum + w, 0);
    let chosen = 0;
    for (let k = 0; k < count; k++) {
      let topic = kind === 'contended' ? zipf(random()) : k === 0 && random() < 0.7 ? pick(HOT_TOPICS) : pick(TOPICS);
      // Contended: draw again until new (the next wish still follows Zipf over the rest).
      if (kind === 'contended') while (chosen & (1 << topic)) topic = zipf(random());
      while (chosen & (1 << topic)) topic = (topic + 1) % TOPICS;
      chosen |= 1 << topic;
      wantTopic[j * 3 + k] = topic;
      wantWeight[j * 3 + k] = weights[k]! / total;
    }
    for (let k = 0; k < 3; k++) teaches[j]! |= 1 << (HOT_TOPICS + pick(TOPICS - HOT_TOPICS));
  }

  const sharedHours = new Float64Array(OFFICE_UTC_OFFSETS.length ** 2);
  OFFICE_UTC_OFFSETS.forEach((a, x) =>
    OFFICE_UTC_OFFSETS.forEach((b, y) => {
      sharedHours[x * OFFICE_UTC_OFFSETS.length + y] = Math.max(0, 8 - Math.abs(a - b)) / 8;
    }),
  );
  const gapScore = new Float64Array(16);
  for (let gap = 0; gap < 16; gap++) gapScore[gap] = Math.max(0, 1 - Math.abs(gap - IDEAL_GAP) / IDEAL_GAP);

  const capacities = new Int32Array(size);
  for (let i = 0; i < size; i++) capacities[i] = random() < 0.2 ? 2 : 1;

  // Mentor features by mentor index, so the hot loop below reads plain local arrays.
  const mentorLevel = level.slice(size);
  const mentorEnter = enter.slice(size);
  const mentorLeave = leave.slice(size);
  const mentorTeaches = teaches.slice(size);
  const mentorWants = wants.slice(size);
  const mentorDepartment = department.slice(size);
  const mentorOffice = office.slice(size);

  // Per mentor, level (bits 0–3), office (4–7) and department (8–) in one word, so that the
  // loop below loads few arrays; `base` holds a mentee's seniority-gap and shared-hours terms
  // by (level, office) of the mentor, summed in the same order as written out, so the scores
  // are the same to the last bit.
  const mentorPacked = new Int32Array(size);
  for (let i = 0; i < size; i++) mentorPacked[i] = mentorLevel[i]! | (mentorOffice[i]! << 4) | (mentorDepartment[i]! << 8);
  const offices = OFFICE_UTC_OFFSETS.length;
  const base = new Float64Array(16 * 8);

  /**
   * What one mentee's row of scores needs: `base` filled with their seniority-gap and shared-hours
   * terms, and the rest as values for the scoring loops to keep in locals.
   */
  const menteeTerms = (j: number) => {
    const levelJ = level[j]!;
    const inJ = enter[j]!;
    const officeRow = office[j]! * offices;
    for (let l = 0; l < 16; l++) {
      for (let o = 0; o < offices; o++) base[l * 8 + o] = 0.1 * gapScore[(levelJ - l) & 15]! + 0.15 * sharedHours[officeRow + o]!;
    }
    return {
      levelJ,
      inJ,
      spanJ: (leave[j]! - inJ) >>> 0,
      departmentJ: department[j]!,
      teachesJ: teaches[j]!,
      // Topic 31 is never taught: a mentee with two wishes gets 0 from the third.
      t0: wantTopic[j * 3]!,
      t1: wantTopic[j * 3 + 1]!,
      t2: wantTopic[j * 3 + 2]! >= 0 ? wantTopic[j * 3 + 2]! : 31,
      w0: 0.5 * wantWeight[j * 3]!,
      w1: 0.5 * wantWeight[j * 3 + 1]!,
      w2: 0.5 * wantWeight[j * 3 + 2]!,
      jitterJ: Math.imul(j + 1, 0x9e3779b1),
    };
  };

  const readRow = (j: number, mentors: Int32Array, scores: Float64Array): number => {
    const packed = mentorPacked;
    const enters = mentorEnter;
    const leaves = mentorLeave;
    const taughtBy = mentorTeaches;
    const wantedBy = mentorWants;
    const { levelJ, inJ, spanJ, departmentJ, teachesJ, t0, t1, t2, w0, w1, w2, jitterJ } = menteeTerms(j);
    let count = 0;
    // Branch-free: every pair is written, and `count` only advances past the allowed ones.
    for (let i = 0; i < size; i++) {
      const f = packed[i]!;
      const levelI = f & 15;
      const inI = enters[i]!;
      // Reporting line, either direction: one is an ancestor of the other in the org chart
      // (enter(a) <= enter(b) < leave(a)), as unsigned compares.
      const below = (inI - inJ) >>> 0 < spanJ ? 1 : 0;
      const above = (inJ - inI) >>> 0 < (leaves[i]! - inI) >>> 0 ? 1 : 0;
      const allowed = ((levelI - levelJ) >>> 31) & (1 ^ (below | above));
      const taught = taughtBy[i]!;
      const score =
        base[(levelI << 3) | ((f >> 4) & 15)]! +
        w0 * ((taught >>> t0) & 1) +
        w1 * ((taught >>> t1) & 1) +
        w2 * ((taught >>> t2) & 1) +
        ((wantedBy[i]! & teachesJ) !== 0 ? 0.1 : 0) +
        (f >> 8 !== departmentJ ? 0.15 : 0) -
        ((jitterJ ^ Math.imul(i + 1, 0x85ebca6b)) >>> 22) * (0.02 / 1024);
      mentors[count] = i;
      scores[count] = score;
      count += allowed;
    }
    return count;
  };

  // The same scores as `readRow`, to the last bit (the same terms summed in the same order), for
  // a few mentors only; NaN where the pair is not allowed.
  const readEdges = (j: number, mentors: Int32Array, count: number, scores: Float64Array): void => {
    const { levelJ, inJ, spanJ, departmentJ, teachesJ, t0, t1, t2, w0, w1, w2, jitterJ } = menteeTerms(j);
    for (let k = 0; k < count; k++) {
      const i = mentors[k]!;
      const f = mentorPacked[i]!;
      const levelI = f & 15;
      const inI = mentorEnter[i]!;
      const below = (inI - inJ) >>> 0 < spanJ ? 1 : 0;
      const above = (inJ - inI) >>> 0 < (mentorLeave[i]! - inI) >>> 0 ? 1 : 0;
      const allowed = ((levelI - levelJ) >>> 31) & (1 ^ (below | above));
      const taught = mentorTeaches[i]!;
      const score =
        base[(levelI << 3) | ((f >> 4) & 15)]! +
        w0 * ((taught >>> t0) & 1) +
        w1 * ((taught >>> t1) & 1) +
        w2 * ((taught >>> t2) & 1) +
        ((mentorWants[i]! & teachesJ) !== 0 ? 0.1 : 0) +
        (f >> 8 !== departmentJ ? 0.15 : 0) -
        ((jitterJ ^ Math.imul(i + 1, 0x85ebca6b)) >>> 22) * (0.02 / 1024);
      scores[k] = allowed === 1 ? score : NaN;
    }
  };

  return {
    size,
    mentorCount: size,
    menteeCount: size,
    capacities,
    readRow,
    readEdges,
    toInput() {
      // Edges share their people's id strings, as when the scoring code builds them in memory.
      const mentors = Array.from(capacities, (capacity, i) => ({ id: `mentor-${i}`, capacity }));
      const mentees = Array.from({ length: size }, (_, j) => ({ id: `mentee-${j}` }));
      const mentorBuffer = new Int32Array(size);
      const scoreBuffer = new Float64Array(size);
      const edges: AssignmentInput['edges'] = [];
      for (let j = 0; j < size; j++) {
        const len = readRow(j, mentorBuffer, scoreBuffer);
        for (let t = 0; t < len; t++) edges.push({ mentor: mentors[mentorBuffer[t]!]!.id, mentee: mentees[j]!.id, score: scoreBuffer[t]! });
      }
      return { mentors, mentees, edges };
    },
  };
}

/** Maps a uniform draw in [0, 1) to a topic, topic k (from 0) with weight 1 / (k + 1). */
function zipfSampler(topics: number, exponent: number): (u: number) => number {
  const cumulative = new Float64Array(topics);
  let total = 0;
  for (let k = 0; k < topics; k++) cumulative[k] = total += 1 / (k + 1) ** exponent;
  return (u) => {
    const target = u * total;
    let k = 0;
    while (k < topics - 1 && cumulative[k]! <= target) k++;
    return k;
  };
}

/** Entry and exit times of a depth-first walk: a is an ancestor of b iff enter[a] <= enter[b] < leave[a]. */
function eulerTour(manager: Int32Array, root: number): [Int32Array, Int32Array] {
  const people = manager.length;
  const childCount = new Int32Array(people + 1);
  for (let p = 0; p < people; p++) if (manager[p] !== -1) childCount[manager[p]! + 1]!++;
  for (let p = 0; p < people; p++) childCount[p + 1]! += childCount[p]!;
  const children = new Int32Array(people);
  const fill = childCount.slice(0, people);
  for (let p = 0; p < people; p++) if (manager[p] !== -1) children[fill[manager[p]!]!++] = p;

  const enter = new Int32Array(people);
  const leave = new Int32Array(people);
  const stack = new Int32Array(people);
  const next = childCount.slice(0, people);
  let clock = 0;
  let depth = 0;
  stack[depth++] = root;
  enter[root] = clock++;
  while (depth > 0) {
    const p = stack[depth - 1]!;
    if (next[p]! < childCount[p + 1]!) {
      const child = children[next[p]!++]!;
      enter[child] = clock++;
      stack[depth++] = child;
    } else {
      leave[p] = clock;
      depth--;
    }
  }
  return [enter, leave];
}

/** A small, fast, seedable generator (public-domain mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
