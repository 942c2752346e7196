import type { CalendarGateway, PersonSchedule } from '../../../src/app/booking/ports.ts';
import type { BusyInterval, WorkingHours } from '../../../src/domain/scheduling/types.ts';

const MAX_WINDOW_MS = 62 * 86_400_000;

/** A mailbox of the fake: its owner, their working hours, what is in their calendar. */
export interface FakeMailbox {
  id: string;
  mail: string;
  workingHours: WorkingHours;
  busy: BusyInterval[];
  /** The mailbox cannot be read (Graph's ErrorMailboxStoreUnavailable). */
  unreadable?: boolean;
}

/** Monday to Friday, nine to five, in London. */
export const OFFICE_HOURS: WorkingHours = { daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '09:00', endTime: '17:00', timeZone: 'Europe/London' };

/**
 * Calendars in memory, answering free/busy as Graph's getSchedule does through GraphCalendar (held
 * to it by tests/contracts/calendar-gateway.contract.ts): mailboxes found by address whatever its
 * case, what overlaps the window, an unreadable or unknown mailbox reported for that person only.
 */
export class FakeCalendar implements CalendarGateway {
  private readonly byMail = new Map<string, FakeMailbox>();

  constructor(mailboxes: (Partial<FakeMailbox> & { id: string; mail: string })[] = []) {
    for (const m of mailboxes) this.add(m);
  }

  add(mailbox: Partial<FakeMailbox> & { id: string; mail: string }): FakeMailbox {
    const m: FakeMailbox = { workingHours: OFFICE_HOURS, busy: [], ...mailbox };
    this.byMail.set(m.mail.toLowerCase(), m);
    return m;
  }

  /** Puts an item in the person's calendar (busy unless said otherwise). */
  book(mail: string, start: Date, end: Date, status: BusyInterval['status'] = 'busy'): void {
    this.mustGet(mail).busy.push({ start, end, status });
  }

  async schedules(people: { id: string; mail: string }[], start: Date, end: Date): Promise<Map<string, PersonSchedule>> {
    if (end.getTime() - start.getTime() >= MAX_WINDOW_MS) throw new RangeError('getSchedule windows must be shorter than 62 days');
    return new Map(
      people.map((p): [string, PersonSchedule] => {
        const m = this.byMail.get(p.mail.toLowerCase());
        if (!m) return [p.id, { ok: false, reason: `ErrorMailRecipientNotFound: no mailbox ${p.mail}` }];
        if (m.unreadable) return [p.id, { ok: false, reason: 'ErrorMailboxStoreUnavailable: the mailbox cannot be read' }];
        const busy = m.busy.filter((b) => b.start < end && b.end > start).map((b) => ({ ...b, start: new Date(b.start), end: new Date(b.end) }));
        return [p.id, { ok: true, workingHours: { ...m.workingHours, daysOfWeek: [...m.workingHours.daysOfWeek] }, busy }];
      }),
    );
  }

  private mustGet(mail: string): FakeMailbox {
    const m = this.byMail.get(mail.toLowerCase());
    if (!m) throw new Error(`no mailbox ${mail} in the fake calendar`);
    return m;
  }
}
