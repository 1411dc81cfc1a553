import type { HearthNotificationsList } from './hearth-notifications-list.ts';

/** What the open box needs of its widget. */
export interface PanelHost {
  readonly element: HTMLElement;
  readonly root: ShadowRoot;
  /** Closes the box; `focusBell` gives the focus back to the bell. */
  close(focusBell: boolean): void;
}

/**
 * The open box's behaviour, in the list's chunk (a header's bell that is never opened does not
 * load it): kept on screen, focused; a click outside or Tab away closes it; Escape closes it and
 * gives the focus back to the bell; the arrow keys, Home and End from the bell or the box go to
 * the first or last line (the list moves between lines). Returns what undoes it.
 */
export function openPanel({ element, root, close }: PanelHost): () => void {
  const panel = root.querySelector<HTMLElement>('.panel');
  const bell = root.querySelector<HTMLElement>('.bell');
  if (panel) {
    fit(panel);
    panel.focus();
  }
  const outside = (event: Event) => {
    if (!event.composedPath().includes(element)) close(false);
  };
  const focusout = (event: Event) => {
    const to = (event as FocusEvent).relatedTarget as Node | null;
    // Tab away from the box closes it; a click on nothing focusable inside it does not.
    if (to && !element.contains(to) && !root.contains(to)) close(false);
  };
  const keydown = (event: Event) => {
    const { key, altKey, ctrlKey, metaKey, target } = event as KeyboardEvent;
    if (altKey || ctrlKey || metaKey) return;
    if (key === 'Escape') {
      event.preventDefault();
      close(true);
      return;
    }
    const edge = key === 'ArrowDown' || key === 'Home' ? false : key === 'ArrowUp' || key === 'End' ? true : null;
    if (edge === null || (target !== bell && target !== panel)) return;
    if (root.querySelector<HearthNotificationsList>('hearth-notifications-list')?.focusLine(edge)) event.preventDefault();
  };
  document.addEventListener('pointerdown', outside, true);
  root.addEventListener('focusout', focusout);
  root.addEventListener('keydown', keydown);
  return () => {
    document.removeEventListener('pointerdown', outside, true);
    root.removeEventListener('focusout', focusout);
    root.removeEventListener('keydown', keydown);
  };
}

/** Keeps the box on screen: shifted along the line when the bell is near an edge. */
function fit(panel: HTMLElement): void {
  panel.style.translate = '';
  const { left, right } = panel.getBoundingClientRect();
  const margin = 8;
  const width = document.documentElement.clientWidth;
  const shift = left < margin ? margin - left : right > width - margin ? width - margin - right : 0;
  if (shift) panel.style.translate = `${Math.round(shift)}px 0`;
}
