/**
 * The add-on menu. `onOpen` may run before the user has authorised Deal Desk (add-ons first
 * open in a restricted mode), so it builds the menu and touches nothing else.
 */

interface MenuItem {
  readonly caption: string;
  readonly functionName: string;
}

const SEPARATOR: MenuItem = { caption: '-', functionName: '' };

export const MENU_ITEMS: readonly MenuItem[] = [
  { caption: 'Deal form', functionName: 'showDealForm' },
  { caption: 'Set up Deal Desk', functionName: 'setUpDealDesk' },
  { caption: 'Import deals…', functionName: 'showImportDialog' },
  SEPARATOR,
  { caption: 'Pending invoices', functionName: 'showPendingInvoices' },
  { caption: 'Export pending invoices (CSV)…', functionName: 'showExportDialog' },
];

/** Builds the Extensions > Deal Desk menu. */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item === SEPARATOR) menu.addSeparator();
    else menu.addItem(item.caption, item.functionName);
  }
  menu.addToUi();
}

/** Installing from the Marketplace opens no document event, so build the menu now. */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}
