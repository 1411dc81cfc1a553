/**
 * What the widgets' report tests share: finding buttons by their accessible name, moving by
 * keyboard, and reporting something through the Report dialog (runtime/report-dialog.ts) as a
 * keyboard-only person would.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The buttons whose accessible name (aria-label, else text) matches. */
export function buttons(root: ParentNode, name: string | RegExp): HTMLButtonElement[] {
  return [...root.querySelectorAll('button')].filter((b) => {
    const label = b.getAttribute('aria-label') ?? text(b);
    return typeof name === 'string' ? label === name : name.test(label);
  });
}

/** The one button named `name`; throws when there are none or several. */
export function only(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const found = buttons(root, name);
  if (found.length !== 1) throw new Error(`${found.length} buttons named ${String(name)}`);
  return found[0]!;
}

/** Presses Tab until `target` has focus (in `root`), as a keyboard user moves along. */
export async function tabTo(root: ShadowRoot, target: Element, max = 20): Promise<void> {
  for (let i = 0; i < max && root.activeElement !== target; i++) await sendKeys({ press: 'Tab' });
  // Compared as booleans: chai describing two elements in a failure takes the test page down.
  expect(root.activeElement === target, 'Tab never reached it').to.equal(true);
}

export const dialogIn = (root: ParentNode) => root.querySelector<HTMLDialogElement>('hearth-report-dialog dialog');

/**
 * Reports what `report` is the button of, by keyboard only: from `from`, Tab to the button and
 * press Enter; in the dialog, `arrows` presses of ArrowDown from the first reason (none: Space),
 * then Tab to Send and Enter. Resolves once the dialog says what happened.
 */
export async function reportByKeyboard(root: ShadowRoot, from: HTMLElement, report: HTMLButtonElement, arrows: number): Promise<HTMLDialogElement> {
  from.focus();
  await tabTo(root, report);
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => dialogIn(root)?.open, 'the dialog did not open');
  const dialog = dialogIn(root)!;
  const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
  expect(root.activeElement === radios[0], 'focus moves into the dialog, to the first reason').to.equal(true);
  // Arrows choose as they move; staying on the first reason, Space chooses it.
  if (arrows === 0) await sendKeys({ press: 'Space' });
  for (let i = 0; i < arrows; i++) await sendKeys({ press: 'ArrowDown' });
  await tabTo(root, only(dialog, 'Send report'));
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => dialog.querySelector('[role="status"]'), 'the dialog said nothing');
  return dialog;
}

/** Closes the dialog with Escape; resolves once it is gone. */
export async function escape(root: ShadowRoot): Promise<void> {
  await sendKeys({ press: 'Escape' });
  await waitUntil(() => !root.querySelector('hearth-report-dialog'), 'the dialog stayed');
}
