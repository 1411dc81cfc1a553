import { css, html, nothing, type PropertyValues } from 'lit';
import type { Question, QuestionDetail, QuestionPage, QuestionScope } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { dots } from '../runtime/dots.ts';
import { isAbort } from '../runtime/errors.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { adoptReportStyles } from '../runtime/report.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { errorText } from '../runtime/strings.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { listQuestions, passQuestion } from './api.ts';
import { HearthQuestionUpdatedEvent } from './events.ts';
import { skeletons, when } from './parts.ts';
import { QuestionOpener, questionHref, questionText, questionTitle } from './question-opener.ts';
import { askPack, plural as askPlural, t as askT } from './strings.ts';

const PAGE = 20;

/*
 * Loaded with its own chunk the first time "My questions" or "For me to answer" is shown: a page
 * that only asks never downloads it, so its words and styles travel with it.
 */
export const inboxStrings = defineStrings(askPack, 'inbox', {
  mine: 'My questions',
  forMe: 'For me to answer',
  mineEmpty: 'You have not asked a question yet. Ask one under “Ask a question”: the people who know are told.',
  forMeEmpty: 'Nothing waits for you. Questions asked of you, and unanswered ones in tags you know, show up here.',
  mineFailed: 'Your questions could not be loaded.',
  forMeFailed: 'The questions for you could not be loaded.',
  unanswered: 'Unanswered',
  answered: 'Answered',
  accepted: 'Accepted',
  newAnswers_one: '{n} new answer',
  newAnswers_other: '{n} new answers',
  askedOfYou: 'Asked of you',
  inYourTags: 'In your tags',
  pass: 'Not me',
  passAsk: 'Pass this question on? The next person who knows about it will be asked, and you will not be asked again.',
  passConfirm: 'Pass it on',
  cancel: 'Cancel',
  passed: 'Passed on. The next person who knows about it was asked.',
  passFailed: 'The question could not be passed on: {reason}',
  more: 'Show more',
  back: 'Back to the list',
});
const { t, plural } = inboxStrings;

const styles = css`
  hearth-ask-expert-inbox {
    display: contents;
  }
  .inbox .item {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(0.2 * var(--_space)) calc(0.6 * var(--_space));
  }
  .inbox .item > .title {
    flex: 1 1 14em;
    text-align: start;
  }
  .inbox .meta {
    flex-basis: 100%;
  }
  .inbox .new {
    padding: 0 calc(0.55 * var(--_space));
    border-radius: 1em;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.85em;
    font-weight: 700;
    white-space: nowrap;
  }
  .inbox .badge.accepted {
    color: var(--_ok);
  }
  .inbox .badge.routed {
    color: var(--_accent);
  }
  .inbox .confirm {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.4 * var(--_space));
    margin-top: calc(0.3 * var(--_space));
    padding: calc(0.5 * var(--_space)) calc(0.75 * var(--_space));
    border-inline-start: 3px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .inbox .confirm p {
    flex: 1 1 16em;
  }
  .inbox .more {
    align-self: center;
  }
`;

/** A question's status for its asker: nobody answered, answered, or an answer accepted. */
function status(q: Question): 'unanswered' | 'answered' | 'accepted' {
  if (q.acceptedAnswerId !== null) return 'accepted';
  return q.answerCount > 0 ? 'answered' : 'unanswered';
}

/**
 * The `mine` and `for-me` views of `<hearth-ask-expert>`. "My questions": the signed-in person's
 * questions, newest first, each with its status and a mark for answers they have not seen yet
 * (opening the question takes the mark away). "For me to answer": questions asked of them as an
 * expert, then unanswered ones in tags they know; one asked of them can be passed on ("Not me",
 * confirmed first), and the next person who knows is asked.
 *
 * @summary "My questions" and "For me to answer" in `<hearth-ask-expert>`.
 * @tagname hearth-ask-expert-inbox
 * @csspart list - The list of questions.
 * @csspart badge - A status.
 * @csspart state - The loading, empty and error messages.
 */
export class HearthAskExpertInbox extends HearthPart {
  static override usesMe = true;
  static override properties = {
    scope: fromWidget,
    hrefTemplate: fromWidget,
    _confirming: { state: true },
    _passing: { state: true },
    _message: { state: true },
    _status: { state: true },
  };

  /** Which list: the person's own questions, or their queue as an expert. */
  declare scope: QuestionScope;
  /** The widget's `href-template`: each title links there (the widget opens it on its page). */
  declare hrefTemplate: string | null;
  /** The question whose "Not me" waits for its confirmation. */
  declare _confirming: number | null;
  declare _passing: boolean;
  /** Why a pass failed, made in the language it is shown in. */
  declare _message: ((lang: string) => string) | null;
  declare _status: string;

  #list = new Loader<QuestionPage>(this);
  #more = false;
  #opener = new QuestionOpener(this);

  constructor() {
    super();
    this.scope = 'mine';
    this.hrefTemplate = null;
    this._confirming = null;
    this._passing = false;
    this._message = null;
    this._status = '';
    // An answer or an accept in the opened question: the list shows the new state on the way back.
    this.addEventListener(HearthQuestionUpdatedEvent.type, (event) => {
      const { answers: _, ...question } = event.question as QuestionDetail;
      this.#patch(question.id, question);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), styles);
    adoptReportStyles(this.getRootNode());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.scopeChanged(changed, ['scope'])) return;
    this.#opener.id = null;
    this._confirming = null;
    this._message = null;
    const { client } = this.session!;
    const scope = this.scope;
    this.#list.task = (signal) => listQuestions(client, { scope, limit: PAGE }, signal);
    void this.#list.reload();
  }

  override reload(): Promise<void> {
    return this.#list.reload();
  }

  #patch(id: number, change: Partial<Question>): void {
    const page = this.#list.value;
    if (page) this.#list.set({ ...page, items: page.items.map((q) => (q.id === id ? { ...q, ...change } : q)) });
  }

  #open(q: Question): void {
    this.#seen(q);
    void this.#opener.open(q.id);
  }

  #seen(q: Question): void {
    this._confirming = null;
    // Opening it is seeing its answers: the server clears the mark as it sends the question.
    if (this.scope === 'mine' && q.newAnswers) this.#patch(q.id, { newAnswers: 0 });
  }

  async #back(): Promise<void> {
    await this.#opener.close();
    // Answered from the queue: it leaves the queue (quietly, the list stays on screen meanwhile).
    if (this.scope === 'for-me') void this.#list.reload(true);
  }

  async #showMore(): Promise<void> {
    const page = this.#list.value;
    const { client } = this.session!;
    if (!page?.nextCursor || this.#more) return;
    this.#more = true;
    this.requestUpdate();
    try {
      const next = await listQuestions(client, { scope: this.scope, limit: PAGE, cursor: page.nextCursor });
      const current = this.#list.value ?? page;
      this.#list.set({ items: [...current.items, ...next.items.filter((q) => !current.items.some((c) => c.id === q.id))], nextCursor: next.nextCursor });
    } catch (error) {
      if (!isAbort(error)) this._message = (lang) => t(lang, 'forMeFailed') + ' ' + errorText(lang, error);
    } finally {
      this.#more = false;
      this.requestUpdate();
    }
  }

  async #askPass(id: number): Promise<void> {
    this._confirming = id;
    this._message = null;
    await this.updateComplete;
    // Passing cannot be undone: focus goes to the safe choice, read with the question.
    this.querySelector<HTMLElement>(`#pass-${id} .pass-cancel`)?.focus();
  }

  async #cancelPass(id: number): Promise<void> {
    this._confirming = null;
    await this.updateComplete;
    this.querySelector<HTMLElement>(`[data-pass="${id}"]`)?.focus();
  }

  async #pass(id: number): Promise<void> {
    const client = this.session?.client;
    if (!client || this._passing) return;
    this._passing = true;
    this._message = null;
    try {
      await passQuestion(client, id);
      const page = this.#list.value;
      const index = page?.items.findIndex((q) => q.id === id) ?? -1;
      if (page) this.#list.set({ ...page, items: page.items.filter((q) => q.id !== id) });
      this._confirming = null;
      this._status = t(this.locale, 'passed');
      await this.updateComplete;
      // Focus goes to the question that took its place, else the one before, else the list.
      const titles = [...this.querySelectorAll<HTMLElement>('.inbox [data-question]')];
      (titles[index] ?? titles[index - 1] ?? this.querySelector<HTMLElement>('.inbox-status'))?.focus();
    } catch (error) {
      this._message = (lang) => t(lang, 'passFailed', { reason: errorText(lang, error) });
    } finally {
      this._passing = false;
    }
  }

  protected override render() {
    const locale = this.locale;
    if (this.#opener.id !== null) {
      return html`<button type="button" class="quiet back" @click=${() => this.#back()}>
          ${this.matches(':dir(rtl)') ? '→' : '←'} ${t(locale, 'back')}
        </button>
        ${this.#opener.render(locale, this.#opener.id)}`;
    }
    const list = this.#list;
    const page = list.value;
    const mine = this.scope === 'mine';
    const words = { failed: t(locale, mine ? 'mineFailed' : 'forMeFailed'), signedOut: askT(locale, 'signedOut') };
    const failed = failureBox(locale, list, words, this.retry);
    return html`<div class="vh inbox-status" role="status" tabindex="-1">${this._status}</div>
      ${failed ?? (page ? this.#renderList(page) : html`<div aria-busy="true">${skeletons(3)}</div>`)}`;
  }

  #renderList(page: QuestionPage) {
    const locale = this.locale;
    const mine = this.scope === 'mine';
    if (!page.items.length) return stateBox(t(locale, mine ? 'mineEmpty' : 'forMeEmpty'));
    return html`<ul class="list box inbox" part="list" aria-label=${t(locale, mine ? 'mine' : 'forMe')}>
        ${page.items.map((q) => html`<li class="item">${this.#renderItem(q)}</li>`)}
      </ul>
      <div role="alert">${this._message ? html`<p class="message">${this._message(locale)}</p>` : nothing}</div>
      ${page.nextCursor
        ? html`<button type="button" class="more" aria-disabled=${this.#more ? 'true' : 'false'} @click=${() => this.#showMore()}>
            ${t(locale, 'more')}
          </button>`
        : nothing}`;
  }

  #renderItem(q: Question) {
    const locale = this.locale;
    const mine = this.scope === 'mine';
    const state = status(q);
    const label = mine
      ? html`<span class="badge ${state === 'unanswered' ? 'open' : state}" part="badge">${t(locale, state)}</span>`
      : html`<span class="badge ${q.routedToMe ? 'routed' : 'open'}" part="badge">${t(locale, q.routedToMe ? 'askedOfYou' : 'inYourTags')}</span>`;
    const title = html`${questionText(locale, q)}${mine && q.newAnswers ? html`<span class="vh">, ${plural(locale, 'newAnswers', q.newAnswers)}</span>` : nothing}`;
    return html`${questionTitle(q.id, title, questionHref(this.hrefTemplate, q.id), () => this.#open(q), () => this.#seen(q))}
      ${mine && q.newAnswers ? html`<span class="new" aria-hidden="true">${plural(locale, 'newAnswers', q.newAnswers)}</span>` : nothing}
      ${!mine && q.routedToMe && this._confirming !== q.id
        ? html`<button type="button" class="quiet pass" data-pass=${q.id} @click=${() => this.#askPass(q.id)}>${t(locale, 'pass')}</button>`
        : nothing}
      <p class="meta dots">
        ${dots([html`${label} ${askPlural(locale, 'answers', q.answerCount)}`, mine ? '' : html`<span data-hearth-person=${q.author.handle}>${q.author.name}</span>`, when(locale, q.createdAt)])}
      </p>
      ${this._confirming === q.id ? this.#renderConfirm(q.id) : nothing}`;
  }

  #renderConfirm(id: number) {
    const locale = this.locale;
    return html`<div class="confirm" id="pass-${id}" role="group" aria-labelledby="pass-${id}-text"
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#cancelPass(id)}>
      <p id="pass-${id}-text">${t(locale, 'passAsk')}</p>
      <button type="button" class="primary pass-confirm" aria-disabled=${this._passing ? 'true' : 'false'} @click=${() => this.#pass(id)}>
        ${t(locale, 'passConfirm')}
      </button>
      <button type="button" class="quiet pass-cancel" aria-describedby="pass-${id}-text" @click=${() => this.#cancelPass(id)}>
        ${t(locale, 'cancel')}
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-ask-expert-inbox': HearthAskExpertInbox;
  }
}
