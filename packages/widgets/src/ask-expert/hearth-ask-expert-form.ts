import { html, nothing, type PropertyValues } from 'lit';
import type { PersonSummary, QuestionDetail, SimilarQuestions } from '@hearth/contracts';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft } from '../runtime/drafts.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';
import { Loader } from '../runtime/loader.ts';
import { errorText } from '../runtime/strings.ts';
import { askQuestion, similarQuestions } from './api.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { HearthQuestionAskedEvent } from './events.ts';
import { QuestionOpener, questionLink } from './question-opener.ts';
import { type Message, say, t } from './strings.ts';
import { TagField } from '../runtime/tag-field.ts';
import { MAX_TAGS } from './topics.ts';

type SimilarModule = typeof import('./similar.ts');

type Field = 'title' | 'body' | 'tags' | 'form';
type Errors = Partial<Record<Field, Message>>;

const TITLE_MIN = 10;
// The title and the start of the body are plenty to match on, and keep the URL short.
const SIMILAR_BODY_CHARS = 500;

/**
 * The problem's per-field messages (`body.title`, `body.tags.0`, ...) by the field they belong
 * to. They are the server's own words (in English), shown as they come.
 */
function fieldErrors(error: unknown): Errors {
  const failure = error instanceof HearthError ? error : HearthError.network();
  const errors: Errors = {};
  for (const { path, message } of failure.problem?.errors ?? []) {
    const field = (/^body\.(title|body|tags)\b/.exec(path)?.[1] ?? 'form') as Field;
    const text = message.charAt(0).toUpperCase() + message.slice(1);
    errors[field] ??= () => text;
  }
  return errors;
}

/**
 * What the form asks the widget to say in its status line (`text`; empty: nothing), the line
 * every view shares. Internal: it does not bubble out of the form.
 */
export class AnnounceEvent extends Event {
  static readonly type = 'hearth-ask-announce';
  readonly text: string;
  constructor(text: string) {
    super(AnnounceEvent.type);
    this.text = text;
  }
}

/**
 * The `ask` view of `<hearth-ask-expert>`: the question form, with the similar questions found
 * while the title is typed and the people who know about its tags. The draft (with the key of
 * the last attempt) stays in the browser until the server has the question; the question asked
 * is then shown in the form's place.
 *
 * @summary The question form of `<hearth-ask-expert>`.
 * @tagname hearth-ask-expert-form
 * @csspart form - The question form.
 * @csspart similar - The similar questions next to the form.
 * @fires hearth-question-asked - A question asked here was stored. `event.question`.
 */
export class HearthAskExpertForm extends HearthPart {
  static override usesMe = true;
  static override properties = {
    topics: fromWidget,
    community: fromWidget,
    debounce: fromWidget,
    _title: { state: true },
    _body: { state: true },
    _chips: { state: true },
    _errors: { state: true },
    _busy: { state: true },
    _posted: { state: true },
    _expanded: { state: true },
    _suggested: { state: true },
  };

  /** The widget's tags: the question's first chips. */
  declare topics: string[];
  /** The community (its slug) the question is asked in; empty: the whole intranet. */
  declare community: string | null;
  /** Milliseconds to wait after a keystroke in the title before looking for similar questions. */
  declare debounce: number;
  declare _title: string;
  declare _body: string;
  declare _chips: string[];
  declare _errors: Errors;
  declare _busy: boolean;
  declare _posted: QuestionDetail | null;
  declare _expanded: number | null;
  /** The person "Ask <name>" on a person card suggested: first among the people who know. */
  declare _suggested: PersonSummary | null;

  #similar = new Loader<SimilarQuestions>(this);
  #opener = new QuestionOpener(this);
  #tags = new TagField(this, {
    chips: () => this._chips,
    setChips: (chips) => this.#setChips(chips),
    refuse: (why) => (this._errors = { ...this._errors, tags: why && say(why === 'bad' ? 'badTag' : 'tooManyTags') }),
    client: () => this.#client,
    text: (locale, what, tag) => (what === 'label' ? t(locale, 'tags') : what === 'hint' ? t(locale, 'tagsHint') : t(locale, 'removeTag', { tag: tag! })),
    ids: { input: 'tags', describe: 'tags', combo: 'tag' },
    max: MAX_TAGS,
  });
  /** The key of the last attempt to ask exactly what is typed; a retry reuses it. */
  #key: string | null = null;
  #similarTimer: ReturnType<typeof setTimeout> | undefined;
  /** A lookup of similar questions was waiting when the element left the page. */
  #similarPending = false;
  /** How similar questions are shown, loaded with its own chunk when the first title is typed. */
  #similarView: SimilarModule | null = null;

  constructor() {
    super();
    this.topics = [];
    this.community = null;
    this.debounce = 250;
    this._title = '';
    this._body = '';
    this._chips = [];
    this._errors = {};
    this._busy = false;
    this._posted = null;
    this._expanded = null;
    this._suggested = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Removed while a typed title waited for its similar questions (a move in a single-page
    // portal): the lookup was cancelled on the way out, so it starts again.
    if (this.#similarPending) {
      this.#similarPending = false;
      this.#querySimilar(0);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#similarTimer !== undefined) this.#similarPending = true;
    clearTimeout(this.#similarTimer);
    this.#similarTimer = undefined;
    this.#tags.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.scopeChanged(changed, ['topics', 'community'])) return;
    this.#opener.id = null;
    this._posted = null;
    this.#similar.clear();
    this.#restoreDraft();
  }

  override reload(): Promise<void> {
    return this.#similar.reload();
  }

  get #client() {
    return this.session!.client;
  }

  #announce(text: string): void {
    this.emit(new AnnounceEvent(text));
  }

  // ---- The draft

  get #draftScope(): string {
    return `ask:${this.session?.config.apiBase ?? ''}:${this.community ?? ''}`;
  }

  #restoreDraft(): void {
    const draft = loadDraft(this.#draftScope);
    let saved: { title?: string; body?: string; tags?: string[] } = {};
    try {
      saved = draft ? (JSON.parse(draft.body) as typeof saved) : {};
    } catch {
      // A draft from another version of the widget: start afresh rather than fail.
    }
    this._title = saved.title ?? '';
    this._body = saved.body ?? '';
    this._chips = saved.tags ?? this.topics;
    this.#key = draft?.key ?? null;
    this._errors = {};
    this.#querySimilar(0);
  }

  /** The three fields are the draft's text (as JSON), so the runtime's drafts keep them. */
  #saveDraft(key: string | null = null): void {
    const { _title: title, _body: body, _chips: tags } = this;
    this.#key = key;
    if (title || body || tags.join() !== this.topics.join()) {
      saveDraft(this.#draftScope, { body: JSON.stringify({ title, body, tags }), key });
    } else {
      clearDraft(this.#draftScope);
    }
  }

  #onTitle(event: Event): void {
    this._title = (event.target as HTMLInputElement).value;
    this.#edited('title');
    this.#querySimilar(this.debounce);
  }

  #onBody(event: Event): void {
    this._body = (event.target as HTMLTextAreaElement).value;
    this.#edited('body');
  }

  #edited(field: Field): void {
    // New text is a new question: its first attempt gets a new key.
    this.#saveDraft();
    if (this._errors[field]) this._errors = { ...this._errors, [field]: undefined };
  }

  /**
   * Looks for similar questions once typing pauses. A keystroke also aborts the request in
   * flight: its answer would be for words no longer there.
   */
  #querySimilar(wait: number): void {
    clearTimeout(this.#similarTimer);
    this.#similar.cancel();
    const title = this._title.trim();
    if (title.length < 3) return this.#similar.clear();
    if (!this.#similarView) {
      import('./similar.ts').then(
        (view) => {
          this.#similarView = view;
          this.requestUpdate();
        },
        // Offline or a new deployment: no suggestions shown this time; the next keystroke tries again.
        () => undefined,
      );
    }
    const { _body: body, _chips: tags } = this;
    const community = this.community || undefined;
    this.#similarTimer = setTimeout(() => {
      this.#similarTimer = undefined;
      void this.#similar.run(
        (signal) => similarQuestions(this.#client, { title, body: body.slice(0, SIMILAR_BODY_CHARS) || undefined, tags, community }, signal),
        true,
      );
    }, wait);
  }

  /** New chips: the people who know about them follow (they are the experts' tags). */
  #setChips(chips: string[]): void {
    this._chips = chips;
    this.#saveDraft();
    this.#querySimilar(0);
  }

  /**
   * "Ask <name>" on a person card: the person first among the people who know, their strongest
   * skills added to the chips; what is typed stays. Focus goes to the title.
   */
  async suggest(person: PersonSummary, tags: string[]): Promise<void> {
    this._posted = null;
    this.#opener.id = null;
    this._suggested = person;
    const chips = [...this._chips, ...tags.filter((tag) => !this._chips.includes(tag))].slice(0, Math.max(MAX_TAGS, this._chips.length));
    if (chips.length !== this._chips.length) this.#setChips(chips);
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('#title')?.focus();
  }

  // ---- Asking

  async #ask(event: Event): Promise<void> {
    event.preventDefault();
    if (this._busy || !this.session) return;
    this.#tags.flush();
    const title = this._title.trim();
    if (title.length < TITLE_MIN) return this.#fail({ title: say('titleShort') });
    const key = this.#key ?? newIdempotencyKey();
    // Stored with its key before sending: a retry, even after a reload, cannot ask twice.
    this.#saveDraft(key);
    this._busy = true;
    this._errors = {};
    // Meanwhile the element that shows the asked question arrives.
    void this.#opener.load();
    const community = this.community || undefined;
    try {
      const question = await askQuestion(
        this.#client,
        { title, body: this._body, tags: this._chips, ...(community ? { community } : {}) },
        key,
      );
      clearDraft(this.#draftScope);
      this.#key = null;
      this._title = this._body = '';
      // The person suggested was for this question: the next one starts without them.
      this._suggested = null;
      this.#similar.clear();
      this._posted = question;
      this.#announce(t(this.locale, 'posted'));
      this.emit(new HearthQuestionAskedEvent(question));
      await this.#opener.focus();
    } catch (error) {
      if (isAbort(error)) return;
      const errors = fieldErrors(error);
      errors.form = Object.keys(errors).length
        ? (errors.form ?? say('notPosted'))
        : (lang) => t(lang, 'notPostedBecause', { reason: errorText(lang, error) });
      await this.#fail(errors);
    } finally {
      this._busy = false;
    }
  }

  async #fail(errors: Errors): Promise<void> {
    this._errors = errors;
    await this.updateComplete;
    // To the first field that needs a change, where its message is read out with it.
    this.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  async #askAnother(): Promise<void> {
    this._posted = null;
    this.#announce('');
    this._chips = this.topics;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('#title')?.focus();
  }

  // ---- Rendering

  protected override render() {
    const locale = this.locale;
    const posted = this._posted;
    const question =
      this.#opener.id !== null
        ? this.#opener.renderOpened(locale, t(locale, 'backToAsk'))
        : posted &&
          html`${this.#opener.render(locale, posted.id, posted)}
            <p><button type="button" @click=${this.#askAnother}>${t(locale, 'askAnother')}</button></p>`;
    // While a question is shown in its place the form stays, hidden: on the way back it is as it
    // was, the people who know about its chips included, without asking the server again.
    return html`${question || nothing}${this.#renderForm(!!question)}`;
  }

  #renderForm(hidden: boolean) {
    const locale = this.locale;
    const e = this._errors;
    const invalid = (field: Field) => (e[field] ? 'true' : 'false');
    // Ask looks not ready (as the feed's Post does) until the title is long enough; a press still
    // goes through #ask, which says what is missing and moves focus there.
    const ready = !this._busy && this._title.trim().length >= TITLE_MIN;
    return html`<div class="ask" ?hidden=${hidden}>
      <form class="form box" part="form" novalidate @submit=${this.#ask}>
        <label for="title">${t(locale, 'title')}</label>
        <input id="title" autocomplete="off" aria-describedby="title-hint title-error" aria-invalid=${invalid('title')} .value=${this._title} @input=${this.#onTitle} />
        <p class="hint" id="title-hint">${t(locale, 'titleHint')}</p>
        <p class="error" id="title-error">${e.title?.(locale) ?? ''}</p>

        <label for="body">${t(locale, 'details')}</label>
        <textarea id="body" rows="4" aria-describedby="body-error" aria-invalid=${invalid('body')} .value=${this._body} @input=${this.#onBody}></textarea>
        <p class="error" id="body-error">${e.body?.(locale) ?? ''}</p>

        ${this.#tags.render(locale, e.tags?.(locale))}

        <div class="bar">
          <button class="primary" aria-disabled=${ready ? 'false' : 'true'}>${t(locale, this._busy ? 'asking' : 'ask')}</button>
        </div>
        <div role="alert">${e.form ? html`<p class="message">${e.form(locale)}</p>` : nothing}</div>
      </form>
      <div class="aside">
        ${this.#similarView?.renderSimilar({
          root: this.getRootNode(),
          locale,
          similar: this.#similar,
          expanded: this._expanded,
          toggle: (id) => (this._expanded = this._expanded === id ? null : id),
          questionLink: (q) => questionLink(locale, q, (id) => this.#opener.open(id)),
        })}
        <hearth-ask-expert-experts .tags=${this._chips} .community=${this.community} .brief=${true} .suggested=${this._suggested}></hearth-ask-expert-experts>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-ask-expert-form': HearthAskExpertForm;
  }
}
