import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { listCommunities, tagCloud } from '../runtime/api.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';
import { errorText } from '../runtime/strings.ts';
import { sessionFor } from '../runtime/session.ts';
import { baseStyles } from '../runtime/styles.ts';
import { configuratorStyles } from './hearth-configurator.styles.ts';
import {
  type Attribute, type Values, attributesOf, iframeSnippet as buildIframe, isAbsoluteUrl, numberProblem,
  scriptSnippet as buildScript,
} from './snippets.ts';
import { COMMON_OPTIONS, WIDGETS, type WidgetOption, type WidgetSpec, widgetNamed } from './widgets.ts';

type Lists = 'loading' | 'ready' | 'signed-out' | 'error';
type Snippet = 'script' | 'iframe';
interface CommunityChoice {
  slug: string;
  name: string;
}

const COPIED = 'Copied to the clipboard.';
const SELECTED = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.';
/** What the token URL field starts with: the path README's example uses, for the editor to change. */
const TOKEN_PLACEHOLDER = '/hearth-token';

/**
 * The configurator for intranet editors: pick a widget, set its options with ordinary form
 * controls, see the real widget live, and copy either snippet to paste into a portal page: the
 * script tag (with the portal's `<hearth-config token-url>`) or the iframe for hosts that only
 * allow iframes (SharePoint's Embed web part), with the optional resize helper.
 *
 * Everything comes from one table of widgets and their attributes (`editor/widgets.ts`).
 * Communities and tags are listed from the API for the person signed in on the editor page;
 * signed out, the same options are free text. Snippets are strings shown in read-only text
 * areas, never markup, and every value is escaped for the page it is pasted into. Copy uses the
 * Clipboard API and falls back to selecting the text; the result is announced in a live region.
 *
 * The preview is the real element (`hearth.js` must be loaded on the page to define it), created
 * inside the configurator and given the chosen attributes, plus the configurator's own `api` and
 * `token-url` (those are the editor page's, never written into the snippets).
 *
 * Layout: one column in narrow space; from about 900 px wide the controls sit left and the
 * preview and snippets right (a container query, so it follows the element's own width).
 *
 * @summary Pick a widget, set it up, preview it and copy its script-tag or iframe snippet.
 * @tagname hearth-configurator
 *
 * @csspart base - The wrapper around everything.
 * @csspart controls - The form: widget, options, look, sign-in.
 * @csspart preview - The box the live widget is shown in.
 * @csspart snippet - Each snippet's text area.
 * @csspart howto - The notes on placing a widget in SharePoint and other portals.
 *
 * @cssproperty [--hearth-font-size=15px] - The size everything else is measured from.
 * @cssproperty [--hearth-font=system-ui] - The font family.
 * @cssproperty [--hearth-accent=#0b62c4] - The chosen widget, the copy buttons and focus rings.
 * @cssproperty [--hearth-surface=#fff] - The background of the panels and fields.
 * @cssproperty [--hearth-text=#1d232b] - The text colour.
 * @cssproperty [--hearth-muted=#5b6572] - Hints and notes.
 * @cssproperty [--hearth-border=#d8dde3] - Borders of panels and fields.
 * @cssproperty [--hearth-radius=0.5em] - Corner radius of panels, fields and buttons.
 */
export class HearthConfigurator extends LitElement {
  static override styles = [baseStyles, configuratorStyles];

  static override properties = {
    widget: { type: String },
    origin: { type: String },
    api: { type: String },
    tokenUrl: { type: String, attribute: 'token-url' },
    _values: { state: true },
    _portalToken: { state: true },
    _lists: { state: true },
    _communities: { state: true },
    _tags: { state: true },
    _copied: { state: true },
  };

  /** The widget being configured: `feed`, `tag-cloud`, `community-card` or `ask-expert`. */
  declare widget: string;
  /** The Hearth origin written into the snippets; defaults to where this script came from. */
  declare origin: string;
  /** The Hearth server the lists and the preview use; defaults to the page's (`<hearth-config>`). */
  declare api: string | null;
  /** The token URL the lists and the preview use; defaults to the page's. Not written into snippets. */
  declare tokenUrl: string | null;

  /** What the editor chose, per widget (so switching back keeps it), plus `common` for all. */
  declare _values: Readonly<Record<string, Values>>;
  /** The portal's token URL, written into the snippets. */
  declare _portalToken: string;
  declare _lists: Lists;
  declare _communities: CommunityChoice[];
  declare _tags: string[];
  /** What each copy status region says. */
  declare _copied: Readonly<Record<Snippet, string>>;

  #preview: HTMLElement | null = null;
  #abort: AbortController | null = null;
  #interrupted = false;
  #listsError = '';

  constructor() {
    super();
    this.widget = WIDGETS[0]!.name;
    this.origin = new URL(import.meta.url).origin;
    this.api = null;
    this.tokenUrl = null;
    this._values = {};
    this._portalToken = TOKEN_PLACEHOLDER;
    this._lists = 'loading';
    this._communities = [];
    this._tags = [];
    this._copied = { script: '', iframe: '' };
  }

  /** The chosen widget's entry in the table. */
  get spec(): WidgetSpec {
    return widgetNamed(this.widget);
  }

  /** The attributes the chosen widget gets, as written into both snippets. */
  get chosenAttributes(): Attribute[] {
    return attributesOf(this.spec, this.#current());
  }

  /** The script-tag snippet, exactly as Copy puts it on the clipboard. */
  get scriptSnippet(): string {
    return buildScript(this.origin, this.spec, this.chosenAttributes, this._portalToken);
  }

  /** The iframe snippet, exactly as Copy puts it on the clipboard. */
  get iframeSnippet(): string {
    return buildIframe(this.origin, this.spec, this.chosenAttributes, this._portalToken, this.#frameTitle());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#interrupted) {
      this.#interrupted = false;
      void this.#loadLists();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#abort) {
      this.#interrupted = true;
      this.#abort.abort();
      this.#abort = null;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('api') || changed.has('tokenUrl')) void this.#loadLists();
    this.#syncPreview();
  }

  /** The options of the chosen widget: its start values, then what the editor chose. */
  #current(): Values {
    const spec = this.spec;
    return { ...spec.initial, ...this._values[spec.name], ...this._values['common'] };
  }

  /** What a control shows: the chosen value, or the widget's default. */
  #shown(option: WidgetOption): string {
    return this.#current()[option.attribute] ?? option.default ?? '';
  }

  #set(option: WidgetOption, value: string, common: boolean): void {
    const key = common ? 'common' : this.spec.name;
    this._values = { ...this._values, [key]: { ...this._values[key], [option.attribute]: value } };
    this.#clearCopied();
  }

  #onTokenInput = (e: Event): void => {
    this._portalToken = (e.target as HTMLInputElement).value;
    this.#clearCopied();
  };

  #choose(name: string): void {
    this.widget = name;
    this.#clearCopied();
  }

  #clearCopied(): void {
    if (this._copied.script || this._copied.iframe) this._copied = { script: '', iframe: '' };
  }

  async #loadLists(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this._lists = 'loading';
    const { client } = sessionFor({ api: this.api, tokenUrl: this.tokenUrl });
    const [communities, tags] = await Promise.allSettled([
      listCommunities(client, { limit: 100 }, abort.signal),
      tagCloud(client, { days: 'all', limit: 100 }, abort.signal),
    ]);
    if (abort.signal.aborted) return;
    this.#abort = null;
    this._tags = tags.status === 'fulfilled' ? tags.value.items.map((t) => t.name).sort() : [];
    if (communities.status === 'fulfilled') {
      this._communities = communities.value.items
        .map(({ slug, name }) => ({ slug, name }))
        .sort((a, b) => a.name.localeCompare(b.name));
      this._lists = 'ready';
      return;
    }
    const error: unknown = communities.reason;
    if (isAbort(error)) return;
    this._communities = [];
    const failure = error instanceof HearthError ? error : HearthError.network();
    // errorText: "not in ALLOWED_ORIGINS" when the browser refused the answers (CORS), not "offline".
    this.#listsError = errorText('en', failure).replace(/\.$/, '');
    this._lists = failure.signedOut ? 'signed-out' : 'error';
  }

  /** Creates the real element for the chosen widget, or updates its attributes. */
  #syncPreview(): void {
    const spec = this.spec;
    if (this.#preview?.localName !== spec.tag) {
      this.#preview = document.createElement(spec.tag);
      if (!customElements.get(spec.tag)) void customElements.whenDefined(spec.tag).then(() => this.requestUpdate());
    }
    const wanted = new Map<string, string>(this.chosenAttributes.map(([name, value]) => [name, value === true ? '' : value]));
    if (this.api) wanted.set('api', this.api);
    if (this.tokenUrl) wanted.set('token-url', this.tokenUrl);
    const element = this.#preview;
    for (const name of element.getAttributeNames()) if (!wanted.has(name)) element.removeAttribute(name);
    for (const [name, value] of wanted) if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  #frameTitle(): string {
    const slug = this.#current()['community']?.trim();
    const community = slug ? (this._communities.find((c) => c.slug === slug)?.name ?? slug) : '';
    return `${this.spec.label}${community ? ` – ${community}` : ''}`;
  }

  async #copy(which: Snippet): Promise<void> {
    const text = which === 'script' ? this.scriptSnippet : this.iframeSnippet;
    // Emptied first, so copying twice in a row is announced twice.
    this._copied = { script: '', iframe: '' };
    await this.updateComplete;
    let said = COPIED;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no asynchronous clipboard');
      await navigator.clipboard.writeText(text);
    } catch {
      // Not allowed (an insecure origin, a denied permission): select the text for Ctrl+C.
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${which}-snippet`);
      area?.focus();
      area?.select();
      said = legacyCopy() ? COPIED : SELECTED;
    }
    this._copied = { ...this._copied, [which]: said };
  }

  protected override render(): TemplateResult {
    const spec = this.spec;
    const theme = this.#shown(COMMON_OPTIONS[0]!);
    const lines = (text: string) => text.split('\n').length;
    const script = this.scriptSnippet;
    const iframe = this.iframeSnippet;
    const token = this._portalToken.trim();
    return html`
      <div class="root auto layout" part="base">
        <form class="controls" part="controls" aria-label="Widget settings" @submit=${(e: Event) => e.preventDefault()}>
          <fieldset class="panel picker">
            <legend>Widget</legend>
            ${WIDGETS.map(
              (w) => html`<label class="pick">
                <input type="radio" name="widget" .value=${w.name} .checked=${w.name === spec.name} @change=${() => this.#choose(w.name)} />
                <span class="pick-text"><span class="pick-name">${w.label}</span><span class="pick-desc">${w.description}</span></span>
              </label>`,
            )}
          </fieldset>

          <fieldset class="panel">
            <legend>${spec.label} options</legend>
            ${this.#listsNote()}
            ${spec.options.map((o) => this.#control(o, false))}
          </fieldset>

          <fieldset class="panel">
            <legend>Look and language</legend>
            ${COMMON_OPTIONS.map((o) => this.#control(o, true))}
          </fieldset>

          <fieldset class="panel">
            <legend>Sign-in</legend>
            <div class="field">
              <label for="portal-token">Your portal’s token URL</label>
              <input
                id="portal-token"
                type="text"
                inputmode="url"
                autocomplete="off"
                spellcheck="false"
                placeholder=${TOKEN_PLACEHOLDER}
                aria-describedby="portal-token-hint"
                .value=${this._portalToken}
                @input=${this.#onTokenInput}
              />
              <p class="hint" id="portal-token-hint">
                Where your portal hands out a Hearth token for the person signed in (README, Identity).
                The script tag takes a path; the iframe needs a full address (https://…).
              </p>
            </div>
          </fieldset>
          <datalist id="tag-list">${this._tags.map((t) => html`<option value=${t}></option>`)}</datalist>
        </form>

        <div class="output">
          <section class="panel preview" aria-labelledby="preview-title">
            <h2 id="preview-title">Preview</h2>
            <p class="hint">The real widget as you set it up, signed in as you on this page.</p>
            ${this.#stage(spec, theme)}
          </section>

          <section class="panel snippets" aria-labelledby="snippets-title">
            <h2 id="snippets-title">Copy a snippet</h2>
            <div class="snippet">
              <h3 id="script-title">Script tag</h3>
              <p class="hint" id="script-hint">For pages that accept a script: a classic SharePoint page, Confluence, most portals.</p>
              <textarea
                id="script-snippet"
                part="snippet"
                readonly
                spellcheck="false"
                rows=${lines(script) + 1}
                aria-labelledby="script-title"
                aria-describedby="script-hint"
                .value=${script}
              ></textarea>
              <div class="copy-row">
                <button type="button" class="primary" @click=${() => this.#copy('script')}>Copy script tag</button>
                <span class="status" role="status">${this._copied.script}</span>
              </div>
              <p class="note">
                ${token ? nothing : html`No token URL: the page must name one in its own &lt;hearth-config token-url&gt;. `}Your
                portal’s origin must be in Hearth’s ALLOWED_ORIGINS. Under a strict Content-Security-Policy, allow
                ${this.origin} in script-src and connect-src.
              </p>
            </div>
            <div class="snippet">
              <h3 id="iframe-title">Iframe</h3>
              <p class="hint" id="iframe-hint">For hosts that only allow iframes, such as SharePoint’s Embed web part. The script line is optional: it fits the frame’s height to the widget.</p>
              <textarea
                id="iframe-snippet"
                part="snippet"
                readonly
                spellcheck="false"
                rows=${lines(iframe) + 2}
                aria-labelledby="iframe-title"
                aria-describedby="iframe-hint"
                .value=${iframe}
              ></textarea>
              <div class="copy-row">
                <button type="button" class="primary" @click=${() => this.#copy('iframe')}>Copy iframe</button>
                <span class="status" role="status">${this._copied.iframe}</span>
              </div>
              <p class="note">
                ${token && !isAbsoluteUrl(token)
                  ? html`No token URL in the frame: it runs on ${this.origin}, so it needs a full address (see Sign-in). `
                  : nothing}Your portal’s origin must be in Hearth’s ALLOWED_ORIGINS; for SharePoint, also add ${this.origin}
                to HTML Field Security.
              </p>
            </div>
          </section>
        </div>

        <section class="panel howto" part="howto" aria-labelledby="howto-title">
          <h2 id="howto-title">How to place it</h2>
          <div class="howto-grid">
            <div>
              <h3>Modern SharePoint page</h3>
              <ol>
                <li>Once per site: a site collection administrator adds ${this.origin} under Site settings › HTML Field Security.</li>
                <li>Edit the page, add an <strong>Embed</strong> web part and paste the <strong>iframe</strong> snippet.</li>
                <li>SharePoint leaves out the script line, so set the height in the web part if the widget needs more room.</li>
              </ol>
            </div>
            <div>
              <h3>Classic SharePoint page</h3>
              <ol>
                <li>Edit the page and add a <strong>Script Editor</strong> web part (or a Content Editor web part that links to an .html file holding the snippet).</li>
                <li>Paste the <strong>script tag</strong> snippet. Where custom script is turned off, paste the <strong>iframe</strong> snippet instead.</li>
              </ol>
            </div>
            <div>
              <h3>Any other portal</h3>
              <ol>
                <li>Where the page takes HTML with scripts (an HTML block, Confluence’s HTML macro), paste the <strong>script tag</strong> snippet.</li>
                <li>Where it only takes iframes, paste the <strong>iframe</strong> snippet, with the script line if scripts are allowed.</li>
                <li>Ask Hearth’s administrator to add the portal’s origin to ALLOWED_ORIGINS.</li>
              </ol>
            </div>
          </div>
        </section>
      </div>
    `;
  }

  /** The live widget, or why there is none yet. */
  #stage(spec: WidgetSpec, theme: string): TemplateResult {
    if (!customElements.get(spec.tag)) {
      return html`<p class="note" part="note">
        &lt;${spec.tag}&gt; is not available from this server yet, so there is nothing to preview; the snippets are ready.
      </p>`;
    }
    const missing = spec.options.find((o) => o.required && !(this.#current()[o.attribute] ?? '').trim());
    if (missing) {
      return html`<p class="stage-empty" part="note">Choose a ${missing.label.toLowerCase()} to see the ${spec.label.toLowerCase()}.</p>`;
    }
    return html`<div class="stage ${theme}" part="preview" tabindex="0" role="group" aria-label="Live preview">${this.#preview}</div>`;
  }

  #listsNote(): TemplateResult | typeof nothing {
    if (this._lists === 'signed-out') {
      return html`<p class="note" id="lists-note">You are not signed in here, so communities and tags cannot be listed: type them instead.</p>`;
    }
    if (this._lists === 'error') {
      return html`<p class="note" id="lists-note">Communities and tags could not be listed (${this.#listsError}): type them instead.</p>`;
    }
    return nothing;
  }

  #control(option: WidgetOption, common: boolean): TemplateResult {
    const id = `opt-${option.attribute}`;
    const value = this.#shown(option);
    const hint = option.hint ? html`<p class="hint" id="${id}-hint">${option.hint}</p>` : nothing;
    const problem = numberProblem(option, value);
    const described = [option.hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    const onInput = (e: Event) => this.#set(option, (e.target as HTMLInputElement | HTMLSelectElement).value, common);

    switch (option.kind) {
      case 'boolean':
        return html`<div class="field check">
          <input
            id=${id}
            type="checkbox"
            aria-describedby=${ifDefined(described)}
            .checked=${value === 'true'}
            @change=${(e: Event) => this.#set(option, String((e.target as HTMLInputElement).checked), common)}
          />
          <label for=${id}>${option.label}</label>
          ${hint}
        </div>`;
      case 'set': {
        const chosen = new Set(value.split(/\s+/).filter(Boolean));
        const toggle = (choice: string, on: boolean) => {
          if (on) chosen.add(choice);
          else chosen.delete(choice);
          this.#set(option, [...chosen].join(' '), common);
        };
        return html`<fieldset class="field set" aria-describedby=${ifDefined(described)}>
          <legend>${option.label}</legend>
          ${option.choices?.map(
            (c) => html`<label class="check"
              ><input type="checkbox" .checked=${chosen.has(c.value)} @change=${(e: Event) => toggle(c.value, (e.target as HTMLInputElement).checked)} />
              ${c.label}</label
            >`,
          )}
          ${hint}
        </fieldset>`;
      }
      case 'choice':
        return html`<div class="field">
          <label for=${id}>${option.label}</label>
          <select id=${id} aria-describedby=${ifDefined(described)} @change=${onInput}>
            ${option.choices?.map((c) => html`<option .value=${c.value} ?selected=${c.value === value}>${c.label}</option>`)}
          </select>
          ${hint}
        </div>`;
      case 'community':
        if (this._lists === 'ready' || this._lists === 'loading') {
          const known = this._communities.some((c) => c.slug === value);
          return html`<div class="field">
            <label for=${id}>${option.label}</label>
            <select
              id=${id}
              ?required=${option.required}
              aria-describedby=${ifDefined(described)}
              aria-busy=${this._lists === 'loading' ? 'true' : 'false'}
              @change=${onInput}
            >
              <option value="" ?selected=${value === ''}>${this._lists === 'loading' ? 'Loading communities…' : option.emptyLabel}</option>
              ${this._communities.map((c) => html`<option .value=${c.slug} ?selected=${c.slug === value}>${c.name}</option>`)}
              ${value && !known ? html`<option .value=${value} selected>${value}</option>` : nothing}
            </select>
            ${hint}
          </div>`;
        }
        return this.#text(option, id, value, described, hint, onInput, { hint: 'Its short name, as in its address.' });
      case 'number':
        return html`<div class="field">
          <label for=${id}>${option.label}</label>
          <input
            id=${id}
            class="number"
            type="number"
            inputmode="numeric"
            min=${ifDefined(option.min)}
            max=${ifDefined(option.max)}
            step="1"
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${ifDefined(described)}
            .value=${value}
            @input=${onInput}
          />
          ${hint}
          ${problem ? html`<p class="error" id="${id}-error">${problem} Until then the widget’s default (${option.default}) is used.</p>` : nothing}
        </div>`;
      default:
        return this.#text(option, id, value, described, hint, onInput);
    }
  }

  #text(
    option: WidgetOption,
    id: string,
    value: string,
    described: string | undefined,
    hint: TemplateResult | typeof nothing,
    onInput: (e: Event) => void,
    extra: { hint?: string } = {},
  ): TemplateResult {
    const tags = option.kind === 'tag' || option.kind === 'tags';
    const extraId = extra.hint ? `${id}-extra` : '';
    const describedBy = [described ?? '', extraId].filter(Boolean).join(' ') || undefined;
    return html`<div class="field">
      <label for=${id}>${option.label}</label>
      <input
        id=${id}
        type="text"
        autocomplete="off"
        spellcheck="false"
        list=${ifDefined(tags ? 'tag-list' : undefined)}
        placeholder=${ifDefined(option.placeholder)}
        aria-describedby=${ifDefined(describedBy)}
        .value=${value}
        @input=${onInput}
      />
      ${extra.hint ? html`<p class="hint" id=${extraId}>${extra.hint}</p>` : nothing}
      ${hint}
    </div>`;
  }
}

/**
 * The old synchronous copy of the selection, for browsers or pages where the Clipboard API is
 * refused. Deprecated but still the only way there; false when it did not copy.
 */
function legacyCopy(): boolean {
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
