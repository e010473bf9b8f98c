/**
 * Small wording helpers for messages people read.
 */

/** "1 instalment", "4,238 instalments"; `plural` defaults to the word with an s. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  const grouped = String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped} ${count === 1 ? singular : plural}`;
}
