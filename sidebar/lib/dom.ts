/**
 * Small DOM helpers. Everything a person typed is set as text, never parsed as HTML.
 */

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** The element with `id`; a missing one is a bug in the page, so it throws. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`Missing element #${id}`);
  return found as T;
}

/** Replaces the children of `parent`. */
export function replaceChildren(parent: HTMLElement, ...children: Child[]): void {
  parent.replaceChildren();
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Shows `message` in the status area: an error in red, anything else plainly. */
export function showStatus(
  target: HTMLElement,
  message: string,
  kind: 'error' | 'info' | 'ok' = 'info',
): void {
  target.textContent = message;
  target.className = `status ${kind}`;
  target.hidden = message === '';
}

/** Disables every control inside `form` while a server call is in flight. */
export function setBusy(form: HTMLElement, busy: boolean): void {
  form
    .querySelectorAll<
      HTMLInputElement | HTMLButtonElement | HTMLSelectElement | HTMLTextAreaElement
    >('input, button, select, textarea')
    .forEach((control) => {
      control.disabled = busy;
    });
  form.setAttribute('aria-busy', String(busy));
}
