/**
 * The quote under the Quote link field: which Drive file it is and when it last changed (or
 * why it can't be read), and a file picker that uploads a new quote from this computer.
 */

import type { QuoteInfo } from '../../src/entry/deal-form-types';
import { el, replaceChildren } from './dom';
import { formatInstant } from './timeline';

/** google.script.run carries the file inside one request; larger files belong in Drive. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface QuotePanel {
  readonly element: HTMLElement;
  readonly fileInput: HTMLInputElement;
  /** Shows what the server knows of the quote; `note` explains why upload is unavailable. */
  render(quote: QuoteInfo | null, note: string): void;
}

/** The panel; `onFile` runs when a person picks a file to upload. */
export function buildQuotePanel(onFile: (file: File) => void): QuotePanel {
  const info = el('div', { class: 'quote-info', id: 'quote-info' });
  const fileInput = el('input', { type: 'file', id: 'quote-file' });
  const note = el('div', { class: 'muted', id: 'quote-note' });
  const picker = el('label', { class: 'upload' }, 'Or upload the quote: ', fileInput);
  const element = el('div', { class: 'quote' }, info, picker, note);

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) onFile(file);
  });

  function render(quote: QuoteInfo | null, uploadNote: string): void {
    replaceChildren(info, ...describe(quote));
    note.textContent = uploadNote;
    note.hidden = uploadNote === '';
  }

  return { element, fileInput, render };
}

function describe(quote: QuoteInfo | null): (HTMLElement | string)[] {
  if (!quote) return [];
  if (quote.problem !== null || quote.name === null) {
    const problem = quote.problem ?? "Deal Desk can't read this file.";
    return [el('span', { class: 'warning' }, problem)];
  }
  const changed = quote.lastUpdated ? `, last changed ${formatInstant(quote.lastUpdated)}` : '';
  return [linkTo(quote.url, quote.name), changed];
}

function linkTo(url: string, text: string): HTMLElement {
  // Only Drive's own https links become links; anything else is shown, not followed.
  if (!/^https:\/\/(drive|docs)\.google\.com\//.test(url)) return el('b', {}, text);
  return el('a', { href: url, target: '_blank', rel: 'noopener' }, text);
}

/** The file's bytes as base64 (no data: prefix), as uploadQuote expects them. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = String(reader.result);
      resolve(dataUrl.slice(dataUrl.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`Could not read ${file.name}: pick the file again.`));
    reader.readAsDataURL(file);
  });
}
