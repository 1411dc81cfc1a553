import { defineStrings } from '../runtime/i18n.ts';

/**
 * The feed's strings that came with tags. The older ones are still in the runtime's table
 * (runtime/i18n.ts); new ones live here, beside the widget, so other widgets' pages do not
 * carry them.
 */
export const { t: feedText } = defineStrings({
  filteredBy: 'Filtered by #{tag}',
  clearFilter: 'Clear the tag filter, show all posts',
});
