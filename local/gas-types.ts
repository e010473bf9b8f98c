// Type-level glue: `implements Local<GasType, 'method' | ...>` checks each local class method
// against the real Apps Script signature from @types/google-apps-script, with Apps Script
// classes in parameters and results swapped for their local counterparts.

import type { LocalDataValidation, LocalDataValidationBuilder } from './data-validation';
import type { LocalFile, LocalFileIterator, LocalFolder, LocalFolderIterator } from './drive';
import type { LocalRange } from './range';
import type {
  LocalClockTriggerBuilder,
  LocalSpreadsheetTriggerBuilder,
  LocalTrigger,
  LocalTriggerBuilder,
} from './script-app';
import type { LocalLock, LocalProperties, LocalUser } from './services';
import type { LocalSheet, LocalSpreadsheet } from './spreadsheet-app';
import type { LocalHtmlOutput, LocalMenu, LocalPromptResponse, LocalUi } from './ui';
import type { LocalBlob } from './utilities';

/** The local class standing for Apps Script type X (arrays and unions mapped through). */
export type Localize<X> = X extends GoogleAppsScript.Spreadsheet.Spreadsheet
  ? LocalSpreadsheet
  : X extends GoogleAppsScript.Spreadsheet.Sheet
    ? LocalSheet
    : X extends GoogleAppsScript.Spreadsheet.Range
      ? LocalRange
      : X extends GoogleAppsScript.Spreadsheet.DataValidationBuilder
        ? LocalDataValidationBuilder
        : X extends GoogleAppsScript.Spreadsheet.DataValidation
          ? LocalDataValidation
          : LocalizeServices<X>;

type LocalizeServices<X> = X extends GoogleAppsScript.Base.Ui
  ? LocalUi
  : X extends GoogleAppsScript.Base.Menu
    ? LocalMenu
    : X extends GoogleAppsScript.Base.PromptResponse
      ? LocalPromptResponse
      : X extends GoogleAppsScript.HTML.HtmlOutput
        ? LocalHtmlOutput
        : X extends GoogleAppsScript.Properties.Properties
          ? LocalProperties
          : X extends GoogleAppsScript.Lock.Lock
            ? LocalLock
            : X extends GoogleAppsScript.Base.User
              ? LocalUser
              : LocalizeScript<X>;

type LocalizeScript<X> = X extends GoogleAppsScript.Script.Trigger
  ? LocalTrigger
  : X extends GoogleAppsScript.Script.TriggerBuilder
    ? LocalTriggerBuilder
    : X extends GoogleAppsScript.Script.ClockTriggerBuilder
      ? LocalClockTriggerBuilder
      : X extends GoogleAppsScript.Script.SpreadsheetTriggerBuilder
        ? LocalSpreadsheetTriggerBuilder
        : LocalizeDrive<X>;

type LocalizeDrive<X> = X extends GoogleAppsScript.Drive.File
  ? LocalFile
  : X extends GoogleAppsScript.Drive.Folder
    ? LocalFolder
    : X extends GoogleAppsScript.Drive.FileIterator
      ? LocalFileIterator
      : X extends GoogleAppsScript.Drive.FolderIterator
        ? LocalFolderIterator
        : X extends GoogleAppsScript.Base.Blob
          ? LocalBlob
          : X extends (infer E)[]
            ? Localize<E>[]
            : X;

type LocalArgs<A extends unknown[]> = { [I in keyof A]: Localize<A[I]> };

/**
 * Methods K of Apps Script type T, as the local class implements them. Overloaded methods are
 * checked against their last overload. Methods returning enums are left out of K (numbers are
 * assignable to TypeScript's numeric enums, so the check would prove nothing) and typed by hand.
 */
export type Local<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A extends unknown[]) => infer R
    ? (...args: LocalArgs<A>) => Localize<R>
    : T[P];
};
