/**
 * Where errors become sentences. Deal Desk's own errors already read as plain advice; any
 * other failure is logged in full (Cloud Logging) and shown as a short generic message.
 */

import { isDealDeskError } from '../domain/errors';

const GENERIC_MESSAGE =
  'Something went wrong in Deal Desk and nothing was saved. Try again; if it keeps ' +
  'happening, tell your admin (the details are in the script log).';

const NEEDS_AUTHORIZATION =
  'Deal Desk needs your permission first: open Extensions > Deal Desk, pick any item and ' +
  'allow access when Google asks, then try again.';

/** The message a person should see for `error`. */
export function messageFor(error: unknown): string {
  if (isDealDeskError(error)) return error.message;
  if (/authori[sz]ation is required/i.test(String((error as Error)?.message))) {
    return NEEDS_AUTHORIZATION;
  }
  console.error(
    'Deal Desk failed',
    error instanceof Error ? (error.stack ?? error.message) : error,
  );
  return GENERIC_MESSAGE;
}

/** For menu items: run `work`; on failure show an alert instead of a stack trace. */
export function runMenuAction(title: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, messageFor(error), ui.ButtonSet.OK);
  }
}

/** For sidebar and dialog calls: rethrow as an Error whose message is safe to show. */
export function serveCall<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new Error(messageFor(error));
  }
}
