/**
 * Quotes in Drive. Uploaded quotes go into a "Deal Desk quotes" folder with one subfolder per
 * deal; Deal Desk creates both, so the narrow drive.file scope is enough to write and read
 * them. Folder ids live in the document properties, and a folder someone deleted is made
 * again rather than failing the upload. Reading a quote never throws: a file Deal Desk can't
 * open is reported in words on the form.
 */

import { canonicalQuoteLink, driveFileUrl } from '../domain/deal-input';
import { driveFileIdFromLink } from '../domain/drive-link';
import { dealDeskError } from '../domain/errors';
import type { QuoteInfo } from '../entry/deal-form-types';

type Folder = GoogleAppsScript.Drive.Folder;

const ROOT_FOLDER_NAME = 'Deal Desk quotes';
const ROOT_FOLDER_KEY = 'dealDesk.quotesFolderId';
const DEAL_FOLDER_KEY_PREFIX = 'dealDesk.quoteFolder.';

/** Saves `blob` into the deal's quote folder (creating folders as needed); returns the file. */
export function saveQuoteFile(
  dealId: string,
  dealName: string,
  blob: GoogleAppsScript.Base.Blob,
): GoogleAppsScript.Drive.File {
  const root = keptFolder(ROOT_FOLDER_KEY, () => DriveApp.createFolder(ROOT_FOLDER_NAME));
  const folder = keptFolder(DEAL_FOLDER_KEY_PREFIX + dealId, () =>
    root.createFolder(dealFolderName(dealId, dealName)),
  );
  return folder.createFile(blob);
}

/** "D-0042 Onboarding for Acme": sorts by id and reads well in Drive. */
function dealFolderName(dealId: string, dealName: string): string {
  const name = dealName.replace(/[\r\n/\\]+/g, ' ').trim();
  return name ? `${dealId} ${name}` : dealId;
}

/** The folder whose id is kept under `key`, or a new one from `create` when it is gone. */
function keptFolder(key: string, create: () => Folder): Folder {
  const properties = PropertiesService.getDocumentProperties();
  const existing = openFolder(properties.getProperty(key));
  if (existing) return existing;

  const folder = create();
  properties.setProperty(key, folder.getId());
  return folder;
}

/** The folder `id`, or null when it is gone or in the trash (files put there would be lost). */
function openFolder(id: string | null): Folder | null {
  if (!id) return null;

  let folder: Folder;
  try {
    folder = DriveApp.getFolderById(id);
  } catch {
    // Deleted for good, or no longer shared with this user: make a new one.
    return null;
  }
  return folder.isTrashed() ? null : folder;
}

/** The canonical link for an uploaded file. */
export function quoteLinkOf(file: GoogleAppsScript.Drive.File): string {
  return driveFileUrl(file.getId());
}

/** What the form shows of the quote at `link`: its name and last change, or the problem. */
export function quoteInfo(link: string): QuoteInfo {
  const fileId = driveFileIdFromLink(link);
  if (!fileId) {
    const problem = dealDeskError('notDriveLink', { text: link }).message;
    return { fileId: '', url: link, name: null, lastUpdated: null, problem };
  }

  const url = canonicalQuoteLink(link);
  const file = openFile(fileId);
  if (!file) {
    const problem = dealDeskError('quoteUnreadable', {}).message;
    return { fileId, url, name: null, lastUpdated: null, problem };
  }
  const lastUpdated = file.getLastUpdated().toISOString();
  return { fileId, url, name: file.getName(), lastUpdated, problem: null };
}

/** The file `id`, or null when this user can't open it or it is in the trash. */
function openFile(id: string): GoogleAppsScript.Drive.File | null {
  let file: GoogleAppsScript.Drive.File;
  try {
    file = DriveApp.getFileById(id);
  } catch {
    // Drive says only "not found": deleted, never shared and outside drive.file look the same.
    return null;
  }
  return file.isTrashed() ? null : file;
}
