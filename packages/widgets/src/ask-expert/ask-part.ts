import { LitElement, type PropertyValues } from 'lit';
import { ContextConsumer } from '@lit/context';
import { hearthContext, langContext } from '../runtime/context.ts';
import { type HearthSession, type MeState, $me } from '../runtime/session.ts';
import { StoreController } from '../runtime/store-controller.ts';

/**
 * What the parts of `<hearth-ask-expert>` share: the ask form, the list of questions, the people
 * who know and the opened question. A part renders into the widget's shadow root (no shadow root
 * of its own), so the widget's one style sheet, its ids and its `::part()` names apply as they
 * always did; it takes the session and the language from the widget through context. The widget
 * sets a part through properties only: a page never writes one, so a part has no attributes.
 */
export class AskPart extends LitElement {
  readonly #hearth = new ContextConsumer(this, { context: hearthContext, subscribe: true });
  readonly #lang = new ContextConsumer(this, { context: langContext, subscribe: true });
  /** Who is signed in, as the widget's session knows it. */
  protected readonly me = new StoreController<MeState>(this, $me);
  #session: HearthSession | null = null;
  /** The session changed at this update (the first one included): the part loads again. */
  #sessionChanged = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The widget's session; null outside a widget. */
  protected get session(): HearthSession | null {
    return this.#hearth.value?.session ?? null;
  }

  /** The widget's language (its words are loaded). */
  protected get locale(): string {
    return this.#lang.value ?? 'en';
  }

  /** The signed-in person's id, or null. */
  protected get meId(): number | null {
    const me = this.me.value;
    return me.status === 'signed-in' ? me.me.id : null;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const session = this.session;
    this.#sessionChanged = session !== this.#session;
    this.#session = session;
    if (session) this.me.store = session.$me;
  }

  /** Whether the part loads at this update: in a new session, or on a change of one of `names`. */
  protected scopeChanged(changed: PropertyValues<this>, names: readonly (keyof this)[]): boolean {
    if (!this.#session) return false;
    return this.#sessionChanged || names.some((name) => (changed as Map<PropertyKey, unknown>).has(name));
  }

  /** Loads the part's data again; the widget's `reload()` reloads every part on show. */
  reload(): Promise<void> {
    return Promise.resolve();
  }

  /** A `reload` that keeps `this`, for the part's Retry buttons. */
  protected readonly retry = (): void => void this.reload();

  /** Dispatches an event (see HearthElement's `emit`: the manifest reads the widget's @fires). */
  protected emit(event: Event): void {
    this.dispatchEvent(event);
  }
}

/** A property the widget sets on a part: a part publishes no attribute. */
export const fromWidget = { attribute: false } as const;

/** Every part, for the widget's `reload()`. */
export const PARTS = 'hearth-ask-expert-form, hearth-ask-expert-list, hearth-ask-expert-experts, hearth-ask-expert-question';
