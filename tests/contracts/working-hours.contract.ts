// What every WorkingHoursSource promises (src/app/matching/ports.ts): mailbox settings through
// GraphWorkingHours, or the in-memory fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkingHoursSource } from '../../src/app/matching/ports.ts';

/** The mailboxes behind the source, as a test picks people from them. */
export interface WorkingHoursWorld {
  /** `n` different people with a mailbox. */
  withMailbox(n: number): string[];
  /** Someone nobody knows (no mailbox at all). */
  unknown(): string;
}

export interface WorkingHoursSubject {
  source: WorkingHoursSource;
  world: WorkingHoursWorld;
  close?(): Promise<void>;
}

export function describeWorkingHoursContract(name: string, makeSubject: () => Promise<WorkingHoursSubject>): void {
  describe(`WorkingHoursSource contract: ${name}`, () => {
    let source: WorkingHoursSource;
    let world: WorkingHoursWorld;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ source, world, close } = await makeSubject());
    });
    afterAll(async () => close?.());

    it('answers each person asked, more than one $batch takes included: an IANA zone and HH:MM times', async () => {
      const ids = world.withMailbox(25);
      const hours = await source.workingHours(ids);
      expect([...hours.keys()].sort()).toEqual([...ids].sort());
      for (const h of hours.values()) {
        expect(() => new Intl.DateTimeFormat('en', { timeZone: h.timeZone })).not.toThrow();
        expect(h.start).toMatch(/^\d{2}:\d{2}$/);
        expect(h.end).toMatch(/^\d{2}:\d{2}$/);
      }
    });

    it('leaves out people without a mailbox, and answers the others', async () => {
      const [known] = world.withMailbox(1);
      const hours = await source.workingHours([known!, world.unknown()]);
      expect([...hours.keys()]).toEqual([known]);
    });

    it('answers nobody asked with an empty map', async () => {
      expect((await source.workingHours([])).size).toBe(0);
    });
  });
}
