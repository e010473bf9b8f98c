import {
  addDays,
  compareDates,
  daysBetween,
  fromDayNumber,
  isCalendarDate,
  toDayNumber,
} from '../../src/domain/calendar-date';

describe('isCalendarDate', () => {
  test.each([
    ['an ordinary day', '2024-03-15'],
    ['29 February in a leap year', '2024-02-29'],
    ['29 February in a century divisible by 400', '2000-02-29'],
    ['the last day of the year', '2024-12-31'],
  ])('accepts %s', (_case, text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  test.each([
    ['29 February in a common year', '2023-02-29'],
    ['29 February in a century not divisible by 400', '1900-02-29'],
    ['31 April', '2024-04-31'],
    ['month 13', '2024-13-01'],
    ['day 0', '2024-01-00'],
    ['a date without leading zeros', '2024-3-5'],
    ['a day-first date', '15/03/2024'],
    ['a timestamp', '2024-03-15T00:00:00Z'],
    ['surrounding spaces', ' 2024-03-15 '],
    ['empty text', ''],
  ])('refuses %s', (_case, text) => {
    expect(isCalendarDate(text)).toBe(false);
  });
});

describe('day numbers', () => {
  test.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-01-01', 10957],
  ])('%s is day %i', (date, dayNumber) => {
    expect(toDayNumber(date)).toBe(dayNumber);
    expect(fromDayNumber(dayNumber)).toBe(date);
  });
});

describe('addDays', () => {
  test.each([
    ['2024-03-15', 30, '2024-04-14'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-12-15', 60, '2025-02-13'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-03-15', 0, '2024-03-15'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('compareDates', () => {
  test.each([
    ['2024-03-14', '2024-03-15', -1],
    ['2024-03-15', '2024-03-15', 0],
    ['2025-01-01', '2024-12-31', 1],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });
});

describe('daysBetween', () => {
  test.each([
    ['2024-03-15', '2024-04-01', 17],
    ['2024-02-01', '2024-03-01', 29],
    ['2023-02-01', '2023-03-01', 28],
    ['2024-04-01', '2024-03-15', -17],
    ['2024-03-15', '2024-03-15', 0],
  ])('from %s to %s is %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});
