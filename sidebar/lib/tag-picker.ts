/**
 * Tags as checkboxes within their groups. In a one-per-deal group (payment status, say)
 * ticking a tag unticks the others, so the form can't make the mistake validation forbids.
 */

import type { FormScheme } from '../../src/entry/deal-form-types';
import { el } from './dom';

type TagGroups = FormScheme['tagGroups'];

/** The tag checkboxes and how to fill and read them. */
export interface TagPicker {
  readonly element: HTMLElement;
  write(tags: readonly string[]): void;
  read(): string[];
}

const OTHER_GROUP = 'Not in Settings';

/** A picker for the scheme's tag groups; tags the scheme lacks get a group of their own. */
export function buildTagPicker(groups: TagGroups): TagPicker {
  const element = el('div', { class: 'tag-picker', tabindex: '-1' });
  const boxes = () => [...element.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];

  function write(tags: readonly string[]): void {
    const known = new Set(groups.flatMap((group) => group.tags.map(lower)));
    const unknown = tags.filter((tag) => !known.has(lower(tag)));
    const all = unknown.length > 0 ? [...groups, otherGroup(unknown)] : groups;
    const empty = el('p', { class: 'muted' }, 'No tags in Settings.');
    element.replaceChildren(...(all.length > 0 ? all.map(groupBlock) : [empty]));
    const wanted = new Set(tags.map(lower));
    for (const box of boxes()) box.checked = wanted.has(lower(box.value));
  }

  function read(): string[] {
    return boxes()
      .filter((box) => box.checked)
      .map((box) => box.value);
  }

  element.addEventListener('change', (event) => {
    const box = event.target as HTMLInputElement;
    if (!box.checked || box.dataset.one !== 'true') return;
    for (const other of boxes()) {
      if (other !== box && other.dataset.group === box.dataset.group) other.checked = false;
    }
  });

  return { element, write, read };
}

function groupBlock(group: TagGroups[number]): HTMLElement {
  const note = group.onePerDeal ? ' (pick one)' : '';
  return el(
    'div',
    { class: 'tag-group' },
    el('div', { class: 'muted' }, `${group.name}${note}`),
    ...group.tags.map((tag) => {
      const box = el('input', { type: 'checkbox', value: tag, 'data-group': group.name });
      box.dataset.one = String(group.onePerDeal);
      return el('label', { class: 'chip' }, box, tag);
    }),
  );
}

function otherGroup(tags: string[]): TagGroups[number] {
  return { name: OTHER_GROUP, onePerDeal: false, tags };
}

function lower(text: string): string {
  return text.trim().toLowerCase();
}
