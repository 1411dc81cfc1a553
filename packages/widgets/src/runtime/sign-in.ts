import { LitElement, html, nothing } from 'lit';
import { ContextConsumer } from '@lit/context';
import { hearthContext, langContext } from './context.ts';
import { defineStrings } from './i18n.ts';
import { type HearthSession, type MeState, $me } from './session.ts';
import { StoreController } from './store-controller.ts';
import { errorStrings, runtimePack } from './strings.ts';

/** The words of the Sign in button and of a blocked popup. */
export const signInStrings = defineStrings(runtimePack, 'signIn', {
  signIn: 'Sign in',
  // window.open returned null: the browser blocked the popup.
  blocked: 'Your browser blocked the sign-in window.',
  newTab: 'Sign in in a new tab',
  // The sign-in window said it did not work (a refusal at the identity provider, an error).
  failed: 'Sign-in did not succeed. Try again.',
});

/** The element's tag, defined by `session.ts` when this chunk arrives. */
export const signInTag = 'hearth-sign-in';

/** The popup's name: a second press (from any widget) reuses the same window. */
const WINDOW_NAME = 'hearth-sign-in';

/** The elements on the page now, to reload their widgets once the person has signed in. */
const shown = new Set<HearthSignIn>();
let popup: Window | null = null;

/** Where the popup goes: Hearth's sign-in, told which origin to report back to. */
export function signInHref(signInUrl: string): string {
  const url = new URL(signInUrl);
  url.searchParams.set('origin', location.origin);
  return url.href;
}

/** What the sign-in window's last page posts (auth/oidc.ts): how it went. */
interface Outcome {
  type?: unknown;
  /** A one-time code for a session of this page's own (its cookie may be a third-party one). */
  handoff?: unknown;
  reason?: unknown;
}

/** Why the sign-in window says it failed, in the words shown under the button. */
const failureWords = (lang: string, reason: unknown) =>
  reason === 'unavailable' ? errorStrings.t(lang, 'signInUnavailable')
  : reason === 'deactivated' ? errorStrings.t(lang, 'deactivated')
  : signInStrings.t(lang, 'failed');

function onMessage(event: MessageEvent): void {
  const data = event.data as Outcome | null;
  if (typeof data !== 'object' || data === null || (data.type !== 'hearth-signed-in' && data.type !== 'hearth-sign-in-failed')) return;
  // Only Hearth's own origin, the one a Sign in button on this page sent the person to, may say
  // so: a message from any other frame or window is ignored.
  const waiting = [...shown].filter((element) => element.origin === event.origin);
  if (!waiting.length) return;
  popup = null;
  if (data.type === 'hearth-sign-in-failed') {
    for (const element of waiting) element._failed = data.reason ?? 'failed';
    return;
  }
  const sessions = new Set(waiting.map((element) => element.session).filter((session) => session !== null));
  // The code goes to this Hearth's token URL, once (it works once); a page whose browser sends
  // the popup's cookie gets its token from that cookie anyway.
  const handoff = typeof data.handoff === 'string' ? data.handoff : null;
  const tokens = [...sessions].map((session) => session.tokens).find((t) => t && new URL(t.url, document.baseURI).origin === event.origin);
  const handedIn = handoff && tokens ? tokens.redeem(handoff).catch(() => null) : Promise.resolve(null);
  // Who is signed in, once per session (a widget's reload would ask again for each widget)…
  void handedIn.then(() => Promise.all([...sessions].map((session) => session.loadMe(true)))).then(() => {
    // …then the widgets' data, each widget once, even with several boxes (a part's and its own).
    const hosts = new Set<Element>();
    for (const element of waiting) {
      const root = element.getRootNode();
      if (root instanceof ShadowRoot) hosts.add(root.host);
    }
    for (const host of hosts) void (host as Element & { reload?: () => Promise<void> }).reload?.();
  });
}

window.addEventListener('message', onMessage);

/**
 * Signing in at Hearth itself (`AUTH_MODE=oidc`): the token URL answered `sign-in-required` with
 * the `signInUrl`, so every state box with an action holds this element, which offers a Sign in
 * button. It opens Hearth's sign-in in a popup (one per page, however many widgets); the popup's
 * last page posts `{ type: 'hearth-signed-in' }` to this page and closes, and every widget that
 * was signed out loads again, without a reload of the page (so what a person typed stays).
 * This module is a chunk of its own, fetched only when a session meets that answer.
 */
export class HearthSignIn extends LitElement {
  static override properties = { _blocked: { state: true }, _failed: { state: true } };

  readonly #hearth = new ContextConsumer(this, { context: hearthContext, subscribe: true });
  readonly #lang = new ContextConsumer(this, { context: langContext, subscribe: true });
  readonly #me = new StoreController<MeState>(this, $me);
  declare _blocked: boolean;
  /** The sign-in window said it failed, and why (`unavailable`, `deactivated`, …); else null. */
  declare _failed: unknown;

  constructor() {
    super();
    this._blocked = false;
    this._failed = null;
  }

  /** Rendered in the widget's shadow root, with its styles (a state box's button). */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The session of the widget the element is in. */
  get session(): HearthSession | null {
    return this.#hearth.value?.session ?? null;
  }

  /** Where the person signs in, while they are signed out and Hearth said so; else null. */
  get signInUrl(): string | null {
    const me = this.#me.value;
    return me.status === 'signed-out' ? (me.signInUrl ?? null) : null;
  }

  /** The origin the popup's message must come from: Hearth's. */
  get origin(): string | null {
    const url = this.signInUrl;
    return url ? new URL(url).origin : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    shown.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    shown.delete(this);
  }

  protected override willUpdate(): void {
    const session = this.session;
    if (session) this.#me.store = session.$me;
    if (!this.signInUrl) {
      this._blocked = false;
      this._failed = null;
    }
  }

  readonly #open = (): void => {
    const url = this.signInUrl;
    if (!url) return;
    if (popup && !popup.closed) {
      popup.focus();
      return;
    }
    this._failed = null;
    // In a frame on another site (an /embed page), ask with this click for Hearth's own cookies
    // (Storage Access API): once the person allows it, later visits sign in without a click
    // (quiet-sign-in.ts). Asked first: the popup may use up the click.
    if (window.top !== window) document.requestStorageAccess?.().catch(() => {});
    popup = window.open(signInHref(url), WINDOW_NAME, 'popup,width=500,height=650');
    this._blocked = !popup;
  };

  protected override render() {
    const url = this.signInUrl;
    if (!url) return nothing;
    const lang = this.#lang.value ?? 'en';
    // rel=opener: the tab's last page reports back through window.opener, as the popup does.
    return html`<button type="button" class="primary" @click=${this.#open}>${signInStrings.t(lang, 'signIn')}</button>
      ${this._blocked
        ? html`<p role="alert">
            ${signInStrings.t(lang, 'blocked')}
            <a href=${signInHref(url)} target="_blank" rel="opener">${signInStrings.t(lang, 'newTab')}</a>
          </p>`
        : nothing}
      ${this._failed ? html`<p role="alert">${failureWords(lang, this._failed)}</p>` : nothing}`;
  }
}
