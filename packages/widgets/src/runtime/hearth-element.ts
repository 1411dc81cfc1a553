import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextConsumer, ContextProvider } from '@lit/context';
import { type Theme, resolveTheme } from './config.ts';
import { hearthContext, langContext } from './context.ts';
import type { LanguagePack } from './i18n.ts';
import { LangController } from './lang.ts';
import { type HearthSession, type MeState, $me, sessionFor } from './session.ts';
import { completeAfterSlices, inSlice } from './slices.ts';
import { StoreController } from './store-controller.ts';
import { baseStyles } from './styles.ts';

type HoverCard = typeof import('../person/hover-card.ts');
/** The person hover card's chunk once here (null until a person was first pointed at or focused). */
let hoverCard: HoverCard | null = null;
let hoverLoading = false;
const PERSON_EVENTS = 'pointerover pointerout focusin focusout keydown click'.split(' ');

/**
 * The hover and focus cards on people (person/hover-card.ts, a chunk of its own): an element with
 * `data-hearth-person="<handle>"` (a name, an avatar, a mention) in any widget gets one. Until a
 * pointer or the focus first reaches such an element, this is all a page carries of them.
 */
function personEvent(host: HTMLElement, event: Event): void {
  if (hoverCard) return hoverCard.handle(host, event);
  // The event's path is gone once dispatched: it goes along to the chunk.
  const path = event.composedPath();
  const target = path[0] as Element;
  if (hoverLoading || !target.closest?.('[data-hearth-person]')) return;
  hoverLoading = true;
  import('../person/hover-card.ts').then(
    (module) => {
      hoverCard = module;
      // The pointer or the focus may have moved on meanwhile: only a name still under it opens.
      if (target.matches(':hover, :focus') || event.type === 'click') module.handle(host, event, path);
    },
    () => (hoverLoading = false),
  );
}

/**
 * What every Hearth widget is: the `api` / `token-url` / `theme` / `lang` attributes, the
 * session (server, token, signed-in person) it talks through, its colour scheme and language,
 * Retry, and typed events. A widget extends it, names its strings (`static packs`) and its
 * styles, loads its data with a {@link Loader} when {@link scopeChanged} says so, and renders.
 *
 * Configuration, nearest first: the widget's own attributes, then the enclosing
 * `<hearth-config>` or outer widget (through context), then the page's `<hearth-config>` and the
 * script URL. The widget provides its resolved session and language to what it contains.
 *
 * @attr lang - The language of the texts, times and numbers; defaults to the page's.
 *
 * @cssproperty [--hearth-font-size=15px] - The size everything else is measured from.
 * @cssproperty [--hearth-font=system-ui] - The font family.
 * @cssproperty [--hearth-accent=#0b62c4] - Buttons, links, tags and focus rings.
 * @cssproperty [--hearth-surface=#fff] - The background.
 * @cssproperty [--hearth-text=#1d232b] - The text colour.
 * @cssproperty [--hearth-muted=#5b6572] - Secondary text: times, titles, counts.
 * @cssproperty [--hearth-border=#d8dde3] - Borders and separators.
 * @cssproperty [--hearth-radius=0.5em] - Corner radius of boxes and buttons.
 * @cssproperty [--hearth-density=1] - Spacing: a factor on every padding, margin and gap (0.75 compact, 1.25 roomy).
 */
export class HearthElement extends LitElement {
  static override styles = [baseStyles];

  static override properties: PropertyDeclarations = {
    api: { type: String },
    tokenUrl: { type: String, attribute: 'token-url' },
    theme: { type: String },
  };

  /** The language packs of the widget's strings (the runtime's own are always loaded). */
  static packs: LanguagePack[] = [];
  /** Whether the widget shows who is signed in: it then loads the person with its data (Retry always does). */
  static usesMe = true;

  /** The Hearth server's base URL; defaults to where the script came from. */
  declare api: string | null;
  /** Where the host page hands out tokens for the signed-in person. */
  declare tokenUrl: string | null;
  /** Colour scheme: `auto` (follows the system), `light` or `dark`. */
  declare theme: 'auto' | 'light' | 'dark' | null;

  /** The language the widget renders in; `langs.loading` while its words are on their way. */
  protected readonly langs = new LangController(this, ...(this.constructor as typeof HearthElement).packs);
  /** Who is signed in, as the widget's session knows it. */
  protected readonly me = new StoreController<MeState>(this, $me);
  /** The colour scheme class for the root element: `auto`, `light` or `dark`. */
  protected themeClass: Theme = 'auto';

  #session: HearthSession | null = null;
  /** Whether the person was signed in at the last update: signing out loads the data again. */
  #wasSignedIn = false;
  /** The session changed at this update (first update included): data must be loaded again. */
  #sessionChanged = false;
  readonly #inherited = new ContextConsumer(this, { context: hearthContext, subscribe: true });
  readonly #provider = new ContextProvider(this, { context: hearthContext });
  readonly #langProvider = new ContextProvider(this, { context: langContext, initialValue: 'en' });

  constructor() {
    super();
    this.api = null;
    this.tokenUrl = null;
    this.theme = null;
  }

  readonly #onPersonEvent = (event: Event) => personEvent(this, event);

  override connectedCallback(): void {
    super.connectedCallback();
    for (const type of PERSON_EVENTS) this.renderRoot.addEventListener(type, this.#onPersonEvent);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const type of PERSON_EVENTS) this.renderRoot.removeEventListener(type, this.#onPersonEvent);
  }

  /** The session the widget talks through; resolved before the first `willUpdate` of a subclass. */
  protected get session(): HearthSession {
    return (this.#session ??= sessionFor({ api: this.api, tokenUrl: this.tokenUrl }, this.#inherited.value?.session));
  }

  /** The language the widget renders in (its strings are loaded). */
  protected get locale(): string {
    return this.langs.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inherited = this.#inherited.value;
    const session = sessionFor({ api: this.api, tokenUrl: this.tokenUrl }, inherited?.session);
    this.#sessionChanged = session !== this.#session || !this.hasUpdated;
    this.#session = session;
    this.themeClass = resolveTheme(this.theme, inherited?.theme);
    if (this.#sessionChanged) {
      this.me.store = session.$me;
      if ((this.constructor as typeof HearthElement).usesMe) void session.loadMe();
    }
    // Signed out (on this page, or the session ended): what was shown goes, Sign in comes.
    const status = this.me.value.status;
    if (status === 'signed-out' && this.#wasSignedIn && !this.#sessionChanged) void this.refresh();
    if (status === 'signed-in' || status === 'signed-out') this.#wasSignedIn = status === 'signed-in';
    const theme = this.theme ? this.themeClass : (inherited?.theme ?? null);
    const provided = this.#provider.value;
    // A new object only when something changed: each one re-renders every part that consumes it.
    if (provided?.session !== session || provided.theme !== theme) this.#provider.setValue({ session, theme });
    this.#langProvider.setValue(this.locale);
  }

  /**
   * Whether the data must be loaded (again) at this update: the first one, a new session, or a
   * change of one of `names`, the properties that decide what the widget shows.
   */
  protected scopeChanged(changed: PropertyValues<this>, names: readonly (keyof this)[]): boolean {
    return this.#sessionChanged || names.some((name) => (changed as Map<PropertyKey, unknown>).has(name));
  }

  /** Loads the data again (and who is signed in, if that failed), as the Retry buttons do. */
  reload(): Promise<void> {
    if (this.session.$me.get().status !== 'signed-in') void this.session.loadMe(true);
    return this.refresh();
  }

  /** What Retry loads again: the widget's data. */
  protected refresh(): Promise<void> {
    return Promise.resolve();
  }

  /** A `reload` that keeps `this`, for `@click` and state boxes. */
  protected readonly retry = (): void => void this.reload();

  /** Updates render in slices of the main thread's time (slices.ts). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return inSlice(() => super.scheduleUpdate()) as void | Promise<unknown>;
  }

  /** Done once the widget and what waits for a slice (its parts among them) have rendered. */
  protected override getUpdateComplete(): Promise<boolean> {
    return completeAfterSlices(() => super.getUpdateComplete());
  }

  /**
   * Dispatches one of the widget's events. Through this helper: the manifest analyzer reads
   * `dispatchEvent(new X(arg))` as an event named after `arg`; events are documented with @fires.
   */
  protected emit(event: Event): void {
    this.dispatchEvent(event);
  }
}
