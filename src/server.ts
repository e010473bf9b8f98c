/**
 * The add-on's public surface: every function Apps Script may call by name (menus, dialogs,
 * triggers). The build turns each export into a top-level function of build/Code.js and
 * fails if a menu item, trigger or dialog names one that is not here.
 */

import { MENU_ITEMS } from './entry/menu';

export { onOpen, onInstall } from './entry/menu';
export { runSetup, setUpDealDesk } from './entry/setup';
export { previewImport, importDeals, showImportDialog } from './entry/import';
export {
  rebuildPendingInvoices,
  exportPendingInvoices,
  showPendingInvoices,
  showExportDialog,
} from './entry/pending-invoices';
export {
  showDealForm,
  openDealForm,
  loadDeal,
  searchDeals,
  saveDeal,
  uploadQuote,
} from './entry/deal-form';

/** Names that menu items and triggers refer to, checked by the build. */
export const ENTRY_REFERENCES: readonly string[] = MENU_ITEMS.map(
  (item) => item.functionName,
).filter((name) => name !== '');
