import { html, nothing, type PropertyValues } from 'lit';
import type { Expert, ExpertList, PersonSummary } from '@hearth/contracts';
import { dots } from '../runtime/dots.ts';
import { Loader } from '../runtime/loader.ts';
import { failureBox, stateBox } from '../runtime/state.ts';
import { findExperts } from './api.ts';
import { HearthPart, fromWidget } from '../runtime/hearth-part.ts';
import { avatar, role, skeletons } from './parts.ts';
import { plural, t } from './strings.ts';

/** An expert's reasons in the order they are told, strongest first. */
const REASONS = ['acceptedAnswers', 'answers', 'upvotes', 'posts', 'declared', 'endorsements'] as const;

/**
 * The people who know about some tags, inside `<hearth-ask-expert>`: the whole answer to "who
 * knows about these tags?" in the `experts` view (each person's reasons), or a brief panel next
 * to the question form that follows its chips and leaves the asker out.
 *
 * @summary The people who know in `<hearth-ask-expert>`.
 * @tagname hearth-ask-expert-experts
 * @csspart experts - The list of people who know.
 * @csspart avatar - A person's initials.
 * @csspart state - The loading, empty and error messages.
 */
export class HearthAskExpertExperts extends HearthPart {
  static override usesMe = true;
  static override properties = {
    tags: fromWidget,
    community: fromWidget,
    brief: fromWidget,
    suggested: fromWidget,
  };

  /** The tags to find people for. */
  declare tags: string[];
  /** Only people of this community (its slug); empty: the whole intranet. */
  declare community: string | null;
  /** The panel next to the form: five people without their reasons, the asker left out. */
  declare brief: boolean;
  /** The person "Ask <name>" suggested (brief panel): first, whether or not the tags find them. */
  declare suggested: PersonSummary | null;

  #experts = new Loader<ExpertList>(this);

  constructor() {
    super();
    this.tags = [];
    this.community = null;
    this.brief = false;
    this.suggested = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.scopeChanged(changed, ['tags', 'community', 'brief'])) return;
    const { tags, brief } = this;
    // New chips keep the people on show while the next ones load; anything else starts afresh.
    if (!brief || this.scopeChanged(changed, ['community'])) this.#experts.clear();
    if (!tags.length) return this.#experts.clear();
    const { client, $person } = this.session!;
    const exclude = brief ? $person.get()?.handle : undefined;
    const query = { tags, community: this.community || undefined, exclude, limit: brief ? 5 : 10 };
    void this.#experts.run((signal) => findExperts(client, query, signal), true);
  }

  override reload(): Promise<void> {
    return this.#experts.reload();
  }

  protected override render() {
    const { locale, tags, brief } = this;
    const named = tags.map((tag) => `#${tag}`).join(', ');
    return html`<section class=${brief ? 'panel' : 'experts'} aria-labelledby="experts-title">
      <h2 id="experts-title">${brief || !tags.length ? t(locale, 'experts') : t(locale, 'whoKnows', { tags: named })}</h2>
      ${this.#renderContent(named)}
    </section>`;
  }

  #renderContent(named: string) {
    const { locale, tags, brief } = this;
    const experts = this.#experts;
    const suggested = brief && this.suggested && this.suggested.id !== this.meId ? this.suggested : null;
    const first = suggested ? html`<ul class="people" part="experts">${this.#renderSuggested(suggested)}</ul>` : nothing;
    if (!tags.length) return brief ? html`${first}<p class="muted">${t(locale, 'expertsHint')}</p>` : stateBox(t(locale, 'noTopic'));
    const failed = failureBox(locale, experts, { failed: t(locale, 'expertsFailed'), signedOut: t(locale, 'signedOut') }, this.retry);
    if (failed) return html`${first}${failed}`;
    if (!experts.value) return html`${first}${skeletons(brief ? 2 : 3)}`;
    const items = experts.value.items.filter((x) => !brief || (x.person.id !== this.meId && x.person.id !== suggested?.id));
    if (!items.length) return suggested ? first : stateBox(t(locale, 'noExperts', { tags: named }));
    return html`<ul class=${brief ? 'people' : 'people box'} part="experts" aria-busy=${experts.status === 'loading' ? 'true' : 'false'}>
      ${suggested ? this.#renderSuggested(suggested) : nothing}${items.map((x) => this.#renderExpert(x))}
    </ul>`;
  }

  /** The person "Ask <name>" on their card suggested. */
  #renderSuggested(p: PersonSummary) {
    return html`<li class="person suggested" data-suggested=${p.handle}>
      ${avatar(p)}
      <div class="who">
        <span class="author" role="button" tabindex="0" aria-haspopup="dialog" aria-expanded="false" data-hearth-person=${p.handle}>${p.name}</span>
        ${role(p)}
        <span class="reason">${t(this.locale, 'suggestedExpert')}</span>
      </div>
    </li>`;
  }

  #renderExpert(x: Expert) {
    const locale = this.locale;
    const p = x.person;
    return html`<li class="person">
      ${avatar(p)}
      <div class="who">
        <span class="author" role="button" tabindex="0" aria-haspopup="dialog" aria-expanded="false" data-hearth-person=${p.handle}>${p.name}</span>
        ${role(p)}
        <span class="reason">${x.summary}</span>
        ${this.brief
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
}

declare global {
  interface HTMLElementTagNameMap {
    'hearth-ask-expert-experts': HearthAskExpertExperts;
  }
}
