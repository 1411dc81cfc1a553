import type { Post } from '@hearth/contracts';
import { normalizeTag } from '@hearth/contracts/text';
import type { FeedQuery } from '../runtime/api.ts';
import { createPost } from './api.ts';
import { type FollowingState, followingOf, follows } from '../runtime/follow.ts';
import type { HearthSession } from '../runtime/session.ts';
import { defineStrings } from '../runtime/i18n.ts';
import { permalink } from '../runtime/permalink.ts';
import { feedPack } from './strings.ts';

/*
 * Where a post belongs, in a chunk shared by the composer's feed and the live updates: whether a
 * post fits the list on show, and what to say when a post written here does not.
 */

export const placingStrings = defineStrings(feedPack, 'placing', {
  notTagged: 'Posted. It is not tagged #{tag}, so it is not in this list.',
  otherCommunity: 'Posted in {name}, so it is not in this list.',
  companyWide: 'Posted company-wide, so it is not in this list.',
  notFollowed: 'Posted. It is not about anything you follow, so it is not in your Following list.',
  seePost: 'See your post',
});

/**
 * Whether `post` belongs in a feed asked for with `query`. The Following scope needs what the
 * person follows: while that is unknown, a post is not taken to be in it.
 */
export function fits(post: Post, query: FeedQuery, following?: FollowingState | null): boolean {
  const tag = query.tag ? normalizeTag(query.tag) : null;
  const slug = post.community?.slug;
  return (
    post.parentId === null &&
    (!query.community || slug === query.community) &&
    (!tag || post.tags.includes(tag)) &&
    (!query.author || post.author.handle === query.author) &&
    (!query.following ||
      (!!following &&
        (post.tags.some((t) => follows(following, 'tag', t)) ||
          (!!slug && follows(following, 'community', slug)) ||
          follows(following, 'person', post.author.handle))))
  );
}

/** What the composer says after a post that is not in the list on show, with a link to it. */
export interface PlacedNote {
  text: string;
  href: string;
  label: string;
}

/** Why a new post is not in the list on show; null when it is. */
export function placed(
  post: Post,
  query: FeedQuery,
  following: FollowingState | null,
  locale: string,
  hrefTemplate: string | null,
  apiBase: string,
): PlacedNote | null {
  if (fits(post, query, following)) return null;
  const { t } = placingStrings;
  const tag = query.tag ? normalizeTag(query.tag) : '';
  const text =
    tag && !post.tags.includes(tag)
      ? t(locale, 'notTagged', { tag })
      : query.community && post.community?.slug !== query.community
        ? post.community
          ? t(locale, 'otherCommunity', { name: post.community.name })
          : t(locale, 'companyWide')
        : t(locale, 'notFollowed');
  return { text, href: permalink(hrefTemplate, apiBase, { id: post.id, kind: 'post', parentId: null }), label: t(locale, 'seePost') };
}

/**
 * Stores a post the feed's composer wrote (in `community`, or company-wide), and says where it
 * went: the post, and null when it belongs in the list on show (the feed puts it on top), else
 * the note the composer shows.
 */
export async function send(
  session: HearthSession,
  community: string | null | undefined,
  body: string,
  key: string,
  query: FeedQuery,
  locale: string,
  hrefTemplate: string | null,
): Promise<[Post, PlacedNote | null]> {
  const post = await createPost(session.client, community ? { body, community } : { body }, key);
  return [post, placed(post, query, query.following ? followingOf(session).get() : null, locale, hrefTemplate, session.config.apiBase)];
}
