import type { TagCount } from '@hearth/contracts';
import type { ComboboxHost } from '../runtime/tag-combobox.ts';
import { TagCombobox } from '../runtime/tag-combobox.ts';
import { FragmentSuggestions } from './suggest.ts';

/*
 * Tag suggestions for a composer: typing `#` and a letter lists the most used tags that start
 * that way (the runtime's tag combobox), and choosing one replaces the typed `#fragment`. Loaded
 * on demand (a chunk of its own) the first time someone types `#`, so a page that only reads the
 * feed never downloads it.
 */

const LIMIT = 8;
// The #tag being typed, ending at the caret; it starts where the tokenizer would start one
// (text start or after a character that is not a letter, digit, '_' or '&').
const BEFORE_CARET = /(?:^|[^\p{L}\p{N}_&])#([\p{L}\p{M}\p{N}_-]{1,40})$/u;
// The rest of that tag after the caret, replaced too when a suggestion is inserted mid-word.
const AFTER_CARET = /^[\p{L}\p{M}\p{N}_-]*/u;

export class TagSuggestions extends FragmentSuggestions<TagCount> {
  constructor(host: ComboboxHost, root: Node, id: string) {
    super('#', BEFORE_CARET, AFTER_CARET, (choose) => new TagCombobox(host, root, { id: `${id}-tags`, option: `${id}-tag`, limit: LIMIT, choose }));
  }
}
