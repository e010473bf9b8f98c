import { countOf } from '../../src/domain/wording';

describe('countOf', () => {
  test.each([
    [0, 'instalment', undefined, '0 instalments'],
    [1, 'instalment', undefined, '1 instalment'],
    [4238, 'instalment', undefined, '4,238 instalments'],
    [2, 'entry', 'entries', '2 entries'],
  ])('%i %s reads "%s"', (count, singular, plural, expected) => {
    expect(countOf(count, singular, plural)).toBe(expected);
  });
});
