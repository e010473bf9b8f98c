/**
 * Small wording helpers for messages people read.
 */

/** "1 instalment", "4,238 instalments"; `plural` defaults to the word with an s. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${groupDigits(count)} ${count === 1 ? singular : plural}`;
}

/** 8800 as "8,800": thousands grouped the same way whatever the machine's locale. */
export function groupDigits(digits: number | string): string {
  return String(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
