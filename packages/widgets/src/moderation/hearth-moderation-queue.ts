import { css, html, nothing, type PropertyValues } from 'lit';
import type { ModerationAction, ModerationItem, ModerationQueue, ModerationStatus } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { dots } from '../runtime/dots.ts';
import { HearthError } from '../runtime/errors.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { defineStrings, formatDate, formatNumber, formatRelative } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { initials, toneClass } from '../runtime/people.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { errorText } from '../runtime/strings.ts';
import { linkButtonStyles } from '../runtime/styles.ts';
import { dismissReports, hideContent, moderationQueue, restoreContent } from './api.ts';
import { HearthModerationDecisionEvent } from './events.ts';
import { MorePages } from './paging.ts';
import { skeleton, type Message } from './parts.ts';
import { moderationPack, t as tm } from './strings.ts';

/** The queue's words, in its chunk (their translations are in the widget's language packs). */
export const queueStrings = defineStrings(moderationPack, 'queue', {
  kind_post: 'Post',
  kind_reply: 'Reply',
  kind_question: 'Question',
  kind_answer: 'Answer',
  itemTitle: '{kind} by {name}',
  restricted: 'restricted',
  written: 'written {when}',
  flagged: 'flagged {when}',
  replyTo: 'In reply to',
  answerTo: 'Answer to',
  deleted: 'Its author has deleted it since.',
  showMore: 'Show more',
  showLess: 'Show less',
  reporters_one: '{n} person reported this',
  reporters_other: '{n} people reported this',
  spamReason: 'Spam',
  harassmentReason: 'Harassment',
  confidentialReason: 'Confidential information',
  off_topicReason: 'Off topic',
  otherReason: 'Other',
  reasons: 'Reasons',
  notes: 'Reporters’ notes',
  watched: 'Matches the watch list:',
  notReported: 'Nobody reported this: it matches the watch list.',
  decision_hide: 'Hidden by {name} {when}',
  decision_restore: 'Restored by {name} {when}',
  decision_dismiss: 'Dismissed by {name} {when}',
  decisionWhy: 'Reason:',
  hide: 'Hide',
  restore: 'Restore',
  dismiss: 'Dismiss',
  busy_hide: 'Hiding…',
  busy_restore: 'Restoring…',
  busy_dismiss: 'Dismissing…',
  reasonLabel: 'Why is it hidden? Its author is shown this.',
  reasonRequired: 'Say why: its author is shown this reason.',
  cancel: 'Cancel',
  said_hide: 'Hidden. Its author is shown your reason.',
  said_restore: 'Restored. Everyone sees it again.',
  said_dismiss: 'Reports dismissed. The content stays as it was.',
  show: 'Show',
  status_dismissed: 'Dismissed',
  status_restored: 'Restored',
  empty_open: 'Nothing to review.',
  empty_hidden: 'Nothing is hidden.',
  empty_dismissed: 'No dismissed reports.',
  empty_restored: 'Nothing was restored.',
  loadFailed: 'The queue could not be loaded.',
});

const { t, plural } = queueStrings;

/** The queue's tabs: the Closed tab shows dismissed or restored items. */
export type QueueView = 'open' | 'hidden' | 'closed';

/** Longer texts start clamped, so one essay does not push the rest of the queue off screen. */
const CLAMP_CHARS = 320;
const CLAMP_LINES = 6;

/** What a moderator is doing with one item: the reason being typed, an action on its way, why it failed. */
interface Work {
  /** The reason form is open. */
  asking: boolean;
  reason: string;
  busy: ModerationAction | null;
  /** What went wrong, said in the language of each render (it follows a language switch). */
  error: Message | null;
  /** The error is about the reason (the form's field). */
  reasonError: boolean;
  expanded: boolean;
}

const keyOf = (item: Pick<ModerationItem, 'kind' | 'id'>) => `${item.kind}-${item.id}`;

const styles = css`
  .items {
    display: flex;
    flex-direction: column;
    gap: calc(0.75 * var(--_space));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: flex;
    flex-direction: column;
    gap: calc(0.55 * var(--_space));
    min-width: 0;
  }
  .head {
    display: flex;
    gap: calc(0.65 * var(--_space));
    align-items: flex-start;
    min-width: 0;
  }
  .head > div {
    min-width: 0;
  }
  .item h3 {
    overflow-wrap: anywhere;
  }
  .item h3:focus {
    outline: none;
  }
  .badge {
    margin-inline-start: 0.35em;
    padding: 0 0.45em;
    border: 1px solid currentColor;
    border-radius: 1em;
    font-size: 0.85em;
    color: var(--_warn);
  }
  .context {
    padding-inline-start: calc(0.6 * var(--_space));
    border-inline-start: 0.2em solid var(--_border);
    color: var(--_muted);
    font-size: 0.93em;
    overflow-wrap: anywhere;
  }
  .context q {
    font-style: italic;
  }
  .content {
    display: flex;
    flex-direction: column;
    gap: calc(0.3 * var(--_space));
    align-items: flex-start;
    min-width: 0;
  }
  .title {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-width: 100%;
  }
  .text.clamped {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 5;
    overflow: hidden;
  }
  .link-button {
    color: var(--_accent);
    cursor: pointer;
  }
  .link-button:hover {
    text-decoration: underline;
  }
  .tags {
    color: var(--_muted);
    font-size: 0.87em;
    overflow-wrap: anywhere;
  }
  .reports {
    display: flex;
    flex-direction: column;
    gap: calc(0.35 * var(--_space));
    padding: calc(0.55 * var(--_space)) calc(0.75 * var(--_space));
    border-radius: var(--_radius);
    background: var(--_subtle);
    font-size: 0.93em;
  }
  .reports ul {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.35 * var(--_space));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .chip {
    display: inline-flex;
    gap: 0.4em;
    align-items: baseline;
    padding: 0 0.55em;
    border: 1px solid var(--_border);
    border-radius: 1em;
    background: var(--_surface);
    overflow-wrap: anywhere;
  }
  .chip .count {
    font-weight: 600;
  }
  .chip code,
  .watch code {
    font-size: 0.95em;
  }
  .reports .notes {
    flex-direction: column;
  }
  .notes li {
    padding-inline-start: calc(0.6 * var(--_space));
    border-inline-start: 0.2em solid var(--_warn);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .label {
    font-weight: 600;
  }
  .decision {
    color: var(--_muted);
    font-size: 0.93em;
    overflow-wrap: anywhere;
  }
  .decision q {
    color: var(--_text);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(0.5 * var(--_space));
    align-items: center;
  }
  .reason-form {
    display: flex;
    flex-direction: column;
    gap: calc(0.4 * var(--_space));
  }
  .reason-form label {
    font-weight: 600;
  }
  textarea {
    width: 100%;
    min-height: 4.5em;
    padding: calc(0.45 * var(--_space)) calc(0.6 * var(--_space));
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    background: var(--_surface);
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
`;

/**
 * One tab of the queue: its items with their context, and Hide (with the reason the author is
 * shown), Restore and Dismiss. An item leaves the list once its decision is stored, which the
 * live region says; a failed action keeps what was typed and says why beside it.
 */
export class HearthModerationQueue extends HearthPart {
  static override properties = {
    view: fromWidget,
    community: fromWidget,
    _closed: { state: true },
    _said: { state: true },
  };

  declare view: QueueView;
  declare community: string | null;
  /** Which decisions the Closed tab shows. */
  declare _closed: 'dismissed' | 'restored';
  /** What the live region last said. */
  declare _said: string;

  #page = new Loader<ModerationQueue>(this);
  #more = new MorePages<ModerationItem>(this, this.#page, keyOf);
  /** What is being done with each item, by `kind-id`. */
  #work = new Map<string, Work>();

  constructor() {
    super();
    this.view = 'open';
    this.community = null;
    this._closed = 'dismissed';
    this._said = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adopt(this.getRootNode(), linkButtonStyles);
    adopt(this.getRootNode(), styles);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.scopeChanged(changed, ['view', 'community', '_closed'])) void this.#load();
  }

  override reload(): Promise<void> {
    return this.#load();
  }

  get #status(): ModerationStatus {
    return this.view === 'closed' ? this._closed : this.view;
  }

  async #load(): Promise<void> {
    const { client } = this;
    const query = { status: this.#status, community: this.community ?? undefined };
    this.#work.clear();
    this.#more.reset();
    await this.#page.run((signal) => moderationQueue(client, query, signal));
    // Someone who moderates nothing: the widget says so instead of its tabs.
    if (this.#page.error?.status === 403) this.emit(new Event('hearth-moderation-forbidden'));
  }

  readonly #loadMore = () =>
    void this.#more.load((cursor) =>
      moderationQueue(this.client, { status: this.#status, community: this.community ?? undefined, cursor }),
    );

  #workOf(item: ModerationItem): Work {
    const key = keyOf(item);
    let work = this.#work.get(key);
    if (!work) {
      work = { asking: false, reason: '', busy: null, error: null, reasonError: false, expanded: false };
      this.#work.set(key, work);
    }
    return work;
  }

  #change(item: ModerationItem, change: Partial<Work>): void {
    Object.assign(this.#workOf(item), change);
    this.requestUpdate();
  }

  #ask(item: ModerationItem): void {
    this.#change(item, { asking: true, error: null, reasonError: false });
    void this.#focus(`#reason-${keyOf(item)}`);
  }

  #cancel(item: ModerationItem): void {
    this.#change(item, { asking: false, error: null, reasonError: false });
    void this.#focus(`[data-item="${keyOf(item)}"] .hide`);
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  async #decide(item: ModerationItem, action: ModerationAction): Promise<void> {
    const work = this.#workOf(item);
    if (work.busy) return;
    const reason = work.reason.trim();
    if (action === 'hide' && !reason) {
      this.#change(item, { error: (locale) => t(locale, 'reasonRequired'), reasonError: true });
      void this.#focus(`#reason-${keyOf(item)}`);
      return;
    }
    this.#change(item, { busy: action, error: null, reasonError: false });
    try {
      const { client } = this;
      const decided =
        action === 'hide'
          ? await hideContent(client, item.kind, item.id, reason)
          : action === 'restore'
            ? await restoreContent(client, item.kind, item.id)
            : await dismissReports(client, item.kind, item.id);
      this.#leave(item);
      this._said = t(this.locale, `said_${action}`);
      this.emit(new HearthModerationDecisionEvent(action, decided));
    } catch (error) {
      const failure = error instanceof HearthError ? error : HearthError.network();
      // A 400 about the reason is the form's to show, beside the field.
      const aboutReason = failure.status === 400 && action === 'hide';
      this.#change(item, { busy: null, error: (locale) => errorText(locale, failure), reasonError: aboutReason });
    }
  }

  /** Takes a decided item out of the list, with focus on the next one (or the tab, when none is left). */
  #leave(item: ModerationItem): void {
    const current = this.#page.value;
    if (!current) return;
    const key = keyOf(item);
    const index = current.items.findIndex((i) => keyOf(i) === key);
    const rest = current.items.filter((i) => keyOf(i) !== key);
    const root = this.getRootNode() as ShadowRoot | Document;
    const focused = root.activeElement;
    const hadFocus = focused !== null && this.querySelector(`[data-item="${key}"]`)?.contains(focused);
    this.#work.delete(key);
    this.#page.set({ ...current, items: rest });
    if (!hadFocus) return;
    const next = rest[Math.min(index, rest.length - 1)];
    if (next) void this.#focus(`#title-${keyOf(next)}`);
    else void this.updateComplete.then(() => root.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus());
  }

  protected override render() {
    return html`${this.view === 'closed' ? this.#renderFilter() : nothing}${this.#renderList()}
      <p class="vh" role="status">${this._said}</p>`;
  }

  #renderFilter() {
    const locale = this.locale;
    return html`<div class="toggle" role="group" part="filter" aria-label=${t(locale, 'show')}>
      ${(['dismissed', 'restored'] as const).map(
        (status) => html`<button
          type="button"
          aria-pressed=${this._closed === status ? 'true' : 'false'}
          @click=${() => (this._closed = status)}
        >
          ${t(locale, `status_${status}`)}
        </button>`,
      )}
    </div>`;
  }

  #renderList() {
    const locale = this.locale;
    const page = this.#page;
    // 403 is the widget's to say (instead of its tabs).
    if (page.error?.status === 403) return nothing;
    const failed = failureBox(locale, page, { failed: t(locale, 'loadFailed'), signedOut: tm(locale, 'signedOut') }, this.retry);
    if (failed) return failed;
    const value = page.value;
    if (!value) return skeleton(tm(locale, 'loading'));
    if (value.items.length === 0) return stateBox(t(locale, `empty_${this.#status}`));
    return html`<ul class="items" role="list">
        ${value.items.map((item) => html`<li>${this.#renderItem(item)}</li>`)}
      </ul>
      ${this.#more.render(locale, this.#loadMore)}`;
  }

  #renderItem(item: ModerationItem) {
    const locale = this.locale;
    const key = keyOf(item);
    const work = this.#workOf(item);
    const { content, community } = item;
    const kind = item.kind === 'post' && content.parentId !== null ? 'reply' : item.kind;
    const long = content.body.length > CLAMP_CHARS || content.body.split('\n').length > CLAMP_LINES;
    const clamped = long && !work.expanded;
    return html`<article class="item box" part="item" data-item=${key} aria-labelledby="title-${key}">
      <div class="head">
        <span class="avatar ${toneClass(content.author.id)}" part="avatar" aria-hidden="true" data-hearth-person=${content.author.handle}>${initials(content.author.name)}</span>
        <div>
          <h3 id="title-${key}" tabindex="-1">${t(locale, 'itemTitle', { kind: t(locale, `kind_${kind}`), name: content.author.name })}</h3>
          <p class="meta dots">
            ${dots([
              community
                ? html`<span
                    >${community.name}${community.visibility === 'restricted'
                      ? html`<span class="badge">${t(locale, 'restricted')}</span>`
                      : nothing}</span
                  >`
                : null,
              when(locale, 'written', content.createdAt),
              when(locale, 'flagged', item.openedAt),
            ])}
          </p>
        </div>
      </div>
      ${content.context
        ? html`<p class="context">
            <span class="label">${t(locale, kind === 'answer' ? 'answerTo' : 'replyTo')}</span> <q dir="auto">${content.context}</q>
          </p>`
        : nothing}
      <div class="content" part="content">
        ${content.title ? html`<p class="title" dir="auto">${content.title}</p>` : nothing}
        <p class="text${clamped ? ' clamped' : ''}" id="text-${key}" dir="auto">${content.body}</p>
        ${long
          ? html`<button
              type="button"
              class="link-button"
              aria-expanded=${work.expanded ? 'true' : 'false'}
              aria-controls="text-${key}"
              @click=${() => this.#change(item, { expanded: !work.expanded })}
            >
              ${t(locale, work.expanded ? 'showLess' : 'showMore')}
            </button>`
          : nothing}
        ${item.kind === 'question' && content.tags.length
          ? // A post's and an answer's #tags are in their text already; a question's are chips of their own.
            html`<p class="tags">${content.tags.map((tag) => `#${tag}`).join(' ')}</p>`
          : nothing}
        ${content.deleted ? html`<p class="note">${t(locale, 'deleted')}</p>` : nothing}
      </div>
      ${this.#renderReports(item)} ${this.#renderDecision(item)} ${this.#renderActions(item, work)}
    </article>`;
  }

  #renderReports(item: ModerationItem) {
    const locale = this.locale;
    return html`<div class="reports" part="reports">
      ${item.reporterCount > 0
        ? html`<p class="label">${plural(locale, 'reporters', item.reporterCount)}</p>
            ${item.reasons.length
              ? html`<ul aria-label=${t(locale, 'reasons')}>
                  ${item.reasons.map(
                    (r) => html`<li class="chip">${t(locale, `${r.reason}Reason`)} <span class="count">${formatNumber(locale, r.count)}</span></li>`,
                  )}
                </ul>`
              : nothing}
            ${item.notes.length
              ? html`<ul class="notes" aria-label=${t(locale, 'notes')}>
                  ${item.notes.map((note) => html`<li dir="auto">${note}</li>`)}
                </ul>`
              : nothing}`
        : html`<p>${t(locale, 'notReported')}</p>`}
      ${item.keywords.length
        ? html`<p class="watch">
            <span class="label">${t(locale, 'watched')}</span>
            ${item.keywords.map((k) => html`<code class="chip">${k}</code> `)}
          </p>`
        : nothing}
    </div>`;
  }

  #renderDecision(item: ModerationItem) {
    const d = item.decision;
    if (!d) return nothing;
    const locale = this.locale;
    return html`<p class="decision" part="decision">
      ${t(locale, `decision_${d.action}`, { name: d.by.name, when: formatRelative(locale, d.at) })}
      ${d.note ? html`<br /><span class="label">${t(locale, 'decisionWhy')}</span> <q dir="auto">${d.note}</q>` : nothing}
    </p>`;
  }

  #renderActions(item: ModerationItem, work: Work) {
    const locale = this.locale;
    const key = keyOf(item);
    const error = work.error ? html`<p class="message" role="alert" id="error-${key}">${work.error(locale)}</p>` : nothing;
    if (work.asking) {
      const busy = work.busy === 'hide';
      return html`<form
        class="reason-form"
        part="reason-form"
        novalidate
        @submit=${(event: Event) => {
          event.preventDefault();
          void this.#decide(item, 'hide');
        }}
        @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && !busy && this.#cancel(item)}
      >
        <label for="reason-${key}">${t(locale, 'reasonLabel')}</label>
        <textarea
          id="reason-${key}"
          maxlength="500"
          required
          aria-invalid=${work.reasonError ? 'true' : 'false'}
          aria-describedby=${work.error ? `error-${key}` : nothing}
          .value=${work.reason}
          @input=${(event: InputEvent) => (work.reason = (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${error}
        <div class="actions" part="actions">
          <button type="submit" class="danger" aria-disabled=${busy ? 'true' : 'false'}>${t(locale, busy ? 'busy_hide' : 'hide')}</button>
          <button type="button" class="quiet" ?disabled=${busy} @click=${() => this.#cancel(item)}>${t(locale, 'cancel')}</button>
        </div>
      </form>`;
    }
    const actions: ModerationAction[] = item.status === 'open' ? ['hide', 'dismiss'] : item.status === 'hidden' ? ['restore'] : ['hide'];
    return html`${error}
      <div class="actions" part="actions">
        ${actions.map(
          (action) => html`<button
            type="button"
            class=${action === 'hide' ? 'hide' : action === 'restore' ? 'primary' : ''}
            aria-disabled=${work.busy ? 'true' : 'false'}
            @click=${() => (work.busy ? null : action === 'hide' ? this.#ask(item) : void this.#decide(item, action))}
          >
            ${t(locale, work.busy === action ? `busy_${action}` : action)}
          </button>`,
        )}
      </div>`;
  }
}

/** "written 2 hours ago", with the full date on hover. */
function when(locale: string, key: 'written' | 'flagged', iso: string) {
  return html`<time datetime=${iso} title=${formatDate(locale, iso)}>${t(locale, key, { when: formatRelative(locale, iso) })}</time>`;
}
