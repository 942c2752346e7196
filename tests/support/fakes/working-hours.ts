import type { WorkingHoursSource } from '../../../src/app/matching/ports.ts';

type Hours = { timeZone: string; start: string; end: string };

/**
 * Working hours in memory, as mailbox settings give them through GraphWorkingHours (held to it by
 * tests/contracts/working-hours.contract.ts): an IANA zone and HH:MM times per person; people
 * without a readable mailbox are left out.
 */
export class FakeWorkingHours implements WorkingHoursSource {
  private readonly hours = new Map<string, Hours>();

  constructor(entries: Iterable<[string, Hours]> = []) {
    for (const [id, h] of entries) this.set(id, h);
  }

  set(userId: string, hours: Hours): void {
    this.hours.set(userId, { ...hours });
  }

  async workingHours(userIds: string[]): Promise<Map<string, Hours>> {
    return new Map(userIds.flatMap((id) => (this.hours.has(id) ? [[id, { ...this.hours.get(id)! }] as [string, Hours]] : [])));
  }
}
