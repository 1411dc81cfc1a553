import { html, type TemplateResult } from 'lit';
import { tokenize, type TextToken } from '@hearth/contracts/text';
import type { Post } from '@hearth/contracts';
import { $selectedTag } from './stores.ts';
import { HearthTagSelectEvent } from './events.ts';

type Mentions = Post['mentions'];

/**
 * Post text as Lit templates. The text is never parsed as HTML: every piece becomes a text node
 * or an attribute value, so whatever a person typed shows up exactly as typed and cannot run.
 * Links are only ever http(s) (the tokenizer drops anything else). An `@handle` is a link only
 * when `mentions` (what the server found: real people) names it, to that person's posts on
 * Hearth (`apiBase` is the widget's API root); any other `@word` stays plain text.
 */
export function renderRichText(body: string, mentions: Mentions = [], apiBase?: string): Array<TemplateResult | string> {
  return tokenize(body).map((token) => renderToken(token, mentions, apiBase));
}

/** Hearth's page of a person's posts (until there are person cards). */
export function personHref(apiBase: string, handle: string): string {
  const url = new URL('../../embed/feed', apiBase);
  url.searchParams.set('author', handle);
  return url.href;
}

function renderToken(token: TextToken, mentions: Mentions, apiBase: string | undefined): TemplateResult | string {
  switch (token.kind) {
    case 'text':
      return token.text;
    case 'link':
      return html`<a class="link" part="link" href=${token.href} target="_blank" rel="noopener noreferrer ugc"
        >${token.text}</a
      >`;
    case 'tag':
      return html`<button type="button" class="tag" part="tag" @click=${selectTag(token.tag)}>${token.text}</button>`;
    case 'mention': {
      const name = mentions.find((m) => m.handle === token.handle)?.name;
      if (name === undefined || !apiBase) return token.text;
      return html`<a class="mention" part="mention" href=${personHref(apiBase, token.handle)} title=${name} data-hearth-person=${token.handle}>${token.text}</a>`;
    }
  }
}

function selectTag(tag: string) {
  return (event: Event) => {
    $selectedTag.set(tag);
    (event.currentTarget as Element).dispatchEvent(new HearthTagSelectEvent(tag));
  };
}
