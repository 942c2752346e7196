import { spawnSync } from 'node:child_process';
import type { EdgeRows } from '../src/domain/matching/assign.ts';

/**
 * The C++ peer: SciPy's `linear_sum_assignment` (its C++ shortest-augmenting-path solver for
 * rectangular problems, after Crouse 2016), run by the machine's python3, given the same pool as
 * a dense mentees × slots cost matrix (capacity expanded into copies of a mentor, cost M − score
 * on an edge and 2M on a missing pair with M above any total score, as for the JS packages).
 * Only the solver's call is timed, inside Python; the objective is read back from its pairs.
 * Undefined when python3 with SciPy is not there.
 */
export interface PeerResult {
  readonly ms: number;
  readonly matched: number;
  readonly totalScore: number;
}

const SCRIPT = `
import sys, time, numpy as np
from scipy.optimize import linear_sum_assignment
data = sys.stdin.buffer.read()
n, m = np.frombuffer(data, dtype=np.int32, count=2)
capacities = np.frombuffer(data, dtype=np.int32, count=m, offset=8)
scores = np.frombuffer(data, dtype=np.float64, count=n * m, offset=8 + 4 * m + (-(8 + 4 * m)) % 8).reshape(n, m)
finite = np.isfinite(scores)
big = 2 * (np.abs(scores[finite]).max() if finite.any() else 0) * n + 1
costs = np.where(finite, big - np.where(finite, scores, 0), 2 * big)
slots = np.repeat(np.arange(m, dtype=np.int32), capacities)
costs = np.ascontiguousarray(costs[:, slots])
start = time.perf_counter()
rows, cols = linear_sum_assignment(costs)
ms = (time.perf_counter() - start) * 1000
mentor = np.full(n, -1, dtype=np.int32)
keep = costs[rows, cols] < 2 * big
mentor[rows[keep]] = slots[cols[keep]]
sys.stdout.buffer.write(np.array([ms], dtype=np.float64).tobytes() + mentor.tobytes())
`;

export function solveWithCppPeer(rows: EdgeRows): PeerResult | undefined {
  const n = rows.menteeCount;
  const m = rows.mentorCount;
  const head = 8 + 4 * m;
  const pad = (8 - (head % 8)) % 8;
  const buffer = new ArrayBuffer(head + pad + 8 * n * m);
  const header = new Int32Array(buffer, 0, 2 + m);
  header[0] = n;
  header[1] = m;
  for (let i = 0; i < m; i++) header[2 + i] = rows.capacities[i]!;
  const scores = new Float64Array(buffer, head + pad, n * m).fill(Number.NaN);
  const mentors = new Int32Array(m);
  const rowScores = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    const len = rows.readRow(j, mentors, rowScores);
    for (let t = 0; t < len; t++) scores[j * m + mentors[t]!] = rowScores[t]!;
  }
  const run = spawnSync('python3', ['-c', SCRIPT], { input: new Uint8Array(buffer), maxBuffer: 16 + 8 * n, stdio: ['pipe', 'pipe', 'pipe'] });
  if (run.status !== 0 || run.stdout.length !== 8 + 4 * n) {
    if (run.error || /ModuleNotFoundError/.test(run.stderr?.toString() ?? '')) return undefined;
    throw new Error(`C++ peer failed: ${run.stderr?.toString() ?? String(run.error)}`);
  }
  const out = run.stdout.buffer.slice(run.stdout.byteOffset, run.stdout.byteOffset + run.stdout.length);
  const ms = new Float64Array(out, 0, 1)[0]!;
  const mentorOf = new Int32Array(out, 8, n);
  let matched = 0;
  let totalScore = 0;
  for (let j = 0; j < n; j++) {
    const i = mentorOf[j]!;
    if (i === -1) continue;
    const score = scores[j * m + i]!;
    if (!Number.isFinite(score)) throw new Error(`C++ peer paired mentee ${j} with mentor ${i}, who is no edge`);
    matched++;
    totalScore += score;
  }
  return { ms, matched, totalScore };
}
