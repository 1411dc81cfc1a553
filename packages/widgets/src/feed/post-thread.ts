import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Post } from '@hearth/contracts';
import { adopt } from '../runtime/adopt.ts';
import { createReply, deletePost, listReplies, updatePost } from './api.ts';
import { isAbort } from '../runtime/errors.ts';
import { errorStrings, errorText } from '../runtime/strings.ts';
import { HearthPostCreatedEvent, HearthPostDeletedEvent } from './events.ts';
import type { HearthFeedComposer } from './hearth-feed-composer.ts';
import type { HearthFeedPost } from './hearth-feed-post.ts';
import { loadComposer } from './parts.ts';
import { t } from './strings.ts';

/*
 * What a post does beyond being read and liked: editing, deleting, its replies and the reply box.
 * A chunk of its own, loaded the first time someone opens replies, replies, edits or deletes, so a
 * feed that is only read starts without it. The state stays on the post (it renders it, and the
 * live feed reads it); the behaviour and the templates are here.
 */

const REPLIES_PAGE = 20;

// Adopted into the feed's shadow root with this chunk.
const styles = css`
  .reply-box:not(:empty) {
    margin-top: calc(0.3 * var(--_space));
  }
  .replies {
    margin: calc(0.4 * var(--_space)) 0 0;
    margin-inline-start: calc(1.5 * var(--_space));
  }
  .replies > .link-button,
  .replies > .muted {
    margin: calc(0.4 * var(--_space)) 0;
  }
`;

/** Paging of a post's replies: the cursor of the next page and the request in flight. */
const paging = new WeakMap<HearthFeedPost, { cursor: string | null; abort: AbortController | null }>();
const pagingOf = (post: HearthFeedPost) => {
  let state = paging.get(post);
  if (!state) paging.set(post, (state = { cursor: null, abort: null }));
  return state;
};

/** Called once the chunk is loaded for a post: its styles join the feed's shadow root. */
export function attach(post: HearthFeedPost): void {
  adopt(post.getRootNode(), styles);
}

/** Loads the composer's chunk on first use; says so when it cannot be loaded. */
async function composerReady(post: HearthFeedPost): Promise<boolean> {
  try {
    await loadComposer();
    return true;
  } catch {
    post._message = errorStrings.t(post.locale, 'network');
    return false;
  }
}

async function focusComposer(post: HearthFeedPost, selector: string): Promise<void> {
  await post.updateComplete;
  const composer = post.querySelector<HearthFeedComposer>(selector);
  await composer?.updateComplete;
  composer?.focus();
}

export async function startEditing(post: HearthFeedPost): Promise<void> {
  if (!(await composerReady(post))) return;
  post._editing = true;
  post._confirming = false;
  await focusComposer(post, 'hearth-feed-composer');
}

export function renderEditor(post: HearthFeedPost) {
  return html`<hearth-feed-composer
    .label=${t(post.locale, 'editPost')}
    .action=${t(post.locale, 'save')}
    .initial=${post.post.body}
    .send=${async (body: string) => {
      const edited = await updatePost(post.client, post.post.id, body);
      post._editing = false;
      post.apply(edited);
    }}
    .cancel=${() => (post._editing = false)}
    .mentionScope=${post.post.community}
  ></hearth-feed-composer>`;
}

/** Deletes the post, once its author confirmed (the post asks, without this chunk). */
export async function remove(post: HearthFeedPost): Promise<void> {
  if (post._busy) return;
  post._busy = true;
  try {
    await deletePost(post.client, post.post.id);
    post.dispatchEvent(new HearthPostDeletedEvent(post.post.id, post.post.parentId));
  } catch (error) {
    post._confirming = false;
    post._message = t(post.locale, 'deleteFailed', { reason: errorText(post.locale, error) });
  } finally {
    post._busy = false;
  }
}

/**
 * Opens the replies (a permalink) and, when `replyId` names one, pages through them until it is
 * there (at most ten pages), marks it and scrolls it into view.
 */
export async function openTo(post: HearthFeedPost, replyId: number | null): Promise<void> {
  post._repliesOpen = true;
  if (!post._replies) await loadReplies(post);
  if (replyId === null) return;
  for (let pages = 0; pages < 10 && !post._replies?.some((r) => r.id === replyId) && pagingOf(post).cursor; pages++) {
    await loadReplies(post);
  }
  await post.updateComplete;
  const reply = post.querySelector<HearthFeedPost>(`.replies > hearth-feed-post[data-id="${replyId}"]`);
  if (!reply) return;
  await reply.updateComplete;
  reply.scrollIntoView?.({ block: 'center' });
}

export async function toggleReplies(post: HearthFeedPost): Promise<void> {
  post._repliesOpen = !post._repliesOpen;
  if (post._repliesOpen && !post._replies) await loadReplies(post);
}

export async function loadReplies(post: HearthFeedPost): Promise<void> {
  const state = pagingOf(post);
  state.abort?.abort();
  const abort = (state.abort = new AbortController());
  post._repliesLoading = true;
  post._repliesError = '';
  try {
    const page = await listReplies(post.client, post.post.id, { limit: REPLIES_PAGE, cursor: state.cursor ?? undefined }, abort.signal);
    state.cursor = page.nextCursor;
    addReplies(post, page.items);
  } catch (error) {
    if (!isAbort(error)) post._repliesError = errorText(post.locale, error);
  } finally {
    // Still loading when cut short by leaving the page: it starts again on return.
    if (state.abort === abort && !abort.signal.aborted) post._repliesLoading = false;
  }
}

/** Cancels the replies on their way (the post left the page); `loadReplies` resumes them. */
export function stop(post: HearthFeedPost): void {
  paging.get(post)?.abort?.abort();
}

/** Merges replies in oldest-first order; one written here may already be in the list. */
function addReplies(post: HearthFeedPost, replies: Post[]): void {
  const byId = new Map((post._replies ?? []).map((r) => [r.id, r]));
  for (const reply of replies) byId.set(reply.id, reply);
  post._replies = [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
}

export async function toggleReplyBox(post: HearthFeedPost): Promise<void> {
  // Decided before waiting for the composer, so a double click opens the box once.
  const open = !post._replying;
  if (open && !(await composerReady(post))) return;
  post._replying = open;
  if (open) await focusComposer(post, '.reply-box hearth-feed-composer');
}

/** The reply box's composer, while it is open. */
export function renderReplyBox(post: HearthFeedPost, apiBase: string) {
  return html`<hearth-feed-composer
    .label=${t(post.locale, 'writeReply')}
    .action=${t(post.locale, 'sendReply')}
    .scope=${`reply:${apiBase}:${post.post.id}`}
    .rows=${2}
    .send=${async (body: string, key: string) => {
      const reply = await createReply(post.client, post.post.id, body, key);
      addReplies(post, [reply]);
      post._replying = false;
      post._repliesOpen = true;
      post.apply({ ...post.post, replyCount: post.post.replyCount + 1 });
      post.dispatchEvent(new HearthPostCreatedEvent(reply));
    }}
    .cancel=${() => (post._replying = false)}
    .mentionScope=${post.post.community}
  ></hearth-feed-composer>`;
}

/** The replies loaded so far, their loading and failure, and "More replies". */
export function renderReplies(post: HearthFeedPost) {
  const replies = post._replies ?? [];
  const more = post._repliesOpen && replies.length < post.post.replyCount && (pagingOf(post).cursor || !post._replies);
  return html`${repeat(
      replies,
      (r) => r.id,
      (r) =>
        html`<hearth-feed-post
          .post=${r}
          .now=${post.now}
          .hrefTemplate=${post.hrefTemplate}
          .highlighted=${r.id === post.highlight}
          data-id=${r.id}
          reply
        ></hearth-feed-post>`,
    )}
    ${post._repliesLoading ? html`<p class="muted">${t(post.locale, 'loadingReplies')}</p>` : nothing}
    ${post._repliesError
      ? html`<p class="message" role="alert">
          ${post._repliesError}
          <button @click=${() => loadReplies(post)}>${errorStrings.t(post.locale, 'retry')}</button>
        </p>`
      : nothing}
    ${more && !post._repliesLoading && !post._repliesError
      ? html`<button class="link-button" @click=${() => loadReplies(post)}>${t(post.locale, 'moreReplies')}</button>`
      : nothing}`;
}
