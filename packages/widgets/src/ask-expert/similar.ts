import { css, html, nothing, type TemplateResult } from 'lit';
import { errorStrings } from '../runtime/strings.ts';
import type { Question, SimilarQuestions } from '@hearth/contracts';
import { askPack } from './strings.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { renderRichText } from '../runtime/rich-text.ts';
import type { Loader } from '../runtime/loader.ts';
import { adopt } from '../runtime/adopt.ts';
import { skeletons } from './parts.ts';

/*
 * The similar questions next to the question form. Loaded with its own chunk when someone first
 * types a title (the lookup waits for a pause in typing anyway), so the form renders without it;
 * its words and styles travel with it.
 */

export const similarStrings = defineStrings(askPack, 'similar', {
  similar: 'Similar questions',
  found_one: '{n} similar question found.',
  found_other: '{n} similar questions found.',
  none: 'No similar question yet. Ask away.',
  failed: 'Similar questions could not be looked up.',
  acceptedBy: 'Accepted answer by {name}',
  showAnswer: 'Show the whole answer',
  hideAnswer: 'Show less',
});
const { t, plural } = similarStrings;

// Longer accepted answers start folded to two lines, so several suggestions fit beside the form.
const EXCERPT_CHARS = 160;

const styles = css`
  .excerpt {
    margin-top: calc(0.4 * var(--_space));
    padding-inline-start: calc(0.75 * var(--_space));
    border-inline-start: 3px solid var(--_ok);
  }
  .clamp {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }
`;

export interface SimilarView {
  root: Node;
  locale: string;
  similar: Loader<SimilarQuestions>;
  /** The question whose accepted answer is unfolded. */
  expanded: number | null;
  toggle(id: number): void;
  /** A question's title (which opens it) and status line, as the widget's list shows them. */
  questionLink(q: Question): TemplateResult;
}

export function renderSimilar({ root, locale, similar, expanded: open, toggle, questionLink }: SimilarView) {
  adopt(root, styles);
  const items = similar.value?.items ?? [];
  if (similar.status === 'idle') return nothing;
  let content;
  if (similar.status === 'error') {
    content = html`<p class="muted">
      ${t(locale, 'failed')} <button type="button" @click=${() => similar.reload(true)}>${errorStrings.t(locale, 'retry')}</button>
    </p>`;
  } else if (!similar.value) content = skeletons(2);
  else if (!items.length) content = html`<p class="muted">${t(locale, 'none')}</p>`;
  else {
    content = html`<ul class="list">
      ${items.map(({ question: q, acceptedAnswer: a }) => {
        const long = (a?.body.length ?? 0) > EXCERPT_CHARS;
        const expanded = open === q.id;
        return html`<li class="item">
          ${questionLink(q)}
          ${a && !a.hidden
            ? html`<div class="excerpt">
                <p class="muted">${t(locale, 'acceptedBy', { name: a.author.name })}</p>
                <p class=${long && !expanded ? 'body clamp' : 'body'} id="excerpt-${q.id}">${renderRichText(a.body)}</p>
                ${long
                  ? html`<button
                      type="button"
                      class="link-button"
                      aria-expanded=${expanded ? 'true' : 'false'}
                      aria-controls="excerpt-${q.id}"
                      @click=${() => toggle(q.id)}
                    >
                      ${t(locale, expanded ? 'hideAnswer' : 'showAnswer')}
                    </button>`
                  : nothing}
              </div>`
            : nothing}
        </li>`;
      })}
    </ul>`;
  }
  return html`<section class="panel" part="similar" aria-labelledby="similar-title" aria-busy=${similar.status === 'loading' ? 'true' : 'false'}>
    <h2 id="similar-title">${t(locale, 'similar')}</h2>
    <p class="vh" role="status">${similar.value ? plural(locale, 'found', items.length) : ''}</p>
    ${content}
  </section>`;
}
