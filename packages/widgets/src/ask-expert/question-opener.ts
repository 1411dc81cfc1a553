import { html, type ReactiveControllerHost } from 'lit';
import type { Question, QuestionDetail } from '@hearth/contracts';
import { dots } from '../runtime/dots.ts';
import { lazyDefine } from '../runtime/lazy-define.ts';
import { fillTemplate } from '../runtime/permalink.ts';
import { hiddenText, hiddenView } from '../runtime/report.ts';
import { stateBox } from '../runtime/state.ts';
import { errorStrings } from '../runtime/strings.ts';
import type { HearthAskExpertQuestion } from './hearth-ask-expert-question.ts';
import { badge, skeletons, when } from './parts.ts';
import { plural, t } from './strings.ts';

/**
 * The opened question (answers, votes, accepting, answering) comes with its own chunk, loaded the
 * first time one is shown: the form and the list render without it, and a page that only asks
 * or reads the list never downloads it.
 */
const loadQuestionElement = () =>
  lazyDefine('hearth-ask-expert-question', () => import('./hearth-ask-expert-question.ts').then((m) => m.HearthAskExpertQuestion));

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The question a part shows: the one opened from its list (or from the similar questions), shown
 * in the list's place with the way back, or the one just asked. Opening moves focus to the
 * question's title; going back, to the question's link.
 */
export class QuestionOpener {
  /** The opened question, or null: the part shows its own content. */
  id: number | null = null;
  /** Whether the question's element is loaded: true, 'failed' or false. */
  #ready: boolean | 'failed' = false;
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
  }

  async open(id: number): Promise<void> {
    this.id = id;
    this.#host.requestUpdate();
    await this.focus();
  }

  async close(): Promise<void> {
    const id = this.id;
    this.id = null;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    // Back where the person left: on the question they had opened.
    this.#host.querySelector<HTMLElement>(`[data-question="${id}"]`)?.focus();
  }

  /** Loads the question's element (its chunk); a failure offers Retry in its place. */
  async load(): Promise<void> {
    if (this.#ready === true) return;
    this.#ready = false;
    this.#host.requestUpdate();
    try {
      await loadQuestionElement();
      this.#ready = true;
    } catch {
      this.#ready = 'failed';
    }
    this.#host.requestUpdate();
  }

  /** Moves focus to the question shown, once its element is there. */
  async focus(): Promise<void> {
    await this.load();
    await this.#host.updateComplete;
    this.#host.querySelector<HearthAskExpertQuestion>('hearth-ask-expert-question')?.focus();
  }

  /** The question `id` (`question`: already at hand, not loaded again), or its place while its element loads. */
  render(locale: string, id: number, question: QuestionDetail | null = null) {
    if (this.#ready !== true) {
      return this.#ready === 'failed'
        ? stateBox(t(locale, 'questionFailed'), '', [errorStrings.t(locale, 'retry'), () => void this.load()])
        : skeletons(2);
    }
    return html`<hearth-ask-expert-question .questionId=${id} .question=${question}></hearth-ask-expert-question>`;
  }

  /** The opened question after the way back, a button that says `back`. */
  renderOpened(locale: string, back: string) {
    return html`<button type="button" class="quiet back" @click=${() => this.close()}>
        ${
          // Arrows are not mirrored by the bidi algorithm: "back" points to the right in RTL.
          this.#host.matches(':dir(rtl)') ? '→' : '←'
        } ${back}
      </button>
      ${this.render(locale, this.id!)}`;
  }
}

/**
 * A question's title (which opens it), status, answer count, asker and time: a line of the list or
 * of the similar questions. With `href` (the widget's `href-template` filled in), the title is a
 * link there; the widget opens it in place when it names this page.
 */
export const questionLink = (locale: string, q: Question, open: (id: number) => void, href: string | null = null) =>
  html`${questionTitle(q.id, questionText(locale, q), href, () => open(q.id))}
    <p class="meta dots">
      ${dots([html`${badge(t(locale, q.state), q.state)} ${plural(locale, 'answers', q.answerCount)}`, html`<span data-hearth-person=${q.author.handle}>${q.author.name}</span>`, when(locale, q.createdAt)])}
    </p>`;

/** A question's title, or the placeholder of one a moderator hid. */
export const questionText = (locale: string, q: Question) =>
  hiddenView(q.hidden) === 'concealed' ? html`<span class="hidden-placeholder">${hiddenText(locale)}</span>` : q.title;

/**
 * The title that opens question `id`: a link to `href` when there is one (`followed` runs as it is
 * followed), else a button that opens it in place (`open`).
 */
export const questionTitle = (id: number, content: unknown, href: string | null, open: () => void, followed?: () => void) =>
  href
    ? html`<a class="link-button title" href=${href} data-question=${id} @click=${followed}>${content}</a>`
    : html`<button type="button" class="link-button title" data-question=${id} @click=${open}>${content}</button>`;

/** Where question `id` links to with the widget's `href-template`, or null without one. */
export const questionHref = (template: string | null | undefined, id: number): string | null =>
  template ? fillTemplate(template, { id, kind: 'question', parentId: null }) : null;
