import { LitElement, type PropertyValues } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { HearthClient } from './client.ts';
import { hearthContext, langContext } from './context.ts';
import { type HearthSession, type MeState, $me } from './session.ts';
import { completeAfterSlices, inSlice } from './slices.ts';
import { StoreController } from './store-controller.ts';

/**
 * The base of a widget's own child elements (the feed's post and composer, ask-expert's form,
 * lists and opened question). A part renders into the widget's shadow root (no shadow root of its
 * own), so the widget's one style sheet, its ids and its `::part()` names apply; it takes the
 * session and the language from the widget through context. The widget sets a part through
 * properties only (`fromWidget`): a page never writes one, so a part has no attributes.
 */
export class HearthPart extends LitElement {
  /** Whether the part shows who is signed in (`me` re-renders it when that changes). */
  static usesMe = false;

  readonly #hearth = new ContextConsumer(this, { context: hearthContext, subscribe: true });
  readonly #lang = new ContextConsumer(this, { context: langContext, subscribe: true });
  /** Who is signed in, as the widget's session knows it; null for parts that do not show it. */
  protected readonly me = (this.constructor as typeof HearthPart).usesMe ? new StoreController<MeState>(this, $me) : null;
  #session: HearthSession | null = null;
  /** The session changed at this update (the first one included): the part loads again. */
  #sessionChanged = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The widget's session; null outside a widget. */
  get session(): HearthSession | null {
    return this.#hearth.value?.session ?? null;
  }

  /** The widget's client. A part is only shown inside its widget, which always provides one. */
  get client(): HearthClient {
    return this.session!.client;
  }

  /** The widget's language (its words are loaded); English outside a widget. */
  get locale(): string {
    return this.#lang.value ?? 'en';
  }

  /** The signed-in person's id, or null (only for parts that use `me`). */
  protected get meId(): number | null {
    const me = this.me?.value;
    return me?.status === 'signed-in' ? me.me.id : null;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const session = this.session;
    this.#sessionChanged = session !== this.#session;
    this.#session = session;
    if (session && this.me) this.me.store = session.$me;
  }

  /** Whether the part loads at this update: in a new session, or on a change of one of `names`. */
  protected scopeChanged(changed: PropertyValues<this>, names: readonly (keyof this)[]): boolean {
    if (!this.#session) return false;
    return this.#sessionChanged || names.some((name) => (changed as Map<PropertyKey, unknown>).has(name));
  }

  /** Loads the part's data again; a widget's `reload()` reloads the parts on show. */
  reload(): Promise<void> {
    return Promise.resolve();
  }

  /** A `reload` that keeps `this`, for the part's Retry buttons. */
  protected readonly retry = (): void => void this.reload();

  /** Updates render in slices of the main thread's time, as the widgets' do (slices.ts). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return inSlice(() => super.scheduleUpdate()) as void | Promise<unknown>;
  }

  /** Done once the part and what waits for a slice (its own parts among them) have rendered. */
  protected override getUpdateComplete(): Promise<boolean> {
    return completeAfterSlices(() => super.getUpdateComplete());
  }

  /** Dispatches an event (see HearthElement's `emit`: the widget's JSDoc documents it with @fires). */
  protected emit(event: Event): void {
    this.dispatchEvent(event);
  }
}

/** A property the widget sets on a part: a part publishes no attribute. */
export const fromWidget = { attribute: false } as const;
