import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Expert, ExpertList, Question, QuestionDetail, QuestionPage, SimilarQuestions } from '@hearth/contracts';
import { normalizeTag } from '@hearth/contracts/text';
import { type Theme, resolveTheme } from '../runtime/config.ts';
import { dots } from '../runtime/dots.ts';
import { LangController } from '../runtime/lang.ts';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft } from '../runtime/drafts.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { type HearthSession, type MeState, $me, sessionFor } from '../runtime/session.ts';
import { StoreController } from '../runtime/store-controller.ts';
import { baseStyles } from '../runtime/styles.ts';
import { askQuestion, findExperts, listQuestions, similarQuestions } from './api.ts';
import { HearthQuestionAskedEvent, HearthQuestionUpdatedEvent } from './events.ts';
import type { HearthAskExpertQuestion } from './hearth-ask-expert-question.ts';
import { askExpertStyles } from './hearth-ask-expert.styles.ts';
import { Loader } from '../runtime/loader.ts';
import { avatar, badge, role, skeletons, when } from './parts.ts';
import { stateBox } from '../runtime/state.ts';
import { askPack, plural, t } from './strings.ts';
import type { TagOptions } from './tag-options.ts';

type SimilarModule = typeof import('./similar.ts');

type View = 'ask' | 'questions' | 'experts';
type Field = 'title' | 'body' | 'tags' | 'form';
/** A message for a person reading `lang`: made when shown, so a change of language re-says it. */
type Message = (lang: string) => string;
type Errors = Partial<Record<Field, Message>>;

const SCOPE_PROPERTIES = ['tags', 'community', 'view', 'api', 'tokenUrl'] as const;
/** The API takes at most 5 tags for experts and similar questions. */
const MAX_TAGS = 5;
const TITLE_MIN = 10;
const PAGE = 20;
// The title and the start of the body are plenty to match on, and keep the URL short.
const SIMILAR_BODY_CHARS = 500;
/** An expert's reasons in the order they are told, strongest first. */
const REASONS = ['acceptedAnswers', 'answers', 'upvotes', 'posts', 'declared', 'endorsements'] as const;

/**
 * The opened question (answers, votes, accepting, answering) comes with its own chunk, loaded the
 * first time one is shown: the form and the list render without it, and a page that only asks
 * or reads the list never downloads it.
 */
let questionElement: Promise<void> | null = null;
function loadQuestionElement(): Promise<void> {
  return (questionElement ??= import('./hearth-ask-expert-question.ts').then(
    ({ HearthAskExpertQuestion }) => {
      if (!customElements.get('hearth-ask-expert-question')) customElements.define('hearth-ask-expert-question', HearthAskExpertQuestion);
    },
    (error: unknown) => {
      // Offline, or a new deployment replaced the chunk: the next attempt imports it again.
      questionElement = null;
      throw error;
    },
  ));
}

/** Tags from an attribute: `kubernetes, helm` or `#kubernetes #helm`, normalized as the server does. */
function parseTags(value: string | null): string[] {
  const tags = (value ?? '').split(/[\s,]+/).map((raw) => normalizeTag(raw));
  return [...new Set(tags.filter((tag): tag is string => tag !== null))].slice(0, MAX_TAGS);
}

/** One of the widget's own messages, in the language it is shown in. */
const say = (key: Parameters<typeof t>[1]): Message => (lang) => t(lang, key);

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
 * Ask the people who know. In the `ask` view a person writes a question; while they type the
 * title, similar questions (answered ones first, with their accepted answer) are suggested so a
 * duplicate is not needed, and the people who know about the chosen tags are shown with the
 * reason. Asking routes the question to them; the draft stays in the browser until the server
 * has it. The `questions` view lists recent (or unanswered) questions; opening one shows its
 * answers with votes, Accept and a box to answer. The `experts` view answers "who knows about
 * these tags?".
 *
 * Configuration comes from the element's attributes, then `<hearth-config>`, then the URL of
 * the script that loaded the widgets; no inline script is needed.
 *
 * @summary Ask a question, see similar answered ones and the people who know; answer and accept.
 * @tagname hearth-ask-expert
 *
 * @attr lang - The language of the texts, times and numbers; defaults to the page's.
 *
 * @csspart base - The wrapper around everything.
 * @csspart form - The question form.
 * @csspart similar - The similar questions next to the form.
 * @csspart experts - The list of people who know.
 * @csspart list - The list of questions.
 * @csspart filter - The All / Unanswered toggle.
 * @csspart question - An opened question.
 * @csspart answer - Each answer of an opened question.
 * @csspart badge - An Open / Answered status.
 * @csspart avatar - A person's initials.
 * @csspart link - A link in a question or answer.
 * @csspart tag - A #tag in a question or answer.
 * @csspart mention - An @mention in a question or answer.
 * @csspart state - The loading, empty, error and signed-out messages.
 *
 * @cssproperty [--hearth-font-size=15px] - The size everything else is measured from.
 * @cssproperty [--hearth-font=system-ui] - The font family.
 * @cssproperty [--hearth-accent=#0b62c4] - Buttons, links, chips and focus rings.
 * @cssproperty [--hearth-surface=#fff] - The background of the boxes.
 * @cssproperty [--hearth-text=#1d232b] - The text colour.
 * @cssproperty [--hearth-muted=#5b6572] - Secondary text: times, counts, hints.
 * @cssproperty [--hearth-border=#d8dde3] - Borders and separators.
 * @cssproperty [--hearth-radius=0.5em] - Corner radius of boxes, fields and buttons.
 * @cssproperty [--hearth-density=1] - Spacing: a factor on every padding, margin and gap (0.75 compact, 1.25 roomy).
 *
 * @fires hearth-question-asked - A question asked here was stored. `event.question`.
 * @fires hearth-question-updated - A question got an answer here, or an answer was accepted. `event.question`.
 */
export class HearthAskExpert extends LitElement {
  static override styles = [baseStyles, askExpertStyles];

  static override properties = {
    tags: { type: String },
    community: { type: String },
    view: { type: String },
    debounce: { type: Number },
    api: { type: String },
    tokenUrl: { type: String, attribute: 'token-url' },
    theme: { type: String },
    _title: { state: true },
    _body: { state: true },
    _chips: { state: true },
    _tagText: { state: true },
    _errors: { state: true },
    _busy: { state: true },
    _posted: { state: true },
    _openId: { state: true },
    _unanswered: { state: true },
    _expanded: { state: true },
    _ready: { state: true },
    _announce: { state: true },
  };

  /** Topics, comma- or space-separated (`kubernetes, helm`): the question's first chips, the experts asked about, and the list's tag (the first one). */
  declare tags: string | null;
  /** The community (its slug) questions are asked in and listed from; empty: the whole intranet. */
  declare community: string | null;
  /** `ask` (the question box), `questions` (recent and unanswered) or `experts` (who knows). */
  declare view: View;
  /** Milliseconds to wait after a keystroke in the title before looking for similar questions. */
  declare debounce: number;
  /** The Hearth server's base URL; defaults to where the script came from. */
  declare api: string | null;
  /** Where the host page hands out tokens for the signed-in person. */
  declare tokenUrl: string | null;
  /** Colour scheme: `auto` (follows the system), `light` or `dark`. */
  declare theme: 'auto' | 'light' | 'dark' | null;
  declare _title: string;
  declare _body: string;
  declare _chips: string[];
  declare _tagText: string;
  declare _errors: Errors;
  declare _busy: boolean;
  declare _posted: QuestionDetail | null;
  declare _openId: number | null;
  declare _unanswered: boolean;
  declare _expanded: number | null;
  /** Whether the opened question's element is loaded: true, 'failed' or false. */
  declare _ready: boolean | 'failed';
  declare _announce: string;

  #me = new StoreController<MeState>(this, $me);
  #similar = new Loader<SimilarQuestions>(this);
  #experts = new Loader<ExpertList>(this);
  #list = new Loader<QuestionPage>(this);
  /** The tag suggestions, loaded with their own chunk the first time someone types a tag. */
  #tagOptions: TagOptions | null = null;
  #tagOptionsLoading = false;
  #session: HearthSession | null = null;
  #langs = new LangController(this, askPack);
  get #locale(): string {
    return this.#langs.value;
  }
  #theme: Theme = 'auto';
  #stale = true;
  #topics: string[] = [];
  /** The key of the last attempt to ask exactly what is typed; a retry reuses it. */
  #key: string | null = null;
  #similarTimer: ReturnType<typeof setTimeout> | undefined;
  /** A lookup of similar questions was waiting when the element left the page. */
  #similarPending = false;
  /** How similar questions are shown, loaded with its own chunk when the first title is typed. */
  #similarView: SimilarModule | null = null;

  constructor() {
    super();
    this.tags = null;
    this.community = null;
    this.view = 'ask';
    this.debounce = 250;
    this.api = null;
    this.tokenUrl = null;
    this.theme = null;
    this._title = '';
    this._body = '';
    this._chips = [];
    this._tagText = '';
    this._errors = {};
    this._busy = false;
    this._posted = null;
    this._openId = null;
    this._unanswered = false;
    this._expanded = null;
    this._ready = false;
    this._announce = '';
    // An answer or an accept in an opened question: the list shows the new state when we return.
    this.addEventListener(HearthQuestionUpdatedEvent.type, (event) => {
      const page = this.#list.value;
      const { answers: _, ...question } = event.question as QuestionDetail;
      if (page) this.#list.set({ ...page, items: page.items.map((q) => (q.id === question.id ? question : q)) });
    });
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
    this.#tagOptions?.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#stale || changed.has('theme')) this.#theme = resolveTheme(this.theme);
    if (!this.#stale && !SCOPE_PROPERTIES.some((name) => changed.has(name))) return;
    this.#stale = false;
    const session = (this.#session = sessionFor({ api: this.api, tokenUrl: this.tokenUrl }));
    this.#me.store = session.$me;
    void session.loadMe();
    this.#topics = parseTags(this.tags);
    this._openId = null;
    this._posted = null;
    for (const loader of [this.#list, this.#similar, this.#experts]) loader.clear();
    if (this.#view === 'questions') void this.#loadList();
    else if (this.#view === 'experts') this.#loadExperts(this.#topics, 10);
    else this.#restoreDraft();
  }

  get #view(): View {
    return this.view === 'questions' || this.view === 'experts' ? this.view : 'ask';
  }

  get #client() {
    return this.#session!.client;
  }

  get #meId(): number | null {
    const me = this.#me.value;
    return me.status === 'signed-in' ? me.me.id : null;
  }

  /** Loads everything on show again (and who is signed in), as the Retry buttons do. */
  reload(): void {
    const session = this.#session;
    if (!session) return;
    if (session.$me.get().status !== 'signed-in') void session.loadMe(true);
    for (const loader of [this.#list, this.#similar, this.#experts]) void loader.reload();
    for (const q of this.renderRoot.querySelectorAll<HearthAskExpertQuestion>('hearth-ask-expert-question')) void q.reload();
  }

  #emit(event: Event): void {
    this.dispatchEvent(event);
  }

  // ---- Asking

  get #draftScope(): string {
    return `ask:${this.#session?.config.apiBase ?? ''}:${this.community ?? ''}`;
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
    this._chips = saved.tags ?? this.#topics;
    this.#key = draft?.key ?? null;
    this._errors = {};
    this.#loadExperts(this._chips, 5);
    this.#querySimilar(0);
  }

  /** The three fields are the draft's text (as JSON), so the runtime's drafts keep them. */
  #saveDraft(key: string | null = null): void {
    const { _title: title, _body: body, _chips: tags } = this;
    this.#key = key;
    if (title || body || tags.join() !== this.#topics.join()) {
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

  #loadExperts(tags: string[], limit: number): void {
    if (!tags.length) return this.#experts.clear();
    const me = this.#me.value;
    const exclude = this.#view === 'ask' && me.status === 'signed-in' ? me.me.handle : undefined;
    const community = this.community || undefined;
    void this.#experts.run((signal) => findExperts(this.#client, { tags, community, exclude, limit }, signal), true);
  }

  // ---- Tag chips: a combobox with suggestions from /tags/suggest

  #onTagInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    // A comma or space ends a tag, also in pasted text: "helm, kubernetes" becomes two chips.
    const parts = value.split(/[\s,]+/);
    const rest = parts.pop() ?? '';
    for (const part of parts) if (part) this.#addTag(part);
    this._tagText = rest;
    if (this.#tagOptions) return this.#tagOptions.query(normalizeTag(rest), this._chips);
    if (this.#tagOptionsLoading) return;
    this.#tagOptionsLoading = true;
    import('./tag-options.ts').then(
      ({ TagOptions }) => {
        this.#tagOptions = new TagOptions(this.renderRoot, () => this.#client, () => this.requestUpdate());
        this.#tagOptions.query(normalizeTag(this._tagText), this._chips);
      },
      // Offline or a new deployment: no suggestions this time; the next keystroke tries again.
      () => (this.#tagOptionsLoading = false),
    );
  }

  #onTagKeydown(event: KeyboardEvent): void {
    const used = this.#tagOptions?.keydown(event);
    if (typeof used === 'string') this.#addTag(used);
    else if (used) return;
    else if (event.key === 'Enter' && this._tagText) this.#addTag(this._tagText);
    else if (event.key === 'Backspace' && !this._tagText && this._chips.length) void this.#removeTag(this._chips.at(-1)!);
    // Enter with nothing typed asks the question, as in any form.
    else return;
    event.preventDefault();
  }

  #onTagBlur(): void {
    // What was typed but not yet added is added, so it is not lost when the person moves on.
    if (this._tagText) this.#addTag(this._tagText);
    this.#tagOptions?.close();
  }

  #addTag(raw: string): void {
    const tag = normalizeTag(raw);
    let error: Message | undefined;
    if (!tag) error = say('badTag');
    else if (!this._chips.includes(tag)) {
      if (this._chips.length >= MAX_TAGS) error = say('tooManyTags');
      else this.#setChips([...this._chips, tag]);
    }
    this._errors = { ...this._errors, tags: error };
    if (error) return;
    this._tagText = '';
    this.#tagOptions?.close();
  }

  async #removeTag(tag: string): Promise<void> {
    this.#setChips(this._chips.filter((chip) => chip !== tag));
    await this.updateComplete;
    // The chip's button is gone with it: carry on in the tag box.
    this.renderRoot.querySelector<HTMLInputElement>('#tags')?.focus();
  }

  #setChips(chips: string[]): void {
    this._chips = chips;
    this.#saveDraft();
    this.#loadExperts(chips, 5);
    this.#querySimilar(0);
  }

  async #ask(event: Event): Promise<void> {
    event.preventDefault();
    if (this._busy || !this.#session) return;
    if (this._tagText) this.#addTag(this._tagText);
    const title = this._title.trim();
    if (title.length < TITLE_MIN) return this.#fail({ title: say('titleShort') });
    const key = this.#key ?? newIdempotencyKey();
    // Stored with its key before sending: a retry, even after a reload, cannot ask twice.
    this.#saveDraft(key);
    this._busy = true;
    this._errors = {};
    // Meanwhile the element that shows the asked question arrives.
    void this.#loadQuestion();
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
      this.#similar.clear();
      this._posted = question;
      this._announce = t(this.#locale, 'posted');
      this.#emit(new HearthQuestionAskedEvent(question));
      await this.#focusQuestion();
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
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  async #askAnother(): Promise<void> {
    this._posted = null;
    this._announce = '';
    this._chips = this.#topics;
    this.#loadExperts(this._chips, 5);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#title')?.focus();
  }

  // ---- Questions

  async #loadList(): Promise<void> {
    const query = { tag: this.#topics[0], community: this.community || undefined, limit: PAGE };
    const unanswered = this._unanswered ? ('true' as const) : undefined;
    await this.#list.run((signal) => listQuestions(this.#client, { ...query, unanswered }, signal));
  }

  #filter(unanswered: boolean): void {
    if (unanswered === this._unanswered) return;
    this._unanswered = unanswered;
    void this.#loadList();
  }

  async #open(id: number): Promise<void> {
    this._openId = id;
    await this.#focusQuestion();
  }

  async #close(): Promise<void> {
    const id = this._openId;
    this._openId = null;
    await this.updateComplete;
    // Back where the person left: on the question they had opened.
    this.renderRoot.querySelector<HTMLElement>(`[data-question="${id}"]`)?.focus();
  }

  async #loadQuestion(): Promise<void> {
    if (this._ready === true) return;
    this._ready = false;
    try {
      await loadQuestionElement();
      this._ready = true;
    } catch {
      this._ready = 'failed';
    }
  }

  async #focusQuestion(): Promise<void> {
    await this.#loadQuestion();
    await this.updateComplete;
    this.renderRoot.querySelector<HearthAskExpertQuestion>('hearth-ask-expert-question')?.focus();
  }

  // ---- Rendering

  protected override render() {
    const me = this.#me.value;
    const signedOut = me.status === 'signed-out' || [this.#list, this.#similar, this.#experts].some((l) => l.status === 'signed-out');
    const locale = this.#locale;
    const view = this.#view;
    // Until the words of the page's language arrive, skeletons rather than a flash of English.
    if (this.#langs.loading) {
      return html`<div class="root ${this.#theme}" part="base"><div aria-busy="true">${skeletons(3)}</div></div>`;
    }
    return html`<div class="root ${this.#theme}" part="base">
      <div class="vh" role="status">${this._announce}</div>
      ${signedOut
        ? stateBox(t(locale, 'signedOut'), '', [errorStrings.t(locale, 'tryAgain'), () => this.reload()])
        : this._openId !== null
          ? html`<button type="button" class="quiet back" @click=${this.#close}>
                ${
                  // Arrows are not mirrored by the bidi algorithm: "back" points to the right in RTL.
                  this.matches(':dir(rtl)') ? '→' : '←'
                } ${t(locale, view === 'ask' ? 'backToAsk' : 'back')}
              </button>
              ${this.#renderQuestion(this._openId, null)}`
          : view === 'questions'
            ? this.#renderList()
            : view === 'experts'
              ? this.#renderExperts(this.#topics, false)
              : this.#renderAsk()}
    </div>`;
  }

  #renderQuestion(id: number, question: QuestionDetail | null) {
    if (this._ready !== true) {
      return this._ready === 'failed'
        ? stateBox(t(this.#locale, 'questionFailed'), '', [errorStrings.t(this.#locale, 'retry'), () => void this.#loadQuestion()])
        : skeletons(2);
    }
    return html`<hearth-ask-expert-question
      .questionId=${id}
      .question=${question}
      .session=${this.#session}
      .locale=${this.#locale}
      .meId=${this.#meId}
    ></hearth-ask-expert-question>`;
  }

  #renderAsk() {
    const locale = this.#locale;
    if (this._posted) {
      return html`${this.#renderQuestion(this._posted.id, this._posted)}
        <p><button type="button" @click=${this.#askAnother}>${t(locale, 'askAnother')}</button></p>`;
    }
    const e = this._errors;
    const invalid = (field: Field) => (e[field] ? 'true' : 'false');
    const options = this.#tagOptions;
    // Ask looks not ready (as the feed's Post does) until the title is long enough; a press still
    // goes through #ask, which says what is missing and moves focus there.
    const ready = !this._busy && this._title.trim().length >= TITLE_MIN;
    return html`<div class="ask">
      <form class="form box" part="form" novalidate @submit=${this.#ask}>
        <label for="title">${t(locale, 'title')}</label>
        <input
          id="title"
          autocomplete="off"
          .value=${this._title}
          aria-invalid=${invalid('title')}
          aria-describedby="title-hint title-error"
          @input=${this.#onTitle}
        />
        <p class="hint" id="title-hint">${t(locale, 'titleHint')}</p>
        <p class="error" id="title-error">${e.title?.(locale) ?? ''}</p>

        <label for="body">${t(locale, 'details')}</label>
        <textarea
          id="body"
          rows="4"
          .value=${this._body}
          aria-invalid=${invalid('body')}
          aria-describedby="body-error"
          @input=${this.#onBody}
        ></textarea>
        <p class="error" id="body-error">${e.body?.(locale) ?? ''}</p>

        <label for="tags">${t(locale, 'tags')}</label>
        <div class="tag-field">
          <ul class="chips" aria-label=${t(locale, 'tags')}>
            ${this._chips.map(
              (tag) => html`<li class="chip">
                #${tag}<button type="button" class="remove" aria-label=${t(locale, 'removeTag', { tag })} @click=${() => this.#removeTag(tag)}>
                  ×
                </button>
              </li>`,
            )}
          </ul>
          <input
            id="tags"
            role="combobox"
            autocomplete="off"
            aria-autocomplete="list"
            aria-expanded=${options?.open ? 'true' : 'false'}
            aria-controls=${options ? 'tag-options' : nothing}
            aria-activedescendant=${options?.activeId ?? nothing}
            aria-invalid=${invalid('tags')}
            aria-describedby="tags-hint tags-error"
            .value=${this._tagText}
            @input=${this.#onTagInput}
            @keydown=${this.#onTagKeydown}
            @blur=${this.#onTagBlur}
          />
          ${options?.render(locale, (tag) => this.#addTag(tag))}
        </div>
        <p class="hint" id="tags-hint">${t(locale, 'tagsHint')}</p>
        <p class="error" id="tags-error">${e.tags?.(locale) ?? ''}</p>

        <div class="bar">
          <button class="primary" aria-disabled=${ready ? 'false' : 'true'}>${t(locale, this._busy ? 'asking' : 'ask')}</button>
        </div>
        <div role="alert">${e.form ? html`<p class="message">${e.form(locale)}</p>` : nothing}</div>
      </form>
      <div class="aside">
        ${this.#similarView?.renderSimilar({
          root: this.renderRoot,
          locale,
          similar: this.#similar,
          expanded: this._expanded,
          toggle: (id) => (this._expanded = this._expanded === id ? null : id),
          questionLink: (q) => this.#questionLink(q),
        })}
        ${this.#renderExperts(this._chips, true)}
      </div>
    </div>`;
  }

  /** A question's title (opens it), status, answer count, asker and time. */
  #questionLink(q: Question) {
    const locale = this.#locale;
    return html`<button type="button" class="link-button title" data-question=${q.id} @click=${() => this.#open(q.id)}>
        ${q.title}
      </button>
      <p class="meta dots">
        ${dots([html`${badge(t(locale, q.state), q.state)} ${plural(locale, 'answers', q.answerCount)}`, q.author.name, when(locale, q.createdAt)])}
      </p>`;
  }

  #renderExperts(tags: string[], inAsk: boolean) {
    const locale = this.#locale;
    const experts = this.#experts;
    const named = tags.map((tag) => `#${tag}`).join(', ');
    const items = (experts.value?.items ?? []).filter((x) => !inAsk || x.person.id !== this.#meId);
    let content;
    if (!tags.length) content = inAsk ? html`<p class="muted">${t(locale, 'expertsHint')}</p>` : stateBox(t(locale, 'noTopic'));
    else if (experts.status === 'error') {
      content = stateBox(t(locale, 'expertsFailed'), errorText(locale, experts.error), [errorStrings.t(locale, 'retry'), () => void experts.reload()]);
    } else if (!experts.value) content = skeletons(inAsk ? 2 : 3);
    else if (!items.length) content = stateBox(t(locale, 'noExperts', { tags: named }));
    else {
      content = html`<ul class=${inAsk ? 'people' : 'people box'} part="experts" aria-busy=${experts.status === 'loading' ? 'true' : 'false'}>
        ${items.map((x) => this.#renderExpert(x, inAsk))}
      </ul>`;
    }
    return html`<section class=${inAsk ? 'panel' : 'experts'} aria-labelledby="experts-title">
      <h2 id="experts-title">${inAsk || !tags.length ? t(locale, 'experts') : t(locale, 'whoKnows', { tags: named })}</h2>
      ${content}
    </section>`;
  }

  #renderExpert(x: Expert, brief: boolean) {
    const locale = this.#locale;
    const p = x.person;
    return html`<li class="person">
      ${avatar(p)}
      <div class="who">
        <span class="author">${p.name}</span>
        ${role(p)}
        <span class="reason">${x.summary}</span>
        ${brief
          ? nothing
          : x.reasons.map((r) => {
              // answers_* is the same "{n} answers" the questions use.
              const facts = REASONS.filter((k) => r[k]).map((k) => (k === 'declared' ? t(locale, k) : plural(locale, k, Number(r[k]))));
              if (!facts.length) return nothing;
              const [first, ...rest] = facts;
              return html`<span class="facts dots">${dots([html`<span class="chip">#${r.tag}</span> ${first}`, ...rest])}</span>`;
            })}
      </div>
    </li>`;
  }

  #renderList() {
    const locale = this.#locale;
    const list = this.#list;
    const page = list.value;
    const toggle = (unanswered: boolean, label: 'all' | 'unanswered') =>
      html`<button type="button" aria-pressed=${this._unanswered === unanswered ? 'true' : 'false'} @click=${() => this.#filter(unanswered)}>
        ${t(locale, label)}
      </button>`;
    let content;
    if (list.status === 'error') {
      content = stateBox(t(locale, 'listFailed'), errorText(locale, list.error), [errorStrings.t(locale, 'retry'), () => void list.reload()]);
    } else if (list.status === 'not-found') content = stateBox(errorText(locale, list.error));
    else if (!page) content = html`<div aria-busy="true">${skeletons(3)}</div>`;
    else if (!page.items.length) content = stateBox(t(locale, this._unanswered ? 'allAnswered' : 'noQuestions'));
    else {
      content = html`<ul class="list box" part="list" aria-label=${t(locale, 'questions')}>
        ${page.items.map((q) => html`<li class="item">${this.#questionLink(q)}</li>`)}
      </ul>`;
    }
    return html`<div class="toggle" role="group" part="filter" aria-label=${t(locale, 'show')}>
        ${toggle(false, 'all')}${toggle(true, 'unanswered')}
      </div>
      ${content}`;
  }
}
