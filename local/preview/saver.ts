/**
 * Keeping the workbook file up to date in the preview: which calls may have written to the
 * workbook (judged from the runtime's call counts), and saving without overlapping saves.
 */

import type { CallStats, LocalRuntime } from '../runtime';

/** Services whose changes live in the workbook file (Drive and mail keep their own folders). */
const SAVED_SERVICES = ['Spreadsheet', 'Properties', 'Script'];
/** Methods that only read; any other method of a saved service counts as a write. */
const READ_ONLY = /^(get|is|has|find|try|wait|release|can)/;

/** True when a method that may change the workbook ran between the two counts. */
export function mayHaveWritten(before: CallStats, after: CallStats): boolean {
  return SAVED_SERVICES.some((service) =>
    Object.entries(after[service] ?? {}).some(([method, count]) => {
      if (count === (before[service]?.[method] ?? 0)) return false;
      return !READ_ONLY.test(method.slice(method.lastIndexOf('.') + 1));
    }),
  );
}

/**
 * Saves the workbook after writes. Saves never overlap, and calls that finish while one is
 * being written share the next one, so twenty quick calls cost a few saves, not twenty.
 */
export class Saver {
  private requested = 0;
  private done = 0;
  private running: Promise<void> | null = null;

  constructor(private readonly runtime: LocalRuntime) {}

  /** Resolves once a save that started after this call has finished. */
  async save(): Promise<void> {
    const mine = ++this.requested;
    while (this.done < mine) {
      if (!this.running) this.running = this.saveNow();
      await this.running;
    }
  }

  /** Resolves when no save is pending. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async saveNow(): Promise<void> {
    const upTo = this.requested;
    try {
      await this.runtime.save();
      this.done = upTo;
    } finally {
      this.running = null;
    }
  }
}
