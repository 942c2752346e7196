import type { Office } from './types.ts';

/**
 * The sandbox company's offices: seven cities in seven time zones, with the Windows zone
 * names Exchange puts in mailboxSettings and the IANA zones used for local-time arithmetic.
 * Sydney is in the southern hemisphere and India has no daylight saving, so the set covers
 * the awkward cases of cross-zone scheduling.
 */
export const OFFICES: readonly Readonly<Office>[] = [
  { city: 'Seattle', country: 'United States', windowsTimeZone: 'Pacific Standard Time', ianaTimeZone: 'America/Los_Angeles' },
  { city: 'New York', country: 'United States', windowsTimeZone: 'Eastern Standard Time', ianaTimeZone: 'America/New_York' },
  { city: 'London', country: 'United Kingdom', windowsTimeZone: 'GMT Standard Time', ianaTimeZone: 'Europe/London' },
  { city: 'Berlin', country: 'Germany', windowsTimeZone: 'W. Europe Standard Time', ianaTimeZone: 'Europe/Berlin' },
  { city: 'Bangalore', country: 'India', windowsTimeZone: 'India Standard Time', ianaTimeZone: 'Asia/Kolkata' },
  { city: 'Sydney', country: 'Australia', windowsTimeZone: 'AUS Eastern Standard Time', ianaTimeZone: 'Australia/Sydney' },
  { city: 'Tokyo', country: 'Japan', windowsTimeZone: 'Tokyo Standard Time', ianaTimeZone: 'Asia/Tokyo' },
];

/** Relative headcount per office, in OFFICES order, for people not co-located with their manager. */
export const OFFICE_WEIGHTS: readonly number[] = [3, 3, 2.5, 2, 3, 1.2, 1];

/** Offices that can be headquarters (the CEO's office), as indexes into OFFICES. */
export const HEADQUARTERS: readonly number[] = [0, 1, 2];
