import { html, type PropertyValues } from 'lit';
import { HearthElement } from '../runtime/hearth-element.ts';
import { chipStyles, linkButtonStyles } from '../runtime/styles.ts';
import { stateBox } from '../runtime/state.ts';
import { errorStrings } from '../runtime/strings.ts';
import type { HearthPart } from '../runtime/hearth-part.ts';
import type { HearthAskPersonEvent } from '../person/events.ts';
import { PARTS, loadView, parseTags, viewReady } from './parts.ts';
import type { AnnounceEvent, HearthAskExpertForm } from './hearth-ask-expert-form.ts';
import { askExpertStyles } from './hearth-ask-expert.styles.ts';
import { skeletons } from './parts.ts';
import { askPack, t } from './strings.ts';
import type { Linked, LinkedView } from './linked.ts';

type View = 'ask' | 'mine' | 'for-me' | 'questions' | 'experts';

/** The views behind the tabs; `questions` and `experts` are single-purpose views without them. */
const TABS = [
  ['ask', 'tabAsk'],
  ['mine', 'tabMine'],
  ['for-me', 'tabForMe'],
] as const;

/**
 * Ask the people who know. In the `ask` view a person writes a question; while they type the
 * title, similar questions (answered ones first, with their accepted answer) are suggested so a
 * duplicate is not needed, and the people who know about the chosen tags are shown with the
 * reason. Asking routes the question to them; the draft stays in the browser until the server
 * has it. The `questions` view lists recent (or unanswered) questions; opening one shows its
 * answers with votes, Accept and a box to answer. The `experts` view answers "who knows about
 * these tags?". The `ask`, `mine` and `for-me` views are tabs: "Ask", "My questions" (the
 * person's own questions with their status and a mark for answers they have not seen) and "For
 * me to answer" (questions asked of them as an expert, which they can pass on with "Not me", then
 * unanswered ones in tags they know). Others' questions and answers have Report (a dialog with the reasons and a
 * note, for the moderators); what a moderator hid reads "Hidden by a moderator" for everyone
 * but its author and the moderators, who see it with the reason.
 *
 * Configuration comes from the element's attributes, then `<hearth-config>`, then the URL of
 * the script that loaded the widgets; no inline script is needed.
 *
 * Each view is a part of its own (`hearth-ask-expert-form`, `-list`, `-experts`, `-inbox`, and
 * the opened `hearth-ask-expert-question`), rendered into this shadow root and given the session and the
 * language through context.
 *
 * "Ask <name>" on a person card (`hearth-ask-person`, from any widget's card or hover card on
 * the page) is taken by the first `<hearth-ask-expert>` that can: it shows its question form with
 * that person suggested first among the people who know and their strongest skills added as tags.
 *
 * @summary Ask a question, see similar answered ones and the people who know; answer and accept.
 * @tagname hearth-ask-expert
 *
 * @csspart base - The wrapper around everything.
 * @csspart tabs - The Ask / My questions / For me to answer tabs.
 * @csspart tab - Each tab.
 * @csspart form - The question form.
 * @csspart suggestions - The list of tags suggested while typing in the tag box.
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
 * @csspart state - The loading, empty, error and signed-out messages.
 * @csspart back - "Back to the questions", from the question the page's URL names (`href-template`).
 *
 * @fires hearth-question-asked - A question asked here was stored. `event.question`.
 * @fires hearth-question-updated - A question got an answer here, or an answer was accepted. `event.question`.
 */
export class HearthAskExpert extends HearthElement {
  static override styles = [...HearthElement.styles, linkButtonStyles, chipStyles, askExpertStyles];
  static override packs = [askPack];

  static override properties = {
    tags: { type: String },
    community: { type: String },
    view: { type: String },
    question: { type: Number },
    answer: { type: Number },
    hrefTemplate: { type: String, attribute: 'href-template' },
    debounce: { type: Number },
    _announce: { state: true },
  };

  /** Topics, comma- or space-separated (`kubernetes, helm`): the question's first chips, the experts asked about, and the list's tag (the first one). */
  declare tags: string | null;
  /** The community (its slug) questions are asked in and listed from; empty: the whole intranet. */
  declare community: string | null;
  /**
   * The view shown first: `ask` (the question box), `mine` (my questions), `for-me` (questions for
   * me to answer), which are tabs; or `questions` (recent and unanswered) or `experts` (who knows).
   */
  declare view: View;
  /**
   * One question on its own, with its answers (its id): what a permalink shows
   * (`/embed/question/{id}`); `view` is then not shown.
   */
  declare question: number | null;
  /** With `question`: the answer a permalink names, scrolled into view. */
  declare answer: number | null;
  /**
   * Where a question of the lists links to, e.g. `/help?question={id}` (`{id}`; `{kind}`:
   * `question`, or `answer` with `{parentId}` its question). On the page the template names, the
   * widget opens the question the URL names (an answer: its question, with the answer in view),
   * with "Back to the questions"; Back returns. Empty: questions open in place, without a link.
   */
  declare hrefTemplate: string | null;
  /** Milliseconds to wait after a keystroke in the title before looking for similar questions. */
  declare debounce: number;
  /** What the status line says (a question was posted). */
  declare _announce: string;

  /** The `tags` attribute, parsed; a new array only when the attribute changes. */
  #topics: string[] = [];
  /** The attribute value `#topics` was parsed from; undefined until the parser arrived. */
  #topicsFrom: string | null | undefined = undefined;
  /** The view whose chunk is on its way, or could not be fetched. */
  #viewChunk: { view: string; failed: boolean } | null = null;
  /**
   * With `href-template`: the question the page's URL names (linked.ts, a chunk of its own that
   * only a widget with a template loads), or its chunk on its way, or that it could not be fetched.
   */
  #link: LinkedView | 'loading' | 'failed' | null = null;

  constructor() {
    super();
    this.tags = null;
    this.community = null;
    this.view = 'ask';
    this.question = null;
    this.answer = null;
    this.hrefTemplate = null;
    this.debounce = 250;
    this._announce = '';
  }

  /** The question the page's URL names, once its chunk is here. */
  get #linked(): Linked | null {
    return typeof this.#link === 'object' ? (this.#link?.linked ?? null) : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.hrefTemplate && !this.#link) {
      this.#link = 'loading';
      import('./linked.ts').then(
        ({ LinkedView }) => (this.#link = new LinkedView(this, () => {
          this.#scrolledTo = null;
          this.requestUpdate();
        })),
        // Without it, the widget shows its view; its links still lead to the template's page.
        () => (this.#link = 'failed'),
      ).finally(() => this.requestUpdate());
    } else if (typeof this.#link === 'object' && changed.has('hrefTemplate')) {
      this.#link?.sync();
    }
    // The parser comes with the first view's chunks; until then the widget shows skeletons.
    if (parseTags && this.#topicsFrom !== this.tags) {
      this.#topics = parseTags(this.tags);
      this.#topicsFrom = this.tags;
    }
    const view = this.#shown;
    if (!viewReady(view) && this.#viewChunk?.view !== view) {
      const chunk: { view: string; failed: boolean } = (this.#viewChunk = { view, failed: false });
      loadView(view).then(
        () => this.#viewChunk === chunk && (this.#viewChunk = null),
        () => (chunk.failed = true),
      ).finally(() => this.requestUpdate());
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hearth-ask-person', this.#onAskPerson);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hearth-ask-person', this.#onAskPerson);
  }

  /** "Ask <name>" on a person card: the question form, with them suggested (one widget takes it). */
  readonly #onAskPerson = (event: HearthAskPersonEvent): void => {
    if (event.defaultPrevented || this.#single || this.me.value.status === 'signed-out') return;
    event.preventDefault();
    this.view = 'ask';
    // The form's chunk may still be on its way: the form renders once it is here (a chunk that
    // could not come shows the view's error, with nobody to suggest).
    loadView('ask').then(
      async () => {
        this.requestUpdate();
        await this.updateComplete;
        const form = this.renderRoot.querySelector<HearthAskExpertForm>('hearth-ask-expert-form');
        if (!this.isConnected || !form || !('suggest' in form)) return;
        this.scrollIntoView({ block: 'nearest' });
        await form.suggest(event.person, event.tags);
      },
      () => undefined,
    );
  };

  /** Every part on show loads again (the opened question too). */
  protected override async refresh(): Promise<void> {
    // A view's chunk that could not be fetched is asked for again.
    if (this.#viewChunk?.failed) this.#viewChunk = null;
    await Promise.all([...this.renderRoot.querySelectorAll<HearthPart>(PARTS)].map((part) => part.reload()));
  }

  protected override render() {
    if (this.#viewChunk?.failed) {
      const locale = this.locale;
      return html`<div class="root ${this.themeClass}" part="base">
        ${stateBox(errorStrings.t(locale, 'network'), '', [errorStrings.t(locale, 'retry'), this.retry])}
      </div>`;
    }
    // Until the words of the page's language and the view's element arrive, skeletons rather
    // than a flash of English or an empty box.
    if (this.langs.loading || this.#link === 'loading' || !viewReady(this.#shown)) {
      return html`<div class="root ${this.themeClass}" part="base"><div aria-busy="true">${skeletons(3)}</div></div>`;
    }
    const locale = this.locale;
    const content = this.me.value.status === 'signed-out'
      ? stateBox(t(locale, 'signedOut'), '', [errorStrings.t(locale, 'tryAgain'), this.retry])
      : this.#renderView();
    const tabbed = this.#shown === this.view && TABS.some(([view]) => view === this.view);
    return html`<div class="root ${this.themeClass}" part="base" tabindex="-1" @click=${this.#onClick}>
      <div class="vh" role="status">${this._announce}</div>
      ${tabbed
        ? html`${this.#renderTabs()}<div class="tabpanel" role="tabpanel" id="panel" aria-labelledby="tab-${this.view}">${content}</div>`
        : content}
    </div>`;
  }

  /** Tabs with automatic activation: arrows move and show, Home and End go to the ends. */
  #renderTabs() {
    const locale = this.locale;
    return html`<div class="tabs" role="tablist" part="tabs" aria-label=${t(locale, 'views')} @keydown=${this.#onTabKey}>
      ${TABS.map(([view, label]) => {
        const selected = view === this.view;
        return html`<button
          type="button"
          role="tab"
          part="tab"
          id="tab-${view}"
          data-view=${view}
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="panel"
          tabindex=${selected ? '0' : '-1'}
          @click=${() => this.#select(view)}
        >
          ${t(locale, label)}
        </button>`;
      })}
    </div>`;
  }

  async #select(view: View, focus = false): Promise<void> {
    this.view = view;
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus();
  }

  readonly #onTabKey = (event: KeyboardEvent): void => {
    const index = TABS.findIndex(([view]) => view === this.view);
    // Arrows follow the reading direction: in RTL, the left arrow goes to the next tab.
    const rtl = this.matches(':dir(rtl)');
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -index, End: TABS.length - 1 - index }[event.key];
    if (step === undefined || index < 0) return;
    event.preventDefault();
    void this.#select(TABS[(index + step + TABS.length) % TABS.length]![0], true);
  };

  /** The one question of a permalink: the `question` attribute, else the one the page's URL names. */
  get #single(): Linked | null {
    return this.question && this.question > 0 ? { id: this.question, answer: this.answer } : this.#linked;
  }

  /** What is shown: the one question of a permalink, else the view. */
  get #shown(): string {
    return this.#single ? 'question' : this.view;
  }

  /** A click on a question's link, on the page its template names, opens the question in place. */
  readonly #onClick = (event: MouseEvent): void => {
    if (this.hrefTemplate && typeof this.#link === 'object') void this.#link?.follow(event);
  };

  protected override updated(): void {
    // A permalink to an answer: once the question's answers are on screen, that one is in view.
    const target = this.#single?.answer;
    if (this.#shown !== 'question' || !target || this.#scrolledTo === target) return;
    this.#scrolledTo = target;
    const started = Date.now();
    const look = () => {
      const element = this.renderRoot.querySelector<HTMLElement>(`#answer-${target}`);
      if (element) element.scrollIntoView({ block: 'center' });
      else if (Date.now() - started < 10_000 && this.isConnected) setTimeout(look, 200);
    };
    look();
  }

  #scrolledTo: number | null = null;

  #renderView() {
    const { community } = this;
    const topics = this.#topics;
    // A new view is a new part: nothing of the one before stays.
    switch (this.#shown) {
      case 'question': {
        const single = this.#single!;
        const question = html`<hearth-ask-expert-question .questionId=${single.id}></hearth-ask-expert-question>`;
        const link = this.#link;
        return single === this.#linked && typeof link === 'object' ? html`${link!.renderBack(t(this.locale, 'back'))}${question}` : question;
      }
      case 'questions':
        return html`<hearth-ask-expert-list .topics=${topics} .community=${community} .hrefTemplate=${this.hrefTemplate}></hearth-ask-expert-list>`;
      case 'experts':
        return html`<hearth-ask-expert-experts .tags=${topics} .community=${community}></hearth-ask-expert-experts>`;
      case 'mine':
      case 'for-me':
        return html`<hearth-ask-expert-inbox .scope=${this.view} .hrefTemplate=${this.hrefTemplate}></hearth-ask-expert-inbox>`;
      default:
        return html`<hearth-ask-expert-form
          .topics=${topics}
          .community=${community}
          .debounce=${this.debounce}
          @hearth-ask-announce=${(event: AnnounceEvent) => (this._announce = event.text)}
        ></hearth-ask-expert-form>`;
    }
  }
}
