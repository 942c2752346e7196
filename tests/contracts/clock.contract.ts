// What every Clock promises (src/app/shared/clock.ts): the system clock and the tests' FakeClock.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/app/shared/clock.ts';

export function describeClockContract(name: string, makeSubject: () => Clock): void {
  describe(`Clock contract: ${name}`, () => {
    it('answers a valid instant', () => {
      const now = makeSubject().now();
      expect(now).toBeInstanceOf(Date);
      expect(Number.isNaN(now.getTime())).toBe(false);
    });

    it('never goes back from one call to the next', () => {
      const clock = makeSubject();
      const times = Array.from({ length: 1_000 }, () => clock.now().getTime());
      expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    });

    it('answers a new Date each time: a caller that changes it does not move the clock', () => {
      const clock = makeSubject();
      const first = clock.now();
      const before = first.getTime();
      first.setTime(0);
      expect(clock.now()).not.toBe(first);
      expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    });
  });
}
