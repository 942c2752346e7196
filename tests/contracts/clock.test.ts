import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/shared/clock.ts';
import { FakeClock } from '../support/fakes/clock.ts';
import { describeClockContract } from './clock.contract.ts';

describeClockContract('systemClock', () => systemClock);
describeClockContract('FakeClock', () => new FakeClock(new Date('2026-11-23T09:00:00Z')));

describe('FakeClock', () => {
  it('stands still until the test moves it, forward by advance(), anywhere by set()', () => {
    const clock = new FakeClock(new Date('2026-11-23T09:00:00Z'));
    expect(clock.now()).toEqual(new Date('2026-11-23T09:00:00Z'));
    clock.advance(90_000);
    expect(clock.now()).toEqual(new Date('2026-11-23T09:01:30Z'));
    clock.set(new Date('2026-01-01T00:00:00Z'));
    expect(clock.now()).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
