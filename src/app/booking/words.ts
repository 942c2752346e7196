import type { SlotOptionVM } from '../../cards/types.ts';
import type { BookingView } from '../../contracts/matching.ts';
import { expandOccurrences } from '../../domain/scheduling/index.ts';
import { clockWords, seriesWords, type LocalClock } from '../shared/time-words.ts';
import type { Cadence, Occurrence, ProgramPeriod, SlotAlternative, SlotCandidate } from '../../domain/scheduling/types.ts';
import type { BookingRecord } from './ports.ts';

export { clockWords, dateWords, seriesWords, type LocalClock } from '../shared/time-words.ts';

/** How a person of the pair is named and where their clock is. */
export interface Attendee extends LocalClock {
  id: string;
  name: string;
}

export function cadenceWords(cadence: Cadence): string {
  return cadence === 'weekly' ? 'every week' : cadence === 'biweekly' ? 'every two weeks' : 'every four weeks';
}

function firstOf(slot: SlotCandidate, period: ProgramPeriod): Occurrence | undefined {
  return expandOccurrences(slot, period)[0];
}

/** An offered slot as the card shows it: each person's own time, the evidence, the concerns. */
export function slotOption(slot: SlotCandidate, period: ProgramPeriod, mentor: Attendee, mentee: Attendee, note?: string): SlotOptionVM {
  const first = firstOf(slot, period) ?? { start: new Date(0), end: new Date(0) };
  const people = { mentor, mentee };
  const fit = [
    `free for both in ${slot.freeOccurrences} of the next ${slot.checkedOccurrences} sessions`,
    slot.withinWorkingHoursEveryDate ? 'inside both working days' : 'partly outside working hours',
  ].join(' · ');
  const concerns = [
    ...(note ? [note] : []),
    ...slot.concerns.map((c) => {
      const who = people[c.who].name.split(' ')[0];
      return c.kind === 'over-lunch' ? `over lunch for ${who}` : c.kind === 'start-of-day' ? `at the start of ${who}'s day` : `at the end of ${who}'s day`;
    }),
  ];
  return {
    id: slot.id,
    times: [mentor, mentee].map((p) => ({ name: p.name, when: seriesWords(first, slot.cadence, p) })),
    fit,
    concerns,
  };
}

/** A length of time as people say it: "45 minutes", "1 hour", "1 hour 45 minutes". */
export function durationWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = hours === 0 ? '' : `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  const m = rest === 0 ? '' : `${rest} ${rest === 1 ? 'minute' : 'minutes'}`;
  return [h, m].filter(Boolean).join(' ') || '0 minutes';
}

/**
 * What an alternative asks of the pair, said on the option itself: "30 minutes instead of 45",
 * "starts 30 minutes before Cathy's working day on some dates: pick it only if Cathy agrees".
 */
export function alternativeNote(alt: SlotAlternative, requestedMinutes: number, mentor: Attendee, mentee: Attendee): string {
  if (alt.kind === 'shorter-meeting') return `${alt.durationMinutes} minutes instead of ${requestedMinutes}`;
  if (alt.kind === 'monthly') return 'every four weeks instead of more often';
  const who = (alt.needsConsentOf === 'mentor' ? mentor : mentee).name.split(' ')[0];
  const before = alt.startsBeforeDayMinutes;
  const after = alt.endsAfterDayMinutes;
  // Said from the edge of the day the session leaves; a session longer than the day leaves both.
  const how =
    before > 0 && after === 0
      ? `starts ${durationWords(before)} before ${who}'s working day`
      : after > 0 && before === 0
        ? `ends ${durationWords(after)} after ${who}'s working day`
        : `${durationWords(alt.minutesOutsideHours)} outside ${who}'s working hours`;
  return `${how}${alt.outsideOnEveryDate ? '' : ' on some dates'}: pick it only if ${who} agrees`;
}

const STATUS_VIEW: Record<BookingRecord['status'], BookingView['status']> = {
  finding: 'finding',
  choosing: 'choosing',
  booking: 'booking',
  booked: 'booked',
  unbookable: 'unbookable',
  ending: 'ending',
  ended: 'ended',
};

/** A booking as the tab shows it to one person, in their own clock. */
export function bookingView(b: BookingRecord, period: ProgramPeriod, viewer: LocalClock, now: Date): BookingView {
  const series = b.eventId !== null && b.chosen !== null && b.status !== 'ended' ? b.chosen : null;
  const held = series !== null;
  const sessions = series ? expandOccurrences(series, period) : [];
  const next = sessions.find((o) => o.end.getTime() > now.getTime());
  const from = next ?? sessions[0];
  return {
    status: STATUS_VIEW[b.status],
    // Said from the next session: across two zones' clock changes the local time can shift by an hour.
    when: held && from ? seriesWords(from, series.cadence, viewer) : null,
    series: held && from ? { cadence: series.cadence, start: from.start.toISOString(), end: from.end.toISOString() } : null,
    nextSession: next ? { start: next.start.toISOString(), end: next.end.toISOString() } : null,
    zone: viewer.zone,
    zoneName: clockWords(viewer, next?.start ?? now),
    joinUrl: held ? b.joinUrl : null,
    problem: b.problem,
  };
}
