import { css, html, nothing, type PropertyValues } from 'lit';
import type { Answer, QuestionDetail } from '@hearth/contracts';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft } from '../runtime/drafts.ts';
import { dots } from '../runtime/dots.ts';
import { isAbort } from '../runtime/errors.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { Reporter, hiddenNotice, hiddenText, hiddenView } from '../runtime/report.ts';
import { askPack, t as askT } from './strings.ts';
import { defineStrings, formatNumber } from '../runtime/i18n.ts';
import { renderRichText } from '../runtime/rich-text.ts';
import { acceptAnswer, answerQuestion, getQuestion, voteAnswer } from './api.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { HearthQuestionUpdatedEvent } from './events.ts';
import { Loader } from '../runtime/loader.ts';
import { adopt } from '../runtime/adopt.ts';
import { avatar, badge, role, skeletons, when } from './parts.ts';
import { failureBox, stateBox } from '../runtime/state.ts';

/*
 * Loaded with its own chunk the first time a question is opened or asked (see
 * question-opener.ts): a page showing the form or the list does not download it up front, so
 * its words and styles travel with it.
 */
export const questionStrings = defineStrings(askPack, 'question', {
  questionFailed: 'The question could not be loaded.',
  notFound: 'This question does not exist, or you cannot see it.',
  refresh: 'Check for new answers',
  noAnswers: 'No answers yet. The people who know were told.',
  acceptedAnswer: 'Accepted answer',
  accept: 'Accept',
  unaccept: 'Undo accept',
  acceptedStatus: 'Answer accepted. The question is answered.',
  unacceptedStatus: 'The answer is no longer accepted. The question is open.',
  acceptFailed: 'The answer could not be accepted: {reason}',
  voteUp: 'Vote up',
  voteDown: 'Vote down',
  votes_one: 'vote',
  votes_other: 'votes',
  voteFailed: 'Your vote could not be saved: {reason}',
  yourAnswer: 'Your answer',
  postAnswer: 'Post answer',
  posting: 'Posting…',
  answerPosted: 'Answer posted.',
  open: 'Open',
  answered: 'Answered',
  answers_one: '{n} answer',
  answers_other: '{n} answers',
  inCommunity: 'in {name}',
  firstAnswer: 'First answer after {time}',
  firstExpertAnswer: 'First expert answer after {time}',
});
const { t, plural } = questionStrings;

const durations = new Map<string, Map<string, Intl.NumberFormat>>();

/**
 * How long something took, "45 min", "2 hr", "3 days" in the reader's language: minutes under an
 * hour, hours under two days, then days (rounded, at least 1 of the unit).
 */
export function formatDuration(lang: string, ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const [unit, n] = minutes < 60 ? ['minute', minutes] : minutes < 48 * 60 ? ['hour', Math.round(minutes / 60)] : ['day', Math.round(minutes / 1440)];
  let byUnit = durations.get(lang);
  if (!byUnit) durations.set(lang, (byUnit = new Map()));
  let format = byUnit.get(unit);
  if (!format) byUnit.set(unit, (format = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: unit === 'day' ? 'long' : 'short' })));
  return format.format(n);
}

/** "First answer after 2 hr · First expert answer after 5 hr", or nothing before the first answer. */
function answerTimes(lang: string, q: QuestionDetail) {
  const asked = new Date(q.createdAt).getTime();
  const after = (key: 'firstAnswer' | 'firstExpertAnswer', at: string | null) =>
    at ? t(lang, key, { time: formatDuration(lang, new Date(at).getTime() - asked) }) : '';
  const parts = [after('firstAnswer', q.firstAnswerAt), after('firstExpertAnswer', q.firstExpertAnswerAt)];
  return parts.some(Boolean) ? html`<p class="meta dots times">${dots(parts)}</p>` : nothing;
}

// Adopted into the widget's shadow root on first connection (see connectedCallback).
const styles = css`
  .detail-head,
  .answers-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(0.4 * var(--_space)) calc(0.75 * var(--_space));
  }
  .detail h2 {
    font-size: 1.2em;
    overflow-wrap: anywhere;
  }
  .detail > .chips {
    margin: calc(0.3 * var(--_space)) 0;
  }
  .answers-head {
    margin-top: calc(0.75 * var(--_space));
    padding-top: calc(0.6 * var(--_space));
    border-top: 1px solid var(--_border);
  }
  .answer.accepted {
    margin-block: calc(0.3 * var(--_space));
    padding-inline: calc(0.75 * var(--_space));
    border: 0;
    border-inline-start: 3px solid var(--_ok);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_ok) 7%, var(--_surface));
  }
  .answer.accepted + .answer {
    border-top: 0;
  }
  .head .badge {
    margin-inline-start: auto;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(0.2 * var(--_space));
  }
  .vote {
    min-width: max(24px, 2.2em);
    /* The floor keeps the arrows at least about 24 px tall when compact. */
    padding: max(0.2em, calc(0.2 * var(--_space))) calc(0.4 * var(--_space));
  }
  .vote[aria-pressed='true'] {
    color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
  }
  .score {
    min-width: 1.6em;
    text-align: center;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .spacer {
    flex: 1;
  }
  .answer-form {
    margin-top: calc(0.75 * var(--_space));
  }
`;

/**
 * One question with its answers, inside `<hearth-ask-expert>`: votes (one per person, a second
 * press takes it back; your own answers are not votable), Accept for the asker and the
 * community's managers, and a box to answer. Like the widget's other parts it renders into the
 * widget's shadow root, so the widget's styles and ids apply, and takes the session and the
 * language from the widget through context.
 *
 * @summary A question in `<hearth-ask-expert>`, with its answers, votes, accepting and answering.
 * @tagname hearth-ask-expert-question
 * @csspart question - The question's article.
 * @csspart answer - Each answer.
 * @csspart badge - The Open / Answered status.
 * @csspart avatar - A person's initials.
 * @fires hearth-question-updated - The question got an answer, or an answer was accepted. `event.question`.
 */
export class HearthAskExpertQuestion extends HearthPart {
  static override usesMe = true;
  static override properties = {
    _answer: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _message: { state: true },
    _status: { state: true },
    questionId: fromWidget,
    question: fromWidget,
  };

  /** The question to show (loaded from the API unless `question` is that one). */
  declare questionId: number;
  /** The question when the widget already has it (just asked): shown without loading. */
  declare question: QuestionDetail | null;
  declare _answer: string;
  declare _busy: boolean;
  /** Why the answer could not be posted; said in `locale` when shown. */
  declare _error: unknown;
  /** Why a vote or an accept failed, as a message made in `locale` when shown. */
  declare _message: ((lang: string) => string) | null;
  declare _status: string;

  #detail = new Loader<QuestionDetail>(this);
  /** The key of the last attempt to send the current answer; a retry reuses it. */
  #key: string | null = null;
  #voting = new Set<number>();
  #focusTitle = false;
  /** The Report buttons (the question's and the answers') and their dialog. */
  #reporter = new Reporter(this);
  /** Said where the part says what failed: the Report dialog's chunk could not be fetched. */
  readonly #reportFailed = (): void => {
    this._message = (lang) => errorStrings.t(lang, 'network');
  };

  constructor() {
    super();
    this.questionId = 0;
    this.question = null;
    this._answer = '';
    this._busy = false;
    this._error = null;
    this._message = null;
    this._status = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), styles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.scopeChanged(changed, ['questionId'])) return;
    const { questionId: id, session } = this;
    if (!session || !id) return;
    this.#detail.task = (signal) => getQuestion(session.client, id, signal);
    if (this.question?.id === id) this.#detail.set(this.question);
    else void this.#detail.reload();
    const draft = loadDraft(this.#scope);
    this._answer = draft?.body ?? '';
    this.#key = draft?.key ?? null;
  }

  get #scope(): string {
    return `answer:${this.session?.config.apiBase ?? ''}:${this.questionId}`;
  }

  /** Loads the question again, keeping it on screen meanwhile: new answers appear. */
  override reload(): Promise<void> {
    return this.#detail.reload(true);
  }

  /**
   * Moves focus to the question's title, as after opening or asking it; when the question is
   * still loading, as soon as it is shown.
   */
  override focus(): void {
    this.#focusTitle = true;
    this.updated();
  }

  protected override updated(): void {
    const title = this.querySelector('h2');
    if (this.#focusTitle && title) {
      this.#focusTitle = false;
      title.focus();
    }
  }

  #show(question: QuestionDetail, status = ''): void {
    this.#detail.set(question);
    this._status = status;
    this.emit(new HearthQuestionUpdatedEvent(question));
  }

  #patch(id: number, change: Partial<Answer>): void {
    const q = this.#detail.value;
    if (q) this.#detail.set({ ...q, answers: q.answers.map((a) => (a.id === id ? { ...a, ...change } : a)) });
  }

  async #vote(answer: Answer, value: 1 | -1): Promise<void> {
    const client = this.session?.client;
    // One vote in flight per answer: the server's answer decides the final state anyway.
    if (!client || this.#voting.has(answer.id)) return;
    const next = answer.myVote === value ? 0 : value;
    this.#voting.add(answer.id);
    this._message = null;
    this.#patch(answer.id, { myVote: next, score: answer.score - answer.myVote + next });
    try {
      this.#patch(answer.id, await voteAnswer(client, answer.id, next));
    } catch (error) {
      this.#patch(answer.id, { myVote: answer.myVote, score: answer.score });
      this._message = (lang) => t(lang, 'voteFailed', { reason: errorText(lang, error) });
    } finally {
      this.#voting.delete(answer.id);
    }
  }

  async #accept(answerId: number | null, from: number): Promise<void> {
    const client = this.session?.client;
    if (!client) return;
    this._message = null;
    try {
      const question = await acceptAnswer(client, this.questionId, answerId);
      this.#show(question, t(this.locale, answerId === null ? 'unacceptedStatus' : 'acceptedStatus'));
      // The accepted answer moves to the top (the list is not keyed: no answer keeps state in
      // the DOM), so the button that had focus now shows another answer: follow the answer.
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#answer-${from} .accept`)?.focus();
    } catch (error) {
      this._message = (lang) => t(lang, 'acceptFailed', { reason: errorText(lang, error) });
    }
  }

  #onInput(event: Event): void {
    this._answer = (event.target as HTMLTextAreaElement).value;
    this.#key = null;
    this._error = null;
    saveDraft(this.#scope, { body: this._answer, key: null });
  }

  async #send(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.session?.client;
    const question = this.#detail.value;
    if (!client || !question || this._busy || !this._answer.trim()) return;
    const body = this._answer;
    const key = (this.#key ??= newIdempotencyKey());
    // Stored with its key before sending: a retry, even after a reload, cannot answer twice.
    saveDraft(this.#scope, { body, key });
    this._busy = true;
    this._error = null;
    try {
      const answer = await answerQuestion(client, question.id, body, key);
      clearDraft(this.#scope);
      this._answer = '';
      this.#key = null;
      const current = this.#detail.value ?? question;
      const answers = [...current.answers.filter((a) => a.id !== answer.id), answer];
      this.#show(
        { ...current, answers, answerCount: answers.length, firstAnswerAt: current.firstAnswerAt ?? answer.createdAt },
        t(this.locale, 'answerPosted'),
      );
    } catch (error) {
      if (!isAbort(error)) this._error = error;
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    const { locale } = this;
    const detail = this.#detail;
    const q = detail.value;
    if (!q) {
      if (detail.status === 'not-found') return stateBox(t(locale, 'notFound'));
      const words = { failed: t(locale, 'questionFailed'), signedOut: askT(locale, 'signedOut') };
      return failureBox(locale, detail, words, this.retry) ?? html`<div class="detail" aria-busy="true">${skeletons(2)}</div>`;
    }
    const id = `question-${q.id}`;
    const hidden = hiddenView(q.hidden);
    const dim = hidden ? ' hidden-body' : '';
    const reportable = !hidden && this.meId !== null && q.author.id !== this.meId;
    return html`<article class="detail" part="question" aria-labelledby="${id}-title">
      <div class="detail-head">
        ${hidden === 'concealed'
          ? // Others get neither title nor text: the placeholder stands in their place.
            html`<h2 id="${id}-title" class="hidden-placeholder" tabindex="-1">${hiddenText(locale)}</h2>`
          : html`<h2 id="${id}-title" class=${dim.trim() || nothing} tabindex="-1">${q.title}</h2>`}
        ${badge(t(locale, q.state), q.state)}
      </div>
      <p class="meta dots">
        ${dots([html`<span role="button" tabindex="0" aria-haspopup="dialog" aria-expanded="false" data-hearth-person=${q.author.handle}>${q.author.name}</span>`, when(locale, q.createdAt), q.community ? t(locale, 'inCommunity', { name: q.community.name }) : ''])}
      </p>
      ${hidden === 'notice' ? hiddenNotice(locale, q.hidden!) : nothing}
      ${q.body ? html`<p class="body${dim}">${renderRichText(q.body)}</p>` : nothing}
      ${q.tags.length ? html`<p class="chips">${q.tags.map((tag) => html`<span class="chip">#${tag}</span> `)}</p>` : nothing}
      ${reportable
        ? html`<div class="actions question-actions">
            <span class="spacer"></span>${this.#reporter.button(locale, 'question', q.id, q.author.name, this.#reportFailed)}
          </div>`
        : nothing}
      <div class="answers-head">
        <h3>${plural(locale, 'answers', q.answers.length)}</h3>
        <button type="button" class="link-button" aria-disabled=${detail.status === 'loading'} @click=${this.reload}>
          ${t(locale, 'refresh')}
        </button>
      </div>
      ${answerTimes(locale, q)}
      ${q.answers.length
        ? html`<ol class="answers" aria-busy=${detail.status === 'loading'}>
            ${q.answers.map((a) => this.#renderAnswer(a, q.canAccept))}
          </ol>`
        : html`<p class="muted">${t(locale, 'noAnswers')}</p>`}
      <div role="alert">${this._message ? html`<p class="message">${this._message(locale)}</p>` : nothing}</div>
      <div class="vh" role="status">${this._status}</div>
      ${
        // No answers to a question others cannot read.
        hidden === 'concealed' ? nothing : this.#renderAnswerBox(id)
      }
    </article>${this.#reporter.render()}`;
  }

  #renderAnswer(a: Answer, canAccept: boolean) {
    const { locale } = this;
    const mine = a.author.id === this.meId;
    const hidden = hiddenView(a.hidden);
    return html`<li class=${a.accepted ? 'answer accepted' : 'answer'} part="answer" id="answer-${a.id}">
      <div class="head">
        ${avatar(a.author)}
        <div class="who">
          <span class="author" role="button" tabindex="0" aria-haspopup="dialog" aria-expanded="false" data-hearth-person=${a.author.handle}>${a.author.name}</span>
          ${role(a.author)}
          <span class="when">${when(locale, a.createdAt)}</span>
        </div>
        ${a.accepted ? badge(`✓ ${t(locale, 'acceptedAnswer')}`, 'answered') : nothing}
      </div>
      ${hidden === 'concealed'
        ? // Others get no text, and nothing to do with it.
          html`<p class="body hidden-placeholder">${hiddenText(locale)}</p>`
        : html`${hidden ? hiddenNotice(locale, a.hidden!) : nothing}
            <p class=${hidden ? 'body hidden-body' : 'body'}>${renderRichText(a.body)}</p>
            ${this.#renderAnswerActions(a, canAccept, mine, !!hidden)}`}
    </li>`;
  }

  #renderAnswerActions(a: Answer, canAccept: boolean, mine: boolean, hidden: boolean) {
    const { locale } = this;
    const score = html`<span class="score"
      >${formatNumber(locale, a.score)}<span class="vh"> ${plural(locale, 'votes', a.score)}</span></span
    >`;
    return html`<div class="actions">
        ${mine
          ? score
          : html`<button
                type="button"
                class="quiet vote"
                aria-label=${t(locale, 'voteUp')}
                aria-pressed=${a.myVote === 1 ? 'true' : 'false'}
                @click=${() => this.#vote(a, 1)}
              >
                ▲</button
              >${score}<button
                type="button"
                class="quiet vote"
                aria-label=${t(locale, 'voteDown')}
                aria-pressed=${a.myVote === -1 ? 'true' : 'false'}
                @click=${() => this.#vote(a, -1)}
              >
                ▼
              </button>`}
        <span class="spacer"></span>
        ${canAccept
          ? html`<button
              type="button"
              class=${a.accepted ? 'accept quiet' : 'accept'}
              @click=${() => this.#accept(a.accepted ? null : a.id, a.id)}
            >
              ${t(locale, a.accepted ? 'unaccept' : 'accept')}
            </button>`
          : nothing}
        ${mine || hidden || this.meId === null ? nothing : this.#reporter.button(locale, 'answer', a.id, a.author.name, this.#reportFailed)}
      </div>`;
  }

  #renderAnswerBox(id: string) {
    const { locale } = this;
    const sendable = !this._busy && this._answer.trim().length > 0;
    return html`<form class="form answer-form" @submit=${this.#send}>
      <label for="${id}-answer">${t(locale, 'yourAnswer')}</label>
      <textarea
        id="${id}-answer"
        rows="3"
        .value=${this._answer}
        ?readonly=${this._busy}
        aria-invalid=${this._error ? 'true' : 'false'}
        aria-describedby="${id}-answer-error"
        @input=${this.#onInput}
      ></textarea>
      <p class="error" id="${id}-answer-error" role="alert">${errorText(locale, this._error)}</p>
      <div class="bar">
        <button class="primary" aria-disabled=${sendable ? 'false' : 'true'}>
          ${t(locale, this._busy ? 'posting' : 'postAnswer')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-ask-expert-question': HearthAskExpertQuestion;
  }
}
