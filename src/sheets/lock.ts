/**
 * Every write happens under the document lock, released in `finally` so that a failed
 * action never leaves the spreadsheet locked for everyone else.
 */

import { dealDeskError } from '../domain/errors';

/** How long an action waits for someone else's save to finish before giving up. */
const LOCK_WAIT_MS = 20_000;

/** Runs `work` holding the document lock; throws a "busy" error if it can't be had. */
export function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) throw dealDeskError('busy', {});

  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
