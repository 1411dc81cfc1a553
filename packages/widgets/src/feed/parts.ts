import { lazyDefine } from '../runtime/lazy-define.ts';

/**
 * The feed's parts that come in chunks of their own (see lazyDefine). A feed asks for its posts'
 * element as it starts, while the posts load; most feeds are read, not written, so the composer
 * (with its drafts, counter and tag suggestions) comes only with `compose` or when someone
 * chooses Reply or Edit.
 */
export const loadPost = () => lazyDefine('hearth-feed-post', () => import('./hearth-feed-post.ts').then((m) => m.HearthFeedPost));

export const loadComposer = () =>
  lazyDefine('hearth-feed-composer', () => import('./hearth-feed-composer.ts').then((m) => m.HearthFeedComposer));
