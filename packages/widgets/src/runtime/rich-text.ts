import { html, type TemplateResult } from 'lit';
import { tokenize, type TextToken } from '@hearth/contracts/text';
import type { Post } from '@hearth/contracts';
import { $selectedTag } from './stores.ts';
import { HearthTagSelectEvent } from './events.ts';

type Mentions = Post['mentions'];

/**
 * Post text as Lit templates. The text is never parsed as HTML: every piece becomes a text node
 * or an attribute value, so whatever a person typed shows up exactly as typed and cannot run.
 * Links are only ever http(s) (the tokenizer drops anything else).
 */
export function renderRichText(body: string, mentions: Mentions = []): Array<TemplateResult | string> {
  return tokenize(body).map((token) => renderToken(token, mentions));
}

function renderToken(token: TextToken, mentions: Mentions): TemplateResult | string {
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
      return html`<span class="mention" part="mention" title=${name ?? token.handle}>${token.text}</span>`;
    }
  }
}

function selectTag(tag: string) {
  return (event: Event) => {
    $selectedTag.set(tag);
    (event.currentTarget as Element).dispatchEvent(new HearthTagSelectEvent(tag));
  };
}
