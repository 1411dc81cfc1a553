import { html, nothing, type PropertyValues } from 'lit';
import type { PersonActivity, PersonCard, PersonSkill } from '@hearth/contracts';
import { dots } from '../runtime/dots.ts';
import { HearthError, isAbort } from '../runtime/errors.ts';
import { HearthElement } from '../runtime/hearth-element.ts';
import { formatDate, formatRelative } from '../runtime/i18n.ts';
import { Loader } from '../runtime/loader.ts';
import { initials, toneClass } from '../runtime/people.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { errorText } from '../runtime/strings.ts';
import { personCard, setAway, setEndorsement } from './api.ts';
import { HearthAskPersonEvent, HearthPersonFollowEvent } from './events.ts';
import { chipStyles } from '../runtime/styles.ts';
import { personStyles } from './hearth-person.styles.ts';
import type { SkillsEditor } from './skills-editor.ts';
import { personPack, plural, t } from './strings.ts';

/** A skill's reasons in the order they are told, strongest first. */
const REASONS = ['acceptedAnswers', 'upvotes', 'declared', 'endorsements'] as const;
/** Skills shown before "Show all": the card's, and the hover card's. */
const SKILLS = 8;
const HOVER_SKILLS = 3;

/** A template with its `{placeholders}` filled, URL-encoded, as permalink.ts's fillTemplate (not imported: a page with only this card stays under its budget). */
const fillTemplate = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{([A-Za-z]\w*)\}/g, (_, name: string) => (Object.hasOwn(values, name) ? encodeURIComponent(String(values[name])) : ''));

/** The http(s) template, or null (a `javascript:` URL an editor pasted is refused). */
function safeTemplate(template: string | null): string | null {
  if (!template) return null;
  try {
    const { protocol } = new URL(template.replace(/\{[A-Za-z]\w*\}/g, 'x'), document.baseURI);
    if (protocol === 'http:' || protocol === 'https:') return template;
  } catch {
    // Refused below.
  }
  console.warn(`Hearth: ignoring the template "${template}", which is not an http(s) URL.`);
  return null;
}

/**
 * A person's card: name, title and department, whether they are away, what they know with the
 * reasons (accepted answers, upvotes, declared, colleagues' endorsements; Endorse and Withdraw
 * for someone else's skill), their communities and recent posts and answers, Follow, and "Ask
 * <first name>". On your own card you edit your declared skills (with tag suggestions) and mark
 * yourself away. A handle that does not exist, or that you may not see, reads "not found".
 *
 * "Ask <name>" fires `hearth-ask-person`: a `<hearth-ask-expert>` on the same page opens its
 * question form with the person suggested. With `ask-href-template` it is a link to the portal's
 * ask page instead. The same element, `compact`, is the hover card every widget shows on a name,
 * an avatar or a mention.
 *
 * @summary A person's card: what they know and why, their communities and recent work; Follow and Ask.
 * @tagname hearth-person
 *
 * @csspart base - The card.
 * @csspart header - The avatar, name, role and actions.
 * @csspart avatar - The person's initials.
 * @csspart name - The person's name.
 * @csspart badge - The "Away" badge.
 * @csspart follow - The Follow / Following button.
 * @csspart ask - The "Ask <name>" button (or link).
 * @csspart skills - The list of what they know.
 * @csspart skill - Each skill with its reasons.
 * @csspart endorse - The Endorse / Withdraw button of a skill.
 * @csspart communities - The list of their communities.
 * @csspart recent - The list of their recent posts and answers.
 * @csspart edit - Your own card's away switch.
 * @csspart state - The loading, not found, error and signed-out messages.
 *
 * @fires hearth-ask-person - "Ask <name>" was pressed (no `ask-href-template`). `event.handle`, `event.name`, `event.person`, `event.tags`; cancelable: a handler calls `preventDefault()`.
 * @fires hearth-person-follow - The person was followed or unfollowed here. `event.handle`, `event.following`.
 */
export class HearthPerson extends HearthElement {
  static override styles = [...HearthElement.styles, chipStyles, personStyles];
  static override packs = [personPack];

  static override properties = {
    handle: { type: String },
    compact: { type: Boolean, reflect: true },
    askHrefTemplate: { type: String, attribute: 'ask-href-template' },
    postHrefTemplate: { type: String, attribute: 'post-href-template' },
    questionHrefTemplate: { type: String, attribute: 'question-href-template' },
    _busy: { state: true },
    _message: { state: true },
    _editing: { state: true },
    _allSkills: { state: true },
  };

  /** Whose card: their handle (`mira.lindqvist`). */
  declare handle: string;
  /** The hover card's size: who they are, their top skills, Follow and Ask. */
  declare compact: boolean;
  /** "Ask <name>" links here instead of opening ask-expert on the page: `{handle}` is the person's handle. */
  declare askHrefTemplate: string | null;
  /** Where a recent post links (`{id}`, as the feed's `href-template`); default: Hearth's own page. */
  declare postHrefTemplate: string | null;
  /** Where a recent answer links (`{id}` the answer, `{kind}` `answer`, `{parentId}` its question, as ask-expert's `href-template`). */
  declare questionHrefTemplate: string | null;
  /** A write on its way: its key (`follow`, `endorse:<tag>`, `away`). */
  declare _busy: string | null;
  /** What the last write said (saved, or why not). */
  declare _message: string;
  /** The skills editor of your own card, once its chunk is here. */
  declare _editing: SkillsEditor | null;
  /** Every skill shown, not only the strongest (SKILLS). */
  declare _allSkills: boolean;

  #card = new Loader<PersonCard>(this);

  constructor() {
    super();
    this.handle = '';
    this.compact = false;
    this.askHrefTemplate = null;
    this.postHrefTemplate = null;
    this.questionHrefTemplate = null;
    this._busy = null;
    this._message = '';
    this._editing = null;
    this._allSkills = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(HearthPersonFollowEvent.type, this.#onFollowed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener(HearthPersonFollowEvent.type, this.#onFollowed);
  }

  /** The same person followed or unfollowed on another card of the page (a hover card): this one agrees. */
  readonly #onFollowed = (event: HearthPersonFollowEvent): void => {
    const card = this.#card.value;
    if (!card || card.isMe || card.person.handle !== event.handle || card.following === event.following) return;
    this.#card.set({ ...card, following: event.following, followers: Math.max(0, card.followers + (event.following ? 1 : -1)) });
  };

  /** The card's data, once loaded (tests and the hover card read it). */
  get card(): PersonCard | null {
    return this.#card.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.scopeChanged(changed, ['handle'])) {
      const { client } = this.session;
      const handle = this.handle.trim().replace(/^@/, '').toLowerCase();
      this._editing = null;
      this._message = '';
      this._allSkills = false;
      // An empty or malformed handle names no one: not found, without asking the server.
      // contracts/text's isHandle, not imported: it comes in a chunk with the tokenizer (0.9 KB).
      if (!/^[a-z0-9](?:[a-z0-9._-]{0,30}[a-z0-9])?$/.test(handle)) {
        this.#card.task = null;
        this.#card.set(null, 'not-found');
      } else {
        void this.#card.run((signal) => personCard(client, handle, signal));
      }
    }
  }

  protected override refresh(): Promise<void> {
    return this.#card.reload();
  }

  /** Runs a write, says why it failed; the card keeps what it showed. */
  async #write(key: string, run: () => Promise<void>): Promise<void> {
    if (this._busy) return;
    this._busy = key;
    this._message = '';
    try {
      await run();
    } catch (error) {
      if (isAbort(error)) return;
      this._message = t(this.locale, 'notSaved', { reason: errorText(this.locale, error instanceof HearthError ? error : HearthError.network()) });
    } finally {
      this._busy = null;
    }
  }

  #follow(card: PersonCard): void {
    const following = !card.following;
    void this.#write('follow', async () => {
      // Through the page's following store (a chunk shared with every Follow button), so the
      // feed's Following tab and other widgets hear of it.
      const { setFollowing } = await import('../runtime/follow.ts');
      const now = await setFollowing(this.session, 'person', card.person.handle, following);
      const followers = Math.max(0, card.followers + (now === card.following ? 0 : now ? 1 : -1));
      this.#card.set({ ...card, following: now, followers });
      this.emit(new HearthPersonFollowEvent(card.person.handle, now));
    });
  }

  #endorse(card: PersonCard, skill: PersonSkill): void {
    void this.#write(`endorse:${skill.tag}`, async () => {
      const state = await setEndorsement(this.session.client, card.person.handle, skill.tag, !skill.endorsedByMe);
      const current = this.#card.value ?? card;
      this.#card.set({ ...current, skills: current.skills.map((s) => (s.tag === skill.tag ? { ...s, ...state } : s)) });
    });
  }

  #away(card: PersonCard, away: boolean): void {
    void this.#write('away', async () => {
      const result = await setAway(this.session.client, away);
      this.#card.set({ ...(this.#card.value ?? card), away: result.away });
      this._message = t(this.locale, 'saved');
    });
  }

  #ask(card: PersonCard): void {
    const tags = card.skills.slice(0, 3).map((s) => s.tag);
    const event = new HearthAskPersonEvent(card.person, tags);
    this.emit(event);
    if (event.defaultPrevented) return;
    // No question box on this page took it: Hearth's own question page, with their skills.
    const { apiBase, tokenUrl } = this.session.config;
    const url = new URL('../../embed/ask-expert', apiBase);
    if (tags.length) url.searchParams.set('tags', tags.join(','));
    // The page's sign-in goes along (absolute already), so the new tab knows who asks.
    if (tokenUrl) url.searchParams.set('token-url', tokenUrl);
    window.open(url.href, '_blank', 'noopener');
  }

  async #edit(card: PersonCard): Promise<void> {
    const { SkillsEditor } = await import('./skills-editor.ts');
    const editor = new SkillsEditor(this, card.skills.filter((s) => s.declared).map((s) => s.tag), {
      client: () => this.session.client,
      saved: () => {
        this._editing = null;
        this._message = t(this.locale, 'saved');
        // The skills' reasons come from the server: the card loads again, keeping what it shows.
        void this.#card.reload(true).then(() => this.#focus('.edit-skills'));
      },
      cancel: () => {
        this._editing = null;
        void this.#focus('.edit-skills');
      },
    });
    this._editing = editor;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#skill-input')?.focus();
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  protected override render() {
    const locale = this.locale;
    const card = this.#card;
    const classes = `root ${this.themeClass}${this.compact ? ' compact' : ''}`;
    if (this.langs.loading || card.status === 'idle' || (card.status === 'loading' && !card.value)) {
      return html`<div class=${classes} part="base" aria-busy="true">
        <span class="vh" role="status">${this.langs.loading ? '' : t(locale, 'loading')}</span>
        <div class="skeleton" aria-hidden="true"><span class="avatar"></span><span class="line short"></span><span class="line"></span></div>
      </div>`;
    }
    const failed =
      card.status === 'not-found'
        ? stateBox(t(locale, 'notFound'))
        : failureBox(locale, card, { failed: t(locale, 'failed'), signedOut: t(locale, 'signedOut') }, this.retry);
    if (failed || !card.value) return html`<div class=${classes} part="base">${failed}</div>`;
    const value = card.value;
    const label = t(locale, 'cardOf', { name: value.person.name });
    return html`<article class=${classes} part="base" aria-label=${label}>
      ${this.#renderHeader(value)}
      ${value.away ? html`<p class="away-note">${t(locale, 'awayNote')}</p>` : nothing}
      ${value.isMe && !this.compact ? this.#renderOwn(value) : nothing}
      ${this.#renderSkills(value)}
      ${this.compact ? nothing : html`${this.#renderCommunities(value)}${this.#renderRecent(value)}`}
      <p class="message" role="status">${this._message}</p>
    </article>`;
  }

  #renderHeader(card: PersonCard) {
    const locale = this.locale;
    const p = card.person;
    const first = p.name.trim().split(/\s+/)[0] ?? p.name;
    const askTemplate = safeTemplate(this.askHrefTemplate);
    const ask = card.isMe
      ? nothing
      : askTemplate
        ? html`<a class="button ask" part="ask" href=${fillTemplate(askTemplate, { id: p.handle, handle: p.handle })}>${t(locale, 'ask', { name: first })}</a>`
        : html`<button type="button" class="ask" part="ask" @click=${() => this.#ask(card)}>${t(locale, 'ask', { name: first })}</button>`;
    const follow = card.isMe
      ? nothing
      : html`<button
          type="button"
          class=${card.following ? 'follow' : 'follow primary'}
          part="follow"
          aria-pressed=${card.following ? 'true' : 'false'}
          aria-disabled=${this._busy === 'follow' ? 'true' : 'false'}
          @click=${() => this.#follow(card)}
        >
          ${t(locale, card.following ? 'following' : 'follow')}
        </button>`;
    const Heading = this.compact ? html`<p class="name" part="name">${p.name}</p>` : html`<h2 class="name" part="name">${p.name}</h2>`;
    return html`<header class="header" part="header">
      <span class="avatar big ${toneClass(p.id)}" part="avatar" aria-hidden="true">${initials(p.name)}</span>
      <div class="id">
        <div class="name-line">${Heading}${card.away ? html`<span class="badge away" part="badge">${t(locale, 'away')}</span>` : nothing}</div>
        ${p.title || p.department ? html`<p class="role dots">${dots([p.title, p.department])}</p>` : nothing}
        <p class="followers">${plural(locale, 'followers', card.followers)}</p>
      </div>
      ${card.isMe ? nothing : html`<div class="actions">${follow}${ask}</div>`}
    </header>`;
  }

  #renderOwn(card: PersonCard) {
    const locale = this.locale;
    return html`<div class="own" part="edit">
      <label class="switch"
        ><input type="checkbox" .checked=${card.away} ?disabled=${this._busy === 'away'} @change=${(e: Event) => this.#away(card, (e.target as HTMLInputElement).checked)} />
        ${t(locale, 'iAmAway')}</label
      >
    </div>`;
  }

  #renderSkills(card: PersonCard) {
    const locale = this.locale;
    const cut = this.compact ? HOVER_SKILLS : this._allSkills ? Infinity : SKILLS;
    const skills = card.skills.slice(0, cut);
    const more = !this.compact && card.skills.length > SKILLS;
    const editing = this._editing;
    return html`<section class="section" aria-labelledby="skills-title">
      <h3 id="skills-title">${t(locale, card.isMe ? 'iKnow' : 'knows')}</h3>
      ${skills.length
        ? html`<ul class="skills" part="skills">
            ${skills.map((s) => this.#renderSkill(card, s))}
          </ul>`
        : html`<p class="muted">${t(locale, 'noSkills')}</p>`}
      ${more
        ? html`<button type="button" class="quiet more" aria-expanded=${this._allSkills ? 'true' : 'false'} @click=${() => (this._allSkills = !this._allSkills)}>
            ${this._allSkills ? t(locale, 'fewerSkills') : t(locale, 'allSkills', { n: card.skills.length })}
          </button>`
        : nothing}
      ${card.isMe && !this.compact
        ? editing
          ? editing.render(locale)
          : html`<button type="button" class="edit-skills" @click=${() => this.#edit(card)}>${t(locale, 'editSkills')}</button>`
        : nothing}
    </section>`;
  }

  #renderSkill(card: PersonCard, s: PersonSkill) {
    const locale = this.locale;
    const facts = REASONS.filter((k) => s[k]).map((k) => (k === 'declared' ? t(locale, 'declared') : plural(locale, k, Number(s[k]))));
    const name = card.person.name;
    // Endorse what someone else lists or earned; never your own.
    const endorse =
      card.isMe || this.compact
        ? nothing
        : html`<button
            type="button"
            class="endorse quiet"
            part="endorse"
            aria-pressed=${s.endorsedByMe ? 'true' : 'false'}
            aria-label=${t(locale, s.endorsedByMe ? 'withdrawLabel' : 'endorseLabel', { name, tag: s.tag })}
            aria-disabled=${this._busy === `endorse:${s.tag}` ? 'true' : 'false'}
            @click=${() => this.#endorse(card, s)}
          >
            ${t(locale, s.endorsedByMe ? 'withdraw' : 'endorse')}
          </button>`;
    return html`<li class="skill" part="skill" data-tag=${s.tag}>
      <span class="what"><span class="chip">#${s.tag}</span>${facts.length ? html`<span class="facts dots">${dots(facts)}</span>` : nothing}</span>
      ${endorse}
    </li>`;
  }

  #renderCommunities(card: PersonCard) {
    const locale = this.locale;
    if (!card.communities.length) return nothing;
    return html`<section class="section" aria-labelledby="communities-title">
      <h3 id="communities-title">${t(locale, 'communities')}</h3>
      <ul class="communities" part="communities">
        ${card.communities.map(
          (c) => html`<li>${c.name}${c.role === 'manager' ? html` <span class="muted">(${t(locale, 'manager')})</span>` : nothing}</li>`,
        )}
      </ul>
    </section>`;
  }

  #href(item: PersonActivity): string {
    const api = this.session.config.apiBase;
    if (item.kind === 'post') {
      const template = safeTemplate(this.postHrefTemplate);
      return template ? fillTemplate(template, { id: item.id, kind: 'post', parentId: '' }) : new URL(`../../embed/post/${item.id}`, api).href;
    }
    const template = safeTemplate(this.questionHrefTemplate);
    if (template) return fillTemplate(template, { id: item.id, kind: 'answer', parentId: item.questionId });
    const url = new URL(`../../embed/question/${item.questionId}`, api);
    url.searchParams.set('answer', String(item.id));
    return url.href;
  }

  #renderRecent(card: PersonCard) {
    const locale = this.locale;
    return html`<section class="section" aria-labelledby="recent-title">
      <h3 id="recent-title">${t(locale, 'recent')}</h3>
      ${card.recent.length
        ? html`<ul class="recent" part="recent">
            ${card.recent.map(
              (item) => html`<li>
                <a class="link" href=${this.#href(item)}
                  >${item.kind === 'post' ? item.excerpt : t(locale, 'answerTo', { title: item.questionTitle })}</a
                >
                <span class="facts dots"
                  >${dots([
                    html`<time datetime=${item.createdAt} title=${formatDate(locale, item.createdAt)}>${formatRelative(locale, item.createdAt)}</time>`,
                    item.kind === 'post' ? item.community?.name : item.accepted ? t(locale, 'accepted') : null,
                  ])}</span
                >
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t(locale, 'noRecent')}</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-person': HearthPerson;
  }
}
