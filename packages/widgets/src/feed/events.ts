import type { Post } from '@hearth/contracts';

const init: EventInit = { bubbles: true, composed: true };

/** A post or reply the current person wrote was stored by the server. */
export class HearthPostCreatedEvent extends Event {
  static readonly type = 'hearth-post-created';
  readonly post: Post;
  constructor(post: Post) {
    super(HearthPostCreatedEvent.type, init);
    this.post = post;
  }
}

/** A post changed: edited, liked or unliked, or it got a reply. */
export class HearthPostUpdatedEvent extends Event {
  static readonly type = 'hearth-post-updated';
  readonly post: Post;
  constructor(post: Post) {
    super(HearthPostUpdatedEvent.type, init);
    this.post = post;
  }
}

/** A post or reply was deleted. `parentId` is set for a reply. */
export class HearthPostDeletedEvent extends Event {
  static readonly type = 'hearth-post-deleted';
  readonly postId: number;
  readonly parentId: number | null;
  constructor(postId: number, parentId: number | null) {
    super(HearthPostDeletedEvent.type, init);
    this.postId = postId;
    this.parentId = parentId;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'hearth-post-created': HearthPostCreatedEvent;
    'hearth-post-updated': HearthPostUpdatedEvent;
    'hearth-post-deleted': HearthPostDeletedEvent;
  }
}
