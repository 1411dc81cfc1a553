import type { CSSResult } from 'lit';

/**
 * Adds the styles of a part loaded on demand to the widget's shadow root (once), so those rules
 * cost nothing until the part is used: the page's first download stays small.
 */
export function adopt(root: Node, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}
