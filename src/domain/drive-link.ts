/**
 * Drive links: the quote attached to a deal must be a file in Google Drive, so the link a
 * person pastes is reduced to the Drive file id. Only the link shapes Drive and Docs hand
 * out are accepted; anything else (a folder, another site) is refused rather than guessed.
 */

const SCHEME = '^(?:https?://)?';
const FILE_ID = '([A-Za-z0-9_-]{10,})';
/** Signed into several accounts, Google adds `/u/0/`, `/u/1/`, ... to the path. */
const ACCOUNT = '(?:u/\\d+/)?';
const REST_OF_PATH = '(?:[/?#]\\S*)?$';
const REST_OF_QUERY = '(?:[&#]\\S*)?$';

const DRIVE_LINKS: readonly RegExp[] = [
  new RegExp(`${SCHEME}drive\\.google\\.com/${ACCOUNT}file/d/${FILE_ID}${REST_OF_PATH}`, 'i'),
  new RegExp(
    `${SCHEME}drive\\.google\\.com/${ACCOUNT}(?:open|uc)\\?` +
      `(?:[^#\\s]*&)?id=${FILE_ID}${REST_OF_QUERY}`,
    'i',
  ),
  new RegExp(
    `${SCHEME}docs\\.google\\.com/${ACCOUNT}(?:document|spreadsheets|presentation|forms)/` +
      `${ACCOUNT}d/${FILE_ID}${REST_OF_PATH}`,
    'i',
  ),
];

/** The Drive file id in a Drive or Docs link, or null when `text` is not such a link. */
export function driveFileIdFromLink(text: string): string | null {
  const link = text.trim();
  for (const pattern of DRIVE_LINKS) {
    const match = pattern.exec(link);
    if (match) return match[1] ?? null;
  }
  return null;
}

/** True for a link to a Drive folder, which can hold quotes but is not one. */
export function isDriveFolderLink(text: string): boolean {
  return /^(https?:\/\/)?drive\.google\.com\/drive\/(u\/\d+\/)?folders\/[\w-]{10,}/.test(
    text.trim(),
  );
}
