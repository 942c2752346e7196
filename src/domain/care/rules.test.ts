import { describe, expect, it } from 'vitest';
import { checkInPoints, checkInsDue, checkInVisibleToHr, closeDue, DAY_MS, fitCheckDue, scaleCounts, stallOf, type CareSession } from './rules.ts';

const t0 = Date.parse('2027-01-04T10:00:00Z');
const WEEK = 7 * DAY_MS;
/** Weekly sessions from t0, with the statuses given, then planned ones up to `of`. */
function weekly(statuses: CareSession['status'][], of = 12): CareSession[] {
  return Array.from({ length: of }, (_, i) => ({
    id: `s${i + 1}`,
    n: i + 1,
    of,
    start: new Date(t0 + i * WEEK),
    end: new Date(t0 + i * WEEK + 3_600_000),
    status: statuses[i] ?? 'planned',
  }));
}
const at = (days: number) => new Date(t0 + days * DAY_MS);
const settings = { missedInRow: 2, idleDays: 21 };

describe('care rules', () => {
  it('the fit check is due after the second held session, or four weeks after the first, whichever is first', () => {
    expect(fitCheckDue(weekly(['held']), at(8))).toBe(false);
    expect(fitCheckDue(weekly(['held', 'partly_held']), at(8))).toBe(true);
    expect(fitCheckDue(weekly(['missed', 'missed', 'missed']), at(27))).toBe(false);
    expect(fitCheckDue(weekly(['missed', 'missed', 'missed', 'missed']), at(28))).toBe(true);
    expect(fitCheckDue([], at(100))).toBe(false);
  });

  it('check-ins at the third session and at the mid-point, once each when they fall together', () => {
    expect(checkInPoints(12)).toEqual([
      { occasion: 'third', n: 3 },
      { occasion: 'midpoint', n: 6 },
    ]);
    expect(checkInPoints(6)).toEqual([{ occasion: 'third', n: 3 }]);
    expect(checkInPoints(2)).toEqual([{ occasion: 'midpoint', n: 1 }]);
    expect(checkInsDue(weekly(['held', 'held']), at(13))).toEqual([]);
    expect(checkInsDue(weekly(['held', 'held', 'held']), at(15))).toEqual(['third']);
    expect(checkInsDue(weekly([]), at(36))).toEqual(['third', 'midpoint']);
  });

  it('a pair is stalled after two missed in a row, or 21 days without a held session, one stretch per last held session', () => {
    expect(stallOf(weekly(['held', 'missed']), at(8), settings)).toBeNull();
    const missed = stallOf(weekly(['held', 'missed', 'missed']), at(15), settings)!;
    expect(missed.reason).toBe('two sessions in a row were missed');
    expect(missed.lastHeldId).toBe('s1');
    // Cancelled sessions do not break a stretch of misses, nor count as one.
    expect(stallOf(weekly(['held', 'missed', 'cancelled', 'missed']), at(22), settings)?.lastHeldId).toBe('s1');
    const idle = weekly(['held', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(stallOf(idle, at(20), settings)).toBeNull();
    expect(stallOf(idle, at(22), settings)?.reason).toBe('no session held in 21 days');
    expect(stallOf(weekly([]), at(-1), settings)).toBeNull();
  });

  it('HR is asked to close after six weeks without a held session', () => {
    const s = weekly(['held', 'missed', 'missed', 'missed', 'missed', 'missed', 'missed']);
    expect(closeDue(s, at(41))).toBe(false);
    expect(closeDue(s, at(43))).toBe(true);
  });

  it('figures of fewer than five answers are not shown; single check-ins only when asked to or flagged', () => {
    expect(scaleCounts(['yes', 'yes', 'no', null, 'mostly'])).toBeNull();
    expect(scaleCounts(['yes', 'yes', 'no', 'mostly', 'mostly'])).toEqual({ yes: 2, mostly: 2, no: 1 });
    const base = { contactMe: false, speakOpenly: 'yes' as const, respectful: 'yes' as const, forHr: '', answeredAt: new Date() };
    expect(checkInVisibleToHr(base)).toBe(false);
    expect(checkInVisibleToHr({ ...base, contactMe: true })).toBe(true);
    expect(checkInVisibleToHr({ ...base, respectful: 'no' })).toBe(true);
    expect(checkInVisibleToHr({ ...base, forHr: 'He talks over me' })).toBe(true);
    expect(checkInVisibleToHr({ ...base, contactMe: true, answeredAt: null })).toBe(false);
  });
});
