import type { PersonCard, PersonExpertise, PersonSkill } from '@hearth/contracts';
import type { HearthClient } from '../runtime/client.ts';

/* The person card's endpoints, typed by the contracts (beside the widget: no other widget needs them). */

/** The contract's EndorsementState (a schema without an exported type). */
export type EndorsementState = Pick<PersonSkill, 'endorsements' | 'endorsedByMe'>;

const h = (handle: string) => encodeURIComponent(handle);

export const personCard = (c: HearthClient, handle: string, signal?: AbortSignal) =>
  c.call<PersonCard>(`people/${h(handle)}`, { signal });
export const setEndorsement = (c: HearthClient, handle: string, tag: string, endorsed: boolean) =>
  c.call<EndorsementState>(`people/${h(handle)}/skills/${encodeURIComponent(tag)}/endorsement`, { method: endorsed ? 'put' : 'delete' });
/** Replaces the signed-in person's declared skills. */
export const setSkills = (c: HearthClient, tags: string[]) => c.call<PersonExpertise>('me/skills', { method: 'put', json: { tags } });
export const setAway = (c: HearthClient, away: boolean) => c.call<PersonExpertise>('me/away', { method: 'put', json: { away } });
