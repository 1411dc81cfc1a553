import type { LiveEvent } from '@hearth/contracts';
import type { Viewer } from '../../auth/viewer.ts';
import type { CommunitiesService } from '../communities/service.ts';
import type { BusEvent, EventBus } from './bus.ts';

interface Connection {
  viewer: Viewer;
  send(event: LiveEvent): void;
  close(): void;
}

export type LiveEventsService = ReturnType<typeof liveEventsService>;

/**
 * The open event streams of this instance. Each bus event is checked once against everyone
 * connected (one membership query for a restricted community, none for an open one), and sent
 * only to those who may see it: a restricted community's events do not exist for non-members.
 */
export function liveEventsService(bus: EventBus, deps: { communities: CommunitiesService }) {
  const connections = new Set<Connection>();
  let subscribed: Promise<unknown> | null = null;

  async function deliver(event: BusEvent) {
    if (connections.size === 0) return;
    const viewers = [...new Set([...connections].map((c) => c.viewer.id))];
    const { slug, allowed } = await deps.communities.audience(event.communityId, viewers);
    const payload: LiveEvent = { type: event.type, postId: event.postId, parentId: event.parentId, community: slug };
    for (const c of connections) {
      if (allowed === 'all' || allowed.has(c.viewer.id)) c.send(payload);
    }
  }

  return {
    /** Registers a stream; resolves (listening) to a function that removes it. */
    async open(connection: Connection): Promise<() => void> {
      subscribed ??= bus.subscribe((event) => {
        void deliver(event).catch(() => undefined);
      });
      await subscribed;
      connections.add(connection);
      return () => connections.delete(connection);
    },

    /** Ends every stream (shutdown), so the server can close. */
    closeAll() {
      for (const c of connections) c.close();
      connections.clear();
    },
  };
}
