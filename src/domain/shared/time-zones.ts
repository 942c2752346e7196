import cityTimezones from 'city-timezones';
import { findIana } from 'windows-iana';

// CLDR (and so windows-iana and ICU) still lists a few zones under names that tzdb has since
// renamed. Both spellings work everywhere; the current one reads better in messages ("Kolkata").
const CURRENT_NAME: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
};

function resolvedIanaName(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch (error) {
    // Intl rejects unknown zone names with a RangeError; that is the "not IANA" answer.
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * Turns a time-zone name as Exchange / Microsoft Graph reports it into an IANA name.
 *
 * Graph returns working hours and event times with Windows zone names ("W. Europe Standard Time")
 * or IANA names, depending on how the mailbox was set up. The domain only speaks IANA, so the
 * Graph border calls this once per name. Accepts an IANA name (returned as given, or with its
 * capitalisation fixed) or a Windows name (mapped with the CLDR table of `windows-iana`, taking
 * the zone CLDR names for the territory "001", i.e. the zone's main city).
 *
 * @returns the IANA name, or `null` for a name that is neither (e.g. Exchange's
 *   "Customized Time Zone"), so the caller can decide what to fall back on.
 */
export function toIanaZone(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return null;

  const windowsCandidates = findIana(trimmed, '001');
  const primary = windowsCandidates[0];
  if (primary !== undefined) return CURRENT_NAME[primary] ?? primary;

  const resolved = resolvedIanaName(trimmed);
  if (resolved === null) return null;
  const lower = trimmed.toLowerCase();
  if (resolved.toLowerCase() === lower) return resolved;
  const current = CURRENT_NAME[resolved];
  if (current !== undefined && current.toLowerCase() === lower) return current;
  // An alias such as "US/Pacific" or "Asia/Kolkata" (which ICU reports as "Asia/Calcutta"):
  // keep the name the caller gave, it is valid and is the one they recognise.
  return trimmed;
}

const DAY_MS = 86_400_000;

// Building an Intl formatter costs far more than using one, and every card names a zone: one per zone, kept.
const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();

function offsetAt(zone: string, at: Date): string | null {
  let format = offsetFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch (error) {
      // Intl rejects unknown zone names with a RangeError: such a zone keeps no known clock.
      if (!(error instanceof RangeError)) throw error;
      format = null;
    }
    offsetFormats.set(zone, format);
  }
  return format?.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? null;
}

/** Two zones keep one clock when their offsets agree every fortnight of the year from `at` (so across both clock changes). */
function sameClock(a: string, b: string, at: Date): boolean {
  if (a === b) return true;
  for (let day = 0; day <= 366; day += 14) {
    const instant = new Date(at.getTime() + day * DAY_MS);
    const x = offsetAt(a, instant);
    if (x === null || x !== offsetAt(b, instant)) return false;
  }
  return true;
}

/** The parts of an office location that may name its city: "Seattle, WA" → "Seattle, WA", "Seattle", "WA". */
function cityCandidates(office: string): string[] {
  const whole = office.trim();
  const parts = whole.split(/[,;/|()\u2013\u2014]| - /).map((p) => p.trim());
  return [...new Set([whole, ...parts])].filter((p) => p.length >= 2 && p.length <= 60 && /\p{L}/u.test(p));
}

/**
 * The office city of a directory entry when it lies in `zone` (keeps the same clock there all
 * year), as the directory writes it; `null` when the office is unknown, is not a city the
 * gazetteer knows, or is somewhere else (a person in the Seattle office whose mailbox is set to
 * New York time is not "Seattle time").
 */
export function officeCityIn(zone: string, office: string | null | undefined, at: Date): string | null {
  if (!office) return null;
  // A tenant has a few offices and zones, and the answer holds for a month at least: looked up once.
  const key = `${zone}\u0000${office}\u0000${at.toISOString().slice(0, 7)}`;
  const known = officeCities.get(key);
  if (known !== undefined) return known;
  let city: string | null = null;
  for (const candidate of cityCandidates(office)) {
    const found = cityTimezones.lookupViaCity(candidate);
    if (found.some((c) => sameClock(c.timezone, zone, at))) {
      city = candidate;
      break;
    }
  }
  if (officeCities.size >= OFFICE_CACHE_MAX) officeCities.clear();
  officeCities.set(key, city);
  return city;
}

const OFFICE_CACHE_MAX = 10_000;
const officeCities = new Map<string, string | null>();

/** The zone's common name as the platform (CLDR, through Intl) gives it: "Pacific Time", "Central European Time". */
export function zoneCommonName(zone: string, at: Date): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
    return name ?? zone;
  } catch (error) {
    // An unknown zone name; say it as given rather than invent a place.
    if (error instanceof RangeError) return zone;
    throw error;
  }
}

/**
 * How a person's clock is named in messages, the way they know it: their office city when the
 * directory gives one that lies in their zone ("Seattle time"), otherwise the zone's common name
 * ("Pacific Time", "India Standard Time", "UTC"). Never the city an IANA zone happens to be
 * named after: Seattle people are not on "Los Angeles time". `at` is the moment being described
 * (the zone's rules are checked from there for a year).
 */
export function zoneName(zone: string, office: string | null | undefined, at: Date): string {
  const city = officeCityIn(zone, office, at);
  return city ? `${city} time` : zoneCommonName(zone, at);
}
