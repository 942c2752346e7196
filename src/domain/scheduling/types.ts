import type { DayOfWeek } from './calendar-days.ts';

export type { DayOfWeek } from './calendar-days.ts';

/** Local time of day, "HH:mm" (24-hour clock; "24:00" allowed as the end of working hours). */
export type LocalTime = string;

/** Calendar date, "yyyy-MM-dd". */
export type IsoDate = string;

/** Which member of a pair. */
export type PairRole = 'mentor' | 'mentee';

/**
 * How often the pair meets: every week, every two weeks, or "monthly", which Flipside defines as
 * the same weekday every fourth week (a weekly recurrence with interval 4), so every session
 * keeps the weekday and time everyone got used to.
 */
export type Cadence = 'weekly' | 'biweekly' | 'monthly';

/** Weeks between two sessions for each cadence. */
export const CADENCE_INTERVAL_WEEKS: Readonly<Record<Cadence, 1 | 2 | 4>> = {
  weekly: 1,
  biweekly: 2,
  monthly: 4,
};

/**
 * A person's working hours in their own zone, as Graph's getSchedule reports them (the border
 * trims "08:00:00.0000000" to "08:00"). An `endTime` not later than `startTime` means the
 * working day runs past midnight.
 */
export interface WorkingHours {
  daysOfWeek: readonly DayOfWeek[];
  startTime: LocalTime;
  endTime: LocalTime;
  /** IANA zone name; map Windows names with `toIanaZone` at the Graph border. */
  timeZone: string;
}

/**
 * Free/busy status as Graph's `getSchedule` reports it. Tentative counts as busy; free and
 * working elsewhere count as free; out of office blocks the person's whole local day.
 */
export type FreeBusyStatus = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';

/** One calendar item of a person, as UTC instants. */
export interface BusyInterval {
  start: Date;
  end: Date;
  status: FreeBusyStatus;
}

/** What the finder needs to know about one member of the pair. */
export interface SchedulingPerson {
  workingHours: WorkingHours;
  /** The office the directory gives, to name the person's zone in messages ("Seattle time"). */
  office?: string | null;
  /** Calendar items over (at least) the check window; any order. */
  busy: readonly BusyInterval[];
}

/** The program's first and last day (inclusive), as dates in the organizer's zone. */
export interface ProgramPeriod {
  startDate: IsoDate;
  endDate: IsoDate;
}

/** The span of time the caller has free/busy data for; occurrences inside it are checked. */
export interface CheckWindow {
  start: Date;
  end: Date;
}

/** A weekly-based recurring meeting time, in the organizer's zone. */
export interface RecurringSlot {
  /** Stable id (see `slotId`), for cards to send back. */
  id: string;
  dayOfWeek: DayOfWeek;
  startTime: LocalTime;
  /** IANA zone of the organizer, in which `dayOfWeek` and `startTime` are meant. */
  timeZone: string;
  durationMinutes: number;
  cadence: Cadence;
}

/** Something that makes a slot less comfortable for one person, on most of its dates. */
export interface SlotConcern {
  who: PairRole;
  kind: 'over-lunch' | 'start-of-day' | 'end-of-day';
}

/** A candidate slot with the evidence behind its rank. */
export interface SlotCandidate extends RecurringSlot {
  firstOccurrence: IsoDate;
  lastOccurrence: IsoDate;
  /** Number of sessions between program start and end. */
  occurrences: number;
  /** Sessions inside the check window… */
  checkedOccurrences: number;
  /** …and how many of those are free for both. */
  freeOccurrences: number;
  /** Inside both people's working hours, in their own zones, on every date of the series. */
  withinWorkingHoursEveryDate: boolean;
  /** Per person, the dates (organizer's zone) on which the session falls outside their hours. */
  outsideWorkingHours: ReadonlyArray<{ who: PairRole; dates: readonly IsoDate[] }>;
  /** 0–100, higher is better: lunch, edges of the working day, day of the week. */
  comfort: number;
  concerns: readonly SlotConcern[];
}

/** Everything the finder needs for one pair. */
export interface SlotSearch {
  mentor: SchedulingPerson;
  mentee: SchedulingPerson;
  /** Whose calendar holds the series; results are expressed in this person's zone. */
  organizer: PairRole;
  cadence: Cadence;
  durationMinutes: number;
  /** Candidate start times are multiples of this many minutes after midnight. Default 15. */
  granularityMinutes?: number;
  program: ProgramPeriod;
  checkWindow: CheckWindow;
  /** How many slots to return. Default 3. */
  maxSlots?: number;
  /** Minimum share of checked sessions free for both for a slot to count as fitting. Default 0.5. */
  minFreeShare?: number;
  /** How far outside someone's hours an "outside hours, with consent" alternative may go. Default 180. */
  consentStretchMinutes?: number;
}

/** A nearby option offered when nothing fits the request as asked. */
export type SlotAlternative =
  | { kind: 'shorter-meeting'; durationMinutes: number; slot: SlotCandidate }
  | { kind: 'monthly'; slot: SlotCandidate }
  | {
      kind: 'outside-hours';
      /** The person whose working hours the slot leaves, who has to agree. */
      needsConsentOf: PairRole;
      /**
       * On the worst date, minutes of the session that fall outside that person's hours: never
       * more than the meeting's length (a session wholly outside counts its length).
       */
      minutesOutsideHours: number;
      /** On the worst date, how long before that person's working day the session starts (0: never before it). */
      startsBeforeDayMinutes: number;
      /** On the worst date, how long after that person's working day the session ends (0: never after it). */
      endsAfterDayMinutes: number;
      /** Outside that person's hours on every date of the series, or only on some (daylight saving moves zones apart). */
      outsideOnEveryDate: boolean;
      slot: SlotCandidate;
    };

/** The finder's answer: slots, or why there are none and what comes closest. */
export type SlotSearchResult =
  | { kind: 'slots'; slots: readonly SlotCandidate[] }
  | {
      kind: 'no-common-hours';
      /** Longest stretch of shared working time on one day of the program's first week. */
      overlapMinutes: number;
      message: string;
      alternatives: readonly SlotAlternative[];
    }
  | {
      kind: 'no-free-time';
      message: string;
      /** The best slot inside both people's hours, even though it is mostly busy. */
      best: SlotCandidate;
      alternatives: readonly SlotAlternative[];
    };

/** One session of a series. */
export interface Occurrence {
  /** Local date in the organizer's zone. */
  date: IsoDate;
  start: Date;
  end: Date;
}

/** A Graph-like recurrence for a series, as plain data: the Graph adapter maps it to the wire. */
export interface RecurrenceFacts {
  pattern: {
    type: 'weekly';
    interval: 1 | 2 | 4;
    daysOfWeek: readonly DayOfWeek[];
    firstDayOfWeek: 'monday';
  };
  range: { type: 'endDate'; startDate: IsoDate; endDate: IsoDate };
  /** The first session's start and end as local date-times ("yyyy-MM-ddTHH:mm:ss") in `timeZone`. */
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
}
