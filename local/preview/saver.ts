/**
 * Keeping the workbook file up to date in the preview: which calls may have written to the
 * workbook (judged from the runtime's call counts), saving without overlapping saves, and
 * never saving over a file that another program changed since the preview loaded or saved it.
 */

import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { CallStats, LocalRuntime } from '../runtime';
import { assertCanSave } from '../workbook';

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

  constructor(
    private readonly runtime: LocalRuntime,
    private readonly guard?: FileGuard,
  ) {}

  /**
   * Call before running anything that may write. Waits for any save in progress, then throws
   * a WorkbookChangedError when the file changed on disk since it was loaded or last saved
   * here, or a WorkbookFileError when it could not be saved (read-only, folder gone).
   */
  async ready(): Promise<void> {
    await this.settled();
    this.guard?.check();
    this.guard?.checkSavable();
  }

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
      this.guard?.check();
      await this.runtime.save();
      this.guard?.saved();
      this.done = upTo;
    } finally {
      this.running = null;
    }
  }
}

/** Thrown instead of saving over a workbook file that another program changed. */
export class WorkbookChangedError extends Error {}

interface Fingerprint {
  mtimeMs: number;
  size: number;
}

function fingerprint(path: string): Fingerprint | null {
  try {
    const { mtimeMs, size } = statSync(path);
    return { mtimeMs, size };
  } catch {
    return null;
  }
}

/**
 * The workbook file as the preview last loaded or saved it (modification time and size). Once
 * the file is seen to differ, it stays changed: the preview's copy is out of date for good.
 */
export class FileGuard {
  private known: Fingerprint | null;
  private changed = false;

  /** Take it before loading the file, so a change made while loading counts too. */
  constructor(private readonly path: string) {
    this.known = fingerprint(path);
  }

  /** Throws a WorkbookChangedError when the file is not as it was loaded or last saved. */
  check(): void {
    if (!this.changed) {
      const now = fingerprint(this.path);
      this.changed = now?.mtimeMs !== this.known?.mtimeMs || now?.size !== this.known?.size;
    }
    if (this.changed) {
      throw new WorkbookChangedError(
        `${basename(this.path)} was changed by another program since the preview opened it. ` +
          'Restart the preview (npm start) to load the new version; nothing was saved.',
      );
    }
  }

  /** Throws a WorkbookFileError when the file can't be saved to. */
  checkSavable(): void {
    assertCanSave(this.path);
  }

  /** Records the file as the preview has just written it. */
  saved(): void {
    this.known = fingerprint(this.path);
  }
}
