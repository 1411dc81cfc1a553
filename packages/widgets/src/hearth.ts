/**
 * Every Hearth widget, for pages that load one script for all of them. The runtime's public
 * stores and every widget's public events are re-exported so a host page's own module can listen
 * to the same stores and type the same events.
 */
import './feed/define.ts';
import './tag-cloud/define.ts';
import './community-card/define.ts';
import './ask-expert/define.ts';
import './moderation/define.ts';
import './notifications/define.ts';
import './person/define.ts';
import './search/define.ts';
import { defineAdoptionWhenOnPage } from './adoption/on-page.ts';

export { $me, $selectedTag } from './runtime/stores.ts';
export { HearthTagSelectEvent } from './runtime/events.ts';
export { HearthPostCreatedEvent, HearthPostDeletedEvent, HearthPostUpdatedEvent } from './feed/events.ts';
export { HearthMembershipChangeEvent } from './community-card/events.ts';
export { HearthQuestionAskedEvent, HearthQuestionUpdatedEvent } from './ask-expert/events.ts';
export { HearthModerationDecisionEvent } from './moderation/events.ts';
export { HearthNotificationOpenEvent } from './notifications/events.ts';
export { HearthAskPersonEvent, HearthPersonFollowEvent } from './person/events.ts';
export { HearthSearchOpenEvent } from './search/events.ts';

// The admins' and managers' dashboard is a chunk of its own, fetched by pages that show it.
defineAdoptionWhenOnPage();
