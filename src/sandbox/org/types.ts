/**
 * The data model of the sandbox tenant's generated organisation. These shapes are what the
 * sandbox Graph server reads to answer `/users`, `/users/delta`, `mailboxSettings` and
 * `getSchedule`; they are deliberately close to Graph's own fields so that mapping stays trivial.
 */

/** Named edge-case people that tests and demos can refer to without searching the tree. */
export type PersonaKey = 'ceo' | 'hrAdmin' | 'noManager' | 'disabled' | 'mailboxError' | 'fullCalendar' | 'changesManager';

/** A physical office; people in it work in its time zone. */
export interface Office {
  city: string;
  country: string;
  /** Windows zone name, as Exchange returns it in mailboxSettings ("W. Europe Standard Time"). */
  windowsTimeZone: string;
  /** The matching IANA zone, used for all local-time arithmetic. */
  ianaTimeZone: string;
}

/** Lowercase day names, as Graph spells them in `workingHours.daysOfWeek`. */
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** One member of the sandbox organisation, with the fields Graph exposes about a user. */
export interface SandboxPerson {
  /** Lowercase GUID, deterministic from the seed and the person's breadth-first index. */
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  /** `@flipside-sandbox.onmicrosoft.com` address; also the userPrincipalName. */
  mail: string;
  userPrincipalName: string;
  /** Matches level and department ("VP Engineering", "Senior Data Analyst", ...). */
  jobTitle: string;
  department: string;
  /** The office city. */
  officeLocation: string;
  office: Office;
  /** ISO 8601 UTC midnight, e.g. "2014-03-01T00:00:00Z". */
  employeeHireDate: string;
  accountEnabled: boolean;
  managerId: string | null;
  /**
   * Depth in the hierarchy: 0 = CEO, 1 = executives, 2 = directors, ... For the `noManager`
   * persona, who sits outside the tree, it is the level of the position they held in it.
   */
  level: number;
  workingHours: {
    daysOfWeek: Weekday[];
    /** Local time, Exchange's format: "09:00:00.0000000". */
    startTime: string;
    endTime: string;
    /** Windows zone name. */
    timeZone: string;
  };
  persona?: PersonaKey;
}

/** One entry of a person's calendar, as free/busy (getSchedule) sees it. */
export interface CalendarItem {
  /** UTC instant, ISO with milliseconds: "2026-11-23T09:00:00.000Z". */
  start: string;
  end: string;
  status: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
  subject: string;
  isRecurring: boolean;
  isAllDay: boolean;
}

/** A generated organisation: its people, indexes over them and its personas. */
export interface SandboxOrg {
  tenantId: string;
  domain: string;
  seed: number;
  /** CEO first, then breadth-first. */
  people: SandboxPerson[];
  byId: Map<string, SandboxPerson>;
  /** Persona -> person id. */
  personas: Record<PersonaKey, string>;
  /** The people whose `managerId` is `id`, in breadth-first order; empty for unknown ids. */
  directReports(id: string): SandboxPerson[];
  /**
   * Moves a person under another manager (or detaches them with `null`), keeping the indexes
   * in step. Levels of the moved subtree follow the new manager; a detached person keeps theirs.
   * @throws RangeError for an unknown person or manager, or a move that would create a cycle.
   */
  setManager(personId: string, managerId: string | null): void;
}
