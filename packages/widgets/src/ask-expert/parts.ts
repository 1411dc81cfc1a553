import { html, nothing } from 'lit';
import { initials, toneClass } from '../runtime/people.ts';
import type { PersonSummary, QuestionState } from '@hearth/contracts';
import { dots } from '../runtime/dots.ts';
import { formatDate, formatRelative } from '../runtime/i18n.ts';
import { lazyDefine } from '../runtime/lazy-define.ts';

/*
 * Small templates the parts of the widget draw with (they share one shadow root and its
 * styles): avatars, status badges, times and skeletons.
 */


/** The initials on one of eight tones picked by id, so a person keeps their colour. */
export const avatar = (p: PersonSummary) =>
  html`<span class="avatar ${toneClass(p.id)}" part="avatar" aria-hidden="true" data-hearth-person=${p.handle}>${initials(p.name)}</span>`;

/** "Staff Engineer · Platform", or nothing for someone with neither. */
export const role = (p: PersonSummary) =>
  p.title || p.department ? html`<span class="role dots">${dots([p.title, p.department])}</span>` : nothing;

/** Open or Answered, in words (the colour only repeats them). */
export const badge = (text: string, state: QuestionState) => html`<span class="badge ${state}" part="badge">${text}</span>`;

export const when = (locale: string, iso: string) =>
  html`<time datetime=${iso} title=${formatDate(locale, iso)}>${formatRelative(locale, iso)}</time>`;

export const skeletons = (n: number) =>
  [...Array(n).keys()].map(
    () => html`<div class="skeleton" aria-hidden="true"><span class="line short"></span><span class="line"></span></div>`,
  );

/** Every part of the widget, for its `reload()`. */
export const PARTS =
  'hearth-ask-expert-form, hearth-ask-expert-list, hearth-ask-expert-experts, hearth-ask-expert-question, hearth-ask-expert-inbox';

const experts = () =>
  lazyDefine('hearth-ask-expert-experts', () => import('./hearth-ask-expert-experts.ts').then((m) => m.HearthAskExpertExperts));

/**
 * The parser of the widget's `tags` attribute, once its chunk is here (topics.ts, fetched with
 * the first view): it brings the tag normalizing of the text tokenizer, which the widget's first
 * download then does without.
 */
export let parseTags: ((value: string | null) => string[]) | null = null;

const topics = () =>
  import('./topics.ts').then((m) => {
    parseTags = m.parseTags;
  });

/**
 * Each view's elements come in a chunk of their own, fetched as the widget starts (in parallel
 * with the person and the data): a page shows one view, and downloads only that one.
 */
export function loadView(view: string): Promise<unknown> {
  if (view === 'questions') {
    return Promise.all([lazyDefine('hearth-ask-expert-list', () => import('./hearth-ask-expert-list.ts').then((m) => m.HearthAskExpertList)), topics()]);
  }
  if (view === 'experts') return Promise.all([experts(), topics()]);
  if (view === 'question') {
    return Promise.all([lazyDefine('hearth-ask-expert-question', () => import('./hearth-ask-expert-question.ts').then((m) => m.HearthAskExpertQuestion)), topics()]);
  }
  if (view === 'mine' || view === 'for-me') {
    return Promise.all([lazyDefine('hearth-ask-expert-inbox', () => import('./hearth-ask-expert-inbox.ts').then((m) => m.HearthAskExpertInbox)), topics()]);
  }
  // The form shows the people who know beside it.
  return Promise.all([
    lazyDefine('hearth-ask-expert-form', () => import('./hearth-ask-expert-form.ts').then((m) => m.HearthAskExpertForm)),
    experts(),
    topics(),
  ]);
}

/** Whether `view` can be shown: its element is defined and the widget's tags can be read. */
export const viewReady = (view: string): boolean => !!customElements.get(viewElement(view)) && parseTags !== null;

/** The element a view is drawn by, to know whether it is defined yet. */
export const viewElement = (view: string) =>
  view === 'questions' ? 'hearth-ask-expert-list'
  : view === 'experts' ? 'hearth-ask-expert-experts'
  : view === 'mine' || view === 'for-me' ? 'hearth-ask-expert-inbox'
  : view === 'question' ? 'hearth-ask-expert-question'
  : 'hearth-ask-expert-form';
