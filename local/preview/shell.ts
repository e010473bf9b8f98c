/**
 * The preview shell's script (compiled by the preview server, never bundled: no imports).
 * It polls the server's state and draws it: sheets as tabs of cells, the add-on menu,
 * toasts and alerts, and each dialog or sidebar as an iframe of /dialog/N. Every value from
 * the workbook is set as text.
 */

interface SheetSnapshot {
  name: string;
  values: string[][];
  totalRows: number;
  truncated: boolean;
}

interface WindowInfo {
  index: number;
  kind: 'sidebar' | 'dialog';
  title: string;
  width: number | null;
  height: number | null;
}

interface PreviewState {
  revision: number;
  sheets: SheetSnapshot[] | null;
  active: { sheet: string; row: number; col: number } | null;
  /** The sheet the add-on last activated (Pending invoices, say). */
  activeSheet: string | null;
  menu: { title: string; items: { caption: string; functionName: string }[] } | null;
  toasts: { message: string; title: string }[];
  toastCount: number;
  alerts: string[];
  alertCount: number;
}

const POLL_MS = 1000;
const TOAST_MS = 5000;

const view = {
  revision: -1,
  toastCount: -1,
  alertCount: -1,
  sheets: [] as SheetSnapshot[],
  sheet: '',
  activeSheet: null as string | null,
  active: null as PreviewState['active'],
  pendingAlerts: [] as string[],
};

function $(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`Missing element #${id}`);
  return found;
}

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text = '',
  className = '',
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text) element.textContent = text;
  if (className) element.className = className;
  return element;
}

async function api<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit = body
    ? {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }
    : {};
  const response = await fetch(path, init);
  const reply = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(reply.error ?? response.statusText);
  return reply;
}

// ---- polling -------------------------------------------------------------------------------

async function poll(): Promise<void> {
  const query = new URLSearchParams({
    rev: String(view.revision),
    toasts: String(Math.max(view.toastCount, 0)),
    alerts: String(Math.max(view.alertCount, 0)),
  });
  try {
    apply(await api<PreviewState>(`/api/state?${query}`));
    $('connection').textContent = '';
  } catch {
    $('connection').textContent = 'The preview server is not answering.';
  }
}

function apply(state: PreviewState): void {
  const first = view.toastCount < 0;
  view.revision = state.revision;
  view.active = state.active;
  // Toasts and alerts from before this page opened are history, not news.
  if (!first) state.toasts.forEach(showToast);
  if (!first) queueAlerts(state.alerts);
  view.toastCount = state.toastCount;
  view.alertCount = state.alertCount;
  renderMenu(state.menu);
  if (state.sheets) view.sheets = state.sheets;
  // Follow the add-on when it activates a sheet, as Sheets does; otherwise keep the tab.
  const activated = state.activeSheet !== view.activeSheet ? state.activeSheet : null;
  view.activeSheet = state.activeSheet;
  if (activated || !view.sheets.some((s) => s.name === view.sheet)) {
    view.sheet = activated ?? view.sheets[0]?.name ?? '';
  }
  if (state.sheets || activated) {
    renderTabs();
    renderGrid();
  }
  renderActive();
}

async function pollForever(): Promise<void> {
  await poll();
  setTimeout(() => void pollForever(), POLL_MS);
}

// ---- sheets --------------------------------------------------------------------------------

function renderTabs(): void {
  const tabs = view.sheets.map((sheet) => {
    const tab = make('button', sheet.name);
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(sheet.name === view.sheet));
    tab.addEventListener('click', () => {
      view.sheet = sheet.name;
      renderTabs();
      renderGrid();
    });
    return tab;
  });
  $('tabs').replaceChildren(...tabs);
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function renderGrid(): void {
  const sheet = view.sheets.find((s) => s.name === view.sheet);
  const width = Math.max(0, ...(sheet?.values.map((row) => row.length) ?? []));
  const table = make('table');
  const head = make('tr');
  head.append(make('th'));
  for (let c = 0; c < Math.max(width, 1); c++) head.append(make('th', columnName(c)));
  table.append(head);
  sheet?.values.forEach((row, r) => table.append(gridRow(row, r + 1, width)));
  $('grid').replaceChildren(table);

  const note = $('grid-note');
  note.hidden = !sheet?.truncated;
  if (sheet?.truncated) {
    note.textContent = `Showing the first ${sheet.values.length} of ${sheet.totalRows} rows.`;
  }
}

function gridRow(values: string[], row: number, width: number): HTMLTableRowElement {
  const tr = make('tr');
  tr.append(make('td', String(row), 'row-number'));
  for (let c = 0; c < width; c++) {
    const td = make('td', values[c] ?? '');
    td.title = values[c] ?? '';
    td.dataset.row = String(row);
    td.dataset.col = String(c + 1);
    td.addEventListener('click', () => void select(row, c + 1));
    tr.append(td);
  }
  return tr;
}

async function select(row: number, col: number): Promise<void> {
  const reply = await api<{ active: PreviewState['active'] }>('/api/select', {
    sheet: view.sheet,
    row,
    col,
  });
  view.active = reply.active;
  renderActive();
}

function renderActive(): void {
  document.querySelectorAll('td.selected').forEach((td) => td.classList.remove('selected'));
  const active = view.active;
  $('cell').textContent = active
    ? `Selected: ${active.sheet}!${columnName(active.col - 1)}${active.row}`
    : '';
  if (!active || active.sheet !== view.sheet) return;
  const cell = document.querySelector(`td[data-row="${active.row}"][data-col="${active.col}"]`);
  cell?.classList.add('selected');
}

// ---- the add-on menu -----------------------------------------------------------------------

let menuShown = '';

function renderMenu(menu: PreviewState['menu']): void {
  const key = JSON.stringify(menu);
  if (key === menuShown) return;
  menuShown = key;
  const items: HTMLElement[] = [make('div', menu ? menu.title : 'No add-on menu', 'heading')];
  for (const item of menu?.items ?? []) {
    if (!item.functionName) {
      items.push(make('hr'));
      continue;
    }
    const button = make('button', item.caption);
    button.type = 'button';
    button.setAttribute('role', 'menuitem');
    button.addEventListener('click', () => void runMenuItem(item.functionName));
    items.push(button);
  }
  $('menu-items').replaceChildren(...items);
}

function toggleMenu(open: boolean): void {
  $('menu-items').hidden = !open;
  $('extensions').setAttribute('aria-expanded', String(open));
}

async function runMenuItem(functionName: string): Promise<void> {
  toggleMenu(false);
  try {
    const reply = await api<{ windows: WindowInfo[]; error?: string }>('/api/menu', {
      functionName,
    });
    reply.windows.forEach(openWindow);
    if (reply.error) queueAlerts([reply.error]);
  } catch (error) {
    queueAlerts([(error as Error).message]);
  }
  await poll();
}

// ---- dialogs, sidebars, toasts and alerts ---------------------------------------------------

function frameFor(info: WindowInfo): HTMLIFrameElement {
  const frame = make('iframe');
  frame.src = `/dialog/${info.index}`;
  frame.title = info.title || info.kind;
  frame.dataset.window = String(info.index);
  return frame;
}

/** Shows a window the add-on opened: a sidebar replaces the sidebar, a dialog goes on top. */
function openWindow(info: WindowInfo): void {
  const host = info.kind === 'sidebar' ? $('sidebar') : $('dialog');
  host.querySelector('iframe')?.remove();
  const frame = frameFor(info);
  if (info.kind === 'dialog') {
    frame.style.width = `${info.width ?? 600}px`;
    frame.style.height = `${info.height ?? 400}px`;
  }
  (host.querySelector('.dialog') ?? host).append(frame);
  $(`${info.kind}-title`).textContent = info.title || (info.kind === 'sidebar' ? 'Sidebar' : '');
  host.hidden = false;
}

function closeWindow(index: number | null, kind?: 'sidebar' | 'dialog'): void {
  for (const id of ['sidebar', 'dialog'] as const) {
    const host = $(id);
    const frame = host.querySelector('iframe');
    const matches = kind ? kind === id : frame?.dataset.window === String(index);
    if (!frame || !matches) continue;
    frame.remove();
    host.hidden = true;
  }
}

function showToast(toast: { message: string; title: string }): void {
  const box = make('div', '', 'toast');
  if (toast.title) box.append(make('b', toast.title));
  box.append(document.createTextNode(toast.message));
  $('toasts').append(box);
  setTimeout(() => box.remove(), TOAST_MS);
}

function queueAlerts(alerts: string[]): void {
  view.pendingAlerts.push(...alerts);
  showNextAlert();
}

function showNextAlert(): void {
  const dialog = $('alert');
  if (!dialog.hidden) return;
  const next = view.pendingAlerts.shift();
  if (next === undefined) return;
  $('alert-body').textContent = next;
  dialog.hidden = false;
  $('alert-ok').focus();
}

// ---- wiring --------------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { dealDeskPreview?: boolean; type?: string; window?: number };
  if (event.origin !== location.origin || !data?.dealDeskPreview) return;
  if (data.type === 'close') closeWindow(data.window ?? null);
});
$('extensions').addEventListener('click', () => toggleMenu($('menu-items').hidden === true));
document.addEventListener('click', (event) => {
  if (!(event.target as HTMLElement).closest('.menu')) toggleMenu(false);
});
$('sidebar-close').addEventListener('click', () => closeWindow(null, 'sidebar'));
$('dialog-close').addEventListener('click', () => closeWindow(null, 'dialog'));
$('alert-ok').addEventListener('click', () => {
  $('alert').hidden = true;
  showNextAlert();
});

void pollForever();
