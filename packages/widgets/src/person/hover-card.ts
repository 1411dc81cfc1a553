import { lazyDefine } from '../runtime/lazy-define.ts';
import type { HearthPerson } from './hearth-person.ts';
import { personPack, t } from './strings.ts';

/*
 * The hover and focus card on people, a chunk of its own: the widgets' base (hearth-element.ts)
 * listens in its render root and imports this module the first time a pointer or the focus
 * reaches an element with `data-hearth-person="<handle>"` (a name, an avatar, a mention); from
 * then on it hands every such event here, synchronously.
 *
 * - Pointer: resting on a name for 400 ms opens the card; moving into the card keeps it open;
 *   leaving both closes it shortly after.
 * - Keyboard (a disclosure, documented in the README): focusing a name or a mention opens the
 *   card, which the name describes (`aria-describedby`: "Tab to go into it, Escape to close").
 *   Tab from the name goes into the card (its first control), Tab past its last control goes on
 *   to what follows the name, Shift+Tab from its first control back to the name; Escape closes it
 *   and focus stays on (or returns to) the name. Focus leaving both closes it.
 * - Click on a name that is not a link (touch has no hover) opens it too.
 *
 * The card is `<hearth-person compact>` in a box of its own, appended to the widget's render
 * root (so it takes the widget's session, language and theme through context) and shown in the
 * top layer (`popover="manual"`) when the browser has it, so no overflow or stacking of the
 * host page hides it. Its position is set through the CSSOM (a strict CSP allows that, not
 * style attributes): under the name, or over it when there is no room below, and always inside
 * the viewport, 320 px wide ones included. Its text is the person card's: user content as text.
 */

const OPEN_DELAY = 400;
const CLOSE_DELAY = 250;
const MARGIN = 8;
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

interface Open {
  host: HTMLElement;
  anchor: HTMLElement;
  box: HTMLElement;
  card: HearthPerson;
  observer: ResizeObserver;
}

let open: Open | null = null;
let openTimer: ReturnType<typeof setTimeout> | undefined;
let closeTimer: ReturnType<typeof setTimeout> | undefined;
let boxes = 0;
/** A name focus came back to from the card (Escape, Shift+Tab): its focus does not reopen it. */
let quiet: HTMLElement | null = null;

/** The person element an event is about, in the host's render root. */
function anchorOf(path: EventTarget[]): HTMLElement | null {
  const target = path[0];
  return target instanceof Element ? target.closest<HTMLElement>('[data-hearth-person]') : null;
}

const within = (node: unknown, el: Element | null | undefined) => !!el && node instanceof Node && (el === node || el.contains(node));

/**
 * Every event of a widget's render root that may concern a person card (see hearth-element.ts).
 * `path`: the event's composed path, given when the event was dispatched before this chunk came.
 */
export function handle(host: HTMLElement, event: Event, path: EventTarget[] = event.composedPath()): void {
  // The card's own widget: its events already reach the widget the card is in.
  if (host.hasAttribute('data-hearth-hover')) return;
  const anchor = anchorOf(path);
  const inCard = !!open && path.includes(open.box);
  switch (event.type) {
    case 'pointerover':
      if (inCard || (anchor && anchor === open?.anchor)) return clearTimeout(closeTimer);
      if (!anchor) return;
      clearTimeout(openTimer);
      openTimer = setTimeout(() => show(host, anchor), OPEN_DELAY);
      return;
    case 'pointerout': {
      const to = (event as PointerEvent).relatedTarget;
      if (anchor && !within(to, anchor)) clearTimeout(openTimer);
      if (!open || (!inCard && anchor !== open.anchor)) return;
      if (within(to, open.anchor) || within(to, open.box)) return;
      // Focus in the card (or on the name) keeps it: a keyboard user is reading it.
      if (within(host.shadowRoot?.activeElement, open.box) || host.shadowRoot?.activeElement === open.anchor) return;
      clearTimeout(closeTimer);
      closeTimer = setTimeout(close, CLOSE_DELAY);
      return;
    }
    case 'focusin':
      if (inCard) return clearTimeout(closeTimer);
      if (anchor && anchor === quiet) return;
      quiet = null;
      if (anchor && anchor !== open?.anchor && anchor.matches(':focus-visible')) show(host, anchor);
      else if (!anchor && open?.host === host) close();
      return;
    case 'focusout': {
      const to = (event as FocusEvent).relatedTarget;
      if (!open || open.host !== host || (!inCard && anchor !== open.anchor)) return;
      if (to === null) return; // The window lost focus: the card stays for when it comes back.
      if (!within(to, open.box) && !within(to, open.anchor)) close();
      return;
    }
    case 'keydown': {
      const key = (event as KeyboardEvent).key;
      // A name that is a button (not a link): Enter and Space open and close its card too.
      if (anchor && !inCard && anchor.getAttribute('role') === 'button' && (key === 'Enter' || key === ' ')) {
        event.preventDefault();
        if (open?.anchor === anchor) close();
        else show(host, anchor);
        return;
      }
      keydown(event as KeyboardEvent, anchor, inCard);
      return;
    }
    case 'click':
      if (!anchor || anchor.closest('a[href], button')) return; // A link or a button inside which the name is does what it does.
      if (open?.anchor === anchor) close();
      else show(host, anchor);
      return;
  }
}

function keydown(event: KeyboardEvent, anchor: HTMLElement | null, inCard: boolean): void {
  if (!open) return;
  const { anchor: name, card } = open;
  if (event.key === 'Escape' && (inCard || anchor === name)) {
    event.preventDefault();
    event.stopPropagation();
    const back = inCard;
    close();
    quiet = name;
    if (back) name.focus();
    return;
  }
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
  const controls = [...(card.shadowRoot?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter(visible);
  if (anchor === name && !inCard && !event.shiftKey && controls.length) {
    event.preventDefault();
    controls[0]!.focus();
    return;
  }
  if (!inCard) return;
  const active = card.shadowRoot?.activeElement;
  if (event.shiftKey && active === controls[0]) {
    event.preventDefault();
    quiet = name;
    name.focus();
  } else if (!event.shiftKey && active === controls.at(-1)) {
    // Past the card's last control: on to what follows the name, as if the card were after it.
    event.preventDefault();
    const root = name.getRootNode() as ParentNode;
    const after = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !open!.box.contains(el) && visible(el) && name.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && !name.contains(el),
    )[0];
    close();
    if (after) after.focus();
    else {
      quiet = name;
      name.focus();
    }
  }
}

const visible = (el: HTMLElement) => el.getClientRects().length > 0;

function show(host: HTMLElement, anchor: HTMLElement): void {
  clearTimeout(openTimer);
  clearTimeout(closeTimer);
  const who = anchor.dataset['hearthPerson'];
  if (!who || !anchor.isConnected) return;
  if (open?.anchor === anchor) return;
  close();
  const root = anchor.getRootNode() as ShadowRoot | Document;
  const box = document.createElement('div');
  box.id = `hearth-person-card-${++boxes}`;
  box.setAttribute('role', 'dialog');
  const card = document.createElement('hearth-person') as HearthPerson;
  card.setAttribute('data-hearth-hover', '');
  card.compact = true;
  card.handle = who;
  const hint = document.createElement('span');
  hint.id = `${box.id}-hint`;
  hint.hidden = true;
  const locale = host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
  hint.textContent = t(locale, 'hoverHint');
  void personPack.load(locale)?.then(() => (hint.textContent = t(locale, 'hoverHint')));
  box.setAttribute('aria-label', anchor.textContent?.trim().replace(/^@/, '') || who);
  box.append(hint, card);
  const s = box.style;
  s.position = 'fixed';
  s.margin = '0';
  s.padding = '0';
  s.border = '0';
  s.background = 'transparent';
  s.overflow = 'visible';
  s.zIndex = '2147483000';
  s.inset = 'auto';
  s.width = `min(22em, calc(100vw - ${2 * MARGIN}px))`;
  s.maxHeight = `calc(100vh - ${2 * MARGIN}px)`;
  s.overflowY = 'auto';
  const popover = 'popover' in HTMLElement.prototype;
  if (popover) box.setAttribute('popover', 'manual');
  (root instanceof ShadowRoot ? root : document.body).append(box);
  if (popover) box.showPopover();
  anchor.setAttribute('aria-describedby', hint.id);
  if (anchor.getAttribute('role') === 'button') anchor.setAttribute('aria-expanded', 'true');
  const observer = new ResizeObserver(() => place(anchor, box));
  observer.observe(box);
  open = { host, anchor, box, card, observer };
  place(anchor, box);
  // Its chunk could not come (offline, a new deploy): no empty card, and the name no longer
  // says it has one.
  lazyDefine('hearth-person', () => import('./define.ts').then((m) => m.HearthPerson)).catch(() => {
    if (open?.card === card) close();
  });
  window.addEventListener('scroll', onScroll, { passive: true, capture: true });
  window.addEventListener('resize', onScroll, { passive: true });
}

function onScroll(): void {
  if (open) place(open.anchor, open.box);
}

/** Under the name (over it when there is no room below), inside the viewport. */
function place(anchor: HTMLElement, box: HTMLElement): void {
  if (!anchor.isConnected) return close();
  const r = anchor.getBoundingClientRect();
  const width = box.offsetWidth;
  const height = box.offsetHeight;
  const vw = document.documentElement.clientWidth || window.innerWidth;
  const vh = window.innerHeight;
  const rtl = getComputedStyle(anchor).direction === 'rtl';
  let left = rtl ? r.right - width : r.left;
  left = Math.max(MARGIN, Math.min(left, vw - width - MARGIN));
  let top = r.bottom + 6;
  if (top + height > vh - MARGIN && r.top - height - 6 >= MARGIN) top = r.top - height - 6;
  top = Math.max(MARGIN, Math.min(top, Math.max(MARGIN, vh - height - MARGIN)));
  box.style.left = `${Math.round(left)}px`;
  box.style.top = `${Math.round(top)}px`;
}

/** Closes the open card, if any. */
export function close(): void {
  clearTimeout(openTimer);
  clearTimeout(closeTimer);
  const current = open;
  if (!current) return;
  open = null;
  current.observer.disconnect();
  window.removeEventListener('scroll', onScroll, { capture: true });
  window.removeEventListener('resize', onScroll);
  current.anchor.removeAttribute('aria-describedby');
  if (current.anchor.hasAttribute('aria-expanded')) current.anchor.setAttribute('aria-expanded', 'false');
  current.box.remove();
}

/** The card on show (tests), or null. */
export function openCard(): HearthPerson | null {
  return open?.card ?? null;
}
