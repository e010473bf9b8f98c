/**
 * Where a workbook's local Drive and mail outbox live on disk: beside the workbook, under
 * .deal-desk/ (gitignored), so quotes attached in the preview are still there next time.
 */

import { basename, dirname, join } from 'node:path';

/** driveDir and outboxDir for the runtime over `workbookPath`. */
export function sidecarDirs(workbookPath: string): { driveDir: string; outboxDir: string } {
  const base = join(dirname(workbookPath), '.deal-desk', basename(workbookPath, '.xlsx'));
  return { driveDir: join(base, 'drive'), outboxDir: join(base, 'outbox') };
}
