import { describe, expect, it } from 'vitest';
import { toIanaZone, zoneName } from './time-zones.ts';

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

describe('zoneName: regression "Seattle people labelled (Los Angeles time)"', () => {
  const winter = new Date('2026-12-02T12:00:00Z');
  const summer = new Date('2027-07-01T12:00:00Z');
  it.each([
    ['America/Los_Angeles', 'Seattle', 'Seattle time'],
    ['America/Los_Angeles', null, 'Pacific Time'],
    // An office the directory names in another zone than the mailbox is not believed: no wrong city.
    ['America/New_York', 'Seattle', 'Eastern Time'],
    // Same clock all year under another zone name (America/Vancouver).
    ['America/Los_Angeles', 'Vancouver', 'Vancouver time'],
    // Portland, Oregon, not Portland, Maine.
    ['America/Los_Angeles', 'Portland', 'Portland time'],
    ['America/New_York', 'Seattle, WA', 'Eastern Time'],
    ['Europe/Berlin', 'Building 7, Munich', 'Munich time'],
    ['Europe/London', 'London', 'London time'],
    // Denver keeps summer time, Phoenix does not: not the same clock.
    ['America/Phoenix', 'Denver', 'Mountain Standard Time'],
    ['Asia/Kolkata', 'Room 4.12', 'India Standard Time'],
    ['UTC', null, 'UTC'],
  ])('%s with office %s → %s', (zone, office, words) => {
    expect(zoneName(zone, office, winter)).toBe(words);
    expect(zoneName(zone, office, summer)).toBe(words);
  });

  it('never names the city an IANA zone is called after unless the person is there', () => {
    for (const zone of ['America/Los_Angeles', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'America/Argentina/Buenos_Aires']) {
      expect(zoneName(zone, null, winter)).not.toContain(zone.split('/').pop()!.replace(/_/g, ' '));
    }
  });
});
