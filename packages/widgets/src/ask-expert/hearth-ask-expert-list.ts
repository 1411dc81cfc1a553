import { html, type PropertyValues } from 'lit';
import type { QuestionDetail, QuestionPage } from '@hearth/contracts';
import { Loader } from '../runtime/loader.ts';
import { adoptReportStyles } from '../runtime/report.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { listQuestions } from './api.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { HearthQuestionUpdatedEvent } from './events.ts';
import { skeletons } from './parts.ts';
import { QuestionOpener, questionHref, questionLink } from './question-opener.ts';
import { t } from './strings.ts';

const PAGE = 20;

/**
 * The `questions` view of `<hearth-ask-expert>`: recent (or unanswered) questions of a tag and
 * a community. Opening one shows it in the list's place, with the way back to it.
 *
 * @summary The list of questions in `<hearth-ask-expert>`.
 * @tagname hearth-ask-expert-list
 * @csspart list - The list of questions.
 * @csspart filter - The All / Unanswered toggle.
 * @csspart badge - An Open / Answered status.
 * @csspart state - The loading, empty and error messages.
 */
export class HearthAskExpertList extends HearthPart {
  static override usesMe = true;
  static override properties = {
    topics: fromWidget,
    community: fromWidget,
    hrefTemplate: fromWidget,
    _unanswered: { state: true },
  };

  /** The widget's tags: the list shows the questions of the first one (none: all). */
  declare topics: string[];
  /** Only questions of this community (its slug); empty: the whole intranet. */
  declare community: string | null;
  /** The widget's `href-template`: each title links there (the widget opens it on its page). */
  declare hrefTemplate: string | null;
  declare _unanswered: boolean;

  #list = new Loader<QuestionPage>(this);
  #opener = new QuestionOpener(this);

  constructor() {
    super();
    this.topics = [];
    this.community = null;
    this.hrefTemplate = null;
    this._unanswered = false;
    // An answer or an accept in the opened question: the list shows the new state on the way back.
    this.addEventListener(HearthQuestionUpdatedEvent.type, (event) => {
      const page = this.#list.value;
      const { answers: _, ...question } = event.question as QuestionDetail;
      if (page) this.#list.set({ ...page, items: page.items.map((q) => (q.id === question.id ? question : q)) });
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A question a moderator hid is listed with a placeholder for its title.
    adoptReportStyles(this.getRootNode());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.scopeChanged(changed, ['topics', 'community'])) return;
    this.#opener.id = null;
    this.#load();
  }

  override reload(): Promise<void> {
    return this.#list.reload();
  }

  #load(): void {
    const { client } = this.session!;
    const query = { tag: this.topics[0], community: this.community || undefined, limit: PAGE };
    const unanswered = this._unanswered ? ('true' as const) : undefined;
    void this.#list.run((signal) => listQuestions(client, { ...query, unanswered }, signal));
  }

  #filter(unanswered: boolean): void {
    if (unanswered === this._unanswered) return;
    this._unanswered = unanswered;
    this.#load();
  }

  protected override render() {
    const locale = this.locale;
    if (this.#opener.id !== null) return this.#opener.renderOpened(locale, t(locale, 'back'));
    const toggle = (unanswered: boolean, label: 'all' | 'unanswered') =>
      html`<button type="button" aria-pressed=${this._unanswered === unanswered ? 'true' : 'false'} @click=${() => this.#filter(unanswered)}>
        ${t(locale, label)}
      </button>`;
    return html`<div class="toggle" role="group" part="filter" aria-label=${t(locale, 'show')}>
        ${toggle(false, 'all')}${toggle(true, 'unanswered')}
      </div>
      ${this.#renderList()}`;
  }

  #renderList() {
    const locale = this.locale;
    const list = this.#list;
    const page = list.value;
    const failed = failureBox(locale, list, { failed: t(locale, 'listFailed'), signedOut: t(locale, 'signedOut') }, this.retry);
    if (failed) return failed;
    if (!page) return html`<div aria-busy="true">${skeletons(3)}</div>`;
    if (!page.items.length) return stateBox(t(locale, this._unanswered ? 'allAnswered' : 'noQuestions'));
    return html`<ul class="list box" part="list" aria-label=${t(locale, 'questions')}>
      ${page.items.map((q) => html`<li class="item">${questionLink(locale, q, (id) => this.#opener.open(id), questionHref(this.hrefTemplate, q.id))}</li>`)}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-ask-expert-list': HearthAskExpertList;
  }
}
