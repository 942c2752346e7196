import { describe, expect, it } from 'vitest';
import { minGroup, protect, protectBreakdown, shownText, type Cell, type Shown } from './privacy.ts';

const c = (people: number, value = people): Cell => ({ value, people });
/** A breakdown as a reader sees it: numbers, or '<k' for hidden cells. */
const seen = (s: Shown) => (s.hidden ? '<k' : s.value);

describe('minGroup', () => {
  it.each([
    [undefined, 5],
    [null, 5],
    [3, 5],
    [5, 5],
    [8, 8],
    [7.9, 7],
  ])('setting %s gives %i', (setting, k) => expect(minGroup(setting)).toBe(k));
});

describe('protect: one figure', () => {
  it.each([
    [0, 0, 0],
    [1, 1, '<k'],
    [4, 4, '<k'],
    [5, 5, 5],
    // sessions held by 4 people: a figure about 4 people, whatever its value
    [4, 30, '<k'],
    [6, 2, 2],
  ])('about %i people (value %i) shows %s', (people, value, expected) => expect(seen(protect(c(people, value), 5))).toBe(expected));

  it('reads "fewer than k" when hidden', () => {
    expect(shownText(protect(c(3), 5), 5)).toBe('fewer than 5');
    expect(shownText(protect(c(3), 7), 7)).toBe('fewer than 7');
    expect(shownText(protect(c(12), 5), 5)).toBe('12');
  });
});

describe('protectBreakdown: no hidden cell can be worked out from the totals', () => {
  const cases: Array<{ name: string; total: number; parts: number[]; k?: number; shows: Array<number | '<k'>; totalShows: number | '<k' }> = [
    { name: 'nothing small: everything shows', total: 30, parts: [10, 8, 12], shows: [10, 8, 12], totalShows: 30 },
    { name: 'zeros show (they are about nobody)', total: 20, parts: [20, 0, 0], shows: [20, 0, 0], totalShows: 20 },
    { name: 'one small cell: the smallest other cell is hidden too (else total − shown = hidden)', total: 30, parts: [3, 12, 15], shows: ['<k', '<k', 15], totalShows: 30 },
    { name: 'two small cells that add up to fewer than k: a third is hidden', total: 32, parts: [1, 2, 10, 19], shows: ['<k', '<k', '<k', 19], totalShows: 32 },
    { name: 'two small cells that add up to k or more: enough', total: 27, parts: [3, 4, 20], shows: ['<k', '<k', 20], totalShows: 27 },
    { name: 'the complement skips zero cells (a hidden zero would leave the small one as the remainder)', total: 23, parts: [3, 0, 20], shows: ['<k', 0, '<k'], totalShows: 23 },
    { name: 'only zeros left to hide: the total is hidden too', total: 3 + 0, parts: [3, 0], shows: ['<k', '<k'], totalShows: '<k' },
    { name: 'small total: everything hidden', total: 4, parts: [2, 2], shows: ['<k', '<k'], totalShows: '<k' },
    { name: 'one cell only, small: the total would give it away', total: 9, parts: [9], shows: [9], totalShows: 9 },
    { name: 'k raised to 10', total: 40, parts: [8, 12, 20], k: 10, shows: ['<k', '<k', 20], totalShows: 40 },
  ];

  it.each(cases)('$name', ({ total, parts, k = 5, shows, totalShows }) => {
    const result = protectBreakdown(
      c(total),
      parts.map((p) => c(p)),
      k,
    );
    expect(result.parts.map(seen)).toEqual(shows);
    expect(seen(result.total)).toBe(totalShows);
  });

  it('work it out from the totals: no hidden cell equals the total minus the shown cells, nor any hidden group of fewer than k', () => {
    // Every breakdown of 12 people into 4 cells: the reader's only arithmetic is total − shown.
    const k = 5;
    for (let a = 0; a <= 12; a++)
      for (let b = 0; a + b <= 12; b++)
        for (let d = 0; a + b + d <= 12; d++) {
          const parts = [a, b, d, 12 - a - b - d];
          const result = protectBreakdown(
            c(12),
            parts.map((p) => c(p)),
            k,
          );
          const hidden = parts.filter((_, i) => result.parts[i]!.hidden);
          const smallHidden = parts.some((p, i) => p > 0 && p < k && !result.parts[i]!.hidden);
          expect(smallHidden, `small cell shown in ${parts}`).toBe(false);
          if (!result.total.hidden && hidden.length > 0) {
            const remainder = hidden.reduce((s, p) => s + p, 0);
            // The reader learns only the hidden cells' sum: it must be about k or more people, spread over two or more cells.
            expect(hidden.length, `one hidden cell in ${parts}`).toBeGreaterThan(1);
            expect(remainder, `hidden remainder in ${parts}`).toBeGreaterThanOrEqual(k);
            expect(hidden.filter((p) => p > 0).length, `only one non-zero hidden cell in ${parts}`).toBeGreaterThan(1);
          }
        }
  });
});
