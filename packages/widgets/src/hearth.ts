/**
 * Every Hearth widget, for pages that load one script for all of them. The runtime's public
 * pieces are re-exported so a host page's own module can listen to the same stores and events.
 */
import './feed/define.ts';
import './tag-cloud/define.ts';
import './community-card/define.ts';
import './ask-expert/define.ts';

export { $me, $selectedTag } from './runtime/stores.ts';
export {
  HearthPostCreatedEvent,
  HearthPostDeletedEvent,
  HearthPostUpdatedEvent,
  HearthTagSelectEvent,
} from './runtime/events.ts';
