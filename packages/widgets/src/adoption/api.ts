import type { Adoption, AdoptionTargets, Community } from '@hearth/contracts';
import type { HearthClient } from '../runtime/client.ts';

/*
 * The adoption endpoints (and archiving a community), as functions over the runtime's client like
 * runtime/api.ts, but kept beside the widget: only a page with <hearth-adoption> bundles them.
 */

export interface AdoptionInput {
  weeks?: number;
  community?: string | undefined;
}

export const getAdoption = (c: HearthClient, query: AdoptionInput, signal?: AbortSignal) =>
  c.call<Adoption>('adoption', { query: { ...query }, signal });
export const setAdoptionTargets = (c: HearthClient, targets: AdoptionTargets) =>
  c.call<AdoptionTargets>('adoption/targets', { method: 'put', json: targets });
/** Admins: makes a community read-only (POST /communities/{slug}/archive). */
export const archiveCommunity = (c: HearthClient, slug: string) =>
  c.call<Community>(`communities/${encodeURIComponent(slug)}/archive`, { method: 'post' });
