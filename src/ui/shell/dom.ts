/**
 * Writes to the page that do nothing when nothing changed. A sample arrives
 * every second or two all day and most of the time shows what the last one
 * did; writing the same text or style again still makes the browser
 * recompute style and layout and repaint. These skip that.
 */

export function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function setData(el: HTMLElement, key: string, value: string): void {
  if (el.dataset[key] !== value) el.dataset[key] = value;
}

export function setStyle(el: HTMLElement, property: 'left' | 'width', value: string): void {
  if (el.style[property] !== value) el.style[property] = value;
}

export function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}

/** The page's element with this id; a missing one is a broken page, said at once. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}
