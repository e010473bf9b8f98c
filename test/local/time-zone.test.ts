// Time zones: offsets across DST, wall time <-> instant, and Utilities.formatDate patterns.

import { RuntimeContext } from '../../local/context';
import { formatJavaDate, instantToWall, offsetAt, wallToInstant } from '../../local/time-zone';
import { LocalUtilities } from '../../local/utilities';

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('offsets and wall times', () => {
  test('Auckland is +13 in January and +12 in July; Los Angeles -8 and -7', () => {
    expect(offsetAt(utc('2024-01-15T00:00:00'), 'Pacific/Auckland')).toBe(13 * HOUR);
    expect(offsetAt(utc('2024-07-15T00:00:00'), 'Pacific/Auckland')).toBe(12 * HOUR);
    expect(offsetAt(utc('2024-01-15T00:00:00'), 'America/Los_Angeles')).toBe(-8 * HOUR);
    expect(offsetAt(utc('2024-07-15T00:00:00'), 'America/Los_Angeles')).toBe(-7 * HOUR);
    expect(offsetAt(utc('2024-07-15T00:00:00'), 'Asia/Kathmandu')).toBe(5.75 * HOUR);
  });

  test('fixed GMT offsets and unknown zones (GMT, as in Java)', () => {
    expect(offsetAt(0, 'GMT+2')).toBe(2 * HOUR);
    expect(offsetAt(0, 'GMT-05:30')).toBe(-5.5 * HOUR);
    expect(offsetAt(0, 'Not/AZone')).toBe(0);
  });

  test('midnight wall time round-trips on DST change days', () => {
    for (const [zone, day] of [
      ['Pacific/Auckland', '2024-09-29'],
      ['Pacific/Auckland', '2024-04-07'],
      ['America/Los_Angeles', '2024-03-10'],
      ['America/Los_Angeles', '2024-11-03'],
      ['Pacific/Kiritimati', '2024-01-01'],
      ['Pacific/Pago_Pago', '2024-01-01'],
    ] as const) {
      const wall = utc(`${day}T00:00:00`);
      const instant = wallToInstant(wall, zone);
      expect(instantToWall(instant, zone)).toBe(wall);
      expect(formatJavaDate(instant, zone, 'yyyy-MM-dd')).toBe(day);
    }
  });

  test('a skipped wall time lands after the jump; a repeated one on its first occurrence', () => {
    // 02:30 does not exist in Los Angeles on 2024-03-10: it reads 03:30 PDT.
    const skipped = wallToInstant(utc('2024-03-10T02:30:00'), 'America/Los_Angeles');
    expect(formatJavaDate(skipped, 'America/Los_Angeles', 'HH:mm XXX')).toBe('03:30 -07:00');
    // 01:30 happens twice on 2024-11-03: the first is PDT.
    const repeated = wallToInstant(utc('2024-11-03T01:30:00'), 'America/Los_Angeles');
    expect(formatJavaDate(repeated, 'America/Los_Angeles', 'HH:mm XXX')).toBe('01:30 -07:00');
    const twice = wallToInstant(utc('2024-04-07T02:30:00'), 'Pacific/Auckland');
    expect(formatJavaDate(twice, 'Pacific/Auckland', 'HH:mm Z')).toBe('02:30 +1300');
  });
});

describe('Utilities.formatDate', () => {
  const utilities = new LocalUtilities(new RuntimeContext(() => 0));
  const instant = new Date(utc('2024-03-09T23:30:05.007'));

  test('formats in the zone it is given, whatever the process zone', () => {
    expect(utilities.formatDate(instant, 'Pacific/Auckland', 'yyyy-MM-dd')).toBe('2024-03-10');
    expect(utilities.formatDate(instant, 'America/Los_Angeles', 'yyyy-MM-dd')).toBe('2024-03-09');
    expect(utilities.formatDate(instant, 'Etc/UTC', 'yyyy-MM-dd')).toBe('2024-03-09');
  });

  test('supports the SimpleDateFormat letters the add-on uses', () => {
    const zone = 'Pacific/Auckland';
    expect(utilities.formatDate(instant, zone, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe(
      '2024-03-10T12:30:05.007+13:00',
    );
    expect(utilities.formatDate(instant, zone, 'yy M d H h a')).toBe('24 3 10 12 12 PM');
    expect(utilities.formatDate(instant, zone, 'EEE, d MMM yyyy')).toBe('Sun, 10 Mar 2024');
    expect(utilities.formatDate(instant, zone, 'EEEE MMMM')).toBe('Sunday March');
    expect(utilities.formatDate(instant, zone, 'Z')).toBe('+1300');
    expect(utilities.formatDate(instant, 'America/Los_Angeles', 'hh:mm a z')).toBe('03:30 PM PST');
    expect(utilities.formatDate(instant, 'Etc/UTC', 'X')).toBe('Z');
    expect(utilities.formatDate(instant, zone, "'at' h 'o''clock'")).toBe("at 12 o'clock");
  });

  test('refuses what Apps Script refuses', () => {
    expect(() => utilities.formatDate(instant, 'Etc/UTC', 'yyyy-qq')).toThrow(
      "Illegal pattern character 'q'",
    );
    expect(() => utilities.formatDate('2024-01-01' as unknown as Date, 'Etc/UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature " +
        'for Utilities.formatDate.',
    );
  });
});
