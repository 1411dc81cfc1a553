import { $selectedTag } from '../runtime/stores.ts';

/*
 * `sync-url`: the feed's tag filter in the host page's URL as `?hearth-tag=x` (the name
 * `<hearth-search>` uses for its tag filter too), in a chunk only feeds with `sync-url` fetch.
 * The page's other parameters and its hash are left alone.
 */

const PARAM = 'hearth-tag';

/** The tag the page's URL names, or null. */
export const tagInUrl = (): string | null => new URL(location.href).searchParams.get(PARAM)?.trim().replace(/^#/, '') || null;

/** Pushes `tag` into the page's URL, unless it names it already (Back and Forward, a first load). */
export function tagToUrl(tag: string | null): void {
  const url = new URL(location.href);
  if ((url.searchParams.get(PARAM) || null) === tag) return;
  if (tag) url.searchParams.set(PARAM, tag);
  else url.searchParams.delete(PARAM);
  history.pushState(history.state, '', url);
}

/**
 * Keeps the page's tag in step with its URL while a feed with `sync-url` (and no `tag` of its
 * own: `ownTag`) is connected: the URL's tag is picked now and on Back and Forward, and a tag
 * picked on the page (the cloud, a #tag, the filter's clear button) is pushed into the URL.
 * Returns what stops it.
 */
export function syncUrl(ownTag: () => string | null): () => void {
  const fromUrl = () => {
    if (!ownTag()) $selectedTag.set(tagInUrl());
  };
  fromUrl();
  addEventListener('popstate', fromUrl);
  const unlisten = $selectedTag.listen((tag) => {
    if (!ownTag()) tagToUrl(tag);
  });
  return () => {
    removeEventListener('popstate', fromUrl);
    unlisten();
  };
}
