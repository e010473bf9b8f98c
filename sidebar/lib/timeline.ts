/**
 * The Timeline tab: a deal's Activity entries, newest first, grouped by day so a glance
 * shows what happened when. Every value is set as text.
 */

import type { ActivityEntry } from '../../src/domain/activity';
import { el, replaceChildren } from './dom';

// Times are shown in the spreadsheet's time zone, so the form and the Activity sheet's
// "When" column agree whoever opens it, wherever they are.
let displayZone: string | undefined;

/** Shows every time from now on in `timeZone` (an IANA zone such as Europe/London). */
export function setDisplayTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    displayZone = timeZone;
  } catch {
    displayZone = undefined;
  }
}

/** Renders `entries` into `list`; an empty list says why it is empty. */
export function renderTimeline(list: HTMLElement, entries: readonly ActivityEntry[]): void {
  if (entries.length === 0) {
    replaceChildren(list, el('li', { class: 'muted' }, 'Nothing has happened to this deal yet.'));
    return;
  }
  // ISO instants sort as text; the copy keeps the server's order for equal times.
  const newestFirst = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const items: HTMLElement[] = [];
  let day = '';
  for (const entry of newestFirst) {
    const entryDay = formatDay(entry.at);
    if (entryDay !== day) items.push(el('li', { class: 'day' }, entryDay));
    day = entryDay;
    items.push(entryItem(entry));
  }
  replaceChildren(list, ...items);
}

function entryItem(entry: ActivityEntry): HTMLElement {
  return el(
    'li',
    { class: 'entry' },
    el(
      'div',
      { class: 'entry-head' },
      el('span', { class: `kind kind-${entry.kind.replace(/\W+/g, '-')}` }, entry.kind),
      el('span', { class: 'muted' }, `${formatTime(entry.at)} · ${entry.who || 'someone'}`),
    ),
    el('div', { class: 'entry-details' }, entry.details),
  );
}

/** "Mon 16 Nov 2026" in the spreadsheet's time zone; the raw text when it is no instant. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso || 'Unknown day';
  const options = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: displayZone,
  } as const;
  return date.toLocaleDateString(undefined, options);
}

/** "14:05" in the spreadsheet's time zone. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: displayZone,
  });
}

/** "16 Nov 2026, 14:05": for "saved at" and "last changed" notes. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: displayZone,
  });
}
