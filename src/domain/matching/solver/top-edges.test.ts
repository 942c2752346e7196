import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopEdges } from './top-edges.ts';

describe('TopEdges', () => {
  it('keeps the best edges, the sorted head best first with ties in the order offered, and the best one dropped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        // Few distinct gains, so that ties at the cut are common.
        fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 120 }),
        fc.integer({ min: 0, max: 14 }),
        (limit, gains, head) => {
          const top = new TopEdges(limit);
          for (let t = 0; t < gains.length; t++) {
            const g = gains[t]!;
            if (g > top.floor) top.add(t, 2 * g, g);
            else if (g > top.dropped) top.dropped = g;
          }
          const count = top.finish(head);

          const ranked = gains.map((g, t) => ({ g, t })).sort((a, b) => b.g - a.g || a.t - b.t);
          const kept = ranked.slice(0, limit).map((e) => e.t);
          const got = Array.from(top.mentor.subarray(0, count));
          expect(count).toBe(kept.length);
          expect([...got].sort((a, b) => a - b)).toEqual([...kept].sort((a, b) => a - b));
          expect(got.slice(0, head)).toEqual(kept.slice(0, head));
          const rest = got.slice(head);
          expect(rest).toEqual([...rest].sort((a, b) => a - b));
          got.forEach((t, k) => expect(top.score[k]).toBe(2 * gains[t]!));
          expect(top.dropped).toBe(ranked.length > limit ? ranked[limit]!.g : -Infinity);
        },
      ),
      { numRuns: 500 },
    );
  });
});
