import { html } from 'lit';
import type { PersonSummary } from '@hearth/contracts';
import { getCommunity, listMembers, searchPeople } from '../runtime/api.ts';
import type { HearthClient } from '../runtime/client.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { Combobox, type ComboboxHost, type ComboboxSource } from '../runtime/tag-combobox.ts';
import { feedPack } from './strings.ts';
import { FragmentSuggestions } from './suggest.ts';

/*
 * People suggestions for a composer: typing `@` and a letter lists active people whose handle or
 * name starts that way (`GET /people?q=`), or, in a restricted community, its members only
 * (`GET /communities/:slug/members?q=`: a mention there notifies members only); choosing one
 * inserts `@handle `. The same combobox, keyboard and announcement as the `#` tag suggestions,
 * and likewise a chunk of its own, loaded the first time someone types `@`.
 */

/** The suggestions' words, in this chunk (the feed's language packs hold their translations). */
export const mentionStrings = defineStrings(feedPack, 'mentions', {
  label: 'People suggestions',
  found_one: '{n} person suggested. Up and down arrows to choose, Enter or Tab to insert, Escape to close.',
  found_other: '{n} people suggested. Up and down arrows to choose, Enter or Tab to insert, Escape to close.',
});

const LIMIT = 8;
// The @fragment being typed, ending at the caret; it starts where the tokenizer would start a
// mention (text start or after a character that is not a letter, digit, '_' or '.'). Letters of
// any script: people are found by name as well as by handle.
const BEFORE_CARET = /(?:^|[^\p{L}\p{N}_.])@([\p{L}\p{N}][\p{L}\p{M}\p{N}._-]{0,39})$/u;
const AFTER_CARET = /^[\p{L}\p{M}\p{N}._-]*/u;

/** The community a composer writes in: its visibility when known (a post says it), else asked once. */
export interface MentionScope {
  slug: string;
  visibility?: string;
}

const restricted = new Map<string, Promise<boolean>>();
/** Whether the community is restricted, asked once per page and API (a failure is asked again). */
function isRestricted(client: HearthClient, scope: MentionScope, apiBase: string): Promise<boolean> {
  if (scope.visibility) return Promise.resolve(scope.visibility === 'restricted');
  const key = `${apiBase} ${scope.slug}`;
  let answer = restricted.get(key);
  if (!answer) {
    answer = getCommunity(client, scope.slug).then((c) => c.visibility === 'restricted');
    answer.catch(() => restricted.delete(key));
    restricted.set(key, answer);
  }
  return answer;
}

function peopleSource(scope: () => MentionScope | null, apiBase: () => string): ComboboxSource<PersonSummary> {
  return {
    async fetch(client, q, limit, signal) {
      const community = scope();
      if (community && (await isRestricted(client, community, apiBase()))) {
        return (await listMembers(client, community.slug, { q, limit }, signal)).items.map((m) => m.person);
      }
      return (await searchPeople(client, q, limit, signal)).items;
    },
    key: (person) => person.handle,
    render: (person) => {
      const role = person.title || person.department;
      return html`<span class="who"><span class="name">${person.name}</span> <span class="aside">@${person.handle}</span></span>${role
          ? html`<span class="aside">${role}</span>`
          : ''}`;
    },
    label: (locale) => mentionStrings.t(locale, 'label'),
    found: (locale, n) => mentionStrings.plural(locale, 'found', n),
  };
}

export class MentionSuggestions extends FragmentSuggestions<PersonSummary> {
  constructor(host: ComboboxHost & { readonly mentionScope: MentionScope | null; readonly apiBase: string }, root: Node, id: string) {
    super('@', BEFORE_CARET, AFTER_CARET, (choose) =>
      new Combobox(host, root, { id: `${id}-people`, option: `${id}-person`, limit: LIMIT, choose }, peopleSource(() => host.mentionScope, () => host.apiBase)),
    );
  }
}
