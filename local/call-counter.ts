// Counts Apps Script service calls per service and method, cheaply enough for 50,000-row runs.

/**
 * Calls made, as `{ Spreadsheet: { 'Range.getValues': 3 } }`; services with no calls
 * are absent.
 */
export type CallStats = Record<string, Record<string, number>>;

/** A tally that every local service method bumps once per call. */
export class CallCounter {
  private counts: CallStats = {};

  /** Records one call of `method` (written `Class.method`) on `service`. */
  hit(service: string, method: string): void {
    const perService = this.counts[service] ?? (this.counts[service] = {});
    perService[method] = (perService[method] ?? 0) + 1;
  }

  /** A copy of the tally, safe to keep while counting goes on. */
  stats(): CallStats {
    const copy: CallStats = {};
    for (const [service, methods] of Object.entries(this.counts)) copy[service] = { ...methods };
    return copy;
  }

  /** Forgets every call recorded so far. */
  reset(): void {
    this.counts = {};
  }
}
