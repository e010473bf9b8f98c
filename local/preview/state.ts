/**
 * What the preview shell shows of the local runtime: the sheets as display text (bounded,
 * so a large workbook stays quick to poll), the add-on menu, toasts, alerts and the dialogs
 * and sidebars the add-on opened, each numbered so the shell can load it by number.
 */

import type { LocalRuntime } from '../runtime';

/** Rows sent per sheet; the shell says when a sheet has more. */
export const MAX_ROWS_PER_SHEET = 500;

export interface SheetSnapshot {
  name: string;
  values: string[][];
  totalRows: number;
  truncated: boolean;
}

/** A dialog or sidebar the add-on opened, as the shell lists it. */
export interface WindowInfo {
  index: number;
  kind: 'sidebar' | 'dialog';
  title: string;
  width: number | null;
  height: number | null;
}

interface WindowRecord extends WindowInfo {
  html: string;
}

/** The sheets as a person sees them: display strings, first rows only. */
export function sheetSnapshots(runtime: LocalRuntime): SheetSnapshot[] {
  const app = runtime.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return app
    .getActive()
    .getSheets()
    .map((sheet) => {
      const totalRows = sheet.getLastRow();
      const columns = sheet.getLastColumn();
      const rows = Math.min(totalRows, MAX_ROWS_PER_SHEET);
      const values =
        rows > 0 && columns > 0 ? sheet.getRange(1, 1, rows, columns).getDisplayValues() : [];
      // Arrays made inside the runtime's realm: copy them into plain ones for JSON.
      const plain = values.map((row) => row.map((cell) => String(cell)));
      return { name: sheet.getName(), values: plain, totalRows, truncated: totalRows > rows };
    });
}

/** Numbers the dialogs and sidebars the add-on opens, in the order they opened. */
export class WindowLog {
  private readonly windows: WindowRecord[] = [];
  private seenDialogs = 0;
  private seenSidebars = 0;

  constructor(private readonly runtime: LocalRuntime) {
    this.collect();
  }

  /** Picks up windows opened since the last look; returns the new ones. */
  collect(): WindowInfo[] {
    const { dialogs, sidebars } = this.runtime.ui;
    const fresh = [
      ...sidebars.slice(this.seenSidebars).map((d) => ({ kind: 'sidebar' as const, d })),
      ...dialogs.slice(this.seenDialogs).map((d) => ({ kind: 'dialog' as const, d })),
    ].map(({ kind, d }, i) => ({
      index: this.windows.length + i,
      kind,
      title: d.title,
      width: d.width ?? null,
      height: d.height ?? null,
      html: d.html,
    }));
    this.seenDialogs = dialogs.length;
    this.seenSidebars = sidebars.length;
    this.windows.push(...fresh);
    return fresh.map(info);
  }

  list(): WindowInfo[] {
    return this.windows.map(info);
  }

  /** The HTML of window `index`, or undefined. */
  html(index: number): string | undefined {
    return this.windows[index]?.html;
  }
}

function info(record: WindowRecord): WindowInfo {
  return {
    index: record.index,
    kind: record.kind,
    title: record.title,
    width: record.width,
    height: record.height,
  };
}
