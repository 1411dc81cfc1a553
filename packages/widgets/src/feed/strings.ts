import { LanguagePack, defineStrings } from '../runtime/i18n.ts';

/**
 * The feed's words, beside the widget so other widgets' pages do not carry them. Other languages
 * are in `lang/<language>.ts`, each a chunk loaded only by a page in that language; the tables of
 * the feed's lazily loaded parts (the composer's tag suggestions) are in the same packs.
 */
export const feedPack = new LanguagePack({
  fr: () => import('./lang/fr.ts'),
  de: () => import('./lang/de.ts'),
  es: () => import('./lang/es.ts'),
});

export const feedStrings = defineStrings(feedPack, 'feed', {
  posts: 'Posts',
  writePost: 'Write a post',
  post: 'Post',
  writeReply: 'Write a reply',
  sendReply: 'Send reply',
  editPost: 'Edit post',
  save: 'Save',
  cancel: 'Cancel',
  like: 'Like',
  unlike: 'Unlike',
  likes_one: 'like',
  likes_other: 'likes',
  reply: 'Reply',
  replies_one: '{n} reply',
  replies_other: '{n} replies',
  hideReplies: 'Hide replies',
  moreReplies: 'More replies',
  loadingReplies: 'Loading replies…',
  edit: 'Edit',
  delete: 'Delete',
  deletePost: 'Delete post',
  confirmDelete: 'Delete this post? This cannot be undone.',
  edited: '(edited)',
  editedAt: 'Edited {date}',
  inCommunity: 'in {name}',
  loadMore: 'Load more',
  showMore: 'Show more',
  showLess: 'Show less',
  empty: 'No posts here yet.',
  emptyCompose: 'No posts here yet. Start the conversation.',
  loadFailed: 'The posts could not be loaded.',
  signedOut: 'You are signed out. Sign in to see and write posts.',
  likeFailed: 'Your like could not be saved: {reason}',
  deleteFailed: 'The post could not be deleted: {reason}',
  filteredBy: 'Filtered by #{tag}',
  clearFilter: 'Clear the tag filter, show all posts',
});

export const { t, plural } = feedStrings;
