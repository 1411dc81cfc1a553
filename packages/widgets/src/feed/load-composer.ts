let loading: Promise<void> | null = null;

/**
 * Defines `<hearth-feed-composer>` from a chunk of its own, once per page; resolves when it is
 * defined. Most feeds are read, not written: a feed without `compose` loads the composer (and
 * its drafts, counter and tag suggestions) only when someone chooses Reply or Edit, which keeps
 * the first render inside the page budget. A failed load (offline, a new release) is tried
 * again on the next call.
 */
export function loadComposer(): Promise<void> {
  loading ??= import('./hearth-feed-composer.ts').then(
    ({ HearthFeedComposer }) => {
      if (!customElements.get('hearth-feed-composer')) customElements.define('hearth-feed-composer', HearthFeedComposer);
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
