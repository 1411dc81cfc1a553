import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { listUrl, matchTemplate } from '../runtime/permalink.ts';

/*
 * The question a page's URL names, read the way the widget's `href-template` writes it
 * (`/help?question={id}` at `/help?question=12`): `{kind}` is `question`, or `answer` with
 * `{parentId}` the answer's question.
 */

/** A question to open on its own, and the answer to bring into view. */
export interface Linked {
  id: number;
  answer: number | null;
}

const number = (value: string | null | undefined): number | null => (value && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null);

/** What `location` names with `template`, or null: an answer opens its question, in view. */
export function linked(template: string, location: { href: string }): Linked | null {
  const match = matchTemplate(template, location);
  const id = number(match?.id);
  if (id === null) return null;
  const parent = number(match?.parentId);
  return match?.kind === 'answer' && parent !== null ? { id: parent, answer: id } : { id, answer: null };
}

export const sameLink = (a: Linked | null, b: Linked | null): boolean => a?.id === b?.id && a?.answer === b?.answer;


/** The widget, as the view of the question its page's URL names sees it. */
interface Host extends ReactiveControllerHost, HTMLElement {
  hrefTemplate: string | null;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The question the page's URL names with the widget's `href-template`, in a chunk of its own that
 * only widgets with a template load. It follows the page's history (Back, Forward), opens a
 * title's link in place when it names this page (a new history entry), and leaves by "Back to the
 * questions" (a new entry too, so Back opens the question again).
 */
export class LinkedView implements ReactiveController {
  /** What the page's URL names, or null: the widget shows its view. */
  linked: Linked | null = null;
  readonly #host: Host;
  /** Told when what is shown changed. */
  readonly #changed: () => void;
  readonly #onPopState = () => this.sync();

  constructor(host: Host, changed: () => void) {
    this.#host = host;
    this.#changed = changed;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.#onPopState);
    this.sync();
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.#onPopState);
  }

  /** Reads the page's URL again; whether what it names changed. */
  sync(): boolean {
    const template = this.#host.hrefTemplate;
    const next = template ? linked(template, window.location) : null;
    if (sameLink(next, this.linked)) return false;
    this.linked = next;
    this.#changed();
    return true;
  }

  /** A click on a question's link: when it names this very page, the question opens here. */
  async follow(event: MouseEvent): Promise<void> {
    const template = this.#host.hrefTemplate;
    const link = (event.target as Element).closest?.('a[data-question]') as HTMLAnchorElement | null;
    if (!template || !link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(link.href);
    const here = new URL(window.location.href);
    if (url.origin !== here.origin || url.pathname !== here.pathname || !matchTemplate(template, url)) return;
    event.preventDefault();
    history.pushState(history.state, '', url);
    if (!this.sync()) return;
    // Focus goes to the question's title, once its element is there.
    await customElements.whenDefined('hearth-ask-expert-question');
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>('hearth-ask-expert-question')?.focus();
  }

  /** Back to the view: the page's URL without the template's part, as a new history entry. */
  readonly #back = async (): Promise<void> => {
    const template = this.#host.hrefTemplate;
    if (template) history.pushState(history.state, '', listUrl(template, window.location.href));
    if (!this.sync()) return;
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>('.root')?.focus({ preventScroll: true });
  };

  /** "Back to the questions" (`back`, in the page's language), before the question. */
  renderBack(back: string) {
    // Arrows are not mirrored by the bidi algorithm: "back" points to the right in RTL.
    return html`<button type="button" class="quiet back" part="back" @click=${this.#back}>
      ${this.#host.matches(':dir(rtl)') ? '→' : '←'} ${back}
    </button>`;
  }
}
