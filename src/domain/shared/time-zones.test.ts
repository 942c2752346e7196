import { describe, expect, it } from 'vitest';
import { toIanaZone, zoneCity } from './time-zones.ts';

describe('toIanaZone', () => {
  it.each([
    // Windows names as Exchange returns them in getSchedule's workingHours.timeZone.name
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['India Standard Time', 'Asia/Kolkata'],
    ['AUS Eastern Standard Time', 'Australia/Sydney'],
    ['Tokyo Standard Time', 'Asia/Tokyo'],
    ['GMT Standard Time', 'Europe/London'],
    ['Eastern Standard Time', 'America/New_York'],
    ['UTC', 'Etc/UTC'],
    ['  Eastern Standard Time ', 'America/New_York'],
    // IANA names pass through, capitalisation fixed, aliases kept as given
    ['Europe/Berlin', 'Europe/Berlin'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['europe/berlin', 'Europe/Berlin'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['US/Pacific', 'US/Pacific'],
    ['Etc/UTC', 'Etc/UTC'],
  ])('%s → %s', (name, iana) => {
    expect(toIanaZone(name)).toBe(iana);
  });

  it.each(['', '   ', 'Customized Time Zone', 'tzone://Microsoft/Custom', 'Mars/Olympus_Mons', 'Berlin'])('rejects %j', (name) => {
    expect(toIanaZone(name)).toBeNull();
  });

  it('returns names that luxon and Intl both accept', () => {
    for (const name of ['W. Europe Standard Time', 'India Standard Time', 'AUS Eastern Standard Time']) {
      const zone = toIanaZone(name);
      expect(zone).not.toBeNull();
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone ?? '' })).not.toThrow();
    }
  });
});

describe('zoneCity', () => {
  it.each([
    ['America/Los_Angeles', 'Los Angeles'],
    ['Asia/Kolkata', 'Kolkata'],
    ['America/Argentina/Buenos_Aires', 'Buenos Aires'],
    ['UTC', 'UTC'],
  ])('%s → %s', (zone, city) => {
    expect(zoneCity(zone)).toBe(city);
  });
});
