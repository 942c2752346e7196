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

/**
 * The readable place name of an IANA zone: its last segment with spaces ("America/Los_Angeles" →
 * "Los Angeles"), used to name people's locations in messages without a directory lookup.
 */
export function zoneCity(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}
